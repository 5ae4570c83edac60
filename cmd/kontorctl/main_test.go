package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store"
)

// kontorctl runs the command line in-process and returns its exit status and output.
func kontorctl(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestInit(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "kontor.db")
	code, out, errs := kontorctl(t, "--db", path, "init")
	if code != exitOK || errs != "" {
		t.Fatalf("init = %d, stderr %q", code, errs)
	}
	want := fmt.Sprintf("%s: created (schema %d)\n", path, store.SchemaVersion())
	if out != want {
		t.Errorf("init printed %q, want %q", out, want)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("database mode %o, want 600", st.Mode().Perm())
	}
	code, out, _ = kontorctl(t, "--db", path, "init")
	if want := fmt.Sprintf("%s: up to date (schema %d)\n", path, store.SchemaVersion()); code != exitOK || out != want {
		t.Errorf("second init = %d %q, want %q", code, out, want)
	}
	code, _, errs = kontorctl(t, "--db", path, "init", "extra")
	if code != exitUsage || !strings.Contains(errs, "usage: kontorctl [--db PATH] init") {
		t.Errorf("init with an argument = %d, stderr %q", code, errs)
	}
}

func TestDatabaseFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	fromEnv := filepath.Join(dir, "env.db")
	t.Setenv("KONTOR_DB", fromEnv)
	if code, out, errs := kontorctl(t, "init"); code != exitOK || !strings.HasPrefix(out, fromEnv+": created") {
		t.Fatalf("init with KONTOR_DB = %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(fromEnv); err != nil {
		t.Errorf("KONTOR_DB not used: %v", err)
	}
	// --db wins over the environment.
	fromFlag := filepath.Join(dir, "flag.db")
	if code, out, _ := kontorctl(t, "--db", fromFlag, "init"); code != exitOK || !strings.HasPrefix(out, fromFlag+": created") {
		t.Errorf("init --db = %d %q", code, out)
	}
	if code, out, _ := kontorctl(t, "help"); code != exitOK || !strings.Contains(out, "$KONTOR_DB, else "+fromEnv) {
		t.Errorf("help = %d, does not show the database from KONTOR_DB:\n%s", code, out)
	}
}

// searchDB makes a database with accounts and contacts for the search command.
func searchDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kontor.db")
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	add := func(code, name, city string) *domain.Account {
		f := domain.NewAccountFields()
		f.Code, f.Name, f.City = code, name, city
		a, err := accounts.CreateAccount(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	hl := add("HL-01", "Hurtownia Łódź Sp. z o.o.", "Łódź")
	add("ZM-02", "Zakład Müller", "Poznań")
	add("KH-03", "Kowalski Handel", "Kraków")
	if _, err := contacts.CreateContact(context.Background(), hl.ID, domain.ContactFields{FirstName: "Jan", LastName: "Kowalski"}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSearchText(t *testing.T) {
	t.Parallel()
	path := searchDB(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"search", "lodz"}, "account\tHL-01\tHurtownia Łódź Sp. z o.o.\n"},
		{[]string{"search", "zaklad"}, "account\tZM-02\tZakład Müller\n"},
		{[]string{"search", "muller"}, "account\tZM-02\tZakład Müller\n"},
		{[]string{"search", "hurt", "lod"}, "account\tHL-01\tHurtownia Łódź Sp. z o.o.\n"}, // several words
		{[]string{"search", "hurt lod"}, "account\tHL-01\tHurtownia Łódź Sp. z o.o.\n"},
		{[]string{"search", "kowalski"}, "account\tKH-03\tKowalski Handel\ncontact\tHL-01\tJan Kowalski\n"},
		{[]string{"search", "kowalski", "--limit", "1"}, "account\tKH-03\tKowalski Handel\n"},
		{[]string{"search", "nic"}, ""},
	}
	for _, tt := range tests {
		code, out, errs := kontorctl(t, append([]string{"--db", path}, tt.args...)...)
		if code != exitOK || out != tt.want || errs != "" {
			t.Errorf("%q = %d, stdout %q, stderr %q; want %q", tt.args, code, out, errs, tt.want)
		}
	}
}

func TestSearchJSON(t *testing.T) {
	t.Parallel()
	path := searchDB(t)
	for _, args := range [][]string{{"search", "--json", "kowalski"}, {"search", "kowalski", "--json"}} {
		code, out, errs := kontorctl(t, append([]string{"--db", path}, args...)...)
		if code != exitOK {
			t.Fatalf("%q = %d, %s", args, code, errs)
		}
		var hits []map[string]any
		if err := json.Unmarshal([]byte(out), &hits); err != nil {
			t.Fatalf("%q printed invalid JSON %q: %v", args, out, err)
		}
		want := []map[string]any{
			{"kind": "account", "account_code": "KH-03", "name": "Kowalski Handel", "account": "Kowalski Handel", "city": "Kraków"},
			{"kind": "contact", "account_code": "HL-01", "name": "Jan Kowalski", "account": "Hurtownia Łódź Sp. z o.o.", "city": "Łódź"},
		}
		if !reflect.DeepEqual(hits, want) {
			t.Errorf("%q = %v, want %v", args, hits, want)
		}
	}
	code, out, _ := kontorctl(t, "--db", path, "search", "--json", "nic")
	if code != exitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("no hits as JSON = %d %q, want []", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "kontor.db")
	tests := []struct {
		args   []string
		inErr  string // expected on stderr
		noFile bool   // the database must not be created
	}{
		{[]string{"--db", db, "frobnicate"}, `unknown command "frobnicate"`, true},
		{[]string{"--db", db, "search"}, "usage: kontorctl [--db PATH] search TEXT", true},
		{[]string{"--db", db, "search", "--json"}, "usage: kontorctl [--db PATH] search TEXT", true},
		{[]string{"--db", db, "search", "x", "--limit", "many"}, "usage: kontorctl [--db PATH] search", true},
		{[]string{"--db", db, "search", "x", "--colour"}, "usage: kontorctl [--db PATH] search", true},
		{[]string{"--nope", "init"}, "usage: kontorctl", true},
		{[]string{"--db"}, "usage: kontorctl", true},
	}
	for _, tt := range tests {
		code, out, errs := kontorctl(t, tt.args...)
		if code != exitUsage || !strings.Contains(errs, tt.inErr) || out != "" {
			t.Errorf("%q = %d, stdout %q, stderr %q; want exit 2 with %q on stderr", tt.args, code, out, errs, tt.inErr)
		}
		if _, err := os.Stat(db); tt.noFile && err == nil {
			t.Fatalf("%q created the database", tt.args)
		}
	}
	// No command at all: the usage, and exit 2.
	code, out, _ := kontorctl(t, "--db", db)
	if code != exitUsage || !strings.Contains(out, "usage: kontorctl [--db PATH] COMMAND") || !strings.Contains(out, "search TEXT") {
		t.Errorf("no command = %d, %q", code, out)
	}
	for _, h := range []string{"help", "-h", "--help"} {
		if code, out, _ := kontorctl(t, h); code != exitOK || !strings.Contains(out, "init") {
			t.Errorf("%s = %d, %q", h, code, out)
		}
	}
}

func TestRefusesForeignFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	text := filepath.Join(dir, "notatki.txt")
	content := []byte("To nie jest baza Kontor.\n")
	if err := os.WriteFile(text, content, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"init"}, {"search", "x"}} {
		code, out, errs := kontorctl(t, append([]string{"--db", text}, cmd...)...)
		if code != exitUnusable || out != "" || !strings.Contains(errs, text+" is not a Kontor database") {
			t.Errorf("%q on a text file = %d, stdout %q, stderr %q", cmd, code, out, errs)
		}
		if got, _ := os.ReadFile(text); !bytes.Equal(got, content) {
			t.Fatalf("%q changed the file", cmd)
		}
	}
	if names, _ := os.ReadDir(dir); len(names) != 1 {
		t.Errorf("files left beside it: %v", names)
	}
}

func TestRefusesNewerDatabase(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kontor.db")
	if code, _, errs := kontorctl(t, "--db", path, "init"); code != exitOK {
		t.Fatal(errs)
	}
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Mark the file as written by a future Kontor through a plain SQLite handle.
	if err := bumpUserVersion(path, store.SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	code, _, errs := kontorctl(t, "--db", path, "init")
	if code != exitUnusable || !strings.Contains(errs, "newer version of Kontor") {
		t.Errorf("init on a newer database = %d, %q", code, errs)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the newer database was changed")
	}
}

// bumpUserVersion sets a database's schema version behind Kontor's back.
func bumpUserVersion(path string, v int) error {
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer raw.Close()
	_, err = raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", v))
	return err
}
