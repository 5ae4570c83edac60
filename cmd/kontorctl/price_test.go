package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kontor/store/storetest"
)

// priceDB makes a database with a head office HQ, its branch K1 in group Hurt,
// two products and agreements at every level, through the import commands.
// The import numbers new agreements by product, customer, tier and start: HQ's
// is #1, K1's tier #2, Hurt's #3, K1's cheese #4.
func priceDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = storetest.PathIn(t, dir, "kontor.db")
	for _, step := range []struct{ kind, src string }{
		{"accounts", "code,name,city,customer_group,parent_code\nHQ,Centrala Społem,Warszawa,,\nK1,Społem Łódź,Łódź,Hurt,HQ\n"},
		{"products", "sku,name,unit,list_price,vat_rate\nMAK-1,Mąka pszenna typ 650 1 kg,opak,3.49,5\nSER-1,Ser gouda,kg,29.90,5\n"},
		{"prices", "sku,account_code,customer_group,min_qty,price,discount_pct,valid_from,valid_to\n" +
			"MAK-1,,Hurt,,,10,,\n" +
			"MAK-1,HQ,,,3.20,,2026-01-01,\n" +
			"MAK-1,K1,,20,2.95,,2026-01-01,2026-06-30\n" +
			"SER-1,K1,,2.5,27.5,,,\n"},
	} {
		code, _, errs := ctl(t, db, "import", step.kind, writeFile(t, dir, step.kind+".csv", []byte(step.src)))
		if code != exitOK {
			t.Fatalf("import %s: %s", step.kind, errs)
		}
	}
	return dir, db
}

func TestPriceJSON(t *testing.T) {
	t.Parallel()
	_, db := priceDB(t)
	code, out, errs := ctl(t, db, "price", "--account", "K1", "--sku", "MAK-1", "--qty", "20", "--date", "2026-03-15", "--json")
	if code != exitOK {
		t.Fatalf("price = %d %q", code, errs)
	}
	// The contract: price a decimal string, source one of four words, reason a sentence.
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, key := range []string{"price", "source", "reason"} {
		if _, ok := raw[key].(string); !ok {
			t.Errorf("%q is %T, want a string", key, raw[key])
		}
	}
	var got priceJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Price != "2.95" || got.Source != "account" || got.ListPrice != "3.49" || got.Agreement == nil || *got.Agreement != 2 ||
		!strings.HasPrefix(got.Reason, "Agreement #2 for this account: a fixed price of 2.95, from quantity 20") {
		t.Errorf("price --json = %+v", got)
	}
	if len(got.Candidates) != 3 || got.Candidates[0].Lost != "" || got.Candidates[1].Lost != "less_specific" || got.Candidates[2].Lost != "less_specific" {
		t.Errorf("candidates = %+v", got.Candidates)
	}
	for _, tc := range []struct {
		args         []string
		price, src   string
		reasonPrefix string
	}{
		{[]string{"--qty", "19"}, "3.20", "parent", "Agreement #1 for head office HQ: a fixed price of 3.20"},
		{[]string{"--qty", "20", "--date", "2026-07-01"}, "3.20", "parent", "Agreement #1 for head office HQ"},
		{[]string{"--qty", "1", "--date", "2025-12-31"}, "3.141", "group", "Agreement #3 for customer group Hurt: 10% off the list price 3.49 = 3.141"},
		{[]string{"--account", "HQ", "--qty", "1", "--date", "2025-12-31"}, "3.49", "list", "List price 3.49"},
		{[]string{"--sku", "ser-1", "--qty", "2,5"}, "27.50", "account", "Agreement #4"},
	} {
		args := []string{"price", "--account", "K1", "--sku", "MAK-1", "--date", "2026-03-15", "--json"}
		args = append(args, tc.args...) // later flags win
		code, out, errs := ctl(t, db, args...)
		var p priceJSON
		if code != exitOK || json.Unmarshal([]byte(out), &p) != nil || p.Price != tc.price || p.Source != tc.src || !strings.HasPrefix(p.Reason, tc.reasonPrefix) {
			t.Errorf("%v = %d %q %+v", tc.args, code, errs, p)
		}
	}
}

func TestPriceText(t *testing.T) {
	t.Parallel()
	_, db := priceDB(t)
	code, out, _ := ctl(t, db, "price", "--account", "k1", "--sku", "MAK-1", "--qty", "5", "--date", "2026-03-15")
	want := "3.20\tparent\nAgreement #1 for head office HQ: a fixed price of 3.20, from quantity 1, valid from 2026-01-01 with no end.\n" +
		"  #2 (K1) needs quantity 20; the document has 5.\n" +
		"  #3 (Hurt) is less specific than #1 (HQ).\n"
	if code != exitOK || out != want {
		t.Errorf("price = %d\n%s\nwant\n%s", code, out, want)
	}
}

func TestPriceErrors(t *testing.T) {
	t.Parallel()
	_, db := priceDB(t)
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--account", "NOPE", "--sku", "MAK-1", "--qty", "1"}, exitNotFound, "no such account"},
		{[]string{"--account", "K1", "--sku", "NOPE", "--qty", "1"}, exitNotFound, "no product with SKU NOPE"},
		{[]string{"--account", "K1", "--sku", "MAK-1", "--qty", "2,5"}, exitInvalid, "2.5 opak: this unit is counted in whole numbers"},
		{[]string{"--account", "K1", "--sku", "MAK-1", "--qty", "0"}, exitInvalid, "must be more than 0"},
		{[]string{"--account", "K1", "--sku", "MAK-1", "--qty", "x"}, exitInvalid, "x is not a number"},
		{[]string{"--account", "K1", "--sku", "MAK-1", "--qty", "1", "--date", "2026-02-30"}, exitInvalid, "is not a date"},
		{[]string{"--account", "K1", "--sku", "MAK-1"}, exitUsage, "price needs --account, --sku and --qty"},
	} {
		code, _, errs := ctl(t, db, append([]string{"price"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errs, tc.err) {
			t.Errorf("%v = %d %q, want %d %q", tc.args, code, errs, tc.code, tc.err)
		}
	}
}

func TestPriceSheetCommand(t *testing.T) {
	t.Parallel()
	dir, db := priceDB(t)
	csvPath := filepath.Join(dir, "sheet.csv")
	code, out, errs := ctl(t, db, "pricesheet", "--account", "K1", "--date", "2026-03-15", "--out", csvPath)
	if code != exitOK || out != csvPath+": 2 products for K1 on 2026-03-15\n" {
		t.Fatalf("pricesheet csv = %d %q %q", code, out, errs)
	}
	data, _ := os.ReadFile(csvPath)
	want := "sku,name,unit,vat_rate,list_price,min_qty,price,source,agreement\n" +
		"MAK-1,Mąka pszenna typ 650 1 kg,opak,5,3.49,1,3.20,parent,1\n" +
		"MAK-1,Mąka pszenna typ 650 1 kg,opak,5,3.49,20,2.95,account,2\n" +
		"SER-1,Ser gouda,kg,5,29.90,1,29.90,list,\n" +
		"SER-1,Ser gouda,kg,5,29.90,2.5,27.50,account,4\n"
	if string(data) != want {
		t.Errorf("sheet.csv:\n%s\nwant\n%s", data, want)
	}
	pdfPath := filepath.Join(dir, "sheet.pdf")
	if code, _, errs := ctl(t, db, "pricesheet", "--account", "K1", "--date", "2026-03-15", "--out", pdfPath); code != exitOK {
		t.Fatalf("pricesheet pdf = %d %q", code, errs)
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command(bin, "-layout", pdfPath, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"Cennik indywidualny", "Społem Łódź", "Mąka pszenna typ 650 1 kg", "od 20: 2,95", "od 2,5: 27,50", "Strona 1 z 1"} {
			if !strings.Contains(string(text), s) {
				t.Errorf("the PDF lacks %q:\n%s", s, text)
			}
		}
	}
	if code, _, errs := ctl(t, db, "pricesheet", "--account", "K1", "--out", filepath.Join(dir, "x.txt")); code != exitUsage {
		t.Errorf("--out x.txt = %d %q", code, errs)
	}
}

func TestExportCatalogCommands(t *testing.T) {
	t.Parallel()
	_, db := priceDB(t)
	code, out, _ := ctl(t, db, "export", "products")
	if code != exitOK || !strings.Contains(out, "MAK-1,Mąka pszenna typ 650 1 kg,,opak,3.49,5,true\n") {
		t.Errorf("export products = %d\n%s", code, out)
	}
	code, out, _ = ctl(t, db, "export", "prices")
	want := "sku,account_code,customer_group,min_qty,price,discount_pct,valid_from,valid_to\n" +
		"MAK-1,HQ,,1,3.20,,2026-01-01,\n" +
		"MAK-1,K1,,20,2.95,,2026-01-01,2026-06-30\n" +
		"MAK-1,,Hurt,1,,10,,\n" +
		"SER-1,K1,,2.5,27.50,,,\n"
	if code != exitOK || out != want {
		t.Errorf("export prices = %d\n%s\nwant\n%s", code, out, want)
	}
}
