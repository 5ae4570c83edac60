package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kontor/store/storetest"
)

// benchDB is the test's own copy of a small demo database, generated once for
// the package's tests.
func benchDB(t *testing.T) string {
	t.Helper()
	return storetest.DemoPath(t, storetest.DemoKey{Accounts: 60, Seed: 1})
}

type benchFigure struct {
	Name   *string  `json:"name"`
	Value  *float64 `json:"value"`
	Unit   *string  `json:"unit"`
	Target *float64 `json:"target"`
	Holds  *bool    `json:"holds"`
	Note   string   `json:"note"`
}

func benchJSON(t *testing.T, path string) []benchFigure {
	t.Helper()
	code, out, errs := kontorctl(t, "--db", path, "bench", "--json")
	if code != exitOK {
		t.Fatalf("bench --json = %d, stderr %q", code, errs)
	}
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("bench --json printed no JSON list: %v\n%s", err, out)
	}
	var figs []benchFigure
	if err := json.Unmarshal([]byte(out), &figs); err != nil {
		t.Fatal(err)
	}
	for i, r := range raw {
		for _, key := range []string{"name", "value", "unit", "target", "holds"} {
			if _, ok := r[key]; !ok {
				t.Errorf("figure %d has no %q: %v", i, key, r)
			}
		}
	}
	return figs
}

func TestBenchJSON(t *testing.T) {
	t.Setenv("DISPLAY", "")
	path := benchDB(t)
	figs := benchJSON(t, path)
	want := []string{"search accounts + contacts as you type", "account view load", "accounts list",
		"search the activity history", "Today screen", "timeline page",
		"resolve one line's price", "reprice a 500-line quote", "search the catalog",
		"open a 200-line document", "reprice a 200-line document", "orders list filtering", "receivables screen", "dashboard", "price sheet PDF",
		"one statement, data + PDF", "a month's statements for every account",
		"collections worklist", "one interest note", "reminders for every overdue account", "import 1000 order lines",
		"team: back office joins the whole", "team: back office joins all but", "team: a rep with 500", "team: round after a day", "team: round pushing", "team: idle", "team: outbox",
		"team: a month's statements", "desktop start"}
	if len(figs) != len(want) {
		t.Fatalf("%d figures, want %d", len(figs), len(want))
	}
	for i, f := range figs {
		if !strings.HasPrefix(*f.Name, want[i]) {
			t.Errorf("figure %d is %q, want %q…", i, *f.Name, want[i])
		}
		if f.Unit == nil || *f.Unit == "" || f.Target == nil || *f.Target <= 0 {
			t.Errorf("figure %q: unit or target missing", *f.Name)
		}
		if strings.HasPrefix(*f.Name, "team:") {
			// No --team-url: not measured, and that is not a pass.
			if f.Value != nil || f.Holds != nil || !strings.Contains(f.Note, "--team-url") {
				t.Errorf("figure %q without a server: value %v holds %v note %q", *f.Name, f.Value, f.Holds, f.Note)
			}
		} else if i < len(want)-1 {
			// Measured: a positive time, and holds says whether it meets the target.
			if f.Value == nil || *f.Value <= 0 || f.Holds == nil || *f.Holds != (*f.Value <= *f.Target) {
				t.Errorf("figure %q: value %v holds %v target %v", *f.Name, f.Value, f.Holds, *f.Target)
			}
		}
	}
	// Without a display the desktop figure is not measured, and that is not a pass.
	if last := figs[len(figs)-1]; last.Value != nil || last.Holds != nil {
		t.Errorf("start-up figure without a display: value %v holds %v, want null and null", last.Value, last.Holds)
	}
}

// TestBenchStartupWithFakeDesktop: the desktop figure runs the kontor binary
// it finds (here a stand-in that checks its arguments and reports a time);
// one that fails is reported as not measured, not as a pass. (TestBenchJSON
// shows the figure is the suite's last.)
func TestBenchStartupWithFakeDesktop(t *testing.T) {
	path := benchDB(t)
	dir := t.TempDir()
	script := "#!/bin/sh\n[ \"$1\" = --db ] && [ \"$2\" = \"" + path + "\" ] && [ \"$3\" = --measure-startup ] || exit 3\necho startup_ms=420\n"
	if err := os.WriteFile(filepath.Join(dir, "kontor"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("DISPLAY", ":99")
	var stderr strings.Builder
	e := &env{ctx: context.Background(), stdout: io.Discard, stderr: &stderr}
	if f := startupFigure(e, path); f.Value == nil || *f.Value != 420 || f.Holds == nil || !*f.Holds {
		t.Errorf("start-up figure with a fake desktop: value %v holds %v, want 420 and true", f.Value, f.Holds)
	}
	if err := os.WriteFile(filepath.Join(dir, "kontor"), []byte("#!/bin/sh\necho no display >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if f := startupFigure(e, path); f.Value != nil || f.Holds != nil || !strings.Contains(f.Note, "no display") {
		t.Errorf("failing desktop: value %v holds %v note %q, want null, null and its complaint", f.Value, f.Holds, f.Note)
	}
}

func TestBenchText(t *testing.T) {
	t.Setenv("DISPLAY", "")
	path := benchDB(t)
	code, out, errs := kontorctl(t, "--db", path, "bench")
	if code != exitOK {
		t.Fatalf("bench = %d, stderr %q", code, errs)
	}
	for _, want := range []string{"search accounts + contacts", "≤ 5 ms", "≤ 15 ms", "bare SQL", "not measured: no display"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "60 accounts") || !strings.Contains(errs, "demo --accounts 20000") {
		t.Errorf("bench stderr %q: want the dataset size and a note that targets are for the large dataset", errs)
	}
}

func TestBenchEmptyDatabase(t *testing.T) {
	t.Setenv("DISPLAY", "")
	path := filepath.Join(t.TempDir(), "empty.db")
	figs := benchJSON(t, path)
	for _, f := range figs {
		if f.Value != nil || f.Holds != nil {
			t.Errorf("figure %q on an empty database: value %v holds %v, want not measured", *f.Name, f.Value, f.Holds)
		}
	}
}
