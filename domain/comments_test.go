package domain_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCommentsStayInTheRepository: a comment says the rule it relies on, or
// points at the README, never at documents outside the repository (the
// product brief, the design notes, an issue tracker), which its readers may
// not have.
func TestCommentsStayInTheRepository(t *testing.T) {
	outside := regexp.MustCompile(`PRODUCT\.md|DESIGN\.md|\.\./shared|\b[Ii]ssue \d+`)
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != ".." || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, g := range file.Comments {
			for _, c := range g.List {
				if m := outside.FindString(c.Text); m != "" {
					t.Errorf("%s: a comment points outside the repository (%q): say the rule itself", fset.Position(c.Pos()), m)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
