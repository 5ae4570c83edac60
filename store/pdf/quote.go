package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"kontor/domain"
)

// quoteWords are the words of a printed quote in one language.
type quoteWords struct {
	title, number, date, validUntil, netPrices, buyer, code, taxID, contact, owner string
	no, sku, name, qty, unit, netPrice, discount, netValue, vat                    string
	rate, net, vatAmount, gross, total, grandTotal, exempt, page, of               string
	payment, delivery, validity, validityText, notes, noLines, noCompany, bank     string
	termsNow, termsNet, termsEOM, day, days                                        string
}

var quoteLabels = map[domain.Locale]quoteWords{
	domain.Polish: {title: "OFERTA", number: "Nr", date: "Data oferty", validUntil: "Ważna do",
		netPrices: "Ceny netto w %s", buyer: "Nabywca", code: "Kod klienta", taxID: "NIP", contact: "Osoba kontaktowa",
		owner: "Opiekun handlowy", no: "Lp.", sku: "Indeks", name: "Nazwa", qty: "Ilość", unit: "J.m.", netPrice: "Cena netto",
		discount: "Rabat", netValue: "Wartość netto", vat: "VAT", rate: "Stawka VAT", net: "Netto", vatAmount: "VAT",
		gross: "Brutto", total: "Razem", grandTotal: "Wartość oferty brutto", exempt: "zw", page: "Strona", of: "z",
		payment: "Warunki płatności", delivery: "Warunki dostawy", validity: "Ważność oferty",
		validityText: "oferta ważna do %s", notes: "Uwagi", noLines: "Oferta nie ma pozycji.",
		noCompany: "(uzupełnij dane firmy w Ustawieniach)", bank: "Konto",
		termsNow: "płatność natychmiastowa", termsNet: "przelew, %s od daty faktury",
		termsEOM: "przelew, %s od końca miesiąca wystawienia faktury", day: "dzień", days: "dni"},
	domain.English: {title: "QUOTATION", number: "No.", date: "Quote date", validUntil: "Valid until",
		netPrices: "Net prices in %s", buyer: "Buyer", code: "Customer code", taxID: "Tax ID", contact: "Contact person",
		owner: "Account manager", no: "No.", sku: "SKU", name: "Name", qty: "Qty", unit: "Unit", netPrice: "Net price",
		discount: "Disc.", netValue: "Net value", vat: "VAT", rate: "VAT rate", net: "Net", vatAmount: "VAT",
		gross: "Gross", total: "Total", grandTotal: "Quote total (gross)", exempt: "ex.", page: "Page", of: "of",
		payment: "Payment terms", delivery: "Delivery terms", validity: "Validity",
		validityText: "this quote is valid until %s", notes: "Notes", noLines: "The quote has no lines.",
		noCompany: "(fill in the company details in Settings)", bank: "Bank account",
		termsNow: "payment due immediately", termsNet: "bank transfer, %s from the invoice date",
		termsEOM: "bank transfer, %s after the end of the invoice month", day: "day", days: "days"},
}

// The quote table's columns in mm (they add up to the page's 186 mm) and
// which of them are numbers, set right.
var (
	quoteColumns = []float64{7, 22, 66, 14, 13, 18, 14, 22, 10}
	quoteRight   = []bool{true, false, false, true, false, true, true, true, true}
)

const (
	quoteFont     = 7.5 // pt, table body
	quoteLineH    = 3.6 // mm, one text line of a row
	quotePad      = 0.8 // mm above and below a row's text
	pageBottom    = 297 - margin - 6
	colName       = 2
	colSKU        = 1
	colUnit       = 4
	headerLineH   = 3.0 // mm, one line of a column title
	headerPad     = 1.0 // mm above and below the column titles
	totalsWidth   = 98.0
	totalsRowH    = 4.6
	quoteCellPadX = 1.0 // gofpdf's default cell margin
)

// Quote writes a quote as the buyer receives it: the seller's letterhead, the
// quote's number, revision and dates, the buyer, one row a line (long names
// wrap; the table header repeats on every page), the totals per VAT rate and
// the gross total from the domain's money rules, the terms and notes, and
// "page N of M" in the footer. buyer gives the billing address and tax ID; nil
// prints the name and code the quote holds.
func Quote(w io.Writer, company domain.CompanySettings, q *domain.Quote, buyer *domain.Account, opt Options) error {
	loc := opt.Locale
	if loc != domain.English {
		loc = domain.Polish
	}
	l := quoteLabels[loc]
	created := opt.Created
	if created.IsZero() {
		created = q.Date.Time()
	}
	if buyer == nil {
		buyer = &domain.Account{AccountFields: domain.AccountFields{Code: q.AccountCode, Name: q.AccountName}}
	}
	number := strings.TrimSpace(q.Number + " " + q.RevisionLabel())
	r := &quoteRender{f: newDocument(created, l.title+" "+number+" — "+buyer.Name), l: l, loc: loc, q: q}
	f := r.f
	f.SetFooterFunc(func() {
		f.SetY(-margin - 2)
		f.SetFont(fontFamily, "", 7)
		f.SetTextColor(90, 90, 90)
		var parts []string
		for _, s := range []string{company.Name, l.title + " " + number, loc.FormatDate(q.Date)} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		f.CellFormat(150, 4, clean(fit(f, strings.Join(parts, " · "), 148)), "T", 0, "L", false, 0, "")
		f.CellFormat(36, 4, fmt.Sprintf("%s %d %s {nb}", l.page, f.PageNo(), l.of), "T", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	// While the table runs, each new page starts with its header.
	f.SetHeaderFuncMode(func() {
		if r.inTable {
			f.SetY(margin)
			r.tableHeader()
		}
	}, false)
	f.AddPage()
	y := letterhead(f, company, labels{taxID: l.taxID, bank: l.bank, noCompany: l.noCompany})
	if f.Err() { // an unreadable logo: gofpdf draws nothing more, and SplitText would fail
		return f.Error()
	}
	r.titleBlock(number)
	f.SetY(max(y, f.GetY()) + 5)
	r.parties(buyer)
	f.Ln(4)
	r.table()
	r.totals()
	r.terms()
	return f.Output(w)
}

// quoteRender carries one quote through its drawing steps.
type quoteRender struct {
	f       *gofpdf.Fpdf
	l       quoteWords
	loc     domain.Locale
	q       *domain.Quote
	inTable bool
}

func (r *quoteRender) titleBlock(number string) {
	f, l, loc := r.f, r.l, r.loc
	f.SetXY(130, margin)
	f.SetFont(fontFamily, "B", 16)
	f.CellFormat(68, 8, l.title, "", 2, "R", false, 0, "")
	f.SetFont(fontFamily, "B", 10)
	f.CellFormat(68, 5.5, clean(fit(f, l.number+" "+number, 68)), "", 2, "R", false, 0, "")
	f.SetFont(fontFamily, "", 8.5)
	f.CellFormat(68, 4.5, l.date+": "+loc.FormatDate(r.q.Date), "", 2, "R", false, 0, "")
	f.CellFormat(68, 4.5, l.validUntil+": "+loc.FormatDate(r.q.ValidUntil), "", 2, "R", false, 0, "")
	f.CellFormat(68, 4.5, fmt.Sprintf(l.netPrices, currency(r.q)), "", 2, "R", false, 0, "")
}

// parties prints the buyer on the left and the people on the right.
func (r *quoteRender) parties(a *domain.Account) {
	f, l := r.f, r.l
	top := f.GetY()
	caption := func(x float64, s string) {
		f.SetX(x)
		f.SetFont(fontFamily, "", 7.5)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(0, 4, s, "", 2, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
	}
	caption(margin, l.buyer+":")
	f.SetFont(fontFamily, "B", 10)
	f.MultiCell(112, 4.8, clean(a.Name), "", "L", false)
	f.SetFont(fontFamily, "", 8)
	for _, s := range accountLines(a, l.code, l.taxID) {
		f.CellFormat(112, 4, clean(fit(f, s, 112)), "", 2, "L", false, 0, "")
	}
	bottom := f.GetY()
	f.SetY(top)
	for _, p := range [][2]string{{l.contact, r.q.ContactName}, {l.owner, r.q.Owner}} {
		if strings.TrimSpace(p[1]) == "" {
			continue
		}
		caption(130, p[0]+":")
		f.SetX(130)
		f.SetFont(fontFamily, "", 8.5)
		f.CellFormat(68, 4.5, clean(fit(f, p[1], 68)), "", 2, "L", false, 0, "")
	}
	f.SetY(max(bottom, f.GetY()))
}

// tableHeader prints the column titles; a title wider than its column
// wraps onto a second line instead of running into its neighbour's.
func (r *quoteRender) tableHeader() {
	f, l := r.f, r.l
	f.SetFont(fontFamily, "B", 7)
	f.SetFillColor(232, 236, 242)
	titles := []string{l.no, l.sku, l.name, l.qty, l.unit, l.netPrice, l.discount, l.netValue, l.vat}
	lines := make([][]string, len(titles))
	n := 1
	for i, h := range titles {
		lines[i] = f.SplitText(h, quoteColumns[i]) // SplitText leaves the cell's margins itself
		n = max(n, len(lines[i]))
	}
	h := float64(n)*headerLineH + 2*headerPad
	x0, y0 := f.GetX(), f.GetY()
	f.Rect(x0, y0, 186, h, "F")
	f.Line(x0, y0+h, x0+186, y0+h)
	x := x0
	for i, parts := range lines {
		align := "L"
		if quoteRight[i] {
			align = "R"
		}
		top := y0 + headerPad + float64(n-len(parts))*headerLineH // titles sit on the bottom line
		for k, part := range parts {
			f.SetXY(x, top+float64(k)*headerLineH)
			f.CellFormat(quoteColumns[i], headerLineH, part, "", 0, align, false, 0, "")
		}
		x += quoteColumns[i]
	}
	f.SetXY(x0, y0+h)
}

// table prints one row a line. A row is as tall as its wrapped name (or SKU)
// and never splits across pages.
func (r *quoteRender) table() {
	f := r.f
	r.inTable = true
	r.tableHeader()
	if len(r.q.Lines) == 0 {
		f.SetFont(fontFamily, "", quoteFont)
		f.CellFormat(186, 7, r.l.noLines, "", 1, "L", false, 0, "")
	}
	for i := range r.q.Lines {
		r.row(i, &r.q.Lines[i])
	}
	r.inTable = false
}

func (r *quoteRender) row(i int, ln *domain.DocumentLine) {
	f, loc := r.f, r.loc
	f.SetFont(fontFamily, "", quoteFont)
	cells := []string{strconv.Itoa(i + 1), clean(ln.SKU), clean(ln.Name),
		loc.FormatDecimal(ln.Quantity.Decimal(), quantityPlaces(ln.Quantity)), clean(string(ln.Unit)),
		formatPrice(loc, ln.Price), formatPercent(loc, ln.Discount), loc.FormatDecimal(ln.Net().Decimal(), domain.AmountPlaces),
		r.vatLabel(ln.VATRate)}
	lineRow(f, i, cells, quoteColumns, quoteRight)
}

// totals prints the table per VAT rate and the gross total, kept together on one page.
func (r *quoteRender) totals() {
	f, l, loc := r.f, r.l, r.loc
	t := r.q.Totals()
	need := 4 + 5.5 + float64(len(t.ByRate)+1)*totalsRowH + 10
	if f.GetY()+need > pageBottom {
		f.AddPage()
	}
	f.Ln(4)
	x := margin + 186 - totalsWidth
	widths := []float64{26, 24, 24, 24}
	money := func(a domain.Amount) string { return loc.FormatDecimal(a.Decimal(), domain.AmountPlaces) }
	rowCells := func(cells []string, style, border string, fill bool) {
		f.SetX(x)
		f.SetFont(fontFamily, style, quoteFont)
		for i, c := range cells {
			align := "R"
			if i == 0 {
				align = "L"
			}
			shrink(f, c, widths[i]-2*quoteCellPadX, quoteFont)
			f.CellFormat(widths[i], totalsRowH, c, border, 0, align, fill, 0, "")
			f.SetFontSize(quoteFont)
		}
		f.Ln(-1)
	}
	f.SetFillColor(232, 236, 242)
	rowCells([]string{l.rate, l.net, l.vatAmount, l.gross}, "B", "B", true)
	for _, v := range t.ByRate {
		rowCells([]string{r.vatLabel(v.Rate), money(v.Net), money(v.VAT), money(v.Gross)}, "", "", false)
	}
	rowCells([]string{l.total, money(t.Net), money(t.VAT), money(t.Gross)}, "B", "T", false)
	f.Ln(2)
	// The label sits just left of the amount, however long the amount is.
	f.SetFont(fontFamily, "B", 10)
	gross := loc.FormatAmount(t.Gross, currency(r.q))
	w := max(40, f.GetStringWidth(gross)+2*quoteCellPadX)
	f.CellFormat(186-w, 6, l.grandTotal+":", "", 0, "R", false, 0, "")
	f.CellFormat(w, 6, gross, "", 1, "R", false, 0, "")
}

// shrink sets the font size, from size down, so that s fits w mm; 4 pt at
// the least. Numbers are set smaller rather than cut: a cut amount misleads.
func shrink(f *gofpdf.Fpdf, s string, w, size float64) {
	f.SetFontSize(size)
	for size > 4 && f.GetStringWidth(s) > w {
		size -= 0.25
		f.SetFontSize(size)
	}
}

// terms prints payment and delivery terms, the validity and the notes. The
// block moves to a new page whole when it fits on one but not on the rest of
// this one, so that no line of it is left alone on the last page.
func (r *quoteRender) terms() {
	f, l, loc := r.f, r.l, r.loc
	const lineH = 4.2
	type item struct{ label, text string }
	var items []item
	for _, it := range []item{{l.payment, r.paymentTerms(r.q.PaymentTerms)}, {l.delivery, r.q.DeliveryTerms},
		{l.validity, fmt.Sprintf(l.validityText, loc.FormatDate(r.q.ValidUntil))}} {
		if strings.TrimSpace(it.text) != "" {
			items = append(items, item{it.label, clean(it.text)})
		}
	}
	// Notes keep the user's line breaks; clean would fold them to spaces.
	var notes []string
	if n := strings.TrimSpace(r.q.Notes); n != "" {
		for _, para := range strings.Split(strings.ReplaceAll(n, "\r\n", "\n"), "\n") {
			notes = append(notes, clean(para))
		}
	}
	f.SetFont(fontFamily, "", 8)
	need := 4.0
	for _, it := range items {
		need += float64(len(f.SplitText(it.text, 148-2*quoteCellPadX))) * lineH
	}
	if len(notes) > 0 {
		need += 2 + lineH
		for _, para := range notes {
			need += float64(max(1, len(f.SplitText(para, 186-2*quoteCellPadX)))) * lineH
		}
	}
	if f.GetY()+need > pageBottom && need <= pageBottom-margin {
		f.AddPage()
	} else {
		f.Ln(4)
	}
	for _, it := range items {
		f.SetFont(fontFamily, "B", 8)
		f.CellFormat(38, lineH, it.label+":", "", 0, "L", false, 0, "")
		f.SetFont(fontFamily, "", 8)
		f.MultiCell(148, lineH, it.text, "", "L", false)
	}
	if len(notes) > 0 {
		f.Ln(2)
		f.SetFont(fontFamily, "B", 8)
		f.CellFormat(186, lineH, l.notes+":", "", 1, "L", false, 0, "")
		f.SetFont(fontFamily, "", 8)
		for _, para := range notes {
			f.MultiCell(186, lineH, para, "", "L", false)
		}
	}
}

// paymentTerms says the terms in words: "przelew, 30 dni od daty faktury".
func (r *quoteRender) paymentTerms(p domain.PaymentTerms) string {
	if p.Days == 0 && !p.EOM {
		return r.l.termsNow
	}
	days := strconv.Itoa(p.Days) + " " + r.l.days
	if p.Days == 1 {
		days = "1 " + r.l.day
	}
	if p.EOM {
		return fmt.Sprintf(r.l.termsEOM, days)
	}
	return fmt.Sprintf(r.l.termsNet, days)
}

func (r *quoteRender) vatLabel(v domain.VATRate) string {
	if v == domain.VATExempt {
		return r.l.exempt
	}
	return string(v) + "%"
}

// formatPercent writes a discount with the decimals it has and its sign, as
// the VAT rates beside it are written ("5%", "2,5%"); blank for none, so
// that the rows a discount applies to stand out.
func formatPercent(loc domain.Locale, p domain.Percent) string {
	if p == 0 {
		return ""
	}
	places := 0
	switch {
	case p%10 != 0:
		places = 2
	case p%100 != 0:
		places = 1
	}
	return loc.FormatDecimal(p.Decimal(), places) + "%"
}

func currency(q *domain.Quote) string {
	if q.Currency == "" {
		return "PLN"
	}
	return q.Currency
}
