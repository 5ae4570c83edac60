package servicetest

import (
	"testing"
	"time"

	"kontor/domain"
)

func subjects(list []*domain.Activity) []string {
	return mapList(list, func(a *domain.Activity) string { return a.Subject })
}

// Activities: an account's history, its references, versions, delete and
// restore, the timeline's pages and filters, history search.
func Activities(t *testing.T, open Factory) {
	t.Run("CreateAndReferences", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków")
		b := account(t, s, "K2", "Inna", "Kraków")
		jan := contact(t, s, a.ID, "Jan", "Kowalski", "Jan@Example.pl")
		other := contact(t, s, b.ID, "Ewa", "Nowak", "ewa@example.pl")

		f := domain.NewActivityFields(0, domain.KindCall, at(Today, 10).Add(17*time.Second))
		f.AccountCode, f.ContactEmail, f.Subject, f.Notes = "k1", "jan@example.PL", "Rozmowa", "O dostawie"
		got, err := s.Activities.CreateActivity(ctx, f)
		check(t, "by code and e-mail", err)
		if got.AccountID != a.ID || got.AccountCode != "K1" || got.AccountName != "Firma" || got.ContactID != jan.ID ||
			got.ContactName != "Jan Kowalski" || got.Version != 1 || !got.CreatedAt.Equal(Now) {
			t.Errorf("created = %+v", got)
		}
		if !got.OccurredAt.Equal(at(Today, 10)) {
			t.Errorf("occurred at %v, want %v (to the minute)", got.OccurredAt, at(Today, 10))
		}
		found, err := s.Activities.FindActivityByID(ctx, got.ID)
		check(t, "find", err)
		if found.Subject != "Rozmowa" || found.Notes != "O dostawie" || found.ContactID != jan.ID || found.AccountName != "Firma" {
			t.Errorf("found = %+v", found)
		}

		f = domain.NewActivityFields(0, domain.KindNote, at(Today, 10))
		f.AccountCode, f.Subject = "NOPE", "X"
		_, err = s.Activities.CreateActivity(ctx, f)
		wantField(t, "unknown code", err, domain.EInvalid, domain.FieldAccountCode, "account.unknown")
		f = domain.NewActivityFields(999, domain.KindNote, at(Today, 10))
		f.Subject = "X"
		_, err = s.Activities.CreateActivity(ctx, f)
		wantErr(t, "account gone", err, domain.ENotFound, "account.gone")
		f = domain.NewActivityFields(a.ID, domain.KindNote, at(Today, 10))
		f.Subject, f.ContactEmail = "X", "nikt@example.pl"
		_, err = s.Activities.CreateActivity(ctx, f)
		wantField(t, "unknown e-mail", err, domain.EInvalid, domain.FieldContactEmail, "activity.contact_unknown")
		f.ContactEmail, f.ContactID = "", other.ID
		_, err = s.Activities.CreateActivity(ctx, f)
		wantField(t, "another account's contact", err, domain.EInvalid, domain.FieldContactEmail, "activity.contact_gone")
		contact(t, s, a.ID, "Janina", "Kowalska", "jan@example.pl")
		f.ContactID, f.ContactEmail = 0, "jan@example.pl"
		_, err = s.Activities.CreateActivity(ctx, f)
		wantField(t, "e-mail of two contacts", err, domain.EInvalid, domain.FieldContactEmail, "contact.ambiguous_email")
		f = domain.NewActivityFields(a.ID, domain.KindCall, at(Today, 10))
		f.Due = Today
		_, err = s.Activities.CreateActivity(ctx, f)
		wantField(t, "invalid", err, domain.EInvalid, domain.FieldSubject, "field.required")
		wantField(t, "invalid", err, domain.EInvalid, domain.FieldDueDate, "activity.due_not_task")
	})

	t.Run("UpdateDeleteRestore", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków")
		act := activity(t, s, a.ID, domain.KindCall, at(Today, 10), "Rozmowa")
		f := act.ActivityFields
		f.Subject = "Rozmowa o cenach"
		up, err := s.Activities.UpdateActivity(ctx, act.ID, domain.ActivityUpdate{ActivityFields: f, Version: act.Version})
		check(t, "update", err)
		equal(t, "version", up.Version, 2)
		equal(t, "subject", up.Subject, "Rozmowa o cenach")
		_, err = s.Activities.UpdateActivity(ctx, act.ID, domain.ActivityUpdate{ActivityFields: f, Version: 1})
		wantErr(t, "stale", err, domain.EConflict, "record.changed")

		check(t, "delete", s.Activities.DeleteActivity(ctx, act.ID))
		_, err = s.Activities.FindActivityByID(ctx, act.ID)
		wantErr(t, "find deleted", err, domain.ENotFound, "activity.not_found")
		_, err = s.Activities.UpdateActivity(ctx, act.ID, domain.ActivityUpdate{ActivityFields: f, Version: 2})
		wantErr(t, "update deleted", err, domain.ENotFound, "record.deleted")
		wantErr(t, "delete deleted", s.Activities.DeleteActivity(ctx, act.ID), domain.ENotFound, "record.deleted")
		_, err = s.Activities.SetTaskDone(ctx, act.ID, true)
		wantErr(t, "done deleted", err, domain.ENotFound, "activity.not_found")

		back, err := s.Activities.RestoreActivity(ctx, act.ID)
		check(t, "restore", err)
		// Deleting and restoring are saves: an editor opened before them is stale.
		equal(t, "version after delete and restore", back.Version, 4)
		equal(t, "restored subject", back.Subject, "Rozmowa o cenach")
		again, err := s.Activities.RestoreActivity(ctx, act.ID)
		check(t, "restore a live one", err)
		equal(t, "version after restoring a live one", again.Version, 4)
		_, err = s.Activities.RestoreActivity(ctx, 999)
		wantErr(t, "restore unknown", err, domain.ENotFound, "activity.purged")
	})

	t.Run("Tasks", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków")
		call := activity(t, s, a.ID, domain.KindCall, at(Today, 10), "Rozmowa")
		task := activity(t, s, a.ID, domain.KindTask, at(Today, 10), "Oddzwonić")
		equal(t, "a task's default due date", task.Due, localDate(at(Today, 10)))
		_, err := s.Activities.SetTaskDone(ctx, call.ID, true)
		wantErr(t, "done on a call", err, domain.EInvalid, "activity.not_task")
		_, err = s.Activities.RescheduleTask(ctx, call.ID, Today)
		wantErr(t, "reschedule a call", err, domain.EInvalid, "activity.not_task")
		_, err = s.Activities.RescheduleTask(ctx, task.ID, domain.Date{})
		wantField(t, "reschedule to no day", err, domain.EInvalid, domain.FieldDueDate, "field.required")
		done, err := s.Activities.SetTaskDone(ctx, task.ID, true)
		check(t, "done", err)
		if !done.Done || done.Version != 2 {
			t.Errorf("done = %v, version %d", done.Done, done.Version)
		}
		moved, err := s.Activities.RescheduleTask(ctx, task.ID, Today.AddDays(3))
		check(t, "reschedule", err)
		if moved.Due != Today.AddDays(3) || moved.Version != 3 || !moved.Done {
			t.Errorf("rescheduled = due %v, version %d, done %v", moved.Due, moved.Version, moved.Done)
		}
	})

	t.Run("Timeline", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków")
		b := account(t, s, "K2", "Inna", "Kraków")
		d := Today.AddDays(-10)
		activity(t, s, a.ID, domain.KindCall, at(d, 9), "Pierwsza", func(f *domain.ActivityFields) { f.Notes = "Dostawa do Łodzi" })
		activity(t, s, a.ID, domain.KindNote, at(d.AddDays(1), 12), "Druga")
		same1 := activity(t, s, a.ID, domain.KindEmail, at(d.AddDays(2), 12), "Trzecia")
		same2 := activity(t, s, a.ID, domain.KindEmail, at(d.AddDays(2), 12), "Czwarta", func(f *domain.ActivityFields) { f.Notes = "łódzka dostawa" })
		activity(t, s, a.ID, domain.KindMeeting, at(d.AddDays(3), 12), "Piąta")
		gone := activity(t, s, a.ID, domain.KindCall, at(d.AddDays(4), 12), "Skasowana")
		check(t, "delete", s.Activities.DeleteActivity(ctx, gone.ID))
		activity(t, s, b.ID, domain.KindCall, at(d, 12), "Cudza")
		if same2.ID < same1.ID {
			t.Fatalf("ids not increasing: %d then %d", same1.ID, same2.ID)
		}

		page := func(q domain.TimelineQuery) *domain.TimelinePage {
			t.Helper()
			q.Account = a.ID
			p, err := s.Activities.Timeline(ctx, q)
			check(t, "timeline", err)
			return p
		}
		all := page(domain.TimelineQuery{})
		// Newest first; one moment's activities by ID, the later first.
		equalList(t, "timeline", subjects(all.Activities), []string{"Piąta", "Czwarta", "Trzecia", "Druga", "Pierwsza"})
		equal(t, "total", all.Total, 5)
		equal(t, "more", all.More, false)

		first := page(domain.TimelineQuery{Limit: 2})
		equalList(t, "first page", subjects(first.Activities), []string{"Piąta", "Czwarta"})
		if !first.More || first.Total != 5 {
			t.Errorf("first page: more %v, total %d; want true, 5", first.More, first.Total)
		}
		next := page(domain.TimelineQuery{Limit: 2, After: domain.CursorAfter(first.Activities[1])})
		equalList(t, "second page", subjects(next.Activities), []string{"Trzecia", "Druga"})
		if !next.More || next.Total != -1 {
			t.Errorf("second page: more %v, total %d; want true, -1", next.More, next.Total)
		}
		last := page(domain.TimelineQuery{Limit: 2, After: domain.CursorAfter(next.Activities[1])})
		equalList(t, "last page", subjects(last.Activities), []string{"Pierwsza"})
		equal(t, "more after the last page", last.More, false)
		newer := page(domain.TimelineQuery{Limit: 2, After: domain.CursorAfter(last.Activities[0]), Newer: true})
		equalList(t, "newer than the last", subjects(newer.Activities), []string{"Trzecia", "Druga"})
		equal(t, "more newer", newer.More, true)
		at := page(domain.TimelineQuery{Limit: 2, After: domain.CursorAt(same2.OccurredAt, same2.ID)})
		equalList(t, "opened at a hit", subjects(at.Activities), []string{"Czwarta", "Trzecia"})

		kinds := page(domain.TimelineQuery{Kinds: []domain.ActivityKind{domain.KindEmail, domain.KindNote}})
		equalList(t, "kinds", subjects(kinds.Activities), []string{"Czwarta", "Trzecia", "Druga"})
		equal(t, "kinds total", kinds.Total, 3)
		days := page(domain.TimelineQuery{From: d.AddDays(1), To: d.AddDays(2)})
		equalList(t, "days", subjects(days.Activities), []string{"Czwarta", "Trzecia", "Druga"})
		text := page(domain.TimelineQuery{Text: "LODZ dost"})
		equalList(t, "text", subjects(text.Activities), []string{"Czwarta", "Pierwsza"})
		equal(t, "text total", text.Total, 2)
		none := page(domain.TimelineQuery{Text: "cudza"})
		if len(none.Activities) != 0 || none.Total != 0 {
			t.Errorf("another account's activity: %v, total %d", subjects(none.Activities), none.Total)
		}
	})

	t.Run("SearchHistory", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków")
		b := account(t, s, "K2", "Inna", "Kraków")
		d := Today.AddDays(-3)
		activity(t, s, a.ID, domain.KindCall, at(d, 9), "Dostawa", func(f *domain.ActivityFields) { f.Notes = "Paleta do Łodzi w piątek" })
		activity(t, s, b.ID, domain.KindNote, at(d.AddDays(1), 12), "Reklamacja dostawy")
		gone := activity(t, s, b.ID, domain.KindNote, at(d.AddDays(2), 12), "Dostawa skasowana")
		check(t, "delete", s.Activities.DeleteActivity(ctx, gone.ID))
		activity(t, s, a.ID, domain.KindNote, at(d.AddDays(2), 12), "Inne")

		hits, err := s.Activities.SearchHistory(ctx, "dostaw", 0)
		check(t, "search", err)
		equalList(t, "newest first", mapList(hits, func(h domain.HistoryHit) string { return h.Subject }),
			[]string{"Reklamacja dostawy", "Dostawa"})
		h := hits[1]
		if h.AccountID != a.ID || h.AccountCode != "K1" || h.AccountName != "Firma" || h.Kind != domain.KindCall || h.Snippet == "" {
			t.Errorf("hit = %+v", h)
		}
		hits, err = s.Activities.SearchHistory(ctx, "lodz pia", 0)
		check(t, "folded", err)
		if len(hits) != 1 || hits[0].Snippet != "Paleta do Łodzi w piątek" || len(hits[0].Marks) != 2 {
			t.Errorf("folded hits = %+v, want the notes with both words marked", hits)
		}
		hits, err = s.Activities.SearchHistory(ctx, "dostaw", 1)
		check(t, "limited", err)
		equal(t, "limited hits", len(hits), 1)
		hits, err = s.Activities.SearchHistory(ctx, "zzz", 0)
		check(t, "nothing", err)
		equal(t, "no hits", len(hits), 0)
	})
}

// Agenda: the Today screen's tasks and the accounts going cold.
func Agenda(t *testing.T, open Factory) {
	t.Run("TodayAgenda", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków")
		arch := account(t, s, "K2", "Archiwalna", "Kraków")
		jan := contact(t, s, a.ID, "Jan", "Kowalski", "")
		task := func(acc domain.AccountID, subject string, due domain.Date, set ...func(*domain.ActivityFields)) *domain.Activity {
			t.Helper()
			return activity(t, s, acc, domain.KindTask, at(Today.AddDays(-20), 12), subject,
				append([]func(*domain.ActivityFields){func(f *domain.ActivityFields) { f.Due = due }}, set...)...)
		}
		task(a.ID, "Zaległe 2", Today.AddDays(-1))
		task(a.ID, "Zaległe 1", Today.AddDays(-5), func(f *domain.ActivityFields) { f.ContactID, f.LoggedBy = jan.ID, "Anna" })
		task(a.ID, "Dziś", Today)
		task(a.ID, "Wkrótce", domain.AgendaEnd(Today))
		task(a.ID, "Później", domain.AgendaEnd(Today).AddDays(1))
		task(a.ID, "Zrobione", Today, func(f *domain.ActivityFields) { f.Done = true })
		task(arch.ID, "Archiwalne", Today)
		gone := task(a.ID, "Skasowane", Today)
		check(t, "delete", s.Activities.DeleteActivity(ctx, gone.ID))
		activity(t, s, a.ID, domain.KindCall, at(Today, 9), "Rozmowa")
		_, err := s.Accounts.SetAccountArchived(ctx, arch.ID, true)
		check(t, "archive", err)

		ag, err := s.Activities.TodayAgenda(ctx, Today, 0)
		check(t, "agenda", err)
		subj := func(items []domain.AgendaItem) []string {
			return mapList(items, func(i domain.AgendaItem) string { return i.Subject })
		}
		equal(t, "today", ag.Today, Today)
		equalList(t, "overdue", subj(ag.Overdue), []string{"Zaległe 1", "Zaległe 2"})
		equalList(t, "due today", subj(ag.DueToday), []string{"Dziś"})
		equalList(t, "upcoming", subj(ag.Upcoming), []string{"Wkrótce"})
		if ag.OverdueTotal != 2 || ag.DueTodayTotal != 1 || ag.UpcomingTotal != 1 {
			t.Errorf("totals = %d %d %d, want 2 1 1", ag.OverdueTotal, ag.DueTodayTotal, ag.UpcomingTotal)
		}
		it := ag.Overdue[0]
		if it.AccountID != a.ID || it.AccountCode != "K1" || it.AccountName != "Firma" || it.ContactName != "Jan Kowalski" ||
			it.LoggedBy != "Anna" || it.Due != Today.AddDays(-5) || it.Version != 1 {
			t.Errorf("item = %+v", it)
		}
		ag, err = s.Activities.TodayAgenda(ctx, Today, 1)
		check(t, "limited agenda", err)
		equalList(t, "limited overdue", subj(ag.Overdue), []string{"Zaległe 1"})
		equal(t, "limited overdue total", ag.OverdueTotal, 2)
	})

	t.Run("GoingCold", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		for _, c := range []struct {
			code, name string
			days       int // days since the last call; 0: never
		}{{"WARM", "Ciepła", 10}, {"COOL", "Chłodna", 40}, {"COLD", "Zimna", 60}, {"NEW2", "Żółta", 0}, {"NEW1", "Biała", 0},
			{"ARCH", "Archiwalna", 0}} {
			a := account(t, s, c.code, c.name, "Kraków")
			if c.days > 0 {
				activity(t, s, a.ID, domain.KindCall, at(Today.AddDays(-c.days), 12), "Rozmowa")
			}
			if c.code == "ARCH" {
				_, err := s.Accounts.SetAccountArchived(ctx, a.ID, true)
				check(t, "archive", err)
			}
		}
		// The accounts never contacted were added today: new, not cold.
		cold, total, err := s.Activities.GoingCold(ctx, Today, 30, 0)
		check(t, "going cold", err)
		equal(t, "total", total, 2)
		equalList(t, "the oldest first, none new", mapList(cold, func(c domain.ColdAccount) string { return c.Code }),
			[]string{"COLD", "COOL"})
		// A month later nobody called the new ones either.
		later := Today.AddDays(31)
		cold, total, err = s.Activities.GoingCold(ctx, later, 30, 0)
		check(t, "going cold a month later", err)
		equal(t, "total a month later", total, 5)
		equalList(t, "never first, then the oldest", mapList(cold, func(c domain.ColdAccount) string { return c.Code }),
			[]string{"NEW1", "NEW2", "COLD", "COOL", "WARM"})
		equal(t, "last contact", cold[2].LastContact, localDate(at(Today.AddDays(-60), 12)))
		equal(t, "never contacted", cold[0].LastContact, domain.Date{})
		cold, total, err = s.Activities.GoingCold(ctx, later, 30, 3)
		check(t, "limited", err)
		equal(t, "limited total", total, 5)
		equal(t, "limited rows", len(cold), 3)
	})
}
