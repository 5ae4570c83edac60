package domain_test

import (
	"testing"
	"time"

	"kontor/domain"
)

func TestTaskBucket(t *testing.T) {
	today := d(2026, 11, 27) // a Friday
	tests := []struct {
		due  domain.Date
		done bool
		want domain.TaskBucket
	}{
		{d(2026, 11, 26), false, domain.BucketOverdue},
		{d(2025, 1, 1), false, domain.BucketOverdue},
		{d(2026, 11, 27), false, domain.BucketToday},
		{d(2026, 11, 28), false, domain.BucketUpcoming},
		{d(2026, 12, 4), false, domain.BucketUpcoming}, // today + 7: the last day listed
		{d(2026, 12, 5), false, domain.BucketLater},
		{d(2026, 11, 26), true, domain.BucketDone}, // done is never overdue
		{d(2026, 11, 27), true, domain.BucketDone},
	}
	for _, tt := range tests {
		f := domain.ActivityFields{Kind: domain.KindTask, Due: tt.due, Done: tt.done}
		if got := f.Bucket(today); got != tt.want {
			t.Errorf("due %s done %v on %s: %q, want %q", tt.due, tt.done, today, got, tt.want)
		}
	}
	call := domain.ActivityFields{Kind: domain.KindCall}
	if got := call.Bucket(today); got != domain.BucketNone {
		t.Errorf("a call is on the agenda: %q", got)
	}
	// Across a month and year end.
	if got := domain.TaskBucketOf(d(2027, 1, 3), false, d(2026, 12, 27)); got != domain.BucketUpcoming {
		t.Errorf("3 Jan from 27 Dec: %q", got)
	}
	if got := domain.TaskBucketOf(d(2026, 12, 31), false, d(2027, 1, 1)); got != domain.BucketOverdue {
		t.Errorf("31 Dec on 1 Jan: %q", got)
	}
}

func TestIsGoingCold(t *testing.T) {
	today := d(2026, 11, 27)
	tests := []struct {
		last domain.Date
		days int
		want bool
	}{
		{domain.Date{}, 60, true},     // never contacted
		{d(2026, 9, 28), 60, false},   // exactly 60 days ago: not yet
		{d(2026, 9, 27), 60, true},    // 61 days ago
		{d(2026, 11, 27), 60, false},  // today
		{d(2026, 11, 26), 0, true},    // a zero threshold: anything before today
		{d(2026, 11, 27), 0, false},   // … but not today
		{d(2027, 1, 1), 60, false},    // a future date (a planned meeting) is not cold
		{d(2025, 11, 26), 365, true},  // 366 days
		{d(2025, 11, 27), 365, false}, // exactly 365 days
		{d(2026, 2, 28), 272, false},  // across month lengths: 27 Nov − 272 days = 28 Feb
		{d(2026, 2, 27), 272, true},
	}
	for _, tt := range tests {
		if got := domain.IsGoingCold(tt.last, today, tt.days); got != tt.want {
			t.Errorf("last %s, %d days: %v, want %v", tt.last, tt.days, got, tt.want)
		}
	}
}

func TestParseActivityKind(t *testing.T) {
	for in, want := range map[string]domain.ActivityKind{"call": domain.KindCall, " Meeting ": domain.KindMeeting,
		"EMAIL": domain.KindEmail, "note": domain.KindNote, "task": domain.KindTask, "zadanie": domain.KindTask, "Rozmowa": domain.KindCall} {
		if got, err := domain.ParseActivityKind(in); err != nil || got != want {
			t.Errorf("%q: %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "visit", "calls", "e mail"} {
		if _, err := domain.ParseActivityKind(in); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("%q accepted (%v)", in, err)
		}
	}
	if !domain.KindCall.IsContact() || !domain.KindMeeting.IsContact() || !domain.KindEmail.IsContact() ||
		domain.KindNote.IsContact() || domain.KindTask.IsContact() {
		t.Error("only calls, meetings and e-mails are contacts")
	}
}

func TestParseDateTime(t *testing.T) {
	waw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	tests := []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{"2026-11-27 14:05", time.Date(2026, 11, 27, 14, 5, 0, 0, waw), false},
		{"2026-11-27T14:05", time.Date(2026, 11, 27, 14, 5, 0, 0, waw), false},
		{"27.11.2026 9:05:30", time.Date(2026, 11, 27, 9, 5, 30, 0, waw), false},
		{"27.11.2026", time.Date(2026, 11, 27, 0, 0, 0, 0, waw), false},
		{"2026-07-01T10:00:00Z", time.Date(2026, 7, 1, 12, 0, 0, 0, waw), false}, // an explicit offset wins
		{"", time.Time{}, false},
		{"2026-11-27 24:00", time.Time{}, true},
		{"2026-11-27 14", time.Time{}, true},
		{"2026-11-27 14:60", time.Time{}, true},
		{"2026-11-27 14:05:00:00", time.Time{}, true},
		{"31.02.2026 10:00", time.Time{}, true},
		{"yesterday", time.Time{}, true},
		{"2026-11-27 1405", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := domain.ParseDateTime(tt.in, waw)
		if tt.bad {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Errorf("%q: accepted as %v", tt.in, got)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("%q: %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestActivityFieldsSetValidate(t *testing.T) {
	row := func(kv ...string) (*domain.ActivityFields, error) {
		var f domain.ActivityFields
		for i := 0; i < len(kv); i += 2 {
			if err := f.Set(kv[i], kv[i+1]); err != nil {
				return &f, err
			}
		}
		return &f, f.Validate()
	}
	base := []string{"account_code", "K1", "date", "2026-11-27 10:30", "kind", "call", "subject", "Rozmowa o warunkach dostawy"}
	tests := []struct {
		name  string
		extra []string
		field string // the field at fault; "" for a valid row
	}{
		{"valid call", nil, ""},
		{"valid task", []string{"kind", "task", "due_date", "04.12.2026", "done", "FALSE"}, ""},
		{"done task", []string{"kind", "task", "due_date", "2026-12-04", "done", "true"}, ""},
		{"no account", []string{"account_code", ""}, "account_code"},
		{"no date", []string{"date", ""}, "date"},
		{"no kind", []string{"kind", ""}, "kind"},
		{"no subject", []string{"subject", "  "}, "subject"},
		{"long subject", []string{"subject", string(make([]byte, 201))}, "subject"},
		{"due on a call", []string{"due_date", "2026-12-04"}, "due_date"},
		{"done on a note", []string{"kind", "note", "done", "true"}, "done"},
		{"bad contact e-mail", []string{"contact_email", "jan.kowalski"}, "contact_email"},
	}
	for _, tt := range tests {
		f, err := row(append(append([]string{}, base...), tt.extra...)...)
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		e, ok := domain.AsError(err)
		if !ok || e.Code != domain.EInvalid {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if _, ok := e.Field(tt.field); !ok {
			t.Errorf("%s: no problem with %s in %v", tt.name, tt.field, err)
		}
		_ = f
	}
	// Parse errors come from Set.
	for field, v := range map[string]string{"date": "2026-11-31", "kind": "visit", "due_date": "tomorrow",
		"done": "yes", "colour": "red"} {
		var f domain.ActivityFields
		if err := f.Set(field, v); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("%s=%q accepted: %v", field, v, err)
		}
	}
}

func TestActivityFieldsNormalise(t *testing.T) {
	at := time.Date(2026, 11, 27, 10, 30, 45, 123, time.Local)
	f := domain.ActivityFields{AccountID: 1, OccurredAt: at, Kind: domain.KindTask, Subject: "Oddzwonić"}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	if !f.OccurredAt.Equal(time.Date(2026, 11, 27, 10, 30, 0, 0, time.Local)) {
		t.Errorf("moment not kept to the minute: %v", f.OccurredAt)
	}
	if f.Due != d(2026, 11, 27) {
		t.Errorf("a task with no due date is due on its day, got %s", f.Due)
	}
	// Every field reads back as written.
	var g domain.ActivityFields
	in := map[string]string{"account_code": "K1", "date": "2026-11-27 10:30", "kind": "task", "subject": "Wysłać ofertę",
		"notes": "Klient prosi o ofertę.\nTermin: piątek.", "contact_email": "jan@firma.pl", "due_date": "2026-12-04",
		"done": "true", "outcome": "Oferta wysłana", "logged_by": "Anna Nowak"}
	for _, field := range domain.ActivityFieldOrder {
		if err := g.Set(field, in[field]); err != nil {
			t.Fatal(field, err)
		}
	}
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, field := range domain.ActivityFieldOrder {
		if got := g.Get(field); got != in[field] {
			t.Errorf("%s: %q, want %q", field, got, in[field])
		}
	}
	g.Kind = domain.KindNote
	if g.Get("done") != "" {
		t.Error("done is blank for a non-task")
	}
}

func TestCursorAt(t *testing.T) {
	at := time.Date(2026, 11, 27, 10, 30, 0, 0, time.UTC)
	a := &domain.Activity{ID: 7}
	a.OccurredAt = at
	c := domain.CursorAt(at, 7)
	// A page after CursorAt starts with a: a sorts strictly older than the cursor.
	if !(c.OccurredAt.Equal(a.OccurredAt) && int64(c.ID) > int64(a.ID)) {
		t.Errorf("cursor %v does not precede %v", c, a.ID)
	}
	if domain.CursorAfter(a).ID != 7 || domain.CursorAfter(a).IsZero() || !(domain.ActivityCursor{}).IsZero() {
		t.Error("CursorAfter")
	}
}

func TestSnippet(t *testing.T) {
	long := "Klient dzwonił w sprawie zamówienia z zeszłego tygodnia. Część towaru dotarła uszkodzona, " +
		"prosi o wymianę palety. Obiecałem odpowiedź do piątku po rozmowie z magazynem w Łodzi."
	tests := []struct {
		text   string
		query  string
		width  int
		want   string
		marked []string
	}{
		{"Odpowiedź na reklamację", "odpowiedz", 80, "Odpowiedź na reklamację", []string{"Odpowiedź"}},
		{"Rozmowa o warunkach dostawy", "dost", 80, "Rozmowa o warunkach dostawy", []string{"dost"}},
		{long, "odpowiedz lodz", 60, "…palety. Obiecałem odpowiedź do piątku po rozmowie z…", []string{"odpowiedź"}},
		{long, "odpowiedz lodz", 200, long, []string{"odpowiedź", "Łodz"}},
		{long, "xyz", 20, "Klient dzwonił w…", nil},
		{"Zadzwonić\r\n  jutro", "jutro", 80, "Zadzwonić jutro", []string{"jutro"}},
		{"ŁÓDŹ łódź", "lod", 80, "ŁÓDŹ łódź", []string{"ŁÓD", "łód"}},
	}
	for _, tt := range tests {
		got, marks := domain.Snippet(tt.text, domain.FoldTokens(tt.query), tt.width)
		if got != tt.want {
			t.Errorf("%q / %q: %q, want %q", tt.text, tt.query, got, tt.want)
			continue
		}
		var marked []string
		for _, m := range marks {
			marked = append(marked, got[m.Start:m.End])
		}
		if len(marked) != len(tt.marked) {
			t.Errorf("%q: marked %q, want %q", tt.query, marked, tt.marked)
			continue
		}
		for i := range marked {
			if marked[i] != tt.marked[i] {
				t.Errorf("%q: marked %q, want %q", tt.query, marked, tt.marked)
			}
		}
	}
}
