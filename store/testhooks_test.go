package store

import "context"

// Hooks into the packages built on the store, which this package's internal
// tests cannot import (they import the store): testhooks_ext_test.go, an
// external test file of this package, sets them before any test runs.

// SearchBenchQueries is store/bench's search keystrokes drawn from db.
var SearchBenchQueries func(ctx context.Context, db *DB) ([]string, error)
