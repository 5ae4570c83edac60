// Package servicetest is the conformance suite of the domain services. The
// SQLite store (what users run) and domaintest's in-memory fakes (what ui and
// cmd tests run against) both pass it, so a screen tested against a fake sees
// what it will see against the store: the same errors (code, key and field),
// orders, filters, paging counts, versioning and money totals.
//
// Each suite takes a factory that opens an empty set of services whose clock
// reads Now. Every test opens its own, so the suites run in parallel.
package servicetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"kontor/domain"
)

// Now is the moment the services' clock must read: it stamps created_at and is
// "today" for the rules that depend on the day (agreement changes, quote
// expiry, credit control, receivables as of today).
var Now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// Today is Now's date.
var Today = domain.DateOf(Now)

// Services are the services under test, all over one empty database.
type Services struct {
	Accounts    domain.AccountService
	Contacts    domain.ContactService
	Activities  domain.ActivityService
	Products    domain.ProductService
	Groups      domain.GroupService
	Agreements  domain.AgreementService
	Prices      domain.PriceService
	Company     domain.CompanyService
	Quotes      domain.QuoteService
	Orders      domain.OrderService
	DocSettings domain.DocumentSettingsService
	Invoices    domain.InvoiceService
	Payments    domain.PaymentService
	Receivables domain.ReceivablesService
	Dashboard   domain.DashboardService
}

// Factory opens empty services whose clock reads Now; whatever it opens is
// closed by t.Cleanup.
type Factory func(t *testing.T) Services

// Run runs every suite, each in parallel with the others.
func Run(t *testing.T, open Factory) {
	suites := []struct {
		name string
		run  func(*testing.T, Factory)
	}{
		{"Accounts", Accounts}, {"Contacts", Contacts}, {"Search", Search}, {"Activities", Activities},
		{"Agenda", Agenda}, {"Products", Products}, {"Groups", Groups}, {"Agreements", Agreements},
		{"Prices", Prices}, {"Company", Company}, {"DocumentSettings", DocumentSettings}, {"Quotes", Quotes},
		{"Orders", Orders}, {"Invoices", Invoices}, {"Payments", Payments}, {"Receivables", Receivables},
		{"References", References}, {"Dashboard", Dashboard},
	}
	for _, s := range suites {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			s.run(t, open)
		})
	}
}

var ctx = context.Background()

// check fails the test now when err is not nil.
func check(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// wantErr fails unless err is a domain error with this code and key.
func wantErr(t *testing.T, what string, err error, code domain.Code, key string) *domain.Error {
	t.Helper()
	e, ok := domain.AsError(err)
	if !ok || e.Code != code || e.Key != key {
		t.Fatalf("%s: error = %v (%T), want %s %s", what, err, err, code, key)
	}
	return e
}

// wantField fails unless err is a domain error with this code that reports
// field with key.
func wantField(t *testing.T, what string, err error, code domain.Code, field, key string) {
	t.Helper()
	e, ok := domain.AsError(err)
	if !ok || e.Code != code {
		t.Fatalf("%s: error = %v (%T), want %s on %s", what, err, err, code, field)
	}
	if f, ok := e.Field(field); !ok || f.Key != key {
		t.Fatalf("%s: error %v: field %s = %+v, want %s", what, err, field, f, key)
	}
}

// equal fails unless got equals want.
func equal[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// equalList fails unless got equals want.
func equalList[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func mapList[S any, T any](in []S, f func(S) T) []T {
	out := make([]T, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

func date(y int, m time.Month, d int) domain.Date { return domain.NewDate(y, m, d) }

// at is noon UTC of a day, so that its local date is that day in every zone
// people work in.
func at(d domain.Date, hour int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, 0, 0, 0, time.UTC)
}

// localDate is the date a moment has where the services read it.
func localDate(t time.Time) domain.Date { return domain.DateOf(t.In(time.Local)) }

func amount(t *testing.T, s string) domain.Amount {
	t.Helper()
	a, err := domain.ParseAmount(s)
	check(t, "amount "+s, err)
	return a
}

func price(t *testing.T, s string) domain.UnitPrice {
	t.Helper()
	p, err := domain.ParseUnitPrice(s)
	check(t, "price "+s, err)
	return p
}

func qty(t *testing.T, s string) domain.Quantity {
	t.Helper()
	q, err := domain.ParseQuantity(s)
	check(t, "quantity "+s, err)
	return q
}

// account creates an account with code, name and city, changed by set.
func account(t *testing.T, s Services, code, name, city string, set ...func(*domain.AccountFields)) *domain.Account {
	t.Helper()
	f := domain.NewAccountFields()
	f.Code, f.Name, f.City = code, name, city
	for _, fn := range set {
		fn(&f)
	}
	a, err := s.Accounts.CreateAccount(ctx, f)
	check(t, "create account "+code, err)
	return a
}

func withParent(code string) func(*domain.AccountFields) {
	return func(f *domain.AccountFields) { f.ParentCode = code }
}

func withGroup(name string) func(*domain.AccountFields) {
	return func(f *domain.AccountFields) { f.CustomerGroup = name }
}

func withOwner(name string) func(*domain.AccountFields) {
	return func(f *domain.AccountFields) { f.Owner = name }
}

func contact(t *testing.T, s Services, account domain.AccountID, first, last, email string) *domain.Contact {
	t.Helper()
	c, err := s.Contacts.CreateContact(ctx, account, domain.ContactFields{FirstName: first, LastName: last, Email: email})
	check(t, "create contact "+last, err)
	return c
}

// activity logs an activity of kind on account at a moment.
func activity(t *testing.T, s Services, account domain.AccountID, kind domain.ActivityKind, when time.Time, subject string,
	set ...func(*domain.ActivityFields)) *domain.Activity {
	t.Helper()
	f := domain.NewActivityFields(account, kind, when)
	f.Subject = subject
	for _, fn := range set {
		fn(&f)
	}
	a, err := s.Activities.CreateActivity(ctx, f)
	check(t, "create activity "+subject, err)
	return a
}

// product adds a product with a list price ("12,50"), changed by set.
func product(t *testing.T, s Services, sku, name, list string, set ...func(*domain.ProductFields)) *domain.Product {
	t.Helper()
	f := domain.NewProductFields()
	f.SKU, f.Name, f.ListPrice = sku, name, price(t, list)
	for _, fn := range set {
		fn(&f)
	}
	p, err := s.Products.CreateProduct(ctx, f)
	check(t, "create product "+sku, err)
	return p
}

// agreement stores an agreement given as field texts (domain.FieldSKU: "A-1", …).
func agreement(t *testing.T, s Services, fields map[string]string) *domain.Agreement {
	t.Helper()
	a, err := s.Agreements.CreateAgreement(ctx, agreementFields(t, fields), "test")
	check(t, "create agreement", err)
	return a
}

func agreementFields(t *testing.T, fields map[string]string) domain.AgreementFields {
	t.Helper()
	f := domain.NewAgreementFields()
	for _, name := range domain.AgreementFieldOrder {
		if v, ok := fields[name]; ok {
			check(t, "agreement field "+name, f.Set(name, v))
		}
	}
	return f
}

// line is a document line of qty of p at its list price.
func line(t *testing.T, p *domain.Product, q string) domain.DocumentLine {
	t.Helper()
	return domain.NewDocumentLine(p, qty(t, q))
}
