package store_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

func mustProduct(t *testing.T, s *store.ProductService, sku, name, unit, price string, set ...func(*domain.ProductFields)) *domain.Product {
	t.Helper()
	f := domain.NewProductFields()
	for field, v := range map[string]string{"sku": sku, "name": name, "unit": unit, "list_price": price} {
		if err := f.Set(field, v); err != nil {
			t.Fatalf("%s: %v", field, err)
		}
	}
	for _, fn := range set {
		fn(&f)
	}
	p, err := s.CreateProduct(ctx, f)
	if err != nil {
		t.Fatalf("create %s: %v", sku, err)
	}
	return p
}

func TestProductCRUD(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	fixedClock(db, time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))
	s := store.NewProductService(db)
	p := mustProduct(t, s, "MAK-650-1", "Mąka pszenna typ 650 1 kg", "opak", "3,4567", func(f *domain.ProductFields) {
		f.Description, f.VATRate = "Młyn Szczepanki, papierowa torba", domain.VAT5
	})
	if p.ID == 0 || p.Version != 1 || p.ListPrice != 34567 || p.Unit != "opak" || p.VATRate != domain.VAT5 || !p.Active {
		t.Errorf("created %+v", p)
	}
	got, err := s.FindProductBySKU(ctx, "mak-650-1")
	if err != nil || got.ID != p.ID || !reflect.DeepEqual(got, p) {
		t.Errorf("by SKU (other case): %+v, %v", got, err)
	}
	// A duplicate SKU, in any ASCII case, is a conflict on the sku field.
	_, err = s.CreateProduct(ctx, domain.ProductFields{SKU: "Mak-650-1", Name: "Inna", Unit: "szt", VATRate: "23", Active: true})
	if e, ok := domain.AsError(err); !ok || e.Code != domain.EConflict || len(e.Fields) != 1 || e.Fields[0].Field != domain.FieldSKU {
		t.Errorf("duplicate SKU: %v", err)
	}
	upd := domain.ProductUpdate{ProductFields: p.ProductFields, Version: p.Version}
	upd.Name, upd.Active = "Mąka pszenna typ 750 1 kg", false
	p2, err := s.UpdateProduct(ctx, p.ID, upd)
	if err != nil || p2.Version != 2 || p2.Name != upd.Name || p2.Active {
		t.Fatalf("update: %+v %v", p2, err)
	}
	if _, err := s.UpdateProduct(ctx, p.ID, upd); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("stale update: %v", err)
	}
	bad := upd
	bad.Version, bad.ListPrice = 0, -1
	if _, err := s.UpdateProduct(ctx, p.ID, bad); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("negative price saved: %v", err)
	}
	if err := s.DeleteProduct(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindProductByID(ctx, p.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("after delete: %v", err)
	}
}

func TestProductSearch(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewProductService(db)
	mustProduct(t, s, "MAK-650-1", "Mąka pszenna typ 650 1 kg", "opak", "3.49")
	mustProduct(t, s, "MAK-ZYT-2", "Mąka żytnia typ 2000 2 kg", "opak", "7.99")
	mustProduct(t, s, "CUK-1", "Cukier biały 1 kg", "kg", "4.20", func(f *domain.ProductFields) { f.Description = "Łódzka cukrownia" })
	mustProduct(t, s, "OLE-1", "Olej rzepakowy 1 l", "szt", "8.99", func(f *domain.ProductFields) { f.Active = false })
	find := func(q domain.ProductQuery) []string {
		t.Helper()
		ps, _, err := s.FindProducts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			out = append(out, p.SKU)
		}
		return out
	}
	for _, tc := range []struct {
		q    domain.ProductQuery
		want []string
	}{
		{domain.ProductQuery{Text: "maka"}, []string{"MAK-650-1", "MAK-ZYT-2"}},
		{domain.ProductQuery{Text: "MĄKA ŻYT"}, []string{"MAK-ZYT-2"}},
		{domain.ProductQuery{Text: "mak650"}, []string{"MAK-650-1"}},
		{domain.ProductQuery{Text: "mak-zyt"}, []string{"MAK-ZYT-2"}},
		{domain.ProductQuery{Text: "lodz"}, []string{"CUK-1"}}, // the description
		{domain.ProductQuery{Text: "olej"}, nil},
		{domain.ProductQuery{Text: "olej", Active: domain.InactiveOnly}, []string{"OLE-1"}},
		{domain.ProductQuery{Text: "1", Active: domain.AnyActive}, []string{"CUK-1", "MAK-650-1", "OLE-1"}},
		{domain.ProductQuery{}, []string{"CUK-1", "MAK-650-1", "MAK-ZYT-2"}}, // name order: Cukier, Mąka p…, Mąka ż…
		{domain.ProductQuery{Offset: 1, Limit: 1}, []string{"MAK-650-1"}},
		{domain.ProductQuery{Active: domain.AnyActive}, []string{"CUK-1", "MAK-650-1", "MAK-ZYT-2", "OLE-1"}},
	} {
		if got := find(tc.q); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.q, got, tc.want)
		}
	}
	if _, total, _ := s.FindProducts(ctx, domain.ProductQuery{Limit: 1}); total != 3 {
		t.Errorf("total %d, want 3 active", total)
	}
}

// TestProductSearchNameOrder checks that many hits come in Polish name order,
// renamed products included, as the account search does.
func TestProductSearchNameOrder(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	s := store.NewProductService(db)
	names := []string{"Żurek", "Łosoś", "Ser", "Śledź", "Zupa", "Lody", "Ćwikła", "Cebula"}
	var ids []domain.ProductID
	for i := 0; i < 80; i++ {
		p := mustProduct(t, s, fmt.Sprintf("P%03d", i), fmt.Sprintf("%s %d", names[i%len(names)], i), "szt", "1")
		ids = append(ids, p.ID)
	}
	for i := 0; i < 80; i += 7 {
		p, _ := s.FindProductByID(ctx, ids[i])
		upd := domain.ProductUpdate{ProductFields: p.ProductFields}
		upd.Name = "Ą " + p.Name
		if _, err := s.UpdateProduct(ctx, p.ID, upd); err != nil {
			t.Fatal(err)
		}
	}
	all, _, err := s.FindProducts(ctx, domain.ProductQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	hits, _, err := s.FindProducts(ctx, domain.ProductQuery{Text: "p", Limit: 100}) // every SKU starts with p
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 80 || len(all) != 80 {
		t.Fatalf("%d hits, %d listed", len(hits), len(all))
	}
	for i := range all {
		if hits[i].ID != all[i].ID {
			t.Fatalf("hit %d is %s, list has %s", i, hits[i].Name, all[i].Name)
		}
	}
	top, _, _ := s.FindProducts(ctx, domain.ProductQuery{Text: "p", Limit: 10})
	for i := range top {
		if top[i].ID != all[i].ID {
			t.Fatalf("top 10: %d is %s, want %s", i, top[i].Name, all[i].Name)
		}
	}
}

func TestProductUnitMustFitTiers(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	products, agreements := store.NewProductService(db), store.NewAgreementService(db)
	mustCreate(t, store.NewAccountService(db), "K1", "Sklep", "Łódź")
	p := mustProduct(t, products, "SER-1", "Ser gouda", "kg", "29.90")
	f := domain.AgreementFields{SKU: "SER-1", AccountCode: "K1", MinQty: 2500, Price: 250000, HasPrice: true}
	if _, err := agreements.CreateAgreement(ctx, f, "anna"); err != nil {
		t.Fatal(err)
	}
	upd := domain.ProductUpdate{ProductFields: p.ProductFields}
	upd.Unit = "szt"
	_, err := products.UpdateProduct(ctx, p.ID, upd)
	if e, ok := domain.AsError(err); !ok || e.Code != domain.EInvalid || e.Fields[0].Field != domain.FieldUnit {
		t.Errorf("kg → szt with a 2.5 kg tier: %v", err)
	}
	if err := products.DeleteProduct(ctx, p.ID); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("delete with agreements: %v", err)
	}
}
