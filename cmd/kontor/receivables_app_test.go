package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/demo"
	"kontor/ui"
)

// TestReceivablesWiring runs the real services behind the shell's deps on a
// small demo database: the list has open balances whose totals add up, and
// the printer writes a month of statements as whole PDFs.
func TestReceivablesWiring(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "k.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	if err := demo.Generate(ctx, db, demo.Options{Accounts: 12, Seed: 3, Now: now}, nil); err != nil {
		t.Fatal(err)
	}
	var d ui.Deps
	receivablesDeps(db, &d)
	rows, total, err := d.Receivables.FindReceivables(ctx, domain.ReceivablesFilter{AsOf: domain.DateOf(now)})
	if err != nil || len(rows) == 0 {
		t.Fatalf("receivables: %d rows, %v", len(rows), err)
	}
	var sum domain.Aging
	for _, r := range rows {
		sum.Add(r.Aging)
	}
	if sum != total {
		t.Errorf("totals %+v, rows add up to %+v", total, sum)
	}
	dir := t.TempDir()
	res, err := d.Statements.PrintBatch(ctx, domain.Month{Year: 2026, Month: 10}, domain.StatementFiles, dir, "pl", nil)
	if err != nil || res.Written == 0 || len(res.Failures) != 0 {
		t.Fatalf("batch: %+v, %v", res, err)
	}
	data, err := os.ReadFile(res.Paths[0])
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Errorf("%s is not a PDF (%v)", res.Paths[0], err)
	}
}
