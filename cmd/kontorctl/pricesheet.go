package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
	"kontor/store/xfer"
)

func init() {
	commands["pricesheet"] = command{usage: "pricesheet --account CODE [--date YYYY-MM-DD] [--lang pl|en] --out FILE.pdf|FILE.csv",
		help: "a customer's price sheet: every active product at its price on a date, with quantity breaks", run: runPriceSheet}
}

func runPriceSheet(e *env, args []string) error {
	fs := flags("pricesheet")
	code := fs.String("account", "", "account code")
	dateText := fs.String("date", "", "the day the prices hold on (default today)")
	lang := fs.String("lang", "pl", "language of the PDF: pl or en")
	out := fs.String("out", "", "FILE.pdf or FILE.csv")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *code == "" || *out == "" {
		return usagef("pricesheet needs --account and --out")
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if ext != ".pdf" && ext != ".csv" {
		return usagef("--out must end in .pdf or .csv")
	}
	if *lang != "pl" && *lang != "en" {
		return usagef("--lang is pl or en")
	}
	day := domain.DateOf(time.Now())
	if *dateText != "" {
		if day, err = domain.ParseDate(*dateText); err != nil {
			return err
		}
	}
	db, err := e.openRead()
	if err != nil {
		return err
	}
	defer db.Close()
	acct, err := store.NewAccountService(db).FindAccountByCode(e.ctx, *code)
	if err != nil {
		return err
	}
	sheet, err := store.NewPriceService(db).PriceSheet(e.ctx, acct.ID, day)
	if err != nil {
		return err
	}
	if ext == ".csv" {
		err = writeAtomic(*out, func(w io.Writer) error { return writeSheetCSV(w, sheet) })
	} else {
		var company *domain.CompanySettings
		if company, err = store.NewCompanyService(db).FindCompany(e.ctx); err != nil {
			return err
		}
		err = writeAtomic(*out, func(w io.Writer) error {
			return pdf.PriceSheet(w, *company, sheet, pdf.Options{Locale: domain.Locale(*lang)})
		})
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d products for %s on %s\n", *out, len(sheet.Lines), acct.Code, day)
	return nil
}

func writeSheetCSV(w io.Writer, sheet *domain.PriceSheet) error {
	xw, err := xfer.NewWriter(xfer.CSV, w, xfer.PriceSheetSchema)
	if err != nil {
		return err
	}
	for i := range sheet.Lines {
		for _, cells := range xfer.PriceSheetCells(&sheet.Lines[i]) {
			if err := xw.Write(cells); err != nil {
				return err
			}
		}
	}
	return xw.Close()
}
