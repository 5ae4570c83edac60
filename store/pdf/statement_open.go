package pdf

import (
	"fmt"
	"strconv"
	"strings"
)

// settles prints, under a payment or credit note, the invoices it settled,
// in small grey type across the document to balance columns; a long list
// wraps onto further rows, each kept whole on a page.
func (r *statementRender) settles(numbers []string, shaded bool) {
	f := r.f
	const h = 3.6
	x := margin + stmtColumns[0]
	w := stmtColumns[1] + stmtColumns[2] + stmtColumns[3] + stmtColumns[4] + stmtColumns[5]
	setFont(f, "", 6.5)
	text := clean(fmt.Sprintf(r.l.settles, strings.Join(numbers, ", ")))
	for _, part := range f.SplitText(text, w-2*quoteCellPadX) {
		r.room(h)
		y := f.GetY()
		if shaded {
			f.SetFillColor(246, 247, 249)
			f.Rect(margin, y, 186, h, "F")
		}
		setFont(f, "", 6.5)
		f.SetTextColor(90, 90, 90)
		f.SetXY(x, y)
		f.CellFormat(w, h, part, "", 0, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
		f.SetXY(margin, y+h)
	}
	rule(f, 225, 228, 233)
}

// The open items table's columns in mm (186 in all): number, invoice date,
// due date, days overdue, gross, open.
var (
	openColumns = []float64{56, 24, 26, 20, 30, 30}
	openRight   = []bool{false, false, false, true, true, true}
)

func (r *statementRender) openHeader() {
	f, l := r.f, r.l
	setFont(f, "B", 7)
	f.SetFillColor(232, 236, 242)
	for i, h := range []string{l.colNumber, l.colDate, l.colOpenDue, l.colDays, l.colGross, l.colOpen} {
		f.CellFormat(openColumns[i], 5.5, h, "", 0, alignOf(openRight[i]), true, 0, "")
	}
	f.Ln(-1)
	rule(f, 0, 0, 0)
}

// openItems lists every invoice open on the statement date, those that make
// up the opening balance too, with the unapplied credit beneath and their
// sum, the closing balance, so the customer can tick off each invoice.
func (r *statementRender) openItems() {
	f, l, loc, s := r.f, r.l, r.loc, r.s
	r.room(6 + 5 + 5.5 + stmtRowH*2)
	f.Ln(5)
	setFont(f, "B", 9)
	f.CellFormat(186, 5, fmt.Sprintf(l.openItems, loc.FormatDate(s.Date)), "", 1, "L", false, 0, "")
	if len(s.OpenItems) == 0 {
		setFont(f, "", 8)
		f.CellFormat(186, stmtRowH, l.noOpen, "", 1, "L", false, 0, "")
		return
	}
	r.repeat = r.openHeader
	r.openHeader()
	for i := range s.OpenItems {
		it := &s.OpenItems[i]
		days := ""
		if it.DaysOverdue > 0 {
			days = strconv.Itoa(it.DaysOverdue)
		}
		r.cellsRow(openColumns, openRight, []string{clean(it.Number), loc.FormatDate(it.Date), loc.FormatDate(it.Due), days,
			r.money(it.Gross), r.money(it.Open)}, "", i%2 == 1)
	}
	label := openColumns[0] + openColumns[1] + openColumns[2] + openColumns[3] + openColumns[4]
	if g := s.Aging.Credit; g != 0 {
		r.cellsRow([]float64{label, openColumns[5]}, []bool{false, true}, []string{l.openCredit, r.money(-g)}, "", false)
	}
	r.cellsRow([]float64{label, openColumns[5]}, []bool{false, true}, []string{fmt.Sprintf(l.closing, loc.FormatDate(s.Date)),
		r.money(s.OpenTotal() - s.Aging.Credit)}, "B", false)
	r.repeat = nil
}

// cellsRow prints one row of a table of the given columns.
func (r *statementRender) cellsRow(cols []float64, right []bool, cells []string, style string, shaded bool) {
	f := r.f
	r.room(stmtRowH)
	x0, y0 := margin, f.GetY()
	if shaded {
		f.SetFillColor(246, 247, 249)
		f.Rect(x0, y0, 186, stmtRowH, "F")
	}
	for i, c := range cells {
		if right[i] {
			r.numberCell(cols[i], c, style)
			continue
		}
		setFont(f, style, stmtFont)
		f.CellFormat(cols[i], stmtRowH, fit(f, c, cols[i]-2*quoteCellPadX), "", 0, "L", false, 0, "")
	}
	f.SetXY(x0, y0+stmtRowH)
	rule(f, 225, 228, 233)
}
