package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"slices"
	"strings"
	"unicode/utf8"

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
// of the typed query as a word prefix (?1, from historyQuery), newest first:
// activities_fts is keyed in time order, so the walk stops after ?2 matches.
const HistorySearchSQL = `SELECT t.id, t.account_id, a.code, a.name, t.occurred_at, t.kind, t.subject, t.notes
	FROM activities_fts f CROSS JOIN activities t CROSS JOIN accounts a
	WHERE activities_fts MATCH ?1 AND t.id = (f.rowid & 268435455) AND a.id = t.account_id
	ORDER BY f.rowid DESC LIMIT ?2`

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
		match, ok, err := historyQuery(ctx, tx, tokens)
		if err != nil || !ok {
			return err
		}
		rows, err := tx.QueryContext(ctx, HistorySearchSQL, match, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h domain.HistoryHit
			var notes string
			if err := rows.Scan(&h.ID, &h.AccountID, &h.AccountCode, &h.AccountName, atLocalTime(&h.OccurredAt), &h.Kind, &h.Subject,
				&notes); err != nil {
				return err
			}
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

// wordIndexFrom is the shortest word activity_words holds: shorter prefixes
// are in the FTS5 prefix index (migrations/0002).
const wordIndexFrom = 4

// maxPrefixWords bounds the OR a typed prefix becomes; a prefix that starts
// more words is searched as an FTS5 prefix query.
const maxPrefixWords = 100

// historyWords returns the distinct folded words of subject and notes that
// activity_words holds.
func historyWords(subject, notes string) []string {
	var out []string
	for _, w := range domain.FoldTokens(subject + " " + notes) {
		if utf8.RuneCountInString(w) >= wordIndexFrom && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// addHistoryWords records the words of activities being written.
func addHistoryWords(ctx context.Context, tx *sql.Tx, words []string) error {
	if len(words) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO activity_words (word) VALUES (?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, w := range words {
		if _, err := st.ExecContext(ctx, w); err != nil {
			return err
		}
	}
	return nil
}

// historyQuery builds the FTS5 query requiring every token as a word prefix:
// a short token as a prefix query (the prefix index has it), a longer one as
// the OR of the words it starts. ok is false when a token starts no word, so
// nothing can match.
func historyQuery(ctx context.Context, q queryer, tokens []string) (query string, ok bool, err error) {
	parts := make([]string, len(tokens))
	for i, t := range tokens {
		parts[i] = `"` + t + `"*`
		if utf8.RuneCountInString(t) < wordIndexFrom {
			continue
		}
		rows, err := q.QueryContext(ctx, `SELECT word FROM activity_words WHERE word >= ?1 AND word < ?1 || char(1114111)
			ORDER BY word LIMIT ?2`, t, maxPrefixWords+1)
		if err != nil {
			return "", false, err
		}
		var words []string
		for rows.Next() {
			var w string
			if err := rows.Scan(&w); err != nil {
				rows.Close()
				return "", false, err
			}
			words = append(words, `"`+w+`"`)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", false, err
		}
		switch {
		case len(words) == 0:
			return "", false, nil
		case len(words) <= maxPrefixWords:
			parts[i] = "(" + strings.Join(words, " OR ") + ")"
		}
	}
	return strings.Join(parts, " AND "), true, nil
}
