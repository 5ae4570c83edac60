package documents

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

// TestOrderLifecycle makes an order directly, confirms it (lines locked),
// refuses a delivery date before the order date, delivers it, and cancels
// another only with a reason.
func TestOrderLifecycle(t *testing.T) {
	f := newFixture(t)
	f.w.SetContent(f.s.OrdersContent())
	f.s.NewOrderFor(f.lodz.ID)
	e := f.order()
	if got := e.head.text(domain.FieldDeliveryAddress) + "|" + e.head.text(fieldDeliveryCity); got != "|Łódź" {
		t.Errorf("delivery address from the account: %q", got)
	}
	f.addLine("KLEJ-5", "3")
	e.head.fields[domain.FieldCustomerPO].Entry.SetText("PO-77/2026")
	f.s.SaveOrder()
	if e.o == nil || e.o.Number != "ZAM/2026/00001" || e.o.CustomerPO != "PO-77/2026" {
		t.Fatalf("saved order: %+v", e.o)
	}
	test.Tap(e.confirmBtn)
	if e.o.Status != domain.OrderConfirmed || !e.lines.locked || !e.lines.addBtn.Disabled() || !e.lines.qty.Entry.Disabled() {
		t.Fatalf("a confirmed order's lines are not locked: %s", e.o.Status)
	}
	// The header may still change.
	e.head.fields[domain.FieldNotes].Entry.SetText("brama od ul. Piotrkowskiej")
	f.s.SaveOrder()
	if e.o.Notes != "brama od ul. Piotrkowskiej" {
		t.Errorf("notes of a confirmed order: %q", e.o.Notes)
	}

	test.Tap(e.deliverBtn)
	e.prompt.field.Entry.SetText("01.11.2026")
	test.Tap(e.prompt.okBtn)
	if e.o.Status != domain.OrderConfirmed || !strings.Contains(e.prompt.field.Problem(), "before the order date") {
		t.Fatalf("delivered before the order date: %s, problem %q", e.o.Status, e.prompt.field.Problem())
	}
	e.prompt.field.Entry.SetText("30.11.2026")
	test.Tap(e.prompt.okBtn)
	if e.o.Status != domain.OrderDelivered || e.o.DeliveredOn != domain.NewDate(2026, 11, 30) {
		t.Fatalf("delivered: %s on %v", e.o.Status, e.o.DeliveredOn)
	}
	if !e.saveBtn.Disabled() || !e.cancelBtn.Disabled() || !strings.Contains(e.subtitle.Text, "delivered 30.11.2026") {
		t.Errorf("a delivered order is still editable, or says %q", e.subtitle.Text)
	}

	f.s.NewOrderFor(f.other.ID)
	c := f.order()
	f.addLine("KAB-1", "12,5")
	f.s.SaveOrder()
	test.Tap(c.cancelBtn)
	test.Tap(c.prompt.okBtn)
	if c.o.Status != domain.OrderDraft || c.prompt.field.Problem() == "" {
		t.Fatalf("cancelled without a reason: %s", c.o.Status)
	}
	c.prompt.field.Entry.SetText("klient zrezygnował")
	test.Tap(c.prompt.okBtn)
	if c.o.Status != domain.OrderCancelled || c.o.CancelReason != "klient zrezygnował" {
		t.Fatalf("cancelled: %s %q", c.o.Status, c.o.CancelReason)
	}
}

// TestRepeatOrderHighlightsNewPrices repeats an order of last month after
// the account's price changed: the repeat is unsaved, dated today, and the
// line whose price differs is marked.
func TestRepeatOrderHighlightsNewPrices(t *testing.T) {
	f := newFixture(t)
	f.w.SetContent(f.s.OrdersContent())
	old := f.docs.AddOrder(t, f.lodz.ID, domain.NewDate(2026, 10, 20), domain.OrderDelivered, "WKR-440 5", "KLEJ-5 1")
	f.cat.AddAgreement(t, map[string]string{domain.FieldSKU: "KLEJ-5", domain.FieldAccountCode: "K1", domain.FieldPrice: "79,00",
		domain.FieldValidFrom: "2026-11-01"})
	f.s.OpenOrder(old.ID)
	e := f.order()
	test.Tap(e.repeatBtn)
	r := f.order()
	if r.o != nil || !r.dirty || r.head.text(domain.FieldOrderDate) != "27.11.2026" {
		t.Fatalf("the repeat is not a new order of today: %v, %q", r.o, r.head.text(domain.FieldOrderDate))
	}
	if got := rowText(r.lines, 1); !strings.Contains(got, "79,00\u00a0zł (was 89,90\u00a0zł)") {
		t.Errorf("the changed price is not marked: %q", got)
	}
	if got := rowText(r.lines, 0); strings.Contains(got, "was") {
		t.Errorf("an unchanged price is marked: %q", got)
	}
	if !strings.Contains(r.lines.priceNote, "1 line has a different price today") {
		t.Errorf("note: %q", r.lines.priceNote)
	}
	// Last prices: what K1 paid for the glue on the delivered order.
	if got := rowText(r.lines, 1); !strings.Contains(got, "89,90\u00a0zł · 20.10.2026") {
		t.Errorf("last price paid not shown: %q", got)
	}
	f.s.SaveOrder()
	if r.o == nil || r.o.Number != "ZAM/2026/00002" {
		t.Fatalf("the repeat was not saved: %+v", r.o)
	}
	// The order that was repeated still shows the glue it bought, not itself.
	f.s.OpenOrder(old.ID)
	if got := rowText(f.order().lines, 1); strings.Contains(got, "20.10.2026") || !strings.Contains(got, "never bought") {
		t.Errorf("an order's own price shown as the last paid: %q", got)
	}
}

// TestListsFilterAndAccountTabs filters the quote list by status and
// account, and lists an account's recent orders in its tab.
func TestListsFilterAndAccountTabs(t *testing.T) {
	f := newFixture(t)
	f.docs.AddOrder(t, f.lodz.ID, domain.NewDate(2026, 9, 1), domain.OrderDelivered, "WKR-440 100")
	f.docs.AddOrder(t, f.lodz.ID, domain.NewDate(2026, 11, 2), domain.OrderConfirmed, "KLEJ-5 10")
	f.docs.AddOrder(t, f.other.ID, domain.NewDate(2026, 11, 3), domain.OrderDraft, "KAB-1 1")
	for _, acc := range []*domain.Account{f.lodz, f.other} {
		f.s.NewQuoteFor(acc.ID)
		f.addLine("KLEJ-5", "1")
		f.s.SaveQuote()
	}
	l := f.s.quotes.list
	if l.pages.Total() != 2 {
		t.Fatalf("quotes listed: %d", l.pages.Total())
	}
	l.account.Entry.SetText("K2")
	if l.pages.Total() != 1 || !strings.Contains(l.rowTexts(0)[2], "Zakład Müller") {
		t.Errorf("filtered by K2: %d, %v", l.pages.Total(), l.rowTexts(0))
	}
	l.account.Entry.SetText("NOPE")
	if l.pages.Total() != 0 || l.account.Problem() == "" {
		t.Errorf("an unknown account code: %d rows, problem %q", l.pages.Total(), l.account.Problem())
	}
	l.account.Entry.SetText("")
	l.status.SetSelectedIndex(2) // sent
	if l.pages.Total() != 0 {
		t.Errorf("sent quotes: %d", l.pages.Total())
	}

	o := f.s.orders.list
	o.sort.SetSelectedIndex(2) // largest first
	if got := o.rowTexts(0); got[0] != "ZAM/2026/00002" || got[5] != "899,00\u00a0zł" {
		t.Errorf("largest order first: %v", got)
	}
	o.from.Entry.SetText("01.11.2026")
	if o.pages.Total() != 2 {
		t.Errorf("orders from 1 November: %d", o.pages.Total())
	}
	o.to.Entry.SetText("31.13.2026")
	if o.to.Problem() == "" {
		t.Error("a bad date is not shown under its filter")
	}

	tab := f.s.OrdersTab(f.lodz)
	if len(tab.rows) != 2 || tab.rows[0].texts[0] != "ZAM/2026/00002" {
		t.Fatalf("K1's orders tab: %+v", tab.rows)
	}
	tab.list.Select(1)
	if e := f.order(); e.o == nil || e.o.Number != "ZAM/2026/00001" || f.shown != domain.KindOrder {
		t.Error("a row of the tab does not open its order")
	}
}

// TestOrderDateReprices: an agreement valid from a later day applies once the
// order is dated on or after it.
func TestOrderDateReprices(t *testing.T) {
	f := newFixture(t)
	f.cat.AddAgreement(t, map[string]string{domain.FieldSKU: "KLEJ-5", domain.FieldAccountCode: "K1", domain.FieldPrice: "79,00",
		domain.FieldValidFrom: "2026-12-01"})
	f.w.SetContent(f.s.OrdersContent())
	f.s.NewOrderFor(f.lodz.ID)
	e := f.order()
	f.addLine("KLEJ-5", "1")
	if p := e.lines.lines[0].Price; p != 89_9000 {
		t.Fatalf("today's price %v, want the list price", p)
	}
	e.head.fields[domain.FieldOrderDate].Entry.SetText("02.12.2026")
	if l := e.lines.lines[0]; l.Price != 79_0000 || l.Source != domain.SourceAccount {
		t.Errorf("dated 2 December: %v from %s, want the agreement from 1 December", l.Price, l.Source)
	}
}
