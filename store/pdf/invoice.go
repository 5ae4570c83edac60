package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
	qrcode "github.com/skip2/go-qrcode"

	"kontor/domain"
)

// invoiceWords are the words of a printed invoice in one language.
type invoiceWords struct {
	invoice, credit, number, issued, delivered, place, seller, buyer, code, taxID, euVAT, bank, noCompany string
	corrects, correctsKSeF, correctsOutside, reason, orderNo                                              string
	no, sku, name, qty, unit, netPrice, discount, netValue, vat, exempt, noLines                          string
	rate, net, vatAmount, gross, total, toPay, toRefund, inWords                                          string
	due, method, transfer, account, splitPayment, exemption                                               string
	ksefTitle, ksefOffline, ksefNumber, ksefNoFile, page, of                                              string
}

var invoiceLabels = map[domain.Locale]invoiceWords{
	domain.Polish: {invoice: "FAKTURA", credit: "FAKTURA KORYGUJĄCA", number: "Nr", issued: "Data wystawienia",
		delivered: "Data dostawy", place: "Miejsce wystawienia", seller: "Sprzedawca", buyer: "Nabywca", code: "Kod klienta",
		taxID: "NIP", euVAT: "NIP UE", bank: "Konto", noCompany: "(uzupełnij dane firmy w Ustawieniach)",
		corrects: "Faktura korygowana: %s z dnia %s", correctsKSeF: "Numer KSeF faktury korygowanej: %s",
		correctsOutside: "Faktura korygowana wystawiona poza KSeF", reason: "Przyczyna korekty", orderNo: "Zamówienie",
		no: "Lp.", sku: "Indeks", name: "Nazwa towaru lub usługi", qty: "Ilość", unit: "J.m.", netPrice: "Cena netto",
		discount: "Rabat", netValue: "Wartość netto", vat: "VAT", exempt: "zw", noLines: "Faktura nie ma pozycji.",
		rate: "Stawka VAT", net: "Netto", vatAmount: "VAT", gross: "Brutto", total: "Razem",
		toPay: "Do zapłaty", toRefund: "Do zwrotu", inWords: "Słownie",
		due: "Termin płatności", method: "Forma płatności", transfer: "przelew", account: "Numer rachunku",
		splitPayment: "mechanizm podzielonej płatności", exemption: "Podstawa zwolnienia z VAT",
		ksefTitle:   "Weryfikacja faktury w Krajowym Systemie e-Faktur (KSeF): zeskanuj kod",
		ksefOffline: "Faktura nie ma jeszcze numeru KSeF (OFFLINE).", ksefNumber: "Numer KSeF: %s",
		ksefNoFile: "Faktura nie ma jeszcze pliku KSeF (FA(3)): sprawdź jej status w Kontorze.", page: "Strona", of: "z"},
	domain.English: {invoice: "INVOICE", credit: "CREDIT NOTE", number: "No.", issued: "Date of issue",
		delivered: "Date of delivery", place: "Place of issue", seller: "Seller", buyer: "Buyer", code: "Customer code",
		taxID: "Tax ID", euVAT: "EU VAT No.", bank: "Bank account", noCompany: "(fill in the company details in Settings)",
		corrects: "Corrects invoice %s of %s", correctsKSeF: "KSeF number of the corrected invoice: %s",
		correctsOutside: "The corrected invoice was issued outside KSeF", reason: "Reason", orderNo: "Order",
		no: "No.", sku: "SKU", name: "Goods or services", qty: "Qty", unit: "Unit", netPrice: "Net price",
		discount: "Disc.", netValue: "Net value", vat: "VAT", exempt: "ex.", noLines: "The invoice has no lines.",
		rate: "VAT rate", net: "Net", vatAmount: "VAT", gross: "Gross", total: "Total",
		toPay: "Amount due", toRefund: "To refund", inWords: "In words (Polish)",
		due: "Due date", method: "Payment method", transfer: "bank transfer", account: "Bank account",
		splitPayment: "split payment (mechanizm podzielonej płatności)", exemption: "VAT exemption basis",
		ksefTitle:   "Verify the invoice in KSeF, the Polish national e-invoicing system: scan the code",
		ksefOffline: "The invoice has no KSeF number yet (OFFLINE).", ksefNumber: "KSeF number: %s",
		ksefNoFile: "The invoice has no KSeF file (FA(3)) yet: see its status in Kontor.", page: "Page", of: "of"},
}

// InvoiceExtras is what an invoice's PDF shows besides the invoice itself.
type InvoiceExtras struct {
	// Buyer gives the billing address and tax ID; nil prints the name and code the invoice holds.
	Buyer *domain.Account
	// KSeF is the invoice's standing: with a file, KOD I is printed with
	// OFFLINE or the KSeF number under it. Nil or not for KSeF: no code.
	KSeF           *domain.InvoiceKSeF
	PlaceOfIssue   string
	ExemptionBasis string // printed when a line is exempt
	SplitPayment   bool
	// Original is a credit note's corrected invoice (its KSeF standing: number,
	// date, KSeF number or not for KSeF).
	Original *domain.InvoiceKSeF
}

// The invoice table's columns in mm (they add up to 186) and which are numbers.
var (
	invoiceColumns = []float64{7, 22, 60, 15, 12, 19, 12, 28, 11}
	invoiceRight   = []bool{true, false, false, true, false, true, true, true, true}
)

// qrSize is KOD I's side in mm, its quiet zone included.
const qrSize = 34.0

// Invoice writes an invoice or credit note as its buyer receives it: the
// seller's letterhead, number and dates, seller and buyer, a row a line, the
// totals per VAT rate, the amount due in figures and in Polish words, the
// payment terms, the split-payment and exemption notes, and KOD I (the KSeF
// verification QR code) with OFFLINE or the KSeF number under it. A credit
// note shows the corrected quantities and amounts as negative differences.
func Invoice(w io.Writer, company domain.CompanySettings, inv *domain.Invoice, x InvoiceExtras, opt Options) error {
	loc := opt.Locale
	if loc != domain.English {
		loc = domain.Polish
	}
	l := invoiceLabels[loc]
	created := opt.Created
	if created.IsZero() {
		created = inv.Date.Time()
	}
	buyer := x.Buyer
	if buyer == nil {
		buyer = &domain.Account{AccountFields: domain.AccountFields{Code: inv.AccountCode, Name: inv.AccountName}}
	}
	title := l.invoice
	if inv.Kind == domain.KindCreditNote {
		title = l.credit
	}
	// The cut font of statements: an invoice is printed in a few milliseconds.
	newDoc := newDocument
	if regular, err := statementFont(); err == nil {
		newDoc = func(created time.Time, title string) *gofpdf.Fpdf {
			return newDocumentWith(created, title, regular, nil)
		}
	}
	r := &invoiceRender{f: newDoc(created, title+" "+inv.Number+" — "+buyer.Name), l: l, loc: loc, inv: inv, x: x,
		credit: inv.Kind == domain.KindCreditNote}
	f := r.f
	f.SetFooterFunc(func() {
		f.SetY(-margin - 2)
		f.SetFont(fontFamily, "", 7)
		f.SetTextColor(90, 90, 90)
		var parts []string
		for _, s := range []string{company.Name, title + " " + inv.Number, loc.FormatDate(inv.Date)} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		f.CellFormat(150, 4, clean(fit(f, strings.Join(parts, " · "), 148)), "T", 0, "L", false, 0, "")
		f.CellFormat(36, 4, fmt.Sprintf("%s %d %s {nb}", l.page, f.PageNo(), l.of), "T", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.SetHeaderFuncMode(func() {
		if r.inTable {
			f.SetY(margin)
			r.tableHeader()
		}
	}, false)
	f.AddPage()
	y := letterhead(f, company, labels{taxID: l.taxID, bank: l.bank, noCompany: l.noCompany})
	if f.Err() {
		return f.Error()
	}
	r.titleBlock(title)
	f.SetY(max(y, f.GetY()) + 5)
	r.parties(company, buyer)
	if r.credit {
		r.correction()
	}
	f.Ln(3)
	r.table()
	r.totals()
	r.payment(company)
	r.ksef()
	return f.Output(w)
}

type invoiceRender struct {
	f       *gofpdf.Fpdf
	l       invoiceWords
	loc     domain.Locale
	inv     *domain.Invoice
	x       InvoiceExtras
	credit  bool
	inTable bool
}

func (r *invoiceRender) titleBlock(title string) {
	f, l, loc, inv := r.f, r.l, r.loc, r.inv
	f.SetXY(118, margin)
	setFont(f, "B", 15)
	shrink(f, title, 80, 15)
	f.CellFormat(80, 8, title, "", 2, "R", false, 0, "")
	setFont(f, "B", 10)
	f.CellFormat(80, 5.5, clean(fit(f, l.number+" "+inv.Number, 80)), "", 2, "R", false, 0, "")
	setFont(f, "", 8.5)
	f.CellFormat(80, 4.5, l.issued+": "+loc.FormatDate(inv.Date), "", 2, "R", false, 0, "")
	if !r.credit {
		f.CellFormat(80, 4.5, l.delivered+": "+loc.FormatDate(inv.Date), "", 2, "R", false, 0, "")
	}
	if p := strings.TrimSpace(r.x.PlaceOfIssue); p != "" {
		f.CellFormat(80, 4.5, clean(fit(f, l.place+": "+p, 80)), "", 2, "R", false, 0, "")
	}
	if inv.OrderNumber != "" {
		f.CellFormat(80, 4.5, clean(fit(f, l.orderNo+": "+inv.OrderNumber, 80)), "", 2, "R", false, 0, "")
	}
}

// parties prints the seller on the left and the buyer on the right.
func (r *invoiceRender) parties(c domain.CompanySettings, a *domain.Account) {
	f, l := r.f, r.l
	top := f.GetY()
	const w = 90.0
	block := func(x float64, caption, name string, lines []string) float64 {
		f.SetXY(x, top)
		f.SetFont(fontFamily, "", 7.5)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(w, 4, caption+":", "", 2, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
		setFont(f, "B", 9.5)
		f.MultiCell(w, 4.6, clean(name), "", "L", false)
		setFont(f, "", 8)
		for _, s := range lines {
			f.SetX(x)
			f.CellFormat(w, 4, clean(fit(f, s, w)), "", 2, "L", false, 0, "")
		}
		return f.GetY()
	}
	var sellerLines []string
	if c.Street != "" {
		sellerLines = append(sellerLines, c.Street)
	}
	if city := strings.TrimSpace(c.PostalCode + " " + c.City); city != "" {
		sellerLines = append(sellerLines, city)
	}
	if c.TaxID != "" {
		sellerLines = append(sellerLines, l.taxID+": "+formatTaxID(c.TaxID, c.Country))
	}
	name := c.Name
	if name == "" {
		name = l.noCompany
	}
	left := block(margin, l.seller, name, sellerLines)
	taxLabel := l.taxID
	if a.Country != "" && a.Country != "PL" {
		taxLabel = l.euVAT
	}
	right := block(margin+96, l.buyer, a.Name, accountLines(a, l.code, taxLabel))
	f.SetY(max(left, right))
}

// correction names the corrected invoice and the reason.
func (r *invoiceRender) correction() {
	f, l, loc, inv := r.f, r.l, r.loc, r.inv
	f.Ln(3)
	date := ""
	if o := r.x.Original; o != nil {
		date = loc.FormatDate(o.Date)
	}
	setFont(f, "B", 8.5)
	f.CellFormat(186, 4.5, clean(fit(f, fmt.Sprintf(l.corrects, inv.CorrectsNumber, date), 186)), "", 1, "L", false, 0, "")
	setFont(f, "", 8)
	if o := r.x.Original; o != nil {
		switch {
		case o.KSeFNumber != "":
			f.CellFormat(186, 4.2, fmt.Sprintf(l.correctsKSeF, o.KSeFNumber), "", 1, "L", false, 0, "")
		case o.Status == domain.KSeFNotFor:
			f.CellFormat(186, 4.2, l.correctsOutside, "", 1, "L", false, 0, "")
		}
	}
	f.MultiCell(186, 4.2, clean(l.reason+": "+inv.Reason), "", "L", false)
}

func (r *invoiceRender) tableHeader() {
	f, l := r.f, r.l
	setFont(f, "B", 7)
	f.SetFillColor(232, 236, 242)
	for i, h := range []string{l.no, l.sku, l.name, l.qty, l.unit, l.netPrice, l.discount, l.netValue, l.vat} {
		align := "L"
		if invoiceRight[i] {
			align = "R"
		}
		shrink(f, h, invoiceColumns[i]-2*quoteCellPadX, 7)
		f.CellFormat(invoiceColumns[i], 5.5, h, "B", 0, align, true, 0, "")
	}
	f.Ln(-1)
	setFont(f, "", quoteFont)
}

func (r *invoiceRender) table() {
	f := r.f
	r.inTable = true
	r.tableHeader()
	if len(r.inv.Lines) == 0 {
		f.CellFormat(186, 7, r.l.noLines, "", 1, "L", false, 0, "")
	}
	for i := range r.inv.Lines {
		r.row(i, &r.inv.Lines[i])
	}
	r.inTable = false
}

// row prints one line; a credit note's quantity and value are the negative
// differences it makes. A row is as tall as its wrapped name and never splits.
func (r *invoiceRender) row(i int, ln *domain.InvoiceLine) {
	f, loc := r.f, r.loc
	qty, net := ln.Quantity.Decimal(), ln.Net().Decimal()
	if r.credit {
		qty, net = qty.Neg(), net.Neg()
	}
	cells := []string{strconv.Itoa(i + 1), clean(ln.SKU), clean(ln.Name), loc.FormatDecimal(qty, quantityPlaces(ln.Quantity)),
		clean(string(ln.Unit)), formatPrice(loc, ln.Price), formatPercent(loc, ln.Discount),
		loc.FormatDecimal(net, domain.AmountPlaces), r.rateLabel(ln.VATRate)}
	lineRow(f, i, cells, invoiceColumns, invoiceRight)
}

func (r *invoiceRender) rateLabel(v domain.VATRate) string {
	if v == domain.VATExempt {
		return r.l.exempt
	}
	return string(v) + "%"
}

func (r *invoiceRender) currency() string {
	if r.inv.Currency == "" {
		return "PLN"
	}
	return r.inv.Currency
}

// totals prints the sums per VAT rate, the total, the amount due and the
// amount in Polish words, kept together on one page.
func (r *invoiceRender) totals() {
	f, l, loc := r.f, r.l, r.loc
	t := r.inv.Totals
	need := 4 + 5.5 + float64(len(t.ByRate)+1)*totalsRowH + 20
	if f.GetY()+need > pageBottom {
		f.AddPage()
	}
	f.Ln(4)
	x := margin + 186 - totalsWidth
	widths := []float64{26, 24, 24, 24}
	money := func(a domain.Amount) string { return loc.FormatDecimal(a.Decimal(), domain.AmountPlaces) }
	rowCells := func(cells []string, style, border string, fill bool) {
		f.SetX(x)
		setFont(f, style, quoteFont)
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
		rowCells([]string{r.rateLabel(v.Rate), money(v.Net), money(v.VAT), money(v.Gross)}, "", "", false)
	}
	rowCells([]string{l.total, money(t.Net), money(t.VAT), money(t.Gross)}, "B", "T", false)
	f.Ln(2)
	label, due := l.toPay, t.Gross
	if r.credit {
		label, due = l.toRefund, -t.Gross
	}
	setFont(f, "B", 11)
	amount := loc.FormatAmount(due, r.currency())
	w := max(40, f.GetStringWidth(amount)+2*quoteCellPadX)
	f.CellFormat(186-w, 6.5, label+":", "", 0, "R", false, 0, "")
	f.CellFormat(w, 6.5, amount, "", 1, "R", false, 0, "")
	if r.currency() == "PLN" {
		setFont(f, "", 8)
		f.MultiCell(186, 4.2, l.inWords+": "+plAmountWords(due), "", "R", false)
	}
}

// payment prints the terms (an invoice's), the split-payment note and the exemption's basis.
func (r *invoiceRender) payment(c domain.CompanySettings) {
	f, l, loc, inv := r.f, r.l, r.loc, r.inv
	const lineH = 4.3
	type item struct{ label, text string }
	var items []item
	if !r.credit {
		items = append(items, item{l.due, loc.FormatDate(inv.Due)}, item{l.method, l.transfer})
		if c.BankAccount != "" {
			acct := domain.FormatIBAN(c.BankAccount)
			if c.BankName != "" {
				acct += " (" + c.BankName + ")"
			}
			items = append(items, item{l.account, acct})
		}
	}
	exempt := false
	for i := range inv.Lines {
		exempt = exempt || inv.Lines[i].VATRate == domain.VATExempt
	}
	if exempt && strings.TrimSpace(r.x.ExemptionBasis) != "" {
		items = append(items, item{l.exemption, r.x.ExemptionBasis})
	}
	need := 4 + float64(len(items))*lineH
	if r.x.SplitPayment {
		need += 7
	}
	if f.GetY()+need > pageBottom {
		f.AddPage()
	} else {
		f.Ln(3)
	}
	for _, it := range items {
		setFont(f, "B", 8)
		f.CellFormat(46, lineH, it.label+":", "", 0, "L", false, 0, "")
		setFont(f, "", 8)
		f.MultiCell(140, lineH, clean(it.text), "", "L", false)
	}
	if r.x.SplitPayment {
		f.Ln(1.5)
		setFont(f, "B", 10)
		f.CellFormat(186, 5.5, l.splitPayment, "1", 1, "C", false, 0, "")
	}
}

// ksef prints KOD I: the QR code of the verification link with OFFLINE under
// it until the KSeF number is known, then the number.
func (r *invoiceRender) ksef() {
	f, l, k := r.f, r.l, r.x.KSeF
	if k == nil || k.Status == domain.KSeFNotFor {
		return
	}
	if k.Link == "" {
		f.Ln(3)
		setFont(f, "", 8)
		f.MultiCell(186, 4.2, l.ksefNoFile, "", "L", false)
		return
	}
	need := qrSize + 10
	if f.GetY()+need > pageBottom {
		f.AddPage()
	} else {
		f.Ln(4)
	}
	x, y := margin, f.GetY()
	if err := drawQR(f, k.Link, x, y, qrSize); err != nil {
		f.SetError(err)
		return
	}
	label := "OFFLINE"
	if k.KSeFNumber != "" {
		label = k.KSeFNumber
	}
	f.SetXY(x-4, y+qrSize)
	setFont(f, "B", 6.5)
	shrink(f, label, qrSize+8, 6.5)
	f.CellFormat(qrSize+8, 3.5, label, "", 0, "C", false, 0, "")
	f.SetXY(x+qrSize+6, y+4)
	setFont(f, "", 8)
	f.MultiCell(186-qrSize-6, 4.2, l.ksefTitle, "", "L", false)
	f.SetX(x + qrSize + 6)
	if k.KSeFNumber != "" {
		f.MultiCell(186-qrSize-6, 4.2, fmt.Sprintf(l.ksefNumber, k.KSeFNumber), "", "L", false)
	} else {
		f.MultiCell(186-qrSize-6, 4.2, l.ksefOffline, "", "L", false)
	}
	f.SetX(x + qrSize + 6)
	f.SetFont(fontFamily, "", 6)
	f.SetTextColor(90, 90, 90)
	f.MultiCell(186-qrSize-6, 3, k.Link, "", "L", false)
	f.SetTextColor(0, 0, 0)
	f.SetY(y + qrSize + 4)
}

// drawQR draws the QR code of text (ISO/IEC 18004, error correction M) as
// filled squares, size mm wide with its quiet zone, at x, y. Runs of dark
// modules in a row are one rectangle each.
func drawQR(f *gofpdf.Fpdf, text string, x, y, size float64) error {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return err
	}
	bits := q.Bitmap() // with the 4-module quiet zone
	m := size / float64(len(bits))
	f.SetFillColor(0, 0, 0)
	for row, line := range bits {
		for col := 0; col < len(line); {
			if !line[col] {
				col++
				continue
			}
			start := col
			for col < len(line) && line[col] {
				col++
			}
			f.Rect(x+float64(start)*m, y+float64(row)*m, float64(col-start)*m, m, "F")
		}
	}
	return nil
}

// InvoicePrinter prints invoices and credit notes from the services: the
// invoice, its buyer, the seller, its KSeF standing (building a pending
// file first) and the products' Annex 15 flags. cmd/kontor wires it into the
// app; kontorctl uses it directly.
type InvoicePrinter struct {
	Invoices domain.InvoiceService
	Accounts domain.AccountService
	Company  domain.CompanyService
	KSeF     domain.KSeFService
	Products domain.ProductService
	// Created dates the PDF; zero dates it by the invoice (reproducible output).
	Created time.Time
}

var _ domain.InvoicePrinter = InvoicePrinter{}

// PrintInvoice writes the invoice's PDF to w in lang ("pl" or "en").
func (p InvoicePrinter) PrintInvoice(ctx context.Context, id domain.InvoiceID, lang string, w io.Writer) error {
	inv, err := p.Invoices.FindInvoiceByID(ctx, id)
	if err != nil {
		return err
	}
	x := InvoiceExtras{}
	if x.Buyer, err = p.Accounts.FindAccountByID(ctx, inv.AccountID); err != nil {
		return err
	}
	company, err := p.Company.FindCompany(ctx)
	if err != nil {
		return err
	}
	k, err := p.KSeF.FindKSeFSettings(ctx)
	if err != nil {
		return err
	}
	x.PlaceOfIssue, x.ExemptionBasis = k.PlaceOfIssue, k.ExemptionBasis
	if x.KSeF, err = p.KSeF.InvoiceKSeF(ctx, id); err != nil {
		return err
	}
	gross := inv.Totals.Gross
	if inv.Kind == domain.KindCreditNote {
		if x.Original, err = p.KSeF.InvoiceKSeF(ctx, inv.Corrects); err != nil {
			return err
		}
		orig, err := p.Invoices.FindInvoiceByID(ctx, inv.Corrects)
		if err != nil {
			return err
		}
		gross = orig.Totals.Gross
	}
	if x.KSeF.XML != nil {
		// The printed note follows the file that was issued.
		x.SplitPayment = bytes.Contains(x.KSeF.XML, []byte("<P_18A>1</P_18A>"))
	} else {
		annex := map[domain.ProductID]bool{}
		for i := range inv.Lines {
			id := inv.Lines[i].ProductID
			if _, ok := annex[id]; ok {
				continue
			}
			prod, err := p.Products.FindProductByID(ctx, id)
			if err != nil && domain.ErrorCode(err) != domain.ENotFound {
				return err
			}
			annex[id] = err == nil && prod.Annex15
		}
		x.SplitPayment = domain.SplitPayment(gross, inv.Lines, func(id domain.ProductID) bool { return annex[id] })
	}
	return Invoice(w, *company, inv, x, Options{Locale: domain.Locale(lang), Created: p.Created})
}
