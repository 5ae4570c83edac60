package main

import (
	"context"
	"io"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
	"kontor/store/xfer"
	"kontor/ui"
	"kontor/ui/receivables"
)

// receivablesSchema is the receivables export: one row per account in the
// machine form (ISO dates, '.' decimals), amounts as spreadsheet numbers. The
// totals row of the screen is left out, so the file sorts and sums cleanly.
var receivablesSchema = xfer.Schema{Kind: "receivables", Columns: []xfer.Column{
	{Name: "account_code", Width: 12}, {Name: "name", Width: 40}, {Name: "owner", Width: 20}, {Name: "customer_group", Width: 20},
	{Name: "current", Type: xfer.Amount, Width: 14}, {Name: "d1_30", Type: xfer.Amount, Width: 14},
	{Name: "d31_60", Type: xfer.Amount, Width: 14}, {Name: "d61_90", Type: xfer.Amount, Width: 14},
	{Name: "over_90", Type: xfer.Amount, Width: 14}, {Name: "credit", Type: xfer.Amount, Width: 14},
	{Name: "balance", Type: xfer.Amount, Width: 14}, {Name: "credit_limit", Type: xfer.Amount, Width: 14},
	{Name: "oldest_due", Width: 12},
}}

// receivablesCells is one account's row of the export.
func receivablesCells(r *domain.ReceivableRow) []string {
	g := r.Aging
	oldest := ""
	if !r.OldestDue.IsZero() {
		oldest = r.OldestDue.String()
	}
	return []string{r.Code, r.Name, r.Owner, r.Group, g.Current.String(), g.D1_30.String(), g.D31_60.String(),
		g.D61_90.String(), g.Over90.String(), g.Credit.String(), g.Balance().String(), r.CreditLimit.String(), oldest}
}

// exportReceivables writes the receivables list as CSV or XLSX, through a
// temporary file renamed over the one chosen (writeFile).
func exportReceivables(_ context.Context, rows []domain.ReceivableRow, format receivables.Format, path string) error {
	return writeFile(path, func(w io.Writer) error {
		xw, err := xfer.NewWriter(xfer.Format(format), w, receivablesSchema)
		if err != nil {
			return err
		}
		for i := range rows {
			if err := xw.Write(receivablesCells(&rows[i])); err != nil {
				return err
			}
		}
		return xw.Close()
	})
}

// receivablesDeps are the store's receivables services and the PDF printer
// of statements, for the shell.
func receivablesDeps(db *store.DB, d *ui.Deps) {
	r := store.NewReceivablesService(db)
	d.Invoices, d.Payments, d.Receivables = store.NewInvoiceService(db), store.NewPaymentService(db), r
	d.Statements = pdf.StatementPrinter{Receivables: r, Company: store.NewCompanyService(db)}
	d.ExportReceivables = exportReceivables
	d.KSeF = store.NewKSeFService(db)
	d.InvoicePDF = pdf.InvoicePrinter{Invoices: d.Invoices, Accounts: store.NewAccountService(db), Company: store.NewCompanyService(db),
		KSeF: d.KSeF, Products: store.NewProductService(db)}
}
