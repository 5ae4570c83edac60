package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"kontor/domain"
	"kontor/store"
	"kontor/store/xfer"
)

func init() {
	commands["import"] = command{usage: "import KIND FILE|-",
		help: "import a CSV file (KIND: " + strings.Join(kindNames(importers), ", ") + "); all or nothing", run: runImport}
}

// importer reads a file of one kind and applies it in one transaction.
type importer func(ctx context.Context, t *store.Transfer, file string, src io.Reader) (store.ImportSummary, error)

// importers by kind. Later kinds of the contract add theirs here.
var importers = map[string]importer{
	"accounts": func(ctx context.Context, t *store.Transfer, file string, src io.Reader) (store.ImportSummary, error) {
		f, err := xfer.ReadAccounts(file, src)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return t.ImportAccounts(ctx, f)
	},
	"contacts": func(ctx context.Context, t *store.Transfer, file string, src io.Reader) (store.ImportSummary, error) {
		f, err := xfer.ReadContacts(file, src)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return t.ImportContacts(ctx, f)
	},
	"activities": func(ctx context.Context, t *store.Transfer, file string, src io.Reader) (store.ImportSummary, error) {
		loc, err := t.Location(ctx)
		if err != nil {
			return store.ImportSummary{}, err
		}
		f, err := xfer.ReadActivities(file, src, loc)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return t.ImportActivities(ctx, f)
	},
	"products": func(ctx context.Context, t *store.Transfer, file string, src io.Reader) (store.ImportSummary, error) {
		f, err := xfer.ReadProducts(file, src)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return t.ImportProducts(ctx, f)
	},
	"prices": func(ctx context.Context, t *store.Transfer, file string, src io.Reader) (store.ImportSummary, error) {
		f, err := xfer.ReadPrices(file, src)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return t.ImportPrices(ctx, f, whoAmI())
	},
	"orders": func(ctx context.Context, t *store.Transfer, file string, src io.Reader) (store.ImportSummary, error) {
		f, err := xfer.ReadOrders(file, src)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return t.ImportOrders(ctx, f)
	},
	"payments": func(ctx context.Context, t *store.Transfer, file string, src io.Reader) (store.ImportSummary, error) {
		f, err := xfer.ReadPayments(file, src)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return t.ImportPayments(ctx, f)
	},
}

// contractKinds are the kinds the CSV contract names (README.md), so a kind
// not built yet is told apart from a typo.
var contractKinds = []string{"accounts", "contacts", "activities", "products", "prices", "orders", "payments"}

func kindNames[T any](m map[string]T) []string {
	var out []string
	for _, k := range contractKinds {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

// unsupportedKind is the usage error for a kind with no importer or exporter.
func unsupportedKind[T any](verb, kind string, m map[string]T) error {
	have := strings.Join(kindNames(m), ", ")
	for _, k := range contractKinds {
		if k == kind {
			return usagef("%s of %s is not supported yet: %s", verb, kind, have)
		}
	}
	return usagef("unknown kind %q: %s", kind, have)
}

func runImport(e *env, args []string) error {
	pos, err := parseInterspersed(flags("import"), args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("import needs KIND and FILE")
	}
	kind, name := pos[0], pos[1]
	imp, ok := importers[kind]
	if !ok {
		return unsupportedKind("import", kind, importers)
	}
	src, err := openInput(name)
	if err != nil {
		return err
	}
	defer src.Close()
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	if name == "-" {
		name = "stdin" // problems read stdin:3: …
	}
	sum, err := imp(e.ctx, store.NewTransfer(db), name, src)
	var bad xfer.Errors
	if errors.As(err, &bad) {
		for _, line := range bad {
			fmt.Fprintln(e.stderr, printable(line.Error()))
		}
		return bad.Summary()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s: created %d, updated %d, unchanged %d\n", name, kind, sum.Created, sum.Updated, sum.Unchanged)
	return nil
}

// openInput opens FILE, or standard input for "-".
func openInput(name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(os.Stdin), nil
	}
	f, err := os.Open(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, domain.Errorf(domain.ENotFound, "file.not_found", "{{.Path}}: no such file", map[string]any{"Path": name})
	case errors.Is(err, fs.ErrPermission):
		return nil, domain.Errorf(domain.EInvalid, "file.unreadable", "{{.Path}}: permission denied", map[string]any{"Path": name})
	case err != nil:
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, domain.Errorf(domain.EInvalid, "file.is_dir", "{{.Path}} is a folder, not a file", map[string]any{"Path": name})
	}
	return f, nil
}
