package store

import (
	"context"
	"time"
)

// Hooks into the packages built on the store, which this package's internal
// tests cannot import (they import the store): testhooks_ext_test.go, an
// external test file of this package, sets them before any test runs.

// SearchBenchQueries is store/bench's search keystrokes drawn from db.
var SearchBenchQueries func(ctx context.Context, db *DB) ([]string, error)

// DemoOptions are store/demo's Options.
type DemoOptions struct {
	Accounts int
	Seed     int64
	Now      time.Time
}

// GenerateDemo is store/demo's Generate.
var GenerateDemo func(ctx context.Context, db *DB, opt DemoOptions, progress func(done, total int)) error

// GenerateDemo fills db with store/demo's data.
func (db *DB) GenerateDemo(ctx context.Context, opt DemoOptions, progress func(done, total int)) error {
	return GenerateDemo(ctx, db, opt, progress)
}
