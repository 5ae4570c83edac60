package main

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kontor/store/storetest"
)

// exportDB makes a database with a head office, a branch and a contact, with
// cells a spreadsheet would run as formulas.
func exportDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = storetest.PathIn(t, dir, "kontor.db")
	if code, _, errs := ctl(t, db, "import", "accounts", writeFile(t, dir, "in.csv", []byte(
		"code,name,city,credit_limit,parent_code,customer_group\n"+
			"B1,\"Oddział, Kraków\",Kraków,,H1,@vip\n"+
			"H1,\"=HYPERLINK(\"\"http://evil\"\")\",Łódź,1234.5,,\n"))); code != exitOK {
		t.Fatalf("import: %s", errs)
	}
	if code, _, errs := ctl(t, db, "import", "contacts", writeFile(t, dir, "c.csv", []byte(
		"account_code,first_name,last_name,phone\nH1,Anna,Nowak,+48 600 100 200\n"))); code != exitOK {
		t.Fatalf("import contacts: %s", errs)
	}
	return dir, db
}

func TestExportCSV(t *testing.T) {
	t.Parallel()
	dir, db := exportDB(t)
	code, out, errs := ctl(t, db, "export", "accounts")
	want := "code,name,tax_id,street,postal_code,city,country,phone,email,currency,payment_terms,credit_limit,customer_group,parent_code,owner\n" +
		"B1,\"Oddział, Kraków\",,,,Kraków,PL,,,PLN,net 30,0.00,'@vip,H1,\n" +
		"H1,\"'=HYPERLINK(\"\"http://evil\"\")\",,,,Łódź,PL,,,PLN,net 30,1234.50,,,\n"
	if code != exitOK || errs != "" || out != want {
		t.Errorf("export = %d %q\n%s\nwant\n%s", code, errs, out, want)
	}
	code, out, _ = ctl(t, db, "export", "contacts")
	if code != exitOK || out != "account_code,first_name,last_name,role,email,phone\nH1,Anna,Nowak,,,'+48 600 100 200\n" {
		t.Errorf("contacts = %q", out)
	}
	// The export re-imports into a new database and exports the same again.
	file := filepath.Join(dir, "out.csv")
	if code, out, errs := ctl(t, db, "export", "accounts", "--out", file); code != exitOK || out != file+": 2 accounts\n" {
		t.Fatalf("export --out = %d %q %q", code, out, errs)
	}
	db2 := filepath.Join(dir, "copy.db")
	if code, _, errs := ctl(t, db2, "import", "accounts", file); code != exitOK {
		t.Fatalf("re-import: %s", errs)
	}
	if _, again, _ := ctl(t, db2, "export", "accounts"); again != want {
		t.Errorf("round trip:\n%s", again)
	}
}

func TestExportXLSX(t *testing.T) {
	t.Parallel()
	dir, db := exportDB(t)
	if code, _, errs := ctl(t, db, "export", "accounts", "--format", "xlsx"); code != exitUsage || !strings.Contains(errs, "--format xlsx needs --out FILE") {
		t.Errorf("xlsx to stdout = %d %q", code, errs)
	}
	for _, args := range [][]string{{"--format", "xlsx", "--out", filepath.Join(dir, "a.bin")}, {"--out", filepath.Join(dir, "b.XLSX")}} {
		code, _, errs := ctl(t, db, append([]string{"export", "accounts"}, args...)...)
		if code != exitOK {
			t.Fatalf("%v: %s", args, errs)
		}
		out := args[len(args)-1]
		zr, err := zip.OpenReader(out)
		if err != nil {
			t.Fatalf("%s is not a workbook: %v", out, err)
		}
		var sheet string
		for _, f := range zr.File {
			if f.Name == "xl/worksheets/sheet1.xml" {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				sheet = string(b)
			}
		}
		zr.Close()
		if !strings.Contains(sheet, "<t>code</t>") || !strings.Contains(sheet, "Oddział, Kraków") ||
			!strings.Contains(sheet, `<t xml:space="preserve">=HYPERLINK(&#34;http://evil&#34;)</t>`) || !strings.Contains(sheet, `<c r="L3" s="2"><v>1234.50</v></c>`) {
			t.Errorf("sheet of %s:\n%s", out, sheet)
		}
	}
	if code, _, errs := ctl(t, db, "export", "accounts", "--format", "ods", "--out", filepath.Join(dir, "x.ods")); code != exitUsage || !strings.Contains(errs, `unknown format "ods"`) {
		t.Errorf("ods = %d %q", code, errs)
	}
}

func TestExportUsage(t *testing.T) {
	t.Parallel()
	_, db := exportDB(t)
	if code, _, errs := ctl(t, db, "export", "widgets"); code != exitUsage || !strings.Contains(errs, "unknown kind \"widgets\": accounts, contacts, activities, products, prices, orders, payments\n") {
		t.Errorf("widgets = %d %q", code, errs)
	}
	if code, _, errs := ctl(t, db, "export", "accounts", "--out", "/nonexistent/dir/a.csv"); code != exitNotFound || !strings.Contains(errs, "the folder /nonexistent/dir does not exist") {
		t.Errorf("bad folder = %d %q", code, errs)
	}
}

// TestWriteAtomic: a failing export leaves an existing file as it was and no
// temporary file behind; a good one replaces it, keeping its permissions.
func TestWriteAtomic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "accounts.csv")
	if err := os.WriteFile(path, []byte("old contents\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk on fire")
	err := writeAtomic(path, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half a file\n", 100000))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old contents\n" {
		t.Errorf("the old file changed: %.40q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := writeAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err }); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new\n" || st.Mode().Perm() != 0o644 {
		t.Errorf("replaced file = %q %v", b, st.Mode())
	}
	fresh := filepath.Join(dir, "fresh.csv")
	if err := writeAtomic(fresh, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(fresh); st.Mode().Perm() != 0o600 {
		t.Errorf("a new export is %v, want private", st.Mode())
	}
}
