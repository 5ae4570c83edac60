package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/store"
	"kontor/store/bench"
	"kontor/store/pdf"
)

// Collections figures: the worklist, one interest note and the reminders batch.
const (
	nameInterestNote      = "one interest note, data + PDF, median"
	nameWorklist          = "collections worklist, p95"
	nameReminderBatch     = "reminders for every overdue account, 2 cores"
	targetInterestNoteMS  = 30
	targetWorklistMS      = 200
	targetReminderBatchS  = 120
	interestNoteSamples   = 25
	worklistRuns          = 20
	benchEURRate          = "4.2345"
	benchReminderNoteText = "the EUR rate fixed at " + benchEURRate + " where the file has no NBP table"
)

// collectionsFigures times the worklist, one interest note (the store's
// note and its PDF) for accounts spread over the worklist, and the reminders
// batch for every account due one today, written into a temporary folder
// and not recorded: the bench leaves the file as it found it.
func collectionsFigures(e *env, db *store.DB) ([]bench.Figure, error) {
	coll := store.NewCollectionsService(db)
	company := store.NewCompanyService(db)
	var runs []float64
	var rows []domain.WorklistRow
	for i := 0; i < worklistRuns; i++ {
		start := time.Now()
		var err error
		if rows, err = coll.Worklist(e.ctx, domain.WorklistFilter{}); err != nil {
			return nil, err
		}
		runs = append(runs, float64(time.Since(start).Microseconds())/1000)
	}
	sort.Float64s(runs)
	p95 := math.Round(runs[len(runs)*95/100]*100) / 100
	holds := p95 <= targetWorklistMS
	work := bench.Figure{Name: nameWorklist, Value: &p95, Unit: "ms", Target: targetWorklistMS, Holds: &holds, Count: len(runs),
		Note: fmt.Sprintf("%d overdue accounts ranked by open × days overdue, with reminder level, last contact and promise", len(rows))}
	if len(rows) == 0 {
		why := "no account has an overdue invoice"
		return []bench.Figure{bench.NotMeasured(nameWorklist, "ms", targetWorklistMS, why), bench.NotMeasured(nameInterestNote, "ms", targetInterestNoteMS, why),
			bench.NotMeasured(nameReminderBatch, "s", targetReminderBatchS, why)}, nil
	}
	// A file without NBP rates (the demo's) is measured at a fixed rate.
	notes := coll
	today := domain.DateOf(time.Now())
	if _, err := coll.NBPRate(e.ctx, "EUR", domain.CompensationRateDay(today)); err != nil {
		notes = coll.WithFixedEUR(decimal.RequireFromString(benchEURRate))
	}
	printer := pdf.LetterPrinter{Collections: notes, Company: company}
	pln, err := zlotyRows(e, db, rows)
	if err != nil {
		return nil, err
	}
	if len(pln) == 0 {
		return []bench.Figure{work, bench.NotMeasured(nameInterestNote, "ms", targetInterestNoteMS, "no złoty account has an overdue invoice"),
			bench.NotMeasured(nameReminderBatch, "s", targetReminderBatchS, "no złoty account has an overdue invoice")}, nil
	}
	one, err := interestNoteFigure(e, notes, printer, pln, today)
	if err != nil {
		return nil, err
	}
	batch, err := reminderBatchFigure(e, notes, printer, today)
	if err != nil {
		return nil, err
	}
	return []bench.Figure{work, one, batch}, nil
}

// zlotyRows keeps the worklist's rows of accounts in PLN: interest notes
// are for those only.
func zlotyRows(e *env, db *store.DB, rows []domain.WorklistRow) ([]domain.WorklistRow, error) {
	accounts := store.NewAccountService(db)
	var pln []domain.WorklistRow
	for _, r := range rows {
		a, err := accounts.FindAccountByID(e.ctx, r.AccountID)
		if err != nil {
			return nil, err
		}
		if a.Currency == "" || a.Currency == "PLN" {
			pln = append(pln, r)
		}
	}
	return pln, nil
}

func interestNoteFigure(e *env, coll *store.CollectionsService, printer pdf.LetterPrinter, rows []domain.WorklistRow,
	today domain.Date) (bench.Figure, error) {
	n := min(interestNoteSamples, len(rows))
	// The first letter of a process cuts the fonts, once.
	if note, err := coll.InterestNote(e.ctx, rows[0].AccountID, today); err != nil {
		return bench.Figure{}, err
	} else if err := printer.PrintInterestNote(e.ctx, note, io.Discard); err != nil {
		return bench.Figure{}, err
	}
	var totals, datas []float64
	invoices := 0
	for i := 0; i < n; i++ {
		id := rows[i*len(rows)/n].AccountID
		start := time.Now()
		note, err := coll.InterestNote(e.ctx, id, today)
		if err != nil {
			return bench.Figure{}, err
		}
		data := time.Since(start)
		if err := printer.PrintInterestNote(e.ctx, note, io.Discard); err != nil {
			return bench.Figure{}, err
		}
		totals = append(totals, float64(time.Since(start).Microseconds())/1000)
		datas = append(datas, float64(data.Microseconds())/1000)
		invoices += len(note.Invoices)
	}
	sort.Float64s(totals)
	sort.Float64s(datas)
	value := math.Round(totals[n/2]*100) / 100
	holds := value <= targetInterestNoteMS
	note := fmt.Sprintf("%d overdue accounts spread over the worklist, %.1f invoices a note; median data %.2f ms, slowest %.2f ms in all; %s",
		n, float64(invoices)/float64(n), datas[n/2], totals[n-1], benchReminderNoteText)
	if load := loadAverage(); load != "" {
		note += "; load average " + load
	}
	return bench.Figure{Name: nameInterestNote, Value: &value, Unit: "ms", Target: targetInterestNoteMS, Holds: &holds, Count: n,
		Note: note}, nil
}

func reminderBatchFigure(e *env, coll *store.CollectionsService, printer pdf.LetterPrinter, today domain.Date) (bench.Figure, error) {
	dir, err := os.MkdirTemp("", "kontor-bench-reminders-")
	if err != nil {
		return bench.Figure{}, err
	}
	defer os.RemoveAll(dir)
	start := time.Now()
	due, err := coll.DueReminders(e.ctx, today)
	if err != nil {
		return bench.Figure{}, err
	}
	fmt.Fprintf(e.stderr, "bench: writing %d reminders\n", len(due))
	prog := newProgress(e.stderr, "bench: reminders")
	cpu0, cpuOK := processCPU()
	res, err := printer.PrintReminders(e.ctx, today, due, dir, nil, prog.report)
	prog.end()
	cpu1, _ := processCPU()
	if err != nil {
		return bench.Figure{}, err
	}
	value := math.Round(time.Since(start).Seconds()*100) / 100
	holds := value <= targetReminderBatchS && len(res.Failures) == 0
	note := fmt.Sprintf("%s: %d PDFs, %d failed, not recorded as sent (the bench changes nothing); a worker per core, %d cores; %s",
		today, len(res.Sent), len(res.Failures), runtime.NumCPU(), benchReminderNoteText)
	if cpuOK && len(res.Sent) > 0 {
		note += fmt.Sprintf("; CPU %.1f ms per reminder", float64((cpu1-cpu0).Microseconds())/1000/float64(len(res.Sent)))
	}
	if len(res.Failures) > 0 {
		note += fmt.Sprintf("; first failure %s: %v", res.Failures[0].AccountCode, res.Failures[0].Err)
	}
	return bench.Figure{Name: nameReminderBatch, Value: &value, Unit: "s", Target: targetReminderBatchS, Holds: &holds,
		Count: len(res.Sent), Note: note}, nil
}
