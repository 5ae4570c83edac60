package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"kontor/domain"
)

// Search keys the FTS5 indexes in name order (see migrations/0001_init.sql): a
// row's FTS rowid is name_rank<<24 | id, and name_rank never decreases along
// (name_key, id); ids stay below 2^24. FTS5 returns matches in rowid order and
// stops when told, so the first hits in name order cost a few dozen index
// entries, whether a query matches ten rows or ten thousand, and whether they
// sort early or late.
//
// A search reads the first limit+1 matches in rowid order. Where their ranks
// strictly increase, rowid order is name order and the first limit are the
// answer. Where two of them tie (a rank gap was used up by edits), the exact
// statement sorts every match up to the last rank by name_key instead.

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
	match := ftsQuery(tokens)
	var out []domain.AccountRow
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = searchKind(ctx, tx, AccountSearchSQL, nil, match, q.IncludeArchived, limit)
		if err != nil || len(out) >= limit {
			return err
		}
		more, err := searchKind(ctx, tx, ContactSearchSQL, func(r *domain.AccountRow) []any {
			r.Kind = domain.HitContact
			return []any{&r.ContactID, &r.ContactName}
		}, match, q.IncludeArchived, limit-len(out))
		out = append(out, more...)
		return err
	})
	return out, wrap("search", err)
}

// searchKind runs one kind's search statement (see above), and its exact form
// when ranks tie.
func searchKind(ctx context.Context, tx *sql.Tx, stmt searchStmt, extra func(*domain.AccountRow) []any,
	match string, archived bool, limit int) ([]domain.AccountRow, error) {
	var rowids []*int64
	out, err := queryRows(ctx, tx, stmt.First, func(r *domain.AccountRow) []any {
		var more []any
		if extra != nil {
			more = extra(r)
		}
		rowids = append(rowids, new(int64))
		return append(more, rowids[len(rowids)-1])
	}, match, archived, limit+1)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rowids))
	for i, p := range rowids {
		ids[i] = *p
	}
	if !ranksTie(ids) {
		return out[:min(len(out), limit)], nil
	}
	return queryRows(ctx, tx, stmt.Exact, extra, match, archived, limit)
}

// ranksTie reports whether two consecutive FTS rowids share a name rank.
func ranksTie(rowids []int64) bool {
	for i := 1; i < len(rowids); i++ {
		if rowids[i]>>24 == rowids[i-1]>>24 {
			return true
		}
	}
	return false
}

// searchStmt is one kind's search: First reads the first ?3 matches in rowid
// order with their rowid as the last column; Exact sorts every match up to the
// rank of the ?3rd by name. ?1 is the FTS query, ?2 whether archived accounts
// count. The benchmark runs the same text bare.
type searchStmt struct{ First, Exact string }

// CROSS JOIN keeps the FTS table the outer loop, so its rowid order serves
// ORDER BY and LIMIT stops the walk.
func newSearchStmt(fts, from, join, order, columns string) searchStmt {
	where := ` WHERE ` + fts + ` MATCH ?1 AND ` + join + ` AND (?2 OR a.archived = 0)`
	return searchStmt{
		First: `SELECT ` + columns + `, ` + fts + `.rowid FROM ` + fts + ` CROSS JOIN ` + from + where +
			` ORDER BY ` + fts + `.rowid LIMIT ?3`,
		Exact: `WITH hits AS (SELECT ` + fts + `.rowid AS r FROM ` + fts + ` CROSS JOIN ` + from + where +
			` ORDER BY ` + fts + `.rowid LIMIT ?3)
	SELECT ` + columns + ` FROM ` + fts + ` CROSS JOIN ` + from + where +
			` AND ` + fts + `.rowid < ((((SELECT max(r) FROM hits) >> 24) + 1) << 24)
	ORDER BY ` + order + ` LIMIT ?3`,
	}
}

// AccountSearchSQL finds account hits.
var AccountSearchSQL = newSearchStmt("accounts_fts", "accounts a",
	"a.id = (accounts_fts.rowid & 16777215)", "a.name_key, a.id", rowColumns)

// ContactSearchSQL finds contact hits, each with its account.
var ContactSearchSQL = newSearchStmt("contacts_fts", "contacts c CROSS JOIN accounts a",
	"c.id = (contacts_fts.rowid & 16777215) AND a.id = c.account_id", "c.name_key, c.id",
	rowColumns+`, c.id, c.first_name || ' ' || c.last_name`)

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

// rerankSearch spaces the name ranks of the tables (accounts and contacts when
// none are named) evenly in name order and rebuilds their search indexes from
// them, writing the index in ascending rowid order. Bulk writers call it after
// loading rows with the search triggers suspended, and after name keys change.
func rerankSearch(ctx context.Context, tx *sql.Tx, tables ...string) error {
	if len(tables) == 0 {
		tables = []string{"accounts", "contacts"}
	}
	for _, table := range tables {
		var n int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			return err
		}
		// Ranks stay below 2^39 so that name_rank<<24 | id fits a positive int64.
		spacing := int64(1<<39) / (n + 1)
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET name_rank = r.n * ?
			FROM (SELECT id, row_number() OVER (ORDER BY name_key, id) AS n FROM `+table+`) AS r
			WHERE `+table+`.id = r.id`, spacing); err != nil {
			return err
		}
		fts := table + "_fts"
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+fts+` (`+fts+`) VALUES ('delete-all')`); err != nil {
			return err
		}
		err := inOneSegment(ctx, tx, fts, func() error {
			_, err := tx.ExecContext(ctx, `INSERT INTO `+fts+` (rowid, search_text)
				SELECT (name_rank << 24) | id, search_text FROM `+table+` ORDER BY name_rank, id`)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// inOneSegment runs write, which inserts many rows into the FTS5 index fts,
// with FTS5 keeping up to 64 MB of terms in memory meanwhile: the rows reach
// the index as one new segment instead of one per megabyte of terms (its
// default, restored after), each of which a later write would have to merge.
func inOneSegment(ctx context.Context, tx *sql.Tx, fts string, write func() error) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO `+fts+` (`+fts+`, rank) VALUES ('hashsize', 67108864)`); err != nil {
		return err
	}
	if err := write(); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+fts+` (`+fts+`, rank) VALUES ('hashsize', 1048576)`)
	return err
}

// bulkSearch prepares tx for one statement that inserts or updates n rows of
// table (accounts or contacts), and returns what to call after it. Rows written
// in any order but name order reach the search index in falling rowid order,
// and FTS5 writes a new index segment whenever a rowid falls: a bulk write
// through the triggers would build (and merge) one segment per row. So for
// many rows the search triggers are suspended and the table reranked and
// reindexed in one pass afterwards — that pass costs about as much as a
// twentieth of the table's rows written through the triggers.
func bulkSearch(ctx context.Context, tx *sql.Tx, table string, n int) (finish func() error, err error) {
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&have); err != nil {
		return nil, err
	}
	if n < 200 || n < have/20 {
		return func() error { return nil }, nil
	}
	restore, err := suspendSearch(ctx, tx, table)
	if err != nil {
		return nil, err
	}
	return func() error {
		if err := restore(); err != nil {
			return err
		}
		return rerankSearch(ctx, tx, table)
	}, nil
}

func jsonList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(quoted, ",") + "]"
}
