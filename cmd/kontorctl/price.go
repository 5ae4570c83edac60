package main

import (
	"fmt"
	"time"

	"kontor/domain"
	"kontor/store"
)

func init() {
	commands["price"] = command{usage: "price --account CODE --sku SKU --qty Q [--date YYYY-MM-DD] [--json]",
		help: "the net unit price an account pays for a SKU, and why", run: runPrice}
}

// priceJSON is what price --json prints: the contract's price, source and
// reason, then the details behind them.
type priceJSON struct {
	Price      string          `json:"price"`
	Source     string          `json:"source"`
	Reason     string          `json:"reason"`
	Account    string          `json:"account"`
	SKU        string          `json:"sku"`
	Quantity   string          `json:"quantity"`
	Date       string          `json:"date"`
	ListPrice  string          `json:"list_price"`
	Agreement  *int64          `json:"agreement"` // the winning agreement; null for the list price
	Candidates []candidateJSON `json:"candidates"`
}

type candidateJSON struct {
	Agreement int64  `json:"agreement"`
	Source    string `json:"source"`
	Holder    string `json:"holder"`
	Price     string `json:"price"`
	Lost      string `json:"lost"` // "" for the winner
	Reason    string `json:"reason"`
}

func runPrice(e *env, args []string) error {
	fs := flags("price")
	code := fs.String("account", "", "account code")
	sku := fs.String("sku", "", "product SKU")
	qtyText := fs.String("qty", "", "quantity: the document's total of the SKU")
	dateText := fs.String("date", "", "the day to price on (default today)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("price takes no arguments besides its flags")
	}
	if *code == "" || *sku == "" || *qtyText == "" {
		return usagef("price needs --account, --sku and --qty")
	}
	qty, err := domain.ParseQuantity(*qtyText)
	if err != nil {
		return err
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
	r, err := store.NewPriceService(db).Resolve(e.ctx, acct.ID, *sku, qty, day)
	if err != nil {
		return err
	}
	out := priceJSON{Price: r.Price.String(), Source: string(r.Source), Reason: r.Reason.String(), Account: acct.Code,
		SKU: r.SKU, Quantity: r.Quantity.String(), Date: r.Date.String(), ListPrice: r.ListPrice.String(), Candidates: []candidateJSON{}}
	if r.Winner != nil {
		id := int64(r.Winner.Agreement.ID)
		out.Agreement = &id
		out.Candidates = append(out.Candidates, candidateOf(r.Winner))
	}
	for i := range r.Others {
		out.Candidates = append(out.Candidates, candidateOf(&r.Others[i]))
	}
	if *asJSON {
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintf(e.stdout, "%s\t%s\n%s\n", out.Price, out.Source, out.Reason)
	for _, c := range r.Others {
		fmt.Fprintf(e.stdout, "  %s\n", c.Why)
	}
	return nil
}

func candidateOf(c *domain.Candidate) candidateJSON {
	return candidateJSON{Agreement: int64(c.Agreement.ID), Source: string(c.Source), Holder: c.Holder,
		Price: c.Price.String(), Lost: string(c.Lost), Reason: c.Why.String()}
}
