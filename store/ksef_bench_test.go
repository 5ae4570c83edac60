package store_test

import (
	"fmt"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

// BenchmarkIssueInvoice delivers a confirmed order of five lines: the
// invoice's issue, with its FA(3) file built and stored (ksef) and without
// (the KSeF start date after the invoice, so no file). The difference is what
// FA(3) adds to issuing; the target is at most 2 ms.
func BenchmarkIssueInvoice(b *testing.B) {
	for _, c := range []struct {
		name  string
		start domain.Date
	}{{"ksef", domain.KSeFStart}, {"without", domain.NewDate(2099, 1, 1)}} {
		b.Run(c.name, func(b *testing.B) {
			db, err := store.Open(ctx, b.TempDir()+"/bench.db", store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			db.SetClock(func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) })
			if _, err := store.NewCompanyService(db).SaveCompany(ctx, ksefSeller); err != nil {
				b.Fatal(err)
			}
			k := domain.DefaultKSeFSettings()
			k.Start = c.start
			if _, err := store.NewKSeFService(db).SaveKSeFSettings(ctx, k); err != nil {
				b.Fatal(err)
			}
			f := domain.NewAccountFields()
			f.Code, f.Name, f.TaxID, f.Street, f.PostalCode, f.City = "K1", "Społem Łódź", "7251801126", "ul. Piotrkowska 1", "90-001", "Łódź"
			acct, err := store.NewAccountService(db).CreateAccount(ctx, f)
			if err != nil {
				b.Fatal(err)
			}
			products := store.NewProductService(db)
			var lines []domain.DocumentLine
			for i := 0; i < 5; i++ {
				pf := domain.NewProductFields()
				pf.SKU, pf.Name, pf.ListPrice = fmt.Sprintf("P-%d", i), fmt.Sprintf("Towar %d", i), domain.UnitPrice(10000*(i+1))
				pf.VATRate = []domain.VATRate{domain.VAT23, domain.VAT8, domain.VAT5, domain.VAT23, domain.VAT0}[i]
				p, err := products.CreateProduct(ctx, pf)
				if err != nil {
					b.Fatal(err)
				}
				l := domain.NewDocumentLine(p, domain.Quantity(i+1)*domain.One)
				l.Price, l.Source = p.ListPrice, domain.SourceList
				lines = append(lines, l)
			}
			orders := store.NewOrderService(db, store.NewPriceService(db))
			day := domain.NewDate(2026, 11, 30)
			confirmed := make([]*domain.Order, b.N)
			for i := range confirmed {
				of := domain.NewOrderFields(acct, day)
				of.Lines = lines
				o, err := orders.CreateOrder(ctx, of)
				if err == nil {
					o, err = orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version,
						CreditOverride: "bench"})
				}
				if err != nil {
					b.Fatal(err)
				}
				confirmed[i] = o
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				o := confirmed[i]
				if _, err := orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: day,
					Version: o.Version}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
