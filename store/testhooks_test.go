package store

import (
	"context"
	"testing"
)

// Hooks into the packages built on the store, which this package's internal
// tests cannot import (they import the store): testhooks_ext_test.go, an
// external test file of this package, sets them before any test runs.

// SearchBenchQueries is store/bench's search keystrokes drawn from db.
var SearchBenchQueries func(ctx context.Context, db *DB) ([]string, error)

// DemoPath is the path of the test's own copy of a demo database of that size
// and seed (storetest.DemoPath): generated once for this package's tests.
var DemoPath func(t testing.TB, accounts int, seed int64) string

// openDemo opens the test's own copy of a shared demo database, closed when
// the test ends.
func openDemo(t *testing.T, accounts int, seed int64) *DB {
	t.Helper()
	db, err := Open(context.Background(), DemoPath(t, accounts, seed), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
