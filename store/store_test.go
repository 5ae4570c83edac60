package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"kontor/domain"
	"kontor/store"
)

// openTemp opens a fresh database in t.TempDir().
func openTemp(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kontor.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustCreate(t *testing.T, s *store.AccountService, code, name, city string, set ...func(*domain.AccountFields)) *domain.Account {
	t.Helper()
	f := domain.NewAccountFields()
	f.Code, f.Name, f.City = code, name, city
	for _, fn := range set {
		fn(&f)
	}
	a, err := s.CreateAccount(context.Background(), f)
	if err != nil {
		t.Fatalf("create %s: %v", code, err)
	}
	return a
}

func TestSmokeSearchFolded(t *testing.T) {
	db := openTemp(t)
	s := store.NewAccountService(db)
	mustCreate(t, s, "K1", "Hurtownia Łódź Sp. z o.o.", "Łódź")
	mustCreate(t, s, "K2", "Zakład Müller", "Poznań")
	for q, want := range map[string]string{"lodz": "K1", "zaklad": "K2", "muller": "K2", "hurt lod": "K1"} {
		hits, err := s.SearchAccounts(context.Background(), domain.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Code != want {
			t.Errorf("search %q = %+v, want %s", q, hits, want)
		}
	}
}
