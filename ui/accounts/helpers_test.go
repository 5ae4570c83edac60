package accounts

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/worker"
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

// now is the tests' clock: Friday 27 November 2026, 15:30 local time.
var now = time.Date(2026, 11, 27, 15, 30, 0, 0, time.Local)

func newFixture(t *testing.T, seed ...func(*domaintest.Store)) *fixture {
	t.Helper()
	test.NewTempApp(t)
	db := domaintest.New()
	f := &fixture{t: t, db: db, lastKind: domain.KindNote}
	f.lodz = db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź", func(a *domain.AccountFields) { a.TaxID = "5260001246" })
	f.other = db.AddAccount(t, "K2", "Zakład Müller", "Poznań")
	db.AddContact(t, f.lodz.ID, "Jan", "Żółkiewski", "jan@example.pl")
	for _, fn := range seed {
		fn(db)
	}
	f.w = test.NewTempWindow(t, nil)
	f.s = New(Deps{Window: f.w, Accounts: db, Contacts: db, Run: worker.Inline, Locale: domain.Polish,
		RepName: func() string { return "Anna Nowak" }, Activities: db,
		History: HistoryDeps{Now: func() time.Time { return now }, LastKind: func() domain.ActivityKind { return f.lastKind },
			SetLastKind: func(k domain.ActivityKind) { f.lastKind = k }}})
	f.w.SetContent(f.s.Content())
	f.w.Resize(fyne.NewSize(1400, 900))
	return f
}

// rowTexts renders list row i as the user sees it, one text per column.
func (f *fixture) rowTexts(i int) []string {
	o := newRow()
	f.s.list.updateItem(i, o)
	var out []string
	for _, c := range o.(*fyne.Container).Objects {
		out = append(out, c.(*widget.Label).Text)
	}
	return out
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
	if f.s.question == nil {
		f.t.Fatalf("no question was asked (wanted to answer %q)", label)
	}
	b := f.s.question.Button(label)
	if b == nil {
		f.t.Fatalf("the question has no %q button", label)
	}
	test.Tap(b)
}

// overlayText is every text shown in the window's dialogs.
func (f *fixture) overlayText() string {
	var b strings.Builder
	for _, o := range f.w.Canvas().Overlays().List() {
		collectText(o, &b)
	}
	return b.String()
}

func collectText(o fyne.CanvasObject, b *strings.Builder) {
	switch x := o.(type) {
	case *widget.Label:
		b.WriteString(x.Text + "\n")
	case *widget.Button:
		b.WriteString(x.Text + "\n")
	case *widget.RichText:
		b.WriteString(x.String() + "\n")
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			collectText(c, b)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			collectText(c, b)
		}
	}
}

// account reads an account back from the fake store.
func (f *fixture) account(id domain.AccountID) *domain.Account {
	f.t.Helper()
	a, err := f.db.FindAccountByID(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return a
}
