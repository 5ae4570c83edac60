package pdf

import (
	"testing"
	"time"

	"kontor/domain"
)

// TestQuoteTableFitsItsWords: in both languages every column title fits its
// column on one line, and every unit Kontor knows fits the unit
// column of quotes and invoices whole; so no title runs into the next and no unit is cut.
func TestQuoteTableFitsItsWords(t *testing.T) {
	f := newDocument(time.Now(), "test")
	f.AddPage()
	for _, l := range []quoteWords{quoteLabels[domain.Polish], quoteLabels[domain.English]} {
		f.SetFont(fontFamily, "B", 7)
		for i, h := range []string{l.no, l.sku, l.name, l.qty, l.unit, l.netPrice, l.discount, l.netValue, l.vat} {
			lines := f.SplitText(h, quoteColumns[i])
			if len(lines) > 1 {
				t.Errorf("the title %q takes %d lines", h, len(lines))
			}
			for _, line := range lines {
				if w := f.GetStringWidth(line); w > quoteColumns[i]-2*quoteCellPadX {
					t.Errorf("the title %q: %q is %.1f mm in a column of %.1f", h, line, w, quoteColumns[i])
				}
			}
		}
	}
	f.SetFont(fontFamily, "", quoteFont)
	for _, u := range domain.Units {
		for _, width := range []float64{quoteColumns[colUnit], invoiceColumns[colUnit]} {
			if lines := f.SplitText(string(u.Unit), width); len(lines) != 1 || f.GetStringWidth(lines[0]) > width-2*quoteCellPadX {
				t.Errorf("the unit %q in a column of %.1f mm: %q", u.Unit, width, lines)
			}
		}
	}
	if got := formatPercent(domain.Polish, 250); got != "2,5%" {
		t.Errorf("a discount of 2.5 %% reads %q", got)
	}
}
