package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kontor/store/storetest"
)

func TestBackupRestoreCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := storetest.PathIn(t, dir, "kontor.db")
	backup := filepath.Join(dir, "kopia.db")
	if code, out, errs := kontorctl(t, "--db", path, "backup", backup); code != exitOK || !strings.Contains(out, "backed up") {
		t.Fatalf("backup = %d %q %q", code, out, errs)
	}
	// A backup never replaces a file.
	if code, _, errs := kontorctl(t, "--db", path, "backup", backup); code != exitConflict || !strings.Contains(errs, "already exists") {
		t.Errorf("backup over a file = %d %q", code, errs)
	}
	// A missing folder is said to be one, not a database problem.
	if code, _, errs := kontorctl(t, "--db", path, "backup", filepath.Join(dir, "nie-ma", "k.db")); code != exitNotFound ||
		!strings.Contains(errs, "folder") || !strings.Contains(errs, "does not exist") {
		t.Errorf("backup into a missing folder = %d %q", code, errs)
	}
	if code, out, errs := kontorctl(t, "--db", path, "check"); code != exitOK || !strings.Contains(out, "no damage found") {
		t.Errorf("check = %d %q %q", code, out, errs)
	}
	code, out, _ := kontorctl(t, "--db", path, "check", "--json")
	var r struct {
		OK       bool     `json:"ok"`
		Problems []string `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &r); code != exitOK || err != nil || !r.OK || r.Problems == nil {
		t.Errorf("check --json = %d %q (%v)", code, out, err)
	}

	code, out, errs := kontorctl(t, "--db", path, "restore", backup)
	if code != exitOK || !strings.Contains(out, "kept as "+path+".before-restore-") {
		t.Fatalf("restore = %d %q %q", code, out, errs)
	}
	// A damaged file: check says so with the damaged exit status; restore of
	// it is refused and changes nothing.
	b, _ := os.ReadFile(backup)
	bad := filepath.Join(dir, "zla.db")
	os.WriteFile(bad, b[:len(b)/2], 0o600)
	if code, out, _ := kontorctl(t, "--db", bad, "check"); code != exitUnusable || !strings.Contains(out, "header promises") {
		t.Errorf("check of a damaged file = %d %q", code, out)
	}
	before, _ := os.ReadFile(path)
	if code, _, errs := kontorctl(t, "--db", path, "restore", bad); code != exitUnusable || !strings.Contains(errs, "damaged") {
		t.Errorf("restore from a damaged file = %d %q", code, errs)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a refused restore changed the database")
	}
}

func TestSearchLimitAndControlCharacters(t *testing.T) {
	t.Parallel()
	path := searchDB(t)
	for _, l := range []string{"0", "-1", "10001"} {
		if code, _, errs := kontorctl(t, "--db", path, "search", "lodz", "--limit", l); code != exitUsage || !strings.Contains(errs, "--limit") {
			t.Errorf("search --limit %s = %d %q", l, code, errs)
		}
	}
	// A name stored before control characters were refused (written here
	// behind the store's back) is printed escaped: no terminal escape
	// reaches the screen and every hit stays one line.
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(context.Background(), "UPDATE accounts SET name = name || char(27) || '[2J' || char(10) || 'account\tFAKE\tline' || char(7)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out, errs := kontorctl(t, "--db", path, "search", "lodz")
	if code != exitOK {
		t.Fatalf("search = %d %q", code, errs)
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.ContainsAny(line, "\x1b\x07\r") || strings.Count(line, "\t") != 2 {
			t.Errorf("hit printed raw: %q", line)
		}
		if !strings.Contains(line, `\x1b[2J\naccount\tFAKE\tline\a`) {
			t.Errorf("hit %q does not show the control characters escaped", line)
		}
	}
}
