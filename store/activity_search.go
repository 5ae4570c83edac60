package store

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"kontor/domain"
	"modernc.org/sqlite"
)

// foldFunction is domain.Fold as an SQL function, so the triggers of
// activities_fts index what the search box folds its query to. Every
// connection the driver opens has it; a tool without it (the sqlite3 shell)
// can read activities but not change them.
const foldFunction = "kontor_fold"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(foldFunction, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return domain.Fold(v), nil
		case []byte:
			return domain.Fold(string(v)), nil
		case nil:
			return nil, nil
		}
		return "", nil // numbers have nothing to fold into words
	})
}

// snippetWidth is about how many characters of notes a history hit shows.
const snippetWidth = 120

// HistorySearchSQL finds activities whose subject and notes have every word
// of ?1 (an FTS5 query over the body column) as a word prefix, newest first:
// activities_fts is keyed in time order, so the walk stops after ?2 matches.
const HistorySearchSQL = `SELECT t.id, t.account_id, a.code, a.name, t.occurred_at, t.kind, t.subject, t.notes
	FROM activities_fts f CROSS JOIN activities t CROSS JOIN accounts a
	WHERE activities_fts MATCH ?1 AND t.id = (f.rowid & 268435455) AND a.id = t.account_id
	ORDER BY f.rowid DESC LIMIT ?2`

// historyMatch is the FTS5 query for the body column.
func historyMatch(tokens []string) string { return `body : (` + ftsQuery(tokens) + `)` }

// SearchHistory finds activities by folded word prefixes of their subject and
// notes, newest first, each with a snippet around the first match.
func (s *ActivityService) SearchHistory(ctx context.Context, query string, limit int) ([]domain.HistoryHit, error) {
	tokens := domain.FoldTokens(query)
	if len(tokens) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = domain.DefaultSearchLimit
	}
	var out []domain.HistoryHit
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, HistorySearchSQL, historyMatch(tokens), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h domain.HistoryHit
			var at, notes string
			if err := rows.Scan(&h.ID, &h.AccountID, &h.AccountCode, &h.AccountName, &at, &h.Kind, &h.Subject, &notes); err != nil {
				return err
			}
			h.OccurredAt = parseMoment(at)
			h.Snippet, h.Marks = hitSnippet(h.Subject, notes, tokens)
			out = append(out, h)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrap("search history", err)
	}
	return out, nil
}

// hitSnippet shows the notes around the first match, or the subject when only
// the subject matches (or there are no notes).
func hitSnippet(subject, notes string, tokens []string) (string, []domain.Span) {
	if notes != "" {
		if s, marks := domain.Snippet(notes, tokens, snippetWidth); len(marks) > 0 {
			return s, marks
		}
	}
	s, marks := domain.Snippet(subject, tokens, snippetWidth)
	if len(marks) == 0 && notes != "" {
		return domain.Snippet(notes, tokens, snippetWidth)
	}
	return s, marks
}
