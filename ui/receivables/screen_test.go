package receivables

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

func (s *Screen) rowText(i int) []string {
	return rowTexts(s.updateRow, func() fyne.CanvasObject { return newOpenRow(listColumns, s.list, s.open, listRight...) }, i)
}

// threeAccounts gives K1, K2 and K3 an invoice in October; K2's is the
// oldest, K3 belongs to another owner and has paid in part.
func threeAccounts(f *fixture) (k2, k3 *domain.Account) {
	k2 = f.db.AddAccount(f.t, "K2", "Zakład Müller", "Poznań", func(a *domain.AccountFields) { a.Owner = "Anna Nowak" })
	k3 = f.db.AddAccount(f.t, "K3", "Świętokrzyskie Hurtownie", "Kielce", func(a *domain.AccountFields) {
		a.Owner = "Piotr Zięba"
		a.CustomerGroup = "Hurt"
	})
	f.deliver(f.lodz, domain.NewDate(2026, 10, 10), "KLEJ-5 1")
	f.deliver(k2, domain.NewDate(2026, 10, 1), "KLEJ-5 2")
	f.deliver(k3, domain.NewDate(2026, 10, 20), "KLEJ-5 10")
	f.ledger.AddPayment(f.t, k3.ID, domain.NewDate(2026, 11, 2), "230", "")
	return k2, k3
}

// TestReceivablesList lists open balances most overdue first with totals,
// filters by owner, opens an account by double click and by Enter, and
// exports what it shows.
func TestReceivablesList(t *testing.T) {
	f := newFixture(t)
	k2, k3 := threeAccounts(f)
	var exported []domain.ReceivableRow
	f.d.Export = func(_ context.Context, rows []domain.ReceivableRow, format Format, path string) error {
		if format != FormatXLSX || path != f.saved {
			t.Errorf("export %s to %s", format, path)
		}
		exported = rows
		return nil
	}
	s := New(f.d)
	f.w.SetContent(s.Content())
	s.Refresh()
	// K1's invoice is due 24.10 (net 14), K2's 31.10, K3's 19.11.
	if len(s.rows) != 3 || s.rows[0].AccountID != f.lodz.ID || s.rows[1].AccountID != k2.ID || s.rows[2].AccountID != k3.ID {
		t.Fatalf("rows: %+v", s.rows)
	}
	if got := s.rowText(0); got[0] != "K1" || got[4] != "123,00" || got[3] != "" || got[8] != "123,00" || got[9] != "1\u00a0000,00" {
		t.Errorf("K1: %q", got)
	}
	if got := s.totals.labels(); got[8].Text != "1\u00a0369,00" || got[3].Text != "1\u00a0246,00" {
		t.Errorf("totals: balance %q, 1–30 %q", got[8].Text, got[3].Text)
	}
	s.owner.SetSelected("Piotr Zięba")
	if len(s.rows) != 1 || s.rows[0].Code != "K3" || !strings.Contains(s.status.Text, "1 account") {
		t.Fatalf("owner filter: %+v, %q", s.rows, s.status.Text)
	}
	s.owner.SetSelectedIndex(0)
	if len(s.rows) != 3 {
		t.Fatalf("all owners again: %d rows", len(s.rows))
	}
	s.group.SetSelected("Hurt")
	if len(s.rows) != 1 || s.rows[0].Code != "K3" {
		t.Fatalf("group filter (options %q): %+v", s.group.Options, s.rows)
	}
	s.group.SetSelectedIndex(0)
	o := newOpenRow(listColumns, s.list, s.open, listRight...)
	s.updateRow(1, o)
	o.Tapped(nil)
	if s.list.selected != 1 || s.openBtn.Disabled() || len(f.opened) != 0 {
		t.Fatalf("a click did not just select the row: selected %d", s.list.selected)
	}
	o.DoubleTapped(nil)
	s.list.Select(2)
	s.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(f.opened) != 2 || f.opened[0] != k2.ID || f.opened[1] != k3.ID {
		t.Errorf("opened: %v", f.opened)
	}
	f.saved = filepath.Join(t.TempDir(), "r.xlsx")
	test.Tap(s.xlsxBtn)
	if len(exported) != 3 || !strings.Contains(s.status.Text, "r.xlsx") {
		t.Errorf("exported %d rows, status %q", len(exported), s.status.Text)
	}
}

// TestEmptyReceivables says so when nothing is owed.
func TestEmptyReceivables(t *testing.T) {
	f := newFixture(t)
	s := New(f.d)
	f.w.SetContent(s.Content())
	s.Refresh()
	if !s.empty.Visible() || !strings.Contains(s.empty.Text, "Nothing is owed") || !s.csvBtn.Disabled() {
		t.Errorf("empty state: %v %q", s.empty.Visible(), s.empty.Text)
	}
}

// TestBatchOfThree writes October's statements of three accounts into a
// folder: the bar reaches 3 of 3 and the summary says 3 written.
func TestBatchOfThree(t *testing.T) {
	f := newFixture(t)
	threeAccounts(f)
	s := New(f.d)
	f.w.SetContent(s.Content())
	s.Statements()
	b := s.batch
	if b.month.Selected != "October 2026" {
		t.Errorf("default month: %q", b.month.Selected)
	}
	if got, want := b.target.Text(), DefaultStatementFolder("2026-10"); got != want {
		t.Errorf("proposed folder %q, want %q", got, want)
	}
	b.target.Entry.SetText("")
	test.Tap(b.startBtn)
	if got := b.target.Problem(); got == "" {
		t.Fatal("started without a folder")
	}
	dir := t.TempDir()
	f.saved = dir
	test.Tap(b.browse)
	if b.target.Text() != dir {
		t.Fatalf("chosen folder: %q", b.target.Text())
	}
	test.Tap(b.startBtn)
	if b.bar.Value != 3 || b.bar.Max != 3 || b.counter.Text != "3 of 3 accounts" {
		t.Errorf("progress: %v of %v, %q", b.bar.Value, b.bar.Max, b.counter.Text)
	}
	if b.result == nil || b.result.Written != 3 || !strings.Contains(b.summary.Text, "3 statements written.") {
		t.Fatalf("summary: %q", b.summary.Text)
	}
	for _, code := range []string{"K1", "K2", "K3"} {
		if _, err := os.Stat(filepath.Join(dir, code+"_2026-10.pdf")); err != nil {
			t.Error(err)
		}
	}
}

// TestBatchFailuresAndCancel reports a failing account with its reason, and
// a batch cancelled after the first account.
func TestBatchFailuresAndCancel(t *testing.T) {
	f := newFixture(t)
	threeAccounts(f)
	f.print.Fail["K2"] = domain.Errorf(domain.EInvalid, "test.failed", "the disk is full", nil)
	s := New(f.d)
	s.Statements()
	b := s.batch
	b.target.Entry.SetText(t.TempDir())
	test.Tap(b.startBtn)
	if b.result.Written != 2 || !strings.Contains(b.summary.Text, "• K2: The disk is full") {
		t.Errorf("failure summary: %q", b.summary.Text)
	}

	s.Statements()
	b = s.batch
	b.target.Entry.SetText(t.TempDir())
	f.print.Before = func(code string) {
		if code == "K2" {
			b.stop()
		}
	}
	test.Tap(b.startBtn)
	if !b.result.Cancelled || !strings.Contains(b.summary.Text, "Cancelled") {
		t.Errorf("cancelled: %+v %q", b.result, b.summary.Text)
	}

	s.Statements()
	b = s.batch
	// A missing folder is offered for creation; made, the batch runs.
	missing := filepath.Join(t.TempDir(), "missing", "2026-10")
	b.target.Entry.SetText(missing)
	f.print.Before = nil
	test.Tap(b.startBtn)
	if b.result != nil || b.question == nil {
		t.Fatalf("a missing folder: %v, asked %v", b.result, b.question != nil)
	}
	test.Tap(b.question.Button("Create folder"))
	if b.result == nil || b.result.Written != 2 { // K2 still fails
		t.Errorf("after creating the folder: %+v", b.result)
	}
	// A missing folder that cannot be made (under a file) says why, nothing written.
	s.Statements()
	b = s.batch
	file := filepath.Join(t.TempDir(), "plik")
	os.WriteFile(file, []byte("x"), 0o600)
	b.target.Entry.SetText(filepath.Join(file, "2026-10"))
	test.Tap(b.startBtn)
	if b.question == nil {
		t.Fatal("not asked to create the folder")
	}
	test.Tap(b.question.Button("Create folder"))
	if b.result != nil || !strings.Contains(b.target.Problem(), "cannot be created") {
		t.Errorf("an unmakeable folder: %v, %q", b.result, b.target.Problem())
	}
}
