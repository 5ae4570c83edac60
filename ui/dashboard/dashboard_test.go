package dashboard

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

func TestMain(m *testing.M) { uitest.Main(m) }

type fixture struct {
	s        *Screen
	ledger   *domaintest.Ledger
	quotes   []string
	overdue  []string
	accounts []domain.AccountID
}

// newFixture is the dashboard over a small ledger: Anna's account with two
// invoices and a sent quote, Piotr's with an invoice long overdue.
func newFixture(t *testing.T) *fixture {
	db := domaintest.New()
	cat := domaintest.NewCatalog(db)
	docs := domaintest.NewDocuments(cat)
	f := &fixture{ledger: domaintest.NewLedger(docs)}
	anna := db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź", func(a *domain.AccountFields) { a.Owner = "Anna Nowak" })
	piotr := db.AddAccount(t, "K2", "Sklep Kraków", "Kraków", func(a *domain.AccountFields) { a.Owner = "Piotr Zięba" })
	cat.AddProduct(t, "KLEJ-5", "Klej", "100,00")
	docs.AddOrder(t, anna.ID, uitest.Today.AddDays(-10), domain.OrderDelivered, "KLEJ-5 3")
	docs.AddOrder(t, anna.ID, uitest.Today.AddDays(-40), domain.OrderDelivered, "KLEJ-5 1")
	docs.AddOrder(t, piotr.ID, uitest.Today.AddDays(-200), domain.OrderDelivered, "KLEJ-5 5")
	w := uitest.Window(t, 1200, 800)
	uitest.RealTheme()
	f.s = New(Deps{Window: w, Dashboard: domaintest.NewDashboard(f.ledger), Run: worker.Inline, Locale: domain.Polish,
		Today: func() domain.Date { return uitest.Today }, Me: func() string { return "Anna Nowak" },
		OpenQuotes:      func(st domain.QuoteStatus, owner string) { f.quotes = append(f.quotes, string(st)+"/"+owner) },
		OpenReceivables: func(owner string) { f.overdue = append(f.overdue, owner) },
		OpenAccount:     func(id domain.AccountID) { f.accounts = append(f.accounts, id) }})
	w.SetContent(f.s.Content())
	f.s.Refresh()
	return f
}

// TestDashboardShowsTheFiguresOfItsScope: the charts show the service's
// figures for the rep's accounts, then the whole file; every bar says its
// figure on hover and leads to the list behind it.
func TestDashboardShowsTheFiguresOfItsScope(t *testing.T) {
	f := newFixture(t)
	s := f.s
	if s.Shown() == nil || s.Shown().Query.Owner != "Anna Nowak" {
		t.Fatalf("the dashboard opened on %+v, want Anna's accounts", s.Shown())
	}
	last := s.sales.columns[len(s.sales.columns)-1]
	if last.now != 30000 || last.label != "Nov" {
		t.Errorf("this month's bar %v labelled %q, want 300,00 zł as Nov", last.now, last.label)
	}
	if want := "November 2026: 300,00\u00a0zł net"; !strings.HasPrefix(last.nowBar.Tip(), want) {
		t.Errorf("this month's tip %q, want %q…", last.nowBar.Tip(), want)
	}
	if len(s.top.rows) != 1 || s.top.rows[0].label != "Hurtownia Łódź" {
		t.Errorf("Anna's top accounts: %+v", s.top.rows)
	}
	test.Tap(s.top.rows[0].bar)
	if len(f.accounts) != 1 {
		t.Error("the top account's bar did not open it")
	}
	test.Tap(s.pipeline.rows[1].bar) // sent
	if strings.Join(f.quotes, " ") != "sent/Anna Nowak" {
		t.Errorf("the pipeline opened %v", f.quotes)
	}

	s.scope.SetSelected(s.wholeLabel())
	if s.Shown().Query.Owner != "" || len(s.top.rows) != 2 {
		t.Fatalf("the whole file shows %d top accounts for %q", len(s.top.rows), s.Shown().Query.Owner)
	}
	over90 := s.overdue.rows[3]
	if over90.value != "615,00\u00a0zł" || over90.bar.Tip() != "over 90 days: 615,00\u00a0zł open · 1 invoice · 1 account" {
		t.Errorf("over 90 days: %q, tip %q", over90.value, over90.bar.Tip())
	}
	test.Tap(over90.bar)
	if len(f.overdue) != 1 || f.overdue[0] != "" {
		t.Errorf("the overdue bar opened receivables for %v", f.overdue)
	}
	// A month's bar opens the invoices behind it, which add up to it.
	test.Tap(last.nowBar)
	if s.invoices == nil || len(s.invoices.rows) != 1 || !strings.Contains(s.invoices.total.Text, "300,00\u00a0zł net") {
		t.Fatalf("the month's invoices: %+v", s.invoices)
	}
	uitest.AtEachSize(t, s.d.Window, "the month's invoices", nil)
	s.invoices.dialog.Escape()
	if s.d.Window.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the invoices open")
	}
	uitest.AtEachSize(t, s.d.Window, "the dashboard", nil)
}

// TestTipsSayTheFigures: resting the pointer on a bar shows its figure.
func TestTipsSayTheFigures(t *testing.T) {
	xwidget.TipDelay = 0
	f := newFixture(t)
	tips := xwidget.NewTips(f.s.Content())
	f.s.d.Window.SetContent(tips)
	f.s.d.Window.Resize(uitest.Laptop)
	bar := f.s.top.rows[0].bar
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	pos := abs(bar).Subtract(abs(tips)).Add(fyne.NewPos(bar.Size().Width/2, bar.Size().Height/2))
	tips.Hover(pos)
	if got := tips.Shown(); !strings.Contains(got, "Hurtownia Łódź (K1)") {
		t.Errorf("the tip over the top account says %q", got)
	}
}

// TestEmptyChartLabelsOneZero: a chart with nothing to show (no sales yet,
// or the figures still loading) labels its bottom line 0 and no other; one
// with sales labels its lines with round figures.
func TestEmptyChartLabelsOneZero(t *testing.T) {
	test.NewTempApp(t)
	c := newColumnChart(func(v float64) string { return fmt.Sprintf("%.0f", v) })
	labels := func() []string {
		r := test.WidgetRenderer(c).(*columnRenderer)
		var out []string
		for _, t := range r.gridTxt {
			out = append(out, t.Text)
		}
		return out
	}
	c.set(nil, nil)
	if got := strings.Join(labels(), ","); got != ",,0" {
		t.Errorf("empty chart's gridlines say %q, want only the bottom one 0", got)
	}
	c.set([]column{{label: "Dec", now: 180000, last: 120000, nowBar: newBar(theme.ColorNamePrimary, false, "", nil),
		lastBr: newBar(theme.ColorNamePrimary, true, "", nil)}}, nil)
	if got := strings.Join(labels(), ","); got != "200000,100000,0" {
		t.Errorf("gridlines say %q", got)
	}
}

// TestEmptyListWaitsForItsFigures: while the figures load a list says
// nothing; "No open quotes." is said once they came and there are none.
func TestEmptyListWaitsForItsFigures(t *testing.T) {
	test.NewTempApp(t)
	l := newBarList("No open quotes.")
	says := func() bool {
		for _, o := range test.WidgetRenderer(l).Objects() {
			if txt, ok := o.(*canvas.Text); ok && txt.Text == "No open quotes." {
				return true
			}
		}
		return false
	}
	if says() {
		t.Error("the list says it is empty before its figures came")
	}
	l.set(nil)
	if !says() {
		t.Error("an empty list with its figures does not say so")
	}
}
