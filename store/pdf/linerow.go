package pdf

import "github.com/jung-kurt/gofpdf"

// lineRow draws the i-th row of a document's lines table (a quote's or an
// invoice's): the columns' widths and which of them are numbers set right.
// A name or SKU wraps within its cell's margins, a unit within its column; a
// number is never cut but set smaller; other text is cut to fit. A row that
// does not fit on the page starts the next one (whose header function
// repeats the table's header); every other row is shaded.
func lineRow(f *gofpdf.Fpdf, i int, cells []string, columns []float64, right []bool) {
	wrapped := make([][]string, len(cells))
	height := 1
	for c, s := range cells {
		switch {
		case c == colUnit:
			wrapped[c] = f.SplitText(s, columns[c])
		case c == colName || c == colSKU:
			wrapped[c] = f.SplitText(s, columns[c]-2*quoteCellPadX)
		case right[c]:
			wrapped[c] = []string{s}
		default:
			wrapped[c] = []string{fit(f, s, columns[c]-2*quoteCellPadX)}
		}
		height = max(height, len(wrapped[c]))
	}
	h := float64(height)*quoteLineH + 2*quotePad
	if f.GetY()+h > pageBottom {
		f.AddPage()
		f.SetFont(fontFamily, "", quoteFont)
	}
	x0, y0 := margin, f.GetY()
	if i%2 == 1 {
		f.SetFillColor(246, 247, 249)
		f.Rect(x0, y0, 186, h, "F")
	}
	x := x0
	for c, parts := range wrapped {
		align := "L"
		if right[c] {
			align = "R"
		}
		for k, s := range parts {
			f.SetXY(x, y0+quotePad+float64(k)*quoteLineH)
			shrink(f, s, columns[c]-2*quoteCellPadX, quoteFont)
			f.CellFormat(columns[c], quoteLineH, s, "", 0, align, false, 0, "")
			f.SetFontSize(quoteFont)
		}
		x += columns[c]
	}
	f.SetDrawColor(225, 228, 233)
	f.Line(x0, y0+h, x0+186, y0+h)
	f.SetDrawColor(0, 0, 0)
	f.SetXY(x0, y0+h)
}
