package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// TestTeamCommands walks the README's five lines: init, adduser, publish,
// join, sync — then status and conflicts, as JSON.
// Not parallel: it sets PGPASSWORD.
func TestTeamCommands(t *testing.T) {
	pg := storetest.Postgres(t)
	admin := pg.AdminURL()
	if code, out, errs := kontorctl(t, "team", "init", "--url", admin); code != exitOK || !strings.Contains(out, "ready") {
		t.Fatalf("team init = %d %q %q", code, out, errs)
	}
	if code, _, errs := kontorctl(t, "team", "init", "--url", admin); code != exitOK {
		t.Fatalf("team init again = %d %q", code, errs)
	}
	login := storetest.UniqueRole("anna")
	code, out, errs := kontorctl(t, "team", "adduser", login, "--name", "Anna Nowak", "--role", "rep", "--url", admin)
	if code != exitOK {
		t.Fatalf("team adduser = %d %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	password := lines[len(lines)-1]
	if len(password) != 20 || strings.ContainsAny(password, " :") {
		t.Fatalf("adduser's last line %q is not a password alone", password)
	}
	if code, _, errs := kontorctl(t, "team", "adduser", login, "--name", "Anna Bis", "--role", "rep", "--url", admin); code != exitConflict {
		t.Errorf("adding a taken login = %d %q", code, errs)
	}
	if code, _, errs := kontorctl(t, "team", "adduser", "x"+login, "--name", "X", "--role", "boss", "--url", admin); code != exitInvalid {
		t.Errorf("adding a bad role = %d %q", code, errs)
	}

	dir := t.TempDir()
	office := filepath.Join(dir, "office.db")
	if code, _, errs := kontorctl(t, "--db", office, "import", "accounts", writeFile(t, dir, "accounts.csv",
		[]byte("code,name,owner\nK1,Hurtownia Łódź,Anna Nowak\nK2,Obcy,Bob\n"))); code != exitOK {
		t.Fatalf("import = %d %q", code, errs)
	}
	if code, out, errs := kontorctl(t, "--db", office, "team", "publish", "--url", admin); code != exitOK || !strings.Contains(out, "accounts") {
		t.Fatalf("team publish = %d %q %q", code, out, errs)
	}
	laptop := filepath.Join(dir, "anna.db")
	url := pg.URL("", "")
	t.Setenv("PGPASSWORD", password)
	if code, out, errs := kontorctl(t, "--db", laptop, "team", "join", "--url", url, "--login", login); code != exitOK || !strings.Contains(out, "joined") {
		t.Fatalf("team join = %d %q %q", code, out, errs)
	}
	t.Setenv("PGPASSWORD", "")
	if b, err := os.ReadFile(laptop); err != nil || strings.Contains(string(b), password) {
		t.Errorf("the password is in the database file (err %v)", err)
	}
	if st, err := os.Stat(laptop + ".team-secret"); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the password file: %v", err)
	}
	code, out, errs = kontorctl(t, "--db", laptop, "team", "sync", "--json")
	var res map[string]any
	if code != exitOK || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("team sync --json = %d %q %q", code, out, errs)
	}
	for _, k := range []string{"pushed", "pulled", "conflicts", "seconds"} {
		if _, ok := res[k]; !ok {
			t.Errorf("team sync --json lacks %s: %s", k, out)
		}
	}
	code, out, errs = kontorctl(t, "--db", laptop, "team", "status", "--json")
	var st map[string]any
	if code != exitOK || json.Unmarshal([]byte(out), &st) != nil {
		t.Fatalf("team status --json = %d %q %q", code, out, errs)
	}
	if st["server"] != url || st["waiting"] != float64(0) || st["conflicts"] != float64(0) || st["last_sync"] == nil {
		t.Errorf("team status --json = %s", out)
	}
	if code, out, _ := kontorctl(t, "--db", laptop, "search", "lodz"); code != exitOK || !strings.Contains(out, "K1") || strings.Contains(out, "K2") {
		t.Errorf("Anna's file after join: search = %q", out)
	}
	code, out, errs = kontorctl(t, "--db", laptop, "team", "conflicts", "--json")
	var list []any
	if code != exitOK || json.Unmarshal([]byte(out), &list) != nil || len(list) != 0 {
		t.Errorf("team conflicts --json = %d %q %q", code, out, errs)
	}
	// A file that never joined says so.
	if code, _, errs := kontorctl(t, "--db", office, "team", "sync"); code != exitInvalid || !strings.Contains(errs, "not joined") {
		t.Errorf("sync of an unjoined file = %d %q", code, errs)
	}
}

// TestConflictLines: each kind of Conflicts entry reads on one line as what
// it is — a field that lost, a record deleted on one side, an order
// delivered twice, a confirmation over the credit limit.
func TestConflictLines(t *testing.T) {
	when := time.Date(2026, 12, 4, 9, 30, 0, 0, time.Local)
	for _, tc := range []struct {
		c    domain.Conflict
		want string
	}{
		{domain.Conflict{ID: 1, Kind: domain.ConflictField, Record: "K0001 Hurtownia Łódź", Field: "city", Kept: "Łódź", Lost: "Lodz",
			Who: "Anna Nowak", When: when}, "1\tK0001 Hurtownia Łódź\tcity\tkept \"Łódź\" (Anna Nowak, 2026-12-04 09:30)\tlost \"Lodz\""},
		{domain.Conflict{ID: 2, Kind: domain.ConflictDeleted, Record: "Jan Kowalski (K0001)", Lost: "phone: 600", When: when},
			"2\tJan Kowalski (K0001)\t(record)\tkept \"deleted on the team server\" (the team server, 2026-12-04 09:30)\tlost \"edited here: phone: 600\""},
		{domain.Conflict{ID: 3, Kind: domain.ConflictDeliveredTwice, Record: "ZAM/AN/2026/12/0004", Kept: "FV/2026/12/0007",
			Lost: "FV/BO/2026/12/0002", When: when},
			"3\torder ZAM/AN/2026/12/0004\tdelivered twice, invoiced twice: first invoice FV/2026/12/0007, later invoice FV/BO/2026/12/0002 (2026-12-04 09:30); a credit note cancels the later one (Conflicts in the app)"},
		{domain.Conflict{ID: 4, Kind: domain.ConflictCredit, Record: "ZAM/AN/2026/12/0005", Kept: "12 300,00 zł", Lost: "10 000,00 zł",
			Who: "Beata Zielińska", When: when},
			"4\torder ZAM/AN/2026/12/0005\tconfirmed while the account was over its credit limit on the team server: exposure 12 300,00 zł (Beata Zielińska, 2026-12-04 09:30), credit limit 10 000,00 zł"},
	} {
		if got := conflictLine(tc.c); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.c.Kind, got, tc.want)
		}
	}
}
