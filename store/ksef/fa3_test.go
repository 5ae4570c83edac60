package ksef_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store/ksef"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	seller = domain.CompanySettings{Name: "Hurtownia Spożywcza „Złoty Łan” Sp. z o.o.", Street: "ul. Źródłowa 12",
		PostalCode: "90-001", City: "Łódź", Country: "PL", TaxID: "5260001246", BankName: "Bank Żółty S.A.",
		BankAccount: "PL61109010140000071219812874", Phone: "+48 42 630 12 00", Email: "biuro@zlotylan.example.pl"}
	settings = domain.KSeFSettings{Environment: domain.KSeFTest, Start: domain.KSeFStart,
		ExemptionBasis: "art. 43 ust. 1 pkt 37 ustawy o VAT", PlaceOfIssue: "Łódź"}
	made = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

	plBuyer = account("K-ŁÓDŹ-7", "Przedsiębiorstwo Handlowe „Gęś” Spółka Jawna", "PL", "7251801126", "ul. Piotrkowska 120/4", "90-006", "Łódź")
	deBuyer = account("DE-BERLIN", "Bäckerei Müller GmbH", "DE", "DE 123 456 789", "Hauptstraße 5", "10115", "Berlin")
	usBuyer = account("US-NY", "Hudson Foods Inc.", "US", "12-3456789", "5th Avenue 100", "NY 10001", "New York")
	noBuyer = account("NO-OSLO", "Fjord Mat AS", "NO", "", "Karl Johans gate 1", "0154", "Oslo")
)

func account(code, name, country, taxID, street, postal, city string) *domain.Account {
	return &domain.Account{ID: 7, AccountFields: domain.AccountFields{Code: code, Name: name, Country: country, TaxID: taxID,
		Street: street, PostalCode: postal, City: city, Currency: "PLN"}}
}

// line is one invoice line; product ids above 900 are Annex 15 goods.
func line(product int, sku, name, unit string, qty domain.Quantity, price domain.UnitPrice, disc domain.Percent, rate domain.VATRate) domain.DocumentLine {
	return domain.DocumentLine{ProductID: domain.ProductID(product), SKU: sku, Name: name, Unit: domain.Unit(unit), Quantity: qty,
		Price: price, Discount: disc, VATRate: rate}
}

var annex15 = map[domain.ProductID]bool{901: true, 902: true}

func invoice(number string, lines ...domain.DocumentLine) *domain.Invoice {
	inv := &domain.Invoice{ID: 1, Kind: domain.KindInvoice, Number: number, AccountCode: "K", Date: domain.NewDate(2026, 11, 27),
		Due: domain.NewDate(2026, 12, 27), Terms: domain.PaymentTerms{Days: 30}, Currency: "PLN", Totals: domain.ComputeTotals(lines)}
	for i, l := range lines {
		inv.Lines = append(inv.Lines, domain.InvoiceLine{No: i + 1, DocumentLine: l})
	}
	return inv
}

// mixed has a line at every rate; its sums are worked out by hand in TestSumsPerRate.
func mixed() *domain.Invoice {
	return invoice("FV/2026/11/0001",
		// 10 × 12.3456 × 0.95 = 117.2832 → 117.28 (the discount: 123.46 − 117.28 = 6.18)
		line(1, "MAK-650", "Mąka pszenna typ 650 1 kg", "szt", 10*domain.One, 123456, 500, domain.VAT23),
		// 4 × 7.50 = 30.00
		line(2, "SLO-01", "Wafle „Grześki” 36 g", "szt", 4*domain.One, 75000, 0, domain.VAT8),
		// 2.5 × 8.99 = 22.475 → 22.48 (half away from zero)
		line(3, "SER-ŻÓŁ", "Ser żółty gouda", "kg", 2500, 89900, 0, domain.VAT5),
		// 1 × 100.00 at 0 %
		line(4, "EKS-01", "Karton eksportowy", "karton", domain.One, 1000000, 0, domain.VAT0),
		// 3 × 10,000.00 exempt
		line(5, "USŁ-01", "Szkolenie z obsługi wagi", "szt", 3*domain.One, 100000000, 0, domain.VATExempt))
}

func build(t *testing.T, inv *domain.Invoice, buyer *domain.Account, orig *ksef.Original) []byte {
	t.Helper()
	data, err := ksef.Build(ksef.Input{Invoice: inv, Seller: seller, Settings: settings, Buyer: buyer, Annex15: annex15,
		Original: orig, Created: made})
	if err != nil {
		t.Fatalf("%s: %v", inv.Number, err)
	}
	return data
}

type variant struct {
	name  string
	inv   *domain.Invoice
	buyer *domain.Account
	orig  *ksef.Original
	// want are elements (name → values in order) the file must hold.
	want map[string][]string
	// absent are elements it must not hold.
	absent []string
}

func variants(t *testing.T) []variant {
	one := func(rate domain.VATRate) *domain.Invoice {
		return invoice("FV/2026/11/00"+string(rate), line(1, "P-1", "Towar", "szt", 3*domain.One, 3333300, 0, rate))
	}
	// Split payment: 1,000 kg of steel rods (Annex 15) at 12.20 = 12,200.00 + 2,806.00 VAT, and 1 kg of
	// cheese 8.99 + 0.45: 15,015.44 gross, over 15,000; at 12.18 = 12,180.00 + 2,801.40: 14,990.84, under.
	steel := func(price domain.UnitPrice) *domain.Invoice {
		return invoice("FV/2026/11/0100", line(901, "STAL-12", "Pręty stalowe żebrowane fi 12", "kg", 1000*domain.One, price, 0, domain.VAT23),
			line(3, "SER-ŻÓŁ", "Ser żółty gouda", "kg", 1000, 89900, 0, domain.VAT5))
	}
	var long []domain.DocumentLine
	for i := 0; i < 300; i++ {
		long = append(long, line(10+i, fmt.Sprintf("KSZ-%04d", i), fmt.Sprintf("Kasza gryczana palona %d × 500 g", i), "opak",
			domain.Quantity(i+1)*domain.One, domain.UnitPrice(45000+5*i), domain.Percent(i%3*250),
			[]domain.VATRate{domain.VAT5, domain.VAT8, domain.VAT23}[i%3]))
	}
	orig := mixed()
	note, err := domain.BuildCreditNote(orig, nil, domain.CreditNoteRequest{Invoice: orig.ID, Date: domain.NewDate(2026, 12, 3),
		Reason: "Zwrot towaru: 1 szkolenie odwołane, 1 kg sera uszkodzony", Lines: []domain.CreditLine{{LineNo: 5, Quantity: domain.One},
			{LineNo: 3, Quantity: domain.One}}})
	if err != nil {
		t.Fatal(err)
	}
	note.Number = "KOR/2026/12/0001"
	oldNote := *note
	oldNote.Number = "KOR/2026/12/0002"
	special := invoice("FV/2026/11/0200", line(1, "SPEC-1", `Śledź „Bałtycki” & <Co> "extra" 'ok' — ü ß é ñ 🐟`, "kg", domain.One, 10000, 0, domain.VAT5))
	specialBuyer := account("AMP", `Tom & Jerry <"Sp. z o.o."> 'Zażółć gęślą jaźń'`, "PL", "7251801126", "ul. Łąkowa 3 & 5", "00-950", "Warszawa")
	return []variant{
		{name: "rate-23", inv: one(domain.VAT23), buyer: plBuyer, want: map[string][]string{"P_13_1": {"999.99"}, "P_14_1": {"230.00"},
			"P_15": {"1229.99"}, "P_12": {"23"}, "P_19N": {"1"}}, absent: []string{"P_13_2", "P_13_3", "P_13_6_1", "P_13_7", "P_19"}},
		{name: "rate-8", inv: one(domain.VAT8), buyer: plBuyer, want: map[string][]string{"P_13_2": {"999.99"}, "P_14_2": {"80.00"},
			"P_15": {"1079.99"}, "P_12": {"8"}}, absent: []string{"P_13_1"}},
		{name: "rate-5", inv: one(domain.VAT5), buyer: plBuyer, want: map[string][]string{"P_13_3": {"999.99"}, "P_14_3": {"50.00"},
			"P_15": {"1049.99"}, "P_12": {"5"}}},
		{name: "rate-0-domestic", inv: one(domain.VAT0), buyer: plBuyer, want: map[string][]string{"P_13_6_1": {"999.99"},
			"P_15": {"999.99"}, "P_12": {"0 KR"}}, absent: []string{"P_14_1", "P_13_6_2", "P_13_6_3"}},
		{name: "rate-zw", inv: one(domain.VATExempt), buyer: plBuyer, want: map[string][]string{"P_13_7": {"999.99"},
			"P_15": {"999.99"}, "P_12": {"zw"}, "P_19": {"1"}, "P_19A": {"art. 43 ust. 1 pkt 37 ustawy o VAT"}}, absent: []string{"P_19N"}},
		{name: "mixed", inv: mixed(), buyer: plBuyer, want: map[string][]string{"P_12": {"23", "8", "5", "0 KR", "zw"}}},
		{name: "intra-eu", inv: one(domain.VAT0), buyer: deBuyer, want: map[string][]string{"P_13_6_2": {"999.99"},
			"P_12": {"0 WDT"}, "KodUE": {"DE"}, "NrVatUE": {"123456789"}, "PrefiksPodatnika": {"PL"}, "NIP": {"5260001246"}}, absent: []string{"BrakID"}},
		{name: "export", inv: one(domain.VAT0), buyer: usBuyer, want: map[string][]string{"P_13_6_3": {"999.99"}, "P_12": {"0 EX"},
			"KodKraju": {"PL", "US", "US"}, "NrID": {"12-3456789"}}, absent: []string{"KodUE", "PrefiksPodatnika"}},
		{name: "foreign-no-id", inv: one(domain.VAT0), buyer: noBuyer, want: map[string][]string{"BrakID": {"1"}, "P_12": {"0 EX"}},
			absent: []string{"NrID", "NrVatUE"}},
		{name: "mpp-over", inv: steel(122000), buyer: plBuyer, want: map[string][]string{"P_18A": {"1"}, "P_12_Zal_15": {"1"},
			"P_15": {"15015.44"}}},
		{name: "mpp-under", inv: steel(121800), buyer: plBuyer, want: map[string][]string{"P_18A": {"2"}, "P_15": {"14990.84"}},
			absent: []string{"P_12_Zal_15"}},
		{name: "lines-300", inv: invoice("FV/2026/11/0300", long...), buyer: plBuyer},
		{name: "credit-part", inv: note, buyer: plBuyer, orig: &ksef.Original{Number: orig.Number, Date: orig.Date, Gross: orig.Totals.Gross,
			KSeFNumber: "5260001246-20261127-0200A0D6723E-6C"}, want: map[string][]string{"RodzajFaktury": {"KOR"},
			"NrFaKorygowanej": {"FV/2026/11/0001"}, "DataWystFaKorygowanej": {"2026-11-27"}, "NrKSeF": {"1"},
			"NrKSeFFaKorygowanej": {"5260001246-20261127-0200A0D6723E-6C"}, "P_8B": {"-1", "-1"}, "P_13_7": {"-10000.00"},
			"P_13_3": {"-8.99"}, "P_14_3": {"-0.45"}, "P_15": {"-10009.44"}, "TypKorekty": {"2"}}, absent: []string{"Platnosc", "NrKSeFN"}},
		{name: "credit-before-ksef", inv: &oldNote, buyer: plBuyer, orig: &ksef.Original{Number: "FV/2026/03/0009",
			Date: domain.NewDate(2026, 3, 30), Gross: orig.Totals.Gross, OutsideKSeF: true},
			want: map[string][]string{"NrKSeFN": {"1"}}, absent: []string{"NrKSeFFaKorygowanej"}},
		{name: "unicode", inv: special, buyer: specialBuyer, want: map[string][]string{
			"P_7": {"Śledź „Bałtycki” &amp; &lt;Co&gt; &#34;extra&#34; &#39;ok&#39; — ü ß é ñ 🐟"}}},
	}
}

// TestFilesValidate builds every variant and validates them all against the
// official schema with xmllint.
func TestFilesValidate(t *testing.T) {
	files := map[string][]byte{}
	for _, v := range variants(t) {
		data := build(t, v.inv, v.buyer, v.orig)
		files[v.name+".xml"] = data
		for name, want := range v.want {
			if got := field(data, name); !slices.Equal(got, want) {
				t.Errorf("%s: <%s> = %q, want %q", v.name, name, got, want)
			}
		}
		for _, name := range v.absent {
			if bytes.Contains(data, []byte("<"+name+">")) {
				t.Errorf("%s: has <%s>", v.name, name)
			}
		}
		if again := build(t, v.inv, v.buyer, v.orig); !bytes.Equal(again, data) {
			t.Errorf("%s: two builds differ", v.name)
		}
	}
	xmllint(t, files)
	if n := len(field(files["lines-300.xml"], "NrWierszaFa")); n != 300 {
		t.Errorf("the 300-line invoice has %d FaWiersz", n)
	}
}

// TestSchemaRejects: the validation can fail. A file without a required
// element, with a made-up rate or a wrong namespace is refused.
func TestSchemaRejects(t *testing.T) {
	good := build(t, mixed(), plBuyer, nil)
	files := map[string][]byte{
		"no-jst.xml":    bytes.Replace(good, []byte("<JST>2</JST>"), nil, 1),
		"rate.xml":      bytes.Replace(good, []byte("<P_12>8</P_12>"), []byte("<P_12>9</P_12>"), 1),
		"namespace.xml": bytes.Replace(good, []byte("2025/06/25/13775"), []byte("2023/06/29/12648"), 1),
		"good.xml":      good,
	}
	failed := lint(t, files)
	for _, name := range []string{"no-jst.xml", "rate.xml", "namespace.xml"} {
		if _, ok := failed[name]; !ok {
			t.Errorf("%s validates", name)
		}
	}
	if report, ok := failed["good.xml"]; ok {
		t.Errorf("good.xml fails: %s", report)
	}
}

// TestSumsPerRate checks the sums of an invoice with a line at every rate
// against sums worked out by hand: VAT per rate is round(net of the rate ×
// rate, 2), half away from zero; the gross is the sum of net and VAT of each rate.
func TestSumsPerRate(t *testing.T) {
	data := build(t, mixed(), plBuyer, nil)
	for name, want := range map[string]string{
		"P_13_1": "117.28", "P_14_1": "26.97", // 23 %: 117.28 × 0.23 = 26.9744
		"P_13_2": "30.00", "P_14_2": "2.40", // 8 %
		"P_13_3": "22.48", "P_14_3": "1.12", // 5 %: 22.48 × 0.05 = 1.124
		"P_13_6_1": "100.00",   // 0 %, domestic
		"P_13_7":   "30000.00", // exempt
		// 144.25 + 32.40 + 23.60 + 100.00 + 30,000.00
		"P_15": "30300.25",
	} {
		if got := field(data, name); len(got) != 1 || got[0] != want {
			t.Errorf("<%s> = %q, want %s", name, got, want)
		}
	}
	for name, want := range map[string][]string{
		"P_8B": {"10", "4", "2.5", "1", "3"}, "P_9A": {"12.3456", "7.50", "8.99", "100.00", "10000.00"},
		"P_10": {"6.18"}, "P_11": {"117.28", "30.00", "22.48", "100.00", "30000.00"},
		"P_8A": {"szt", "szt", "kg", "karton", "szt"}, "Indeks": {"MAK-650", "SLO-01", "SER-ŻÓŁ", "EKS-01", "USŁ-01"},
	} {
		if got := field(data, name); !slices.Equal(got, want) {
			t.Errorf("<%s> = %q, want %q", name, got, want)
		}
	}
	for _, want := range []string{"<P_1>2026-11-27</P_1>", "<P_1M>Łódź</P_1M>", "<P_2>FV/2026/11/0001</P_2>",
		"<DataWytworzeniaFa>2026-11-27T09:30:00Z</DataWytworzeniaFa>", "<Termin>2026-12-27</Termin>",
		"<FormaPlatnosci>6</FormaPlatnosci>", "<NrRB>PL61109010140000071219812874</NrRB>", "<NIP>5260001246</NIP>",
		"<NIP>7251801126</NIP>", "<JST>2</JST>", "<GV>2</GV>", "<P_16>2</P_16>", "<P_17>2</P_17>", "<P_18>2</P_18>",
		"<P_18A>2</P_18A>", "<P_22N>1</P_22N>", "<P_23>2</P_23>", "<P_PMarzyN>1</P_PMarzyN>",
		`<KodFormularza kodSystemowy="FA (3)" wersjaSchemy="1-0E">FA</KodFormularza>`,
		`<Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/">`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the file lacks %s", want)
		}
	}
}

// TestGolden: the mixed invoice's file, byte for byte. Run with -update after
// a deliberate change and read the diff.
func TestGolden(t *testing.T) {
	got := build(t, mixed(), plBuyer, nil)
	path := filepath.Join("testdata", "golden", "mixed.xml")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run TestGolden -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the file differs from %s:\n%s", path, got)
	}
}

// TestCannotBuild: what is missing is reported as reasons, all at once.
func TestCannotBuild(t *testing.T) {
	codes := func(in ksef.Input) []string {
		if in.Created.IsZero() {
			in.Created = made
		}
		if in.Buyer == nil {
			in.Buyer = plBuyer
		}
		_, err := ksef.Build(in)
		rs, ok := ksef.Reasons(err)
		if !ok {
			t.Fatalf("Build = %v, want reasons", err)
		}
		var out []string
		for _, r := range rs {
			out = append(out, r.Code)
			if r.Key != "ksef.reason."+r.Code || strings.Contains(r.String(), "{{") {
				t.Errorf("reason %+v", r)
			}
		}
		return out
	}
	noSeller := seller
	noSeller.TaxID, noSeller.Street = "", ""
	noBasis := settings
	noBasis.ExemptionBasis = ""
	late := mixed()
	late.Date, late.Due = domain.NewDate(2050, 1, 2), domain.NewDate(2050, 2, 1)
	eur := invoice("FV/1", line(1, "P", "P", "szt", domain.One, 10000, 0, domain.VAT23))
	eur.Currency = "EUR"
	noNIP := account("K2", "Bez NIP", "PL", "", "ul. A 1", "00-001", "Warszawa")
	noAddress := account("K3", "Bez adresu", "PL", "7251801126", "", "", "")
	euNoVAT := account("K4", "Müller", "DE", "", "Straße 1", "10115", "Berlin")
	orig := mixed()
	note, err := domain.BuildCreditNote(orig, nil, domain.CreditNoteRequest{Invoice: 1, Date: orig.Date, Reason: "zwrot"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		in   ksef.Input
		want []string
	}{
		{"seller", ksef.Input{Invoice: mixed(), Seller: noSeller, Settings: settings}, []string{ksef.ReasonSellerNIP, ksef.ReasonSellerAddress}},
		{"basis", ksef.Input{Invoice: mixed(), Seller: seller, Settings: noBasis}, []string{ksef.ReasonExemptionBasis}},
		{"dates", ksef.Input{Invoice: late, Seller: seller, Settings: settings}, []string{ksef.ReasonDateRange, ksef.ReasonDateRange}},
		{"clock", ksef.Input{Invoice: mixed(), Seller: seller, Settings: settings, Created: time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC)},
			[]string{ksef.ReasonDateRange}},
		{"currency", ksef.Input{Invoice: eur, Seller: seller, Settings: settings}, []string{ksef.ReasonCurrency}},
		{"buyer-nip", ksef.Input{Invoice: mixed(), Seller: seller, Settings: settings, Buyer: noNIP}, []string{ksef.ReasonBuyerNIP}},
		{"buyer-address", ksef.Input{Invoice: mixed(), Seller: seller, Settings: settings, Buyer: noAddress}, []string{ksef.ReasonBuyerAddress}},
		{"eu-vat", ksef.Input{Invoice: mixed(), Seller: seller, Settings: settings, Buyer: euNoVAT}, []string{ksef.ReasonBuyerEUVAT}},
		{"original", ksef.Input{Invoice: note, Seller: seller, Settings: settings, Original: &ksef.Original{Number: orig.Number, Date: orig.Date}},
			[]string{ksef.ReasonOriginalWaiting}},
	} {
		if got := codes(c.in); !slices.Equal(got, c.want) {
			t.Errorf("%s: reasons %v, want %v", c.name, got, c.want)
		}
	}
	// An EU buyer without a VAT number is fine when nothing is a 0 % supply.
	if _, err := ksef.Build(ksef.Input{Invoice: invoice("FV/2", line(1, "P", "P", "szt", domain.One, 10000, 0, domain.VAT23)),
		Seller: seller, Settings: settings, Buyer: euNoVAT, Created: made}); err != nil {
		t.Errorf("EU buyer without VAT number at 23 %%: %v", err)
	}
}

// BenchmarkBuild: the file of a five-line invoice, the builder alone.
func BenchmarkBuild(b *testing.B) {
	in := ksef.Input{Invoice: mixed(), Seller: seller, Settings: settings, Buyer: plBuyer, Annex15: annex15, Created: made}
	for i := 0; i < b.N; i++ {
		if _, err := ksef.Build(in); err != nil {
			b.Fatal(err)
		}
	}
}
