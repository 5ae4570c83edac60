package timeline

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// now is the tests' clock: 15:30 on uitest.Today.
var now = uitest.At(15, 30)

type fixture struct {
	t       *testing.T
	db      *domaintest.Store
	acc     *domain.Account
	jan     *domain.Contact
	w       fyne.Window
	tab     *Tab
	kind    domain.ActivityKind // the kind used last
	changed int
}

func newFixture(t *testing.T, seed ...func(*fixture)) *fixture {
	t.Helper()
	f := &fixture{t: t, db: domaintest.New(), kind: domain.KindNote, w: uitest.Window(t, 900, 800)}
	f.acc = f.db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź")
	f.jan = f.db.AddContact(t, f.acc.ID, "Jan", "Żółkiewski", "jan@example.pl")
	for _, fn := range seed {
		fn(f)
	}
	f.tab = New(Deps{Window: f.w, Activities: f.db, Run: worker.Inline, Locale: domain.Polish,
		Now: func() time.Time { return now }, RepName: func() string { return "Anna Nowak" },
		LastKind: func() domain.ActivityKind { return f.kind }, SetLastKind: func(k domain.ActivityKind) { f.kind = k },
		Changed: func() { f.changed++ },
	}, Account{ID: f.acc.ID, Name: f.acc.Name,
		Contacts: func() []*domain.Contact { people, _ := f.db.FindContacts(t.Context(), f.acc.ID); return people },
		Selected: func() domain.ContactID { return f.jan.ID },
	})
	f.w.SetContent(f.tab.Content())
	return f
}

// add stores an activity days before now.
func (f *fixture) add(kind domain.ActivityKind, daysAgo int, subject string, set ...func(*domain.ActivityFields)) *domain.Activity {
	return f.db.AddActivity(f.t, f.acc.ID, kind, now.AddDate(0, 0, -daysAgo), subject, set...)
}

// subjects are the subjects of the loaded rows, headers as "# Month Year".
func (f *fixture) subjects() []string {
	var out []string
	for _, r := range f.tab.rows {
		if r.act == nil {
			out = append(out, "# "+MonthTitle(r.month))
		} else {
			out = append(out, r.act.Subject)
		}
	}
	return out
}

func TestTimelineGroupsByMonthNewestFirst(t *testing.T) {
	f := newFixture(t, func(f *fixture) {
		f.add(domain.KindCall, 40, "Rozmowa o rabacie")
		f.add(domain.KindEmail, 1, "Oferta wysłana")
		f.add(domain.KindNote, 2, "Notatka ze spotkania")
	})
	got := strings.Join(f.subjects(), " | ")
	want := "# November 2026 | Oferta wysłana | Notatka ze spotkania | # October 2026 | Rozmowa o rabacie"
	if got != want {
		t.Errorf("rows:\n got %s\nwant %s", got, want)
	}
	// Every row is drawn from one template; a month's header is given a
	// lower height, room for its title and line and no blank row above.
	header, entry := newRow(), newRow()
	f.tab.showRow(f.tab.rows[0], header)
	f.tab.showRow(f.tab.rows[1], entry)
	hh, eh := f.tab.heights[0], entry.MinSize().Height
	if hh <= 0 || hh >= eh || hh < partsOf(header).month.MinSize().Height {
		t.Errorf("a header row is given %v, an entry is %v tall, the month's title needs %v", hh, eh,
			partsOf(header).month.MinSize().Height)
	}
	if h, set := f.tab.heights[1]; set && h != eh {
		t.Errorf("an entry row is given %v, not the template's %v", h, eh)
	}
	p := partsOf(entry)
	if p.title.Text != "Oferta wysłana" || !strings.Contains(p.meta.Text, "E-mail") || p.when.Text != "26.11.2026 15:30" {
		t.Errorf("entry shows %q / %q / %q", p.title.Text, p.meta.Text, p.when.Text)
	}
	if !strings.Contains(f.tab.status.Text, "3 activities") {
		t.Errorf("status %q", f.tab.status.Text)
	}
}

func TestTimelinePagesAsTheUserScrolls(t *testing.T) {
	f := newFixture(t, func(f *fixture) {
		for i := range 5000 {
			f.db.AddActivity(t, f.acc.ID, domain.KindCall, now.Add(-time.Duration(i)*3*time.Hour), fmt.Sprintf("Rozmowa %04d", i))
		}
	})
	tab := f.tab
	if got := tab.activities(); got != pageSize || !tab.more {
		t.Fatalf("first page: %d activities, more %v", got, tab.more)
	}
	if !strings.Contains(tab.status.Text, "5\u00a0000") {
		t.Errorf("status %q, want the total in the Polish number format", tab.status.Text)
	}
	// Drawing the rows near the end of what is loaded pages in the next page.
	for i := 0; tab.more && i < 200; i++ {
		tab.updateItem(tab.length()-1, newRow())
	}
	if tab.more || tab.activities() != 5000 {
		t.Fatalf("after scrolling to the end: %d activities, more %v", tab.activities(), tab.more)
	}
	last := tab.rows[len(tab.rows)-1].act
	if last.Subject != "Rozmowa 4999" {
		t.Errorf("the last row is %q", last.Subject)
	}
	for i := 1; i < len(tab.rows); i++ {
		a, b := tab.rows[i-1], tab.rows[i]
		if a.act != nil && b.act != nil && a.act.OccurredAt.Before(b.act.OccurredAt) {
			t.Fatalf("rows %d and %d are out of order", i-1, i)
		}
	}
}

// activities counts the loaded activities.
func (t *Tab) activities() int {
	n := 0
	for _, r := range t.rows {
		if r.act != nil {
			n++
		}
	}
	return n
}

func TestTimelineFilters(t *testing.T) {
	f := newFixture(t, func(f *fixture) {
		f.add(domain.KindCall, 3, "Telefon w sprawie dostawy", func(a *domain.ActivityFields) { a.Notes = "Klient prosi o odpowiedź do piątku." })
		f.add(domain.KindMeeting, 10, "Spotkanie w Łodzi")
		f.add(domain.KindTask, 20, "Wysłać cennik", func(a *domain.ActivityFields) { a.Due = domain.NewDate(2026, 11, 20) })
		f.add(domain.KindCall, 70, "Pierwsza rozmowa")
	})
	tab := f.tab
	tab.kind.SetSelected("Calls")
	if got := f.subjects(); len(got) != 4 || got[1] != "Telefon w sprawie dostawy" || got[3] != "Pierwsza rozmowa" {
		t.Errorf("calls only: %v", got)
	}
	if !strings.Contains(tab.status.Text, "2 matching") {
		t.Errorf("status %q", tab.status.Text)
	}
	tab.kind.SetSelectedIndex(0)
	test.Type(tab.from, "1.11.2026")
	tab.from.OnSubmitted(tab.from.Text)
	if got := f.subjects(); len(got) != 4 || got[3] != "Wysłać cennik" {
		t.Errorf("from 1 November: %v", got)
	}
	tab.to.SetText("20.11.2026")
	tab.to.OnSubmitted(tab.to.Text)
	if got := f.subjects(); len(got) != 3 || got[1] != "Spotkanie w Łodzi" {
		t.Errorf("1–20 November: %v", got)
	}
	tab.to.SetText("31.11.2026")
	tab.to.OnSubmitted(tab.to.Text)
	if !strings.Contains(tab.status.Text, "31.11.2026") {
		t.Errorf("an invalid date says %q", tab.status.Text)
	}
	tab.from.SetText("")
	tab.from.OnSubmitted("")
	tab.to.SetText("")
	tab.to.OnSubmitted("")
	test.Type(tab.search, "odpowiedz")
	if got := f.subjects(); len(got) != 2 || got[1] != "Telefon w sprawie dostawy" {
		t.Errorf("search for a folded word of the notes: %v", got)
	}
	tab.search.SetText("xyz")
	if tab.activities() != 0 || !tab.empty.Visible() || !strings.Contains(tab.empty.Text, "match") {
		t.Errorf("nothing found: %d rows, empty state %q", tab.activities(), tab.empty.Text)
	}
}

func TestLogActivityPrefillsAndSaves(t *testing.T) {
	f := newFixture(t)
	f.tab.LogActivity()
	form := f.tab.form
	if form.selectedKind() != domain.KindNote || form.when.Text() != "27.11.2026 15:30" || form.contact.Selected != "Jan Żółkiewski" {
		t.Fatalf("prefilled kind %q, when %q, person %q", form.selectedKind(), form.when.Text(), form.contact.Selected)
	}
	if f.w.Canvas().Focused() != form.subject.Focusable() {
		t.Fatal("the cursor is not in the subject")
	}
	writes := f.db.Writes
	form.subject.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.db.Writes != writes || !strings.Contains(form.subject.Problem(), "Required") {
		t.Fatalf("an empty subject: writes %d, problem %q", f.db.Writes-writes, form.subject.Problem())
	}
	form.when.Entry.SetText("32.11.2026 10:00")
	if p := form.when.Problem(); !strings.Contains(p, "32.11.2026") {
		t.Errorf("an invalid moment shows %q", p)
	}
	form.when.Entry.SetText("26.11.2026 9:15")
	test.Type(form.subject.Entry, "Ustalenia")
	test.Type(form.notes.Entry, "Pierwsza linia")
	form.notes.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(form.notes.Entry, "druga linia")
	if f.db.Writes != writes {
		t.Fatal("Enter in the notes saved instead of starting a line")
	}
	form.kind.SetSelected("Task")
	if !form.due.Visible() {
		t.Fatal("a task has no due date")
	}
	form.due.Entry.SetText("4.12.2026")
	form.subject.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if form.open {
		t.Fatalf("the form stays open: %q %q", form.status.Text, form.due.Problem())
	}
	a := f.tab.rows[1].act
	if a.Subject != "Ustalenia" || a.Notes != "Pierwsza linia\ndruga linia" || a.Kind != domain.KindTask || a.Due != domain.NewDate(2026, 12, 4) ||
		a.LoggedBy != "Anna Nowak" || a.ContactID != f.jan.ID || a.OccurredAt.Hour() != 9 {
		t.Errorf("saved %+v", a.ActivityFields)
	}
	if f.kind != domain.KindTask || f.changed != 1 {
		t.Errorf("last kind %q, changes reported %d", f.kind, f.changed)
	}
	if f.tab.selected != a.ID || f.tab.detail.title.Text != "Ustalenia" {
		t.Error("the new activity is not selected")
	}
}

func TestDeleteAndUndo(t *testing.T) {
	var keep, gone *domain.Activity
	f := newFixture(t, func(f *fixture) {
		keep = f.add(domain.KindCall, 1, "Zostaje")
		gone = f.add(domain.KindNote, 40, "Do usunięcia")
	})
	tab := f.tab
	tab.list.Select(tab.indexOf(gone.ID))
	tabDelete := tab.detail.del
	tabDelete.OnTapped()
	tab.Answer("Cancel")
	if tab.indexOf(gone.ID) < 0 {
		t.Fatal("Cancel deleted")
	}
	tabDelete.OnTapped()
	tab.Answer("Delete")
	if got := strings.Join(f.subjects(), " | "); got != "# November 2026 | Zostaje" {
		t.Fatalf("after delete: %s (the empty month's header must go too)", got)
	}
	if !tab.CanUndo() || !strings.Contains(tab.undoMsg.Text, "Do usunięcia") {
		t.Fatalf("no Undo offered: %q", tab.undoMsg.Text)
	}
	tab.undoBtn.OnTapped()
	if tab.indexOf(gone.ID) < 0 || tab.selected != gone.ID || tab.CanUndo() {
		t.Fatalf("after Undo: rows %v, selected %d", f.subjects(), tab.selected)
	}

	// The next action ends the chance to undo.
	tab.list.Select(tab.indexOf(gone.ID))
	tab.detail.del.OnTapped()
	tab.Answer("Delete")
	tab.list.Select(tab.indexOf(keep.ID))
	tab.detail.edit.OnTapped()
	if tab.CanUndo() {
		t.Error("Undo is still offered after the next action")
	}
}

func TestEditOfActivityDeletedElsewhere(t *testing.T) {
	var a *domain.Activity
	f := newFixture(t, func(f *fixture) { a = f.add(domain.KindCall, 1, "Rozmowa") })
	tab := f.tab
	tab.list.Select(tab.indexOf(a.ID))
	tab.detail.edit.OnTapped()
	form := tab.form
	form.subject.Entry.SetText("Rozmowa — poprawiona")
	f.db.DeleteActivityElsewhere(a.ID)
	form.submit()
	if !form.open {
		t.Fatal("the form closed and lost the edit")
	}
	if q := tab.question; q == nil || !strings.Contains(fmt.Sprint(q.Buttons[2].Text), "Save as new") {
		t.Fatal("no way to keep the edit was offered")
	}
	tab.Answer("Save as new")
	if form.open || tab.activities() != 1 || tab.rows[1].act.Subject != "Rozmowa — poprawiona" || tab.rows[1].act.ID == a.ID {
		t.Errorf("after saving as new: %v", f.subjects())
	}
}

func TestTaskDoneFromTheDetail(t *testing.T) {
	var task *domain.Activity
	f := newFixture(t, func(f *fixture) {
		task = f.add(domain.KindTask, 5, "Zadzwonić", func(a *domain.ActivityFields) { a.Due = domain.NewDate(2026, 11, 25) })
	})
	tab := f.tab
	tab.list.Select(tab.indexOf(task.ID))
	if !strings.Contains(tab.detail.meta.Text, "overdue since 25.11.2026") {
		t.Errorf("an overdue task says %q", tab.detail.meta.Text)
	}
	tab.detail.done.OnTapped()
	if got, _ := f.db.FindActivityByID(t.Context(), task.ID); !got.Done {
		t.Fatal("not marked done")
	}
	if !strings.Contains(tab.detail.meta.Text, "done") || tab.detail.done.Text != "Not done" {
		t.Errorf("after done: %q, button %q", tab.detail.meta.Text, tab.detail.done.Text)
	}
	// A click too many is undone as a deletion is.
	if !tab.CanUndo() || !strings.Contains(tab.undoMsg.Text, "Zadzwonić") {
		t.Fatalf("no Undo after done: %q", tab.undoMsg.Text)
	}
	test.Tap(tab.undoBtn)
	if got, _ := f.db.FindActivityByID(t.Context(), task.ID); got.Done || tab.CanUndo() {
		t.Errorf("Undo left the task done %v, Undo offered %v", got.Done, tab.CanUndo())
	}
}

func TestStaleTimelineSearchIsDropped(t *testing.T) {
	f := newFixture(t, func(f *fixture) {
		f.add(domain.KindCall, 1, "Rabat na rękawice")
		f.add(domain.KindNote, 2, "Reklamacja dostawy")
	})
	var later []func()
	f.tab.d.Run = func(job func()) { later = append(later, job) } // hold the work back
	f.tab.search.SetText("rabat")
	f.tab.search.SetText("reklam")
	for i := len(later) - 1; i >= 0; i-- { // the older search finishes last
		later[i]()
	}
	if got := f.subjects(); len(got) != 2 || got[1] != "Reklamacja dostawy" {
		t.Errorf("rows %v, want only the last search's hit", got)
	}
}

// TestTabLeavesTheNotes: Tab in the notes of "Log activity" moves on to the
// outcome, as from every other field; it types no tab.
func TestTabLeavesTheNotes(t *testing.T) {
	f := newFixture(t)
	f.tab.LogActivity()
	form := f.tab.form
	f.w.Canvas().Focus(form.notes.Focusable())
	test.Type(f.w.Canvas().Focused(), "Klient prosi o katalog")
	uitest.Press(t, f.w, fyne.KeyTab)
	if form.notes.Text() != "Klient prosi o katalog" {
		t.Errorf("Tab changed the notes to %q", form.notes.Text())
	}
	if f.w.Canvas().Focused() != form.outcome.Focusable() {
		t.Errorf("Tab from the notes went to %T, want the outcome", f.w.Canvas().Focused())
	}
}

// TestFollowUpInDays: a call logged with "follow up in 3 days" creates the
// call and a task due three days after it, with the same person.
func TestFollowUpInDays(t *testing.T) {
	f := newFixture(t)
	f.kind = domain.KindCall
	f.tab.LogActivity()
	form := f.tab.form
	form.subject.Entry.SetText("Oferta na kleje")
	form.follow.Entry.SetText("0")
	form.submit()
	if !form.open || form.follow.Problem() == "" {
		t.Fatal("a follow-up in 0 days was taken")
	}
	form.follow.Entry.SetText("3")
	form.submit()
	page, err := f.db.Timeline(t.Context(), domain.TimelineQuery{Account: f.acc.ID})
	if err != nil || len(page.Activities) != 2 {
		t.Fatalf("stored %d activities, %v", len(page.Activities), err)
	}
	var call, task *domain.Activity
	for _, a := range page.Activities {
		switch a.Kind {
		case domain.KindCall:
			call = a
		case domain.KindTask:
			task = a
		}
	}
	if call == nil || task == nil {
		t.Fatalf("stored %v", f.subjects())
	}
	if task.Subject != "Follow up: Oferta na kleje" || task.Due != domain.DateOf(now).AddDays(3) || task.ContactID != call.ContactID || task.Done {
		t.Errorf("the follow-up task: %+v", task.ActivityFields)
	}
}
