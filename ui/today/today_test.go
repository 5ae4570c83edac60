package today

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
	"kontor/ui/worker"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// now is the tests' clock: 9:00 on uitest.Today.
var now = uitest.At(9, 0)

type fixture struct {
	t        *testing.T
	db       *domaintest.Store
	s        *Screen
	w        fyne.Window
	coldDays int
	opened   []string // "account/activity" per Open call
}

func newFixture(t *testing.T, seed func(t *testing.T, db *domaintest.Store)) *fixture {
	f := &fixture{t: t, db: domaintest.New(), coldDays: 60, w: uitest.Window(t, 1200, 800)}
	f.db.SetClock(func() time.Time { return now.AddDate(-1, 0, 0) }) // the accounts are a year old: not new
	seed(t, f.db)
	f.s = New(Deps{Window: f.w, Activities: f.db, Run: worker.Inline, Locale: domain.Polish,
		Now: func() time.Time { return now }, ColdDays: func() int { return f.coldDays },
		Open: func(a domain.AccountID, act domain.ActivityID) {
			f.opened = append(f.opened, fmt.Sprintf("%d/%d", a, act))
		}})
	f.w.SetContent(f.s.Content())
	f.s.Refresh()
	return f
}

// lines renders the task list as the user reads it: headers in brackets,
// tasks as "[x] subject (due)".
func (f *fixture) lines() []string {
	var out []string
	for i := range f.s.taskRows {
		o := f.s.newTaskRow()
		f.s.updateTaskRow(i, o)
		p := partsOf(o)
		switch {
		case p.headerBox.Visible():
			out = append(out, "["+p.header.Text+"]")
		case p.infoBox.Visible():
			out = append(out, p.info.Text)
		default:
			box := "[ ]"
			if p.done.Checked {
				box = "[x]"
			}
			out = append(out, box+" "+p.subject.Text+" ("+p.due.Text+")")
		}
	}
	return out
}

func due(d domain.Date) func(*domain.ActivityFields) {
	return func(f *domain.ActivityFields) { f.Due = d }
}

var today = uitest.Today

func seedTasks(t *testing.T, db *domaintest.Store) {
	lodz := db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź")
	apteka := db.AddAccount(t, "K2", "Apteka Cicha", "Kraków")
	db.AddActivity(t, lodz.ID, domain.KindTask, now.AddDate(0, 0, -10), "Wysłać cennik", due(today.AddDays(-2)))
	db.AddActivity(t, apteka.ID, domain.KindTask, now.AddDate(0, 0, -3), "Oddzwonić", due(today))
	db.AddActivity(t, lodz.ID, domain.KindTask, now, "Przygotować ofertę", due(today.AddDays(7)))
	db.AddActivity(t, lodz.ID, domain.KindTask, now, "Za daleko", due(today.AddDays(8)))
	db.AddActivity(t, lodz.ID, domain.KindTask, now, "Już zrobione", due(today), func(f *domain.ActivityFields) { f.Done = true })
	db.AddActivity(t, lodz.ID, domain.KindCall, now.AddDate(0, 0, -5), "Rozmowa")
}

func TestAgendaSections(t *testing.T) {
	f := newFixture(t, seedTasks)
	got := strings.Join(f.lines(), "\n")
	want := strings.Join([]string{
		"[Overdue (1)]", "[ ] Wysłać cennik (25.11.2026)",
		"[Due today (1)]", "[ ] Oddzwonić (27.11.2026)",
		"[Next 7 days (1)]", "[ ] Przygotować ofertę (04.12.2026)",
	}, "\n")
	if got != want {
		t.Errorf("Today shows:\n%s\nwant:\n%s", got, want)
	}
	if f.s.title.Text != "Today, 27.11.2026" {
		t.Errorf("title %q", f.s.title.Text)
	}
}

func TestMarkTaskDoneOnToday(t *testing.T) {
	f := newFixture(t, seedTasks)
	o := f.s.newTaskRow()
	f.s.updateTaskRow(1, o) // Wysłać cennik
	p := partsOf(o)
	test.Tap(p.done)
	agenda, _ := f.db.TodayAgenda(t.Context(), today, 0)
	if agenda.OverdueTotal != 0 {
		t.Fatal("the task is still open in the store")
	}
	if got := f.lines()[1]; got != "[x] Wysłać cennik (25.11.2026)" {
		t.Errorf("the done task shows %q, want it ticked in place", got)
	}
	if !strings.Contains(f.s.status.Text, "is done") {
		t.Errorf("status %q", f.s.status.Text)
	}
	test.Tap(p.done) // a slip of the mouse is undone in place
	if agenda, _ := f.db.TodayAgenda(t.Context(), today, 0); agenda.OverdueTotal != 1 {
		t.Error("unticking did not reopen the task")
	}
	f.s.Refresh()
	f.s.updateTaskRow(1, o)
	test.Tap(p.done)
	f.s.Refresh()
	if got := f.lines()[1]; got != "Nothing overdue." {
		t.Errorf("after a refresh the done task still shows: %q", got)
	}
}

func TestRescheduleInPlace(t *testing.T) {
	f := newFixture(t, seedTasks)
	o := f.s.newTaskRow()
	f.s.updateTaskRow(3, o) // Oddzwonić, due today
	p := partsOf(o)
	p.due.SetText("31.11.2026")
	p.due.OnSubmitted(p.due.Text)
	if !strings.Contains(f.s.status.Text, "31.11.2026") {
		t.Errorf("an invalid date says %q", f.s.status.Text)
	}
	p.due.SetText("2.12.2026")
	p.due.OnSubmitted(p.due.Text)
	got := strings.Join(f.lines(), "\n")
	if !strings.Contains(got, "[Due today (0)]\nNothing due today.") || !strings.Contains(got, "[ ] Oddzwonić (02.12.2026)") {
		t.Errorf("after rescheduling:\n%s", got)
	}
}

func TestOpenFromToday(t *testing.T) {
	f := newFixture(t, seedTasks)
	f.s.tasks.Select(3) // Oddzwonić at K2
	f.s.cold.Select(0)
	task := f.s.taskRows[3].item
	want := []string{fmt.Sprintf("%d/%d", task.AccountID, task.ID), fmt.Sprintf("%d/0", f.s.coldRows[0].AccountID)}
	if strings.Join(f.opened, " ") != strings.Join(want, " ") {
		t.Errorf("opened %v, want %v", f.opened, want)
	}
}

func TestGoingCold(t *testing.T) {
	f := newFixture(t, func(tt *testing.T, db *domaintest.Store) {
		warm := db.AddAccount(tt, "W", "Ciepła", "Gdańsk")
		old := db.AddAccount(tt, "O", "Dawna", "Opole")
		db.AddAccount(tt, "N", "Nowa", "Nysa")
		older := db.AddAccount(tt, "S", "Starsza", "Sopot")
		db.AddActivity(tt, warm.ID, domain.KindMeeting, now.AddDate(0, 0, -10), "Spotkanie")
		db.AddActivity(tt, old.ID, domain.KindEmail, now.AddDate(0, 0, -61), "E-mail")
		db.AddActivity(tt, older.ID, domain.KindCall, now.AddDate(0, 0, -200), "Rozmowa")
		db.AddActivity(tt, older.ID, domain.KindNote, now.AddDate(0, 0, -1), "Notatka") // not a contact
	})
	names := func() string {
		var out []string
		for i := range f.s.coldRows {
			o := newColdRow()
			f.s.updateColdRow(i, o)
			row := o.(*fyne.Container)
			right := row.Objects[1].(*fyne.Container).Objects[1].(*fyne.Container)
			out = append(out, f.s.coldRows[i].Name+" "+right.Objects[0].(*widget.Label).Text)
		}
		return strings.Join(out, ", ")
	}
	if got := names(); got != "Nowa never contacted, Starsza 11.05.2026, Dawna 27.09.2026" {
		t.Errorf("going cold after 60 days: %s", got)
	}
	if !strings.Contains(f.s.coldNote.Text, "more than 60 days") || !strings.Contains(f.s.coldNote.Text, "3 accounts") {
		t.Errorf("note %q", f.s.coldNote.Text)
	}
	f.coldDays = 100
	f.s.Refresh()
	if got := names(); got != "Nowa never contacted, Starsza 11.05.2026" {
		t.Errorf("going cold after 100 days: %s", got)
	}
}

// TestUndoTaskDone: a task ticked done by a slip of the mouse comes back with
// Undo, as a deleted activity does.
func TestUndoTaskDone(t *testing.T) {
	f := newFixture(t, seedTasks)
	o := f.s.newTaskRow()
	f.s.updateTaskRow(1, o) // Wysłać cennik
	test.Tap(partsOf(o).done)
	if !f.s.undo.Visible() {
		t.Fatal("no Undo after a task was ticked done")
	}
	test.Tap(f.s.undo)
	if agenda, _ := f.db.TodayAgenda(t.Context(), today, 0); agenda.OverdueTotal != 1 {
		t.Error("Undo did not open the task again")
	}
	if got := f.lines()[1]; got != "[ ] Wysłać cennik (25.11.2026)" {
		t.Errorf("after Undo the task shows %q", got)
	}
	if f.s.undo.Visible() {
		t.Error("Undo is still offered after it was used")
	}
}
