package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

func TestGroups(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	accounts, groups := store.NewAccountService(db), store.NewGroupService(db)
	a := mustCreate(t, accounts, "K1", "Sklep Ala", "Łódź", func(f *domain.AccountFields) { f.CustomerGroup = "Hurt" })
	mustCreate(t, accounts, "K2", "Bar Żak", "Kraków", func(f *domain.AccountFields) { f.CustomerGroup = "Hurt" })
	mustCreate(t, accounts, "K3", "Ćma", "Gdańsk", func(f *domain.AccountFields) { f.CustomerGroup = "Detal" })
	if _, err := groups.CreateGroup(ctx, "Łańcuchy"); err != nil {
		t.Fatal(err)
	}
	if _, err := groups.CreateGroup(ctx, "Hurt"); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("duplicate group: %v", err)
	}
	list, err := groups.FindGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range list {
		got = append(got, g.Name+":"+itoa(g.Members))
	}
	if want := "Detal:1 Hurt:2 Łańcuchy:0"; join(got) != want {
		t.Errorf("groups %q, want %q (Polish order, member counts)", join(got), want)
	}
	hurt, err := groups.FindGroupByName(ctx, "Hurt")
	if err != nil {
		t.Fatal(err)
	}
	renamed, err := groups.RenameGroup(ctx, hurt.ID, "Hurt i gastronomia")
	if err != nil || renamed.Name != "Hurt i gastronomia" || renamed.Members != 2 {
		t.Fatalf("rename: %+v %v", renamed, err)
	}
	a2, _ := accounts.FindAccountByID(ctx, a.ID)
	if a2.CustomerGroup != "Hurt i gastronomia" || a2.Version != a.Version+1 {
		t.Errorf("member after rename: group %q version %d", a2.CustomerGroup, a2.Version)
	}
	if _, err := groups.RenameGroup(ctx, hurt.ID, "Detal"); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("rename onto another group: %v", err)
	}
	members, total, err := groups.FindGroupMembers(ctx, hurt.ID, 0, 10)
	if err != nil || total != 2 || len(members) != 2 || members[0].Code != "K2" {
		t.Errorf("members %+v total %d %v (want Bar Żak first)", members, total, err)
	}
	if err := groups.DeleteGroup(ctx, hurt.ID); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("delete a group with members: %v", err)
	}
	empty, _ := groups.FindGroupByName(ctx, "Łańcuchy")
	if err := groups.DeleteGroup(ctx, empty.ID); err != nil {
		t.Errorf("delete an empty group: %v", err)
	}
	// Saving an account with a new group name creates the group.
	upd := domain.AccountUpdate{AccountFields: a2.AccountFields}
	upd.CustomerGroup = "Sieci"
	if _, err := accounts.UpdateAccount(ctx, a.ID, upd); err != nil {
		t.Fatal(err)
	}
	if g, err := groups.FindGroupByName(ctx, "Sieci"); err != nil || g.Members != 1 {
		t.Errorf("group made by an account save: %+v %v", g, err)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

func itoa(n int) string { return domain.Quantity(n * 1000).String() }

// pricingFixture: head office HQ ← branch K1 (group Hurt), product MAK (list 10.00).
type pricingFixture struct {
	db         *store.DB
	accounts   *store.AccountService
	products   *store.ProductService
	agreements *store.AgreementService
	prices     *store.PriceService
	hq, branch *domain.Account
	clock      *time.Time
}

func newPricingFixture(t *testing.T) *pricingFixture {
	t.Helper()
	db := openTemp(t)
	f := &pricingFixture{db: db, accounts: store.NewAccountService(db), products: store.NewProductService(db),
		agreements: store.NewAgreementService(db), prices: store.NewPriceService(db)}
	f.clock = fixedClock(db, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	f.hq = mustCreate(t, f.accounts, "HQ", "Centrala Społem", "Warszawa")
	f.branch = mustCreate(t, f.accounts, "K1", "Społem Oddział Łódź", "Łódź", func(a *domain.AccountFields) {
		a.ParentCode, a.CustomerGroup = "HQ", "Hurt"
	})
	mustProduct(t, f.products, "MAK", "Mąka pszenna", "opak", "10")
	mustProduct(t, f.products, "SER", "Ser gouda", "kg", "29.9")
	return f
}

func (f *pricingFixture) agree(t *testing.T, kv map[string]string) *domain.Agreement {
	t.Helper()
	a := domain.NewAgreementFields()
	for k, v := range kv {
		if err := a.Set(k, v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
	}
	out, err := f.agreements.CreateAgreement(ctx, a, "anna")
	if err != nil {
		t.Fatalf("agreement %v: %v", kv, err)
	}
	return out
}

func TestAgreementBadInputNamesTheField(t *testing.T) {
	t.Parallel()
	f := newPricingFixture(t)
	for _, tc := range []struct {
		kv    map[string]string
		field string
	}{
		{map[string]string{"sku": "NOPE", "account_code": "K1", "price": "1"}, "sku"},
		{map[string]string{"sku": "MAK", "account_code": "NOPE", "price": "1"}, "account_code"},
		{map[string]string{"sku": "MAK", "customer_group": "Nope", "price": "1"}, "customer_group"},
		{map[string]string{"sku": "MAK", "account_code": "K1", "price": "1", "min_qty": "2.5"}, "min_qty"}, // opak is whole
		{map[string]string{"sku": "MAK", "account_code": "K1", "price": "1", "discount_pct": "5"}, "discount_pct"},
	} {
		a := domain.NewAgreementFields()
		for k, v := range tc.kv {
			if err := a.Set(k, v); err != nil {
				t.Fatal(err)
			}
		}
		_, err := f.agreements.CreateAgreement(ctx, a, "anna")
		e, ok := domain.AsError(err)
		if !ok || e.Code != domain.EInvalid {
			t.Errorf("%v: %v", tc.kv, err)
			continue
		}
		if _, ok := e.Field(tc.field); !ok {
			t.Errorf("%v: %v does not name %s", tc.kv, err, tc.field)
		}
	}
	if _, n, _ := f.agreements.FindAgreements(ctx, domain.AgreementFilter{}); n != 0 {
		t.Errorf("%d agreements stored from bad input", n)
	}
}

func TestChangeAgreementKeepsTheOld(t *testing.T) {
	t.Parallel()
	f := newPricingFixture(t)
	old := f.agree(t, map[string]string{"sku": "MAK", "account_code": "K1", "price": "9", "valid_from": "2026-01-01"})
	if old.CreatedBy != "anna" || old.TargetName != "Społem Oddział Łódź" || old.ProductName != "Mąka pszenna" || old.AccountID != f.branch.ID {
		t.Errorf("stored %+v", old)
	}
	*f.clock = time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)
	change := domain.AgreementFields{MinQty: domain.One, Price: 85000, HasPrice: true, ValidFrom: domain.NewDate(2026, 4, 1)}
	nu, err := f.agreements.ChangeAgreement(ctx, old.ID, change, "bartek")
	if err != nil {
		t.Fatal(err)
	}
	if nu.ID == old.ID || nu.SKU != "MAK" || nu.AccountCode != "K1" || nu.Price != 85000 || nu.CreatedBy != "bartek" {
		t.Errorf("new %+v", nu)
	}
	ended, _ := f.agreements.FindAgreementByID(ctx, old.ID)
	if ended.ValidTo != domain.NewDate(2026, 3, 31) || ended.EndedBy != "bartek" || ended.ReplacedBy != nu.ID ||
		!ended.EndedAt.Equal(*f.clock) || ended.Price != 90000 {
		t.Errorf("old after the change %+v", ended)
	}
	// The past stays answerable.
	for day, want := range map[domain.Date]domain.UnitPrice{
		domain.NewDate(2026, 3, 15): 90000, domain.NewDate(2026, 3, 31): 90000, domain.NewDate(2026, 4, 1): 85000,
	} {
		r, err := f.prices.Resolve(ctx, f.branch.ID, "MAK", domain.One, day)
		if err != nil || r.Price != want {
			t.Errorf("on %s: %v %v, want %s", day, r, err, want)
		}
	}
	all, n, _ := f.agreements.FindAgreements(ctx, domain.AgreementFilter{AccountID: f.branch.ID})
	if n != 2 || len(all) != 2 {
		t.Errorf("%d agreements, want both", n)
	}
	if on, n, _ := f.agreements.FindAgreements(ctx, domain.AgreementFilter{AccountID: f.branch.ID, On: domain.NewDate(2026, 4, 2)}); n != 1 || on[0].ID != nu.ID {
		t.Errorf("in effect on 2 April: %d", n)
	}
	// A change must start after the old terms started and not in the past.
	for _, from := range []domain.Date{domain.NewDate(2026, 4, 1), domain.NewDate(2026, 3, 19)} {
		c := change
		c.ValidFrom = from
		if _, err := f.agreements.ChangeAgreement(ctx, nu.ID, c, "x"); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("change from %s: %v", from, err)
		}
	}
	c := change
	c.AccountCode = "HQ"
	c.ValidFrom = domain.NewDate(2026, 5, 1)
	if _, err := f.agreements.ChangeAgreement(ctx, nu.ID, c, "x"); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("change of target: %v", err)
	}
}

func TestEndAndDeleteAgreement(t *testing.T) {
	t.Parallel()
	f := newPricingFixture(t)
	today := domain.NewDate(2026, 3, 10)
	running := f.agree(t, map[string]string{"sku": "MAK", "customer_group": "Hurt", "discount_pct": "5"})
	future := f.agree(t, map[string]string{"sku": "MAK", "customer_group": "Hurt", "discount_pct": "7", "valid_from": "2026-04-01"})
	if err := f.agreements.DeleteAgreement(ctx, running.ID, today); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("delete an agreement in effect: %v", err)
	}
	if err := f.agreements.DeleteAgreement(ctx, future.ID, today); err != nil {
		t.Errorf("delete a future agreement: %v", err)
	}
	if _, err := f.agreements.EndAgreement(ctx, running.ID, domain.NewDate(2026, 3, 1), "anna"); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("end in the past: %v", err)
	}
	e, err := f.agreements.EndAgreement(ctx, running.ID, domain.NewDate(2026, 3, 31), "anna")
	if err != nil || e.ValidTo != domain.NewDate(2026, 3, 31) || e.EndedBy != "anna" {
		t.Fatalf("end: %+v %v", e, err)
	}
	if _, err := f.agreements.EndAgreement(ctx, running.ID, domain.NewDate(2026, 4, 30), "anna"); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("ending later than it ends: %v", err)
	}
}

func TestResolveOverTheStore(t *testing.T) {
	t.Parallel()
	f := newPricingFixture(t)
	day := domain.NewDate(2026, 3, 15)
	check := func(sku string, qty domain.Quantity, price domain.UnitPrice, src domain.PriceSource) *domain.Resolution {
		t.Helper()
		r, err := f.prices.Resolve(ctx, f.branch.ID, sku, qty, day)
		if err != nil {
			t.Fatal(err)
		}
		if r.Price != price || r.Source != src {
			t.Errorf("%s × %s: %s from %s, want %s from %s: %s", sku, qty, r.Price, r.Source, price, src, r.Explain())
		}
		return r
	}
	check("MAK", domain.One, 100000, domain.SourceList)
	f.agree(t, map[string]string{"sku": "MAK", "customer_group": "Hurt", "discount_pct": "10"})
	check("MAK", domain.One, 90000, domain.SourceGroup)
	f.agree(t, map[string]string{"sku": "MAK", "account_code": "HQ", "price": "9.50"})
	check("mak", domain.One, 95000, domain.SourceParent)
	f.agree(t, map[string]string{"sku": "MAK", "account_code": "K1", "price": "9.20", "min_qty": "10"})
	check("MAK", 9*domain.One, 95000, domain.SourceParent)
	r := check("MAK", 10*domain.One, 92000, domain.SourceAccount)
	if len(r.Others) != 2 {
		t.Errorf("others %+v", r.Others)
	}
	f.agree(t, map[string]string{"sku": "MAK", "account_code": "K1", "price": "1", "valid_to": "2026-03-14"})
	r = check("MAK", domain.One, 95000, domain.SourceParent)
	if r.Others[0].Lost != domain.LostExpired && r.Others[1].Lost != domain.LostExpired {
		t.Errorf("the expired agreement is not explained: %s", r.Explain())
	}
	// The head office's own price ignores its branch's agreements and group.
	if hq, _ := f.prices.Resolve(ctx, f.hq.ID, "MAK", domain.One, day); hq.Price != 95000 || hq.Source != domain.SourceAccount {
		t.Errorf("head office: %s %s", hq.Price, hq.Source)
	}
	// Another product's agreements do not leak in.
	check("SER", 1500, 299000, domain.SourceList)
	for _, tc := range []struct {
		sku  string
		qty  domain.Quantity
		code domain.Code
	}{{"NOPE", domain.One, domain.ENotFound}, {"MAK", 1500, domain.EInvalid}, {"MAK", 0, domain.EInvalid}} {
		if _, err := f.prices.Resolve(ctx, f.branch.ID, tc.sku, tc.qty, day); domain.ErrorCode(err) != tc.code {
			t.Errorf("%s × %s: %v, want %s", tc.sku, tc.qty, err, tc.code)
		}
	}
	if _, err := f.prices.Resolve(ctx, 9999, "MAK", domain.One, day); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("unknown account: %v", err)
	}
	if _, err := f.prices.Resolve(ctx, f.branch.ID, "MAK", domain.One, domain.Date{}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("no date: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.prices.Resolve(cancelled, f.branch.ID, "MAK", domain.One, day); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestRepriceUsesTheDocumentTotal(t *testing.T) {
	t.Parallel()
	f := newPricingFixture(t)
	day := domain.NewDate(2026, 3, 15)
	f.agree(t, map[string]string{"sku": "MAK", "account_code": "K1", "price": "8", "min_qty": "10"})
	lines := []domain.PriceLine{{SKU: "MAK", Quantity: 6 * domain.One}, {SKU: "SER", Quantity: 1250}, {SKU: "mak", Quantity: 4 * domain.One}}
	rs, err := f.prices.Reprice(ctx, f.branch.ID, day, lines)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || rs[0].Price != 80000 || rs[2].Price != 80000 || rs[0].Quantity != 10*domain.One || rs[1].Price != 299000 {
		t.Errorf("reprice: %+v", rs)
	}
	if _, err := f.prices.Reprice(ctx, f.branch.ID, day, []domain.PriceLine{{SKU: "X1", Quantity: domain.One}, {SKU: "MAK", Quantity: domain.One}}); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("unknown SKU in a document: %v", err)
	}
}

func TestPriceSheet(t *testing.T) {
	t.Parallel()
	f := newPricingFixture(t)
	day := domain.NewDate(2026, 3, 15)
	f.agree(t, map[string]string{"sku": "SER", "customer_group": "Hurt", "price": "27"})
	f.agree(t, map[string]string{"sku": "SER", "account_code": "HQ", "price": "25", "min_qty": "5"})
	f.agree(t, map[string]string{"sku": "SER", "account_code": "HQ", "price": "20", "min_qty": "50", "valid_from": "2026-04-01"})
	p := mustProduct(t, f.products, "OLD", "Stary produkt", "szt", "1")
	upd := domain.ProductUpdate{ProductFields: p.ProductFields}
	upd.Active = false
	if _, err := f.products.UpdateProduct(ctx, p.ID, upd); err != nil {
		t.Fatal(err)
	}
	sheet, err := f.prices.PriceSheet(ctx, f.branch.ID, day)
	if err != nil {
		t.Fatal(err)
	}
	if sheet.Account.Code != "K1" || len(sheet.Lines) != 2 || sheet.Lines[0].SKU != "MAK" || sheet.Lines[1].SKU != "SER" {
		t.Fatalf("sheet %+v", sheet)
	}
	ser := sheet.Lines[1].Breaks
	if len(ser) != 2 || ser[0] != (domain.PriceBreak{MinQty: domain.One, Price: 270000, Source: domain.SourceGroup, Agreement: ser[0].Agreement}) ||
		ser[1].MinQty != 5*domain.One || ser[1].Price != 250000 || ser[1].Source != domain.SourceParent {
		t.Errorf("SER breaks %+v", ser)
	}
}

func TestCompanySettings(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewCompanyService(db)
	c, err := s.FindCompany(ctx)
	if err != nil || c.Name != "" || c.Country != "PL" {
		t.Fatalf("blank: %+v %v", c, err)
	}
	in := domain.CompanySettings{Name: "Hurtownia Żółw sp. z o.o.", Street: "ul. Źródlana 5", PostalCode: "90001", City: "Łódź",
		TaxID: "526-000-12-46", BankAccount: "61109010140000071219812874", Email: "biuro@zolw.pl"}
	saved, err := s.SaveCompany(ctx, in)
	if err != nil || saved.PostalCode != "90-001" || saved.BankAccount != "PL61109010140000071219812874" {
		t.Fatalf("save: %+v %v", saved, err)
	}
	got, err := s.FindCompany(ctx)
	if err != nil || *got != *saved {
		t.Errorf("read back %+v, want %+v", got, saved)
	}
	in.TaxID = "123"
	if _, err := s.SaveCompany(ctx, in); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("bad NIP saved: %v", err)
	}
}

// TestResolveDeepChain prices for a branch five levels below the head office
// that holds the agreement: beyond the three levels the fast statement reads.
func TestResolveDeepChain(t *testing.T) {
	t.Parallel()
	f := newPricingFixture(t)
	parent := "HQ"
	var last *domain.Account
	for _, code := range []string{"L1", "L2", "L3", "L4", "L5"} {
		p := parent
		last = mustCreate(t, f.accounts, code, "Poziom "+code, "Łódź", func(a *domain.AccountFields) { a.ParentCode, a.CustomerGroup = p, "Hurt" })
		parent = code
	}
	f.agree(t, map[string]string{"sku": "MAK", "customer_group": "Hurt", "price": "5"})
	f.agree(t, map[string]string{"sku": "MAK", "account_code": "HQ", "price": "7"})
	f.agree(t, map[string]string{"sku": "MAK", "account_code": "L3", "price": "8", "min_qty": "10"})
	day := domain.NewDate(2026, 3, 15)
	r, err := f.prices.Resolve(ctx, last.ID, "MAK", domain.One, day)
	if err != nil || r.Price != 70000 || r.Source != domain.SourceParent || r.Winner.Holder != "HQ" || r.Winner.Level != 5 {
		t.Fatalf("five levels down: %+v %v", r, err)
	}
	if r.Explain() == "" || len(r.Others) != 2 || r.Others[0].Lost != domain.LostTierAbove || r.Others[1].Lost != domain.LostLessSpecific {
		t.Errorf("explanation: %s", r.Explain())
	}
	r, _ = f.prices.Resolve(ctx, last.ID, "MAK", 10*domain.One, day)
	if r.Price != 80000 || r.Winner.Holder != "L3" || r.Winner.Level != 2 {
		t.Errorf("L3's tier: %s from %s", r.Price, r.Winner.Holder)
	}
	rs, err := f.prices.Reprice(ctx, last.ID, day, []domain.PriceLine{{SKU: "MAK", Quantity: 4 * domain.One}, {SKU: "MAK", Quantity: 6 * domain.One}})
	if err != nil || rs[0].Price != 80000 || rs[1].Price != 80000 {
		t.Errorf("reprice five levels down: %+v %v", rs, err)
	}
}
