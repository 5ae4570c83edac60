package store_test

import (
	"testing"
	"time"

	"kontor/domain/servicetest"
	"kontor/store"
)

// TestConformance runs the domain services' conformance suite against the
// store: the in-memory fakes of domaintest pass the same suite, so what a
// screen sees in its tests is what users see.
func TestConformance(t *testing.T) {
	servicetest.Run(t, func(t *testing.T) servicetest.Services {
		db := openTemp(t)
		db.SetClock(func() time.Time { return servicetest.Now })
		prices := store.NewPriceService(db)
		return servicetest.Services{
			Accounts: store.NewAccountService(db), Contacts: store.NewContactService(db),
			Activities: store.NewActivityService(db), Products: store.NewProductService(db), Groups: store.NewGroupService(db),
			Agreements: store.NewAgreementService(db), Prices: prices, Company: store.NewCompanyService(db),
			Quotes: store.NewQuoteService(db, prices), Orders: store.NewOrderService(db, prices),
			DocSettings: store.NewDocumentSettingsService(db), Invoices: store.NewInvoiceService(db),
			Payments: store.NewPaymentService(db), Receivables: store.NewReceivablesService(db),
			Dashboard: store.NewDashboardService(db),
		}
	})
}
