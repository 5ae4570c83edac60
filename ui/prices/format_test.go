package prices

import (
	"testing"

	"fyne.io/fyne/v2"

	"kontor/domain"
)

// TestPriceColumnLinesUpTheDecimals: in a column, a price in whole grosze
// takes as much room as one with fractions of a grosz, its decimal separator
// in the same place, in both languages.
func TestPriceColumnLinesUpTheDecimals(t *testing.T) {
	whole, _ := domain.ParseUnitPrice("89,90")
	fine, _ := domain.ParseUnitPrice("12,3456")
	for _, loc := range []domain.Locale{domain.Polish, domain.English} {
		a, b := PriceColumn(loc, whole), PriceColumn(loc, fine)
		if b != Price(loc, fine) {
			t.Errorf("%v: a price of 4 decimals reads %q, want %q", loc, b, Price(loc, fine))
		}
		wa := fyne.MeasureText(a, 14, fyne.TextStyle{}).Width
		wb := fyne.MeasureText(b, 14, fyne.TextStyle{}).Width
		if wa != wb {
			t.Errorf("%v: %q is %v wide, %q %v", loc, a, wa, b, wb)
		}
	}
}
