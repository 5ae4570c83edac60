package domain_test

import (
	"bytes"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// goPackage is what the layering rules need to know about one package.
type goPackage struct {
	standard bool
	deps     []string // every package it imports, directly or not (test files excluded)
}

// layeringViolations checks the dependency direction, ui → domain ← store,
// over a package graph, and returns one line per broken rule. The demo
// generator and the performance suite (store/demo, store/bench) sit on top of
// the store: only the commands (and tests, which go list -deps leaves out) use
// them.
func layeringViolations(graph map[string]goPackage) []string {
	var out []string
	broken := func(pkg, dep, rule string) { out = append(out, pkg+" imports "+dep+": "+rule) }
	under := func(path, root string) bool { return path == root || strings.HasPrefix(path, root+"/") }
	fyneEntry := func(dep string) bool {
		return dep == "fyne.io/fyne/v2/app" || under(dep, "fyne.io/fyne/v2/internal/driver/glfw")
	}
	onTop := func(path string) bool { return under(path, "kontor/store/demo") || under(path, "kontor/store/bench") }
	// The tests' shared fixtures (a migrated template, demo files, a PostgreSQL
	// cluster) stand on everything; only tests import them.
	fixtures := func(path string) bool { return path == "kontor/store/storetest" }
	for pkg, p := range graph {
		if !under(pkg, "kontor") {
			continue
		}
		for _, dep := range p.deps {
			switch {
			case pkg == "kontor/domain" && !graph[dep].standard && !under(dep, "github.com/shopspring/decimal"):
				broken(pkg, dep, "domain imports only the standard library and shopspring/decimal")
			// The conformance suite is the contract the store and the fakes are both held to: it knows neither.
			case pkg == "kontor/domain/servicetest" && !graph[dep].standard && dep != "kontor/domain" &&
				!under(dep, "github.com/shopspring/decimal"):
				broken(pkg, dep, "servicetest imports only the standard library and the domain")
			// domaintest's fakes may sort like the store does (x/text), but stay in-memory and windowless.
			case under(pkg, "kontor/domain") && (under(dep, "kontor/store") || under(dep, "kontor/ui") || dep == "database/sql" ||
				under(dep, "modernc.org/sqlite") || under(dep, "fyne.io")):
				broken(pkg, dep, "domain packages depend on nothing but the domain")
			case fixtures(dep):
				broken(pkg, dep, "only tests use the shared test fixtures")
			case fixtures(pkg) && onTop(dep): // the fixtures generate demo files
			case onTop(dep) && under(pkg, "kontor/store") && !onTop(pkg):
				broken(pkg, dep, "the store never depends on the demo generator or the performance suite: they are built on its bulk API")
			case onTop(dep) && under(pkg, "kontor/ui"):
				broken(pkg, dep, "ui never depends on the demo generator or the performance suite (cmd/kontor wires the demo in)")
			case onTop(dep) && !under(pkg, "kontor/cmd") && !onTop(pkg):
				broken(pkg, dep, "only the commands use the demo generator and the performance suite")
			case under(pkg, "kontor/ui") && (dep == "kontor/store" || dep == "database/sql" || under(dep, "modernc.org/sqlite")):
				broken(pkg, dep, "ui talks to the domain services, never to the store or SQL")
			case under(pkg, "kontor/cmd/kontorctl") && (under(dep, "kontor/ui") || under(dep, "fyne.io")):
				broken(pkg, dep, "kontorctl builds without Fyne (CGO_ENABLED=0)")
			case under(pkg, "kontor/store") && under(dep, "fyne.io"):
				broken(pkg, dep, "the store never imports Fyne")
			case under(pkg, "kontor/assets") && under(dep, "fyne.io"):
				broken(pkg, dep, "assets are embed.FS only and import no Fyne")
			case pkg != "kontor/cmd/kontor" && fyneEntry(dep):
				broken(pkg, dep, "only cmd/kontor starts the Fyne app and its GL driver; the rest tests with Fyne's software driver")
			}
		}
	}
	sort.Strings(out)
	return out
}

// goTool finds the go command that runs these tests.
func goTool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is not on PATH: cannot list package dependencies: %v", err)
	}
	return p
}

// moduleGraph runs go list over every package of the module and its dependencies.
// -e keeps going past packages another helper is half-way through writing.
func moduleGraph(t *testing.T) map[string]goPackage {
	t.Helper()
	cmd := exec.Command(goTool(t), "list", "-e", "-deps", "-f", "{{.ImportPath}}\t{{.Standard}}\t{{join .Deps \" \"}}", "kontor/...")
	cmd.Dir = ".." // the module root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	graph := map[string]goPackage{}
	for _, line := range strings.Split(strings.TrimSpace(string(outb)), "\n") {
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 {
			t.Fatalf("go list printed %q", line)
		}
		graph[parts[0]] = goPackage{standard: parts[1] == "true", deps: strings.Fields(parts[2])}
	}
	return graph
}

func TestLayering(t *testing.T) {
	graph := moduleGraph(t)
	// Guard against a vacuous pass: the packages that exist today must be listed.
	for _, pkg := range []string{"kontor/domain", "kontor/store", "kontor/store/demo", "kontor/store/bench", "kontor/cmd/kontorctl"} {
		if _, ok := graph[pkg]; !ok {
			t.Fatalf("go list did not report %s", pkg)
		}
	}
	if !contains(graph["kontor/store"].deps, "kontor/domain") || !contains(graph["kontor/store"].deps, "database/sql") {
		t.Fatalf("go list reported no dependencies for kontor/store: %v", graph["kontor/store"].deps)
	}
	for _, pkg := range []string{"kontor/store/demo", "kontor/store/bench"} {
		if !contains(graph[pkg].deps, "kontor/store") {
			t.Fatalf("%s is not built on kontor/store: %v", pkg, graph[pkg].deps)
		}
	}
	for _, v := range layeringViolations(graph) {
		t.Error(v)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestLayeringRules shows each rule catches the mistake it is for, so the check
// above does not pass merely because the graph is small today.
func TestLayeringRules(t *testing.T) {
	std := goPackage{standard: true}
	base := map[string]goPackage{
		"fmt": std, "database/sql": std, "database/sql/driver": std, "testing": std,
		"github.com/shopspring/decimal": {}, "golang.org/x/text/collate": {}, "modernc.org/sqlite": {},
		"fyne.io/fyne/v2": {}, "fyne.io/fyne/v2/app": {}, "fyne.io/fyne/v2/widget": {},
		"fyne.io/fyne/v2/internal/driver/glfw": {},
		// decimal brings database/sql/driver (its Valuer); that interface package is allowed everywhere.
		"kontor/domain":             {deps: []string{"fmt", "github.com/shopspring/decimal", "database/sql/driver"}},
		"kontor/domain/domaintest":  {deps: []string{"kontor/domain", "fmt", "golang.org/x/text/collate"}},
		"kontor/domain/servicetest": {deps: []string{"kontor/domain", "testing", "github.com/shopspring/decimal", "database/sql/driver"}},
		"kontor/store":              {deps: []string{"kontor/domain", "database/sql", "modernc.org/sqlite", "golang.org/x/text/collate"}},
		"kontor/store/pdf":          {deps: []string{"kontor/domain"}},
		"kontor/store/xfer":         {deps: []string{"kontor/domain"}},
		"kontor/store/demo":         {deps: []string{"kontor/store", "kontor/domain", "database/sql"}},
		"kontor/store/bench":        {deps: []string{"kontor/store/demo", "kontor/store", "kontor/store/xfer", "kontor/domain"}},
		"kontor/ui":                 {deps: []string{"kontor/domain", "fyne.io/fyne/v2", "kontor/store/pdf"}},
		"kontor/ui/accounts":        {deps: []string{"kontor/domain", "fyne.io/fyne/v2/widget", "database/sql/driver"}},
		"kontor/cmd/kontorctl":      {deps: []string{"kontor/store/bench", "kontor/store/demo", "kontor/store", "kontor/domain"}},
		"kontor/cmd/kontor": {deps: []string{"kontor/ui", "kontor/store/demo", "kontor/store", "fyne.io/fyne/v2/app",
			"fyne.io/fyne/v2/internal/driver/glfw"}},
	}
	if v := layeringViolations(base); len(v) != 0 {
		t.Fatalf("a graph that follows the layering rules is reported as broken: %v", v)
	}
	tests := []struct{ pkg, dep string }{
		{"kontor/domain", "golang.org/x/text/collate"},
		{"kontor/domain/domaintest", "kontor/store"},
		{"kontor/domain/domaintest", "database/sql"},
		{"kontor/domain/domaintest", "fyne.io/fyne/v2"},
		{"kontor/domain/servicetest", "kontor/domain/domaintest"},
		{"kontor/domain/servicetest", "golang.org/x/text/collate"},
		{"kontor/domain/servicetest", "kontor/store"},
		{"kontor/ui", "kontor/store"},
		{"kontor/ui/accounts", "database/sql"},
		{"kontor/ui/accounts", "modernc.org/sqlite"},
		{"kontor/ui/accounts", "fyne.io/fyne/v2/app"},
		{"kontor/cmd/kontorctl", "kontor/ui/accounts"},
		{"kontor/cmd/kontorctl", "fyne.io/fyne/v2"},
		{"kontor/store", "fyne.io/fyne/v2"},
		{"kontor/store/pdf", "fyne.io/fyne/v2/widget"},
		{"kontor/ui", "fyne.io/fyne/v2/internal/driver/glfw"},
		{"kontor/store", "kontor/store/demo"},
		{"kontor/store", "kontor/store/bench"},
		{"kontor/store/xfer", "kontor/store/demo"},
		{"kontor/store/pdf", "kontor/store/bench"},
		{"kontor/ui", "kontor/store/demo"},
		{"kontor/ui/accounts", "kontor/store/bench"},
		{"kontor/domain/domaintest", "kontor/store/demo"},
		{"kontor/assets", "kontor/store/bench"},
	}
	for _, tt := range tests {
		graph := map[string]goPackage{}
		for k, v := range base {
			graph[k] = v
		}
		p := graph[tt.pkg]
		p.deps = append(append([]string(nil), p.deps...), tt.dep)
		graph[tt.pkg] = p
		if v := layeringViolations(graph); len(v) != 1 || !strings.HasPrefix(v[0], tt.pkg+" imports "+tt.dep) {
			t.Errorf("%s importing %s: violations %v, want exactly that one", tt.pkg, tt.dep, v)
		}
	}
}
