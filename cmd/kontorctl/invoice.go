package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
)

func init() {
	commands["invoice"] = command{usage: "invoice --number N --out FILE.pdf [--lang pl|en]",
		help: "an invoice or credit note as PDF with its KSeF verification code (KOD I)", run: runInvoice}
}

// invoicePrinter is the PDF printer over the database's services.
func invoicePrinter(db *store.DB) pdf.InvoicePrinter {
	return pdf.InvoicePrinter{Invoices: store.NewInvoiceService(db), Accounts: store.NewAccountService(db),
		Company: store.NewCompanyService(db), KSeF: store.NewKSeFService(db), Products: store.NewProductService(db)}
}

func runInvoice(e *env, args []string) error {
	fs := flags("invoice")
	number := fs.String("number", "", "the invoice's or credit note's number")
	out := fs.String("out", "", "FILE.pdf")
	lang := fs.String("lang", "pl", "language of the PDF: pl or en")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("invoice takes no arguments besides its flags")
	case strings.TrimSpace(*number) == "" || *out == "":
		return usagef("invoice needs --number and --out")
	case !strings.EqualFold(filepath.Ext(*out), ".pdf"):
		return usagef("--out must end in .pdf")
	case *lang != "pl" && *lang != "en":
		return usagef("--lang is pl or en")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	inv, err := store.NewInvoiceService(db).FindInvoiceByNumber(e.ctx, *number)
	if err != nil {
		return err
	}
	if err := writeAtomic(*out, func(w io.Writer) error {
		return invoicePrinter(db).PrintInvoice(e.ctx, inv.ID, *lang, w)
	}); err != nil {
		return err
	}
	st, err := store.NewKSeFService(db).InvoiceKSeF(e.ctx, inv.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s %s of %s, gross %s %s, KSeF: %s\n", *out, kindWord(inv.Kind), inv.Number, inv.AccountCode,
		inv.Totals.Gross, inv.Currency, ksefLabel(st))
	return nil
}

func kindWord(k domain.InvoiceKind) string {
	if k == domain.KindCreditNote {
		return "credit note"
	}
	return "invoice"
}

// ksefLabel says an invoice's KSeF standing in one line.
func ksefLabel(st *domain.InvoiceKSeF) string {
	switch st.Status {
	case domain.KSeFSent:
		return "sent, " + st.KSeFNumber
	case domain.KSeFWaiting:
		return "waiting (OFFLINE on the code)"
	case domain.KSeFCannotBuild:
		return "cannot be built: " + reasonsText(st.Reasons)
	case domain.KSeFNotFor:
		return "not for KSeF (before the KSeF start date)"
	}
	return string(st.Status)
}

func reasonsText(rs []domain.KSeFReason) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, "; ")
}
