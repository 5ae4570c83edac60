package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/storetest"
)

var ctx = context.Background()

// openTemp opens a fresh, migrated database in t.TempDir().
func openTemp(t *testing.T) *store.DB { return storetest.Open(t) }

// openAt opens the database at path and closes it when the test ends.
func openAt(t *testing.T, path string, opt store.Options) *store.DB {
	return storetest.OpenAt(t, path, opt)
}

// rawDB opens the file with plain database/sql, to look at rows as stored.
func rawDB(t testing.TB, db *store.DB) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+db.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// fixedClock makes the database stamp every save with the moment now points at.
func fixedClock(db *store.DB, start time.Time) *time.Time {
	now := start
	db.SetClock(func() time.Time { return now })
	return &now
}

func mustCreate(t *testing.T, s *store.AccountService, code, name, city string, set ...func(*domain.AccountFields)) *domain.Account {
	t.Helper()
	f := domain.NewAccountFields()
	f.Code, f.Name, f.City = code, name, city
	for _, fn := range set {
		fn(&f)
	}
	a, err := s.CreateAccount(ctx, f)
	if err != nil {
		t.Fatalf("create %s: %v", code, err)
	}
	return a
}

func mustContact(t *testing.T, s *store.ContactService, account domain.AccountID, first, last, email string) *domain.Contact {
	t.Helper()
	c, err := s.CreateContact(ctx, account, domain.ContactFields{FirstName: first, LastName: last, Email: email})
	if err != nil {
		t.Fatalf("create contact %s %s: %v", first, last, err)
	}
	return c
}

func withParent(code string) func(*domain.AccountFields) {
	return func(f *domain.AccountFields) { f.ParentCode = code }
}

// wantErr fails unless err is a domain error with this code and key.
func wantErr(t *testing.T, err error, code domain.Code, key string) *domain.Error {
	t.Helper()
	e, ok := domain.AsError(err)
	if !ok || e.Code != code || e.Key != key {
		t.Fatalf("error = %v (%T), want %s %s", err, err, code, key)
	}
	return e
}

// wantFieldErr fails unless err reports field with the given key.
func wantFieldErr(t *testing.T, err error, code domain.Code, field, key string) {
	t.Helper()
	e, ok := domain.AsError(err)
	if !ok || e.Code != code {
		t.Fatalf("error = %v (%T), want %s", err, err, code)
	}
	f, ok := e.Field(field)
	if !ok || f.Key != key {
		t.Fatalf("error %v: field %s = %+v, want %s", err, field, f, key)
	}
}

// fileSum is the sha256 of a file's content, to prove Kontor left it alone.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// dirNames lists the files in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func codes(rows []domain.AccountRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Code
	}
	return out
}

func names(rows []domain.AccountRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Name
	}
	return out
}
