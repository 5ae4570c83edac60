package main

import (
	"fmt"
	"io"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
)

func init() {
	commands["statement"] = command{usage: "statement --account CODE --month YYYY-MM (--out FILE.pdf | --json) [--lang pl|en]",
		help: "one account's statement of account for a month: the PDF, or JSON (opening, lines, closing, aging, open items)", run: runStatement}
}

// statementJSON is what statement --json prints: the contract's opening,
// closing, lines and aging (amounts as decimal strings with 2 decimals), then
// which statement it is.
type statementJSON struct {
	Opening string              `json:"opening"`
	Closing string              `json:"closing"`
	Lines   []statementLineJSON `json:"lines"`
	Aging   agingJSON           `json:"aging"`
	// OpenItems are the invoices unpaid or part-paid on the statement date:
	// Σ open − aging.credit = closing.
	OpenItems []openItemJSON `json:"open_items"`
	Account   string         `json:"account"`
	Month     string         `json:"month"`
	Date      string         `json:"date"` // the statement date: the month's last day, or today in the current month
	Currency  string         `json:"currency"`
}

type statementLineJSON struct {
	Date   string `json:"date"`
	Kind   string `json:"kind"` // invoice (a credit note too) or payment
	Number string `json:"number"`
	// Due is an invoice's due date; null for a payment or a credit note.
	Due     *string `json:"due"`
	Amount  string  `json:"amount"` // positive for an invoice, negative for a payment or credit note
	Balance string  `json:"balance"`
	// CreditNote marks the invoice lines that are credit notes.
	CreditNote bool `json:"credit_note,omitempty"`
	// Settles names the invoices a payment or credit note settled.
	Settles []string `json:"settles,omitempty"`
}

type openItemJSON struct {
	Number      string `json:"number"`
	Date        string `json:"date"`
	Due         string `json:"due"`
	DaysOverdue int    `json:"days_overdue"`
	Gross       string `json:"gross"`
	Open        string `json:"open"`
}

type agingJSON struct {
	Current string `json:"current"`
	D1_30   string `json:"d1_30"`
	D31_60  string `json:"d31_60"`
	D61_90  string `json:"d61_90"`
	Over90  string `json:"over_90"`
	Credit  string `json:"credit"`
}

func newStatementJSON(s *domain.Statement) statementJSON {
	out := statementJSON{Opening: s.Opening.String(), Closing: s.Closing.String(), Lines: []statementLineJSON{},
		Aging: agingJSON{Current: s.Aging.Current.String(), D1_30: s.Aging.D1_30.String(), D31_60: s.Aging.D31_60.String(),
			D61_90: s.Aging.D61_90.String(), Over90: s.Aging.Over90.String(), Credit: s.Aging.Credit.String()},
		Month: s.Month.String(), Date: s.Date.String(), OpenItems: []openItemJSON{}}
	for _, it := range s.OpenItems {
		out.OpenItems = append(out.OpenItems, openItemJSON{Number: it.Number, Date: it.Date.String(), Due: it.Due.String(),
			DaysOverdue: it.DaysOverdue, Gross: it.Gross.String(), Open: it.Open.String()})
	}
	if s.Account != nil {
		out.Account, out.Currency = s.Account.Code, s.Account.Currency
	}
	for _, ln := range s.Lines {
		j := statementLineJSON{Date: ln.Date.String(), Kind: ln.Kind, Number: ln.Number, Amount: ln.Amount.String(),
			Balance: ln.Balance.String(), CreditNote: ln.Credit, Settles: ln.Settles}
		if !ln.Due.IsZero() {
			due := ln.Due.String()
			j.Due = &due
		}
		out.Lines = append(out.Lines, j)
	}
	return out
}

func runStatement(e *env, args []string) error {
	fs := flags("statement")
	code := fs.String("account", "", "account code")
	monthText := fs.String("month", "", "the month, YYYY-MM")
	out := fs.String("out", "", "FILE.pdf")
	asJSON := fs.Bool("json", false, "print the statement as JSON")
	lang := fs.String("lang", "pl", "language of the PDF: pl or en")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("statement takes no arguments besides its flags")
	case *code == "" || *monthText == "":
		return usagef("statement needs --account and --month")
	case *lang != "pl" && *lang != "en":
		return usagef("--lang is pl or en")
	}
	if err := pdfOrJSON("statement", *out, *asJSON); err != nil {
		return err
	}
	m, err := domain.ParseMonth(*monthText)
	if err != nil {
		return err
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
	s, err := store.NewReceivablesService(db).Statement(e.ctx, acct.ID, m)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, newStatementJSON(s))
	}
	company, err := store.NewCompanyService(db).FindCompany(e.ctx)
	if err != nil {
		return err
	}
	if err := writeAtomic(*out, func(w io.Writer) error {
		return pdf.Statement(w, *company, s, pdf.Options{Locale: domain.Locale(*lang)})
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: statement of %s for %s, %d lines, opening %s, closing %s %s\n", *out, acct.Code, m,
		len(s.Lines), s.Opening, s.Closing, acct.Currency)
	return nil
}
