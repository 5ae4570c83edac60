package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"kontor/domain"
	"kontor/store/safefile"
)

// StatementPrinter prints statements of account through the domain services:
// the app and kontorctl give it the store's, tests give it fakes. It is the
// domain.StatementPrinter behind the statements screen and `kontorctl
// statement(s)`.
type StatementPrinter struct {
	Receivables domain.ReceivablesService
	Company     domain.CompanyService
	// Workers is how many statements are built and drawn at once; 0 means
	// one per core (runtime.NumCPU).
	Workers int
	// Created is the PDFs' creation date; zero dates each by its statement,
	// so that printing the same month twice gives the same bytes.
	Created time.Time
	// BookLimit is how many statements one combined file holds; a longer
	// batch is split into numbered parts. 0 means DefaultBookLimit.
	BookLimit int
}

// DefaultBookLimit bounds a combined file: gofpdf keeps a document's pages in
// memory (about 50 KB a statement), so a whole month of 20,000 accounts in
// one file would take a gigabyte; 1,000 statements is a printer's evening.
const DefaultBookLimit = 1000

func (p StatementPrinter) bookLimit() int {
	if p.BookLimit > 0 {
		return p.BookLimit
	}
	return DefaultBookLimit
}

var _ domain.StatementPrinter = StatementPrinter{}

func (p StatementPrinter) options(lang string) Options {
	loc := domain.Polish
	if lang == string(domain.English) {
		loc = domain.English
	}
	return Options{Locale: loc, Created: p.Created}
}

// PrintStatement writes one account's statement for month m to w.
func (p StatementPrinter) PrintStatement(ctx context.Context, id domain.AccountID, m domain.Month, lang string, w io.Writer) error {
	company, err := p.Company.FindCompany(ctx)
	if err != nil {
		return err
	}
	s, err := p.Receivables.Statement(ctx, id, m)
	if err != nil {
		return err
	}
	return Statement(w, *company, s, p.options(lang))
}

// PrintBatch writes the month's statements as domain.StatementPrinter says.
// A folder that is missing or not writable, or a logo that cannot be
// printed, fails the batch before any statement is built. With
// StatementFiles every finished PDF stays when the batch is cancelled or an
// account fails; a combined file is written only when the batch runs to its
// end (it would otherwise lack accounts without saying so).
func (p StatementPrinter) PrintBatch(ctx context.Context, m domain.Month, format domain.StatementFormat, out, lang string,
	progress func(domain.BatchProgress)) (domain.BatchResult, error) {
	var err error
	if format == domain.StatementCombined {
		err = checkCombinedTarget(out)
	} else {
		err = checkFolder(out)
	}
	if err != nil {
		return domain.BatchResult{}, err
	}
	company, err := p.Company.FindCompany(ctx)
	if err != nil {
		return domain.BatchResult{}, err
	}
	if err := CheckLetterhead(*company); err != nil {
		return domain.BatchResult{}, err
	}
	ids, err := p.Receivables.StatementAccounts(ctx, m)
	if err != nil {
		return domain.BatchResult{}, err
	}
	run, halt := context.WithCancel(ctx)
	defer halt()
	b := &batch{p: p, parent: ctx, ctx: run, halt: halt, m: m, ids: ids, company: *company, opt: p.options(lang), out: out, progress: progress}
	if format == domain.StatementCombined {
		return b.combined()
	}
	// What a batch killed before left (hidden, never under a real name) goes.
	safefile.CleanStale(out, "")
	res := b.files()
	return res, b.stopped
}

// batch is one run of PrintBatch.
type batch struct {
	p        StatementPrinter
	parent   context.Context // the caller's: cancelled means Cancel
	ctx      context.Context // the run's: also ends when the batch stops itself
	halt     context.CancelFunc
	stopped  error // why the batch stopped itself (a full disk), under mu
	m        domain.Month
	ids      []domain.AccountID
	company  domain.CompanySettings
	opt      Options
	out      string
	progress func(domain.BatchProgress)

	mu   sync.Mutex // guards res and done, and orders progress calls
	res  domain.BatchResult
	done int
}

func (b *batch) workers() int {
	if b.p.Workers > 0 {
		return b.p.Workers
	}
	return runtime.NumCPU()
}

// finish records one account's outcome and reports progress. Progress is
// called under the lock, so Done only grows as the callback sees it.
func (b *batch) finish(record func(r *domain.BatchResult)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if record != nil {
		record(&b.res)
	}
	b.done++
	if b.progress != nil {
		b.progress(domain.BatchProgress{Done: b.done, Total: len(b.ids)})
	}
}

// stop ends the batch early because of err.
func (b *batch) stop(err error) {
	b.mu.Lock()
	if b.stopped == nil {
		b.stopped = err
	}
	b.mu.Unlock()
	b.halt()
}

func (b *batch) fail(code string, err error) {
	b.finish(func(r *domain.BatchResult) {
		r.Failures = append(r.Failures, domain.BatchFailure{AccountCode: code, Err: err})
	})
}

// files writes one PDF per account, the workers taking accounts in turn.
// An account's failure is recorded and the batch goes on.
func (b *batch) files() domain.BatchResult {
	jobs := make(chan domain.AccountID)
	var wg sync.WaitGroup
	for range b.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				b.one(id)
			}
		}()
	}
feed:
	for _, id := range b.ids {
		select {
		case jobs <- id:
		case <-b.ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return b.result()
}

// one builds, draws and writes one account's statement.
func (b *batch) one(id domain.AccountID) {
	if b.ctx.Err() != nil {
		return // cancelled while queued: neither done nor failed
	}
	s, err := b.p.Receivables.Statement(b.ctx, id, b.m)
	if err != nil {
		if b.ctx.Err() != nil {
			return
		}
		b.fail(accountLabel(id, nil), err)
		return
	}
	if !s.HasMovement() {
		b.finish(func(r *domain.BatchResult) { r.Skipped++ })
		return
	}
	if s.Account == nil { // the file is named by the account's code
		b.fail(accountLabel(id, nil), fmt.Errorf("statement of account #%d: no account", id))
		return
	}
	var buf bytes.Buffer
	if err := Statement(&buf, b.company, s, b.opt); err != nil {
		b.fail(accountLabel(id, s.Account), err)
		return
	}
	path, err := writeInFolder(b.out, StatementFileName(s.Account.Code, b.m), buf.Bytes())
	if domain.ErrorCode(err) == domain.EFull {
		// Every statement after this one would fail the same way: stop at
		// the first, with the statements written so far kept.
		b.stop(err)
		return
	}
	if err != nil {
		b.fail(accountLabel(id, s.Account), err)
		return
	}
	b.finish(func(r *domain.BatchResult) {
		r.Written++
		r.Paths = append(r.Paths, path)
	})
}

// result sorts what the workers recorded in whatever order they finished.
func (b *batch) result() domain.BatchResult {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.res
	sort.Strings(r.Paths)
	sort.SliceStable(r.Failures, func(i, j int) bool { return r.Failures[i].AccountCode < r.Failures[j].AccountCode })
	r.Cancelled = b.parent.Err() != nil && b.done < len(b.ids)
	return r
}

// accountLabel names an account in a failure: its code, or its ID when the
// statement (and so the code) could not be read.
func accountLabel(id domain.AccountID, a *domain.Account) string {
	if a != nil && a.Code != "" {
		return a.Code
	}
	return fmt.Sprintf("#%d", id)
}

// StatementFileName is "<code>_<YYYY-MM>.pdf" with the code made safe for a
// file name on any system. Codes are letters, digits and . _ / - (and unique
// regardless of case); a slash, a leading dot and anything unexpected are
// written %XX, so two codes never share a file.
func StatementFileName(code string, m domain.Month) string {
	return FileCode(code) + "_" + m.String() + ".pdf"
}

// FileCode writes an account code so that any file system takes it: letters,
// digits, '_', '-' and a '.' not in front stay, every other byte is %XX.
func FileCode(code string) string {
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_', c == '-', c == '.' && i > 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
