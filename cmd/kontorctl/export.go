package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"kontor/domain"
	"kontor/store"
	"kontor/store/safefile"
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
		loc, err := t.Location(ctx)
		if err != nil {
			return 0, err
		}
		n := 0
		err = t.ExportActivities(ctx, func(a *domain.Activity) error {
			n++
			return w.Write(xfer.ActivityCells(a, loc))
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

// writeAtomic writes path whole or not at all (safefile): a failed,
// interrupted or disk-full export leaves no half file and an existing file as
// it was. A new file is private (0600): exports hold customer data; a
// replaced one keeps its permissions.
func writeAtomic(path string, fill func(io.Writer) error) error {
	return safefile.Write(path, fill)
}
