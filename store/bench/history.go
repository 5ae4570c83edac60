package bench

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"

	"kontor/domain"
	"kontor/store"
)

// Figures of the contact history, beside the same SQL run bare.
const (
	TargetHistorySearchMS = 30
	TargetTodayMS         = 50
	TargetTimelinePageMS  = 16 // one frame at 60 Hz: the timeline scrolls without stutter

	nameHistorySearch = "search the activity history as you type, p95"
	nameToday         = "Today screen (agenda and going cold), p95"
	nameTimelinePage  = "timeline page of 50 of the longest history, p95"
)

// HistoryQueries is what a person types into the history search box,
// keystroke by keystroke from the second letter: one or two words taken from
// the notes and subjects of a sample of activities.
func HistoryQueries(ctx context.Context, q *sql.DB) ([]string, error) {
	r := rand.New(rand.NewPCG(2026, 13))
	var top int64
	if err := q.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM activities`).Scan(&top); err != nil {
		return nil, err
	}
	if top == 0 {
		return nil, nil
	}
	var out []string
	typed := func(text string, from int) {
		for n := from; n <= len(text); n++ {
			if text[n-1] != ' ' {
				out = append(out, text[:n])
			}
		}
	}
	// A small database gets fewer samples (as SearchQueries does); the
	// large dataset the full set.
	samples := min(80, max(3, int(top)/1000))
	for i := 0; i < samples; i++ {
		var subject, notes string
		err := q.QueryRowContext(ctx, `SELECT subject, notes FROM activities WHERE id >= ? AND deleted_at IS NULL ORDER BY id LIMIT 1`,
			1+r.Int64N(top)).Scan(&subject, &notes)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, err
		}
		var words []string
		for _, w := range domain.FoldTokens(subject + " " + notes) {
			if len(w) >= 4 { // what people look for: words, not "w", "do", "na"
				words = append(words, w)
			}
		}
		if len(words) == 0 {
			continue
		}
		first := words[r.IntN(len(words))]
		if r.IntN(3) == 0 && len(words) > 1 {
			second := words[r.IntN(len(words))]
			typed(first+" "+second, len(first)+2) // "dostawa p", "dostawa pa", …
		}
		typed(first, 2)
	}
	return out, nil
}

func benchHistorySearch(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	queries, err := HistoryQueries(ctx, plain.DB())
	if err != nil {
		return Figure{}, err
	}
	if len(queries) == 0 {
		return NotMeasured(nameHistorySearch, "ms", TargetHistorySearchMS, "the database has no activities"), nil
	}
	s := store.NewActivityService(db)
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for _, q := range queries {
			if err := st.time(func() error { _, err := s.SearchHistory(ctx, q, domain.DefaultSearchLimit); return err }); err != nil {
				return Figure{}, fmt.Errorf("history search %q: %w", q, err)
			}
			if err := bt.time(func() error { return plain.SearchHistory(ctx, q, domain.DefaultSearchLimit) }); err != nil {
				return Figure{}, fmt.Errorf("bare history search %q: %w", q, err)
			}
		}
	}
	return withBare(nameHistorySearch, TargetHistorySearchMS, st, bt, "keystrokes"), nil
}

// benchToday is the day the history ends: the Today screen of the day the
// data was generated, however long ago that was.
func benchToday(ctx context.Context, db *store.DB) (domain.Date, bool, error) {
	last, err := store.NewActivityService(db).LastActivityDay(ctx)
	return last, !last.IsZero(), err
}

func benchTodayScreen(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	today, ok, err := benchToday(ctx, db)
	if err != nil {
		return Figure{}, err
	}
	if !ok {
		return NotMeasured(nameToday, "ms", TargetTodayMS, "the database has no activities"), nil
	}
	s := store.NewActivityService(db)
	load := func() error {
		if _, err := s.TodayAgenda(ctx, today, 0); err != nil {
			return err
		}
		_, _, err := s.GoingCold(ctx, today, domain.DefaultColdDays, domain.DefaultAgendaLimit)
		return err
	}
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for i := 0; i < 50; i++ {
			if err := st.time(load); err != nil {
				return Figure{}, fmt.Errorf("today screen: %w", err)
			}
			if err := bt.time(func() error { return plain.Today(ctx, today) }); err != nil {
				return Figure{}, fmt.Errorf("bare today screen: %w", err)
			}
		}
	}
	f := withBare(nameToday, TargetTodayMS, st, bt, "loads")
	ag, err := s.TodayAgenda(ctx, today, 0)
	if err != nil {
		return Figure{}, err
	}
	_, cold, err := s.GoingCold(ctx, today, domain.DefaultColdDays, 1)
	if err != nil {
		return Figure{}, err
	}
	f.Note += fmt.Sprintf("; on %s: %d overdue, %d due today, %d in the next %d days; %d accounts going cold (first %d listed)",
		today, ag.OverdueTotal, ag.DueTodayTotal, ag.UpcomingTotal, domain.AgendaWindowDays, cold, domain.DefaultAgendaLimit)
	return f, nil
}

func benchTimelinePages(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	var account domain.AccountID
	var n int
	err := plain.DB().QueryRowContext(ctx, `SELECT account_id, count(*) AS n FROM activities WHERE deleted_at IS NULL
		GROUP BY account_id ORDER BY n DESC LIMIT 1`).Scan(&account, &n)
	if err == sql.ErrNoRows {
		return NotMeasured(nameTimelinePage, "ms", TargetTimelinePageMS, "the database has no activities"), nil
	}
	if err != nil {
		return Figure{}, err
	}
	s := store.NewActivityService(db)
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		q := domain.TimelineQuery{Account: account, Limit: domain.DefaultTimelinePage}
		for {
			var page *domain.TimelinePage
			if err := st.time(func() error { var err error; page, err = s.Timeline(ctx, q); return err }); err != nil {
				return Figure{}, err
			}
			if err := bt.time(func() error { return plain.Timeline(ctx, q) }); err != nil {
				return Figure{}, err
			}
			if !page.More {
				break
			}
			q.After = domain.CursorAfter(page.Activities[len(page.Activities)-1])
		}
	}
	f := withBare(nameTimelinePage, TargetTimelinePageMS, st, bt, "pages")
	f.Note += fmt.Sprintf(", first to last, of the %d activities of account %d", n, account)
	return f, nil
}
