package accounts

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// fixture is a screen over a fake store, its background work run inline.
type fixture struct {
	t     *testing.T
	db    *domaintest.Store
	w     fyne.Window
	s     *Screen
	lodz  *domain.Account // K1, with a contact
	other *domain.Account // K2

	lastKind domain.ActivityKind // the kind of activity logged last
}

// now is the tests' clock: 15:30 on uitest.Today.
var now = uitest.At(15, 30)

func newFixture(t *testing.T, seed ...func(*domaintest.Store)) *fixture {
	t.Helper()
	db := domaintest.New()
	f := &fixture{t: t, db: db, lastKind: domain.KindNote, w: uitest.Window(t, 1400, 900)}
	f.lodz = db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź", func(a *domain.AccountFields) { a.TaxID = "5260001246" })
	f.other = db.AddAccount(t, "K2", "Zakład Müller", "Poznań")
	db.AddContact(t, f.lodz.ID, "Jan", "Żółkiewski", "jan@example.pl")
	for _, fn := range seed {
		fn(db)
	}
	f.s = New(Deps{Window: f.w, Accounts: db, Contacts: db, Run: worker.Inline, Locale: domain.Polish,
		RepName: func() string { return "Anna Nowak" }, Activities: db,
		History: HistoryDeps{Now: func() time.Time { return now }, LastKind: func() domain.ActivityKind { return f.lastKind },
			SetLastKind: func(k domain.ActivityKind) { f.lastKind = k }}})
	f.w.SetContent(f.s.Content())
	return f
}

// rowTexts renders list row i as the user sees it, one text per column.
func (f *fixture) rowTexts(i int) []string {
	o := newRow()
	f.s.list.updateItem(i, o)
	return xwidget.RowTexts(o)
}

// field returns the editor's field of the open account.
func (f *fixture) field(name string) *widget.Entry {
	f.t.Helper()
	if f.s.view == nil {
		f.t.Fatal("no account is open")
	}
	return f.s.view.fields[name].Entry
}

// answer taps the button labelled label in the last question asked.
func (f *fixture) answer(label string) {
	f.t.Helper()
	uitest.Answer(f.t, f.s.question, label)
}

// overlayText is every text shown in the window's dialogs.
func (f *fixture) overlayText() string { return uitest.OverlayText(f.w) }

// account reads an account back from the fake store.
func (f *fixture) account(id domain.AccountID) *domain.Account {
	f.t.Helper()
	a, err := f.db.FindAccountByID(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return a
}
