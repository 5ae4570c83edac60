package domain_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPlainPackagesStartNoGoroutines keeps the Makefile's PLAIN_PACKAGES
// honest: their tests run without the race detector, which is sound only while
// their own code starts no goroutine — or, for a package that does, while the
// Makefile also runs some of its tests with -race.
func TestPlainPackagesStartNoGoroutines(t *testing.T) {
	makefile, err := os.ReadFile(filepath.Join("..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^PLAIN_PACKAGES\s*:=\s*(.+)$`).FindSubmatch(makefile)
	if m == nil {
		t.Fatal("the Makefile has no PLAIN_PACKAGES line")
	}
	var racedLines []string
	for _, line := range strings.Split(string(makefile), "\n") {
		if strings.Contains(line, "test -race") && strings.Contains(line, "-run") {
			racedLines = append(racedLines, line)
		}
	}
	for _, pkg := range strings.Fields(string(m[1])) {
		dir := filepath.Join("..", filepath.FromSlash(strings.TrimPrefix(pkg, "./")))
		starts := goroutinesStarted(t, dir)
		if len(starts) == 0 {
			continue
		}
		raced := false
		for _, line := range racedLines {
			raced = raced || strings.Contains(line, pkg)
		}
		if !raced {
			t.Errorf("%s is in PLAIN_PACKAGES but starts goroutines (%s): race some of its tests in the Makefile, or take it out",
				pkg, strings.Join(starts, ", "))
		}
	}
}

// goroutinesStarted lists where the package in dir's own code (tests left
// out) has a go statement.
func goroutinesStarted(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if g, ok := n.(*ast.GoStmt); ok {
				out = append(out, fset.Position(g.Pos()).String())
			}
			return true
		})
	}
	return out
}
