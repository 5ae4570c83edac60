package servicetest

import (
	"fmt"
	"testing"

	"kontor/domain"
)

func productNames(list []*domain.Product) []string {
	return mapList(list, func(p *domain.Product) string { return p.Name })
}

// Products: the catalog, its SKUs, search, filters and what keeps a product.
func Products(t *testing.T, open Factory) {
	t.Run("CreateFindUpdate", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		p := product(t, s, "MAK-650-1", "Mąka pszenna typ 650", "3,4567", func(f *domain.ProductFields) {
			f.Unit, f.VATRate, f.Description = "kg", domain.VAT5, "Worek 1 kg"
		})
		if p.ID == 0 || p.Version != 1 || !p.CreatedAt.Equal(Now) || p.ListPrice.String() != "3.4567" || p.Unit != "kg" {
			t.Errorf("created = %+v", p)
		}
		for _, by := range []string{"MAK-650-1", "mak-650-1", " MAK-650-1 "} {
			got, err := s.Products.FindProductBySKU(ctx, by)
			check(t, "find by SKU "+by, err)
			equal(t, "found by SKU "+by, got.ID, p.ID)
		}
		got, err := s.Products.FindProductByID(ctx, p.ID)
		check(t, "find by id", err)
		equal(t, "found", got.ProductFields, p.ProductFields)
		_, err = s.Products.FindProductByID(ctx, 999)
		wantErr(t, "find missing id", err, domain.ENotFound, "product.not_found")
		_, err = s.Products.FindProductBySKU(ctx, "NOPE")
		wantErr(t, "find missing SKU", err, domain.ENotFound, "product.not_found")

		f := p.ProductFields
		f.Name, f.Active = "Mąka pszenna 650", false
		up, err := s.Products.UpdateProduct(ctx, p.ID, domain.ProductUpdate{ProductFields: f, Version: p.Version})
		check(t, "update", err)
		if up.Version != 2 || up.Name != "Mąka pszenna 650" || up.Active {
			t.Errorf("updated = %+v", up)
		}
		_, err = s.Products.UpdateProduct(ctx, p.ID, domain.ProductUpdate{ProductFields: f, Version: 1})
		wantErr(t, "stale", err, domain.EConflict, "record.changed")
		_, err = s.Products.UpdateProduct(ctx, 999, domain.ProductUpdate{ProductFields: f, Version: 1})
		wantErr(t, "missing", err, domain.ENotFound, "record.deleted")

		other := product(t, s, "CUK-1", "Cukier", "4")
		f = domain.NewProductFields()
		f.SKU, f.Name = "cuk-1", "Inny cukier"
		_, err = s.Products.CreateProduct(ctx, f)
		wantErr(t, "SKU taken", err, domain.EConflict, "product.sku_taken")
		wantField(t, "SKU taken", err, domain.EConflict, domain.FieldSKU, "sku.taken")
		f = other.ProductFields
		f.SKU = "mak-650-1"
		_, err = s.Products.UpdateProduct(ctx, other.ID, domain.ProductUpdate{ProductFields: f, Version: other.Version})
		wantField(t, "update to a SKU taken", err, domain.EConflict, domain.FieldSKU, "sku.taken")
		f = domain.NewProductFields()
		f.SKU, f.ListPrice = "Ź-1", -1
		_, err = s.Products.CreateProduct(ctx, f)
		wantField(t, "invalid", err, domain.EInvalid, domain.FieldSKU, "sku.chars")
		wantField(t, "invalid", err, domain.EInvalid, domain.FieldName, "field.required")
		wantField(t, "invalid", err, domain.EInvalid, domain.FieldListPrice, "price.negative")
	})

	t.Run("ListAndSearch", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		product(t, s, "MAK-650-1", "Mąka pszenna typ 650", "3", func(f *domain.ProductFields) { f.Unit = "kg" })
		product(t, s, "MAK-500", "Mąka żytnia", "4")
		product(t, s, "CUK-1", "Cukier biały", "4", func(f *domain.ProductFields) { f.Description = "Kryształ, pszenny worek" })
		product(t, s, "OLD-1", "Mąka stara", "1", func(f *domain.ProductFields) { f.Active = false })
		product(t, s, "ZUR-1", "Żurek", "5")
		product(t, s, "ZIE-1", "Ziemniaki", "2")

		list, total, err := s.Products.FindProducts(ctx, domain.ProductQuery{})
		check(t, "list", err)
		equal(t, "active total", total, 5)
		equalList(t, "Polish order", productNames(list),
			[]string{"Cukier biały", "Mąka pszenna typ 650", "Mąka żytnia", "Ziemniaki", "Żurek"})
		list, total, err = s.Products.FindProducts(ctx, domain.ProductQuery{Offset: 1, Limit: 2})
		check(t, "page", err)
		equal(t, "page total", total, 5)
		equalList(t, "page", productNames(list), []string{"Mąka pszenna typ 650", "Mąka żytnia"})
		list, total, err = s.Products.FindProducts(ctx, domain.ProductQuery{Active: domain.InactiveOnly})
		check(t, "inactive", err)
		equal(t, "inactive total", total, 1)
		equalList(t, "inactive", productNames(list), []string{"Mąka stara"})
		_, total, err = s.Products.FindProducts(ctx, domain.ProductQuery{Active: domain.AnyActive})
		check(t, "any", err)
		equal(t, "total of both", total, 6)

		for _, c := range []struct {
			q    domain.ProductQuery
			want []string
		}{
			{domain.ProductQuery{Text: "mak pszen"}, []string{"Mąka pszenna typ 650"}},
			{domain.ProductQuery{Text: "MĄKA"}, []string{"Mąka pszenna typ 650", "Mąka żytnia"}},
			{domain.ProductQuery{Text: "mak", Active: domain.AnyActive}, []string{"Mąka pszenna typ 650", "Mąka stara", "Mąka żytnia"}},
			{domain.ProductQuery{Text: "pszen"}, []string{"Cukier biały", "Mąka pszenna typ 650"}}, // the description counts
			{domain.ProductQuery{Text: "mak650"}, []string{"Mąka pszenna typ 650"}},                // the SKU run together
			{domain.ProductQuery{Text: "mak-650"}, []string{"Mąka pszenna typ 650"}},
			{domain.ProductQuery{Text: "zur"}, []string{"Żurek"}},
			{domain.ProductQuery{Text: "mak", Limit: 1}, []string{"Mąka pszenna typ 650"}},
			{domain.ProductQuery{Text: "nic"}, nil},
		} {
			list, total, err := s.Products.FindProducts(ctx, c.q)
			check(t, "search "+c.q.Text, err)
			equalList(t, "search "+c.q.Text, productNames(list), c.want)
			equal(t, "hits of "+c.q.Text, total, len(c.want))
		}
	})

	t.Run("DefaultPage", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		for i := range domain.DefaultSearchLimit + 2 {
			product(t, s, fmt.Sprintf("P-%03d", i), fmt.Sprintf("Produkt %03d", i), "1")
		}
		list, total, err := s.Products.FindProducts(ctx, domain.ProductQuery{})
		check(t, "list", err)
		equal(t, "total", total, domain.DefaultSearchLimit+2)
		equal(t, "a list without a limit holds the default page", len(list), domain.DefaultSearchLimit)
	})

	t.Run("Delete", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków")
		free := product(t, s, "FREE", "Wolny", "1")
		priced := product(t, s, "PRICED", "Z ceną", "1", func(f *domain.ProductFields) { f.Unit = "kg" })
		ordered := product(t, s, "ORDERED", "Zamówiony", "1")
		agreement(t, s, map[string]string{domain.FieldSKU: "PRICED", domain.FieldAccountCode: "K1", domain.FieldPrice: "0,9",
			domain.FieldMinQty: "2,5"})
		o := domain.NewOrderFields(a, Today)
		o.Lines = []domain.DocumentLine{line(t, ordered, "1")}
		_, err := s.Orders.CreateOrder(ctx, o)
		check(t, "order", err)

		check(t, "delete free", s.Products.DeleteProduct(ctx, free.ID))
		_, err = s.Products.FindProductByID(ctx, free.ID)
		wantErr(t, "deleted", err, domain.ENotFound, "product.not_found")
		wantErr(t, "delete with an agreement", s.Products.DeleteProduct(ctx, priced.ID), domain.EConflict, "product.referenced")
		wantErr(t, "delete with an order", s.Products.DeleteProduct(ctx, ordered.ID), domain.EConflict, "product.referenced")
		wantErr(t, "delete missing", s.Products.DeleteProduct(ctx, 999), domain.ENotFound, "record.deleted")

		// A unit that cannot express an agreement's tier is refused.
		f := priced.ProductFields
		f.Unit = "szt"
		_, err = s.Products.UpdateProduct(ctx, priced.ID, domain.ProductUpdate{ProductFields: f, Version: priced.Version})
		wantField(t, "unit against a tier", err, domain.EInvalid, domain.FieldUnit, "unit.tiers")
	})
}

func groupNames(list []domain.CustomerGroup) []string {
	return mapList(list, func(g domain.CustomerGroup) string { return fmt.Sprintf("%s:%d", g.Name, g.Members) })
}

// Groups: customer groups, created by the accounts that name them or by hand.
func Groups(t *testing.T, open Factory) {
	t.Run("CreateFindRename", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		a := account(t, s, "K1", "Firma", "Kraków", withGroup("Hurt"))
		account(t, s, "K2", "Druga", "Kraków", withGroup("Hurt"))
		arch := account(t, s, "K3", "Trzecia", "Kraków", withGroup("Łańcuchy"))
		_, err := s.Accounts.SetAccountArchived(ctx, arch.ID, true)
		check(t, "archive", err)
		empty, err := s.Groups.CreateGroup(ctx, "  Apteki ")
		check(t, "create", err)
		if empty.ID == 0 || empty.Name != "Apteki" || empty.Members != 0 {
			t.Errorf("created = %+v", empty)
		}
		list, err := s.Groups.FindGroups(ctx)
		check(t, "list", err)
		// Archived accounts are members too.
		equalList(t, "groups in Polish order", groupNames(list), []string{"Apteki:0", "Hurt:2", "Łańcuchy:1"})
		_, err = s.Groups.CreateGroup(ctx, "Hurt")
		wantField(t, "name taken", err, domain.EConflict, domain.FieldName, "group.taken")
		wantErr(t, "name taken", err, domain.EConflict, "group.name_taken")
		_, err = s.Groups.CreateGroup(ctx, " ")
		wantField(t, "blank", err, domain.EInvalid, domain.FieldName, "field.required")

		hurt, err := s.Groups.FindGroupByName(ctx, "Hurt")
		check(t, "by name", err)
		equal(t, "members", hurt.Members, 2)
		_, err = s.Groups.FindGroupByName(ctx, "Nie ma")
		wantErr(t, "by unknown name", err, domain.ENotFound, "group.not_found")
		_, err = s.Groups.FindGroupByID(ctx, 999)
		wantErr(t, "by unknown id", err, domain.ENotFound, "group.not_found")
		got, err := s.Groups.FindGroupByID(ctx, hurt.ID)
		check(t, "by id", err)
		equal(t, "by id", got.Name, "Hurt")

		same, err := s.Groups.RenameGroup(ctx, hurt.ID, "Hurt")
		check(t, "rename to the same name", err)
		equal(t, "same name", same.Name, "Hurt")
		acc, err := s.Accounts.FindAccountByID(ctx, a.ID)
		check(t, "member", err)
		equal(t, "member's version after a rename to the same name", acc.Version, 1)
		_, err = s.Groups.RenameGroup(ctx, hurt.ID, "Apteki")
		wantField(t, "rename to a name taken", err, domain.EConflict, domain.FieldName, "group.taken")
		_, err = s.Groups.RenameGroup(ctx, 999, "X")
		wantErr(t, "rename unknown", err, domain.ENotFound, "group.not_found")
		renamed, err := s.Groups.RenameGroup(ctx, hurt.ID, "Hurtownie")
		check(t, "rename", err)
		if renamed.ID != hurt.ID || renamed.Name != "Hurtownie" || renamed.Members != 2 {
			t.Errorf("renamed = %+v", renamed)
		}
		acc, err = s.Accounts.FindAccountByID(ctx, a.ID)
		check(t, "member", err)
		// Members follow, with a new version so that an open editor does not write the old name back.
		if acc.CustomerGroup != "Hurtownie" || acc.Version != 2 {
			t.Errorf("member = group %q, version %d; want Hurtownie, 2", acc.CustomerGroup, acc.Version)
		}
	})

	t.Run("MembersAndDelete", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		for i, name := range []string{"Żaba", "Ćma", "Lis", "Łoś", "Cyna"} {
			account(t, s, fmt.Sprintf("K%d", i), name, "Kraków", withGroup("Hurt"))
		}
		account(t, s, "OUT", "Apteka", "Kraków", withGroup("Inna"))
		g, err := s.Groups.FindGroupByName(ctx, "Hurt")
		check(t, "group", err)
		rows, total, err := s.Groups.FindGroupMembers(ctx, g.ID, 1, 3)
		check(t, "members", err)
		equal(t, "members total", total, 5)
		equalList(t, "members page", mapList(rows, func(r domain.AccountRow) string { return r.Name }), []string{"Ćma", "Lis", "Łoś"})
		_, _, err = s.Groups.FindGroupMembers(ctx, 999, 0, 0)
		wantErr(t, "members of unknown", err, domain.ENotFound, "group.not_found")

		wantErr(t, "delete with members", s.Groups.DeleteGroup(ctx, g.ID), domain.EConflict, "group.has_members")
		product(t, s, "P1", "Produkt", "10")
		priced, err := s.Groups.CreateGroup(ctx, "Z cenami")
		check(t, "create", err)
		agreement(t, s, map[string]string{domain.FieldSKU: "P1", domain.FieldCustomerGroup: "Z cenami", domain.FieldPrice: "9"})
		wantErr(t, "delete with agreements", s.Groups.DeleteGroup(ctx, priced.ID), domain.EConflict, "group.has_agreements")
		free, err := s.Groups.CreateGroup(ctx, "Wolna")
		check(t, "create", err)
		check(t, "delete", s.Groups.DeleteGroup(ctx, free.ID))
		_, err = s.Groups.FindGroupByID(ctx, free.ID)
		wantErr(t, "deleted", err, domain.ENotFound, "group.not_found")
		wantErr(t, "delete unknown", s.Groups.DeleteGroup(ctx, 999), domain.ENotFound, "group.not_found")
	})
}

// Company: the seller's details.
func Company(t *testing.T, open Factory) {
	s := open(t)
	c, err := s.Company.FindCompany(ctx)
	check(t, "never saved", err)
	equal(t, "never saved", *c, domain.CompanySettings{Country: "PL"})
	in := domain.CompanySettings{Name: "Kontor Sp. z o.o.", Street: "ul. Źródlana 1", PostalCode: "00950", City: "Warszawa",
		TaxID: "PL 526-000-12-46", BankAccount: "61 1090 1014 0000 0712 1981 2874", Email: "biuro@kontor.pl", Remittance: "Przelewem"}
	saved, err := s.Company.SaveCompany(ctx, in)
	check(t, "save", err)
	want := in
	want.Country, want.PostalCode, want.TaxID, want.BankAccount = "PL", "00-950", "5260001246", "PL61109010140000071219812874"
	equal(t, "saved", *saved, want)
	c, err = s.Company.FindCompany(ctx)
	check(t, "find", err)
	equal(t, "found", *c, want)

	_, err = s.Company.SaveCompany(ctx, domain.CompanySettings{City: "Kraków", TaxID: "123", Logo: "logo.gif"})
	wantErr(t, "invalid", err, domain.EInvalid, "company.invalid")
	wantField(t, "invalid", err, domain.EInvalid, domain.FieldName, "field.required")
	wantField(t, "invalid", err, domain.EInvalid, domain.FieldTaxID, "nip.format")
	wantField(t, "invalid", err, domain.EInvalid, domain.FieldLogo, "logo.format")
	c, err = s.Company.FindCompany(ctx)
	check(t, "find after a refused save", err)
	equal(t, "kept", *c, want)
}
