package ksef_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// xmllint validates files against the official FA(3) schema in testdata with
// xmllint, offline: the catalog points the schema's imports at the copies in
// testdata. xmllint is Debian's libxml2-utils, which `make test` installs; a
// machine without it fails here rather than skipping, so the files Kontor
// writes are never left unchecked.
func xmllint(t *testing.T, files map[string][]byte) {
	t.Helper()
	for name, report := range lint(t, files) {
		t.Errorf("%s does not validate against the FA(3) schema:\n%s\n%s", name, report, excerpt(files[name]))
	}
}

// lint runs xmllint over files and returns what it said of each file that
// does not validate.
func lint(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	failed := map[string]string{}
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Fatal("xmllint is not installed: the FA(3) files cannot be validated against the official schema " +
			"(install Debian's libxml2-utils: apt-get install libxml2-utils; make test does)")
	}
	schemaDir, err := filepath.Abs(filepath.Join("testdata", "schema"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	names := make([]string, 0, len(files))
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	// Many files per run: xmllint reads the schema once for all of them.
	for start := 0; start < len(names); start += 500 {
		batch := names[start:min(start+500, len(names))]
		args := []string{"--nonet", "--noout", "--schema", filepath.Join(schemaDir, "schemat_FA(3)_v1-0E.xsd")}
		args = append(args, batch...)
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(schemaDir, "catalog.xml"))
		out, err := cmd.CombinedOutput()
		report := string(out)
		for _, name := range batch {
			if !strings.Contains(report, name+" validates") {
				failed[name] = lines(report, name)
			}
		}
		if err != nil && len(failed) == 0 {
			t.Fatalf("xmllint: %v\n%s", err, report)
		}
	}
	return failed
}

// lines returns xmllint's lines about one file.
func lines(report, name string) string {
	var out []string
	for _, l := range strings.Split(report, "\n") {
		if strings.HasPrefix(l, name) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// excerpt numbers the first lines of a file, for a failure message.
func excerpt(data []byte) string {
	ls := strings.Split(string(data), "\n")
	var b strings.Builder
	for i, l := range ls[:min(len(ls), 120)] {
		fmt.Fprintf(&b, "%4d %s\n", i+1, l)
	}
	return b.String()
}

// field returns the text of every element named name, in order.
func field(data []byte, name string) []string {
	re := regexp.MustCompile(`<` + regexp.QuoteMeta(name) + `>([^<]*)</` + regexp.QuoteMeta(name) + `>`)
	var out []string
	for _, m := range re.FindAllSubmatch(data, -1) {
		out = append(out, string(m[1]))
	}
	return out
}
