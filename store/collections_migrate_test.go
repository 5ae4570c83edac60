package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"kontor/domain"
)

// TestDocumentKind: after schema 6 an activity of kind document is stored,
// read back and reopened (every connection reads the new definition), and
// the other CHECKs of the table still hold.
func TestDocumentKind(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	acc, err := NewAccountService(db).CreateAccount(ctx, domain.AccountFields{Code: "K1", Name: "Kasia", Country: "PL", Currency: "PLN"})
	if err != nil {
		t.Fatal(err)
	}
	acts := NewActivityService(db)
	f := domain.NewActivityFields(acc.ID, domain.KindDocument, time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
	f.Subject = "Wezwanie do zapłaty (1)"
	a, err := acts.CreateActivity(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := NewActivityService(db).FindActivityByID(ctx, a.ID)
	if err != nil || got.Kind != domain.KindDocument {
		t.Fatalf("read back: %+v %v", got, err)
	}
	if _, err := db.w.ExecContext(ctx, `UPDATE activities SET kind = 'visit' WHERE id = ?`, int64(a.ID)); err == nil {
		t.Error("the kind CHECK no longer holds")
	}
	var ok string
	if err := db.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity check: %s %v", ok, err)
	}
}
