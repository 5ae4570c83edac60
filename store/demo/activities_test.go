package demo_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

// historyDump renders every activity with its account's last contact, and the
// words of the history, for the demo's determinism test (dump in demo_test.go).
const historyDump = `SELECT t.id, t.account_id, coalesce(t.contact_id, 0), t.kind, t.occurred_at, t.subject, t.notes, t.outcome,
	t.logged_by, coalesce(t.due_on, ''), t.done, t.created_at, coalesce(a.last_contact_at, '')
	FROM activities t JOIN accounts a ON a.id = t.account_id
	UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, word, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM activity_words
	ORDER BY 1, 6`

func TestDemoHistory(t *testing.T) {
	t.Parallel()
	const n = contentAccounts
	db := genDemo(t, n, 1)
	raw := rawDB(t, db)
	bg := context.Background()
	today := domain.DateOf(demoNow)
	acts := store.NewActivityService(db)

	var total, accountsWith, maxPerAccount int
	if err := raw.QueryRow(`SELECT count(*), count(DISTINCT account_id), (SELECT max(n) FROM
		(SELECT count(*) AS n FROM activities GROUP BY account_id)) FROM activities`).Scan(&total, &accountsWith, &maxPerAccount); err != nil {
		t.Fatal(err)
	}
	// About 50 an account, and one key account with a long history.
	if per := (total - maxPerAccount) / n; per < 35 || per > 65 || maxPerAccount != 5000 || accountsWith < n*9/10 {
		t.Errorf("%d activities over %d accounts (%d per account besides the longest, which has %d)", total, accountsWith, per, maxPerAccount)
	}

	// Every activity passes the rules a user's would, within three years
	// before Now, logged mostly by its account's owner, in Polish.
	accounts, _, err := store.NewAccountService(db).FindAccounts(bg, domain.AccountFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	owner := map[domain.AccountID]string{}
	for _, a := range accounts {
		owner[a.ID] = a.Owner
	}
	kinds := map[domain.ActivityKind]int{}
	var byOwner, diacritics, withNotes, withContact, multiSentence int
	subjects := map[string]bool{}
	err = store.NewTransfer(db).ExportActivities(bg, func(a *domain.Activity) error {
		f := a.ActivityFields
		f.AccountCode = ""
		if err := f.Validate(); err != nil {
			t.Errorf("activity %d: %v", a.ID, err)
		}
		if a.OccurredAt.After(demoNow) || a.OccurredAt.Before(demoNow.AddDate(-3, 0, -1)) {
			t.Errorf("activity %d at %v", a.ID, a.OccurredAt)
		}
		kinds[a.Kind]++
		if a.LoggedBy == owner[a.AccountID] {
			byOwner++
		}
		if strings.ContainsAny(a.Subject+a.Notes, "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ") {
			diacritics++
		}
		if a.Notes != "" {
			withNotes++
			if strings.Count(a.Notes, ". ") >= 1 {
				multiSentence++
			}
		}
		if a.ContactID != 0 {
			withContact++
		}
		if strings.Contains(a.Subject+a.Notes, "{") {
			t.Errorf("activity %d has an unfilled slot: %q %q", a.ID, a.Subject, a.Notes)
		}
		subjects[a.Subject] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Every kind a rep logs (documents are logged by printing and sending).
	for _, k := range []domain.ActivityKind{domain.KindCall, domain.KindMeeting, domain.KindEmail, domain.KindNote, domain.KindTask} {
		if kinds[k] < total/20 {
			t.Errorf("%d %s activities of %d", kinds[k], k, total)
		}
	}
	if byOwner < total*8/10 || diacritics < total/2 || withNotes < total*8/10 || multiSentence < withNotes/2 ||
		withContact < total/2 || len(subjects) < 200 {
		t.Errorf("of %d: %d by the owner, %d with Polish letters, %d with notes (%d of several sentences), %d with a contact, %d subjects",
			total, byOwner, diacritics, withNotes, multiSentence, withContact, len(subjects))
	}

	// Open tasks: some overdue, some due today or this week.
	ag, err := acts.TodayAgenda(bg, today, 0)
	if err != nil {
		t.Fatal(err)
	}
	if ag.OverdueTotal == 0 || ag.UpcomingTotal+ag.DueTodayTotal == 0 || ag.OverdueTotal > total/20 {
		t.Errorf("agenda on %s: %d overdue, %d today, %d upcoming", today, ag.OverdueTotal, ag.DueTodayTotal, ag.UpcomingTotal)
	}
	cold, coldTotal, err := acts.GoingCold(bg, today, domain.DefaultColdDays, 0)
	if err != nil || coldTotal == 0 || coldTotal > n/2 {
		t.Errorf("going cold: %d of %d accounts, %v", coldTotal, n, err)
	}
	for _, c := range cold {
		if !domain.IsGoingCold(c.LastContact, today, domain.DefaultColdDays) {
			t.Errorf("%s listed as going cold, last contact %s", c.Code, c.LastContact)
		}
	}

	// What the suspended triggers would have kept is there: the last contacts,
	// a sound search index, every word of every note.
	var wrongLast int
	if err := raw.QueryRow(`SELECT count(*) FROM accounts a WHERE a.last_contact_at IS NOT (SELECT max(occurred_at)
		FROM activities t WHERE t.account_id = a.id AND t.deleted_at IS NULL AND t.kind IN ('call', 'meeting', 'email'))`).Scan(&wrongLast); err != nil || wrongLast != 0 {
		t.Errorf("%d accounts with a wrong last contact (%v)", wrongLast, err)
	}
	rw, err := sql.Open("sqlite", "file:"+db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if _, err := rw.Exec(`INSERT INTO activities_fts (activities_fts, rank) VALUES ('integrity-check', 0)`); err != nil {
		t.Errorf("history index: %v", err)
	}
	var triggers int
	if err := raw.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type IN ('trigger', 'index') AND tbl_name = 'activities' AND sql IS NOT NULL`).Scan(&triggers); err != nil || triggers != 11 {
		t.Errorf("%d triggers and indexes on activities after the demo (%v), want 6 and 5 (uid: schema 6)", triggers, err)
	}
	var id int64
	var subject, notes string
	if err := raw.QueryRow(`SELECT id, subject, notes FROM activities WHERE notes <> '' ORDER BY id DESC LIMIT 1 OFFSET 17`).Scan(&id, &subject, &notes); err != nil {
		t.Fatal(err)
	}
	words := domain.FoldTokens(notes)
	hits, err := acts.SearchHistory(bg, strings.Join(words[len(words)-2:], " "), 500)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		found = found || int64(h.ID) == id
	}
	if !found {
		t.Errorf("search for %q did not find activity %d (%q)", strings.Join(words[len(words)-2:], " "), id, notes)
	}

	testKeyAccountTimeline(t, db, raw)
}

// testKeyAccountTimeline pages through the demo's key account.
func testKeyAccountTimeline(t *testing.T, db *store.DB, raw *sql.DB) {
	var account int64
	if err := raw.QueryRow(`SELECT account_id FROM activities GROUP BY account_id ORDER BY count(*) DESC LIMIT 1`).Scan(&account); err != nil {
		t.Fatal(err)
	}
	// Paging the key account's 5,000 activities by cursor gives each once, newest first.
	acts := store.NewActivityService(db)
	q := domain.TimelineQuery{Account: domain.AccountID(account), Limit: 50}
	seen := map[domain.ActivityID]bool{}
	var last time.Time
	pages := 0
	for {
		p, err := acts.Timeline(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if pages == 0 && p.Total != 5000 {
			t.Errorf("total %d", p.Total)
		}
		pages++
		for _, a := range p.Activities {
			if seen[a.ID] || (!last.IsZero() && a.OccurredAt.After(last)) {
				t.Fatalf("activity %d out of order or twice", a.ID)
			}
			seen[a.ID], last = true, a.OccurredAt
		}
		if !p.More {
			break
		}
		q.After = domain.CursorAfter(p.Activities[len(p.Activities)-1])
	}
	if len(seen) != 5000 || pages != 100 {
		t.Errorf("%d activities in %d pages", len(seen), pages)
	}
}
