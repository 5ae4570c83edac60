package store

import (
	"context"
	"database/sql"
	"strings"

	"kontor/domain"
)

// broadMatches is where search switches strategy. A query matching fewer rows
// fetches them by FTS and sorts them; a broader one walks the name index in
// order and keeps the first rows that match, which then come within a few
// hundred rows. Either way a keystroke costs a bounded amount of work.
const broadMatches = 400

// searchTokens folds the query into prefix tokens. A tax ID typed with dashes
// or spaces ("526-000-12-46", "PL 526 000") becomes one run of digits, as stored.
func searchTokens(text string) []string {
	t := strings.TrimSpace(text)
	if u := strings.ToUpper(t); strings.HasPrefix(u, "PL") && len(u) > 2 && strings.Trim(u[2:], "0123456789- ") == "" {
		t = t[2:]
	}
	if strings.Trim(t, "0123456789- ") == "" && strings.ContainsAny(t, "- ") {
		if digits := strings.NewReplacer("-", "", " ", "").Replace(t); len(digits) >= 3 {
			return []string{digits}
		}
	}
	return domain.FoldTokens(t)
}

// ftsQuery builds an FTS5 query requiring every token as a word prefix. Tokens
// are folded letters and digits only, so quoting them is enough.
func ftsQuery(tokens []string) string {
	parts := make([]string, len(tokens))
	for i, t := range tokens {
		parts[i] = `"` + t + `"*`
	}
	return strings.Join(parts, " ")
}

// SearchAccounts returns up to q.Limit hits: accounts whose code, name, tax ID or
// city match, in Polish alphabetical order, then contacts whose name or e-mail
// match, with their account.
func (s *AccountService) SearchAccounts(ctx context.Context, q domain.SearchQuery) ([]domain.AccountRow, error) {
	tokens := searchTokens(q.Text)
	if len(tokens) == 0 {
		return nil, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = domain.DefaultSearchLimit
	}
	var out []domain.AccountRow
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = searchAccountHits(ctx, tx, tokens, limit, q.IncludeArchived)
		if err != nil || len(out) >= limit {
			return err
		}
		more, err := searchContactHits(ctx, tx, tokens, limit-len(out), q.IncludeArchived)
		out = append(out, more...)
		return err
	})
	return out, wrap("search", err)
}

// AccountSearchSQL is the statement a narrow account search runs, exported so
// the benchmark can time it bare beside the store.
const AccountSearchSQL = `SELECT ` + rowColumns + ` FROM accounts a
	WHERE a.id IN (SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH ?1) AND (?2 OR a.archived = 0)
	ORDER BY a.name_key LIMIT ?3`

const accountScanSQL = `SELECT ` + rowColumns + `, a.search_text FROM accounts a INDEXED BY accounts_by_name
	WHERE ?1 OR a.archived = 0 ORDER BY a.name_key`

func searchAccountHits(ctx context.Context, tx *sql.Tx, tokens []string, limit int, archived bool) ([]domain.AccountRow, error) {
	match := ftsQuery(tokens)
	broad, err := atLeast(ctx, tx, `SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH ? LIMIT `+itoa(broadMatches), match)
	if err != nil {
		return nil, err
	}
	if !broad {
		return queryRows(ctx, tx, AccountSearchSQL, nil, match, archived, limit)
	}
	return scanRows(ctx, tx, accountScanSQL, tokens, limit, archived)
}

const contactRowColumns = rowColumns + `, c.id, c.first_name || ' ' || c.last_name`

// ContactSearchSQL is the statement a narrow contact search runs.
const ContactSearchSQL = `SELECT ` + contactRowColumns + ` FROM contacts c JOIN accounts a ON a.id = c.account_id
	WHERE c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1) AND (?2 OR a.archived = 0)
	ORDER BY c.name_key LIMIT ?3`

const contactScanSQL = `SELECT ` + contactRowColumns + `, c.search_text FROM contacts c INDEXED BY contacts_by_name
	JOIN accounts a ON a.id = c.account_id WHERE ?1 OR a.archived = 0 ORDER BY c.name_key`

func searchContactHits(ctx context.Context, tx *sql.Tx, tokens []string, limit int, archived bool) ([]domain.AccountRow, error) {
	match := ftsQuery(tokens)
	broad, err := atLeast(ctx, tx, `SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? LIMIT `+itoa(broadMatches), match)
	if err != nil {
		return nil, err
	}
	contact := func(r *domain.AccountRow) []any {
		r.Kind = domain.HitContact
		return []any{&r.ContactID, &r.ContactName}
	}
	if !broad {
		return queryRows(ctx, tx, ContactSearchSQL, contact, match, archived, limit)
	}
	return scanRows(ctx, tx, contactScanSQL, tokens, limit, archived, contact)
}

// atLeast reports whether query returns broadMatches rows.
func atLeast(ctx context.Context, tx *sql.Tx, query string, args ...any) (bool, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n >= broadMatches, rows.Err()
}

// queryRows runs a row query; extra, when set, names additional columns to scan.
func queryRows(ctx context.Context, tx *sql.Tx, query string, extra func(*domain.AccountRow) []any, args ...any) ([]domain.AccountRow, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.AccountRow
	for rows.Next() {
		var r domain.AccountRow
		var more []any
		if extra != nil {
			more = extra(&r)
		}
		if err := scanRow(rows, &r, more...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// scanRows walks a name-ordered query and keeps the first limit rows whose
// search text matches every token, by the same rule as FTS prefix queries.
func scanRows(ctx context.Context, tx *sql.Tx, query string, tokens []string, limit int, archived bool, extra ...func(*domain.AccountRow) []any) ([]domain.AccountRow, error) {
	rows, err := tx.QueryContext(ctx, query, archived)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.AccountRow
	for rows.Next() && len(out) < limit {
		var r domain.AccountRow
		var text string
		var more []any
		if len(extra) > 0 {
			more = extra[0](&r)
		}
		if err := scanRow(rows, &r, append(more, &text)...); err != nil {
			return nil, err
		}
		if domain.MatchesPrefixes(tokens, text) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}
