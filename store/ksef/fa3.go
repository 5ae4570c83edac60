// Package ksef builds Kontor's invoices and credit notes as FA(3) structured
// invoices (the schema of KSeF, the Polish national e-invoicing system), makes
// their verification links (KOD I), checks KSeF numbers and reads KSeF's
// receipts (UPO). It imports no database and no Fyne: the store keeps the
// bytes it builds, and the schema it is tested against is test data.
package ksef

import (
	"encoding/xml"
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"kontor/domain"
)

// The FA(3) schema's identity (schemat_FA(3)_v1-0E.xsd).
const (
	Namespace   = "http://crd.gov.pl/wzor/2025/06/25/13775/"
	formCode    = "FA"
	systemCode  = "FA (3)"
	schemaVer   = "1-0E"
	formVariant = 3
	systemInfo  = "Kontor"
)

// The dates the schema takes: issue and correction dates (TDataT), the due
// date (TData) and the moment the file is made (DataWytworzeniaFa).
var (
	issueFrom, issueTo = domain.NewDate(2006, 1, 1), domain.NewDate(2050, 1, 1)
	dueFrom, dueTo     = domain.NewDate(2016, 7, 1), domain.NewDate(2050, 1, 1)
	madeFrom           = time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	madeTo             = time.Date(2050, 1, 1, 23, 59, 59, 0, time.UTC)
)

// Input is everything an invoice's file is built from.
type Input struct {
	Invoice  *domain.Invoice
	Seller   domain.CompanySettings
	Settings domain.KSeFSettings
	Buyer    *domain.Account
	// Annex15 names the products listed in Annex 15 to the VAT act (split payment).
	Annex15 map[domain.ProductID]bool
	// Original is the invoice a credit note corrects; nil for an invoice.
	Original *Original
	// Created is the moment the file is made (DataWytworzeniaFa).
	Created time.Time
}

// Original is what a credit note's file says of the invoice it corrects.
type Original struct {
	Number string
	Date   domain.Date
	Gross  domain.Amount
	// KSeFNumber is the number KSeF gave it; blank with OutsideKSeF for an
	// invoice issued before KSeF, blank without it while the number is awaited.
	KSeFNumber  string
	OutsideKSeF bool
}

// CannotBuild is the error of an invoice whose file cannot be built yet:
// what is missing, for a user to fill in. It never stops an invoice being issued.
type CannotBuild struct{ Reasons []domain.KSeFReason }

func (c *CannotBuild) Error() string {
	parts := make([]string, len(c.Reasons))
	for i, r := range c.Reasons {
		parts[i] = r.String()
	}
	return "the FA(3) file cannot be built: " + strings.Join(parts, "; ")
}

// Reasons returns the reasons when err is a *CannotBuild.
func Reasons(err error) ([]domain.KSeFReason, bool) {
	var c *CannotBuild
	if errors.As(err, &c) {
		return c.Reasons, true
	}
	return nil, false
}

// Reason codes (domain.KSeFReason.Code).
const (
	ReasonSellerNIP       = "seller_nip"
	ReasonSellerName      = "seller_name"
	ReasonSellerAddress   = "seller_address"
	ReasonBuyerNIP        = "buyer_nip"
	ReasonBuyerEUVAT      = "buyer_eu_vat"
	ReasonBuyerVATFormat  = "buyer_vat_format"
	ReasonBuyerAddress    = "buyer_address"
	ReasonExemptionBasis  = "exemption_basis"
	ReasonDateRange       = "date_range"
	ReasonCurrency        = "currency"
	ReasonOriginalWaiting = "original_waiting"
)

func reason(code, msg string, args map[string]any) domain.KSeFReason {
	return domain.KSeFReason{Code: code, Key: "ksef.reason." + code, Msg: msg, Args: args}
}

// buyerKind is what the buyer's country makes of a sale: a 0 % line is a
// domestic 0 % sale, an intra-Community supply (WDT) or an export.
type buyerKind int

const (
	domestic buyerKind = iota
	intraEU
	export
)

// euCodes maps the EU member states other than Poland from ISO 3166 to the
// codes VAT numbers use (Greece is EL).
var euCodes = map[string]string{"AT": "AT", "BE": "BE", "BG": "BG", "CY": "CY", "CZ": "CZ", "DK": "DK", "EE": "EE",
	"FI": "FI", "FR": "FR", "DE": "DE", "GR": "EL", "HR": "HR", "HU": "HU", "IE": "IE", "IT": "IT", "LV": "LV",
	"LT": "LT", "LU": "LU", "MT": "MT", "NL": "NL", "PT": "PT", "RO": "RO", "SK": "SK", "SI": "SI", "ES": "ES", "SE": "SE"}

var (
	nipPattern   = regexp.MustCompile(`^[1-9]((\d[1-9])|([1-9]\d))\d{7}$`)
	euVATPattern = regexp.MustCompile(`^[0-9A-Z+*]{1,12}$`)
)

// Build returns the invoice's FA(3) file: UTF-8 XML, the same bytes for the
// same input. A *CannotBuild error lists what is missing.
func Build(in Input) ([]byte, error) {
	b := &builder{in: in, inv: in.Invoice}
	doc := b.document()
	if len(b.reasons) > 0 {
		return nil, &CannotBuild{Reasons: b.reasons}
	}
	body, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(xml.Header)+len(body)+1)
	out = append(append(append(out, xml.Header...), body...), '\n')
	return out, nil
}

type builder struct {
	in      Input
	inv     *domain.Invoice
	kind    buyerKind
	reasons []domain.KSeFReason
}

func (b *builder) fail(r domain.KSeFReason) { b.reasons = append(b.reasons, r) }

func (b *builder) document() *faktura {
	inv := b.inv
	made := b.in.Created.UTC().Truncate(time.Second)
	if made.Before(madeFrom) || made.After(madeTo) {
		b.fail(reason(ReasonDateRange, "the file's date {{.Date}} is outside the dates the FA(3) schema takes ({{.From}} to {{.To}}): check the computer's clock",
			map[string]any{"Date": made.Format("2006-01-02"), "From": madeFrom.Format("2006-01-02"), "To": madeTo.Format("2006-01-02")}))
	}
	b.checkDate(inv.Date, issueFrom, issueTo)
	if inv.Currency != "" && inv.Currency != "PLN" {
		b.fail(reason(ReasonCurrency, "the invoice is in {{.Currency}}: Kontor builds FA(3) files of invoices in PLN only",
			map[string]any{"Currency": inv.Currency}))
	}
	doc := &faktura{Xmlns: Namespace,
		Naglowek: naglowek{KodFormularza: kodFormularza{Value: formCode, KodSystemowy: systemCode, WersjaSchemy: schemaVer},
			WariantFormularza: formVariant, DataWytworzeniaFa: made.Format("2006-01-02T15:04:05Z"), SystemInfo: systemInfo},
	}
	b.kind = kindOf(b.in.Buyer.Country)
	doc.Podmiot1 = b.seller()
	doc.Podmiot2 = b.buyer()
	doc.Fa = b.fa()
	return doc
}

func (b *builder) checkDate(d, from, to domain.Date) {
	if d.Before(from) || to.Before(d) {
		b.fail(reason(ReasonDateRange, "the date {{.Date}} is outside the dates the FA(3) schema takes ({{.From}} to {{.To}})",
			map[string]any{"Date": d.String(), "From": from.String(), "To": to.String()}))
	}
}

func (b *builder) seller() podmiot1 {
	c := b.in.Seller
	nip, err := domain.NormalizeNIP(c.TaxID)
	if c.TaxID == "" || err != nil || !nipPattern.MatchString(nip) || c.Country != "" && c.Country != "PL" {
		b.fail(reason(ReasonSellerNIP, "the company's NIP is missing or not a valid Polish NIP: fill it in Settings", nil))
	}
	name := text(c.Name, 512)
	if name == "" {
		b.fail(reason(ReasonSellerName, "the company's name is missing: fill it in Settings", nil))
	}
	street, city := text(c.Street, 512), text(strings.TrimSpace(c.PostalCode+" "+c.City), 512)
	if street == "" || strings.TrimSpace(c.City) == "" {
		b.fail(reason(ReasonSellerAddress, "the company's address (street and city) is missing: fill it in Settings", nil))
	}
	p := podmiot1{Dane: dane1{NIP: nip, Nazwa: name}, Adres: adres{KodKraju: "PL", AdresL1: street, AdresL2: city}}
	if b.kind == intraEU {
		p.PrefiksPodatnika = "PL" // the seller's EU VAT number is PL + NIP
	}
	email, phone := text(c.Email, 255), text(c.Phone, 16)
	if !domain.ValidEmail(email) {
		email = ""
	}
	if utf8.RuneCountInString(c.Phone) > 16 {
		phone = ""
	}
	if email != "" || phone != "" {
		p.Kontakt = &kontakt{Email: email, Telefon: phone}
	}
	return p
}

func (b *builder) buyer() podmiot2 {
	a := b.in.Buyer
	country := strings.ToUpper(a.Country)
	if country == "" {
		country = "PL"
	}
	p := podmiot2{JST: 2, GV: 2, NrKlienta: text(a.Code, 256)}
	p.Dane.Nazwa = text(a.Name, 512)
	args := map[string]any{"Code": a.Code, "Name": a.Name}
	taxID := strings.TrimSpace(a.TaxID)
	eu := euCodes[country]
	switch b.kind {
	case domestic:
		nip, err := domain.NormalizeNIP(taxID)
		if taxID == "" || err != nil || !nipPattern.MatchString(nip) {
			b.fail(reason(ReasonBuyerNIP, "account {{.Code}} ({{.Name}}) has no valid NIP: an invoice to a Polish firm needs one", args))
		}
		p.Dane.NIP = nip
	case intraEU:
		vat := euVAT(taxID, eu, country)
		switch {
		case taxID == "" && b.hasRate(domain.VAT0):
			b.fail(reason(ReasonBuyerEUVAT, "account {{.Code}} ({{.Name}}) has no EU VAT number: a 0 % intra-Community supply needs it", args))
		case taxID == "":
			p.Dane.BrakID = 1
		case !euVATPattern.MatchString(vat):
			b.fail(reason(ReasonBuyerVATFormat, "{{.Value}} of account {{.Code}} is not an EU VAT number (after the country code at most 12 letters and digits)",
				map[string]any{"Code": a.Code, "Value": taxID}))
		default:
			p.Dane.KodUE, p.Dane.NrVatUE = eu, vat
		}
	default:
		if id := strings.Join(strings.Fields(taxID), " "); id != "" && utf8.RuneCountInString(id) <= 50 {
			p.Dane.KodKraju, p.Dane.NrID = country, id
		} else {
			p.Dane.BrakID = 1
		}
	}
	street, city := text(a.Street, 512), text(strings.TrimSpace(a.PostalCode+" "+a.City), 512)
	switch {
	case street != "":
		p.Adres = &adres{KodKraju: country, AdresL1: street, AdresL2: city}
	case strings.TrimSpace(a.City) != "":
		p.Adres = &adres{KodKraju: country, AdresL1: city}
	default:
		b.fail(reason(ReasonBuyerAddress, "account {{.Code}} ({{.Name}}) has no address: fill in its city at least", args))
	}
	return p
}

func kindOf(country string) buyerKind {
	c := strings.ToUpper(country)
	if c == "" || c == "PL" {
		return domestic
	}
	if _, ok := euCodes[c]; ok {
		return intraEU
	}
	return export
}

// euVAT is the VAT number as FA(3) takes it: without the country prefix,
// spaces, dots or dashes.
func euVAT(id, code, iso string) string {
	t := strings.ToUpper(strings.NewReplacer(" ", "", "-", "", ".", "", "\u00a0", "").Replace(id))
	for _, p := range []string{code, iso} {
		if strings.HasPrefix(t, p) && len(t) > len(p) {
			return t[len(p):]
		}
	}
	return t
}

func (b *builder) hasRate(r domain.VATRate) bool {
	for i := range b.inv.Lines {
		if b.inv.Lines[i].VATRate == r {
			return true
		}
	}
	return false
}

func (b *builder) fa() fa {
	inv, credit := b.inv, b.inv.Kind == domain.KindCreditNote
	f := fa{KodWaluty: inv.Currency, P1: inv.Date.String(), P1M: text(b.in.Settings.PlaceOfIssue, 256), P2: text(inv.Number, 256),
		P15: inv.Totals.Gross.String(), RodzajFaktury: "VAT"}
	if f.KodWaluty == "" {
		f.KodWaluty = "PLN"
	}
	for _, v := range inv.Totals.ByRate {
		net, vat := v.Net.String(), v.VAT.String()
		switch v.Rate {
		case domain.VAT23:
			f.Sums = append(f.Sums, el("P_13_1", net), el("P_14_1", vat))
		case domain.VAT8:
			f.Sums = append(f.Sums, el("P_13_2", net), el("P_14_2", vat))
		case domain.VAT5:
			f.Sums = append(f.Sums, el("P_13_3", net), el("P_14_3", vat))
		case domain.VAT0:
			f.Sums = append(f.Sums, el([]string{"P_13_6_1", "P_13_6_2", "P_13_6_3"}[b.kind], net))
		case domain.VATExempt:
			f.Sums = append(f.Sums, el("P_13_7", net))
		}
	}
	mpp := b.splitPayment()
	f.Adnotacje = adnotacje{P16: 2, P17: 2, P18: 2, P18A: 2, P23: 2}
	f.Adnotacje.NoweSrodkiTransportu.P22N = 1
	f.Adnotacje.PMarzy.PPMarzyN = 1
	if mpp {
		f.Adnotacje.P18A = 1
	}
	if b.hasRate(domain.VATExempt) {
		basis := text(b.in.Settings.ExemptionBasis, 256)
		if basis == "" {
			b.fail(reason(ReasonExemptionBasis, "an exempt (zw) line needs the legal basis of the exemption: fill it in Settings", nil))
		}
		f.Adnotacje.Zwolnienie = zwolnienie{P19: 1, P19A: basis}
	} else {
		f.Adnotacje.Zwolnienie = zwolnienie{P19N: 1}
	}
	sign := ""
	if credit {
		sign = "-"
		b.correction(&f)
	}
	for k := range inv.Lines {
		l := &inv.Lines[k]
		net, full := l.Net(), domain.LineNet(l.Quantity, l.Price, 0)
		w := wiersz{NrWierszaFa: k + 1, P7: text(l.Name, 512), P8A: text(string(l.Unit), 256),
			P8B: sign + l.Quantity.String(), P9A: l.Price.String(), P11: amount(sign, net), P12: b.rateCode(l.VATRate)}
		if sku := text(l.SKU, 50); utf8.RuneCountInString(l.SKU) <= 50 {
			w.Indeks = sku
		}
		if l.Discount > 0 {
			w.P10 = amount(sign, full-net)
		}
		if mpp && b.in.Annex15[l.ProductID] {
			w.P12Zal15 = 1
		}
		f.Wiersze = append(f.Wiersze, w)
	}
	if !credit {
		b.checkDate(inv.Due, dueFrom, dueTo)
		p := &platnosc{Termin: &termin{Termin: inv.Due.String()}, FormaPlatnosci: 6} // 6: transfer
		if iban := strings.ReplaceAll(b.in.Seller.BankAccount, " ", ""); len(iban) >= 10 && len(iban) <= 34 {
			p.Rachunek = &rachunek{NrRB: iban, NazwaBanku: text(b.in.Seller.BankName, 256)}
		}
		f.Platnosc = p
	}
	return f
}

// splitPayment: MPP applies to an invoice whose gross is over 15,000 PLN with
// an Annex 15 line; a credit note follows its original's gross.
func (b *builder) splitPayment() bool {
	gross := b.inv.Totals.Gross
	if b.inv.Kind == domain.KindCreditNote {
		if b.in.Original == nil {
			return false
		}
		gross = b.in.Original.Gross
	}
	return domain.SplitPayment(gross, b.inv.Lines, func(id domain.ProductID) bool { return b.in.Annex15[id] })
}

// correction fills a credit note's KOR part: the reason, the invoice it
// corrects and how that invoice is known to KSeF.
func (b *builder) correction(f *fa) {
	o := b.in.Original
	if o == nil {
		o = &Original{Number: b.inv.CorrectsNumber}
	}
	f.RodzajFaktury = "KOR"
	f.PrzyczynaKorekty = text(b.inv.Reason, 256)
	f.TypKorekty = 2 // reduces the tax base on the credit note's date (a return or a discount)
	d := &daneKor{Data: o.Date.String(), Nr: text(o.Number, 256)}
	switch {
	case o.KSeFNumber != "":
		d.NrKSeF, d.NrKSeFFa = 1, o.KSeFNumber
	case o.OutsideKSeF:
		d.NrKSeFN = 1
	default:
		b.fail(reason(ReasonOriginalWaiting, "the credit note waits for the KSeF number of invoice {{.Number}}: import its receipt (UPO)",
			map[string]any{"Number": o.Number}))
	}
	b.checkDate(o.Date, issueFrom, issueTo)
	f.Korygowana = d
}

func (b *builder) rateCode(r domain.VATRate) string {
	if r == domain.VAT0 {
		return []string{"0 KR", "0 WDT", "0 EX"}[b.kind]
	}
	return string(r) // 23, 8, 5, zw
}

func amount(sign string, a domain.Amount) string {
	if sign == "" {
		return a.String()
	}
	return (-a).String()
}

// text makes s a schema token: XML-safe characters, whitespace collapsed,
// at most max characters (a longer one ends in an ellipsis).
func text(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF, r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:max-1])) + "…"
	}
	return s
}

// The document's elements, in the schema's order.

type faktura struct {
	XMLName  xml.Name `xml:"Faktura"`
	Xmlns    string   `xml:"xmlns,attr"`
	Naglowek naglowek `xml:"Naglowek"`
	Podmiot1 podmiot1 `xml:"Podmiot1"`
	Podmiot2 podmiot2 `xml:"Podmiot2"`
	Fa       fa       `xml:"Fa"`
}

type naglowek struct {
	KodFormularza     kodFormularza `xml:"KodFormularza"`
	WariantFormularza int           `xml:"WariantFormularza"`
	DataWytworzeniaFa string        `xml:"DataWytworzeniaFa"`
	SystemInfo        string        `xml:"SystemInfo"`
}

type kodFormularza struct {
	KodSystemowy string `xml:"kodSystemowy,attr"`
	WersjaSchemy string `xml:"wersjaSchemy,attr"`
	Value        string `xml:",chardata"`
}

type podmiot1 struct {
	PrefiksPodatnika string   `xml:"PrefiksPodatnika,omitempty"`
	Dane             dane1    `xml:"DaneIdentyfikacyjne"`
	Adres            adres    `xml:"Adres"`
	Kontakt          *kontakt `xml:"DaneKontaktowe,omitempty"`
}

type dane1 struct {
	NIP   string `xml:"NIP"`
	Nazwa string `xml:"Nazwa"`
}

type adres struct {
	KodKraju string `xml:"KodKraju"`
	AdresL1  string `xml:"AdresL1"`
	AdresL2  string `xml:"AdresL2,omitempty"`
}

type kontakt struct {
	Email   string `xml:"Email,omitempty"`
	Telefon string `xml:"Telefon,omitempty"`
}

type podmiot2 struct {
	Dane      dane2  `xml:"DaneIdentyfikacyjne"`
	Adres     *adres `xml:"Adres,omitempty"`
	NrKlienta string `xml:"NrKlienta,omitempty"`
	JST       int    `xml:"JST"`
	GV        int    `xml:"GV"`
}

// dane2 is one of: NIP; KodUE and NrVatUE; KodKraju and NrID; BrakID.
type dane2 struct {
	NIP      string `xml:"NIP,omitempty"`
	KodUE    string `xml:"KodUE,omitempty"`
	NrVatUE  string `xml:"NrVatUE,omitempty"`
	KodKraju string `xml:"KodKraju,omitempty"`
	NrID     string `xml:"NrID,omitempty"`
	BrakID   int    `xml:"BrakID,omitempty"`
	Nazwa    string `xml:"Nazwa,omitempty"`
}

type fa struct {
	KodWaluty        string    `xml:"KodWaluty"`
	P1               string    `xml:"P_1"`
	P1M              string    `xml:"P_1M,omitempty"`
	P2               string    `xml:"P_2"`
	Sums             []element // P_13_x and P_14_x of the rates used
	P15              string    `xml:"P_15"`
	Adnotacje        adnotacje `xml:"Adnotacje"`
	RodzajFaktury    string    `xml:"RodzajFaktury"`
	PrzyczynaKorekty string    `xml:"PrzyczynaKorekty,omitempty"`
	TypKorekty       int       `xml:"TypKorekty,omitempty"`
	Korygowana       *daneKor  `xml:"DaneFaKorygowanej,omitempty"`
	Wiersze          []wiersz  `xml:"FaWiersz"`
	Platnosc         *platnosc `xml:"Platnosc,omitempty"`
}

// element is an element named at run time (the sums per rate).
type element struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

func el(name, value string) element { return element{XMLName: xml.Name{Local: name}, Value: value} }

type adnotacje struct {
	P16                  int        `xml:"P_16"`
	P17                  int        `xml:"P_17"`
	P18                  int        `xml:"P_18"`
	P18A                 int        `xml:"P_18A"`
	Zwolnienie           zwolnienie `xml:"Zwolnienie"`
	NoweSrodkiTransportu struct {
		P22N int `xml:"P_22N"`
	} `xml:"NoweSrodkiTransportu"`
	P23    int `xml:"P_23"`
	PMarzy struct {
		PPMarzyN int `xml:"P_PMarzyN"`
	} `xml:"PMarzy"`
}

type zwolnienie struct {
	P19  int    `xml:"P_19,omitempty"`
	P19A string `xml:"P_19A,omitempty"`
	P19N int    `xml:"P_19N,omitempty"`
}

type daneKor struct {
	Data     string `xml:"DataWystFaKorygowanej"`
	Nr       string `xml:"NrFaKorygowanej"`
	NrKSeF   int    `xml:"NrKSeF,omitempty"`
	NrKSeFFa string `xml:"NrKSeFFaKorygowanej,omitempty"`
	NrKSeFN  int    `xml:"NrKSeFN,omitempty"`
}

type wiersz struct {
	NrWierszaFa int    `xml:"NrWierszaFa"`
	P7          string `xml:"P_7"`
	Indeks      string `xml:"Indeks,omitempty"`
	P8A         string `xml:"P_8A,omitempty"`
	P8B         string `xml:"P_8B"`
	P9A         string `xml:"P_9A"`
	P10         string `xml:"P_10,omitempty"`
	P11         string `xml:"P_11"`
	P12         string `xml:"P_12"`
	P12Zal15    int    `xml:"P_12_Zal_15,omitempty"`
}

type platnosc struct {
	Termin         *termin   `xml:"TerminPlatnosci,omitempty"`
	FormaPlatnosci int       `xml:"FormaPlatnosci"`
	Rachunek       *rachunek `xml:"RachunekBankowy,omitempty"`
}

type termin struct {
	Termin string `xml:"Termin"`
}

type rachunek struct {
	NrRB       string `xml:"NrRB"`
	NazwaBanku string `xml:"NazwaBanku,omitempty"`
}
