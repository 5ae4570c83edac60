package pdf

import (
	"bytes"
	"context"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"

	"kontor/domain"
	"kontor/store/safefile"
)

// LetterPrinter prints reminders and interest notes through the domain
// services, in each account's language (domain.DocumentLanguage): the app,
// kontorctl and the tests share it.
type LetterPrinter struct {
	Collections domain.CollectionsService
	Company     domain.CompanyService
	// Workers is how many reminders a batch builds and draws at once; 0: one per core.
	Workers int
	// Created is the PDFs' creation date; zero dates each by its own date.
	Created time.Time
}

var _ domain.CollectionsPrinter = LetterPrinter{}

func (p LetterPrinter) options(a *domain.Account) Options {
	return Options{Locale: domain.DocumentLanguage(a), Created: p.Created}
}

// PrintReminder writes r as a PDF to w.
func (p LetterPrinter) PrintReminder(ctx context.Context, r *domain.Reminder, w io.Writer) error {
	company, err := p.Company.FindCompany(ctx)
	if err != nil {
		return err
	}
	return Reminder(w, *company, r, p.options(r.Account))
}

// PrintInterestNote writes n as a PDF to w.
func (p LetterPrinter) PrintInterestNote(ctx context.Context, n *domain.InterestNote, w io.Writer) error {
	company, err := p.Company.FindCompany(ctx)
	if err != nil {
		return err
	}
	return InterestNote(w, *company, n, p.options(n.Account))
}

// ReminderFileName names a reminder's PDF (the package's ReminderFileName).
func (LetterPrinter) ReminderFileName(code string, level int, day domain.Date, l domain.Locale) string {
	return ReminderFileName(code, level, day, l)
}

// InterestNoteFileName names a note's PDF (the package's InterestNoteFileName).
func (LetterPrinter) InterestNoteFileName(code string, day domain.Date, l domain.Locale) string {
	return InterestNoteFileName(code, day, l)
}

// PrintReminders writes the reminder of each candidate on day into the
// folder out as "<code>_wezwanie-<level>_<day>.pdf" (English accounts:
// reminder-…), each whole or not at all, and records each as sent — with
// its history entry and follow-up task — as soon as its file is in place,
// so a cancelled batch leaves exactly its finished letters recorded. An
// account that fails (a missing NBP rate for a final demand, say) is
// reported and the others go on. A nil record writes without recording
// (kontorctl bench). The error is for a batch that cannot start.
func (p LetterPrinter) PrintReminders(ctx context.Context, day domain.Date, due []domain.ReminderCandidate, out string,
	record domain.RecordFunc, progress func(domain.BatchProgress)) (domain.ReminderBatchResult, error) {
	if err := checkFolder(out); err != nil {
		return domain.ReminderBatchResult{}, err
	}
	company, err := p.Company.FindCompany(ctx)
	if err != nil {
		return domain.ReminderBatchResult{}, err
	}
	if err := CheckLetterhead(*company); err != nil {
		return domain.ReminderBatchResult{}, err
	}
	safefile.CleanStale(out, "") // what a killed batch left, hidden, goes
	parent := ctx
	ctx, halt := context.WithCancel(ctx)
	defer halt()
	var stopped error // a full disk: every letter after would fail alike
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var (
		mu   sync.Mutex
		res  domain.ReminderBatchResult
		done int
		next = make(chan domain.ReminderCandidate)
		wg   sync.WaitGroup
	)
	fail := func(c domain.ReminderCandidate, err error) {
		mu.Lock()
		res.Failures = append(res.Failures, domain.BatchFailure{AccountCode: c.Code, Err: err})
		mu.Unlock()
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				if path, r, err := p.writeReminder(ctx, *company, day, c, out, record); domain.ErrorCode(err) == domain.EFull {
					mu.Lock()
					if stopped == nil {
						stopped = err
					}
					mu.Unlock()
					halt()
				} else if err != nil {
					if ctx.Err() != nil && parent.Err() == nil {
						continue // stopped by the full disk meanwhile: neither done nor failed
					}
					fail(c, err)
				} else {
					mu.Lock()
					res.Sent = append(res.Sent, domain.ReminderSent{Reminder: r, Path: path})
					mu.Unlock()
				}
				mu.Lock()
				done++
				if progress != nil {
					progress(domain.BatchProgress{Done: done, Total: len(due)})
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, c := range due {
		if ctx.Err() != nil {
			break
		}
		select {
		case next <- c:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	res.Cancelled = parent.Err() != nil && done < len(due)
	sort.Slice(res.Sent, func(i, j int) bool { return res.Sent[i].Reminder.Account.Code < res.Sent[j].Reminder.Account.Code })
	sort.Slice(res.Failures, func(i, j int) bool { return res.Failures[i].AccountCode < res.Failures[j].AccountCode })
	return res, stopped
}

// writeReminder builds, draws, writes and records one account's reminder;
// a file whose recording fails is removed again.
func (p LetterPrinter) writeReminder(ctx context.Context, company domain.CompanySettings, day domain.Date, c domain.ReminderCandidate,
	out string, record domain.RecordFunc) (string, *domain.Reminder, error) {
	r, err := p.Collections.Reminder(ctx, c.AccountID, day, c.Level)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	opt := p.options(r.Account)
	if err := Reminder(&buf, company, r, opt); err != nil {
		return "", nil, err
	}
	path, err := writeInFolder(out, ReminderFileName(r.Account.Code, r.Level, day, opt.Locale), buf.Bytes())
	if err != nil {
		return "", nil, err
	}
	if record == nil { // kontorctl bench: written, not recorded
		return path, r, nil
	}
	if err := record(ctx, r, path); err != nil {
		os.Remove(path)
		return "", nil, err
	}
	return path, r, nil
}

// ReminderFileName names a reminder's PDF: "<code>_wezwanie-2_2026-12-06.pdf",
// in English "<code>_reminder-2_…", the code written as FileCode does.
func ReminderFileName(code string, level int, day domain.Date, l domain.Locale) string {
	word := "wezwanie-"
	if l == domain.English {
		word = "reminder-"
	}
	return FileCode(code) + "_" + word + strconv.Itoa(level) + "_" + day.String() + ".pdf"
}

// InterestNoteFileName names a note's PDF: "<code>_nota-odsetkowa_2026-12-06.pdf".
func InterestNoteFileName(code string, day domain.Date, l domain.Locale) string {
	word := "_nota-odsetkowa_"
	if l == domain.English {
		word = "_interest-note_"
	}
	return FileCode(code) + word + day.String() + ".pdf"
}
