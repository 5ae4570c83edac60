package documents

import (
	"fmt"
	"testing"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
)

// BenchmarkTypeQuantity200Lines is what one keystroke in the quantity of a
// 200-line quote costs on the Fyne goroutine: the line taken, its row and
// the totals per VAT rate redrawn. The repricing it starts runs elsewhere
// (here: not at all), so this is the part that must fit in a frame.
func BenchmarkTypeQuantity200Lines(b *testing.B) {
	w := uitest.Window(b, 1400, 900)
	db := domaintest.New()
	cat := domaintest.NewCatalog(db)
	acc := db.AddAccount(b, "K1", "Hurtownia Łódź", "Łódź")
	var lines []domain.DocumentLine
	for i := range 200 {
		p := cat.AddProduct(b, fmt.Sprintf("SKU-%03d", i), fmt.Sprintf("Produkt nr %d z ogonkami ąęł", i), "12,34")
		lines = append(lines, domain.NewDocumentLine(p, domain.Quantity((i+1)*1000)))
	}
	d := &Deps{Window: w, Accounts: db, Products: cat, Prices: cat, Locale: domain.Polish, Run: func(func()) {}}
	d.defaults()
	e := newLineEditor(d, func() domain.AccountID { return acc.ID }, func() domain.Date { return uitest.Today }, func() {})
	w.SetContent(e.content)
	e.setLines(lines, "PLN", false)
	e.list.Select(100)
	b.ResetTimer()
	for i := range b.N {
		e.qty.Entry.SetText(fmt.Sprint(i%50 + 1))
	}
}
