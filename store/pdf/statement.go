package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"kontor/domain"
)

// Statement writes one account's statement of account for one month: the
// seller's letterhead, the account block, the
// statement date and period, the opening balance, the month's invoices,
// credit notes and payments with due dates and the running balance, the
// closing balance, the aging table, unapplied credit, how to pay, and
// "page N of M" in the footer.
func Statement(w io.Writer, company domain.CompanySettings, s *domain.Statement, opt Options) error {
	b := NewStatementBook(company, opt)
	if err := b.Add(s); err != nil {
		return err
	}
	return b.Output(w)
}

// StatementBook is one PDF holding statements one after another, for printing
// a month-end batch in one go. Each statement starts on a new page with its
// own letterhead, and its pages are numbered on their own ("Strona 1 z 2"
// restarts with the next account), so the stack splits into envelopes.
// gofpdf holds every page in memory until Output: about 50 KB a statement
// (4,000 statements took 200 MB).
type StatementBook struct {
	f       *gofpdf.Fpdf
	company domain.CompanySettings
	opt     Options
	loc     domain.Locale
	l       statementWords
	count   int
	inTable bool   // while the lines run, a new page starts with the table header
	repeat  func() // while another table runs, the header a new page starts with
}

// NewStatementBook starts an empty book. A zero opt.Created dates the file
// by its first statement, so output stays reproducible.
func NewStatementBook(company domain.CompanySettings, opt Options) *StatementBook {
	loc := opt.Locale
	if loc != domain.English {
		loc = domain.Polish
	}
	l := statementLabels[loc]
	// The whole fonts should cutting ever fail (a test sees to it that it
	// does not).
	f := newDocument
	if regular, bold, err := statementFonts(); err == nil {
		f = func(created time.Time, title string) *gofpdf.Fpdf {
			return newDocumentWith(created, title, regular, bold)
		}
	}
	b := &StatementBook{f: f(opt.Created, l.title), company: company, opt: opt, loc: loc, l: l}
	b.f.SetHeaderFuncMode(func() {
		switch {
		case b.inTable:
			b.f.SetY(margin)
			b.tableHeader()
		case b.repeat != nil:
			b.f.SetY(margin)
			b.repeat()
		}
	}, false)
	return b
}

// Len is the number of statements added.
func (b *StatementBook) Len() int { return b.count }

// Add appends a statement. An error (an unreadable logo) spoils the whole
// book: gofpdf draws nothing after it.
func (b *StatementBook) Add(s *domain.Statement) error {
	f := b.f
	if err := f.Error(); err != nil {
		return err
	}
	a := s.Account
	if a == nil {
		a = &domain.Account{}
	}
	if b.count == 0 {
		if b.opt.Created.IsZero() {
			f.SetCreationDate(s.Date.Time())
			f.SetModificationDate(s.Date.Time())
		}
		f.SetTitle(clean(b.l.title+" "+a.Code+" "+s.Month.String()+" — "+a.Name), true)
	}
	b.count++
	first := f.PageCount() + 1
	f.AddPage()
	y := letterhead(f, b.company, labels{taxID: b.l.taxID, bank: b.l.bank, noCompany: b.l.noCompany})
	if err := f.Error(); err != nil { // an unreadable logo: gofpdf draws nothing more
		return err
	}
	r := statementRender{StatementBook: b, s: s, a: a, cur: currencyOf(a)}
	r.titleBlock()
	f.SetY(max(y, f.GetY()) + 5)
	r.accountBlock()
	f.Ln(4)
	r.lines()
	r.aging()
	r.openItems()
	r.remittance()
	r.footers(first, f.PageCount())
	return f.Error()
}

// Output writes the book; it is empty of pages when nothing was added, which
// gofpdf refuses, so a caller checks Len first.
func (b *StatementBook) Output(w io.Writer) error {
	if b.count == 0 {
		return fmt.Errorf("statement book: no statements to write")
	}
	return b.f.Output(w)
}

// statementRender draws one statement into the book.
type statementRender struct {
	*StatementBook
	s   *domain.Statement
	a   *domain.Account
	cur string
}

func currencyOf(a *domain.Account) string {
	if a.Currency == "" {
		return "PLN"
	}
	return a.Currency
}

func (r *statementRender) money(a domain.Amount) string {
	return r.loc.FormatDecimal(a.Decimal(), domain.AmountPlaces)
}

func (r *statementRender) titleBlock() {
	f, l, loc, s := r.f, r.l, r.loc, r.s
	f.SetXY(118, margin)
	setFont(f, "B", 14)
	shrink(f, l.title, 80-2*quoteCellPadX, 14)
	f.CellFormat(80, 8, l.title, "", 2, "R", false, 0, "")
	setFont(f, "", 8.5)
	f.CellFormat(80, 4.5, l.date+": "+loc.FormatDate(s.Date), "", 2, "R", false, 0, "")
	f.CellFormat(80, 4.5, l.period+": "+loc.FormatDate(s.Month.First())+" – "+loc.FormatDate(s.Month.Last()), "", 2, "R", false, 0, "")
	f.CellFormat(80, 4.5, fmt.Sprintf(l.currency, r.cur), "", 2, "R", false, 0, "")
}

// accountBlock prints the customer on the left and its terms on the right.
func (r *statementRender) accountBlock() {
	f, l, a := r.f, r.l, r.a
	top := f.GetY()
	caption := func(x float64, s string) {
		f.SetX(x)
		setFont(f, "", 7.5)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(0, 4, s, "", 2, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
	}
	caption(margin, l.customer+":")
	setFont(f, "B", 10)
	f.MultiCell(112, 4.8, clean(a.Name), "", "L", false)
	setFont(f, "", 8)
	for _, s := range accountLines(a, l.code, l.taxID) {
		f.CellFormat(112, 4, clean(fit(f, s, 112)), "", 2, "L", false, 0, "")
	}
	bottom := f.GetY()
	f.SetY(top)
	limit := l.noLimit
	if a.CreditLimit > 0 {
		limit = r.loc.FormatAmount(a.CreditLimit, r.cur)
	}
	for _, p := range [][2]string{{l.terms, l.paymentTerms(a.PaymentTerms)}, {l.limit, limit}} {
		caption(130, p[0]+":")
		f.SetX(130)
		setFont(f, "", 8.5)
		f.MultiCell(68, 4.5, p[1], "", "L", false)
	}
	f.SetY(max(bottom, f.GetY()))
}

// footers numbers the statement's pages first..last once they are all drawn,
// so that the count restarts with each statement of a book. gofpdf's own
// footer and {nb} alias count the whole file.
func (r *statementRender) footers(first, last int) {
	f, l := r.f, r.l
	x, y := f.GetXY()
	f.SetAutoPageBreak(false, 0) // the footer sits below the break line
	left := clean(strings.Join(nonBlank(r.company.Name, l.title+" "+r.a.Code, r.s.Month.String()), " · "))
	for p := first; p <= last; p++ {
		f.SetPage(p)
		// The page's own stream may end in any font or colour; gofpdf skips
		// settings it believes current, so each is set afresh.
		f.SetFontSize(1)
		setFont(f, "", 7)
		f.SetFillColor(255, 255, 255)
		f.SetDrawColor(0, 0, 0)
		f.SetLineWidth(0.2)
		f.SetTextColor(90, 90, 90)
		f.SetXY(margin, 297-margin-2)
		f.CellFormat(150, 4, fit(f, left, 148), "T", 0, "L", false, 0, "")
		f.CellFormat(36, 4, fmt.Sprintf("%s %d %s %d", l.page, p-first+1, l.of, last-first+1), "T", 0, "R", false, 0, "")
	}
	f.SetTextColor(0, 0, 0)
	f.SetPage(last)
	f.SetAutoPageBreak(true, margin+6)
	f.SetXY(x, y)
}

func nonBlank(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
