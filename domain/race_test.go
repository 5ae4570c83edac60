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

// TestPlainPackagesRaceTheirConcurrentTests: a test of a PLAIN_PACKAGES
// package that starts goroutines itself (a writer beside a sync, a kill
// during a backup) is one whose concurrency the race detector must see: the
// Makefile runs it again with -race, by name.
func TestPlainPackagesRaceTheirConcurrentTests(t *testing.T) {
	makefile, err := os.ReadFile(filepath.Join("..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^(\w+)\s*:=\s*(.+)$`).FindAllStringSubmatch(string(makefile), -1) {
		vars[m[1]] = strings.TrimSpace(m[2])
	}
	raced := map[string][]*regexp.Regexp{} // package → the -run patterns it is raced with
	runFlag := regexp.MustCompile(`test -race .*-run '\$\((\w+)\)' (\./\S+)`)
	for _, line := range strings.Split(string(makefile), "\n") {
		if m := runFlag.FindStringSubmatch(line); m != nil {
			raced[m[2]] = append(raced[m[2]], regexp.MustCompile(`^(?:`+vars[m[1]]+`)$`))
		}
	}
	for _, pkg := range strings.Fields(vars["PLAIN_PACKAGES"]) {
		dir := filepath.Join("..", filepath.FromSlash(strings.TrimPrefix(pkg, "./")))
		for _, name := range testsStartingGoroutines(t, dir) {
			ok := false
			for _, re := range raced[pkg] {
				ok = ok || re.MatchString(name)
			}
			if !ok {
				t.Errorf("%s: %s starts goroutines but no `test -race -run` line of the Makefile names it", pkg, name)
			}
		}
	}
}

// testsStartingGoroutines lists the Test functions in dir whose own body has
// a go statement.
func testsStartingGoroutines(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []string
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || !strings.HasPrefix(fn.Name.Name, "Test") {
				continue
			}
			starts := false
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				_, isGo := n.(*ast.GoStmt)
				starts = starts || isGo
				return !starts
			})
			if starts {
				out = append(out, fn.Name.Name)
			}
		}
	}
	return out
}
