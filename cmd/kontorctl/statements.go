package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
)

func init() {
	commands["statements"] = command{usage: "statements --month YYYY-MM --out DIR [--combined] [--lang pl|en]",
		help: "the month's statement of every account with movement or a balance, one PDF each in DIR (--combined: --out is one FILE.pdf)",
		run:  runStatements}
}

func runStatements(e *env, args []string) error {
	fs := flags("statements")
	monthText := fs.String("month", "", "the month, YYYY-MM")
	out := fs.String("out", "", "the folder for the PDFs (with --combined, the PDF file)")
	combined := fs.Bool("combined", false, "write every statement into one PDF, for printing")
	lang := fs.String("lang", "pl", "language of the PDFs: pl or en")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("statements takes no arguments besides its flags")
	case *monthText == "" || *out == "":
		return usagef("statements needs --month and --out")
	case *combined && !strings.EqualFold(filepath.Ext(*out), ".pdf"):
		return usagef("with --combined, --out is a FILE.pdf")
	case *lang != "pl" && *lang != "en":
		return usagef("--lang is pl or en")
	}
	m, err := domain.ParseMonth(*monthText)
	if err != nil {
		return err
	}
	format := domain.StatementFiles
	if *combined {
		format = domain.StatementCombined
	}
	db, err := e.openRead()
	if err != nil {
		return err
	}
	defer db.Close()
	if format == domain.StatementFiles {
		if err := makeFolder(*out); err != nil {
			return err
		}
	}
	printer := pdf.StatementPrinter{Receivables: store.NewReceivablesService(db), Company: store.NewCompanyService(db)}
	start := time.Now()
	prog := newProgress(e.stderr, "statements")
	res, err := printer.PrintBatch(e.ctx, m, format, *out, *lang, prog.report)
	prog.end()
	if err != nil {
		if res.Written > 0 && format == domain.StatementFiles {
			// Stopped part-way (a full disk): what is written is whole and stays.
			fmt.Fprintf(e.stdout, "%s: stopped after %d statements for %s written\n", filepath.Clean(*out)+string(filepath.Separator), res.Written, m)
		}
		return err
	}
	for _, f := range res.Failures {
		fmt.Fprintf(e.stderr, "kontorctl: statements: %s: %v\n", f.AccountCode, f.Err)
	}
	where := *out
	switch {
	case format == domain.StatementFiles:
		where = filepath.Clean(*out) + string(filepath.Separator)
	case len(res.Paths) > 1:
		where = strings.Join(res.Paths, ", ")
	}
	fmt.Fprintf(e.stdout, "%s: %d statements for %s written, %d without movement skipped, %d failed, in %s\n", where,
		res.Written, m, res.Skipped, len(res.Failures), time.Since(start).Round(time.Millisecond))
	switch {
	case res.Cancelled && format == domain.StatementCombined:
		return fmt.Errorf("cancelled: %s was not written", *out)
	case res.Cancelled:
		return fmt.Errorf("cancelled after %d of %d accounts: %d statements written stay in %s", prog.done, prog.total,
			res.Written, *out)
	case len(res.Failures) > 0:
		return fmt.Errorf("%d statements could not be written (listed above)", len(res.Failures))
	}
	return nil
}

// progress shows a batch's progress on stderr: one counter rewritten in place
// on a terminal, a line every 5 % otherwise (a log stays readable). The
// batch calls report from its workers, one call at a time.
type progress struct {
	w           io.Writer
	name        string
	tty         bool
	done, total int
	last        time.Time
	step        int
}

func newProgress(w io.Writer, name string) *progress {
	p := &progress{w: w, name: name}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) report(b domain.BatchProgress) {
	p.done, p.total = b.Done, b.Total
	if p.tty {
		if now := time.Now(); b.Done == b.Total || now.Sub(p.last) >= 100*time.Millisecond {
			p.last = now
			fmt.Fprintf(p.w, "\r%s: %d/%d", p.name, b.Done, b.Total)
		}
		return
	}
	if next := b.Done * 20 / max(1, b.Total); next > p.step || b.Done == b.Total {
		p.step = next
		fmt.Fprintf(p.w, "%s: %d/%d\n", p.name, b.Done, b.Total)
	}
}

// end finishes the counter's line on a terminal.
func (p *progress) end() {
	if p.tty && p.done > 0 {
		fmt.Fprintln(p.w)
	}
}
