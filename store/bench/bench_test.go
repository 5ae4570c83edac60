package bench_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store"
	"kontor/store/bench"
	"kontor/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// genDemo is the test's own copy of a demo database of the given size and
// seed, generated once for the package's tests (storetest.Demo).
func genDemo(t testing.TB, accounts int, seed int64) *store.DB {
	t.Helper()
	return storetest.Demo(t, storetest.DemoKey{Accounts: accounts, Seed: seed})
}

// searchQueries draws the search benchmark's keystrokes from db.
func searchQueries(t testing.TB, db *store.DB) []string {
	t.Helper()
	plain, err := db.OpenPlain()
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	qs, err := bench.SearchQueries(context.Background(), plain.DB())
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func TestBenchFigures(t *testing.T) {
	t.Parallel()
	db := genDemo(t, 200, 1)
	figs, err := bench.Run(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 14 {
		t.Fatalf("%d figures, want search, account view, list paging, history search, Today, timeline paging, price resolution, reprice, catalog search, open document, reprice document, orders list, receivables and dashboard", len(figs))
	}
	for _, f := range figs {
		if f.Value == nil || *f.Value <= 0 || f.Bare == nil || *f.Bare <= 0 || f.Holds == nil || f.Count == 0 {
			t.Errorf("%s: value %v bare %v holds %v count %d", f.Name, f.Value, f.Bare, f.Holds, f.Count)
			continue
		}
		if *f.Holds != (*f.Value <= f.Target) {
			t.Errorf("%s: holds %v for %.2f against %v", f.Name, *f.Holds, *f.Value, f.Target)
		}
	}
}

func TestSearchQueries(t *testing.T) {
	t.Parallel()
	db := genDemo(t, 200, 1)
	qs := searchQueries(t, db)
	var single, multi, digits, dashed int
	for _, q := range qs {
		switch {
		case strings.Contains(q, "-") && strings.Trim(q, "0123456789-") == "":
			dashed++
		case strings.Trim(q, "0123456789") == "":
			digits++
		case strings.Contains(q, " "):
			multi++
		case len([]rune(q)) == 1:
			single++
		}
	}
	if len(qs) < 200 || single == 0 || multi == 0 || digits == 0 || dashed == 0 {
		t.Errorf("%d queries: %d one letter, %d with two words, %d NIP digits, %d NIPs with dashes", len(qs), single, multi, digits, dashed)
	}
	// Keystrokes type real words: most of them find something.
	s := store.NewAccountService(db)
	found := 0
	for _, q := range qs {
		hits, err := s.SearchAccounts(context.Background(), domain.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) > 0 {
			found++
		}
	}
	if found < len(qs)*9/10 {
		t.Errorf("only %d of %d benchmark queries find anything", found, len(qs))
	}
}

func TestGenerate(t *testing.T) {
	t.Parallel()
	f, err := bench.Generate(context.Background(), t.TempDir(), 50, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Value == nil || *f.Value <= 0 || f.Unit != "s" || f.Holds == nil || !strings.Contains(f.Note, "50 accounts") {
		t.Errorf("generate figure %+v", f)
	}
}

// Benchmarks on a dataset that builds in seconds; kontorctl bench runs the
// same measurements on the large one.

func BenchmarkSearch(b *testing.B) {
	db := genDemo(b, 2000, 1)
	qs := searchQueries(b, db)
	s := store.NewAccountService(db)
	i := 0
	for b.Loop() {
		if _, err := s.SearchAccounts(context.Background(), domain.SearchQuery{Text: qs[i%len(qs)], Limit: 50}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkAccountView(b *testing.B) {
	db := genDemo(b, 2000, 1)
	ctx := context.Background()
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	i := 0
	for b.Loop() {
		id := domain.AccountID(1 + i%2000)
		if _, err := accounts.FindAccountByID(ctx, id); err != nil {
			b.Fatal(err)
		}
		if _, err := contacts.FindContacts(ctx, id); err != nil {
			b.Fatal(err)
		}
		if _, _, err := accounts.FindAccounts(ctx, domain.AccountFilter{ParentID: id, IncludeArchived: true}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkListPage(b *testing.B) {
	db := genDemo(b, 2000, 1)
	s := store.NewAccountService(db)
	i := 0
	for b.Loop() {
		if _, _, err := s.ListAccountRows(context.Background(), domain.AccountFilter{Offset: (i % 20) * 100, Limit: 100}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkDashboard(b *testing.B) {
	db := genDemo(b, 2000, 1)
	s := store.NewDashboardService(db)
	q := domain.DashboardQuery{Today: domain.NewDate(2026, 11, 27)}
	for b.Loop() {
		if _, err := s.Dashboard(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
}
