package team

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/storetest"
)

// outboxFile is a file with accounts accounts, joined (outbox triggers
// installed, no server needed) or not.
func outboxFile(b testing.TB, joined bool, accounts int) (*store.DB, []domain.AccountID) {
	b.Helper()
	db := storetest.Open(b)
	svc := store.NewAccountService(db)
	var ids []domain.AccountID
	for i := 0; i < accounts; i++ {
		a, err := svc.CreateAccount(context.Background(), domain.AccountFields{Code: fmt.Sprintf("K%04d", i), Name: fmt.Sprintf("Firma %d", i),
			Country: "PL", Currency: "PLN", PaymentTerms: domain.PaymentTerms{Days: 30}})
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	if joined {
		if err := db.WriteTx(context.Background(), func(tx *sql.Tx) error { return install(context.Background(), tx) }); err != nil {
			b.Fatal(err)
		}
	}
	return db, ids
}

// outboxWrites are the store's own write paths the outbox rides on.
var outboxWrites = map[string]func(db *store.DB, ids []domain.AccountID, i int) error{
	"log-activity": func(db *store.DB, ids []domain.AccountID, i int) error {
		_, err := store.NewActivityService(db).CreateActivity(context.Background(), domain.ActivityFields{AccountID: ids[i%len(ids)],
			Kind: domain.KindCall, OccurredAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
			Subject: "Rozmowa o dostawie", Notes: "Klient pyta o termin i rabat"})
		return err
	},
	"update-account": func(db *store.DB, ids []domain.AccountID, i int) error {
		svc := store.NewAccountService(db)
		a, err := svc.FindAccountByID(context.Background(), ids[i%len(ids)])
		if err != nil {
			return err
		}
		a.Notes = fmt.Sprint("uwagi ", i)
		_, err = svc.UpdateAccount(context.Background(), a.ID, domain.AccountUpdate{AccountFields: a.AccountFields, Version: a.Version})
		return err
	},
}

// BenchmarkOutbox times the store's write paths on a joined file beside the
// same writes on a file without the outbox (compareWrites: alternating
// slices, CPU time, the median ratio); outbox-% is the cost (the target: at
// most 10 %). The µs are CPU time per write where it is measured. There is
// an account for every write, so that each edit is an account's first since
// a push, which is the one the outbox pays for (kept.go).
func BenchmarkOutbox(b *testing.B) {
	for name, write := range outboxWrites {
		b.Run(name, func(b *testing.B) {
			bare, bareIDs := outboxFile(b, false, max(b.N, 200))
			joined, joinedIDs := outboxFile(b, true, max(b.N, 200))
			b.ResetTimer()
			cmp, err := compareWrites(b.N,
				func(i int) error { return write(bare, bareIDs, i) },
				func(i int) error { return write(joined, joinedIDs, i) })
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(cmp.bare.Microseconds()), "bare-µs/op")
			b.ReportMetric(float64(cmp.outbx.Microseconds()), "outbox-µs/op")
			b.ReportMetric(cmp.pct, "outbox-%")
		})
	}
}

// TestBench measures the team figures on a small file, against an empty
// database it fills; a second run on the same server is refused.
func TestBench(t *testing.T) {
	t.Parallel()
	db, ids := outboxFile(t, false, 200)
	acts := store.NewActivityService(db)
	for i := 0; i < 300; i++ {
		if _, err := acts.CreateActivity(context.Background(), domain.ActivityFields{AccountID: ids[i%len(ids)], Kind: domain.KindNote,
			OccurredAt: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour), Subject: fmt.Sprint("Notatka ", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 8; i++ {
		if _, err := store.NewProductService(db).CreateProduct(context.Background(), domain.ProductFields{SKU: fmt.Sprintf("P-%d", i),
			Name: fmt.Sprintf("Towar %d", i), Unit: "szt", ListPrice: domain.UnitPrice(10000 * (i + 1)), VATRate: "23", Active: true}); err != nil {
			t.Fatal(err)
		}
	}
	pg := storetest.Postgres(t)
	var progress strings.Builder
	var boAccounts int
	r, err := bench(context.Background(), db, pg.AdminURL(), &progress, 100, func(bo *store.DB) error {
		return bo.ReadTx(context.Background(), func(tx *sql.Tx) error {
			return tx.QueryRowContext(context.Background(), `SELECT count(*) FROM accounts`).Scan(&boAccounts)
		})
	})
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, progress.String())
	}
	if r.JoinAll <= 0 || r.JoinBase <= 0 || r.JoinRep <= 0 || r.Round <= 0 || r.IdleRound <= 0 || r.RepAccounts != 200 || r.Pushed != 200 || r.Pulled == 0 {
		t.Errorf("measured %+v", r)
	}
	if r.DayRound <= 0 || r.DayPushed != DayWork.Quotes+DayWork.Orders+DayWork.Activities || boAccounts != len(ids) {
		t.Errorf("a day's round %v pushed %d; the back office's file had %d accounts", r.DayRound, r.DayPushed, boAccounts)
	}
	if _, err := Bench(context.Background(), db, pg.AdminURL(), &progress); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("a second bench on the same server: %v, want refused (not empty)", err)
	}
}
