package accounts

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/xwidget"
)

// press sends one key to whatever has the keyboard focus.
func (f *fixture) press(k fyne.KeyName) {
	f.t.Helper()
	uitest.Press(f.t, f.w, k)
}

func TestLogCallWithKeyboardOnly(t *testing.T) {
	f := newFixture(t)
	f.s.FocusSearch()
	test.Type(f.w.Canvas().Focused(), "lodz")
	f.press(fyne.KeyReturn)
	if f.s.OpenID() != f.lodz.ID {
		t.Fatal("Enter in the search did not open the account")
	}
	f.s.LogActivity() // Ctrl+L
	if _, ok := f.w.Canvas().Focused().(*xwidget.Entry); !ok {
		t.Fatalf("Ctrl+L put the focus on %T, want the subject", f.w.Canvas().Focused())
	}
	test.Type(f.w.Canvas().Focused(), "Rozmowa o terminie dostawy")
	// The form starts as a note (the kind used last): back to the kind, and
	// Left until it says Call.
	for range 3 {
		test.FocusPrevious(f.w.Canvas())
	}
	kind, ok := f.w.Canvas().Focused().(*widget.Select)
	if !ok {
		t.Fatalf("three Shift+Tabs from the subject reach %T, want the kind", f.w.Canvas().Focused())
	}
	for kind.Selected != "Call" {
		f.press(fyne.KeyLeft)
	}
	for range 3 {
		test.FocusNext(f.w.Canvas())
	}
	f.press(fyne.KeyReturn)

	page, err := f.db.Timeline(t.Context(), domain.TimelineQuery{Account: f.lodz.ID})
	if err != nil || len(page.Activities) != 1 {
		t.Fatalf("stored %d activities, %v", len(page.Activities), err)
	}
	a := page.Activities[0]
	if a.Kind != domain.KindCall || a.Subject != "Rozmowa o terminie dostawy" || a.LoggedBy != "Anna Nowak" || !a.OccurredAt.Equal(now) {
		t.Errorf("logged %+v", a.ActivityFields)
	}
	if f.lastKind != domain.KindCall {
		t.Errorf("the kind used last is %q", f.lastKind)
	}
	if got := f.rowTexts(0)[2]; got != "27.11.2026" {
		t.Errorf("the list's last contact shows %q after the call", got)
	}
	if f.s.view.timeline.Content() == nil || f.s.view.tabs.Items[historyTab].Text != "History" {
		t.Error("no History tab")
	}
}

func TestLogActivityIsWithTheSelectedPerson(t *testing.T) {
	var zofia *domain.Contact
	f := newFixture(t, func(db *domaintest.Store) {
		zofia = db.AddContact(t, 1, "Zofia", "Ąbacka", "zofia@example.pl")
	})
	f.s.Open(f.lodz.ID)
	tab := f.s.view.contacts
	tab.list.Select(0) // Ąbacka sorts first
	f.s.LogActivity()
	test.Type(f.w.Canvas().Focused(), "Spotkanie")
	f.press(fyne.KeyReturn)
	page, _ := f.db.Timeline(t.Context(), domain.TimelineQuery{Account: f.lodz.ID})
	if len(page.Activities) != 1 || page.Activities[0].ContactID != zofia.ID {
		t.Fatalf("logged %+v, want it with Zofia", page.Activities)
	}
	if f.s.view.contacts.form != nil {
		t.Error("selecting a person opened the edit form")
	}
}

func TestLogActivityNeedsASavedAccount(t *testing.T) {
	f := newFixture(t)
	f.s.LogActivity()
	if !strings.Contains(f.overlayText(), "Open an account first") {
		t.Errorf("Ctrl+L with no account says %q", f.overlayText())
	}
	f.answer("OK")
	f.s.NewAccount()
	f.s.LogActivity()
	if !strings.Contains(f.overlayText(), "Save the new account first") {
		t.Errorf("Ctrl+L on a new account says %q", f.overlayText())
	}
}

func TestLastContactColumnSorts(t *testing.T) {
	var apteka *domain.Account
	f := newFixture(t, func(db *domaintest.Store) {
		apteka = db.AddAccount(t, "K3", "Apteka", "Kraków")
		db.AddActivity(t, 1, domain.KindCall, now.AddDate(0, 0, -3), "Rozmowa")         // Hurtownia Łódź
		db.AddActivity(t, 2, domain.KindEmail, now.AddDate(0, 0, -40), "E-mail")        // Zakład Müller
		db.AddActivity(t, 2, domain.KindNote, now.AddDate(0, 0, -1), "Notatka")         // not a contact
		db.AddActivity(t, apteka.ID, domain.KindTask, now.AddDate(0, 0, -2), "Zadanie") // nor is a task
	})
	codes := func() string {
		var out []string
		for i := range f.s.list.total {
			r := f.rowTexts(i)
			out = append(out, r[0]+" "+r[2])
		}
		return strings.Join(out, ", ")
	}
	if got := codes(); got != "K3 , K1 24.11.2026, K2 18.10.2026" {
		t.Errorf("by name: %s", got)
	}
	head := f.s.list.sortHead
	test.Tap(head.last)
	if got := codes(); got != "K1 24.11.2026, K2 18.10.2026, K3 " {
		t.Errorf("by last contact, latest first: %s", got)
	}
	if !head.last.arrow.Visible() || head.name.arrow.Visible() {
		t.Error("the arrow does not mark the sorting column")
	}
	test.Tap(head.last)
	if got := codes(); got != "K3 , K2 18.10.2026, K1 24.11.2026" {
		t.Errorf("by last contact, oldest first: %s", got)
	}
	test.Type(f.s.list.search, "k")
	if got := codes(); got != "K3 , K2 18.10.2026, K1 24.11.2026" {
		t.Errorf("search hits keep the order: %s", got)
	}
	f.s.list.search.SetText("")
	test.Tap(head.name)
	if got := codes(); !strings.HasPrefix(got, "K3 , K1") {
		t.Errorf("back to name order: %s", got)
	}
}

func TestOpenAtShowsTheActivity(t *testing.T) {
	var deep *domain.Activity
	f := newFixture(t, func(db *domaintest.Store) {
		for i := range 700 {
			a := db.AddActivity(t, 1, domain.KindNote, now.Add(-time.Duration(i)*time.Hour*20), fmt.Sprintf("Notatka %03d", i))
			if i == 650 {
				deep = a
			}
		}
	})
	f.s.OpenAt(f.lodz.ID, deep.ID)
	v := f.s.view
	if v == nil || v.tabs.SelectedIndex() != historyTab {
		t.Fatal("the account did not open on its History tab")
	}
	if got := v.timeline.Selected(); got != deep.ID {
		t.Errorf("the timeline shows activity %d, want %d", got, deep.ID)
	}
	// Another account keeps the History tab; opening the same one again only moves.
	f.s.Open(f.other.ID)
	if f.s.view.tabs.SelectedIndex() != historyTab {
		t.Error("the next account opened on another tab")
	}
}
