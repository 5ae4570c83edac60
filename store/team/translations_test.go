package team

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestErrorKeysTranslated: every error key of this package is in both
// translation files (the ui's key test reads domain and store, not here).
func TestErrorKeysTranslated(t *testing.T) {
	t.Parallel()
	key := regexp.MustCompile(`Errorf\(\s*domain\.E\w+,\s*"(team\.[a-z0-9_.]+)"`)
	files, _ := filepath.Glob("*.go")
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	if len(used) < 20 {
		t.Fatalf("found only %d keys: the pattern no longer matches the code", len(used))
	}
	for _, lang := range []string{"en", "pl"} {
		b, err := os.ReadFile("../../assets/translations/team." + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{} // a plural message is an object of forms
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for k := range used {
			if s, _ := m[k].(string); s == "" {
				t.Errorf("team.%s.json lacks %s", lang, k)
			}
		}
	}
}
