package team

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"kontor/store"
	"kontor/store/xfer"
)

// TestOutboxSeesBulkImports: an activities file large enough for the import
// to write in bulk (its history triggers suspended) still leaves every row
// it writes waiting for the push.
func TestOutboxSeesBulkImports(t *testing.T) {
	t.Parallel()
	db, _ := outboxFile(t, true, 200)
	ctx := context.Background()
	before := outboxCount(t, db, "activities")
	var b strings.Builder
	b.WriteString("account_code,date,kind,subject\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, "K%04d,2026-10-%02d 09:%02d,call,Rozmowa %d\n", i%200, 1+i%28, i%60, i)
	}
	loc, err := store.NewTransfer(db).Location(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := xfer.ReadActivities("a.csv", strings.NewReader(b.String()), loc)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := store.NewTransfer(db).ImportActivities(ctx, f)
	if err != nil || sum.Created != 300 {
		t.Fatalf("import: %+v, %v", sum, err)
	}
	if got := outboxCount(t, db, "activities") - before; got != 300 {
		t.Errorf("the outbox recorded %d of the 300 activities imported", got)
	}
}

// outboxCount is the number of changes of table waiting for the push, once
// materialise has turned those waiting in the rows into the outbox's.
func outboxCount(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.WriteTx(context.Background(), func(tx *sql.Tx) error {
		if err := materialise(context.Background(), tx); err != nil {
			return err
		}
		return tx.QueryRowContext(context.Background(), `SELECT count(*) FROM team_outbox WHERE tbl = ?`, table).Scan(&n)
	}); err != nil {
		t.Fatal(err)
	}
	return n
}
