package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kontor/domain"
)

// TestMigrateMoments opens a schema 5 database whose moments were written
// with fractions of a second (nanoseconds with trailing zeros dropped, and
// the customer groups' milliseconds): migration 9 cuts them to the second in
// the one fixed-width form, so that text order is time order, and the group
// triggers write that form from then on.
func TestMigrateMoments(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kontor.db")
	schemaAt(t, path, 5,
		// A3 was created first, then A1, then A2 half a second later; as text
		// the old forms sort A2 (…:05.5Z) before A1 (…:05Z).
		`INSERT INTO accounts (id, code, name, name_key, search_text, customer_group, created_at, updated_at) VALUES
			(1, 'A1', 'Alfa', x'00', 'a1 alfa', 'Hurt', '2026-03-01T08:00:05Z', '2026-03-02T09:30:00.123456789Z'),
			(2, 'A2', 'Beta', x'00', 'a2 beta', '', '2026-03-01T08:00:05.5Z', '2026-03-01T08:00:05.5Z'),
			(3, 'A3', 'Gamma', x'00', 'a3 gamma', '', '2026-03-01T08:00:04.75Z', '2026-03-01T08:00:04.75Z')`,
		`INSERT INTO payments (id, account_id, paid_on, amount_minor, reference, unapplied_minor, created_at)
			VALUES (1, 1, '2026-03-03', 1000, '', 1000, '2026-03-03T11:00:00.000001Z')`,
	)
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	text := func(q string) []string {
		t.Helper()
		var out []string
		if err := EachRow(ctx, db.r, q, func(rows *sql.Rows) error {
			var s string
			err := rows.Scan(&s)
			out = append(out, s)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got, want := text(`SELECT created_at || ' ' || updated_at FROM accounts ORDER BY created_at, id`), []string{
		"2026-03-01T08:00:04Z 2026-03-01T08:00:04Z", "2026-03-01T08:00:05Z 2026-03-02T09:30:00Z",
		"2026-03-01T08:00:05Z 2026-03-01T08:00:05Z",
	}; !slices.Equal(got, want) {
		t.Errorf("accounts' moments in text order after the migration: %q, want %q (A3, A1, A2)", got, want)
	}
	if got := text(`SELECT created_at FROM payments`); !slices.Equal(got, []string{"2026-03-03T11:00:00Z"}) {
		t.Errorf("payment's moment after the migration: %q", got)
	}
	// The group the old trigger made, and one the new trigger makes.
	f := domain.NewAccountFields()
	f.Code, f.Name, f.CustomerGroup = "A4", "Delta", "Detal"
	if _, err := NewAccountService(db).CreateAccount(ctx, f); err != nil {
		t.Fatal(err)
	}
	groups := text(`SELECT created_at FROM customer_groups ORDER BY id`)
	for _, at := range groups {
		if _, err := time.Parse(momentLayout, at); err != nil || len(at) != len(momentLayout) {
			t.Errorf("customer group created at %q, not in the fixed form", at)
		}
	}
	if len(groups) != 2 {
		t.Errorf("customer groups %q, want Hurt and Detal", groups)
	}
	a, err := NewAccountService(db).FindAccountByID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC); !a.UpdatedAt.Equal(want) {
		t.Errorf("A1 updated at %v, want %v", a.UpdatedAt, want)
	}
}

// TestMoments: a moment is written to the second in the fixed form, whatever
// fraction the clock has, and the old forms with fractions are read.
func TestMoments(t *testing.T) {
	at := time.Date(2026, 3, 1, 8, 0, 5, 750_000_000, time.FixedZone("CET", 3600))
	if got := moment(at); got != "2026-03-01T07:00:05Z" {
		t.Errorf("moment(%v) = %q", at, got)
	}
	for in, want := range map[string]time.Time{
		"2026-03-01T07:00:05Z":           time.Date(2026, 3, 1, 7, 0, 5, 0, time.UTC),
		"2026-03-01T07:00:05.5Z":         time.Date(2026, 3, 1, 7, 0, 5, 500_000_000, time.UTC),
		"2026-12-06T07:50:55.205Z":       time.Date(2026, 12, 6, 7, 50, 55, 205_000_000, time.UTC),
		"2026-03-01T07:00:05.123456789Z": time.Date(2026, 3, 1, 7, 0, 5, 123456789, time.UTC),
		"":                               {},
	} {
		if got, err := storedMoment(in); err != nil || !got.Equal(want) {
			t.Errorf("storedMoment(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"2026-03-01", "yesterday", "2026-03-01 07:00:05"} {
		if got, err := storedMoment(in); err == nil {
			t.Errorf("storedMoment(%q) = %v, want an error", in, got)
		}
	}
}
