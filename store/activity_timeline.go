package store

import (
	"context"
	"database/sql"
	"strings"

	"kontor/domain"
)

// ftsKey is an activity's rowid in activities_fts (see migrations/0002): time
// order, then id.
const ftsKey = `((unixepoch(t.occurred_at) << 28) | t.id)`

// ftsBody is what activities_fts indexes of activity t, as its triggers
// write it (migrations/0002): the account's token, then the folded words.
const ftsBody = `'_a' || t.account_id || ' ' || kontor_fold(t.subject || ' ' || t.notes)`

// cursorKey is the FTS key of a timeline cursor.
func cursorKey(c domain.ActivityCursor) int64 {
	return c.OccurredAt.Truncate(0).Unix()<<28 | int64(c.ID)
}

// timelineMatch is the FTS5 query of q's text within its account (see
// migrations/0002: the account's token and the typed words), "" for no text;
// ok is false when nothing can match.
func timelineMatch(ctx context.Context, tx *sql.Tx, q domain.TimelineQuery) (match string, ok bool, err error) {
	tokens := domain.FoldTokens(q.Text)
	if len(tokens) == 0 {
		return "", true, nil
	}
	words, ok, err := historyQuery(ctx, tx, tokens)
	if err != nil || !ok {
		return "", ok, err
	}
	return `"_a` + itoa(int(q.Account)) + `" AND ` + words, true, nil
}

// timelineSQL builds the statement of a timeline page: the account's live
// activities, filtered, past the cursor in the page's direction. Without text
// it walks activities_timeline; with text (match) it walks the account's
// matches in activities_fts, whose rowids are in the same order.
func timelineSQL(q domain.TimelineQuery, match string, limit int, count bool) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	from := ` FROM activities t`
	text := match != ""
	if text {
		from = ` FROM activities_fts f CROSS JOIN activities t`
		add(`activities_fts MATCH ?`, match)
		add(`t.id = (f.rowid & 268435455)`)
	}
	add(`t.account_id = ?`, int64(q.Account))
	add(`t.deleted_at IS NULL`)
	if len(q.Kinds) > 0 {
		marks := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			marks[i] = "?"
			args = append(args, string(k))
		}
		where = append(where, `t.kind IN (`+strings.Join(marks, ", ")+`)`)
	}
	if !q.From.IsZero() {
		add(`t.occurred_at >= ?`, dayStart(q.From))
	}
	if !q.To.IsZero() {
		add(`t.occurred_at < ?`, dayStart(q.To.AddDays(1)))
	}
	order := ` ORDER BY t.occurred_at DESC, t.id DESC`
	if text {
		order = ` ORDER BY f.rowid DESC`
	}
	if !count && !q.After.IsZero() {
		at, id := moment(q.After.OccurredAt), int64(q.After.ID)
		switch {
		case text && q.Newer:
			add(`f.rowid > ?`, cursorKey(q.After))
		case text:
			add(`f.rowid < ?`, cursorKey(q.After))
		case q.Newer:
			add(`(t.occurred_at, t.id) > (?, ?)`, at, id)
		default:
			add(`(t.occurred_at, t.id) < (?, ?)`, at, id)
		}
	}
	if q.Newer {
		order = strings.ReplaceAll(order, " DESC", "")
	}
	if count {
		return `SELECT count(*)` + from + ` WHERE ` + strings.Join(where, ` AND `), args
	}
	return `SELECT ` + activityColumns + from + activityJoins + ` WHERE ` + strings.Join(where, ` AND `) + order +
		` LIMIT ` + itoa(limit+1), args
}

// Timeline returns a page of an account's live activities, newest first.
func (s *ActivityService) Timeline(ctx context.Context, q domain.TimelineQuery) (*domain.TimelinePage, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = domain.DefaultTimelinePage
	}
	page := &domain.TimelinePage{Total: -1}
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		match, ok, err := timelineMatch(ctx, tx, q)
		if err != nil {
			return err
		}
		if !ok {
			if q.After.IsZero() {
				page.Total = 0
			}
			return nil
		}
		query, args := timelineSQL(q, match, limit, false)
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanActivity(rows)
			if err != nil {
				return err
			}
			page.Activities = append(page.Activities, a)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(page.Activities) > limit {
			page.Activities, page.More = page.Activities[:limit], true
		}
		if q.Newer { // read oldest first to stop at the cursor; shown newest first
			for i, j := 0, len(page.Activities)-1; i < j; i, j = i+1, j-1 {
				page.Activities[i], page.Activities[j] = page.Activities[j], page.Activities[i]
			}
		}
		if q.After.IsZero() {
			query, args := timelineSQL(q, match, 0, true)
			return tx.QueryRowContext(ctx, query, args...).Scan(&page.Total)
		}
		return nil
	})
	if err != nil {
		return nil, wrap("timeline", err)
	}
	return page, nil
}
