package main

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/store"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

// TestRestoreReopens: the app lets go of its database, restores the backup
// over it (the replaced file kept aside) and shows the restored data; a
// restore that cannot be done leaves the app on the data it had.
func TestRestoreReopens(t *testing.T) {
	ctx := context.Background()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	dir := t.TempDir()
	path := filepath.Join(dir, "kontor.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	add := func(db *store.DB, code string) {
		f := domain.NewAccountFields()
		f.Code, f.Name = code, "Firma "+code
		if _, err := store.NewAccountService(db).CreateAccount(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	add(db, "K1")
	backup := filepath.Join(dir, "kopia.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	add(db, "K2")
	var opened atomic.Pointer[store.DB]
	opened.Store(db)
	k := &kontor{app: a, window: w, path: path, opened: &opened, run: worker.Inline}
	t.Cleanup(func() {
		if t := k.team.Load(); t != nil {
			t.stop()
		}
		if db := opened.Load(); db != nil {
			db.Close()
		}
	})

	// Not a backup: refused, and the app goes on with its data.
	if _, err := k.restore(ctx, filepath.Join(dir, "brak.db")); err == nil {
		t.Fatal("restored from a file that does not exist")
	}
	if n := accounts(t, opened.Load()); n != 2 {
		t.Errorf("after a refused restore the app shows %d accounts", n)
	}

	w.SetContent(widget.NewLabel("przed przywróceniem"))
	aside, err := k.restore(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(aside, path+".before-restore-") {
		t.Errorf("kept aside as %q", aside)
	}
	if n := accounts(t, opened.Load()); n != 1 {
		t.Errorf("the restored data has %d accounts, want the backup's 1", n)
	}
	if strings.Contains(uitest.Text(w.Content()), "przed przywróceniem") {
		t.Error("the window was not rebuilt on the restored data")
	}
	kept, err := store.Open(ctx, aside, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	if n := accounts(t, kept); n != 2 {
		t.Errorf("the file kept aside has %d accounts, want 2", n)
	}
}

func accounts(t *testing.T, db *store.DB) int {
	t.Helper()
	_, n, err := store.NewAccountService(db).ListAccountRows(context.Background(), domain.AccountFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWaitingIsShown: while a save waits for another program's write (a
// long import), the window says so, and stops saying so once none waits.
func TestWaitingIsShown(t *testing.T) {
	ctx := context.Background()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	var opened atomic.Pointer[store.DB]
	k := &kontor{app: a, window: w, path: filepath.Join(t.TempDir(), "kontor.db"), opened: &opened, run: worker.Inline}
	db, err := store.Open(ctx, k.path, k.openOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	opened.Store(db)
	k.showMain(db, nil)
	shown := func() bool {
		return waitingLine(w.Content()) != nil && waitingLine(w.Content()).Visible()
	}
	if waitingLine(w.Content()) == nil {
		t.Fatal("the window has no waiting line")
	}
	if shown() {
		t.Fatal("the waiting line is shown with nothing waiting")
	}
	k.onWait(true)
	k.onWait(true)
	if !shown() {
		t.Error("the waiting line is not shown while saves wait")
	}
	k.onWait(false)
	if !shown() {
		t.Error("the waiting line went while a save still waits")
	}
	k.onWait(false)
	if shown() {
		t.Error("the waiting line stays once no save waits")
	}
}

// waitingLine finds the label that says a save waits for another program.
func waitingLine(o fyne.CanvasObject) *widget.Label {
	switch x := o.(type) {
	case *widget.Label:
		if strings.HasPrefix(x.Text, "Waiting for another program") {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if l := waitingLine(c); l != nil {
				return l
			}
		}
	case fyne.Widget: // a widget holding others (the shell's tips layer)
		for _, c := range test.WidgetRenderer(x).Objects() {
			if l := waitingLine(c); l != nil {
				return l
			}
		}
	}
	return nil
}
