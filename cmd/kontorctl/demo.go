package main

import (
	"fmt"
	"time"

	"kontor/domain"
	"kontor/store/demo"
)

func init() {
	commands["demo"] = command{usage: "demo [--accounts N] [--seed S] [--today YYYY-MM-DD]",
		help: "fill an empty database with realistic generated data (the same file for the same seed and day)", run: runDemo}
}

func runDemo(e *env, args []string) error {
	fs := flags("demo")
	accounts := fs.Int("accounts", demo.DefaultAccounts, "number of accounts")
	seed := fs.Int64("seed", 1, "random seed")
	todayText := fs.String("today", "", "the day the data is generated on (default: today)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("demo takes no arguments besides its flags")
	}
	if *accounts < 1 {
		return usagef("--accounts must be at least 1")
	}
	// The generator's calendar: three years back from this day, whatever the
	// clock says while it runs, so a seed and a day give the same file.
	now := time.Now()
	if *todayText != "" {
		d, err := domain.ParseDate(*todayText)
		if err != nil {
			return err
		}
		if d.IsZero() {
			return usagef("--today needs a date, YYYY-MM-DD")
		}
		now = time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	lastPct := -5
	progress := func(done, total int) {
		// Every 5%, so a log of a long run stays short.
		if pct := done * 100 / total; pct/5 != lastPct/5 {
			lastPct = pct
			fmt.Fprintf(e.stderr, "demo: %3d%% (%d/%d)\n", pct, done, total)
		}
	}
	if err := demo.Generate(e.ctx, db, demo.Options{Accounts: *accounts, Seed: *seed, Now: now}, progress); err != nil {
		return err
	}
	took := time.Since(start).Round(time.Millisecond)
	activities, tasks, err := db.HistoryCounts(e.ctx)
	if err != nil {
		return err
	}
	products, agreements, err := db.CatalogCounts(e.ctx)
	if err != nil {
		return err
	}
	orders, lines, quotes, err := db.DocumentCounts(e.ctx)
	if err != nil {
		return err
	}
	invoices, payments, err := db.ReceivableCounts(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d demo accounts with their contacts, %d activities (%d open tasks), %d products, %d price agreements, %d orders with %d lines, %d quotes, %d invoices, %d payments (seed %d) in %s\n",
		db.Path(), *accounts, activities, tasks, products, agreements, orders, lines, quotes, invoices, payments, *seed, took)
	return nil
}
