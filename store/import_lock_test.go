package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"kontor/store/xfer"
)

// TestImportChecksWithoutTheLock: an import held the write lock through its
// whole check (12.7 s for 120k order lines, past the app's 5 s busy
// timeout, so its saves failed meanwhile). The check now runs on
// a snapshot: another writer saves while it runs, and what it saved is seen
// by a second check, under the lock, before anything is applied.
func TestImportChecksWithoutTheLock(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kontor.db")
	db, err := Open(ctx, path, Options{BusyTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := Open(ctx, path, Options{BusyTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	count := func(tx *sql.Tx) int {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM settings WHERE key LIKE 'test.%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	save := func(key string) error {
		return other.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, 'x')`, key)
			return err
		})
	}
	tr := NewTransfer(db)
	var seen []int
	checking := make(chan struct{})
	proceed := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- tr.importRun(ctx, xfer.AccountSchema, nil, func(tx *sql.Tx) (xfer.Errors, error) {
			seen = append(seen, count(tx))
			if len(seen) == 1 {
				close(checking)
				<-proceed // a long check
			}
			return nil, nil
		}, func(b *Bulk) error {
			_, err := b.tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('test.applied', 'x')`)
			return err
		})
	}()
	<-checking
	// Another program saves while the file is checked: no wait for the import.
	start := time.Now()
	if err := save("test.meanwhile"); err != nil {
		t.Fatalf("a save during the check failed: %v", err)
	}
	if waited := time.Since(start); waited > 250*time.Millisecond {
		t.Errorf("a save during the check waited %v", waited)
	}
	close(proceed)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// The first check saw the snapshot; the save made it check again, under the lock.
	if len(seen) != 2 || seen[0] != 0 || seen[1] != 1 {
		t.Errorf("the checks saw %v rows, want [0 1]: a check before the save and one after it", seen)
	}
	// With nothing saved meanwhile, one check is enough.
	seen = nil
	if err := tr.importRun(ctx, xfer.AccountSchema, nil, func(tx *sql.Tx) (xfer.Errors, error) {
		seen = append(seen, count(tx))
		return nil, nil
	}, func(b *Bulk) error { return nil }); err != nil || len(seen) != 1 {
		t.Errorf("checks %v, %v", seen, err)
	}
}
