package today

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// TestBrokenPromisesOnToday: promises to pay broken lately show in red above
// the tasks, each opening its account at the promise; none, no block.
func TestBrokenPromisesOnToday(t *testing.T) {
	f := newFixture(t, seedTasks)
	if f.s.promises.box.Visible() {
		t.Fatal("a promises block without the service")
	}
	broken := []domain.BrokenPromise{{Promise: domain.Promise{Account: 7, Activity: 70, Due: domain.NewDate(2026, 11, 25),
		Amount: 150000, Paid: 20000}, Code: "K7", Name: "Żabka Gdańsk"}}
	var asked domain.Date
	f.s.d.Promises = func(_ context.Context, day domain.Date) ([]domain.BrokenPromise, error) {
		asked = day
		return broken, nil
	}
	f.s.Refresh()
	if asked != domain.DateOf(now) || !f.s.promises.box.Visible() || len(f.s.promises.buttons) != 1 {
		t.Fatalf("asked for %v, shown %v, %d rows", asked, f.s.promises.box.Visible(), len(f.s.promises.buttons))
	}
	b := f.s.promises.buttons[0]
	if !strings.Contains(b.Text, "K7 Żabka Gdańsk: 1\u00a0500,00\u00a0zł promised by 25.11.2026, 200,00\u00a0zł paid") ||
		b.Importance != widget.DangerImportance || !strings.Contains(f.s.promises.title.Text, "1") {
		t.Errorf("row %q (%v), title %q", b.Text, b.Importance, f.s.promises.title.Text)
	}
	test.Tap(b)
	if len(f.opened) != 1 || f.opened[0] != "7/70" {
		t.Errorf("opened %v", f.opened)
	}
	f.s.d.Promises = func(context.Context, domain.Date) ([]domain.BrokenPromise, error) { return nil, nil }
	f.s.Refresh()
	if f.s.promises.box.Visible() {
		t.Error("the block stays with no broken promise")
	}
}
