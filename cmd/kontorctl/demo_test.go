package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"kontor/store/storetest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDemo(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "demo.db")
	code, out, errs := kontorctl(t, "--db", path, "demo", "--accounts", "40", "--seed", "3")
	if code != exitOK {
		t.Fatalf("demo = %d, stderr %q", code, errs)
	}
	if !strings.Contains(out, "40 demo accounts") || !strings.Contains(out, "seed 3") {
		t.Errorf("demo printed %q", out)
	}
	// Progress goes to stderr, every 5%, ending at 100%.
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) < 5 || len(lines) > 21 || !strings.Contains(lines[len(lines)-1], "100%") {
		t.Errorf("progress on stderr:\n%s", errs)
	}
	// The search finds what the demo made.
	if code, out, _ := kontorctl(t, "--db", path, "search", "sp"); code != exitOK || out == "" {
		t.Errorf("search after demo = %d %q", code, out)
	}

	// A database with accounts is refused, naming the file, and left as it was.
	code, _, errs = kontorctl(t, "--db", path, "demo", "--accounts", "5")
	if code != exitInvalid || !strings.Contains(errs, path) || !strings.Contains(errs, "already has accounts") {
		t.Errorf("demo into a filled database = %d, stderr %q", code, errs)
	}
}

func TestDemoDefaultsAndUsage(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "demo.db")
	if code, out, errs := kontorctl(t, "--db", path, "demo"); code != exitOK || !strings.Contains(out, "300 demo accounts") || !strings.Contains(out, "seed 1") {
		t.Errorf("demo with defaults = %d %q %q", code, out, errs)
	}
	for _, args := range [][]string{{"demo", "--accounts", "0"}, {"demo", "--accounts", "x"}, {"demo", "extra"}} {
		code, _, errs := kontorctl(t, append([]string{"--db", filepath.Join(t.TempDir(), "u.db")}, args...)...)
		if code != exitUsage || !strings.Contains(errs, "usage: kontorctl [--db PATH] demo") {
			t.Errorf("%v = %d, stderr %q", args, code, errs)
		}
	}
}

// TestDemoTodayIsDeterministic: generation read the wall clock, so two runs
// minutes apart differed (107,214 against 108,071 activities). A
// seed and --today give the same data, table by table, whenever it runs.
func TestDemoTodayIsDeterministic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var dumps [2]string
	for i := range dumps {
		path := filepath.Join(dir, fmt.Sprintf("demo-%d.db", i))
		// In a kontorctl of its own: the generator is the same, and runs many
		// times faster than under the race detector.
		if code, _, errs := storetest.Run(t, storetest.ProcOptions{DB: path}, "demo", "--accounts", "15", "--seed", "9", "--today", "2025-03-31"); code != exitOK {
			t.Fatalf("demo = %d %s", code, errs)
		}
		dumps[i] = dumpTables(t, path)
		if i == 0 {
			time.Sleep(1100 * time.Millisecond) // a clock read anywhere would now read another second
		}
	}
	if dumps[0] != dumps[1] {
		t.Errorf("two runs with one seed and day differ:\n%s", firstDiff([]byte(dumps[0]), []byte(dumps[1])))
	}
	// Byte for byte: no row written in a map's order, none stamped by a clock.
	a, _ := os.ReadFile(filepath.Join(dir, "demo-0.db"))
	b, _ := os.ReadFile(filepath.Join(dir, "demo-1.db"))
	if !bytes.Equal(a, b) {
		t.Error("the two files differ byte for byte")
	}
	if !strings.Contains(dumps[0], "2025-03-") || strings.Contains(dumps[0], "2025-04-01") {
		t.Error("the data does not end on the day given")
	}
	if code, _, errs := kontorctl(t, "--db", filepath.Join(dir, "x.db"), "demo", "--today", "jutro"); code != exitInvalid || !strings.Contains(errs, "not a date") {
		t.Errorf("--today jutro = %d %q", code, errs)
	}
}

// dumpTables is every row of every table of the database at path, in rowid order.
func dumpTables(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		r, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := r.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %v\n", table, vals)
		}
		r.Close()
	}
	return b.String()
}
