package pdf

import (
	"fmt"
	"io"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"kontor/domain"
)

// labels are the words of a printed document in one language. Documents are
// printed headless too (kontorctl), so they carry their own two languages
// instead of the desktop's translation files.
type labels struct {
	title, forCustomer, taxID, bank, validOn, netPrices, noCompany                string
	sku, name, unit, vat, listPrice, netPrice, tiers, from, page, of, note, empty string
	exempt                                                                        string
}

var pricesheetLabels = map[domain.Locale]labels{
	domain.Polish: {title: "Cennik indywidualny", forCustomer: "Dla", taxID: "NIP", bank: "Konto", validOn: "Ceny na dzień",
		netPrices: "Ceny netto w PLN za jednostkę miary", noCompany: "(uzupełnij dane firmy w Ustawieniach)",
		sku: "Indeks", name: "Nazwa", unit: "J.m.", vat: "VAT", listPrice: "Cena kat.", netPrice: "Twoja cena",
		tiers: "Progi ilościowe", from: "od", page: "Strona", of: "z",
		note:  "Progi ilościowe dotyczą łącznej ilości danego indeksu w zamówieniu. Ceny nie zawierają podatku VAT.",
		empty: "Brak aktywnych produktów w katalogu.", exempt: "zw"},
	domain.English: {title: "Customer price list", forCustomer: "For", taxID: "Tax ID", bank: "Bank account", validOn: "Prices on",
		netPrices: "Net prices in PLN per unit", noCompany: "(fill in the company details in Settings)",
		sku: "SKU", name: "Name", unit: "Unit", vat: "VAT", listPrice: "List price", netPrice: "Your price",
		tiers: "Quantity breaks", from: "from", page: "Page", of: "of",
		note:  "Quantity breaks apply to the total quantity of a SKU on one order. Prices exclude VAT.",
		empty: "The catalog has no active products.", exempt: "ex."},
}

// Column widths of the price table in mm; they add up to the page's 186 mm.
var sheetColumns = []float64{21, 66, 9, 8, 19, 19, 44}

const (
	rowHeight = 4.4
	tableFont = 7.0 // pt
)

// PriceSheet writes a customer's price sheet: the seller's letterhead, the
// customer, then one product a row with its list price, the customer's price
// at quantity 1 and its quantity breaks, and page numbers in the footer.
func PriceSheet(w io.Writer, company domain.CompanySettings, sheet *domain.PriceSheet, opt Options) error {
	l, ok := pricesheetLabels[opt.Locale]
	if !ok {
		l = pricesheetLabels[domain.Polish]
	}
	loc := opt.Locale
	if loc != domain.English {
		loc = domain.Polish
	}
	created := opt.Created
	if created.IsZero() {
		created = sheet.Date.Time()
	}
	acct := sheet.Account
	if acct == nil {
		acct = &domain.Account{}
	}
	f := newDocument(created, l.title+" — "+acct.Name)
	header := func() {
		f.SetFont(fontFamily, "B", 7)
		f.SetFillColor(232, 236, 242)
		heads := []string{l.sku, l.name, l.unit, l.vat, l.listPrice, l.netPrice, l.tiers}
		for i, h := range heads {
			align := "L"
			if i >= 4 && i <= 5 {
				align = "R"
			}
			f.CellFormat(sheetColumns[i], 5.5, h, "B", 0, align, true, 0, "")
		}
		f.Ln(-1)
		f.SetFont(fontFamily, "", tableFont)
	}
	f.SetFooterFunc(func() {
		f.SetY(-margin - 2)
		f.SetFont(fontFamily, "", 7)
		f.SetTextColor(90, 90, 90)
		var parts []string
		for _, s := range []string{company.Name, acct.Code, l.validOn + " " + loc.FormatDate(sheet.Date)} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		f.CellFormat(150, 4, clean(fit(f, strings.Join(parts, " · "), 148)), "T", 0, "L", false, 0, "")
		f.CellFormat(36, 4, fmt.Sprintf("%s %d %s {nb}", l.page, f.PageNo(), l.of), "T", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	// The table header repeats on every page after the first, where it follows the customer block.
	f.SetHeaderFuncMode(func() {
		if f.PageNo() > 1 {
			f.SetY(margin)
			header()
		}
	}, false)
	f.AddPage()
	y := letterhead(f, company, l)
	titleBlock(f, l, loc, sheet, acct)
	f.SetY(max(y, f.GetY()) + 4)
	customerBlock(f, l, acct)
	f.Ln(3)
	header()
	if len(sheet.Lines) == 0 {
		f.CellFormat(186, 8, l.empty, "", 1, "L", false, 0, "")
	}
	for i := range sheet.Lines {
		row(f, l, loc, &sheet.Lines[i], i%2 == 1)
	}
	f.Ln(2)
	f.SetFont(fontFamily, "", 7)
	f.MultiCell(186, 3.6, l.note, "", "L", false)
	return f.Output(w)
}

func titleBlock(f *gofpdf.Fpdf, l labels, loc domain.Locale, sheet *domain.PriceSheet, acct *domain.Account) {
	f.SetXY(130, margin)
	f.SetFont(fontFamily, "B", 14)
	f.CellFormat(68, 7, l.title, "", 2, "R", false, 0, "")
	f.SetFont(fontFamily, "", 8.5)
	f.CellFormat(68, 4.5, l.validOn+": "+loc.FormatDate(sheet.Date), "", 2, "R", false, 0, "")
	f.CellFormat(68, 4.5, l.netPrices, "", 2, "R", false, 0, "")
}

func customerBlock(f *gofpdf.Fpdf, l labels, a *domain.Account) {
	f.SetFont(fontFamily, "", 7.5)
	f.SetTextColor(90, 90, 90)
	f.CellFormat(186, 4, l.forCustomer+":", "", 1, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.SetFont(fontFamily, "B", 10)
	f.CellFormat(186, 5, clean(fit(f, a.Name+"  ("+a.Code+")", 186)), "", 1, "L", false, 0, "")
	f.SetFont(fontFamily, "", 8)
	var parts []string
	if a.Street != "" {
		parts = append(parts, a.Street)
	}
	if city := strings.TrimSpace(a.PostalCode + " " + a.City); city != "" {
		parts = append(parts, city)
	}
	if a.Country != "" && a.Country != "PL" {
		parts = append(parts, a.Country)
	}
	if a.TaxID != "" {
		parts = append(parts, l.taxID+": "+formatTaxID(a.TaxID, a.Country))
	}
	if len(parts) > 0 {
		f.CellFormat(186, 4, clean(strings.Join(parts, ", ")), "", 1, "L", false, 0, "")
	}
}

// row prints one product; shaded alternates rows for the eye.
func row(f *gofpdf.Fpdf, l labels, loc domain.Locale, p *domain.PriceSheetLine, shaded bool) {
	f.SetFillColor(246, 247, 249)
	vat := string(p.VATRate) + "%"
	if p.VATRate == domain.VATExempt {
		vat = l.exempt
	}
	var net domain.UnitPrice
	var tiers []string
	for i, b := range p.Breaks {
		if i == 0 {
			net = b.Price
			continue
		}
		tiers = append(tiers, fmt.Sprintf("%s %s: %s", l.from, loc.FormatDecimal(b.MinQty.Decimal(), quantityPlaces(b.MinQty)),
			formatPrice(loc, b.Price)))
	}
	cells := []string{clean(p.SKU), clean(p.Name), string(p.Unit), vat, formatPrice(loc, p.ListPrice), formatPrice(loc, net),
		strings.Join(tiers, "; ")}
	for i, c := range cells {
		align := "L"
		if i >= 4 && i <= 5 {
			align = "R"
		}
		if i == 5 {
			f.SetFont(fontFamily, "B", tableFont)
		}
		if i == 6 {
			shrinkToFit(f, c, sheetColumns[i]-2)
		}
		f.CellFormat(sheetColumns[i], rowHeight, fit(f, c, sheetColumns[i]-2), "", 0, align, shaded, 0, "")
		f.SetFont(fontFamily, "", tableFont)
	}
	f.Ln(-1)
}

// shrinkToFit lowers the font size (to 5 pt at least) until s fits w mm.
func shrinkToFit(f *gofpdf.Fpdf, s string, w float64) {
	for size := tableFont; size > 5 && f.GetStringWidth(s) > w; size -= 0.5 {
		f.SetFontSize(size - 0.5)
	}
}

// formatPrice writes a unit price in grosze with 2 decimals, any other with 4,
// so that the decimal commas of a column line up in two ways only.
func formatPrice(loc domain.Locale, p domain.UnitPrice) string {
	places := 2
	if p%100 != 0 {
		places = 4
	}
	return loc.FormatDecimal(p.Decimal(), places)
}

func quantityPlaces(q domain.Quantity) int {
	switch {
	case q%10 != 0:
		return 3
	case q%100 != 0:
		return 2
	case q%1000 != 0:
		return 1
	}
	return 0
}
