package domaintest_test

import (
	"context"
	"testing"

	"kontor/domain"
	"kontor/domain/domaintest"
)

func TestCatalogFakeFollowsStoreRules(t *testing.T) {
	ctx := context.Background()
	s := domaintest.New()
	c := domaintest.NewCatalog(s)
	head := s.AddAccount(t, "HQ", "Centrala", "Łódź", func(f *domain.AccountFields) { f.CustomerGroup = "Hurt" })
	branch := s.AddAccount(t, "BR", "Oddział", "Łódź", func(f *domain.AccountFields) { f.ParentCode = "HQ"; f.CustomerGroup = "Hurt" })
	c.AddProduct(t, "MKA-1", "Mąka pszenna typ 650", "3,20", func(f *domain.ProductFields) { f.Unit = "kg" })
	c.AddProduct(t, "CUK-1", "Cukier biały", "4,10")

	hits, n, err := c.FindProducts(ctx, domain.ProductQuery{Text: "maka psz"})
	if err != nil || n != 1 || hits[0].SKU != "MKA-1" {
		t.Fatalf("search maka psz = %d hits, %v", n, err)
	}
	dup := domain.NewProductFields()
	dup.SKU, dup.Name = "mka-1", "Inna"
	if _, err := c.CreateProduct(ctx, dup); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("duplicate SKU = %v", err)
	}

	old := c.AddAgreement(t, map[string]string{domain.FieldSKU: "MKA-1", domain.FieldAccountCode: "HQ", domain.FieldPrice: "3,00"})
	c.AddAgreement(t, map[string]string{domain.FieldSKU: "MKA-1", domain.FieldCustomerGroup: "Hurt", domain.FieldDiscountPct: "5"})
	f := old.AgreementFields
	f.Price, f.ValidFrom = 29000, domain.NewDate(2026, 12, 1)
	next, err := c.ChangeAgreement(ctx, old.ID, f, "anna")
	if err != nil {
		t.Fatal(err)
	}
	ended, _ := c.FindAgreementByID(ctx, old.ID)
	if ended.ValidTo != domain.NewDate(2026, 11, 30) || ended.ReplacedBy != next.ID || ended.EndedBy != "anna" {
		t.Errorf("the changed agreement = %+v", ended)
	}

	r, err := c.Resolve(ctx, branch.ID, "MKA-1", 2*domain.One, domain.NewDate(2026, 12, 5))
	if err != nil || r.Source != domain.SourceParent || r.Price != 29000 {
		t.Fatalf("resolve = %+v, %v", r, err)
	}
	if _, err := c.Resolve(ctx, branch.ID, "MKA-1", 1500, domain.NewDate(2026, 12, 5)); err != nil {
		t.Errorf("1,5 kg refused: %v", err)
	}
	if _, err := c.Resolve(ctx, branch.ID, "CUK-1", 1500, domain.NewDate(2026, 12, 5)); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("1,5 szt = %v, want invalid", err)
	}

	groups, _ := c.FindGroups(ctx)
	if len(groups) != 1 || groups[0].Members != 2 {
		t.Fatalf("groups = %+v", groups)
	}
	if _, err := c.RenameGroup(ctx, groups[0].ID, "Hurt stały"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindAccountByID(ctx, head.ID); got.CustomerGroup != "Hurt stały" {
		t.Errorf("member's group after rename = %q", got.CustomerGroup)
	}
	sheet, err := c.PriceSheet(ctx, branch.ID, domain.NewDate(2026, 12, 5))
	if err != nil || len(sheet.Lines) != 2 {
		t.Fatalf("sheet = %+v, %v", sheet, err)
	}
}
