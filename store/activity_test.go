package store_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

// historyFixture is a database with two accounts, a contact each, and the services.
type historyFixture struct {
	db       *store.DB
	accounts *store.AccountService
	contacts *store.ContactService
	acts     *store.ActivityService
	k1, k2   *domain.Account
	jan, eva *domain.Contact
	clock    *time.Time
}

func newHistory(t *testing.T) *historyFixture {
	t.Helper()
	db := openTemp(t)
	h := &historyFixture{db: db, accounts: store.NewAccountService(db), contacts: store.NewContactService(db),
		acts: store.NewActivityService(db)}
	h.clock = fixedClock(db, time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	h.k1 = mustCreate(t, h.accounts, "K1", "Hurtownia Łódź", "Łódź")
	h.k2 = mustCreate(t, h.accounts, "K2", "Żabka Sklep", "Kraków")
	h.jan = mustContact(t, h.contacts, h.k1.ID, "Jan", "Kowalski", "jan@hurt.pl")
	h.eva = mustContact(t, h.contacts, h.k2.ID, "Ewa", "Nowak", "ewa@zabka.pl")
	return h
}

// at is a local moment in November 2026.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, 11, day, hour, minute, 0, 0, time.Local)
}

func (h *historyFixture) log(t *testing.T, account domain.AccountID, kind domain.ActivityKind, when time.Time, subject, notes string) *domain.Activity {
	t.Helper()
	f := domain.NewActivityFields(account, kind, when)
	f.Subject, f.Notes = subject, notes
	a, err := h.acts.CreateActivity(ctx, f)
	if err != nil {
		t.Fatalf("log %s: %v", subject, err)
	}
	return a
}

func fieldOf(err error) string {
	if e, ok := domain.AsError(err); ok && len(e.Fields) > 0 {
		return e.Fields[0].Field
	}
	return ""
}

func TestActivityCRUD(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	f := domain.NewActivityFields(h.k1.ID, domain.KindCall, at(20, 10, 30).Add(42*time.Second))
	f.ContactID, f.Subject, f.Notes, f.Outcome, f.LoggedBy = h.jan.ID, "Rozmowa o warunkach dostawy",
		"Klient pyta o dostawę na paletach.\nOdpowiedź do piątku.", "Oferta do wysłania", "Anna Nowak"
	a, err := h.acts.CreateActivity(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.Version != 1 || a.AccountCode != "K1" || a.AccountName != "Hurtownia Łódź" || a.ContactEmail != "jan@hurt.pl" ||
		a.ContactName != "Jan Kowalski" || !a.OccurredAt.Equal(at(20, 10, 30)) || a.Notes != f.Notes || a.Outcome != f.Outcome {
		t.Errorf("created %+v", a)
	}
	got, err := h.acts.FindActivityByID(ctx, a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("FindActivityByID = %+v, %v; want %+v", got, err, a)
	}

	// By code and e-mail, as an import row names them.
	var g domain.ActivityFields
	for field, v := range map[string]string{"account_code": "k1", "date": "2026-11-21 08:00", "kind": "task",
		"subject": "Wysłać ofertę", "contact_email": "JAN@hurt.pl", "due_date": "2026-11-30"} {
		if err := g.Set(field, v); err != nil {
			t.Fatal(err)
		}
	}
	task, err := h.acts.CreateActivity(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if task.AccountID != h.k1.ID || task.ContactID != h.jan.ID || task.Due != (domain.Date{Year: 2026, Month: 11, Day: 30}) || task.Done {
		t.Errorf("task %+v", task)
	}

	bad := func(name string, mod func(*domain.ActivityFields), field string, code domain.Code) {
		t.Helper()
		b := domain.NewActivityFields(h.k1.ID, domain.KindNote, at(22, 9, 0))
		b.Subject = "Notatka"
		mod(&b)
		_, err := h.acts.CreateActivity(ctx, b)
		if domain.ErrorCode(err) != code || fieldOf(err) != field {
			t.Errorf("%s: %v (field %q), want %s on %q", name, err, fieldOf(err), code, field)
		}
	}
	bad("unknown code", func(b *domain.ActivityFields) { b.AccountID, b.AccountCode = 0, "NOPE" }, "account_code", domain.EInvalid)
	bad("unknown e-mail", func(b *domain.ActivityFields) { b.ContactEmail = "kto@nieznany.pl" }, "contact_email", domain.EInvalid)
	bad("another account's contact", func(b *domain.ActivityFields) { b.ContactID = h.eva.ID }, "contact_email", domain.EInvalid)
	bad("another account's e-mail", func(b *domain.ActivityFields) { b.ContactEmail = "ewa@zabka.pl" }, "contact_email", domain.EInvalid)
	bad("empty subject", func(b *domain.ActivityFields) { b.Subject = "" }, "subject", domain.EInvalid)
	bad("due on a note", func(b *domain.ActivityFields) { b.Due = domain.Date{Year: 2026, Month: 12, Day: 1} }, "due_date", domain.EInvalid)
	bad("account gone", func(b *domain.ActivityFields) { b.AccountID = 9999 }, "", domain.ENotFound)

	// Update, then a stale update is a conflict.
	*h.clock = h.clock.Add(time.Hour)
	upd := a.ActivityFields
	upd.Subject, upd.ContactID, upd.ContactEmail = "Rozmowa o cenach", 0, ""
	b, err := h.acts.UpdateActivity(ctx, a.ID, domain.ActivityUpdate{ActivityFields: upd, Version: a.Version})
	if err != nil {
		t.Fatal(err)
	}
	if b.Version != 2 || b.Subject != "Rozmowa o cenach" || b.ContactID != 0 || b.ContactName != "" || !b.UpdatedAt.Equal(*h.clock) {
		t.Errorf("updated %+v", b)
	}
	if _, err := h.acts.UpdateActivity(ctx, a.ID, domain.ActivityUpdate{ActivityFields: upd, Version: a.Version}); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("stale update: %v", err)
	}

	// Delete, restore, and the edit of an activity deleted elsewhere.
	if err := h.acts.DeleteActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.acts.FindActivityByID(ctx, a.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("deleted activity found: %v", err)
	}
	if _, err := h.acts.UpdateActivity(ctx, a.ID, domain.ActivityUpdate{ActivityFields: upd, Version: b.Version}); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("edit of a deleted activity: %v", err)
	}
	if err := h.acts.DeleteActivity(ctx, a.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("second delete: %v", err)
	}
	r, err := h.acts.RestoreActivity(ctx, a.ID)
	if err != nil || r.Subject != "Rozmowa o cenach" || r.Version <= b.Version {
		t.Fatalf("restore: %+v, %v", r, err)
	}
	if _, err := h.acts.UpdateActivity(ctx, a.ID, domain.ActivityUpdate{ActivityFields: upd, Version: b.Version}); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("an editor open across delete and restore saved over it: %v", err)
	}
	if _, err := h.acts.RestoreActivity(ctx, a.ID); err != nil {
		t.Errorf("restoring a live activity: %v", err)
	}

	// A deletion is purged by a delete a day later, and then cannot be restored.
	if err := h.acts.DeleteActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	*h.clock = h.clock.Add(25 * time.Hour)
	if err := h.acts.DeleteActivity(ctx, task.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.acts.RestoreActivity(ctx, a.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("restore after purge: %v", err)
	}
	if _, err := h.acts.RestoreActivity(ctx, task.ID); err != nil {
		t.Errorf("restore of the latest deletion: %v", err)
	}
}

func TestTaskDoneAndReschedule(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	f := domain.NewActivityFields(h.k1.ID, domain.KindTask, at(20, 9, 0))
	f.Subject, f.Due = "Oddzwonić", domain.Date{Year: 2026, Month: 11, Day: 25}
	task, err := h.acts.CreateActivity(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	done, err := h.acts.SetTaskDone(ctx, task.ID, true)
	if err != nil || !done.Done || done.Version != 2 {
		t.Fatalf("done: %+v, %v", done, err)
	}
	moved, err := h.acts.RescheduleTask(ctx, task.ID, domain.Date{Year: 2026, Month: 12, Day: 2})
	if err != nil || moved.Due.String() != "2026-12-02" || !moved.Done {
		t.Fatalf("rescheduled: %+v, %v", moved, err)
	}
	if _, err := h.acts.RescheduleTask(ctx, task.ID, domain.Date{}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("reschedule to no date: %v", err)
	}
	call := h.log(t, h.k1.ID, domain.KindCall, at(20, 10, 0), "Telefon", "")
	if _, err := h.acts.SetTaskDone(ctx, call.ID, true); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("a call marked done: %v", err)
	}
	if _, err := h.acts.RescheduleTask(ctx, 9999, domain.Date{Year: 2026, Month: 12, Day: 2}); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("missing task: %v", err)
	}
}

// timelineIDs pages through a timeline and returns the IDs in order.
func timelineIDs(t *testing.T, s *store.ActivityService, q domain.TimelineQuery) ([]domain.ActivityID, int) {
	t.Helper()
	var ids []domain.ActivityID
	total := -2
	for pages := 0; ; pages++ {
		p, err := s.Timeline(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if pages == 0 {
			total = p.Total
		} else if p.Total != -1 {
			t.Errorf("a later page has a total: %d", p.Total)
		}
		for _, a := range p.Activities {
			ids = append(ids, a.ID)
		}
		if !p.More {
			return ids, total
		}
		if len(p.Activities) == 0 || pages > 1000 {
			t.Fatal("More with an empty page")
		}
		q.After = domain.CursorAfter(p.Activities[len(p.Activities)-1])
	}
}

func TestTimelinePaging(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	type entry struct {
		id   domain.ActivityID
		when time.Time
		kind domain.ActivityKind
	}
	var all []entry
	kinds := domain.ActivityKinds
	// 60 activities over November, several in the same minute (ties broken by id),
	// logged out of order; and some on the other account that must not show.
	for i := 0; i < 60; i++ {
		when := at(1+(i*7)%29, 8+i%3, 0)
		kind := kinds[i%len(kinds)]
		subject := fmt.Sprintf("Wpis %d", i)
		notes := ""
		if i%4 == 0 {
			notes = "Reklamacja palety, odpowiedź do piątku."
		}
		a := h.log(t, h.k1.ID, kind, when, subject, notes)
		all = append(all, entry{a.ID, a.OccurredAt, kind})
		h.log(t, h.k2.ID, kind, when, subject, notes)
	}
	gone := h.log(t, h.k1.ID, domain.KindCall, at(30, 12, 0), "Usunięty", "Reklamacja")
	if err := h.acts.DeleteActivity(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	newestFirst := func(es []entry) []domain.ActivityID {
		es = slices.Clone(es)
		slices.SortFunc(es, func(a, b entry) int {
			if c := b.when.Compare(a.when); c != 0 {
				return c
			}
			return int(b.id - a.id)
		})
		var out []domain.ActivityID
		for _, e := range es {
			out = append(out, e.id)
		}
		return out
	}
	filter := func(keep func(entry) bool) []entry {
		var out []entry
		for _, e := range all {
			if keep(e) {
				out = append(out, e)
			}
		}
		return out
	}
	withNotes := map[domain.ActivityID]bool{}
	for i, e := range all {
		if i%4 == 0 {
			withNotes[e.id] = true
		}
	}
	tests := []struct {
		name string
		q    domain.TimelineQuery
		want []domain.ActivityID
	}{
		{"all, pages of 7", domain.TimelineQuery{Limit: 7}, newestFirst(all)},
		{"all, one page", domain.TimelineQuery{Limit: 100}, newestFirst(all)},
		{"pages of exactly the total", domain.TimelineQuery{Limit: 60}, newestFirst(all)},
		{"pages of 1", domain.TimelineQuery{Limit: 1}, newestFirst(all)},
		{"calls and tasks", domain.TimelineQuery{Limit: 5, Kinds: []domain.ActivityKind{domain.KindCall, domain.KindTask}},
			newestFirst(filter(func(e entry) bool { return e.kind == domain.KindCall || e.kind == domain.KindTask }))},
		{"10th to 20th November", domain.TimelineQuery{Limit: 4, From: domain.Date{Year: 2026, Month: 11, Day: 10},
			To: domain.Date{Year: 2026, Month: 11, Day: 20}},
			newestFirst(filter(func(e entry) bool { return e.when.Day() >= 10 && e.when.Day() <= 20 }))},
		{"text, folded", domain.TimelineQuery{Limit: 4, Text: "odpowiedz REKL"},
			newestFirst(filter(func(e entry) bool { return withNotes[e.id] }))},
		{"text and kind", domain.TimelineQuery{Limit: 2, Text: "palet", Kinds: []domain.ActivityKind{domain.KindCall}},
			newestFirst(filter(func(e entry) bool { return withNotes[e.id] && e.kind == domain.KindCall }))},
		{"text and dates", domain.TimelineQuery{Limit: 3, Text: "wpis", From: domain.Date{Year: 2026, Month: 11, Day: 15}},
			newestFirst(filter(func(e entry) bool { return e.when.Day() >= 15 }))},
		{"no match", domain.TimelineQuery{Text: "xyz"}, nil},
		{"empty range", domain.TimelineQuery{From: domain.Date{Year: 2026, Month: 12, Day: 1}}, nil},
	}
	for _, tt := range tests {
		tt.q.Account = h.k1.ID
		got, total := timelineIDs(t, h.acts, tt.q)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %v\nwant %v", tt.name, got, tt.want)
		}
		if total != len(tt.want) {
			t.Errorf("%s: total %d, want %d", tt.name, total, len(tt.want))
		}
	}

	// Opening at an entry, then paging towards newer ones and back.
	order := newestFirst(all)
	mid, err := h.acts.FindActivityByID(ctx, order[25])
	if err != nil {
		t.Fatal(err)
	}
	p, err := h.acts.Timeline(ctx, domain.TimelineQuery{Account: h.k1.ID, After: domain.CursorAt(mid.OccurredAt, mid.ID), Limit: 5})
	if err != nil || len(p.Activities) != 5 || p.Activities[0].ID != mid.ID || !p.More {
		t.Fatalf("opened at %d: %+v, %v", mid.ID, p, err)
	}
	var newer []domain.ActivityID
	q := domain.TimelineQuery{Account: h.k1.ID, After: domain.CursorAfter(p.Activities[0]), Newer: true, Limit: 10}
	for {
		p, err := h.acts.Timeline(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		newer = append(append([]domain.ActivityID{}, idsOf(p.Activities)...), newer...)
		if !p.More {
			break
		}
		q.After = domain.CursorAfter(p.Activities[0])
	}
	if !slices.Equal(newer, order[:25]) {
		t.Errorf("newer than %d:\n got %v\nwant %v", mid.ID, newer, order[:25])
	}
	// The same through the text index.
	p, err = h.acts.Timeline(ctx, domain.TimelineQuery{Account: h.k1.ID, Text: "wpis", After: domain.CursorAfter(mid), Newer: true, Limit: 3})
	if err != nil || !slices.Equal(idsOf(p.Activities), order[22:25]) || !p.More {
		t.Errorf("newer by text: %v, %v, want %v", idsOf(p.Activities), err, order[22:25])
	}
}

func idsOf(as []*domain.Activity) []domain.ActivityID {
	var out []domain.ActivityID
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestSearchHistory(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	old := h.log(t, h.k1.ID, domain.KindEmail, at(2, 9, 0), "Odpowiedź na reklamację",
		"Klient dzwonił w sprawie zamówienia z zeszłego tygodnia. Część towaru dotarła uszkodzona.")
	mid := h.log(t, h.k2.ID, domain.KindNote, at(10, 9, 0), "Notatka", "Czekamy na odpowiedź z magazynu w Łodzi.")
	newest := h.log(t, h.k1.ID, domain.KindCall, at(20, 9, 0), "Rozmowa o warunkach dostawy", "ODPOWIEDZIAŁEM na pytania.")
	h.log(t, h.k2.ID, domain.KindCall, at(21, 9, 0), "Telefon", "Bez odpowiedzi.") // "odpowiedzi": a prefix match too

	search := func(q string, limit int) []domain.HistoryHit {
		t.Helper()
		hits, err := h.acts.SearchHistory(ctx, q, limit)
		if err != nil {
			t.Fatal(err)
		}
		return hits
	}
	ids := func(hits []domain.HistoryHit) []domain.ActivityID {
		var out []domain.ActivityID
		for _, x := range hits {
			out = append(out, x.ID)
		}
		return out
	}
	hits := search("odpowiedz", 0)
	if len(hits) != 4 || hits[1].ID != newest.ID || hits[2].ID != mid.ID || hits[3].ID != old.ID {
		t.Fatalf("odpowiedz: %+v", hits)
	}
	x := hits[3]
	if x.AccountCode != "K1" || x.AccountName != "Hurtownia Łódź" || x.Kind != domain.KindEmail || !x.OccurredAt.Equal(at(2, 9, 0)) ||
		x.Subject != "Odpowiedź na reklamację" {
		t.Errorf("hit %+v", x)
	}
	// Only the subject matches: the snippet is the subject, marked.
	if x.Snippet != "Odpowiedź na reklamację" || len(x.Marks) != 1 || x.Snippet[x.Marks[0].Start:x.Marks[0].End] != "Odpowiedź" {
		t.Errorf("snippet %q %v", x.Snippet, x.Marks)
	}
	if m := hits[2]; m.Snippet[m.Marks[0].Start:m.Marks[0].End] != "odpowiedź" {
		t.Errorf("notes snippet %q %v", m.Snippet, m.Marks)
	}
	if got := ids(search("odpowiedz lodz", 0)); !slices.Equal(got, []domain.ActivityID{mid.ID}) {
		t.Errorf("two words: %v", got)
	}
	if got := ids(search("ŁÓDŹ", 0)); !slices.Equal(got, []domain.ActivityID{mid.ID}) {
		t.Errorf("diacritics in the query: %v", got)
	}
	if got := ids(search("odpowiedz", 2)); len(got) != 2 {
		t.Errorf("limit: %v", got)
	}
	if got := search("  ,. ", 0); got != nil {
		t.Errorf("blank query: %v", got)
	}
	if got := ids(search("hurtownia", 0)); got != nil {
		t.Errorf("an account's name is not its history: %v", got)
	}

	// Edits, deletes and restores keep the index in step.
	upd := newest.ActivityFields
	upd.Notes = "Ustalono rabat."
	if _, err := h.acts.UpdateActivity(ctx, newest.ID, domain.ActivityUpdate{ActivityFields: upd}); err != nil {
		t.Fatal(err)
	}
	if got := ids(search("rabat", 0)); !slices.Equal(got, []domain.ActivityID{newest.ID}) {
		t.Errorf("after edit: %v", got)
	}
	if got := ids(search("odpowiedzialem", 0)); got != nil {
		t.Errorf("old notes still found: %v", got)
	}
	if err := h.acts.DeleteActivity(ctx, mid.ID); err != nil {
		t.Fatal(err)
	}
	if got := ids(search("magazynu", 0)); got != nil {
		t.Errorf("deleted activity found: %v", got)
	}
	if _, err := h.acts.RestoreActivity(ctx, mid.ID); err != nil {
		t.Fatal(err)
	}
	if got := ids(search("magazynu", 0)); !slices.Equal(got, []domain.ActivityID{mid.ID}) {
		t.Errorf("restored activity not found: %v", got)
	}
	// Moving an activity in time moves it in the newest-first order.
	upd = old.ActivityFields
	upd.OccurredAt = at(25, 9, 0)
	if _, err := h.acts.UpdateActivity(ctx, old.ID, domain.ActivityUpdate{ActivityFields: upd}); err != nil {
		t.Fatal(err)
	}
	if got := ids(search("odpowiedz", 0)); len(got) != 3 || got[0] != old.ID {
		t.Errorf("after moving %d to the 25th: %v", old.ID, got)
	}
}

func TestTodayAndGoingCold(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	today := domain.Date{Year: 2026, Month: 11, Day: 27}
	task := func(account domain.AccountID, subject string, due domain.Date, done bool) *domain.Activity {
		f := domain.NewActivityFields(account, domain.KindTask, at(1, 9, 0))
		f.Subject, f.Due, f.Done = subject, due, done
		a, err := h.acts.CreateActivity(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	over1 := task(h.k2.ID, "Zaległe dawno", today.AddDays(-30), false)
	over2 := task(h.k1.ID, "Zaległe wczoraj", today.AddDays(-1), false)
	task(h.k1.ID, "Zrobione zaległe", today.AddDays(-3), true)
	now1 := task(h.k1.ID, "Na dziś", today, false)
	up1 := task(h.k1.ID, "Jutro", today.AddDays(1), false)
	up2 := task(h.k2.ID, "Za tydzień", today.AddDays(7), false)
	task(h.k2.ID, "Za osiem dni", today.AddDays(8), false)
	gone := task(h.k1.ID, "Usunięte", today, false)
	if err := h.acts.DeleteActivity(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	archived := mustCreate(t, h.accounts, "K3", "Zamknięta firma", "Gdańsk")
	task(archived.ID, "Archiwalne", today, false)
	if _, err := h.accounts.SetAccountArchived(ctx, archived.ID, true); err != nil {
		t.Fatal(err)
	}

	ag, err := h.acts.TodayAgenda(ctx, today, 0)
	if err != nil {
		t.Fatal(err)
	}
	agendaIDs := func(items []domain.AgendaItem) []domain.ActivityID {
		var out []domain.ActivityID
		for _, it := range items {
			out = append(out, it.ID)
		}
		return out
	}
	if got := agendaIDs(ag.Overdue); !slices.Equal(got, []domain.ActivityID{over1.ID, over2.ID}) || ag.OverdueTotal != 2 {
		t.Errorf("overdue %v (%d)", got, ag.OverdueTotal)
	}
	if got := agendaIDs(ag.DueToday); !slices.Equal(got, []domain.ActivityID{now1.ID}) || ag.DueTodayTotal != 1 {
		t.Errorf("today %v", got)
	}
	if got := agendaIDs(ag.Upcoming); !slices.Equal(got, []domain.ActivityID{up1.ID, up2.ID}) || ag.UpcomingTotal != 2 {
		t.Errorf("upcoming %v", got)
	}
	if it := ag.Overdue[0]; it.AccountCode != "K2" || it.AccountName != "Żabka Sklep" || it.Due != today.AddDays(-30) || it.Version != 1 {
		t.Errorf("item %+v", it)
	}
	// Every open task on the agenda sits in its domain bucket.
	for want, items := range map[domain.TaskBucket][]domain.AgendaItem{domain.BucketOverdue: ag.Overdue,
		domain.BucketToday: ag.DueToday, domain.BucketUpcoming: ag.Upcoming} {
		for _, it := range items {
			if got := domain.TaskBucketOf(it.Due, false, today); got != want {
				t.Errorf("%s listed as %s, bucket %s", it.Subject, want, got)
			}
		}
	}
	// A limit lists fewer and still counts all.
	ag, err = h.acts.TodayAgenda(ctx, today, 1)
	if err != nil || len(ag.Overdue) != 1 || ag.OverdueTotal != 2 || len(ag.Upcoming) != 1 || ag.UpcomingTotal != 2 {
		t.Errorf("limit 1: %+v, %v", ag, err)
	}
	// Marked done, it leaves the agenda.
	if _, err := h.acts.SetTaskDone(ctx, over2.ID, true); err != nil {
		t.Fatal(err)
	}
	if ag, _ = h.acts.TodayAgenda(ctx, today, 0); !slices.Equal(agendaIDs(ag.Overdue), []domain.ActivityID{over1.ID}) {
		t.Errorf("after done: %v", agendaIDs(ag.Overdue))
	}

	// Going cold: K1 called 61 days before today, K5 never since it was added
	// a year and a half ago, a fourth account 60 days ago; K2, never called,
	// was added today: new, not cold.
	k4 := mustCreate(t, h.accounts, "K4", "Apteka Centrum", "Poznań")
	was := *h.clock
	*h.clock = time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	mustCreate(t, h.accounts, "K5", "Bar Mleczny", "Opole")
	*h.clock = was
	h.log(t, h.k1.ID, domain.KindCall, time.Date(2026, 9, 27, 23, 30, 0, 0, time.Local), "Telefon", "")
	h.log(t, h.k1.ID, domain.KindNote, time.Date(2026, 11, 20, 8, 0, 0, 0, time.Local), "Notatka nie jest kontaktem", "")
	meeting := h.log(t, k4.ID, domain.KindMeeting, time.Date(2026, 9, 28, 0, 30, 0, 0, time.Local), "Spotkanie", "")
	cold := func(days, limit int) ([]string, int) {
		t.Helper()
		list, total, err := h.acts.GoingCold(ctx, today, days, limit)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, c := range list {
			codes = append(codes, c.Code)
			if domain.IsGoingCold(c.LastContact, today, days) != true {
				t.Errorf("%s listed but not cold by the domain rule (last %s)", c.Code, c.LastContact)
			}
		}
		return codes, total
	}
	if got, total := cold(60, 0); !slices.Equal(got, []string{"K5", "K1"}) || total != 2 {
		t.Errorf("cold after 60 days: %v (%d)", got, total)
	}
	if got, total := cold(59, 1); !slices.Equal(got, []string{"K5"}) || total != 3 {
		t.Errorf("cold after 59 days, first: %v (%d)", got, total)
	}
	list, _, _ := h.acts.GoingCold(ctx, today, 59, 0)
	if list[1].LastContact != (domain.Date{Year: 2026, Month: 9, Day: 27}) || list[2].LastContact != (domain.Date{Year: 2026, Month: 9, Day: 28}) {
		t.Errorf("last contacts %+v", list)
	}
	// Deleting the meeting makes K4 never contacted: added today, it is new,
	// not cold, until 60 days have passed; restoring the meeting brings it back.
	if err := h.acts.DeleteActivity(ctx, meeting.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := cold(60, 0); !slices.Equal(got, []string{"K5", "K1"}) {
		t.Errorf("after deleting the meeting: %v", got)
	}
	if later, _, _ := h.acts.GoingCold(ctx, today.AddDays(61), 60, 0); len(later) < 3 || later[0].Code != "K4" {
		t.Errorf("61 days after deleting the meeting: %+v, want K4 first (never contacted, by name)", later)
	}
	if _, err := h.acts.RestoreActivity(ctx, meeting.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := cold(60, 0); !slices.Equal(got, []string{"K5", "K1"}) {
		t.Errorf("after restoring the meeting: %v", got)
	}
}

func TestLastContact(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	k3 := mustCreate(t, h.accounts, "K3", "Apteka", "Gdańsk")
	call := h.log(t, h.k1.ID, domain.KindCall, at(10, 9, 0), "Telefon", "")
	h.log(t, h.k1.ID, domain.KindEmail, at(5, 9, 0), "Starszy e-mail", "") // older: no change
	h.log(t, h.k1.ID, domain.KindNote, at(25, 9, 0), "Notatka", "")        // not a contact
	h.log(t, h.k1.ID, domain.KindTask, at(26, 9, 0), "Zadanie", "")        // not a contact
	h.log(t, h.k2.ID, domain.KindMeeting, at(15, 23, 45), "Spotkanie", "")

	lastOf := func(id domain.AccountID) domain.Date {
		t.Helper()
		a, err := h.accounts.FindAccountByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return a.LastContact
	}
	nov := func(day int) domain.Date { return domain.Date{Year: 2026, Month: 11, Day: day} }
	if got := lastOf(h.k1.ID); got != nov(10) {
		t.Errorf("K1 last contact %s", got)
	}
	if got := lastOf(h.k2.ID); got != nov(15) {
		t.Errorf("K2 last contact %s (a late-evening meeting keeps its local date)", got)
	}
	if got := lastOf(k3.ID); !got.IsZero() {
		t.Errorf("K3 last contact %s", got)
	}

	rows := func(sort domain.AccountSort) ([]string, []domain.Date) {
		t.Helper()
		list, _, err := h.accounts.ListAccountRows(ctx, domain.AccountFilter{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		var dates []domain.Date
		for _, r := range list {
			codes, dates = append(codes, r.Code), append(dates, r.LastContact)
		}
		return codes, dates
	}
	codes, dates := rows(domain.SortByName)
	if !slices.Equal(codes, []string{"K3", "K1", "K2"}) || dates[1] != nov(10) || dates[2] != nov(15) || !dates[0].IsZero() {
		t.Errorf("by name: %v %v", codes, dates)
	}
	if codes, _ := rows(domain.SortByLastContact); !slices.Equal(codes, []string{"K2", "K1", "K3"}) {
		t.Errorf("by last contact: %v", codes)
	}
	if codes, _ := rows(domain.SortByLastContactOldest); !slices.Equal(codes, []string{"K3", "K1", "K2"}) {
		t.Errorf("by last contact, oldest first: %v", codes)
	}
	hits, err := h.accounts.SearchAccounts(ctx, domain.SearchQuery{Text: "hurt"})
	if err != nil || len(hits) != 2 || hits[0].LastContact != nov(10) || hits[1].LastContact != nov(10) { // the account, Jan by e-mail
		t.Errorf("search hit %+v, %v", hits, err)
	}

	// Editing the call's date or kind, or moving it to another account, follows.
	upd := call.ActivityFields
	upd.OccurredAt = at(12, 9, 0)
	if _, err := h.acts.UpdateActivity(ctx, call.ID, domain.ActivityUpdate{ActivityFields: upd}); err != nil {
		t.Fatal(err)
	}
	if got := lastOf(h.k1.ID); got != nov(12) {
		t.Errorf("after moving the call: %s", got)
	}
	upd.Kind = domain.KindNote
	if _, err := h.acts.UpdateActivity(ctx, call.ID, domain.ActivityUpdate{ActivityFields: upd}); err != nil {
		t.Fatal(err)
	}
	if got := lastOf(h.k1.ID); got != nov(5) {
		t.Errorf("after the call became a note: %s", got)
	}
	upd.Kind, upd.AccountID = domain.KindCall, k3.ID
	if _, err := h.acts.UpdateActivity(ctx, call.ID, domain.ActivityUpdate{ActivityFields: upd}); err != nil {
		t.Fatal(err)
	}
	if lastOf(k3.ID) != nov(12) || lastOf(h.k1.ID) != nov(5) {
		t.Errorf("after moving the call to K3: K3 %s, K1 %s", lastOf(k3.ID), lastOf(h.k1.ID))
	}
}

func TestDeleteWithHistory(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	f := domain.NewActivityFields(h.k1.ID, domain.KindCall, at(10, 9, 0))
	f.Subject, f.ContactID = "Telefon do Jana", h.jan.ID
	a, err := h.acts.CreateActivity(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	// A contact in the history stays: the history would lose who was called.
	err = h.contacts.DeleteContact(ctx, h.jan.ID)
	if e, ok := domain.AsError(err); !ok || e.Code != domain.EConflict || e.Key != "contact.has_history" {
		t.Errorf("delete a contact with history: %v", err)
	}
	err = h.accounts.DeleteAccount(ctx, h.k1.ID)
	if e, ok := domain.AsError(err); !ok || e.Code != domain.EConflict || e.Key != "account.has_history" {
		t.Errorf("delete an account with history: %v", err)
	}
	if _, err := h.acts.FindActivityByID(ctx, a.ID); err != nil {
		t.Errorf("a refused delete lost the activity: %v", err)
	}
	// Once the activity is deleted (and waits for purge), both can go.
	if err := h.acts.DeleteActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := h.contacts.DeleteContact(ctx, h.jan.ID); err != nil {
		t.Errorf("delete a contact whose only activity was deleted: %v", err)
	}
	if err := h.accounts.DeleteAccount(ctx, h.k1.ID); err != nil {
		t.Errorf("delete an account whose only activity was deleted: %v", err)
	}
	if _, err := h.acts.RestoreActivity(ctx, a.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("restore after its account was deleted: %v", err)
	}
}

// TestSearchLongPrefixes covers the typed prefixes past the FTS5 prefix index:
// the OR of the words they start, an FTS5 prefix query when they start too
// many, nothing when they start none; and words of edited notes.
func TestSearchLongPrefixes(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	var notes []string
	for i := 1; i <= 150; i++ {
		notes = append(notes, fmt.Sprintf("kod%04d", i))
	}
	for i := 0; i < 150; i += 10 {
		h.log(t, h.k1.ID, domain.KindNote, at(1+i/10, 9, 0), fmt.Sprintf("Partia %d", i), strings.Join(notes[i:i+10], " "))
	}
	count := func(q string) int {
		t.Helper()
		hits, err := h.acts.SearchHistory(ctx, q, 1000)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	for q, want := range map[string]int{
		"kod":            15, // the prefix index
		"kod0":           15, // 150 words: more than an OR takes, an FTS5 prefix query
		"kod01":          6,  // kod0100…kod0150: 51 words
		"kod0150":        1,
		"kod01500":       0,
		"kodx":           0, // starts no word
		"partia 1":       6, // "1" from the prefix index, "partia" a whole word: Partia 10…140, 1
		"kod0001 partia": 1,
	} {
		if got := count(q); got != want {
			t.Errorf("%q: %d hits, want %d", q, got, want)
		}
	}
	// An edit's new words are found by their long prefixes, in history search and the timeline.
	page, err := h.acts.Timeline(ctx, domain.TimelineQuery{Account: h.k1.ID, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	upd := page.Activities[0].ActivityFields
	upd.Notes += " Przeprogramowanie sterownika"
	if _, err := h.acts.UpdateActivity(ctx, page.Activities[0].ID, domain.ActivityUpdate{ActivityFields: upd}); err != nil {
		t.Fatal(err)
	}
	if got := count("przeprogram sterown"); got != 1 {
		t.Errorf("edited notes: %d hits", got)
	}
	ids, total := timelineIDs(t, h.acts, domain.TimelineQuery{Account: h.k1.ID, Text: "sterowni"})
	if total != 1 || len(ids) != 1 || ids[0] != page.Activities[0].ID {
		t.Errorf("timeline text: %v (%d)", ids, total)
	}
	if ids, total := timelineIDs(t, h.acts, domain.TimelineQuery{Account: h.k1.ID, Text: "nieistniejace"}); total != 0 || ids != nil {
		t.Errorf("timeline text that starts no word: %v (%d)", ids, total)
	}
}
