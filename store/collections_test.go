package store_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/store"
)

const nbpTablesJSON = `[{"table":"A","no":"040/A/NBP/2026","effectiveDate":"2026-02-27","rates":[
 {"currency":"dolar amerykański","code":"USD","mid":3.6123},{"currency":"euro","code":"EUR","mid":4.2000}]},
 {"table":"A","no":"062/A/NBP/2026","effectiveDate":"2026-03-31","rates":[{"currency":"euro","code":"EUR","mid":4.21505}]}]`

func TestParseNBP(t *testing.T) {
	rates, err := store.ParseNBP([]byte(nbpTablesJSON), "a.json")
	if err != nil || len(rates) != 3 || rates[1].Code != "EUR" || !rates[1].Mid.Equal(decimal.RequireFromString("4.2")) ||
		rates[1].Effective != domain.NewDate(2026, 2, 27) || rates[1].No != "040/A/NBP/2026" {
		t.Fatalf("tables JSON: %+v %v", rates, err)
	}
	series := `{"table":"A","currency":"euro","code":"EUR","rates":[{"no":"001/A/NBP/2026","effectiveDate":"2026-01-02","mid":4.2187}]}`
	if rates, err := store.ParseNBP([]byte(series), "s.json"); err != nil || len(rates) != 1 || rates[0].Code != "EUR" ||
		rates[0].No != "001/A/NBP/2026" {
		t.Errorf("series JSON: %+v %v", rates, err)
	}
	// The archive CSV: Windows-1250 headings, decimal commas, rates per 100 units.
	csv := "data;1USD;1EUR;100HUF;nr tabeli;pe\xb3ny numer tabeli\r\n;dolar;euro;forint;;\r\n" +
		"20260227;3,6123;4,2000;1,0950;40;040/A/NBP/2026\r\n20260302;3,6200;4,2100;1,1000;41;041/A/NBP/2026\r\n"
	rates, err = store.ParseNBP([]byte(csv), "archiwum_tab_a_2026.csv")
	if err != nil || len(rates) != 6 || rates[2].Code != "HUF" || !rates[2].Mid.Equal(decimal.RequireFromString("0.01095")) ||
		rates[4].Effective != domain.NewDate(2026, 3, 2) || rates[4].No != "041/A/NBP/2026" {
		t.Errorf("archive CSV: %+v %v", rates, err)
	}
	for _, c := range []struct{ data, key string }{
		{`[{"table":"B","no":"009/B/NBP/2026","effectiveDate":"2026-02-25","rates":[{"currency":"afgani","code":"AFN","mid":0.05}]}]`, "nbp.wrong_table"},
		{`[{"table":"C","no":"040/C/NBP/2026","effectiveDate":"2026-02-27","rates":[{"code":"EUR","bid":4.15,"ask":4.24}]}]`, "nbp.wrong_table"},
		{`[{"table":"A","no":"1","effectiveDate":"27.02.2026","rates":[{"code":"EUR","mid":4.2}]}]`, "nbp.shape"},
		{`[{"table":"A","no":"1","effectiveDate":"2026-02-27","rates":[{"code":"EUR","mid":-4.2}]}]`, "nbp.shape"},
		{`{"rates": 5}`, "nbp.shape"},
		{`[]`, "nbp.shape"},
		{"kod,kurs\nEUR,4.2\n", "nbp.shape"},
		{"", "nbp.shape"},
	} {
		_, err := store.ParseNBP([]byte(c.data), "x")
		wantErr(t, err, domain.EInvalid, c.key)
	}
}

// collFixture is a receivables fixture with NBP rates and a clock on 6
// December 2026.
type collFixture struct {
	*recvFixture
	coll *store.CollectionsService
	now  *time.Time
}

func newCollFixture(t *testing.T) *collFixture {
	t.Helper()
	f := &collFixture{recvFixture: newRecvFixture(t)}
	f.coll = store.NewCollectionsService(f.db)
	f.now = fixedClock(f.db, time.Date(2026, 12, 6, 9, 30, 0, 0, time.UTC))
	rates, err := store.ParseNBP([]byte(nbpTablesJSON), "a.json")
	if err != nil {
		t.Fatal(err)
	}
	if tables, n, err := f.coll.ImportNBPRates(ctx, rates); err != nil || tables != 2 || n != 3 {
		t.Fatalf("import: %d %d %v", tables, n, err)
	}
	return f
}

func TestNBPRateLookup(t *testing.T) {
	f := newCollFixture(t)
	// 28 February 2026 is a Saturday: Friday's table.
	r, err := f.coll.NBPRate(ctx, "EUR", domain.NewDate(2026, 2, 28))
	if err != nil || r.Effective != domain.NewDate(2026, 2, 27) || !r.Mid.Equal(decimal.RequireFromString("4.2")) {
		t.Errorf("rate for 28 Feb: %+v %v", r, err)
	}
	// A correction of a table replaces it.
	if _, _, err := f.coll.ImportNBPRates(ctx, []domain.NBPRate{{Table: "A", No: "040/A/NBP/2026", Effective: domain.NewDate(2026, 2, 27),
		Code: "EUR", Mid: decimal.RequireFromString("4.2011")}}); err != nil {
		t.Fatal(err)
	}
	if r, _ := f.coll.NBPRate(ctx, "EUR", domain.NewDate(2026, 2, 28)); !r.Mid.Equal(decimal.RequireFromString("4.2011")) {
		t.Errorf("corrected rate %s", r.Mid)
	}
	// No table within a week before 30 April: say what to import.
	_, err = f.coll.NBPRate(ctx, "EUR", domain.NewDate(2026, 4, 30))
	if e := wantErr(t, err, domain.ENotFound, "nbp.rate_missing"); e != nil && e.Args["Month"] != "2026-04" {
		t.Errorf("args %v", e.Args)
	}
}

// ledger gives K2 (14 EOM) two invoices delivered in February, due 14
// March, the first (123.00) paid on 13 April, 29 days late; the second
// (246.00) still open.
func (f *collFixture) ledger(t *testing.T) (*domain.Order, *domain.Order) {
	t.Helper()
	o1 := f.delivered(t, f.other, domain.NewDate(2026, 2, 9), domain.NewDate(2026, 2, 10), 10000)
	o2 := f.delivered(t, f.other, domain.NewDate(2026, 2, 19), domain.NewDate(2026, 2, 20), 20000)
	f.pay(t, domain.PaymentFields{AccountID: f.other.ID, Date: domain.NewDate(2026, 4, 13), Amount: 12300, Reference: o1.InvoiceNumber})
	return o1, o2
}

func TestInterestNoteFromStore(t *testing.T) {
	f := newCollFixture(t)
	o1, o2 := f.ledger(t)
	n, err := f.coll.InterestNote(ctx, f.other.ID, domain.NewDate(2026, 5, 13))
	if err != nil {
		t.Fatal(err)
	}
	// 123.00 × 14 % × 29/365 = 1.368 → 1.37; 246.00 × 14 % × 60/365 = 5.661 → 5.66;
	// 40 EUR at 4.2000 (27 February, the last table of February) = 168.00 each.
	if len(n.Invoices) != 2 || n.Invoices[0].Number != o1.InvoiceNumber || n.Invoices[0].Interest != 137 ||
		n.Invoices[0].PaidOn != domain.NewDate(2026, 4, 13) || n.Invoices[1].Number != o2.InvoiceNumber || n.Invoices[1].Interest != 566 ||
		n.Invoices[1].CompensationPLN != 16800 || n.Invoices[1].EURRateDate != domain.NewDate(2026, 2, 27) ||
		n.Interest != 703 || n.Compensation != 33600 || n.Total != 34303 {
		t.Fatalf("note %+v", n)
	}
	// Recorded: the history has it, a later note leaves both out.
	if err := f.coll.RecordInterestNote(ctx, n, domain.DocumentLog{Title: "Nota odsetkowa", File: "K2_nota.pdf", Amount: n.Total}); err != nil {
		t.Fatal(err)
	}
	again, err := f.coll.InterestNote(ctx, f.other.ID, domain.NewDate(2026, 6, 1))
	if err != nil || len(again.Invoices) != 0 {
		t.Errorf("a second note: %+v %v", again, err)
	}
	page, err := store.NewActivityService(f.db).Timeline(ctx, domain.TimelineQuery{Account: f.other.ID, Limit: 10})
	if err != nil || len(page.Activities) == 0 || page.Activities[0].Kind != domain.KindDocument ||
		!strings.Contains(page.Activities[0].Subject, "Nota odsetkowa") || !strings.Contains(page.Activities[0].Notes, "K2_nota.pdf") ||
		!strings.Contains(page.Activities[0].Notes, "343,03") {
		t.Errorf("history %+v %v", page, err)
	}
	// A date after today is refused; so is a day past the rate table.
	_, err = f.coll.InterestNote(ctx, f.other.ID, domain.NewDate(2026, 12, 7))
	wantErr(t, err, domain.EInvalid, "collections.future_date")
}

func TestInterestRatePeriods(t *testing.T) {
	f := newCollFixture(t)
	r := decimal.RequireFromString("13.5")
	wantErr(t, f.coll.AddInterestRate(ctx, domain.RatePeriod{From: domain.NewDate(2027, 1, 2), To: domain.NewDate(2027, 6, 30), Rate: r}),
		domain.EInvalid, "interest.periods_gap")
	wantErr(t, f.coll.AddInterestRate(ctx, domain.RatePeriod{From: domain.NewDate(2026, 12, 1), To: domain.NewDate(2027, 6, 30), Rate: r}),
		domain.EInvalid, "interest.periods_overlap")
	if err := f.coll.AddInterestRate(ctx, domain.RatePeriod{From: domain.NewDate(2027, 1, 1), To: domain.NewDate(2027, 6, 30), Rate: r}); err != nil {
		t.Fatal(err)
	}
	tbl, err := f.coll.InterestRates(ctx)
	if err != nil || tbl.Last() != domain.NewDate(2027, 6, 30) || tbl[len(tbl)-1].Shipped || !tbl[len(tbl)-1].Rate.Equal(r) {
		t.Errorf("table %+v %v", tbl, err)
	}
	if err := f.coll.DeleteInterestRate(ctx, domain.NewDate(2027, 1, 1)); err != nil {
		t.Fatal(err)
	}
	wantErr(t, f.coll.DeleteInterestRate(ctx, domain.NewDate(2027, 1, 1)), domain.ENotFound, "interest.period_not_found")
}

func TestRemindersFromStore(t *testing.T) {
	f := newCollFixture(t)
	f.ledger(t)
	day := domain.NewDate(2026, 5, 13) // 246.00 is 60 days overdue: the final demand
	due, err := f.coll.DueReminders(ctx, day)
	if err != nil || len(due) != 1 || due[0].Code != "K2" || due[0].Level != 3 || due[0].Overdue != 24600 || due[0].OldestDays != 60 {
		t.Fatalf("due %+v %v", due, err)
	}
	// On 1 April the first invoice was open too: 18 days, the first level.
	if early, err := f.coll.DueReminders(ctx, domain.NewDate(2026, 4, 1)); err != nil || len(early) != 1 || early[0].Level != 1 ||
		early[0].Overdue != 36900 {
		t.Errorf("on 1 April %+v %v", early, err)
	}
	r, err := f.coll.Reminder(ctx, f.other.ID, day, 0)
	if err != nil {
		t.Fatal(err)
	}
	// To pay: 246.00 + the note's 343.03.
	if !r.Final || r.Note == nil || r.ToPay != 24600+34303 || r.Deadline != domain.NewDate(2026, 5, 20) || len(r.Items) != 1 {
		t.Fatalf("reminder %+v", r)
	}
	if err := f.coll.RecordReminder(ctx, r, domain.DocumentLog{File: "K2_wezwanie-3_2026-05-13.pdf"}); err != nil {
		t.Fatal(err)
	}
	if due, err := f.coll.DueReminders(ctx, day); err != nil || len(due) != 0 {
		t.Errorf("after sending: %+v %v", due, err)
	}
	tasks, err := store.NewActivityService(f.db).Timeline(ctx, domain.TimelineQuery{Account: f.other.ID, Limit: 10})
	if err != nil || len(tasks.Activities) < 2 {
		t.Fatalf("history %+v %v", tasks, err)
	}
	var task, doc *domain.Activity
	for _, a := range tasks.Activities {
		switch a.Kind {
		case domain.KindTask:
			task = a
		case domain.KindDocument:
			doc = a
		}
	}
	if task == nil || task.Due != r.Deadline || doc == nil || !strings.Contains(doc.Subject, "Ostateczne wezwanie") {
		t.Errorf("task %+v, document %+v", task, doc)
	}
	// A date before every invoice, and one after today, are refused.
	_, err = f.coll.DueReminders(ctx, domain.NewDate(2025, 1, 1))
	wantErr(t, err, domain.EInvalid, "reminders.date_before_invoices")
	_, err = f.coll.DueReminders(ctx, domain.NewDate(2027, 1, 1))
	wantErr(t, err, domain.EInvalid, "collections.future_date")
	// Settings: the levels must rise.
	rs := domain.DefaultReminderSettings()
	rs.Levels[1].Days = 5
	wantErr(t, f.coll.SaveReminderSettings(ctx, rs), domain.EInvalid, "reminders.levels_days")
	rs = domain.DefaultReminderSettings()
	rs.Levels[0].Days, rs.DeadlineDays = 3, 10
	if err := f.coll.SaveReminderSettings(ctx, rs); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.coll.ReminderSettings(ctx); got.Levels[0].Days != 3 || got.DeadlineDays != 10 {
		t.Errorf("saved settings %+v", got)
	}
}

func TestWorklistAndPromises(t *testing.T) {
	f := newCollFixture(t)
	f.ledger(t)
	// HQ's branch K1 (net 30, HQ's price): 1,045.50 due 9 November, 27 days overdue on 6 December.
	f.delivered(t, f.branch, domain.NewDate(2026, 10, 9), domain.NewDate(2026, 10, 10), 100000)
	rows, err := f.coll.Worklist(ctx, domain.WorklistFilter{})
	if err != nil || len(rows) != 2 {
		t.Fatalf("worklist %+v %v", rows, err)
	}
	// K2: 246.00 × 267 days against K1's 1,045.50 × 27.
	if rows[0].Code != "K2" || rows[0].OldestDays != 267 || rows[0].Score != 24600*267 || rows[1].Code != "K1" || rows[1].Overdue != 104550 {
		t.Errorf("ranking %+v", rows)
	}
	p, err := f.coll.RecordPromise(ctx, f.branch.ID, 50000, domain.NewDate(2026, 12, 10), "zadzwonił księgowy")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.coll.RecordPromise(ctx, f.branch.ID, 0, domain.NewDate(2026, 12, 10), "")
	wantErr(t, err, domain.EInvalid, "promise.amount")
	_, err = f.coll.RecordPromise(ctx, f.branch.ID, 100, domain.NewDate(2026, 12, 1), "")
	wantErr(t, err, domain.EInvalid, "promise.due")
	rows, _ = f.coll.Worklist(ctx, domain.WorklistFilter{Owner: f.branch.Owner})
	var k1 *domain.WorklistRow
	for i := range rows {
		if rows[i].Code == "K1" {
			k1 = &rows[i]
		}
	}
	if k1 == nil || k1.Promise == nil || k1.Promise.ID != p.ID || k1.Promise.Broken(domain.NewDate(2026, 12, 6)) {
		t.Fatalf("K1's promise on the worklist: %+v", k1)
	}
	// 300.00 paid by the 10th of 500.00 promised: broken on the 11th.
	f.pay(t, domain.PaymentFields{AccountID: f.branch.ID, Date: domain.NewDate(2026, 12, 8), Amount: 30000})
	*f.now = time.Date(2026, 12, 11, 8, 0, 0, 0, time.UTC)
	broken, err := f.coll.BrokenPromises(ctx, domain.Date{})
	if err != nil || len(broken) != 1 || broken[0].Code != "K1" || broken[0].Paid != 30000 || broken[0].Amount != 50000 {
		t.Fatalf("broken %+v %v", broken, err)
	}
	// Paid in full by the day: kept.
	f.pay(t, domain.PaymentFields{AccountID: f.branch.ID, Date: domain.NewDate(2026, 12, 9), Amount: 20000})
	if broken, _ := f.coll.BrokenPromises(ctx, domain.Date{}); len(broken) != 0 {
		t.Errorf("a kept promise is broken: %+v", broken)
	}
}

// TestReminderRecorder: reminders recorded in groups are recorded as one at
// a time would be; a group that cannot be recorded has its files removed.
func TestReminderRecorder(t *testing.T) {
	f := newCollFixture(t)
	f.ledger(t)
	day := domain.NewDate(2026, 5, 13)
	r, err := f.coll.Reminder(ctx, f.other.ID, day, 1)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rec := f.coll.NewReminderRecorder(2)
	file := dir + "/K2.pdf"
	os.WriteFile(file, []byte("%PDF"), 0o600)
	if err := rec.Record(ctx, r, domain.DocumentLog{File: file}); err != nil {
		t.Fatal(err)
	}
	if due, _ := f.coll.DueReminders(ctx, day); len(due) != 1 {
		t.Fatalf("recorded before its group filled or was flushed: %+v", due)
	}
	if removed, err := rec.Flush(ctx); err != nil || len(removed) != 0 {
		t.Fatal(removed, err)
	}
	due, _ := f.coll.DueReminders(ctx, day)
	if len(due) != 1 || due[0].LastSentLvl != 1 || due[0].Level != 3 {
		t.Errorf("after the flush: %+v", due)
	}
	// A reminder of an account that is gone: the group fails, its file goes.
	gone := *r
	gone.Account = &domain.Account{ID: 9999, AccountFields: domain.AccountFields{Code: "NOPE"}}
	bad := dir + "/NOPE.pdf"
	os.WriteFile(bad, []byte("%PDF"), 0o600)
	rec.Record(ctx, &gone, domain.DocumentLog{File: bad})
	removed, err := rec.Flush(ctx)
	if err == nil || len(removed) != 1 || removed[0] != bad {
		t.Errorf("a failing group: %v %v", removed, err)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("the unrecorded letter's file stays")
	}
}
