package main

import (
	"fmt"
	"os"

	"kontor/store"
)

func init() {
	commands["rates"] = command{usage: "rates import FILE",
		help: "NBP table A exchange rates (JSON as NBP's API returns it, or NBP's archive CSV), kept for the compensation on interest notes",
		run:  runRates}
}

func runRates(e *env, args []string) error {
	fs := flags("rates")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "import" {
		return usagef("rates takes: import FILE")
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		return fmt.Errorf("read %s: %w", pos[1], err)
	}
	rates, err := store.ParseNBP(data, pos[1])
	if err != nil {
		return err
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	tables, n, err := store.NewCollectionsService(db).ImportNBPRates(e.ctx, rates)
	if err != nil {
		return err
	}
	first, last := rates[0].Effective, rates[0].Effective
	for _, r := range rates {
		if r.Effective.Before(first) {
			first = r.Effective
		}
		if last.Before(r.Effective) {
			last = r.Effective
		}
	}
	fmt.Fprintf(e.stdout, "%s: %d NBP table A tables (%s – %s), %d rates imported\n", pos[1], tables, first, last, n)
	return nil
}
