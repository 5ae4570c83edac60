package main

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestAppIDMatchesFyneAppToml keeps one source of truth for the app ID:
// FyneApp.toml, which fyne package and go run read.
func TestAppIDMatchesFyneAppToml(t *testing.T) {
	f, err := os.Open("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	section, id := "", ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = line
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok && section == "[Details]" && strings.TrimSpace(k) == "ID" {
			id = strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	if id == "" {
		t.Fatal("FyneApp.toml has no [Details] ID")
	}
	if id != AppID {
		t.Errorf("AppID = %q, FyneApp.toml says %q", AppID, id)
	}
}

func TestSinceProcessStart(t *testing.T) {
	d := sinceProcessStart()
	if d <= 0 || d > 24*3600e9 {
		t.Errorf("time since process start = %v", d)
	}
}
