package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
	"kontor/store/xfer"
)

func init() {
	commands["quote"] = command{usage: "quote --number N [--revision R] [--lang pl|en] --out FILE.pdf|.xlsx|.csv",
		help: "a quote as its buyer receives it: a PDF with the letterhead, or a spreadsheet of its lines and totals",
		run:  runQuote}
}

func runQuote(e *env, args []string) error {
	fs := flags("quote")
	number := fs.String("number", "", "the quote's number, e.g. OF/2026/00042")
	revision := fs.Int("revision", 0, "an earlier revision (1, 2, …); default the current one")
	lang := fs.String("lang", "pl", "language of the document: pl or en")
	out := fs.String("out", "", "FILE.pdf, FILE.xlsx or FILE.csv")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || strings.TrimSpace(*number) == "" || *out == "" {
		return usagef("quote needs --number and --out")
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	if format != "pdf" && format != "xlsx" && format != "csv" {
		return usagef("--out must end in .pdf, .xlsx or .csv")
	}
	if *lang != "pl" && *lang != "en" {
		return usagef("--lang is pl or en")
	}
	if *revision < 0 {
		return usagef("--revision is 1 or more")
	}
	loc := domain.Locale(*lang)
	db, err := e.openRead()
	if err != nil {
		return err
	}
	defer db.Close()
	q, err := store.NewQuoteService(db, store.NewPriceService(db)).FindQuoteByNumber(e.ctx, *number, *revision)
	if err != nil {
		return err
	}
	render := func(w io.Writer) error { return xfer.WriteQuote(w, xfer.Format(format), q, loc) }
	if format == "pdf" {
		seller, err := store.NewCompanyService(db).FindCompany(e.ctx)
		if err != nil {
			return err
		}
		buyer, err := store.NewAccountService(db).FindAccountByID(e.ctx, q.AccountID)
		if err != nil {
			return err
		}
		render = func(w io.Writer) error { return pdf.Quote(w, *seller, q, buyer, pdf.Options{Locale: loc}) }
	}
	if err := writeAtomic(*out, render); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: quote %s, %d lines, gross %s %s\n", *out, strings.TrimSpace(q.Number+" "+q.RevisionLabel()),
		len(q.Lines), q.Totals().Gross, q.Currency)
	return nil
}
