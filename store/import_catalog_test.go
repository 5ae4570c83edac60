package store_test

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/xfer"
)

// importCatalog reads src as a products or prices file and imports it as "anna".
func importCatalog(t testing.TB, db *store.DB, kind, src string) (store.ImportSummary, error) {
	t.Helper()
	tr := store.NewTransfer(db)
	switch kind {
	case "products":
		f, err := xfer.ReadProducts(kind+".csv", strings.NewReader(src))
		if err != nil {
			return store.ImportSummary{}, err
		}
		return tr.ImportProducts(ctx, f)
	case "prices":
		f, err := xfer.ReadPrices(kind+".csv", strings.NewReader(src))
		if err != nil {
			return store.ImportSummary{}, err
		}
		return tr.ImportPrices(ctx, f, "anna")
	}
	t.Fatalf("kind %s", kind)
	return store.ImportSummary{}, nil
}

func mustImportCatalog(t testing.TB, db *store.DB, kind, src string) store.ImportSummary {
	t.Helper()
	sum, err := importCatalog(t, db, kind, src)
	if err != nil {
		t.Fatalf("import %s: %v", kind, err)
	}
	return sum
}

func exportCatalog(t testing.TB, db *store.DB, kind string) string {
	t.Helper()
	var b bytes.Buffer
	tr := store.NewTransfer(db)
	var err error
	switch kind {
	case "products":
		w, _ := xfer.NewWriter(xfer.CSV, &b, xfer.ProductSchema)
		err = tr.ExportProducts(ctx, func(p *domain.Product) error { return w.Write(xfer.ProductCells(p)) })
		if err == nil {
			err = w.Close()
		}
	case "prices":
		w, _ := xfer.NewWriter(xfer.CSV, &b, xfer.PriceSchema)
		err = tr.ExportPrices(ctx, func(a *domain.Agreement) error { return w.Write(xfer.PriceCells(a)) })
		if err == nil {
			err = w.Close()
		}
	}
	if err != nil {
		t.Fatalf("export %s: %v", kind, err)
	}
	return b.String()
}

func TestImportProducts(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	sum := mustImportCatalog(t, db, "products", "sku;name;description;unit;list_price;vat_rate;active\n"+
		"MAK-1;Mąka pszenna typ 650 1 kg;Młyn;opak.;3,49;5%;tak\n"+
		"SER-1;Ser gouda;;KG;\"29,9\";5;\n"+
		"OLE-1;Olej rzepakowy 1 l;;szt;\"1 234,5678\";23;nie\n")
	if sum != (store.ImportSummary{Created: 3}) {
		t.Errorf("first import: %+v", sum)
	}
	products := store.NewProductService(db)
	p, err := products.FindProductBySKU(ctx, "ser-1")
	if err != nil || p.Unit != "kg" || p.ListPrice != 299000 || !p.Active || p.VATRate != domain.VAT5 {
		t.Fatalf("SER-1: %+v %v", p, err)
	}
	// The search index knows the imported names.
	if hits, _, _ := products.FindProducts(ctx, domain.ProductQuery{Text: "maka"}); len(hits) != 1 || hits[0].SKU != "MAK-1" {
		t.Errorf("search after import: %+v", hits)
	}
	// A file with fewer columns updates only those; the SKU matches ignoring case.
	sum = mustImportCatalog(t, db, "products", "sku,name,list_price,vat_rate\nmak-1,Mąka pszenna typ 650 1 kg,3.59,5\nSER-1,Ser gouda,29.90,5\n")
	if sum != (store.ImportSummary{Updated: 1, Unchanged: 1}) {
		t.Errorf("second import: %+v", sum)
	}
	m, _ := products.FindProductBySKU(ctx, "MAK-1")
	if m.SKU != "MAK-1" || m.ListPrice != 35900 || m.Description != "Młyn" || m.Unit != "opak" || m.Version != 2 {
		t.Errorf("updated MAK-1: %+v", m)
	}
	// Export, then import: nothing changes.
	out := exportCatalog(t, db, "products")
	if !strings.HasPrefix(out, "sku,name,description,unit,list_price,vat_rate,active\nMAK-1,") || !strings.Contains(out, "OLE-1,Olej rzepakowy 1 l,,szt,1234.5678,23,false") {
		t.Errorf("export:\n%s", out)
	}
	if sum := mustImportCatalog(t, db, "products", out); sum != (store.ImportSummary{Unchanged: 3}) {
		t.Errorf("re-import of the export: %+v", sum)
	}
}

func TestImportProductsBadInput(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	mustImportCatalog(t, db, "products", "sku,name,list_price,vat_rate\nOK-1,Cukier,4.20,5\n")
	before := exportCatalog(t, db, "products")
	_, err := importCatalog(t, db, "products", "sku,name,unit,list_price,vat_rate,active\n"+
		"A-1,Dobry,szt,1,23,\n"+
		"a-1,Powtórzony,szt,1,23,\n"+ // duplicate SKU in the file
		"A-2,Ujemna,szt,-1,23,\n"+
		"A-3,Zbyt dokładna,szt,1.23456,23,\n"+
		"A-4,Zły VAT,szt,1,22,\n"+
		"A-5,Bez VAT,szt,1,,\n"+
		"A-6,Zła jednostka,beczka,1,23,\n"+
		"A-7,,szt,1,23,\n"+
		"A-8,Zła aktywność,szt,1,23,może\n"+
		"A 9,Spacja,szt,1,23,\n")
	got := problems(t, err)
	want := []string{
		"products.csv:3: sku: a-1 is already on line 2; a product may appear once in a file",
		"products.csv:4: list_price: a price cannot be negative",
		"products.csv:5: list_price: 1.23456 has more than 4 decimal places",
		"products.csv:6: vat_rate: 22 is not a VAT rate (23, 8, 5, 0 or zw)",
		"products.csv:7: vat_rate: a value is required",
		"products.csv:8: unit: beczka is not a unit Kontor knows (szt, opak, kpl, para, rolka, karton, paleta, kg, t, l, m3, m, mb, m2)",
		"products.csv:9: name: a value is required",
		"products.csv:10: active: może is not true or false",
		"products.csv:11: sku: a SKU uses only letters A–Z, digits and . _ / - (no spaces or Polish letters)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if after := exportCatalog(t, db, "products"); after != before {
		t.Errorf("a rejected file changed the catalog:\n%s", after)
	}
}

// priceFixture stores head office HQ, its branch K1 (group Hurt), group Detal,
// and products MAK (opak, 10.00) and SER (kg, 29.90).
func priceFixture(t *testing.T) *store.DB {
	t.Helper()
	db := openTemp(t)
	fixedClock(db, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	accounts := store.NewAccountService(db)
	mustCreate(t, accounts, "HQ", "Centrala", "Warszawa")
	mustCreate(t, accounts, "K1", "Oddział Łódź", "Łódź", func(f *domain.AccountFields) { f.ParentCode, f.CustomerGroup = "HQ", "Hurt" })
	if _, err := store.NewGroupService(db).CreateGroup(ctx, "Detal"); err != nil {
		t.Fatal(err)
	}
	mustImportCatalog(t, db, "products", "sku,name,unit,list_price,vat_rate\nMAK,Mąka,opak,10,5\nSER,Ser,kg,29.90,5\n")
	return db
}

func TestImportPrices(t *testing.T) {
	t.Parallel()
	db := priceFixture(t)
	src := "sku;account_code;customer_group;min_qty;price;discount_pct;valid_from;valid_to\n" +
		"MAK;K1;;;9,20;;01.01.2026;\n" +
		"MAK;K1;;10;8,50;;2026-01-01;\n" +
		"mak;;Hurt;;;12,5;;\n" +
		"SER;hq;;2,5;27,1234;;;31.12.2026\n"
	if sum := mustImportCatalog(t, db, "prices", src); sum != (store.ImportSummary{Created: 4}) {
		t.Errorf("first import: %+v", sum)
	}
	prices := store.NewPriceService(db)
	k1 := account(t, db, "K1")
	for _, tc := range []struct {
		sku    string
		qty    domain.Quantity
		price  domain.UnitPrice
		source domain.PriceSource
	}{
		{"MAK", domain.One, 92000, domain.SourceAccount},
		{"MAK", 10 * domain.One, 85000, domain.SourceAccount},
		{"SER", 2500, 271234, domain.SourceParent},
		{"SER", 2000, 299000, domain.SourceList},
	} {
		r, err := prices.Resolve(ctx, k1.ID, tc.sku, tc.qty, domain.NewDate(2026, 3, 15))
		if err != nil || r.Price != tc.price || r.Source != tc.source {
			t.Errorf("%s × %s: %v %v, want %s from %s", tc.sku, tc.qty, r, err, tc.price, tc.source)
		}
	}
	as, _, _ := store.NewAgreementService(db).FindAgreements(ctx, domain.AgreementFilter{})
	for _, a := range as {
		if a.CreatedBy != "anna" {
			t.Errorf("#%d created by %q", a.ID, a.CreatedBy)
		}
	}
	// Importing the same file, or the export, changes nothing.
	if sum := mustImportCatalog(t, db, "prices", src); sum != (store.ImportSummary{Unchanged: 4}) {
		t.Errorf("same file again: %+v", sum)
	}
	out := exportCatalog(t, db, "prices")
	want := "sku,account_code,customer_group,min_qty,price,discount_pct,valid_from,valid_to\n" +
		"MAK,K1,,1,9.20,,2026-01-01,\n" +
		"MAK,K1,,10,8.50,,2026-01-01,\n" +
		"MAK,,Hurt,1,,12.5,,\n" +
		"SER,HQ,,2.5,27.1234,,,2026-12-31\n"
	if out != want {
		t.Errorf("export:\n%s\nwant\n%s", out, want)
	}
	if sum := mustImportCatalog(t, db, "prices", out); sum != (store.ImportSummary{Unchanged: 4}) {
		t.Errorf("re-import of the export: %+v", sum)
	}
}

func TestImportPricesBadInput(t *testing.T) {
	t.Parallel()
	db := priceFixture(t)
	mustImportCatalog(t, db, "prices", "sku,account_code,price\nMAK,K1,9\n")
	before := exportCatalog(t, db, "prices")
	_, err := importCatalog(t, db, "prices", "sku,account_code,customer_group,min_qty,price,discount_pct,valid_from,valid_to\n"+
		"MAK,HQ,,,9,,,\n"+ // good
		"MAK,HQ,,4,8,5,,\n"+ // both price and discount
		"MAK,HQ,,5,,,,\n"+ // neither
		"MAK,HQ,,6,,100.5,,\n"+ // discount over 100
		"MAK,HQ,,7,,-1,,\n"+ // negative discount
		"MAK,HQ,,8,-2,,,\n"+ // negative price
		"MAK,HQ,,9,1.23456,,,\n"+ // over-precise price
		"MAK,HQ,,10,1,,2026-05-01,2026-04-30\n"+ // valid_to before valid_from
		"NOPE,HQ,,,1,,,\n"+ // unknown SKU
		"MAK,NOPE,,11,1,,,\n"+ // unknown account
		"MAK,,Nope,,1,,,\n"+ // unknown group
		"MAK,HQ,Hurt,12,1,,,\n"+ // both targets
		"MAK,,,13,1,,,\n"+ // no target
		"MAK,HQ,,2.5,1,,,\n"+ // 2.5 opak: the unit is counted whole
		"SER,HQ,,1.2345,1,,,\n"+ // more decimals than any quantity
		"MAK,hq,,,7,,,\n"+ // the key of line 2 again
		"MAK,HQ,,14,1,,31.02.2026,\n") // no such day
	got := problems(t, err)
	want := []string{
		"prices.csv:3: discount_pct: give a price or a discount_pct, not both",
		"prices.csv:4: price: give a price or a discount_pct",
		"prices.csv:5: discount_pct: a discount is from 0 to 100 %",
		"prices.csv:6: discount_pct: a discount is from 0 to 100 %",
		"prices.csv:7: price: a price cannot be negative",
		"prices.csv:8: price: 1.23456 has more than 4 decimal places",
		"prices.csv:9: valid_to: valid_to (2026-04-30) is before valid_from (2026-05-01)",
		"prices.csv:10: sku: there is no product with SKU NOPE",
		"prices.csv:11: account_code: there is no account with code NOPE",
		"prices.csv:12: customer_group: there is no customer group Nope",
		"prices.csv:13: customer_group: give an account_code or a customer_group, not both",
		"prices.csv:14: account_code: give an account_code or a customer_group",
		"prices.csv:15: min_qty: 2.5 opak: this unit is counted in whole numbers",
		"prices.csv:16: min_qty: 1.2345 has more than 3 decimal places",
		"prices.csv:17: valid_from: line 2 already has MAK for the same customer, min_qty and valid_from; an agreement may appear once in a file",
		"prices.csv:18: valid_from: 31.02.2026 is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if after := exportCatalog(t, db, "prices"); after != before {
		t.Errorf("a rejected file changed the prices:\n%s", after)
	}
	// A header with no target or no terms is refused as a whole.
	_, err = importCatalog(t, db, "prices", "sku,min_qty\nMAK,1\n")
	if got := strings.Join(problems(t, err), "\n"); !strings.Contains(got, "prices.csv:1: account_code: the file needs an account_code or a customer_group column") ||
		!strings.Contains(got, "prices.csv:1: price: the file needs a price or a discount_pct column") {
		t.Errorf("header problems:\n%s", got)
	}
}

func TestImportPricesNeverRewritesThePast(t *testing.T) {
	t.Parallel()
	db := priceFixture(t) // today is 2026-03-10
	mustImportCatalog(t, db, "prices", "sku,account_code,price,valid_from\nMAK,K1,9,2026-01-01\nSER,K1,25,2026-04-01\n")
	agreements := store.NewAgreementService(db)
	k1 := account(t, db, "K1")
	list := func() []*domain.Agreement {
		as, _, err := agreements.FindAgreements(ctx, domain.AgreementFilter{AccountID: k1.ID})
		if err != nil {
			t.Fatal(err)
		}
		return as
	}
	// New terms from a later day end the old ones the day before.
	sum := mustImportCatalog(t, db, "prices", "sku,account_code,price,valid_from\nMAK,K1,8.80,2026-04-01\n")
	if sum != (store.ImportSummary{Created: 1, Updated: 1}) {
		t.Errorf("a change: %+v", sum)
	}
	as := list()
	if len(as) != 3 || as[0].ValidTo != domain.NewDate(2026, 3, 31) || as[0].EndedBy != "anna" || as[0].ReplacedBy != as[1].ID {
		t.Errorf("after the change: %+v", as[:min(2, len(as))])
	}
	// Other terms under the key of an agreement in effect: refused.
	_, err := importCatalog(t, db, "prices", "sku,account_code,price,valid_from\nMAK,K1,7,2026-01-01\n")
	if got := problems(t, err); len(got) != 1 || !strings.Contains(got[0], "prices.csv:2: valid_from: agreement #1 has been in effect since 2026-01-01") {
		t.Errorf("rewriting an agreement in effect: %v", got)
	}
	// The end of an agreement in effect may move, but only in the future.
	if sum := mustImportCatalog(t, db, "prices", "sku,account_code,price,valid_from,valid_to\nMAK,K1,8.80,2026-04-01,2026-12-31\n"); sum != (store.ImportSummary{Updated: 1}) {
		t.Errorf("a new end: %+v", sum)
	}
	_, err = importCatalog(t, db, "prices", "sku,account_code,price,valid_from,valid_to\nMAK,K1,9,2026-01-01,2026-02-28\n")
	if got := problems(t, err); len(got) != 1 || !strings.Contains(got[0], "valid_to: agreement #1 ended or would end before yesterday") {
		t.Errorf("ending in the past: %v", got)
	}
	// An agreement not yet in effect may get other terms: it is replaced.
	if sum := mustImportCatalog(t, db, "prices", "sku,account_code,price,valid_from\nSER,K1,24.50,2026-04-01\n"); sum != (store.ImportSummary{Updated: 1}) {
		t.Errorf("replacing a future agreement: %+v", sum)
	}
	var ser []string
	for _, a := range list() {
		if a.SKU == "SER" {
			ser = append(ser, fmt.Sprintf("%s from %s", a.Price, a.ValidFrom))
		}
	}
	if strings.Join(ser, "; ") != "24.50 from 2026-04-01" {
		t.Errorf("SER agreements: %v", ser)
	}
	// Prices paid in March still come out as they did.
	r, err := store.NewPriceService(db).Resolve(ctx, k1.ID, "MAK", domain.One, domain.NewDate(2026, 3, 20))
	if err != nil || r.Price != 90000 {
		t.Errorf("March price: %v %v", r, err)
	}
}
