package servicetest

import (
	"testing"

	"kontor/domain"
)

// priceFixture is a small catalog with a head office, its branch, a group and
// agreements at every level.
type priceFixture struct {
	s                  Services
	hq, branch, member *domain.Account
	loner              *domain.Account
	flour, sugar, salt *domain.Product
}

func newPriceFixture(t *testing.T, open Factory) *priceFixture {
	t.Helper()
	s := open(t)
	x := &priceFixture{s: s}
	x.hq = account(t, s, "HQ", "Centrala", "Warszawa", withGroup("Hurt"))
	x.branch = account(t, s, "BR", "Oddział", "Radom", withParent("HQ"), withGroup("Hurt"))
	x.member = account(t, s, "MEM", "Członek", "Łódź", withGroup("Hurt"))
	x.loner = account(t, s, "LONE", "Samotna", "Gdańsk")
	x.flour = product(t, s, "MAK-1", "Mąka", "10", func(f *domain.ProductFields) { f.Unit = "kg" })
	x.sugar = product(t, s, "CUK-1", "Cukier", "8,00")
	x.salt = product(t, s, "SOL-1", "Sól", "2,50")
	product(t, s, "OLD-1", "Wycofany", "1", func(f *domain.ProductFields) { f.Active = false })
	for _, a := range []map[string]string{
		{domain.FieldSKU: "MAK-1", domain.FieldCustomerGroup: "Hurt", domain.FieldPrice: "9"},
		{domain.FieldSKU: "MAK-1", domain.FieldAccountCode: "HQ", domain.FieldPrice: "8,50"},
		{domain.FieldSKU: "MAK-1", domain.FieldAccountCode: "HQ", domain.FieldPrice: "8", domain.FieldMinQty: "10"},
		{domain.FieldSKU: "MAK-1", domain.FieldAccountCode: "BR", domain.FieldPrice: "7", domain.FieldValidFrom: "2026-12-01"},
		{domain.FieldSKU: "CUK-1", domain.FieldCustomerGroup: "Hurt", domain.FieldDiscountPct: "12,5"},
		{domain.FieldSKU: "SOL-1", domain.FieldAccountCode: "MEM", domain.FieldPrice: "2", domain.FieldValidTo: "2026-11-26"},
	} {
		agreement(t, s, a)
	}
	return x
}

// Prices: price resolution through the account, its head offices and its
// group, tiers over the document's total, validity and the price sheet.
func Prices(t *testing.T, open Factory) {
	x := newPriceFixture(t, open)
	s := x.s
	for _, c := range []struct {
		name    string
		account *domain.Account
		sku     string
		qty     string
		on      domain.Date
		price   string
		source  domain.PriceSource
	}{
		{"account", x.hq, "MAK-1", "1", Today, "8.50", domain.SourceAccount},
		{"account's tier", x.hq, "mak-1", "12,5", Today, "8.00", domain.SourceAccount},
		{"head office's", x.branch, "MAK-1", "1", Today, "8.50", domain.SourceParent},
		{"head office's tier", x.branch, "MAK-1", "10", Today, "8.00", domain.SourceParent},
		{"own, once in effect", x.branch, "MAK-1", "10", date(2026, 12, 1), "7.00", domain.SourceAccount},
		{"group", x.member, "MAK-1", "1", Today, "9.00", domain.SourceGroup},
		{"group discount", x.member, "CUK-1", "1", Today, "7.00", domain.SourceGroup},
		{"expired", x.member, "SOL-1", "1", Today, "2.50", domain.SourceList},
		{"before it expired", x.member, "SOL-1", "1", Today.AddDays(-1), "2.00", domain.SourceAccount},
		{"list", x.loner, "MAK-1", "1", Today, "10.00", domain.SourceList},
	} {
		r, err := s.Prices.Resolve(ctx, c.account.ID, c.sku, qty(t, c.qty), c.on)
		check(t, "resolve "+c.name, err)
		if r.Price.String() != c.price || r.Source != c.source || r.SKU != "MAK-1" && c.sku == "mak-1" {
			t.Errorf("%s: %s %s (%s), want %s %s", c.name, r.SKU, r.Price, r.Source, c.price, c.source)
		}
		if (r.Winner == nil) != (c.source == domain.SourceList) {
			t.Errorf("%s: winner %+v with source %s", c.name, r.Winner, r.Source)
		}
	}

	_, err := s.Prices.Resolve(ctx, x.hq.ID, "NOPE", qty(t, "1"), Today)
	wantErr(t, "unknown SKU", err, domain.ENotFound, "product.unknown_skus")
	_, err = s.Prices.Resolve(ctx, 999, "MAK-1", qty(t, "1"), Today)
	wantErr(t, "unknown account", err, domain.ENotFound, "account.not_found")
	_, err = s.Prices.Resolve(ctx, x.hq.ID, "MAK-1", 0, Today)
	wantErr(t, "no quantity", err, domain.EInvalid, "quantity.positive")
	_, err = s.Prices.Resolve(ctx, x.hq.ID, "CUK-1", qty(t, "1,5"), Today)
	wantErr(t, "a piece split", err, domain.EInvalid, "quantity.whole")
	_, err = s.Prices.Resolve(ctx, x.hq.ID, "MAK-1", qty(t, "1"), domain.Date{})
	wantErr(t, "no day", err, domain.EInvalid, "price.date_required")

	// Tiers compare with the document's total of a SKU, not one line's.
	res, err := s.Prices.Reprice(ctx, x.hq.ID, Today, []domain.PriceLine{{SKU: "MAK-1", Quantity: qty(t, "6")},
		{SKU: "CUK-1", Quantity: qty(t, "1")}, {SKU: "mak-1", Quantity: qty(t, "4")}})
	check(t, "reprice", err)
	equalList(t, "repriced", mapList(res, func(r domain.Resolution) string { return r.Price.String() + " " + string(r.Source) }),
		[]string{"8.00 account", "7.00 group", "8.00 account"})
	_, err = s.Prices.Reprice(ctx, x.hq.ID, Today, []domain.PriceLine{{SKU: "MAK-1", Quantity: qty(t, "1")}, {SKU: "NOPE", Quantity: qty(t, "1")}})
	wantErr(t, "reprice an unknown SKU", err, domain.ENotFound, "product.unknown_skus")
	res, err = s.Prices.Reprice(ctx, x.hq.ID, Today, nil)
	check(t, "reprice nothing", err)
	equal(t, "nothing repriced", len(res), 0)

	sheet, err := s.Prices.PriceSheet(ctx, x.branch.ID, Today)
	check(t, "price sheet", err)
	if sheet.Account == nil || sheet.Account.ID != x.branch.ID || sheet.Date != Today {
		t.Errorf("sheet of %+v on %v", sheet.Account, sheet.Date)
	}
	breaks := func(l domain.PriceSheetLine) string {
		out := l.SKU
		for _, b := range l.Breaks {
			out += " " + b.MinQty.String() + "@" + b.Price.String() + "/" + string(b.Source)
		}
		return out
	}
	// Active products in Polish name order, each with its tier breaks.
	equalList(t, "sheet", mapList(sheet.Lines, breaks), []string{"CUK-1 1@7.00/group", "MAK-1 1@8.50/parent 10@8.00/parent", "SOL-1 1@2.50/list"})
	_, err = s.Prices.PriceSheet(ctx, 999, Today)
	wantErr(t, "sheet of unknown", err, domain.ENotFound, "account.not_found")
}

func agreementKeys(list []*domain.Agreement) []string {
	return mapList(list, func(a *domain.Agreement) string {
		target := a.AccountCode
		if a.GroupID != 0 {
			target = "g:" + a.CustomerGroup
		}
		return a.SKU + " " + target + " " + a.MinQty.String() + " " + a.ValidFrom.String()
	})
}

// Agreements: price agreements, their references, the list, and the rules of
// changing, ending and deleting them.
func Agreements(t *testing.T, open Factory) {
	t.Run("CreateFindList", func(t *testing.T) {
		t.Parallel()
		x := newPriceFixture(t, open)
		s := x.s
		a := agreement(t, s, map[string]string{domain.FieldSKU: "sol-1", domain.FieldAccountCode: "lone", domain.FieldPrice: "2,10",
			domain.FieldMinQty: "5", domain.FieldValidFrom: "2026-01-01", domain.FieldValidTo: "2026-12-31"})
		if a.ID == 0 || a.SKU != "SOL-1" || a.ProductID != x.salt.ID || a.ProductName != "Sól" || a.AccountID != x.loner.ID ||
			a.AccountCode != "LONE" || a.TargetName != "Samotna" || a.GroupID != 0 || a.CreatedBy != "test" || !a.CreatedAt.Equal(Now) {
			t.Errorf("created = %+v", a)
		}
		got, err := s.Agreements.FindAgreementByID(ctx, a.ID)
		check(t, "find", err)
		if got.AgreementFields != a.AgreementFields || got.TargetName != "Samotna" {
			t.Errorf("found = %+v, want %+v", got, a)
		}
		_, err = s.Agreements.FindAgreementByID(ctx, 999)
		wantErr(t, "find missing", err, domain.ENotFound, "agreement.not_found")

		g, err := s.Groups.FindGroupByName(ctx, "Hurt")
		check(t, "group", err)
		list, total, err := s.Agreements.FindAgreements(ctx, domain.AgreementFilter{GroupID: g.ID})
		check(t, "group's", err)
		equal(t, "group's total", total, 2)
		equalList(t, "group's", agreementKeys(list), []string{"CUK-1 g:Hurt 1 ", "MAK-1 g:Hurt 1 "})
		if list[0].TargetName != "Hurt" || list[0].GroupID != g.ID || !list[0].HasDiscount || list[0].Discount.String() != "12.5" {
			t.Errorf("group agreement = %+v", list[0])
		}
		list, total, err = s.Agreements.FindAgreements(ctx, domain.AgreementFilter{})
		check(t, "all", err)
		equal(t, "total", total, 7)
		// By SKU, then the account's code or the group's name, the tier and the start.
		equalList(t, "all", agreementKeys(list), []string{"CUK-1 g:Hurt 1 ", "MAK-1 BR 1 2026-12-01", "MAK-1 HQ 1 ",
			"MAK-1 HQ 10 ", "MAK-1 g:Hurt 1 ", "SOL-1 LONE 5 2026-01-01", "SOL-1 MEM 1 "})
		list, total, err = s.Agreements.FindAgreements(ctx, domain.AgreementFilter{SKU: "mak-1", Offset: 1, Limit: 2})
		check(t, "page of a SKU", err)
		equal(t, "SKU's total", total, 4)
		equalList(t, "page of a SKU", agreementKeys(list), []string{"MAK-1 HQ 1 ", "MAK-1 HQ 10 "})
		list, _, err = s.Agreements.FindAgreements(ctx, domain.AgreementFilter{AccountID: x.branch.ID, On: Today})
		check(t, "in effect", err)
		equal(t, "branch's in effect today", len(list), 0)
		list, _, err = s.Agreements.FindAgreements(ctx, domain.AgreementFilter{On: date(2026, 12, 1)})
		check(t, "in effect in December", err)
		equalList(t, "in effect in December", agreementKeys(list), []string{"CUK-1 g:Hurt 1 ", "MAK-1 BR 1 2026-12-01",
			"MAK-1 HQ 1 ", "MAK-1 HQ 10 ", "MAK-1 g:Hurt 1 ", "SOL-1 LONE 5 2026-01-01"})

		// What an agreement shows of its product, account and group follows their renames.
		pf := x.salt.ProductFields
		pf.Name = "Sól kamienna"
		_, err = s.Products.UpdateProduct(ctx, x.salt.ID, domain.ProductUpdate{ProductFields: pf, Version: x.salt.Version})
		check(t, "rename product", err)
		af := x.loner.AccountFields
		af.Name = "Samotna Sp. z o.o."
		_, err = s.Accounts.UpdateAccount(ctx, x.loner.ID, domain.AccountUpdate{AccountFields: af, Version: x.loner.Version})
		check(t, "rename account", err)
		_, err = s.Groups.RenameGroup(ctx, g.ID, "Hurtownie")
		check(t, "rename group", err)
		got, err = s.Agreements.FindAgreementByID(ctx, a.ID)
		check(t, "find after renames", err)
		if got.ProductName != "Sól kamienna" || got.TargetName != "Samotna Sp. z o.o." {
			t.Errorf("after renames = %q for %q", got.ProductName, got.TargetName)
		}
		list, _, err = s.Agreements.FindAgreements(ctx, domain.AgreementFilter{GroupID: g.ID})
		check(t, "group's after rename", err)
		if len(list) != 2 || list[0].CustomerGroup != "Hurtownie" || list[0].TargetName != "Hurtownie" {
			t.Errorf("group's after rename = %+v", list)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		t.Parallel()
		x := newPriceFixture(t, open)
		s := x.s
		create := func(fields map[string]string) error {
			_, err := s.Agreements.CreateAgreement(ctx, agreementFields(t, fields), "test")
			return err
		}
		err := create(map[string]string{domain.FieldSKU: "NOPE", domain.FieldAccountCode: "HQ", domain.FieldPrice: "1"})
		wantErr(t, "unknown SKU", err, domain.EInvalid, "agreement.invalid")
		wantField(t, "unknown SKU", err, domain.EInvalid, domain.FieldSKU, "sku.unknown")
		err = create(map[string]string{domain.FieldSKU: "MAK-1", domain.FieldAccountCode: "NOPE", domain.FieldPrice: "1"})
		wantField(t, "unknown account", err, domain.EInvalid, domain.FieldAccountCode, "account.unknown")
		err = create(map[string]string{domain.FieldSKU: "MAK-1", domain.FieldCustomerGroup: "Nie ma", domain.FieldPrice: "1"})
		wantField(t, "unknown group", err, domain.EInvalid, domain.FieldCustomerGroup, "group.unknown")
		err = create(map[string]string{domain.FieldSKU: "CUK-1", domain.FieldAccountCode: "HQ", domain.FieldPrice: "1", domain.FieldMinQty: "2,5"})
		wantField(t, "a tier the unit cannot count", err, domain.EInvalid, domain.FieldMinQty, "quantity.whole")
		err = create(map[string]string{domain.FieldSKU: "MAK-1", domain.FieldAccountCode: "HQ"})
		wantField(t, "no terms", err, domain.EInvalid, domain.FieldPrice, "agreement.no_terms")
		err = create(map[string]string{domain.FieldSKU: "mak-1", domain.FieldAccountCode: "hq", domain.FieldPrice: "1", domain.FieldMinQty: "10"})
		wantErr(t, "the same SKU, target, tier and start", err, domain.EConflict, "agreement.duplicate")
	})

	t.Run("ChangeEndDelete", func(t *testing.T) {
		t.Parallel()
		x := newPriceFixture(t, open)
		s := x.s
		old := agreement(t, s, map[string]string{domain.FieldSKU: "SOL-1", domain.FieldAccountCode: "LONE", domain.FieldPrice: "2",
			domain.FieldValidFrom: "2026-01-01"})
		change := func(id domain.AgreementID, fields map[string]string) (*domain.Agreement, error) {
			return s.Agreements.ChangeAgreement(ctx, id, agreementFields(t, fields), "anna")
		}
		_, err := change(old.ID, map[string]string{domain.FieldPrice: "2,20"})
		wantField(t, "change with no start", err, domain.EInvalid, domain.FieldValidFrom, "agreement.change_from")
		_, err = change(old.ID, map[string]string{domain.FieldPrice: "2,20", domain.FieldValidFrom: "2025-12-01"})
		wantField(t, "change before the start", err, domain.EInvalid, domain.FieldValidFrom, "agreement.change_early")
		_, err = change(old.ID, map[string]string{domain.FieldPrice: "2,20", domain.FieldValidFrom: "2026-11-26"})
		wantField(t, "change in the past", err, domain.EInvalid, domain.FieldValidFrom, "agreement.change_past")
		_, err = change(old.ID, map[string]string{domain.FieldSKU: "CUK-1", domain.FieldPrice: "2,20", domain.FieldValidFrom: "2026-12-01"})
		wantErr(t, "change of product", err, domain.EInvalid, "agreement.change_target")
		_, err = change(999, map[string]string{domain.FieldPrice: "2,20", domain.FieldValidFrom: "2026-12-01"})
		wantErr(t, "change missing", err, domain.ENotFound, "agreement.not_found")

		// Blank SKU and target mean "as before".
		next, err := change(old.ID, map[string]string{domain.FieldPrice: "2,20", domain.FieldValidFrom: "2026-12-01"})
		check(t, "change", err)
		if next.ID == old.ID || next.SKU != "SOL-1" || next.AccountCode != "LONE" || next.Price.String() != "2.20" ||
			next.ValidFrom != date(2026, 12, 1) || next.CreatedBy != "anna" {
			t.Errorf("new terms = %+v", next)
		}
		ended, err := s.Agreements.FindAgreementByID(ctx, old.ID)
		check(t, "old", err)
		if ended.ValidTo != date(2026, 11, 30) || ended.ReplacedBy != next.ID || ended.EndedBy != "anna" || !ended.EndedAt.Equal(Now) {
			t.Errorf("old after change = %+v", ended)
		}

		end := func(id domain.AgreementID, last domain.Date) (*domain.Agreement, error) {
			return s.Agreements.EndAgreement(ctx, id, last, "ewa")
		}
		_, err = end(next.ID, domain.Date{})
		wantField(t, "end on no day", err, domain.EInvalid, domain.FieldValidTo, "field.required")
		_, err = end(next.ID, date(2026, 11, 30))
		wantField(t, "end before the start", err, domain.EInvalid, domain.FieldValidTo, "valid_to.before_from")
		_, err = end(old.ID, Today.AddDays(-2))
		wantField(t, "end in the past", err, domain.EInvalid, domain.FieldValidTo, "agreement.end_past")
		_, err = end(old.ID, date(2026, 12, 15))
		wantField(t, "end later than it ends", err, domain.EInvalid, domain.FieldValidTo, "agreement.end_later")
		_, err = end(999, Today)
		wantErr(t, "end missing", err, domain.ENotFound, "agreement.not_found")
		e, err := end(old.ID, Today.AddDays(-1))
		check(t, "end yesterday", err)
		if e.ValidTo != Today.AddDays(-1) || e.EndedBy != "ewa" {
			t.Errorf("ended = %+v", e)
		}

		wantErr(t, "delete one in effect", s.Agreements.DeleteAgreement(ctx, old.ID, Today), domain.EConflict, "agreement.in_effect")
		openEnded := agreement(t, s, map[string]string{domain.FieldSKU: "CUK-1", domain.FieldAccountCode: "LONE", domain.FieldPrice: "7"})
		wantErr(t, "delete one open from the start", s.Agreements.DeleteAgreement(ctx, openEnded.ID, Today), domain.EConflict, "agreement.in_effect")
		wantErr(t, "delete one starting today", s.Agreements.DeleteAgreement(ctx, next.ID, date(2026, 12, 1)), domain.EConflict,
			"agreement.in_effect")
		check(t, "delete one not yet in effect", s.Agreements.DeleteAgreement(ctx, next.ID, Today))
		_, err = s.Agreements.FindAgreementByID(ctx, next.ID)
		wantErr(t, "deleted", err, domain.ENotFound, "agreement.not_found")
		ended, err = s.Agreements.FindAgreementByID(ctx, old.ID)
		check(t, "the agreement it replaced", err)
		equal(t, "successor of a deleted change", ended.ReplacedBy, 0)
		wantErr(t, "delete missing", s.Agreements.DeleteAgreement(ctx, next.ID, Today), domain.ENotFound, "agreement.not_found")

		// An agreement keeps its account.
		wantErr(t, "delete an account with agreements", s.Accounts.DeleteAccount(ctx, x.loner.ID), domain.EConflict, "account.has_history")
	})
}
