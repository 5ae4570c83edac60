package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

// shellNow is the shell tests' clock: Friday 27 November 2026, 10:00.
var shellNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)

func TestTodayIsTheStartPage(t *testing.T) {
	s, db, w := newShell(t)
	k1, _ := db.FindAccountByCode(t.Context(), "K1")
	task := db.AddActivity(t, k1.ID, domain.KindTask, shellNow.AddDate(0, 0, -7), "Wysłać umowę",
		func(f *domain.ActivityFields) { f.Due = domain.DateOf(shellNow).AddDays(-1) })
	s.show(sectionToday) // as the shell does when the section is shown again
	if s.section != sectionToday || s.body.Objects[0] != s.today.Content() {
		t.Fatal("the shell does not start on Today")
	}
	s.openAt(k1.ID, task.ID)
	if s.section != sectionAccounts || s.accounts.OpenID() != k1.ID || s.accounts.Timeline().Selected() != task.ID {
		t.Fatalf("opening a task: section %d, account %d", s.section, s.accounts.OpenID())
	}
	menuAction(t, w, fyne.KeyT)()
	if s.section != sectionToday {
		t.Error("Ctrl+T did not show Today")
	}
	menuAction(t, w, fyne.KeyH)()
	if s.section != sectionHistory || w.Canvas().Focused() == nil {
		t.Error("Ctrl+H did not put the cursor in the history search")
	}
	test.Type(w.Canvas().Focused(), "umowe")
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.section != sectionAccounts || s.accounts.Timeline().Selected() != task.ID {
		t.Error("Enter on a history hit did not open its account at the entry")
	}
}

func TestLogActivityShortcut(t *testing.T) {
	s, db, w := newShell(t)
	k1, _ := db.FindAccountByCode(t.Context(), "K1")
	s.openAt(k1.ID, 0)
	menuAction(t, w, fyne.KeyL)()
	test.Type(w.Canvas().Focused(), "Rozmowa z prezesem")
	menuAction(t, w, fyne.KeyS)() // Ctrl+S saves the open form too
	page, _ := db.Timeline(t.Context(), domain.TimelineQuery{Account: k1.ID})
	if len(page.Activities) != 1 || page.Activities[0].Kind != domain.KindCall || page.Activities[0].LoggedBy != "Anna Nowak" {
		t.Fatalf("logged %+v", page.Activities)
	}
	if got := s.d.App.Preferences().String(prefLastKind); got != "call" {
		t.Errorf("the kind used last is stored as %q", got)
	}
}
