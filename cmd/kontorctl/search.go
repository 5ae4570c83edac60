package main

import (
	"fmt"
	"strings"

	"kontor/domain"
	"kontor/store"
)

func init() {
	commands["search"] = command{usage: "search TEXT [--json] [--limit N] [--archived]",
		help: "accounts and contacts matching TEXT as the app's search box does", run: runSearch}
}

type searchHit struct {
	Kind        domain.HitKind `json:"kind"`
	AccountCode string         `json:"account_code"`
	Name        string         `json:"name"`
	Account     string         `json:"account"`
	City        string         `json:"city,omitempty"`
}

func runSearch(e *env, args []string) error {
	fs := flags("search")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", domain.DefaultSearchLimit, "at most this many hits")
	archived := fs.Bool("archived", false, "include archived accounts")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("search needs TEXT")
	}
	if *limit < 1 || *limit > domain.MaxSearchLimit {
		return usagef("--limit must be from 1 to %d, not %d", domain.MaxSearchLimit, *limit)
	}
	db, err := e.openRead()
	if err != nil {
		return err
	}
	defer db.Close()
	hits, err := store.NewAccountService(db).SearchAccounts(e.ctx, domain.SearchQuery{
		Text: strings.Join(pos, " "), Limit: *limit, IncludeArchived: *archived})
	if err != nil {
		return err
	}
	out := make([]searchHit, len(hits))
	for i, h := range hits {
		out[i] = searchHit{Kind: h.Kind, AccountCode: h.Code, Name: h.Name, Account: h.Name, City: h.City}
		if h.Kind == domain.HitContact {
			out[i].Name = h.ContactName
		}
	}
	if *asJSON {
		return writeJSON(e.stdout, out)
	}
	for _, h := range out {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", h.Kind, printable(h.AccountCode), printable(h.Name))
	}
	return nil
}
