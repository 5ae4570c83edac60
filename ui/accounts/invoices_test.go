package accounts

import (
	"strings"
	"testing"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/receivables"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

// TestInvoicesTab opens an account from Receivables at its Invoices tab, its
// money summary in the header; the tab comes after Orders' place and before
// Branches.
func TestInvoicesTab(t *testing.T) {
	f := newFixture(t)
	cat := domaintest.NewCatalog(f.db)
	docs := domaintest.NewDocuments(cat)
	ledger := domaintest.NewLedger(docs)
	cat.AddProduct(t, "KLEJ-5", "Klej", "100,00")
	docs.AddOrder(t, f.lodz.ID, domain.NewDate(2026, 10, 1), domain.OrderDelivered, "KLEJ-5 1")
	f.db.AddAccount(t, "K3", "Oddział Łódź-Bałuty", "Łódź", func(a *domain.AccountFields) { a.ParentCode = "K1" })
	rd := &receivables.Deps{Window: f.w, Invoices: ledger, Payments: ledger, Receivables: ledger, Run: worker.Inline,
		Locale: domain.Polish, Today: func() domain.Date { return domain.NewDate(2026, 11, 27) }}
	f.s.Open(f.lodz.ID)
	narrow := f.s.view.content.MinSize().Width // the account view without the tab
	d := f.s.d
	d.Invoices = func(acc *domain.Account) AccountTab { return receivables.NewAccountTab(rd, acc) }
	f.s = New(d)
	f.w.SetContent(f.s.Content())

	f.s.OpenInvoices(f.lodz.ID)
	v := f.s.view
	if v == nil || v.invoicesIndex() < 0 || v.tabs.SelectedIndex() != v.invoicesIndex() {
		t.Fatalf("not at the Invoices tab: %+v", v)
	}
	if last := v.tabs.Items[len(v.tabs.Items)-1]; last != v.branchTab || v.tabs.Items[v.invoicesIndex()+1] != v.branchTab {
		t.Errorf("Branches is not right after Invoices, last: %q", last.Text)
	}
	if len(v.money.Objects) != 1 || !strings.Contains(f.windowText(), "Balance 123,00\u00a0zł · overdue 123,00\u00a0zł") {
		t.Errorf("no money summary in the header:\n%s", f.windowText())
	}
	// The tab must not widen the view: beside the list it has half the window.
	if w := v.content.MinSize().Width; w > narrow+1 {
		t.Errorf("the Invoices tab widens the account view from %v to %v", narrow, w)
	}
	// Another tab chosen, then the same account from Receivables again: back at Invoices without reloading.
	v.tabs.SelectIndex(0)
	f.s.OpenInvoices(f.lodz.ID)
	if f.s.view != v || v.tabs.SelectedIndex() != v.invoicesIndex() {
		t.Error("the open account did not switch to its Invoices tab")
	}
}

// windowText is every text in the window's content.
func (f *fixture) windowText() string { return uitest.Text(f.w.Content()) }
