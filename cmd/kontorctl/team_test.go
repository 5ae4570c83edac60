package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
