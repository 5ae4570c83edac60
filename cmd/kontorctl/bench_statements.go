package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/bench"
	"kontor/store/pdf"
)

// Statement figures, against the statement targets on the large dataset.
const (
	nameStatement         = "one statement, data + PDF, median"
	nameStatementBatch    = "a month's statements for every account, 2 cores"
	targetStatementMS     = 30
	targetStatementBatchS = 180
	statementSamples      = 25
)

// statementFigures times statements for the last whole month: one statement
// (the store's Statement and the PDF), median over accounts spread through
// the list, and the month-end batch writing every account's PDF into a
// temporary folder, removed afterwards.
func statementFigures(e *env, db *store.DB) ([]bench.Figure, error) {
	m := domain.MonthOf(domain.DateOf(time.Now())).Prev()
	recv := store.NewReceivablesService(db)
	ids, err := recv.StatementAccounts(e.ctx, m)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		why := fmt.Sprintf("no account has movement or a balance in %s", m)
		return []bench.Figure{bench.NotMeasured(nameStatement, "ms", targetStatementMS, why),
			bench.NotMeasured(nameStatementBatch, "s", targetStatementBatchS, why)}, nil
	}
	company, err := store.NewCompanyService(db).FindCompany(e.ctx)
	if err != nil {
		return nil, err
	}
	one, err := oneStatementFigure(e, recv, *company, m, ids)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stderr, "bench: writing %d statements for %s\n", len(ids), m)
	batch, err := statementBatchFigure(e, recv, store.NewCompanyService(db), m)
	if err != nil {
		return nil, err
	}
	return []bench.Figure{one, batch}, nil
}

func oneStatementFigure(e *env, recv *store.ReceivablesService, company domain.CompanySettings, m domain.Month,
	ids []domain.AccountID) (bench.Figure, error) {
	n := min(statementSamples, len(ids))
	// The first statement of a process cuts the font (store/pdf/fonts.go),
	// once; the figure is for every one after it.
	if s, err := recv.Statement(e.ctx, ids[0], m); err != nil {
		return bench.Figure{}, err
	} else if err := pdf.Statement(io.Discard, company, s, pdf.Options{}); err != nil {
		return bench.Figure{}, err
	}
	var totals, datas []float64
	lines := 0
	cpu0, cpuOK := processCPU()
	for i := 0; i < n; i++ {
		id := ids[i*len(ids)/n]
		start := time.Now()
		s, err := recv.Statement(e.ctx, id, m)
		if err != nil {
			return bench.Figure{}, err
		}
		data := time.Since(start)
		if err := pdf.Statement(io.Discard, company, s, pdf.Options{}); err != nil {
			return bench.Figure{}, err
		}
		totals = append(totals, float64(time.Since(start).Microseconds())/1000)
		datas = append(datas, float64(data.Microseconds())/1000)
		lines += len(s.Lines)
	}
	cpu1, _ := processCPU()
	sort.Float64s(totals)
	sort.Float64s(datas)
	value := math.Round(totals[n/2]*100) / 100
	holds := value <= targetStatementMS
	note := fmt.Sprintf("%s, %d accounts spread over the list, %.1f lines each; median data %.2f ms, slowest %.2f ms in all",
		m, n, float64(lines)/float64(n), datas[n/2], totals[n-1])
	if cpuOK {
		note += fmt.Sprintf("; CPU %.1f ms per statement on average", float64((cpu1-cpu0).Microseconds())/1000/float64(n))
	}
	if load := loadAverage(); load != "" {
		note += "; load average " + load
	}
	return bench.Figure{Name: nameStatement, Value: &value, Unit: "ms", Target: targetStatementMS, Holds: &holds, Count: n,
		Note: note}, nil
}

func statementBatchFigure(e *env, recv *store.ReceivablesService, company *store.CompanyService, m domain.Month) (bench.Figure, error) {
	dir, err := os.MkdirTemp("", "kontor-bench-statements-")
	if err != nil {
		return bench.Figure{}, err
	}
	defer os.RemoveAll(dir)
	printer := pdf.StatementPrinter{Receivables: recv, Company: company}
	prog := newProgress(e.stderr, "bench: statements")
	cpu0, cpuOK := processCPU()
	load0 := loadAverage()
	start := time.Now()
	res, err := printer.PrintBatch(e.ctx, m, domain.StatementFiles, dir, "pl", prog.report)
	prog.end()
	cpu1, _ := processCPU()
	if err != nil {
		return bench.Figure{}, err
	}
	if res.Cancelled {
		return bench.Figure{}, fmt.Errorf("bench: the statement batch was cancelled")
	}
	value := math.Round(time.Since(start).Seconds()*100) / 100
	holds := value <= targetStatementBatchS && len(res.Failures) == 0
	var size int64
	for _, p := range res.Paths {
		if st, err := os.Stat(p); err == nil {
			size += st.Size()
		}
	}
	note := fmt.Sprintf("%s: %d PDFs (%.0f MB), %d skipped, %d failed; a worker per core, %d cores", m, res.Written,
		float64(size)/(1<<20), res.Skipped, len(res.Failures), runtime.NumCPU())
	// On a machine others share, wall time says little alone: the CPU time per
	// statement and the load around the run let a reader redo the sum.
	if cpuOK && res.Written > 0 {
		cpu := cpu1 - cpu0
		note += fmt.Sprintf("; CPU %.1f ms per statement (%.0f s in all: %.0f s on %d free cores)",
			float64(cpu.Microseconds())/1000/float64(res.Written), cpu.Seconds(), cpu.Seconds()/float64(runtime.NumCPU()),
			runtime.NumCPU())
	}
	if load0 != "" {
		note += "; load average " + load0 + " before, " + loadAverage() + " after"
	}
	if len(res.Failures) > 0 {
		note += fmt.Sprintf("; first failure %s: %v", res.Failures[0].AccountCode, res.Failures[0].Err)
	}
	return bench.Figure{Name: nameStatementBatch, Value: &value, Unit: "s", Target: targetStatementBatchS, Holds: &holds,
		Count: res.Written, Note: note}, nil
}

// loadAverage is the one-minute load average where /proc tells it, else "".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	if f := strings.Fields(string(data)); len(f) > 0 {
		return f[0]
	}
	return ""
}
