// Package storetest gives tests in every package what they need of a Kontor
// database without paying for it again in each test: a migrated empty file is
// built once per test binary and copied, which under the race detector is
// about fifty times cheaper than running every migration for each test.
package storetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kontor/store"
)

var template struct {
	once  sync.Once
	bytes []byte
	err   error
}

// templateBytes is the content of a freshly migrated, empty database, closed
// cleanly (no write-ahead log beside it), made on first use.
func templateBytes() ([]byte, error) {
	template.once.Do(func() {
		dir, err := os.MkdirTemp("", "kontor-template-")
		if err != nil {
			template.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "template.db")
		db, err := store.Open(context.Background(), path, store.Options{})
		if err != nil {
			template.err = fmt.Errorf("template database: %w", err)
			return
		}
		if err := db.Close(); err != nil {
			template.err = fmt.Errorf("close template database: %w", err)
			return
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			template.err = fmt.Errorf("template database: its write-ahead log outlived Close")
			return
		}
		template.bytes, template.err = os.ReadFile(path)
	})
	return template.bytes, template.err
}

// Path writes a new, migrated, empty Kontor database into t.TempDir() and
// returns its path; nothing has it open.
func Path(t testing.TB) string {
	t.Helper()
	return PathIn(t, t.TempDir(), "kontor.db")
}

// PathIn is Path with the folder and file name chosen by the test.
func PathIn(t testing.TB, dir, name string) string {
	t.Helper()
	b, err := templateBytes()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Open opens a new, migrated, empty database in t.TempDir() and closes it when
// the test ends.
func Open(t testing.TB) *store.DB {
	t.Helper()
	return OpenAt(t, Path(t), store.Options{})
}

// OpenAt opens the database at path and closes it when the test ends.
func OpenAt(t testing.TB, path string, opt store.Options) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path, opt)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
