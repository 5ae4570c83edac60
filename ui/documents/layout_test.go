package documents

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

// TestBuilderLinesStayUnderTheirHeader: adding lines and repricing them keeps
// the builder laid out, its first line under the column titles and no gap
// above it, at every window size; the first line's first price is no
// "repriced" news, a line moved to another tier by a later one is.
func TestBuilderLinesStayUnderTheirHeader(t *testing.T) {
	f := newFixture(t)
	uitest.RealTheme()
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	uitest.AtEachSize(t, f.w, "a new quote", nil)

	f.addLine("WKR-440", "20") // the account's price from 10 up, not the list price
	if e.lines.note.Text != "" {
		t.Errorf("after the first line the builder says %q", e.lines.note.Text)
	}
	uitest.AtEachSize(t, f.w, "a quote with its first line", nil)

	f.addLine("KLEJ-5", "1")
	f.addLine("WKR-440", "5")
	uitest.AtEachSize(t, f.w, "a quote with three lines", nil)

	// Down to 5 screws on the first line: with the other 5 still 10, the tier
	// holds; down to 4, it does not and both lines of screws are repriced.
	e.lines.list.Select(0)
	e.lines.qty.Entry.SetText("4")
	if !strings.Contains(e.lines.note.Text, "2 lines repriced") {
		t.Errorf("after the tier was lost the builder says %q", e.lines.note.Text)
	}
	uitest.AtEachSize(t, f.w, "a quote with a repriced line", nil)
	e.lines.qty.Entry.SetText("20")
	uitest.AtEachSize(t, f.w, "a quote repriced back", nil)
}

// TestListTotals: under the Quotes and Orders lists, the count and net value
// of what the filters find, following the filters.
func TestListTotals(t *testing.T) {
	f := newFixture(t, func(f *fixture, d *Deps) { d.Totals = domaintest.NewDashboard(domaintest.NewLedger(f.docs)) })
	f.docs.AddOrder(t, f.lodz.ID, today.AddDays(-3), domain.OrderConfirmed, "KLEJ-5 2")
	f.docs.AddOrder(t, f.other.ID, today.AddDays(-2), domain.OrderDraft, "WKR-440 100")
	f.s.orders.list.refresh()
	if got := f.s.orders.list.count.Text; got != "2 documents · 204,80\u00a0zł net" {
		t.Errorf("under the orders: %q", got)
	}
	f.s.orders.list.account.Entry.SetText("K1")
	if got := f.s.orders.list.count.Text; got != "1 document · 179,80\u00a0zł net" {
		t.Errorf("under K1's orders: %q", got)
	}
	f.s.orders.list.account.Entry.SetText("K9")
	if got := f.s.orders.list.count.Text; got != "0 documents · 0,00\u00a0zł net" {
		t.Errorf("under an unknown account's orders: %q", got)
	}
}

// TestExactSKUAndEnterAdds: an exact SKU typed and Enter pressed before its
// lookup answered moves on to the quantity, never to the chooser; Enter
// there adds the line.
func TestExactSKUAndEnterAdds(t *testing.T) {
	var held []func()
	f := newFixture(t)
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	e.lines.d.Run = func(job func()) { held = append(held, job) } // the lookups answer late
	f.typeKeys("klej-5")
	f.press(fyne.KeyReturn)
	for len(held) > 0 {
		job := held[0]
		held = held[1:]
		job()
	}
	if f.w.Canvas().Overlays().Top() != nil {
		t.Fatal("an exact SKU opened the chooser")
	}
	if f.focused() != e.lines.qty.Focusable() {
		t.Fatalf("after the SKU and Enter the keyboard is in %T, want the quantity", f.focused())
	}
	e.lines.d.Run = worker.Inline
	f.typeKeys("3")
	f.press(fyne.KeyReturn)
	if len(e.lines.lines) != 1 || e.lines.lines[0].SKU != "KLEJ-5" || e.lines.lines[0].Quantity != 3000 {
		t.Errorf("lines %+v", e.lines.lines)
	}
}
