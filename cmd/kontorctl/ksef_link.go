package main

import (
	"fmt"
	"strings"

	"kontor/domain"
	"kontor/store"
)

func init() {
	ksefCommands["link"] = command{usage: "link --number N", help: "print the invoice's KOD I verification link", run: runKSeFLink}
}

func runKSeFLink(e *env, args []string) error {
	fs := flags("ksef link")
	number := fs.String("number", "", "the invoice's or credit note's number")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || strings.TrimSpace(*number) == "" {
		return usagef("ksef link needs --number and nothing else")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := store.NewKSeFService(db).InvoiceKSeFByNumber(e.ctx, *number)
	if err != nil {
		return err
	}
	if st.Link == "" {
		return domain.Errorf(domain.EInvalid, "ksef.no_link", "{{.Number}} has no verification link: {{.Why}}",
			map[string]any{"Number": st.Number, "Why": ksefLabel(st)})
	}
	fmt.Fprintln(e.stdout, st.Link)
	return nil
}
