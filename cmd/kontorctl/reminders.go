package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
)

func init() {
	commands["reminders"] = command{usage: "reminders --date YYYY-MM-DD --out DIR [--json]",
		help: "payment reminders due on that date: for each account the highest level reached and not yet sent, one PDF each in DIR, recorded as sent",
		run:  runReminders}
}

// reminderJSON is one reminder written, in reminders --json.
type reminderJSON struct {
	Account  string `json:"account"`
	Level    int    `json:"level"`
	Final    bool   `json:"final"`
	Overdue  string `json:"overdue"`
	ToPay    string `json:"to_pay"`
	Deadline string `json:"deadline"`
	File     string `json:"file"`
}

type remindersJSON struct {
	Date      string         `json:"date"`
	Reminders []reminderJSON `json:"reminders"`
	Failed    []failureJSON  `json:"failed"`
}

type failureJSON struct {
	Account string `json:"account"`
	Error   string `json:"error"`
}

func runReminders(e *env, args []string) error {
	fs := flags("reminders")
	dateText := fs.String("date", "", "the reminders' date, YYYY-MM-DD")
	out := fs.String("out", "", "the folder for the PDFs (made when missing)")
	asJSON := fs.Bool("json", false, "print what was written as JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("reminders takes no arguments besides its flags")
	case *dateText == "" || *out == "":
		return usagef("reminders needs --date and --out")
	}
	day, err := domain.ParseDate(*dateText)
	if err != nil {
		return err
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	coll := store.NewCollectionsService(db)
	due, err := coll.DueReminders(e.ctx, day)
	if err != nil {
		return err
	}
	if err := makeFolder(*out); err != nil {
		return err
	}
	printer := pdf.LetterPrinter{Collections: coll, Company: store.NewCompanyService(db)}
	start := time.Now()
	prog := newProgress(e.stderr, "reminders")
	rec := coll.NewReminderRecorder(0)
	record := func(ctx context.Context, r *domain.Reminder, file string) error {
		return rec.Record(ctx, r, domain.DocumentLog{File: file})
	}
	res, err := printer.PrintReminders(e.ctx, day, due, *out, record, prog.report)
	prog.end()
	if err != nil {
		return err
	}
	if removed, ferr := rec.Flush(e.ctx); ferr != nil {
		res.Unrecorded(removed, ferr)
	}
	for _, f := range res.Failures {
		fmt.Fprintf(e.stderr, "kontorctl: reminders: %s: %v\n", f.AccountCode, f.Err)
	}
	if *asJSON {
		j := remindersJSON{Date: day.String(), Reminders: []reminderJSON{}, Failed: []failureJSON{}}
		for _, s := range res.Sent {
			r := s.Reminder
			j.Reminders = append(j.Reminders, reminderJSON{Account: r.Account.Code, Level: r.Level, Final: r.Final, Overdue: r.Overdue.String(),
				ToPay: r.ToPay.String(), Deadline: r.Deadline.String(), File: s.Path})
		}
		for _, f := range res.Failures {
			j.Failed = append(j.Failed, failureJSON{Account: f.AccountCode, Error: f.Err.Error()})
		}
		if err := writeJSON(e.stdout, j); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "%s: %d reminders for %s written and recorded as sent, %d failed, in %s\n",
			filepath.Clean(*out)+string(filepath.Separator), len(res.Sent), day, len(res.Failures), time.Since(start).Round(time.Millisecond))
	}
	if res.Cancelled {
		return fmt.Errorf("cancelled: %d reminders written and recorded stay in %s", len(res.Sent), *out)
	}
	return nil
}
