package ui

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"kontor/assets"
)

// pluralForms are the CLDR plural categories each language's file must give a
// plural message.
var pluralForms = map[string][]string{"en": {"one", "other"}, "pl": {"one", "few", "many", "other"}}

// reserved are the names go-i18n reads as parts of a message: a key spelled
// like one of them makes it misread the whole file.
var reserved = map[string]bool{"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true, "translation": true}

// loadTranslations merges the language's files: translations/LANG.json and
// any translations/FEATURE.LANG.json (a feature keeps its strings in a file of
// its own). A key given by two files is an error.
func loadTranslations(t *testing.T, language string) map[string]any {
	t.Helper()
	names, err := fs.Glob(assets.Translations, "translations/*"+language+".json")
	if err != nil {
		t.Fatal(err)
	}
	merged, from := map[string]any{}, map[string]string{}
	for _, name := range names {
		if base := filepath.Base(name); base != language+".json" && !strings.HasSuffix(base, "."+language+".json") {
			continue
		}
		data, err := assets.Translations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range m {
			if prev, dup := from[k]; dup {
				t.Errorf("key %q is in both %s and %s", k, prev, name)
			}
			merged[k], from[k] = v, name
		}
	}
	if len(merged) == 0 {
		t.Fatalf("no translations for %s", language)
	}
	return merged
}

// sourceKeys returns the keys pattern captures in the non-test Go files under dirs.
func sourceKeys(t *testing.T, pattern *regexp.Regexp, recursive bool, dirs ...string) map[string]string {
	t.Helper()
	keys := map[string]string{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != dir && !recursive {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range pattern.FindAllStringSubmatch(string(src), -1) {
				// A key ending in a dot is the prefix of keys built at run time
				// ("price.lost." + reason); the prefix alone is never looked up.
				if !strings.HasSuffix(m[1], ".") {
					keys[m[1]] = path
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestTranslationFilesMatch(t *testing.T) {
	en, pl := loadTranslations(t, "en"), loadTranslations(t, "pl")
	files := map[string]map[string]any{"en": en, "pl": pl}
	for name, m := range files {
		for key, v := range m {
			if reserved[strings.ToLower(key)] {
				t.Errorf("%s.json: key %q is a name go-i18n reserves", name, key)
			}
			if forms, ok := v.(map[string]any); ok {
				for _, f := range pluralForms[name] {
					if s, _ := forms[f].(string); s == "" {
						t.Errorf("%s.json: plural %q lacks the %q form", name, key, f)
					}
				}
			} else if s, _ := v.(string); s == "" {
				t.Errorf("%s.json: %q is empty", name, key)
			}
		}
	}
	for key := range en {
		if _, ok := pl[key]; !ok {
			t.Errorf("pl.json lacks %q", key)
		}
	}
	for key := range pl {
		if _, ok := en[key]; !ok {
			t.Errorf("en.json lacks %q", key)
		}
	}
}

// uiKey matches the key of every lang.X and lang.XN call.
var uiKey = regexp.MustCompile(`lang\.XN?\(\s*"([^"]+)"`)

// errorKey matches the translation keys of domain and store errors: Key
// fields, Errorf's key and the helpers that build field problems.
var errorKey = regexp.MustCompile(`(?:Key:\s*|Errorf\(\s*(?:domain\.)?E\w+,\s*|\.add\(\s*[\w.]+,\s*|[nN]ipError\(|parentError\()"([a-z0-9_.]+)"`)

func TestEveryKeyIsTranslated(t *testing.T) {
	ui := sourceKeys(t, uiKey, true, ".")
	errs := sourceKeys(t, errorKey, false, "../domain", "../store", "../store/ksef")
	if len(ui) < 50 || len(errs) < 20 {
		t.Fatalf("found %d ui keys and %d error keys: the patterns no longer match the code", len(ui), len(errs))
	}
	for _, language := range []string{"en", "pl"} {
		m := loadTranslations(t, language)
		var missing []string
		for _, keys := range []map[string]string{ui, errs} {
			for key, file := range keys {
				if _, ok := m[key]; !ok {
					missing = append(missing, key+" ("+file+")")
				}
			}
		}
		sort.Strings(missing)
		for _, k := range missing {
			t.Errorf("%s.json lacks %s", language, k)
		}
	}
}
