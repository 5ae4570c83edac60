package main

import (
	"fmt"
	"io"
	"path/filepath"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
)

func init() {
	commands["interest"] = command{usage: "interest --account CODE --date YYYY-MM-DD (--out FILE.pdf | --json)",
		help: "the account's interest note (statutory interest for delay and the compensation); --out also records it on the account's history",
		run:  runInterest}
}

// interestJSON is what interest --json prints: the contract's fields (README.md,
// kontorctl), then which note it is.
type interestJSON struct {
	Invoices     []interestInvoiceJSON `json:"invoices"`
	Interest     string                `json:"interest"`
	Compensation string                `json:"compensation_pln"`
	Total        string                `json:"total"`
	Account      string                `json:"account"`
	Date         string                `json:"date"`
}

type interestInvoiceJSON struct {
	Number          string               `json:"number"`
	Due             string               `json:"due"`
	PaidOn          *string              `json:"paid_on"` // null while the invoice is open
	Periods         []interestPeriodJSON `json:"periods"`
	Interest        string               `json:"interest"`
	CompensationEUR string               `json:"compensation_eur"`
	EURRate         string               `json:"eur_rate"`
	EURRateDate     string               `json:"eur_rate_date"`
	CompensationPLN string               `json:"compensation_pln"`
}

type interestPeriodJSON struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Days     int    `json:"days"`
	Base     string `json:"base"`
	Rate     string `json:"rate"`
	Interest string `json:"interest"`
}

func newInterestJSON(n *domain.InterestNote) interestJSON {
	out := interestJSON{Invoices: []interestInvoiceJSON{}, Interest: n.Interest.String(), Compensation: n.Compensation.String(),
		Total: n.Total.String(), Date: n.Date.String()}
	if n.Account != nil {
		out.Account = n.Account.Code
	}
	for _, inv := range n.Invoices {
		j := interestInvoiceJSON{Number: inv.Number, Due: inv.Due.String(), Periods: []interestPeriodJSON{}, Interest: inv.Interest.String(),
			CompensationEUR: fmt.Sprintf("%d.00", inv.CompensationEUR), EURRate: inv.EURRate.StringFixed(int32(domain.RatePlaces(inv.EURRate))), EURRateDate: inv.EURRateDate.String(),
			CompensationPLN: inv.CompensationPLN.String()}
		if !inv.PaidOn.IsZero() {
			paid := inv.PaidOn.String()
			j.PaidOn = &paid
		}
		for _, p := range inv.Periods {
			j.Periods = append(j.Periods, interestPeriodJSON{From: p.From.String(), To: p.To.String(), Days: p.Days, Base: p.Base.String(),
				Rate: p.Rate.StringFixed(2), Interest: p.Interest.String()})
		}
		out.Invoices = append(out.Invoices, j)
	}
	return out
}

func runInterest(e *env, args []string) error {
	fs := flags("interest")
	code := fs.String("account", "", "account code")
	dateText := fs.String("date", "", "the note's date, YYYY-MM-DD")
	out := fs.String("out", "", "FILE.pdf")
	asJSON := fs.Bool("json", false, "print the note as JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("interest takes no arguments besides its flags")
	case *code == "" || *dateText == "":
		return usagef("interest needs --account and --date")
	}
	if err := pdfOrJSON("interest", *out, *asJSON); err != nil {
		return err
	}
	on, err := domain.ParseDate(*dateText)
	if err != nil {
		return err
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	acct, err := store.NewAccountService(db).FindAccountByCode(e.ctx, *code)
	if err != nil {
		return err
	}
	coll := store.NewCollectionsService(db)
	n, err := coll.InterestNote(e.ctx, acct.ID, on)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, newInterestJSON(n))
	}
	if len(n.Invoices) == 0 {
		return domain.Errorf(domain.EInvalid, "interest.nothing", "{{.Code}} has no invoice paid late or overdue on {{.Date}} that is not on an earlier note",
			map[string]any{"Code": acct.Code, "Date": on.String()})
	}
	printer := pdf.LetterPrinter{Collections: coll, Company: store.NewCompanyService(db)}
	if err := writeAtomic(*out, func(w io.Writer) error { return printer.PrintInterestNote(e.ctx, n, w) }); err != nil {
		return err
	}
	abs, _ := filepath.Abs(*out)
	title := map[domain.Locale]string{domain.Polish: "Nota odsetkowa", domain.English: "Interest note"}[domain.DocumentLanguage(acct)]
	if err := coll.RecordInterestNote(e.ctx, n, domain.DocumentLog{Kind: domain.DocInterest, Title: title, File: abs, Amount: n.Total,
		Lang: domain.DocumentLanguage(acct)}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: interest note of %s on %s, %d invoices, interest %s, compensation %s, total %s PLN\n", *out, acct.Code, on,
		len(n.Invoices), n.Interest, n.Compensation, n.Total)
	return nil
}
