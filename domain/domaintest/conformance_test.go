package domaintest_test

import (
	"testing"

	"kontor/domain/domaintest"
	"kontor/domain/servicetest"
)

// TestConformance runs the domain services' conformance suite against the
// fakes: the store passes the same suite, so the fakes cannot drift from it.
func TestConformance(t *testing.T) {
	servicetest.Run(t, func(t *testing.T) servicetest.Services {
		s := domaintest.New()
		cat := domaintest.NewCatalog(s)
		docs := domaintest.NewDocuments(cat)
		led := domaintest.NewLedger(docs)
		return servicetest.Services{
			Accounts: s, Contacts: s, Activities: s, Products: cat, Groups: cat, Agreements: cat, Prices: cat, Company: cat,
			Quotes: docs, Orders: docs, DocSettings: docs, Invoices: led, Payments: led, Receivables: led,
			Dashboard: domaintest.NewDashboard(led),
		}
	})
}
