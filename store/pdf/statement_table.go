package pdf

import (
	"fmt"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"kontor/domain"
)

// The lines table's columns in mm (they add up to the page's 186 mm):
// date, document, number or reference, due date, amount, balance.
var (
	stmtColumns = []float64{20, 22, 58, 26, 30, 30}
	stmtRight   = []bool{false, false, false, false, true, true}
)

const (
	stmtFont = 7.5 // pt, table body
	stmtRowH = 5.0 // mm: every row is one text line, so a row never splits
)

func (r *StatementBook) tableHeader() {
	f, l := r.f, r.l
	setFont(f, "B", 7)
	f.SetFillColor(232, 236, 242)
	for i, h := range []string{l.colDate, l.colKind, l.colNumber, l.colDue, l.colAmount, l.colBalance} {
		f.CellFormat(stmtColumns[i], 5.5, h, "", 0, alignOf(stmtRight[i]), true, 0, "")
	}
	f.Ln(-1)
	rule(f, 0, 0, 0)
}

// rule draws a line under the table row just drawn, across the page, at the
// width and colour given here: bold cells change the pen (setFont).
func rule(f *gofpdf.Fpdf, r, g, b int) {
	f.SetLineWidth(0.2)
	f.SetDrawColor(r, g, b)
	f.Line(margin, f.GetY(), margin+186, f.GetY())
	f.SetDrawColor(0, 0, 0)
}

func alignOf(right bool) string {
	if right {
		return "R"
	}
	return "L"
}

// lines prints the opening balance, one row a movement with the running
// balance, and the closing balance. A row that would cross the foot of the
// page goes to the next one, under a repeated header.
func (r *statementRender) lines() {
	f, l, loc, s := r.f, r.l, r.loc, r.s
	r.inTable = true
	r.tableHeader()
	r.row([]string{"", fmt.Sprintf(l.opening, loc.FormatDate(s.Month.First())), "", "", "", r.money(s.Opening)}, true, false)
	if len(s.Lines) == 0 {
		r.room(stmtRowH)
		setFont(f, "", stmtFont)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(186, stmtRowH, l.noLines, "", 1, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
	}
	for i := range s.Lines {
		ln := &s.Lines[i]
		r.row([]string{loc.FormatDate(ln.Date), l.kind(ln), clean(ln.Number), loc.FormatDate(ln.Due),
			r.money(ln.Amount), r.money(ln.Balance)}, false, i%2 == 1)
		if len(ln.Settles) > 0 {
			r.settles(ln.Settles, i%2 == 1)
		}
	}
	r.row([]string{"", fmt.Sprintf(l.closing, loc.FormatDate(s.Date)), "", "", "", r.money(s.Closing)}, true, false)
	r.inTable = false
	r.room(stmtRowH)
	setFont(f, "", 7)
	f.SetTextColor(90, 90, 90)
	f.CellFormat(186, stmtRowH, fmt.Sprintf(l.turnover, r.money(s.Invoiced), r.money(s.Paid)), "", 1, "R", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

// room starts a new page unless h mm fit above the foot of this one.
func (r *statementRender) room(h float64) {
	if r.f.GetY()+h > pageBottom {
		r.f.AddPage()
	}
}

// row prints one table row. A balance row (opening, closing) is bold with
// its label across the date to due-date columns.
func (r *statementRender) row(cells []string, balance, shaded bool) {
	f := r.f
	r.room(stmtRowH)
	x0, y0 := margin, f.GetY()
	if shaded {
		f.SetFillColor(246, 247, 249)
		f.Rect(x0, y0, 186, stmtRowH, "F")
	}
	style := ""
	if balance {
		style = "B"
	}
	setFont(f, style, stmtFont)
	if balance {
		label := stmtColumns[0] + stmtColumns[1] + stmtColumns[2] + stmtColumns[3]
		f.CellFormat(label, stmtRowH, cells[1], "", 0, "L", false, 0, "")
		f.SetX(x0 + label)
		cells = cells[4:]
		for i, c := range cells {
			r.numberCell(stmtColumns[4+i], c, style)
		}
	} else {
		for i, c := range cells {
			w := stmtColumns[i]
			if stmtRight[i] {
				r.numberCell(w, c, style)
				continue
			}
			f.CellFormat(w, stmtRowH, fit(f, c, w-2*quoteCellPadX), "", 0, "L", false, 0, "")
		}
	}
	f.SetXY(x0, y0+stmtRowH)
	rule(f, 225, 228, 233)
}

// numberCell sets an amount right-aligned, smaller rather than cut: a cut
// amount misleads.
func (r *statementRender) numberCell(w float64, s, style string) {
	f := r.f
	setFont(f, style, stmtFont)
	shrink(f, s, w-2*quoteCellPadX, stmtFont)
	f.CellFormat(w, stmtRowH, s, "", 0, "R", false, 0, "")
	f.SetFontSize(stmtFont)
}

// aging prints the buckets as of the statement date, the unapplied credit
// and what is due, kept together on one page.
func (r *statementRender) aging() {
	f, l, loc, s := r.f, r.l, r.loc, r.s
	const rowH = 5.5
	need := 6 + 5 + 2*rowH + 2 + 5 + 7
	r.room(need + 6)
	f.Ln(6)
	setFont(f, "B", 9)
	tw := f.GetStringWidth(l.aging) + 2*quoteCellPadX
	f.CellFormat(tw, 5, l.aging, "", 0, "L", false, 0, "")
	setFont(f, "", 8)
	f.SetTextColor(90, 90, 90)
	f.CellFormat(186-tw, 5, fmt.Sprintf(l.agingAsOf, loc.FormatDate(s.Date)), "", 1, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
	g := s.Aging
	heads := []string{l.current, l.d1_30, l.d31_60, l.d61_90, l.over90, l.credit, l.total}
	values := []domain.Amount{g.Current, g.D1_30, g.D31_60, g.D61_90, g.Over90, -g.Credit, g.Balance()}
	w := 186.0 / float64(len(heads))
	setFont(f, "B", 7)
	f.SetFillColor(232, 236, 242)
	for _, h := range heads {
		f.CellFormat(w, rowH, h, "", 0, "R", true, 0, "")
	}
	f.Ln(-1)
	rule(f, 0, 0, 0)
	for i, v := range values {
		style := ""
		if i == len(values)-1 {
			style = "B"
		}
		setFont(f, style, stmtFont+0.5)
		text := r.money(v)
		shrink(f, text, w-2*quoteCellPadX, stmtFont+0.5)
		f.CellFormat(w, rowH, text, "", 0, "R", false, 0, "")
	}
	f.Ln(-1)
	rule(f, 0, 0, 0)
	f.Ln(2)
	setFont(f, "", 8)
	f.CellFormat(186, 5, fmt.Sprintf(l.unapplied, loc.FormatAmount(g.Credit, r.cur)), "", 1, "L", false, 0, "")
	setFont(f, "B", 10)
	var due string
	switch {
	case s.Closing > 0:
		due = fmt.Sprintf(l.toPay, loc.FormatAmount(s.Closing, r.cur))
	case s.Closing < 0:
		due = fmt.Sprintf(l.overpaid, loc.FormatAmount(-s.Closing, r.cur))
	default:
		due = l.settled
	}
	f.CellFormat(186, 7, due, "", 1, "L", false, 0, "")
}

// remittance prints how to pay: the settings' remittance text with its line
// breaks, then the bank account. The block moves to a new page whole rather
// than leave its last lines alone there.
func (r *statementRender) remittance() {
	f, l, c := r.f, r.l, r.company
	const lineH = 4.2
	var paras []string
	if t := strings.TrimSpace(c.Remittance); t != "" {
		for _, p := range strings.Split(strings.ReplaceAll(t, "\r\n", "\n"), "\n") {
			paras = append(paras, clean(p))
		}
	}
	var bank string
	if c.BankAccount != "" {
		bank = l.remitTo + ": " + domain.FormatIBAN(c.BankAccount)
		if c.BankName != "" {
			bank += " (" + clean(c.BankName) + ")"
		}
	}
	if len(paras) == 0 && bank == "" {
		return
	}
	setFont(f, "", 8)
	need := 4.0
	for _, p := range paras {
		need += float64(max(1, len(f.SplitText(p, 186-2*quoteCellPadX)))) * lineH
	}
	if bank != "" {
		need += lineH + 1
	}
	if f.GetY()+need > pageBottom && need <= pageBottom-margin {
		f.AddPage()
	} else {
		f.Ln(4)
	}
	for _, p := range paras {
		f.MultiCell(186, lineH, p, "", "L", false)
	}
	if bank != "" {
		f.Ln(1)
		setFont(f, "B", 8.5)
		f.CellFormat(186, lineH+0.6, bank, "", 1, "L", false, 0, "")
	}
}
