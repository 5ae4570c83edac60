package domaintest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"kontor/domain"
	"kontor/domain/domaintest"
)

func TestFakeActivities(t *testing.T) {
	ctx := context.Background()
	s := domaintest.New()
	// The accounts were added long before the agenda's day: one never
	// contacted is cold, not new.
	s.SetClock(func() time.Time { return time.Date(2025, 6, 2, 9, 0, 0, 0, time.Local) })
	lodz := s.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź")
	quiet := s.AddAccount(t, "K2", "Apteka Cicha", "Kraków")
	never := s.AddAccount(t, "K3", "Zakład Nowy", "Poznań")
	jan := s.AddContact(t, lodz.ID, "Jan", "Żółkiewski", "jan@example.pl")
	base := time.Date(2026, 1, 1, 9, 0, 0, 0, time.Local)
	for i := range 120 {
		s.AddActivity(t, lodz.ID, domain.ActivityKinds[i%5], base.Add(time.Duration(i)*24*time.Hour), fmt.Sprintf("Wpis %03d", i))
	}
	reply := s.AddActivity(t, lodz.ID, domain.KindNote, base.Add(-time.Hour), "Oferta", func(f *domain.ActivityFields) {
		f.Notes = "Klient czeka na odpowiedź w sprawie rabatu."
		f.ContactEmail = "JAN@example.pl"
	})
	if reply.ContactID != jan.ID || reply.ContactName != "Jan Żółkiewski" || reply.AccountName != "Hurtownia Łódź" {
		t.Errorf("the contact by e-mail resolved to %+v", reply)
	}
	s.AddActivity(t, quiet.ID, domain.KindCall, time.Date(2026, 8, 1, 10, 0, 0, 0, time.Local), "Rozmowa")

	// Paging older, then newer from a hit.
	p1, err := s.Timeline(ctx, domain.TimelineQuery{Account: lodz.ID})
	if err != nil || len(p1.Activities) != domain.DefaultTimelinePage || !p1.More || p1.Total != 121 {
		t.Fatalf("first page: %d, more %v, total %d, %v", len(p1.Activities), p1.More, p1.Total, err)
	}
	if p1.Activities[0].Subject != "Wpis 119" {
		t.Errorf("newest first: %q", p1.Activities[0].Subject)
	}
	p2, _ := s.Timeline(ctx, domain.TimelineQuery{Account: lodz.ID, After: domain.CursorAfter(p1.Activities[49]), Limit: 100})
	if len(p2.Activities) != 71 || p2.More || p2.Total != -1 || p2.Activities[0].Subject != "Wpis 069" {
		t.Errorf("second page: %d, more %v, first %q", len(p2.Activities), p2.More, p2.Activities[0].Subject)
	}
	at := p2.Activities[10]
	from, _ := s.Timeline(ctx, domain.TimelineQuery{Account: lodz.ID, After: domain.CursorAt(at.OccurredAt, at.ID), Limit: 5})
	newer, _ := s.Timeline(ctx, domain.TimelineQuery{Account: lodz.ID, After: domain.CursorAt(at.OccurredAt, at.ID), Newer: true, Limit: 5})
	if from.Activities[0].ID != at.ID || len(newer.Activities) != 5 || newer.Activities[4].Subject != "Wpis 060" || !newer.More {
		t.Errorf("around %q: from %q, newer %d ending %q", at.Subject, from.Activities[0].Subject, len(newer.Activities), newer.Activities[4].Subject)
	}

	// Filters.
	calls, _ := s.Timeline(ctx, domain.TimelineQuery{Account: lodz.ID, Kinds: []domain.ActivityKind{domain.KindCall},
		From: domain.NewDate(2026, 1, 1), To: domain.NewDate(2026, 1, 10), Limit: 100})
	if calls.Total != 2 { // days 0 and 5
		t.Errorf("calls in the first ten days: %d", calls.Total)
	}
	found, _ := s.Timeline(ctx, domain.TimelineQuery{Account: lodz.ID, Text: "odpowiedz"})
	if found.Total != 1 || found.Activities[0].ID != reply.ID {
		t.Errorf("folded text filter: %d", found.Total)
	}

	// History search with a snippet around the folded match.
	hits, _ := s.SearchHistory(ctx, "odpowiedz", 0)
	if len(hits) != 1 || hits[0].Snippet == "" || len(hits[0].Marks) != 1 ||
		hits[0].Snippet[hits[0].Marks[0].Start:hits[0].Marks[0].End] != "odpowiedź" {
		t.Errorf("search hits %+v", hits)
	}

	// Delete, restore, and edits of a deleted activity.
	if err := s.DeleteActivity(ctx, reply.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateActivity(ctx, reply.ID, domain.ActivityUpdate{ActivityFields: reply.ActivityFields}); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("update of a deleted activity: %v", err)
	}
	if hits, _ := s.SearchHistory(ctx, "odpowiedz", 0); len(hits) != 0 {
		t.Error("a deleted activity is found")
	}
	if _, err := s.RestoreActivity(ctx, reply.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindActivityByID(ctx, reply.ID); err != nil {
		t.Errorf("restored: %v", err)
	}

	// Today agenda and going cold.
	today := domain.NewDate(2026, 11, 27)
	due := func(d domain.Date) func(*domain.ActivityFields) { return func(f *domain.ActivityFields) { f.Due = d } }
	late := s.AddActivity(t, quiet.ID, domain.KindTask, base, "Zaległe", due(today.AddDays(-3)))
	s.AddActivity(t, quiet.ID, domain.KindTask, base, "Dziś", due(today))
	s.AddActivity(t, never.ID, domain.KindTask, base, "Za tydzień", due(today.AddDays(7)))
	s.AddActivity(t, never.ID, domain.KindTask, base, "Później", due(today.AddDays(8)))
	ag, _ := s.TodayAgenda(ctx, today, 0)
	if ag.OverdueTotal < 1 || ag.DueTodayTotal != 1 || ag.UpcomingTotal != 1 || ag.DueToday[0].Subject != "Dziś" {
		t.Errorf("agenda %+v", ag)
	}
	if _, err := s.SetTaskDone(ctx, late.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RescheduleTask(ctx, reply.ID, today); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("rescheduling a note: %v", err)
	}
	if _, total, _ := s.GoingCold(ctx, today, 120, 0); total != 2 {
		t.Errorf("going cold after 120 days: %d accounts, want K3 and K1", total)
	}
	cold, total, _ := s.GoingCold(ctx, today, 60, 0)
	if total != 3 || cold[0].AccountID != never.ID || cold[1].AccountID != lodz.ID || cold[2].LastContact != domain.NewDate(2026, 8, 1) {
		t.Errorf("going cold: %d %+v", total, cold)
	}
	rows, _, _ := s.ListAccountRows(ctx, domain.AccountFilter{Sort: domain.SortByLastContact})
	if rows[0].AccountID != quiet.ID || rows[1].AccountID != lodz.ID || rows[2].AccountID != never.ID || !rows[2].LastContact.IsZero() {
		t.Errorf("rows by last contact: %+v", rows)
	}
}
