package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// The same query text run again while its rows are still open (a nested
// loop over one table) gets a statement of its own: each loop reads its
// rows whole.
func TestCachedStatementWhileItsRowsAreOpen(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	const q = `SELECT value FROM generate_rows WHERE value <= ? ORDER BY value`
	err := db.WriteTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE generate_rows (value INTEGER)`); err != nil {
			return err
		}
		for i := 1; i <= 3; i++ {
			if _, err := tx.ExecContext(ctx, `INSERT INTO generate_rows VALUES (?)`, i); err != nil {
				return err
			}
		}
		outer, err := tx.QueryContext(ctx, q, 3)
		if err != nil {
			return err
		}
		defer outer.Close()
		var got []string
		for outer.Next() {
			var o int
			if err := outer.Scan(&o); err != nil {
				return err
			}
			inner, err := tx.QueryContext(ctx, q, o)
			if err != nil {
				return err
			}
			for inner.Next() {
				var i int
				if err := inner.Scan(&i); err != nil {
					return err
				}
				got = append(got, fmt.Sprintf("%d.%d", o, i))
			}
			if err := inner.Close(); err != nil {
				return err
			}
		}
		if err := outer.Err(); err != nil {
			return err
		}
		if want := "[1.1 2.1 2.2 3.1 3.2 3.3]"; fmt.Sprint(got) != want {
			t.Errorf("nested loops read %v, want %s", got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// More distinct statements than a connection keeps all run, and run right
// again after the cache was emptied to make room.
func TestCachedStatementsBeyondTheBound(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		for round := 0; round < 2; round++ {
			for i := 0; i < 600; i++ {
				var n int
				if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT %d + ?`, i), round).Scan(&n); err != nil {
					return err
				}
				if n != i+round {
					t.Fatalf("SELECT %d + %d gave %d", i, round, n)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
