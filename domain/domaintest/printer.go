package domaintest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"kontor/domain"
)

// Printer is a StatementPrinter that writes each statement as a few lines of
// text instead of a PDF, with the batch behaviour of the real one: files named
// "<code>_<YYYY-MM>.pdf", each written whole or not at all, progress after
// every account, cancelling stops between accounts, an unwritable target is
// the batch's error.
type Printer struct {
	R domain.ReceivablesService
	// Fail makes the statement of the account with this code fail with the error.
	Fail map[string]error
	// Before runs before each account of a batch (tests cancel from it).
	Before func(code string)

	mu sync.Mutex
	// Printed counts statements written, single or in a batch.
	Printed int
}

var _ domain.StatementPrinter = (*Printer)(nil)

// NewPrinter prints the statements r computes.
func NewPrinter(r domain.ReceivablesService) *Printer {
	return &Printer{R: r, Fail: map[string]error{}}
}

// PrintStatement writes one statement.
func (p *Printer) PrintStatement(ctx context.Context, id domain.AccountID, m domain.Month, lang string, w io.Writer) error {
	st, err := p.R.Statement(ctx, id, m)
	if err != nil {
		return err
	}
	if err := p.Fail[st.Account.Code]; err != nil {
		return err
	}
	p.mu.Lock()
	p.Printed++
	p.mu.Unlock()
	return render(w, st, lang)
}

func render(w io.Writer, st *domain.Statement, lang string) error {
	_, err := fmt.Fprintf(w, "statement %s %s %s\nopening %s\nclosing %s\n", lang, st.Account.Code, st.Month, st.Opening, st.Closing)
	return err
}

// PrintBatch writes the statement of every account StatementAccounts lists.
func (p *Printer) PrintBatch(ctx context.Context, m domain.Month, format domain.StatementFormat, out, lang string,
	progress func(domain.BatchProgress)) (domain.BatchResult, error) {
	var res domain.BatchResult
	dir := out
	if format == domain.StatementCombined {
		dir = filepath.Dir(out)
	}
	if err := writable(dir); err != nil {
		return res, err
	}
	ids, err := p.R.StatementAccounts(ctx, m)
	if err != nil {
		return res, err
	}
	var combined bytes.Buffer
	for i, id := range ids {
		if ctx.Err() != nil {
			res.Cancelled = true
			break
		}
		st, err := p.R.Statement(ctx, id, m)
		if err != nil {
			return res, err
		}
		if p.Before != nil {
			p.Before(st.Account.Code)
		}
		var buf bytes.Buffer
		switch {
		case !st.HasMovement():
			res.Skipped++
		case p.Fail[st.Account.Code] != nil:
			res.Failures = append(res.Failures, domain.BatchFailure{AccountCode: st.Account.Code, Err: p.Fail[st.Account.Code]})
		default:
			render(&buf, st, lang)
			if format == domain.StatementCombined {
				combined.Write(buf.Bytes())
				res.Written++
				break
			}
			path := filepath.Join(out, fmt.Sprintf("%s_%s.pdf", st.Account.Code, m))
			if err := writeWhole(path, buf.Bytes()); err != nil {
				res.Failures = append(res.Failures, domain.BatchFailure{AccountCode: st.Account.Code, Err: err})
				break
			}
			res.Written++
			res.Paths = append(res.Paths, path)
		}
		if progress != nil {
			progress(domain.BatchProgress{Done: i + 1, Total: len(ids)})
		}
	}
	if format == domain.StatementCombined && res.Written > 0 && !res.Cancelled {
		if err := writeWhole(out, combined.Bytes()); err != nil {
			return res, err
		}
		res.Paths = append(res.Paths, out)
	}
	p.mu.Lock()
	p.Printed += res.Written
	p.mu.Unlock()
	return res, nil
}

// writable checks that files can be made in dir.
func writable(dir string) error {
	f, err := os.CreateTemp(dir, ".kontor-check-*")
	if err != nil {
		return domain.Errorf(domain.EInvalid, "statement.out_not_writable", "cannot write to {{.Path}}", map[string]any{"Path": dir})
	}
	f.Close()
	return os.Remove(f.Name())
}

// writeWhole writes through a temporary file renamed into place.
func writeWhole(path string, data []byte) error {
	tmp := path + ".part"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
