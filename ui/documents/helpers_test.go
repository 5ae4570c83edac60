package documents

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

func TestMain(m *testing.M) { uitest.Main(m) }

var today = uitest.Today

// fixture is both sections over fakes, background work run inline.
type fixture struct {
	t     *testing.T
	db    *domaintest.Store
	cat   *domaintest.Catalog
	docs  *domaintest.Documents
	w     fyne.Window
	s     *Screens
	shown domain.DocumentKind // the section the shell was asked to show
	lodz  *domain.Account     // K1: an agreement on screws from 10 up, a contact
	other *domain.Account     // K2
}

// newFixture builds the screens; opts change their Deps first.
func newFixture(t *testing.T, opts ...func(*fixture, *Deps)) *fixture {
	t.Helper()
	db := domaintest.New()
	cat := domaintest.NewCatalog(db)
	f := &fixture{t: t, db: db, cat: cat, docs: domaintest.NewDocuments(cat), w: uitest.Window(t, 1600, 1000)}
	f.lodz = db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź", func(a *domain.AccountFields) {
		a.Owner = "Anna Nowak"
		a.PaymentTerms = domain.PaymentTerms{Days: 14}
	})
	f.other = db.AddAccount(t, "K2", "Zakład Müller", "Poznań")
	db.AddContact(t, f.lodz.ID, "Jan", "Żółkiewski", "jan@example.pl")
	cat.AddProduct(t, "WKR-440", "Wkręt do drewna 4×40 ocynkowany", "0,25")
	cat.AddProduct(t, "KLEJ-5", "Klej montażowy żółty 5 kg", "89,90", func(p *domain.ProductFields) { p.VATRate = domain.VATRate("8") })
	cat.AddProduct(t, "KAB-1", "Kabel miedziany 1,5 mm²", "3,10", func(p *domain.ProductFields) { p.Unit = "m" })
	cat.AddAgreement(t, map[string]string{domain.FieldSKU: "WKR-440", domain.FieldAccountCode: "K1", domain.FieldMinQty: "10",
		domain.FieldPrice: "0,20"})
	d := Deps{Window: f.w, Accounts: db, Contacts: db, Products: cat, Prices: cat, Quotes: f.docs, Orders: f.docs,
		Settings: f.docs, Run: worker.Inline, Locale: domain.Polish, User: func() string { return "Ewa Rep" },
		Today: func() domain.Date { return today }, Show: func(k domain.DocumentKind) { f.shown = k }}
	for _, o := range opts {
		o(f, &d)
	}
	f.s = New(d)
	f.w.SetContent(f.s.QuotesContent())
	return f
}

// focused is what has the keyboard.
func (f *fixture) focused() fyne.Focusable {
	f.t.Helper()
	return uitest.Focused(f.t, f.w)
}

// typeKeys types text into whatever has the keyboard.
func (f *fixture) typeKeys(text string) { test.Type(f.focused(), text) }

// press presses a key in whatever has the keyboard; Tab moves the focus as
// the window does.
func (f *fixture) press(k fyne.KeyName) {
	f.t.Helper()
	uitest.Press(f.t, f.w, k)
}

// quoteEditor is the open quote.
func (f *fixture) quote() *quoteEditor {
	f.t.Helper()
	e, ok := f.s.quotes.ed.(*quoteEditor)
	if !ok {
		f.t.Fatal("no quote is open")
	}
	return e
}

// order is the open order.
func (f *fixture) order() *orderEditor {
	f.t.Helper()
	e, ok := f.s.orders.ed.(*orderEditor)
	if !ok {
		f.t.Fatal("no order is open")
	}
	return e
}

// rowText is line i of a line editor as shown, columns joined by " | ".
func rowText(e *lineEditor, i int) string {
	o := lineColumns.Row()
	e.updateRow(i, o)
	return strings.Join(xwidget.RowTexts(o), " | ")
}

// totalsText is the totals grid as shown, cells joined by " | ".
func totalsText(e *lineEditor) string {
	var out []string
	for _, o := range e.totals.Objects {
		out = append(out, o.(*fyne.Container).Objects[1].(*canvas.Text).Text)
	}
	return strings.Join(out, " | ")
}

// addLine types a line into the bar with the keyboard: SKU, Enter, quantity, Enter.
func (f *fixture) addLine(sku, qty string) {
	f.t.Helper()
	f.typeKeys(sku)
	f.press(fyne.KeyReturn)
	f.typeKeys(qty)
	f.press(fyne.KeyReturn)
}
