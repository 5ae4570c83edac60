package receivables

import (
	"net/url"
	"testing"

	"fyne.io/fyne/v2"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// today is the tests' day, the fakes' clock.
var today = uitest.Today

// fixture is the receivables screens over the fakes, work run inline.
type fixture struct {
	t      *testing.T
	db     *domaintest.Store
	cat    *domaintest.Catalog
	docs   *domaintest.Documents
	ledger *domaintest.Ledger
	print  *domaintest.Printer
	w      fyne.Window
	d      Deps
	lodz   *domain.Account // K1: credit limit 1 000 zł, net 14
	opened []domain.AccountID
	saved  string // where SaveFile answered
	urls   []string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, db: domaintest.New(), w: uitest.Window(t, 1280, 800)}
	f.cat = domaintest.NewCatalog(f.db)
	f.docs = domaintest.NewDocuments(f.cat)
	f.ledger = domaintest.NewLedger(f.docs)
	f.print = domaintest.NewPrinter(f.ledger)
	f.lodz = f.db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź", func(a *domain.AccountFields) {
		a.CreditLimit = 100000
		a.PaymentTerms = domain.PaymentTerms{Days: 14}
		a.Owner = "Anna Nowak"
	})
	f.cat.AddProduct(t, "KLEJ-5", "Klej montażowy żółty 5 kg", "100,00") // 123,00 zł gross
	f.cat.AddProduct(t, "WKR-440", "Wkręt 4×40", "0,50")
	f.d = Deps{Window: f.w, Groups: f.cat, Invoices: f.ledger, Payments: f.ledger, Receivables: f.ledger, Printer: f.print,
		Run: worker.Inline, Locale: domain.Polish, Language: func() string { return "pl" },
		Today:        func() domain.Date { return today },
		OpenAccount:  func(id domain.AccountID) { f.opened = append(f.opened, id) },
		SaveFile:     func(name string, then func(string)) { then(f.saved) },
		ChooseFolder: func(then func(string)) { then(f.saved) },
		OpenURL:      func(u *url.URL) error { f.urls = append(f.urls, u.String()); return nil },
		TempDir:      t.TempDir()}
	return f
}

// deliver adds a delivered order of lines "SKU qty" dated on: its invoice.
func (f *fixture) deliver(acc *domain.Account, on domain.Date, lines ...string) *domain.Order {
	f.t.Helper()
	return f.docs.AddOrder(f.t, acc.ID, on, domain.OrderDelivered, lines...)
}

// tab opens acc's Invoices tab in the window.
func (f *fixture) tab(acc *domain.Account) *AccountTab {
	t := NewAccountTab(&f.d, acc)
	f.w.SetContent(t.Content())
	return t
}

// rowTexts is row i of a list as shown.
func rowTexts(update func(int, fyne.CanvasObject), make func() fyne.CanvasObject, i int) []string {
	o := make()
	update(i, o)
	var out []string
	for _, l := range rowOf(o).labels() {
		out = append(out, l.Text)
	}
	return out
}
