package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kontor/store/storetest"
)

// ctl runs kontorctl in-process on the database db.
func ctl(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"--db", db}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// writeFile writes a test input file and returns its path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := storetest.PathIn(t, dir, "kontor.db")
	// What Polish Excel saves: Windows-1250, semicolons, decimal comma.
	accounts, err := charmap.Windows1250.NewEncoder().Bytes([]byte(
		"code;name;tax_id;postal_code;city;credit_limit;parent_code\n" +
			"ODZ;Oddział Gdańsk;;80-001;Gdańsk;;CENTR\n" +
			"CENTR;Zakład Łódź;526-000-12-46;90001;Łódź;\"10 000,00\";\n"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := ctl(t, db, "import", "accounts", writeFile(t, dir, "accounts.csv", accounts))
	if code != exitOK || errs != "" || !strings.HasSuffix(out, "accounts.csv: accounts: created 2, updated 0, unchanged 0\n") {
		t.Fatalf("import = %d %q %q", code, out, errs)
	}
	contacts := writeFile(t, dir, "contacts.csv", []byte("account_code,first_name,last_name,email\nCENTR,Łukasz,Żak,lz@zaklad.pl\n"))
	if code, out, errs = ctl(t, db, "import", "contacts", contacts); code != exitOK || !strings.Contains(out, "created 1") {
		t.Fatalf("import contacts = %d %q %q", code, out, errs)
	}
	if code, out, _ = ctl(t, db, "search", "lodz"); code != exitOK || !strings.Contains(out, "account\tCENTR\tZakład Łódź") {
		t.Errorf("search lodz = %q: a Windows-1250 file must not import as mojibake", out)
	}
	if code, out, _ = ctl(t, db, "search", "zak"); code != exitOK || !strings.Contains(out, "contact\tCENTR\tŁukasz Żak") {
		t.Errorf("search zak = %q", out)
	}
	if code, out, errs = ctl(t, db, "import", "accounts", writeFile(t, dir, "again.csv", accounts)); code != exitOK ||
		!strings.Contains(out, "created 0, updated 0, unchanged 2") {
		t.Errorf("re-import = %d %q %q", code, out, errs)
	}
}

// TestImportCommandRejects: a bad file prints every problem to stderr, exits
// non-zero, and writes nothing.
func TestImportCommandRejects(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := storetest.PathIn(t, dir, "kontor.db")
	ctl(t, db, "import", "accounts", writeFile(t, dir, "seed.csv", []byte("code,name\nK1,Pierwsza\n")))
	_, before, _ := ctl(t, db, "export", "accounts")
	bad := writeFile(t, dir, "bad.csv", []byte("code,name,tax_id,credit_limit,parent_code\n"+
		"K1,Zmieniona,,,\n"+
		"K2,Druga,123-456-78-90,,\n"+
		"K3,,,-5,\n"+
		"K4,Czwarta,,,NOPE\n"))
	code, out, errs := ctl(t, db, "import", "accounts", bad)
	want := bad + ":3: tax_id: 123-456-78-90 is not a valid Polish tax ID (NIP): the check digit does not match\n" +
		bad + ":4: name: a value is required\n" +
		bad + ":4: credit_limit: the credit limit cannot be negative\n" +
		bad + ":5: parent_code: there is no account with code NOPE\n" +
		"kontorctl: " + bad + ": 4 problems found; nothing was imported\n"
	if code != exitInvalid || out != "" || errs != want {
		t.Errorf("import = %d, stdout %q, stderr:\n%s\nwant:\n%s", code, out, errs, want)
	}
	if _, after, _ := ctl(t, db, "export", "accounts"); after != before {
		t.Errorf("a rejected file changed the database:\n%s\n%s", before, after)
	}
}

func TestImportCommandUsage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "kontor.db")
	file := writeFile(t, dir, "a.csv", []byte("code,name\nK1,A\n"))
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"import", "widgets", file}, exitUsage, "kontorctl: unknown kind \"widgets\": accounts, contacts, activities, products, prices, orders, payments\n"},
		{[]string{"import", "accounts"}, exitUsage, "kontorctl: import needs KIND and FILE\n"},
		{[]string{"import", "accounts", filepath.Join(dir, "missing.csv")}, exitNotFound, "no such file"},
		{[]string{"import", "accounts", dir}, exitInvalid, "is a folder, not a file"},
	}
	for _, tt := range tests {
		code, _, errs := ctl(t, db, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.err) {
			t.Errorf("%v = %d %q, want %d %q", tt.args, code, errs, tt.code, tt.err)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused import created the database")
	}
}
