package demo_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store"
	"kontor/store/demo"
	"kontor/store/storetest"
)

var ctx = context.Background()

// demoNow pins the generator's calendar so runs compare row for row: the
// day the shared demo files are made on.
var demoNow = storetest.DemoNow

// contentAccounts is the size of the one demo the content tests share: large
// enough for a key account (250) and for the shares they check.
const contentAccounts = 500

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// openTemp opens a new database, closed when the test ends.
func openTemp(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// genDemo is the test's own copy of the demo of that size and seed, generated
// once for the tests of this package (storetest.Demo).
func genDemo(t testing.TB, accounts int, seed int64) *store.DB {
	t.Helper()
	return storetest.Demo(t, storetest.DemoKey{Accounts: accounts, Seed: seed})
}

// genDemoAgain is a second, independent generation with the same options.
func genDemoAgain(t testing.TB, accounts int, seed int64) *store.DB {
	t.Helper()
	return storetest.Demo(t, storetest.DemoKey{Accounts: accounts, Seed: seed, Instance: 1})
}

// addAccount saves an account as a user would, through the service.
func addAccount(t *testing.T, s *store.AccountService, code, name, city string) {
	t.Helper()
	f := domain.NewAccountFields()
	f.Code, f.Name, f.City = code, name, city
	if _, err := s.CreateAccount(ctx, f); err != nil {
		t.Fatalf("create %s: %v", code, err)
	}
}

// rawDB is a read-only pool on the file, to look at rows as stored.
func rawDB(t testing.TB, db *store.DB) *sql.DB {
	t.Helper()
	plain, err := db.OpenPlain()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { plain.Close() })
	plain.DB().SetMaxOpenConns(4)
	return plain.DB()
}

// dumpRows renders every row each query returns, one line a row.
func dumpRows(t *testing.T, raw *sql.DB, queries ...string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range queries {
		rows, err := raw.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

// dump renders every row of the demo tables, in id order.
func dump(t *testing.T, raw *sql.DB) string {
	t.Helper()
	return dumpRows(t, raw, []string{
		`SELECT id, code, name, hex(name_key), tax_id, street, postal_code, city, country, ship_street, ship_postal_code,
			ship_city, phone, email, currency, terms_days, terms_eom, credit_limit_minor, customer_group,
			coalesce(parent_id, 0), owner, notes, archived, search_text, created_at, updated_at FROM accounts ORDER BY id`,
		`SELECT id, account_id, first_name, last_name, role, email, phone, search_text, created_at FROM contacts ORDER BY id`,
		historyDump,            // the activities and what is derived from them (demo_activities_test.go)
		ordersDump, quotesDump, // the orders and quotes with their lines (demo_orders_test.go)
		`SELECT * FROM invoices ORDER BY id`, `SELECT * FROM payments ORDER BY id`, // receivables (demo_invoices.go)
		`SELECT * FROM settlements ORDER BY rowid`,
	}...)
}

func TestDemoDeterministic(t *testing.T) {
	t.Parallel()
	a := dump(t, rawDB(t, genDemo(t, 150, 7)))
	b := dump(t, rawDB(t, genDemoAgain(t, 150, 7)))
	if a != b {
		t.Fatal("two runs with the same seed and size differ")
	}
	if c := dump(t, rawDB(t, genDemo(t, 150, 8))); c == a {
		t.Fatal("another seed made the same data")
	}
}

func TestDemoContent(t *testing.T) {
	t.Parallel()
	const n = contentAccounts
	db := genDemo(t, n, 1)
	raw := rawDB(t, db)
	ctx := context.Background()
	accounts, _, err := store.NewAccountService(db).FindAccounts(ctx, domain.AccountFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts) != n {
		t.Fatalf("%d accounts, want %d", len(accounts), n)
	}
	postal := regexp.MustCompile(`^\d{2}-\d{3}$`)
	codes := map[string]bool{}
	var branches, foreign, archived, diacritics, withLegalForm int
	for _, a := range accounts {
		if codes[strings.ToUpper(a.Code)] {
			t.Errorf("code %s used twice", a.Code)
		}
		codes[strings.ToUpper(a.Code)] = true
		// Every generated account passes the same validation a user's would.
		f := a.AccountFields
		if err := f.Validate(); err != nil {
			t.Errorf("%s: %v", a.Code, err)
		}
		if a.Country == "PL" {
			if _, err := domain.NormalizeNIP(a.TaxID); err != nil || len(a.TaxID) != 10 {
				t.Errorf("%s: NIP %q: %v", a.Code, a.TaxID, err)
			}
			if !postal.MatchString(a.PostalCode) {
				t.Errorf("%s: postal code %q", a.Code, a.PostalCode)
			}
		} else {
			foreign++
			if a.TaxID == "" || !strings.HasPrefix(a.TaxID, a.Country) {
				t.Errorf("%s: foreign tax ID %q", a.Code, a.TaxID)
			}
		}
		if strings.ContainsAny(a.Name, "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ") {
			diacritics++
		}
		for _, lf := range []string{"Sp. z o.o.", "S.A.", "sp.j.", "sp.k.", "s.c.", "GmbH", "s.r.o.", "UAB"} {
			if strings.Contains(a.Name, lf) {
				withLegalForm++
				break
			}
		}
		if a.ParentID != 0 {
			branches++
			var parentName string
			if err := raw.QueryRow(`SELECT name FROM accounts WHERE id = ?`, int64(a.ParentID)).Scan(&parentName); err != nil {
				t.Fatalf("%s: parent %d: %v", a.Code, a.ParentID, err)
			}
			if !strings.HasPrefix(a.Name, parentName+" — Oddział ") || a.ParentCode == "" {
				t.Errorf("branch %q of %q (%s)", a.Name, parentName, a.ParentCode)
			}
		}
		if a.Archived {
			archived++
		}
	}
	share := func(k int) float64 { return float64(k) / n }
	if s := share(branches); s < 0.07 || s > 0.13 {
		t.Errorf("branches: %.1f%%, want about 10%%", 100*s)
	}
	if foreign == 0 || archived == 0 {
		t.Errorf("foreign %d, archived %d: want a few of each", foreign, archived)
	}
	if s := share(diacritics); s < 0.3 {
		t.Errorf("only %.0f%% of names have Polish diacritics", 100*s)
	}
	if s := share(withLegalForm); s < 0.5 {
		t.Errorf("only %.0f%% of names have a legal form", 100*s)
	}

	var contacts, badEmail, femaleSki int
	rows, err := raw.Query(`SELECT first_name, last_name, email FROM contacts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var first, last, email string
		if err := rows.Scan(&first, &last, &email); err != nil {
			t.Fatal(err)
		}
		contacts++
		if email != "" && !domain.ValidEmail(email) {
			badEmail++
		}
		// A woman's surname takes the feminine form: Kowalska, not Kowalski.
		if strings.HasSuffix(first, "a") && first != "Kuba" && (strings.HasSuffix(last, "ski") || strings.HasSuffix(last, "cki")) {
			femaleSki++
		}
	}
	if contacts < 2*n || contacts > 4*n {
		t.Errorf("%d contacts for %d accounts, want about 3 each", contacts, n)
	}
	if badEmail > 0 || femaleSki > 0 {
		t.Errorf("%d malformed e-mails, %d women with masculine surnames", badEmail, femaleSki)
	}
}

func TestDemoSearchFindsGeneratedData(t *testing.T) {
	t.Parallel()
	db := genDemo(t, contentAccounts, 1)
	s := store.NewAccountService(db)
	ctx := context.Background()
	a, err := s.FindAccountByID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The folded first word of the name and the city find the account.
	q := domain.FoldTokens(a.Name)[0] + " " + domain.FoldTokens(a.City)[0][:3]
	hits, err := s.SearchAccounts(ctx, domain.SearchQuery{Text: q, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		found = found || h.AccountID == a.ID
	}
	if !found {
		t.Errorf("search %q does not find %s %q", q, a.Code, a.Name)
	}
	// The generator rebuilds the search index in one pass; afterwards saves
	// must keep it in step again.
	addAccount(t, s, "NEW-1", "Zakład Źdźbło", "Kraków")
	hits, err = s.SearchAccounts(ctx, domain.SearchQuery{Text: "zdzb"})
	if err != nil || len(hits) != 1 || hits[0].Code != "NEW-1" {
		t.Errorf("search for an account saved after the demo: %v %+v", err, hits)
	}
}

func TestDemoRefusesNonEmptyDatabase(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	addAccount(t, store.NewAccountService(db), "K1", "Firma", "Łódź")
	err := demo.Generate(ctx, db, demo.Options{Accounts: 10, Seed: 1, Now: demoNow}, nil)
	if domain.ErrorCode(err) != domain.EInvalid || !strings.Contains(err.Error(), db.Path()) {
		t.Fatalf("demo into a database with accounts: %v, want EInvalid naming the file", err)
	}
	n, _, _ := store.NewAccountService(db).FindAccounts(context.Background(), domain.AccountFilter{})
	if len(n) != 1 {
		t.Fatalf("%d accounts after the refusal, want the 1 there was", len(n))
	}
}

func TestDemoProgress(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	var last, calls int
	err := demo.Generate(ctx, db, demo.Options{Accounts: 50, Seed: 1, Now: demoNow}, func(done, total int) {
		if done < last || done > total {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last, calls = done, calls+1
		if total <= 0 {
			t.Errorf("total %d", total)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 2 {
		t.Errorf("progress called %d times", calls)
	}
}

func BenchmarkGenerateDemo(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		db, err := store.Open(ctx, filepath.Join(b.TempDir(), "demo.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := demo.Generate(ctx, db, demo.Options{Accounts: 2000, Seed: 1, Now: demoNow}, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

func TestDemoCancelledLeavesNothing(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := demo.Generate(ctx, db, demo.Options{Accounts: 600, Seed: 1, Now: demoNow}, func(done, total int) {
		if done > total/3 {
			cancel() // midway through the activities
		}
	})
	if err == nil {
		t.Fatal("a cancelled generation reported success")
	}
	s := store.NewAccountService(db)
	if list, _, err := s.FindAccounts(context.Background(), domain.AccountFilter{IncludeArchived: true}); err != nil || len(list) != 0 {
		t.Fatalf("after a cancelled generation: %d accounts (%v), want none", len(list), err)
	}
	// The search triggers are in place again: a save is found.
	addAccount(t, s, "K1", "Żuraw", "Łódź")
	if hits, err := s.SearchAccounts(context.Background(), domain.SearchQuery{Text: "zuraw"}); err != nil || len(hits) != 1 {
		t.Fatalf("search after a cancelled generation: %v %v", hits, err)
	}
}
