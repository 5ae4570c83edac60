package main

import (
	"fmt"
	"io"
	"os"

	"kontor/domain"
	"kontor/store"
)

func init() {
	ksefCommands["upo"] = command{usage: "upo FILE.xml",
		help: "read an official KSeF receipt (UPO) and record each invoice's KSeF number", run: runKSeFUPO}
}

// maxReceipt bounds a receipt read whole: a session's UPO of 10,000 invoices is about 5 MB.
const maxReceipt = 64 << 20

func runKSeFUPO(e *env, args []string) error {
	fs := flags("ksef upo")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("ksef upo takes one receipt file")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return domain.Errorf(domain.EInvalid, "file.unreadable", "cannot read {{.Path}}: {{.Err}}", map[string]any{"Path": pos[0], "Err": err.Error()})
	}
	data, err := io.ReadAll(io.LimitReader(f, maxReceipt+1))
	f.Close()
	if err != nil {
		return domain.Errorf(domain.EInvalid, "file.unreadable", "cannot read {{.Path}}: {{.Err}}", map[string]any{"Path": pos[0], "Err": err.Error()})
	}
	if len(data) > maxReceipt {
		return domain.Errorf(domain.EInvalid, "ksef.upo_too_large", "{{.Path}} is larger than a KSeF receipt can be", map[string]any{"Path": pos[0]})
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := store.NewKSeFService(db).RecordUPO(e.ctx, data)
	if err != nil {
		return err
	}
	var recorded, already, refused int
	for _, r := range res {
		d := r.Document
		switch r.Outcome {
		case domain.UPORecorded:
			recorded++
			fmt.Fprintf(e.stdout, "%s: KSeF number %s recorded\n", d.InvoiceNumber, d.KSeFNumber)
		case domain.UPOAlready:
			already++
			fmt.Fprintf(e.stdout, "%s: KSeF number %s was recorded already\n", d.InvoiceNumber, d.KSeFNumber)
		default:
			refused++
			fmt.Fprintf(e.stderr, "%s: refused: %s\n", d.InvoiceNumber, r.Reason)
		}
	}
	fmt.Fprintf(e.stdout, "%s: %d recorded, %d already recorded, %d refused\n", pos[0], recorded, already, refused)
	if refused > 0 {
		return domain.Errorf(domain.EInvalid, "ksef.upo_refused", "{{.Count}} of the receipt's invoices were refused (listed above); the others are recorded",
			map[string]any{"Count": refused})
	}
	return nil
}
