package main

import (
	"fmt"
	"time"

	"kontor/domain"
	"kontor/store"
)

func init() {
	ksefCommands["status"] = command{usage: "status [--json]",
		help: "how many invoices wait to be sent, are sent, cannot be built or are not for KSeF", run: runKSeFStatus}
}

// ksefStatusJSON is what ksef status --json prints: integer counts.
// Rejected are the invoices whose file Kontor cannot build (the status says
// what is missing); Late, the ones not in KSeF past the offline24 deadline.
type ksefStatusJSON struct {
	Waiting    int `json:"waiting"`
	Sent       int `json:"sent"`
	Rejected   int `json:"rejected"`
	NotForKSeF int `json:"not_for_ksef"`
	Late       int `json:"late"`
}

func runKSeFStatus(e *env, args []string) error {
	fs := flags("ksef status")
	asJSON := fs.Bool("json", false, "print the counts as JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("ksef status takes no arguments besides --json")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	svc := store.NewKSeFService(db)
	// Files never built (an older Kontor's invoices) are built first, so that
	// each invoice is counted where it stands.
	if _, err := svc.BuildPending(e.ctx, store.KSeFScope{}, nil); err != nil {
		return err
	}
	c, err := svc.KSeFCounts(e.ctx, domain.DateOf(time.Now()))
	if err != nil {
		return err
	}
	out := ksefStatusJSON{Waiting: c.Waiting, Sent: c.Sent, Rejected: c.CannotBuild, NotForKSeF: c.NotForKSeF, Late: c.Late}
	if *asJSON {
		return writeJSON(e.stdout, out)
	}
	fmt.Fprintf(e.stdout, "waiting to be sent: %d\nsent: %d\ncannot be built: %d\nnot for KSeF: %d\n"+
		"not in KSeF past the business day after their date: %d\n", out.Waiting, out.Sent, out.Rejected, out.NotForKSeF, out.Late)
	return nil
}
