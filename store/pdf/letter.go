package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"kontor/domain"
)

// letterWords are the words of a reminder (wezwanie do zapłaty) and an
// interest note (nota odsetkowa) in one language. Like statements, letters
// carry their own two languages: kontorctl prints them without the desktop's
// translation files.
type letterWords struct {
	reminder, finalDemand, note, date, place, to, code, taxID, bank, noCompany, page, of        string
	colNumber, colDate, colDue, colDays, colGross, colOpen                                      string
	overdue, credit, interest, compensation, toPay, deadline, remitTo, regards, issuedBy        string
	noteIntro, noteInvoice, paidOn, stillOpen, colPeriod, colBase, colRate, colInterest, noNote string
	compLine, noteTotalInterest, noteTotalComp, noteTotal, noteDeadline                         string
	interestTable, colComp, colPaid                                                             string
}

var letterLabels = map[domain.Locale]letterWords{
	domain.Polish: {reminder: "WEZWANIE DO ZAPŁATY nr %d", finalDemand: "OSTATECZNE PRZEDSĄDOWE WEZWANIE DO ZAPŁATY",
		note: "NOTA ODSETKOWA", date: "Data", place: "Miejscowość", to: "Adresat", code: "Kod klienta", taxID: "NIP", bank: "Konto",
		noCompany: "(uzupełnij dane firmy w Ustawieniach)", page: "Strona", of: "z",
		colNumber: "Faktura", colDate: "Wystawiona", colDue: "Termin", colDays: "Dni zwłoki",
		colGross: "Kwota brutto", colOpen: "Do zapłaty",
		overdue: "Razem zaległość", credit: "Nierozliczone wpłaty i korekty", interest: "Odsetki ustawowe za opóźnienie w transakcjach handlowych",
		compensation: "Rekompensata za koszty odzyskiwania należności", toPay: "Do zapłaty",
		deadline: "Prosimy o zapłatę kwoty %s w terminie do %s", remitTo: "na rachunek",
		regards: "Z poważaniem", issuedBy: "Dokument wystawiony w programie Kontor.",
		noteIntro:   "Na podstawie ustawy z dnia 8 marca 2013 r. o przeciwdziałaniu nadmiernym opóźnieniom w transakcjach handlowych obciążamy Państwa odsetkami ustawowymi za opóźnienie w transakcjach handlowych oraz rekompensatą za koszty odzyskiwania należności (art. 10) z tytułu nieterminowej zapłaty poniższych faktur. Odsetki liczone są za każdy dzień opóźnienia od kwoty pozostającej wtedy do zapłaty, według stawki obowiązującej w danym dniu (rok = 365 dni).",
		noteInvoice: "Faktura %s z %s, termin %s, kwota %s", paidOn: "zapłacona %s", stillOpen: "niezapłacona, pozostało %s",
		colPeriod: "Okres opóźnienia", colBase: "Kwota zaległa", colRate: "Stawka", colInterest: "Odsetki",
		noNote:            "Brak faktur zapłaconych po terminie lub zaległych na ten dzień.",
		compLine:          "Rekompensata %d EUR × %s (kurs średni NBP, tabela A z %s)",
		noteTotalInterest: "Razem odsetki", noteTotalComp: "Razem rekompensata", noteTotal: "Razem do zapłaty",
		noteDeadline:  "Prosimy o zapłatę kwoty %s w terminie 7 dni, do %s",
		interestTable: "Odsetki i rekompensata (stan na %s)", colComp: "Rekompensata", colPaid: "Zapłacono"},
	domain.English: {reminder: "PAYMENT REMINDER no. %d", finalDemand: "FINAL DEMAND FOR PAYMENT",
		note: "INTEREST NOTE", date: "Date", place: "Place", to: "To", code: "Customer code", taxID: "Tax ID", bank: "Bank account",
		noCompany: "(fill in the company details in Settings)", page: "Page", of: "of",
		colNumber: "Invoice", colDate: "Issued", colDue: "Due", colDays: "Days late",
		colGross: "Gross", colOpen: "Open",
		overdue: "Total overdue", credit: "Unapplied payments and credit notes", interest: "Statutory interest for delay in commercial transactions",
		compensation: "Compensation for recovery costs", toPay: "Amount to pay",
		deadline: "Please pay %s by %s", remitTo: "to the bank account",
		regards: "Yours faithfully", issuedBy: "Issued with Kontor.",
		noteIntro:   "Under the Polish act of 8 March 2013 on late payment in commercial transactions we charge statutory interest for delay in commercial transactions and the compensation for recovery costs (art. 10) on the late payment of the invoices below. Interest runs for each day of delay on the amount then outstanding, at the rate in force that day (a year of 365 days).",
		noteInvoice: "Invoice %s of %s, due %s, amount %s", paidOn: "paid %s", stillOpen: "unpaid, %s outstanding",
		colPeriod: "Period of delay", colBase: "Amount outstanding", colRate: "Rate", colInterest: "Interest",
		noNote:            "No invoice paid late or overdue on this day.",
		compLine:          "Compensation EUR %d × %s (NBP mid rate, table A of %s)",
		noteTotalInterest: "Total interest", noteTotalComp: "Total compensation", noteTotal: "Total to pay",
		noteDeadline:  "Please pay %s within 7 days, by %s",
		interestTable: "Interest and compensation (as of %s)", colComp: "Compensation", colPaid: "Paid on"},
}

// letter is one reminder or note being drawn.
type letter struct {
	f       *gofpdf.Fpdf
	company domain.CompanySettings
	loc     domain.Locale
	l       letterWords
	a       *domain.Account
	cur     string
}

func newLetter(company domain.CompanySettings, a *domain.Account, loc domain.Locale, created time.Time, title string) *letter {
	if loc != domain.English {
		loc = domain.Polish
	}
	if a == nil {
		a = &domain.Account{}
	}
	mk := newDocument
	if regular, bold, err := statementFonts(); err == nil {
		mk = func(created time.Time, title string) *gofpdf.Fpdf {
			return newDocumentWith(created, title, regular, bold)
		}
	}
	lt := &letter{f: mk(created, title), company: company, loc: loc, l: letterLabels[loc], a: a, cur: currencyOf(a)}
	return lt
}

func (lt *letter) money(a domain.Amount) string {
	return lt.loc.FormatDecimal(a.Decimal(), domain.AmountPlaces)
}

func (lt *letter) amount(a domain.Amount) string { return lt.loc.FormatAmount(a, lt.cur) }

// head draws the letterhead, the title and date on the right, and the
// addressee: what both letters open with.
func (lt *letter) head(title string, on domain.Date) {
	f, l := lt.f, lt.l
	f.AddPage()
	y := letterhead(f, lt.company, labels{taxID: l.taxID, bank: l.bank, noCompany: l.noCompany})
	f.SetXY(118, margin)
	setFont(f, "B", 12)
	f.MultiCell(80, 6, title, "", "R", false)
	f.SetX(118)
	setFont(f, "", 9)
	date := l.date + ": " + lt.loc.FormatDate(on)
	if c := strings.TrimSpace(lt.company.City); c != "" {
		date = clean(c) + ", " + lt.loc.FormatDate(on)
	}
	f.CellFormat(80, 5, date, "", 2, "R", false, 0, "")
	f.SetY(max(y, f.GetY()) + 6)
	f.SetX(110)
	setFont(f, "", 7.5)
	f.SetTextColor(90, 90, 90)
	f.CellFormat(88, 4, l.to+":", "", 2, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
	setFont(f, "B", 10)
	f.SetX(110)
	f.MultiCell(88, 4.8, clean(lt.a.Name), "", "L", false)
	setFont(f, "", 8.5)
	for _, s := range accountLines(lt.a, l.code, l.taxID) {
		f.SetX(110)
		f.CellFormat(88, 4.2, clean(fit(f, s, 88)), "", 2, "L", false, 0, "")
	}
	f.Ln(6)
}

// paragraph prints wrapped text across the page.
func (lt *letter) paragraph(s string, size float64) {
	setFont(lt.f, "", size)
	lt.f.MultiCell(186, size*0.5, clean(s), "", "L", false)
	lt.f.Ln(2)
}

// room starts a new page unless h mm fit above its foot.
func (lt *letter) room(h float64) {
	if lt.f.GetY()+h > pageBottom {
		lt.f.AddPage()
	}
}

// row prints one table row of the given columns; right-aligned columns are
// amounts, shrunk rather than cut.
func (lt *letter) row(cols []float64, right []bool, cells []string, style string, fill bool) {
	f := lt.f
	const h = 5.0
	lt.room(h)
	x0, y0 := f.GetX(), f.GetY()
	if fill {
		f.SetFillColor(232, 236, 242)
	}
	for i, c := range cells {
		setFont(f, style, 7.5)
		if right[i] || fill { // amounts and headings shrink rather than lose letters
			shrink(f, c, cols[i]-2*quoteCellPadX, 7.5)
			f.CellFormat(cols[i], h, c, "", 0, alignOf(right[i]), fill, 0, "")
			continue
		}
		f.CellFormat(cols[i], h, fit(f, c, cols[i]-2*quoteCellPadX), "", 0, "L", fill, 0, "")
	}
	f.SetXY(x0, y0+h)
	f.SetLineWidth(0.2)
	f.SetDrawColor(225, 228, 233)
	f.Line(x0, f.GetY(), x0+sum(cols), f.GetY())
	f.SetDrawColor(0, 0, 0)
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// total prints a label and an amount right-aligned under a table.
func (lt *letter) total(label, value string, bold bool) {
	f := lt.f
	lt.room(5.5)
	style := ""
	if bold {
		style = "B"
	}
	setFont(f, style, 8.5)
	f.CellFormat(146, 5.5, label, "", 0, "R", false, 0, "")
	f.CellFormat(40, 5.5, value, "", 1, "R", false, 0, "")
}

// remit prints the deadline with the bank account, and the closing.
func (lt *letter) remit(text string) {
	f, l, c := lt.f, lt.l, lt.company
	lt.room(30)
	f.Ln(4)
	setFont(f, "B", 9.5)
	line := text
	if c.BankAccount != "" {
		line += " " + l.remitTo + " " + domain.FormatIBAN(c.BankAccount)
		if c.BankName != "" {
			line += " (" + clean(c.BankName) + ")"
		}
	}
	f.MultiCell(186, 5, clean(line)+".", "", "L", false)
	f.Ln(8)
	setFont(f, "", 9)
	f.CellFormat(186, 5, l.regards, "", 1, "L", false, 0, "")
	f.Ln(10)
	f.SetTextColor(90, 90, 90)
	setFont(f, "", 7.5)
	f.CellFormat(70, 4, clean(c.Name), "T", 1, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

// footers numbers the pages and writes the file.
func (lt *letter) finish(w io.Writer, title string) error {
	f, l := lt.f, lt.l
	n := f.PageCount()
	f.SetAutoPageBreak(false, 0)
	for p := 1; p <= n; p++ {
		f.SetPage(p)
		f.SetFontSize(1)
		setFont(f, "", 7)
		f.SetDrawColor(0, 0, 0)
		f.SetLineWidth(0.2)
		f.SetTextColor(90, 90, 90)
		f.SetXY(margin, 297-margin-2)
		left := clean(strings.Join(nonBlank(lt.company.Name, title, lt.a.Code), " · "))
		f.CellFormat(150, 4, fit(f, left, 148), "T", 0, "L", false, 0, "")
		f.CellFormat(36, 4, fmt.Sprintf("%s %d %s %d", l.page, p, l.of, n), "T", 0, "R", false, 0, "")
	}
	f.SetTextColor(0, 0, 0)
	return f.Output(w)
}

func created(opt Options, on domain.Date) time.Time {
	if opt.Created.IsZero() {
		return on.Time()
	}
	return opt.Created
}

// Reminder writes a payment reminder (wezwanie do zapłaty): the letterhead, the addressee, the level's
// wording, the overdue invoices with days overdue and what is open, the
// amount to pay — on a final demand with the statutory interest and the
// compensation per invoice — the deadline and the bank account. The
// language is opt.Locale (callers pass domain.DocumentLanguage).
func Reminder(w io.Writer, company domain.CompanySettings, r *domain.Reminder, opt Options) error {
	lt := newLetter(company, r.Account, opt.Locale, created(opt, r.Date), "")
	l, loc := lt.l, lt.loc
	title := fmt.Sprintf(l.reminder, r.Level)
	if r.Final {
		title = l.finalDemand
	}
	lt.f.SetTitle(clean(title+" — "+lt.a.Name), true)
	lt.head(title, r.Date)
	wording := r.Setting.WordingPL
	if loc == domain.English {
		wording = r.Setting.WordingEN
	}
	lt.paragraph(wording, 9)
	cols := []float64{50, 26, 26, 22, 30, 32}
	right := []bool{false, false, false, true, true, true}
	lt.row(cols, right, []string{l.colNumber, l.colDate, l.colDue, l.colDays, l.colGross, l.colOpen}, "B", true)
	for _, it := range r.Items {
		lt.row(cols, right, []string{clean(it.Number), loc.FormatDate(it.Date), loc.FormatDate(it.Due), strconv.Itoa(it.DaysOverdue),
			lt.money(it.Gross), lt.money(it.Open)}, "", false)
	}
	lt.f.Ln(1)
	lt.total(l.overdue+":", lt.amount(r.Overdue), false)
	if r.Credit != 0 {
		lt.total(l.credit+":", lt.amount(-r.Credit), false)
	}
	if n := r.Note; n != nil {
		lt.noteSummary(n)
		lt.total(l.interest+":", lt.amount(n.Interest), false)
		lt.total(l.compensation+":", lt.amount(n.Compensation), false)
	}
	lt.total(l.toPay+":", lt.amount(r.ToPay), true)
	lt.remit(fmt.Sprintf(l.deadline, lt.amount(r.ToPay), loc.FormatDate(r.Deadline)))
	return lt.finish(w, title)
}

// noteSummary lists, on a final demand, each invoice's interest and compensation.
func (lt *letter) noteSummary(n *domain.InterestNote) {
	f, l, loc := lt.f, lt.l, lt.loc
	if len(n.Invoices) == 0 {
		return
	}
	lt.room(16)
	f.Ln(4)
	setFont(f, "B", 9)
	f.CellFormat(186, 5, fmt.Sprintf(l.interestTable, loc.FormatDate(n.Date)), "", 1, "L", false, 0, "")
	cols := []float64{50, 26, 26, 22, 30, 32}
	right := []bool{false, false, false, true, true, true}
	lt.row(cols, right, []string{l.colNumber, l.colDue, l.colPaid, l.colDays, l.colInterest, l.colComp}, "B", true)
	for _, inv := range n.Invoices {
		days := 0
		for _, p := range inv.Periods {
			days += p.Days
		}
		lt.row(cols, right, []string{clean(inv.Number), loc.FormatDate(inv.Due), loc.FormatDate(inv.PaidOn), strconv.Itoa(days),
			lt.money(inv.Interest), lt.money(inv.CompensationPLN)}, "", false)
	}
	f.Ln(1)
}

// InterestNote writes a nota odsetkowa: per invoice its periods of delay
// (from, to, days, amount outstanding, rate, interest), its compensation
// with the EUR rate and the table's date, then the totals and how to pay.
func InterestNote(w io.Writer, company domain.CompanySettings, n *domain.InterestNote, opt Options) error {
	lt := newLetter(company, n.Account, opt.Locale, created(opt, n.Date), "")
	f, l, loc := lt.f, lt.l, lt.loc
	lt.f.SetTitle(clean(l.note+" — "+lt.a.Name), true)
	lt.head(l.note, n.Date)
	lt.paragraph(l.noteIntro, 8.5)
	if len(n.Invoices) == 0 {
		lt.paragraph(l.noNote, 9)
	}
	cols := []float64{16, 54, 14, 36, 22, 44}
	right := []bool{false, false, true, true, true, true}
	for _, inv := range n.Invoices {
		lt.room(5.5*float64(3+len(inv.Periods)) + 4)
		f.Ln(2)
		state := fmt.Sprintf(l.stillOpen, lt.amount(inv.Open))
		if !inv.PaidOn.IsZero() {
			state = fmt.Sprintf(l.paidOn, loc.FormatDate(inv.PaidOn))
		}
		setFont(f, "B", 8.5)
		head := fmt.Sprintf(l.noteInvoice, clean(inv.Number), loc.FormatDate(inv.Date), loc.FormatDate(inv.Due), lt.amount(inv.Gross)) + "; " + state
		f.MultiCell(186, 5, head, "", "L", false)
		lt.row(cols, right, []string{"", l.colPeriod, l.colDays, l.colBase, l.colRate, l.colInterest}, "B", true)
		for _, p := range inv.Periods {
			lt.row(cols, right, []string{"", loc.FormatDate(p.From) + " – " + loc.FormatDate(p.To), strconv.Itoa(p.Days), lt.money(p.Base),
				loc.FormatDecimal(p.Rate, 2) + " %", lt.money(p.Interest)}, "", false)
		}
		lt.row(cols, right, []string{"", l.noteTotalInterest, "", "", "", lt.money(inv.Interest)}, "B", false)
		comp := fmt.Sprintf(l.compLine, inv.CompensationEUR, loc.FormatDecimal(inv.EURRate, domain.RatePlaces(inv.EURRate)),
			loc.FormatDate(inv.EURRateDate))
		lt.row([]float64{16, 126, 44}, []bool{false, false, true}, []string{"", comp, lt.money(inv.CompensationPLN)}, "", false)
	}
	f.Ln(3)
	lt.total(l.noteTotalInterest+":", lt.amount(n.Interest), false)
	lt.total(l.noteTotalComp+":", lt.amount(n.Compensation), false)
	lt.total(l.noteTotal+":", lt.amount(n.Total), true)
	lt.remit(fmt.Sprintf(l.noteDeadline, lt.amount(n.Total), loc.FormatDate(n.Date.AddDays(7))))
	return lt.finish(w, l.note)
}
