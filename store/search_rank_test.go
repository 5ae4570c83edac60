package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"kontor/domain"
)

// The search indexes are keyed by name rank (migrations/0001_init.sql). These
// tests check the rank invariant through inserts, renames, deletes and
// exhausted gaps, and that search returns exactly what a brute-force filter
// over every row returns.

type rankedRow struct {
	id, rank int64
	key      []byte
	text     string
	archived bool
}

func rankedRows(t *testing.T, db *DB, table string) []rankedRow {
	t.Helper()
	archived := "0"
	if table == "accounts" {
		archived = "archived"
	}
	rows, err := db.r.Query(`SELECT id, name_rank, name_key, search_text, ` + archived + ` FROM ` + table + ` ORDER BY name_key, id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []rankedRow
	for rows.Next() {
		var r rankedRow
		if err := rows.Scan(&r.id, &r.rank, &r.key, &r.text, &r.archived); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// checkRanks asserts that ranks never decrease in name order and that the
// search index holds exactly one entry per row, at rank<<24 | id.
func checkRanks(t *testing.T, db *DB, table string) {
	t.Helper()
	rows := rankedRows(t, db, table)
	for i := 1; i < len(rows); i++ {
		if rows[i].rank < rows[i-1].rank {
			t.Fatalf("%s: rank %d of row %d is below rank %d of row %d, which sorts before it",
				table, rows[i].rank, rows[i].id, rows[i-1].rank, rows[i-1].id)
		}
	}
	var n int
	if err := db.r.QueryRow(`SELECT count(*) FROM ` + table + `_fts`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(rows) {
		t.Fatalf("%s: %d index entries for %d rows", table, n, len(rows))
	}
	for _, r := range rows {
		var got int64
		if err := db.r.QueryRow(`SELECT rowid FROM `+table+`_fts WHERE rowid = ?`, r.rank<<24|r.id).Scan(&got); err != nil {
			t.Fatalf("%s: row %d (rank %d) not in the index: %v", table, r.id, r.rank, err)
		}
	}
}

// snapshot holds every row the brute-force search looks at.
type snapshot struct {
	accounts, contacts []rankedRow
	archived           map[int64]bool  // by account id
	accountOf          map[int64]int64 // contact id → account id
}

func takeSnapshot(t *testing.T, db *DB) *snapshot {
	t.Helper()
	s := &snapshot{accounts: rankedRows(t, db, "accounts"), contacts: rankedRows(t, db, "contacts"),
		archived: map[int64]bool{}, accountOf: map[int64]int64{}}
	for _, a := range s.accounts {
		s.archived[a.id] = a.archived
	}
	rows, err := db.r.Query(`SELECT id, account_id FROM contacts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, a int64
		if err := rows.Scan(&c, &a); err != nil {
			t.Fatal(err)
		}
		s.accountOf[c] = a
	}
	return s
}

// bruteSearch is the search rule applied to every row: accounts matching all
// tokens in name order, then contacts of visible accounts in name order.
func bruteSearch(t *testing.T, db *DB, text string, limit int, archived bool) []domain.AccountRow {
	t.Helper()
	return takeSnapshot(t, db).search(text, limit, archived)
}

func (s *snapshot) search(text string, limit int, archived bool) []domain.AccountRow {
	tokens := searchTokens(text)
	out := []domain.AccountRow{}
	if len(tokens) == 0 {
		return out
	}
	for _, r := range s.accounts {
		if len(out) < limit && (archived || !r.archived) && domain.MatchesPrefixes(tokens, r.text) {
			out = append(out, domain.AccountRow{Kind: domain.HitAccount, AccountID: domain.AccountID(r.id)})
		}
	}
	for _, r := range s.contacts {
		acc := s.accountOf[r.id]
		if len(out) < limit && (archived || !s.archived[acc]) && domain.MatchesPrefixes(tokens, r.text) {
			out = append(out, domain.AccountRow{Kind: domain.HitContact, AccountID: domain.AccountID(acc), ContactID: domain.ContactID(r.id)})
		}
	}
	return out
}

func searchIDs(t *testing.T, s *AccountService, text string, limit int, archived bool) []domain.AccountRow {
	t.Helper()
	hits, err := s.SearchAccounts(context.Background(), domain.SearchQuery{Text: text, Limit: limit, IncludeArchived: archived})
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	out := []domain.AccountRow{}
	for _, h := range hits {
		out = append(out, domain.AccountRow{Kind: h.Kind, AccountID: h.AccountID, ContactID: h.ContactID})
	}
	return out
}

func openRankTest(t *testing.T) (*DB, *AccountService, *ContactService) {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "rank.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, NewAccountService(db), NewContactService(db)
}

func TestSearchRanksThroughEdits(t *testing.T) {
	db, accounts, contacts := openRankTest(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	words := []string{"Łąka", "Lasek", "Żaba", "Zając", "Ćma", "Cis", "Hurtownia", "Hurt", "Śruba", "Sad", "Ąb", "Ab"}
	var ids []domain.AccountID
	for i := 0; i < 120; i++ {
		f := domain.NewAccountFields()
		// Duplicate names are common, so ties in name_key are broken by id.
		f.Code, f.Name, f.City = fmt.Sprintf("K%03d", i), words[r.IntN(len(words))]+" "+words[r.IntN(len(words))], "Łódź"
		a, err := accounts.CreateAccount(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
		for k := r.IntN(3); k > 0; k-- {
			if _, err := contacts.CreateContact(ctx, a.ID, domain.ContactFields{FirstName: words[r.IntN(len(words))], LastName: words[r.IntN(len(words))]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := 0; i < 40; i++ {
		a, err := accounts.FindAccountByID(ctx, ids[r.IntN(len(ids))])
		if err != nil {
			t.Fatal(err)
		}
		f := a.AccountFields
		f.Name = words[r.IntN(len(words))] + " " + a.Name
		if _, err := accounts.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 10; i++ {
		_ = accounts.DeleteAccount(ctx, ids[r.IntN(len(ids))]) // some are gone already
		if _, err := accounts.SetAccountArchived(ctx, ids[r.IntN(len(ids))], true); err != nil && domain.ErrorCode(err) != domain.ENotFound {
			t.Fatal(err)
		}
	}
	checkRanks(t, db, "accounts")
	checkRanks(t, db, "contacts")
	for _, q := range []string{"l", "la", "ł", "z", "ż", "zab", "hurt", "hurtownia h", "a", "c", "ć", "s", "k0", "lodz", "ab sad"} {
		for _, limit := range []int{1, 7, 50} {
			for _, archived := range []bool{false, true} {
				got, want := searchIDs(t, accounts, q, limit, archived), bruteSearch(t, db, q, limit, archived)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("search %q limit %d archived %v:\n got %v\nwant %v", q, limit, archived, got, want)
				}
			}
		}
	}
}

// TestSearchRanksExhaustedGap inserts names that all fall into one gap until
// it is used up: ranks then tie, and search order must still be exact.
func TestSearchRanksExhaustedGap(t *testing.T) {
	db, accounts, _ := openRankTest(t)
	ctx := context.Background()
	mk := func(code, name string) {
		f := domain.NewAccountFields()
		f.Code, f.Name = code, name
		if _, err := accounts.CreateAccount(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	mk("A", "Alfa")
	mk("Z", "Zeta")
	// Each name sorts just after the previous one and before Zeta: the gap halves each time.
	for i := 0; i < 70; i++ {
		mk(fmt.Sprintf("M%02d", i), "Mewa "+string(rune('a'+i/26))+string(rune('a'+i%26)))
	}
	// And each of these just before the previous one.
	for i := 0; i < 70; i++ {
		mk(fmt.Sprintf("N%02d", i), "Mewa "+string(rune('z'-i/26))+string(rune('z'-i%26))+" bis")
	}
	checkRanks(t, db, "accounts")
	rows := rankedRows(t, db, "accounts")
	ties := 0
	for i := 1; i < len(rows); i++ {
		if rows[i].rank == rows[i-1].rank {
			ties++
		}
	}
	if ties == 0 {
		t.Fatal("the test meant to exhaust a gap, but no ranks tie")
	}
	for _, q := range []string{"mewa", "mewa b", "m", "mewa c", "bis"} {
		for _, limit := range []int{3, 50} {
			if got, want := searchIDs(t, accounts, q, limit, false), bruteSearch(t, db, q, limit, false); !reflect.DeepEqual(got, want) {
				t.Errorf("search %q limit %d with tied ranks:\n got %v\nwant %v", q, limit, got, want)
			}
		}
	}
	// Reranking spaces them out again.
	if err := db.write(ctx, func(tx *sql.Tx) error { return rerankSearch(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	checkRanks(t, db, "accounts")
	rows = rankedRows(t, db, "accounts")
	for i := 1; i < len(rows); i++ {
		if rows[i].rank == rows[i-1].rank {
			t.Fatalf("ranks still tie after rerankSearch: %d", rows[i].rank)
		}
	}
	if got, want := searchIDs(t, accounts, "mewa", 50, false), bruteSearch(t, db, "mewa", 50, false); !reflect.DeepEqual(got, want) {
		t.Errorf("after rerank:\n got %v\nwant %v", got, want)
	}
}

// TestSearchMatchesBruteForceOnDemo compares search with the brute-force rule
// on generated data, for the benchmark's own keystrokes.
func TestSearchMatchesBruteForceOnDemo(t *testing.T) {
	t.Parallel()
	db := openDemo(t, 400, 9)
	accounts := NewAccountService(db)
	ctx := context.Background()
	checkRanks(t, db, "accounts")
	checkRanks(t, db, "contacts")
	queries, err := SearchBenchQueries(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(queries)
	snap := takeSnapshot(t, db)
	for i, q := range queries {
		if i > 0 && q == queries[i-1] {
			continue
		}
		if got, want := searchIDs(t, accounts, q, 50, false), snap.search(q, 50, false); !reflect.DeepEqual(got, want) {
			t.Errorf("search %q:\n got %v\nwant %v", q, got, want)
		}
	}
}

// TestBulkSearch writes many rows in one statement the way imports do, with
// the search triggers suspended, and checks the index afterwards; then a few
// rows through the triggers.
func TestBulkSearch(t *testing.T) {
	db, accounts, _ := openRankTest(t)
	ctx := context.Background()
	for _, n := range []int{400, 3} {
		err := db.write(ctx, func(tx *sql.Tx) error {
			reindex, err := bulkSearch(ctx, tx, "accounts", n)
			if err != nil {
				return err
			}
			base := 0
			if err := tx.QueryRow(`SELECT count(*) FROM accounts`).Scan(&base); err != nil {
				return err
			}
			stmt, err := tx.Prepare(insertAccountSQL)
			if err != nil {
				return err
			}
			defer stmt.Close()
			r := rand.New(rand.NewPCG(uint64(n), 1))
			for i := 0; i < n; i++ {
				f := domain.NewAccountFields()
				f.Code = fmt.Sprintf("B%04d", base+i)
				f.Name = fmt.Sprintf("%s %d", []string{"Żuraw", "Łoś", "Alfa", "Sowa"}[r.IntN(4)], r.IntN(1000))
				if _, err := stmt.Exec(accountInsertArgs(&f, nil, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")...); err != nil {
					return err
				}
			}
			return reindex()
		})
		if err != nil {
			t.Fatal(err)
		}
		checkRanks(t, db, "accounts")
	}
	var triggers int
	if err := db.r.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'accounts' AND name LIKE 'accounts\_search\_%' ESCAPE '\'`).Scan(&triggers); err != nil || triggers != 3 {
		t.Fatalf("%d triggers on accounts after a bulk write (%v), want the 3 search triggers back", triggers, err)
	}
	for _, q := range []string{"lo", "zuraw 1", "a", "sowa", "b0"} {
		if got, want := searchIDs(t, accounts, q, 50, false), bruteSearch(t, db, q, 50, false); !reflect.DeepEqual(got, want) {
			t.Errorf("search %q after bulk writes:\n got %v\nwant %v", q, got, want)
		}
	}
}

// TestSearchAfterNameKeyRefresh reopens a database whose sort keys were
// written by other collation tables: the keys are rebuilt, and the search
// ranks and index with them.
func TestSearchAfterNameKeyRefresh(t *testing.T) {
	t.Parallel()
	db := openDemo(t, 150, 4)
	ctx := context.Background()
	// Pretend the keys came from older tables, and scramble them the way a
	// different collation might order rows.
	if _, err := db.w.Exec(`UPDATE settings SET value = 'old' WHERE key = 'name_key_version'`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.Exec(`UPDATE accounts SET name_key = randomblob(8); UPDATE contacts SET name_key = randomblob(8)`); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stale int
	rows, err := db.r.Query(`SELECT name, name_key FROM accounts`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var key []byte
		if err := rows.Scan(&name, &key); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(key, nameKey(name)) {
			stale++
		}
	}
	rows.Close()
	if stale > 0 {
		t.Fatalf("%d accounts kept their old sort keys", stale)
	}
	checkRanks(t, db, "accounts")
	checkRanks(t, db, "contacts")
	accounts := NewAccountService(db)
	for _, q := range []string{"h", "sp", "ko", "wa", "p.h.u", "lod"} {
		if got, want := searchIDs(t, accounts, q, 50, false), bruteSearch(t, db, q, 50, false); !reflect.DeepEqual(got, want) {
			t.Errorf("search %q after the refresh:\n got %v\nwant %v", q, got, want)
		}
	}
	var triggers int
	if err := db.r.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('accounts', 'contacts') AND name LIKE '%_search_%'`).Scan(&triggers); err != nil || triggers != 6 {
		t.Errorf("%d triggers after the refresh (%v), want the 6 search triggers", triggers, err)
	}
}
