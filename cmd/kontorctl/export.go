package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kontor/domain"
	"kontor/store"
	"kontor/store/xfer"
)

func init() {
	commands["export"] = command{usage: "export KIND [--format csv|xlsx] [--out FILE]",
		help: "write KIND (" + strings.Join(kindNames(exporters), ", ") + ") with the import columns; stdout without --out", run: runExport}
}

// exporter writes every record of one kind; it returns how many.
type exporter struct {
	schema xfer.Schema
	each   func(ctx context.Context, t *store.Transfer, w xfer.Writer) (int, error)
}

// exporters by kind. Later kinds of the contract add theirs here.
var exporters = map[string]exporter{
	"accounts": {xfer.AccountSchema, func(ctx context.Context, t *store.Transfer, w xfer.Writer) (int, error) {
		n := 0
		err := t.ExportAccounts(ctx, func(a *domain.Account) error {
			n++
			return w.Write(xfer.AccountCells(a))
		})
		return n, err
	}},
	"contacts": {xfer.ContactSchema, func(ctx context.Context, t *store.Transfer, w xfer.Writer) (int, error) {
		n := 0
		err := t.ExportContacts(ctx, func(code string, c *domain.Contact) error {
			n++
			return w.Write(xfer.ContactCells(code, c))
		})
		return n, err
	}},
	"activities": {xfer.ActivitySchema, func(ctx context.Context, t *store.Transfer, w xfer.Writer) (int, error) {
		n := 0
		err := t.ExportActivities(ctx, func(a *domain.Activity) error {
			n++
			return w.Write(xfer.ActivityCells(a))
		})
		return n, err
	}},
	"products": {xfer.ProductSchema, func(ctx context.Context, t *store.Transfer, w xfer.Writer) (int, error) {
		n := 0
		err := t.ExportProducts(ctx, func(p *domain.Product) error {
			n++
			return w.Write(xfer.ProductCells(p))
		})
		return n, err
	}},
	"prices": {xfer.PriceSchema, func(ctx context.Context, t *store.Transfer, w xfer.Writer) (int, error) {
		n := 0
		err := t.ExportPrices(ctx, func(a *domain.Agreement) error {
			n++
			return w.Write(xfer.PriceCells(a))
		})
		return n, err
	}},
	"orders": {xfer.OrderSchema, func(ctx context.Context, t *store.Transfer, w xfer.Writer) (int, error) {
		// One row a line; the count is of orders.
		n, last := 0, domain.OrderID(0)
		err := t.ExportOrders(ctx, func(o *domain.Order, l *domain.DocumentLine) error {
			if o.ID != last {
				n, last = n+1, o.ID
			}
			return w.Write(xfer.OrderCells(o, l))
		})
		return n, err
	}},
	"payments": {xfer.PaymentSchema, func(ctx context.Context, t *store.Transfer, w xfer.Writer) (int, error) {
		n := 0
		err := t.ExportPayments(ctx, func(code string, p *domain.Payment) error {
			n++
			return w.Write(xfer.PaymentCells(code, p))
		})
		return n, err
	}},
}

func runExport(e *env, args []string) error {
	fl := flags("export")
	format := fl.String("format", "", "csv or xlsx (default: xlsx for an --out ending in .xlsx, else csv)")
	out := fl.String("out", "", "write to FILE instead of standard output")
	pos, err := parseInterspersed(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export needs KIND")
	}
	exp, ok := exporters[pos[0]]
	if !ok {
		return unsupportedKind("export", pos[0], exporters)
	}
	f := xfer.CSV
	switch {
	case *format != "":
		if f, err = xfer.ParseFormat(*format); err != nil {
			return usagef("%v", err)
		}
	case strings.EqualFold(filepath.Ext(*out), ".xlsx"):
		f = xfer.XLSX
	}
	if f == xfer.XLSX && *out == "" {
		return usagef("--format xlsx needs --out FILE")
	}
	db, err := e.openRead()
	if err != nil {
		return err
	}
	defer db.Close()
	t := store.NewTransfer(db)
	n := 0
	fill := func(w io.Writer) error {
		xw, err := xfer.NewWriter(f, w, exp.schema)
		if err != nil {
			return err
		}
		if n, err = exp.each(e.ctx, t, xw); err != nil {
			return err
		}
		return xw.Close()
	}
	if *out == "" {
		bw := bufio.NewWriter(e.stdout)
		if err := fill(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := writeAtomic(*out, fill); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d %s\n", *out, n, pos[0])
	return nil
}

// writeAtomic writes path through a temporary file in the same folder, renamed
// over it only when complete: a failed or interrupted export leaves no half
// file, and an existing file stays as it was. A new file is private (0600):
// exports hold customer data; a replaced one keeps its permissions.
func writeAtomic(path string, fill func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return outputError(path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return outputError(path, err)
	}
	if err = tmp.Sync(); err != nil {
		return outputError(path, err)
	}
	if err = tmp.Close(); err != nil {
		return outputError(path, err)
	}
	if st, statErr := os.Stat(path); statErr == nil {
		if st.IsDir() {
			return domain.Errorf(domain.EInvalid, "file.is_dir", "{{.Path}} is a folder, not a file", map[string]any{"Path": path})
		}
		if err = os.Chmod(tmp.Name(), st.Mode().Perm()); err != nil {
			return outputError(path, err)
		}
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return outputError(path, err)
	}
	return nil
}

func outputError(path string, err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist) {
		return domain.Errorf(domain.EInvalid, "file.cannot_write", "cannot write {{.Path}}: {{.Err}}",
			map[string]any{"Path": path, "Err": err.Error()})
	}
	return fmt.Errorf("write %s: %w", path, err)
}
