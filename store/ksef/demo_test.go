package ksef_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/demo"
	"kontor/store/ksef"
)

// demoDB is a generated demo database of n accounts, its data made "on" now.
// It is the one place these tests call the demo generator.
func demoDB(t *testing.T, n int, now time.Time) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Generate(ctx, db, demo.Options{Accounts: n, Seed: 15, Now: now}, nil); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestDemoMonthValidates builds the file of every invoice and credit note of a
// generated month and validates them all against the official schema. The
// credit notes wait for their originals' KSeF numbers: a receipt for the
// originals gives them, and the notes are built then.
func TestDemoMonthValidates(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	db := demoDB(t, 300, now)
	db.SetClock(func() time.Time { return now })
	svc := store.NewKSeFService(db)
	k := domain.DefaultKSeFSettings()
	k.ExemptionBasis, k.PlaceOfIssue = "art. 43 ust. 1 pkt 37 ustawy o VAT", "Łódź"
	if _, err := svc.SaveKSeFSettings(ctx, k); err != nil {
		t.Fatal(err)
	}
	// The month of KSeF with the most credit notes (about one invoice in a hundred has one).
	invoices := store.NewInvoiceService(db)
	var month domain.Month
	most := 0
	for m := domain.MonthOf(k.Start); m.Last().Before(domain.DateOf(now)); m = m.Next() {
		rows, _, err := invoices.FindInvoices(ctx, domain.InvoiceFilter{From: m.First(), To: m.Last(), Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range rows {
			if r.Kind == domain.KindCreditNote {
				n++
			}
		}
		if n > most || month.IsZero() {
			month, most = m, n
		}
	}
	export := func() map[domain.KSeFStatus][]*domain.InvoiceKSeF {
		out := map[domain.KSeFStatus][]*domain.InvoiceKSeF{}
		if err := svc.ExportKSeF(ctx, store.KSeFScope{Month: month}, func(st *domain.InvoiceKSeF) error {
			out[st.Status] = append(out[st.Status], st)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := export()
	// Receipts for the originals of the credit notes waiting for them (some
	// may be in earlier months: pending there, built by InvoiceKSeF).
	var originals []*domain.InvoiceKSeF
	seen := map[string]bool{}
	for _, st := range first[domain.KSeFCannotBuild] {
		if len(st.Reasons) != 1 || st.Reasons[0].Code != ksef.ReasonOriginalWaiting {
			t.Errorf("%s cannot be built: %v", st.Number, st.Reasons)
			continue
		}
		note, err := invoices.FindInvoiceByID(ctx, st.Invoice)
		if err != nil {
			t.Fatal(err)
		}
		if seen[note.CorrectsNumber] {
			continue
		}
		seen[note.CorrectsNumber] = true
		orig, err := svc.InvoiceKSeFByNumber(ctx, note.CorrectsNumber)
		if err != nil {
			t.Fatal(err)
		}
		originals = append(originals, orig)
	}
	var docs []domain.UPODocument
	for i, o := range originals {
		docs = append(docs, domain.UPODocument{SellerNIP: o.SellerNIP, InvoiceNumber: o.Number, IssueDate: o.Date,
			KSeFNumber: ksef.NumberFor(o.SellerNIP, o.Date, uint64(i+1)), Hash: o.Hash, AssignedAt: now})
	}
	if len(docs) > 0 {
		res, err := svc.RecordUPO(ctx, ksef.WriteReceipt(docs))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Outcome != domain.UPORecorded {
				t.Errorf("%s: %s %v", r.Document.InvoiceNumber, r.Outcome, r.Reason)
			}
		}
	}
	all := export()
	files := map[string][]byte{}
	var invoicesN, notes int
	for status, sts := range all {
		if status != domain.KSeFWaiting && status != domain.KSeFSent {
			for _, st := range sts {
				t.Errorf("%s: %s %v", st.Number, st.Status, st.Reasons)
			}
			continue
		}
		for _, st := range sts {
			files[strings.ReplaceAll(st.Number, "/", "_")+".xml"] = st.XML
			if st.Kind == domain.KindCreditNote {
				notes++
			} else {
				invoicesN++
			}
		}
	}
	if invoicesN < 100 || notes == 0 {
		t.Fatalf("the month has %d invoices and %d credit notes with files: too few to say much", invoicesN, notes)
	}
	xmllint(t, files)
	t.Logf("validated %d invoices and %d credit notes of %s (%d originals given KSeF numbers)", invoicesN, notes, month, len(docs))
}
