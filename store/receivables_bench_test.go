package store_test

import (
	"os"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

// The receivables benchmarks run on a large database named by
// KONTOR_BENCH_DB (e.g. kontorctl demo --accounts 20000); they write a
// payment and delete it again, so point them at a copy.
func benchDB(b *testing.B) (*store.DB, []domain.AccountID) {
	b.Helper()
	path := os.Getenv("KONTOR_BENCH_DB")
	if path == "" {
		b.Skip("KONTOR_BENCH_DB names no database")
	}
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	rows, _, err := store.NewReceivablesService(db).FindReceivables(ctx, domain.ReceivablesFilter{})
	if err != nil || len(rows) == 0 {
		b.Fatalf("no receivables: %v", err)
	}
	var ids []domain.AccountID
	for i := 0; i < len(rows); i += max(1, len(rows)/200) {
		ids = append(ids, rows[i].AccountID)
	}
	return db, ids
}

func BenchmarkFindReceivables(b *testing.B) {
	db, _ := benchDB(b)
	s := store.NewReceivablesService(db)
	for b.Loop() {
		if _, _, err := s.FindReceivables(ctx, domain.ReceivablesFilter{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAccountReceivables(b *testing.B) {
	db, ids := benchDB(b)
	s := store.NewReceivablesService(db)
	i := 0
	for b.Loop() {
		if _, err := s.AccountReceivables(ctx, ids[i%len(ids)], domain.Date{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkStatementData(b *testing.B) {
	db, ids := benchDB(b)
	s := store.NewReceivablesService(db)
	m := domain.MonthOf(domain.DateOf(time.Now())).Prev()
	i := 0
	for b.Loop() {
		if _, err := s.Statement(ctx, ids[i%len(ids)], m); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkStatementAccounts(b *testing.B) {
	db, _ := benchDB(b)
	s := store.NewReceivablesService(db)
	m := domain.MonthOf(domain.DateOf(time.Now())).Prev()
	for b.Loop() {
		if _, err := s.StatementAccounts(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecordPayment records and deletes a payment: two reallocations.
func BenchmarkRecordPayment(b *testing.B) {
	db, ids := benchDB(b)
	s := store.NewPaymentService(db)
	i := 0
	for b.Loop() {
		p, err := s.RecordPayment(ctx, domain.PaymentFields{AccountID: ids[i%len(ids)], Date: domain.DateOf(time.Now()), Amount: 100})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.DeletePayment(ctx, p.ID); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
