package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kontor/store/storetest"
)

// historyDB makes a database with an account and a contact to log activities on.
func historyDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = storetest.PathIn(t, dir, "kontor.db")
	if code, _, errs := ctl(t, db, "import", "accounts", writeFile(t, dir, "a.csv", []byte("code,name,city\nK1,Hurtownia Łódź,Łódź\n"))); code != exitOK {
		t.Fatalf("import accounts: %s", errs)
	}
	if code, _, errs := ctl(t, db, "import", "contacts", writeFile(t, dir, "c.csv", []byte(
		"account_code,first_name,last_name,email\nK1,Jan,Kowalski,jan@hurt.pl\n"))); code != exitOK {
		t.Fatalf("import contacts: %s", errs)
	}
	return dir, db
}

func TestActivitiesImportExport(t *testing.T) {
	t.Parallel()
	dir, db := historyDB(t)
	// What Polish Excel saves: Windows-1250, semicolons, DD.MM.YYYY.
	src, err := charmap.Windows1250.NewEncoder().Bytes([]byte("account_code;date;kind;subject;notes;contact_email;due_date;done\n" +
		"K1;20.11.2026 10:30;call;Rozmowa o warunkach dostawy;Odpowiedź do piątku.;jan@hurt.pl;;\n" +
		"K1;21.11.2026 09:00;task;=Wysłać ofertę;;;30.11.2026;false\n"))
	if err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, dir, "activities.csv", src)
	code, out, errs := ctl(t, db, "import", "activities", file)
	if code != exitOK || errs != "" || out != file+": activities: created 2, updated 0, unchanged 0\n" {
		t.Fatalf("import = %d %q %q", code, out, errs)
	}
	// Times without an offset are read in the company's zone (Europe/Warsaw
	// unless Settings say otherwise) and written with theirs.
	want := "account_code,date,kind,subject,notes,contact_email,contact_name,due_date,done,outcome,logged_by\n" +
		"K1,2026-11-20 10:30 +01:00,call,Rozmowa o warunkach dostawy,Odpowiedź do piątku.,jan@hurt.pl,Jan Kowalski,,,,\n" +
		"K1,2026-11-21 09:00 +01:00,task,'=Wysłać ofertę,,,,2026-11-30,false,,\n"
	code, out, errs = ctl(t, db, "export", "activities")
	if code != exitOK || errs != "" || out != want {
		t.Errorf("export = %d %q\n%s\nwant\n%s", code, errs, out, want)
	}
	// The same file again changes nothing.
	if code, out, errs = ctl(t, db, "import", "activities", file); code != exitOK || !strings.Contains(out, "created 0, updated 0, unchanged 2") {
		t.Errorf("re-import = %d %q %q", code, out, errs)
	}
	// An export, written with --out, re-imports into a database with the same
	// accounts and contacts and exports the same again.
	exported := filepath.Join(dir, "out.csv")
	if code, out, errs := ctl(t, db, "export", "activities", "--out", exported); code != exitOK || out != exported+": 2 activities\n" {
		t.Fatalf("export --out = %d %q %q", code, out, errs)
	}
	data, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	_, db2 := historyDB(t)
	unquoted := writeFile(t, dir, "unquoted.csv", []byte(strings.ReplaceAll(string(data), "'=", "=")))
	if code, _, errs := ctl(t, db2, "import", "activities", unquoted); code != exitOK {
		t.Fatalf("import the export: %s", errs)
	}
	if _, again, _ := ctl(t, db2, "export", "activities"); again != want {
		t.Errorf("round trip:\n%s", again)
	}
}

func TestActivitiesImportRejects(t *testing.T) {
	t.Parallel()
	dir, db := historyDB(t)
	_, before, _ := ctl(t, db, "export", "activities")
	bad := writeFile(t, dir, "bad.csv", []byte("account_code,date,kind,subject,contact_email,due_date,done\n"+
		"K1,2026-11-20 10:30,call,Dobry,,,\n"+
		"K9,2026-11-20 10:30,call,Nieznane konto,,,\n"+
		"K1,2026-11-20,visit,Rodzaj,,,\n"+
		"K1,2026-11-20,call,Termin,,2026-11-30,\n"+
		"K1,2026-11-20,task,Znacznik,,2026-11-30,yes please\n"+
		"K1,2026-11-20,call,E-mail,kto@gdzie.pl,,\n"+
		"K1,31.02.2026,call,Data,,,\n"+
		"K1,2026-11-21,call,,,,\n"))
	code, out, errs := ctl(t, db, "import", "activities", bad)
	want := bad + ":3: account_code: there is no account with code K9\n" +
		bad + ":4: kind: visit is not a kind of activity (call, meeting, email, note, task, document)\n" +
		bad + ":5: due_date: only a task has a due date\n" +
		bad + ":6: done: yes please is not true or false\n" +
		bad + ":7: contact_email: the account has no contact with the e-mail kto@gdzie.pl\n" +
		bad + ":8: date: 31.02.2026 is not a date and time (use YYYY-MM-DD HH:MM or DD.MM.YYYY HH:MM, optionally with the UTC offset, +01:00)\n" +
		bad + ":9: subject: a value is required\n" +
		"kontorctl: " + bad + ": 7 problems found; nothing was imported\n"
	if code != exitInvalid || out != "" || errs != want {
		t.Errorf("import = %d, stdout %q, stderr:\n%s\nwant:\n%s", code, out, errs, want)
	}
	if _, after, _ := ctl(t, db, "export", "activities"); after != before {
		t.Errorf("a rejected file changed the database:\n%s\n%s", before, after)
	}
}
