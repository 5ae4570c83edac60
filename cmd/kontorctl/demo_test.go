package main

import (
	"path/filepath"
	"strings"
	"testing"
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
