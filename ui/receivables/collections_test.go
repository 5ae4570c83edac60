package receivables

import (
	"context"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/language"
	"kontor/ui/uitest"
)

// fakeDrafts writes the headers a mail client reads, and the subject.
type fakeDrafts struct{}

func (fakeDrafts) Letter(l domain.Locale, kind domain.PaperKind, what, sender string) (string, string) {
	return what, "w załączeniu " + what + "\n" + sender
}

func (fakeDrafts) WriteDraft(w io.Writer, d domain.Draft) error {
	if len(d.To) == 0 {
		return domain.Errorf(domain.EInvalid, "email.no_recipient", "no recipient", nil)
	}
	_, err := io.WriteString(w, "X-Unsent: 1\r\nTo: "+d.To[0].String()+"\r\nSubject: "+d.Subject+"\r\n\r\n"+d.Body)
	return err
}

// fakeCollections answers the collections screens from fixed rows and keeps
// what they record.
type fakeCollections struct {
	domain.CollectionsService // methods not used panic
	rows                      []domain.WorklistRow
	due                       []domain.ReminderCandidate
	accounts                  map[domain.AccountID]*domain.Account
	promises                  []domain.Promise
	sent                      []string // account code and the file recorded
	logs                      []domain.DocumentLog
}

func (c *fakeCollections) Worklist(context.Context, domain.WorklistFilter) ([]domain.WorklistRow, error) {
	return c.rows, nil
}

func (c *fakeCollections) DueReminders(context.Context, domain.Date) ([]domain.ReminderCandidate, error) {
	return c.due, nil
}

func (c *fakeCollections) Reminder(_ context.Context, id domain.AccountID, day domain.Date, level int) (*domain.Reminder, error) {
	return &domain.Reminder{Account: c.accounts[id], Level: level, Date: day, Deadline: day.AddDays(7), ToPay: 100}, nil
}

func (c *fakeCollections) RecordReminder(_ context.Context, r *domain.Reminder, log domain.DocumentLog) error {
	c.sent = append(c.sent, r.Account.Code+" "+filepath.Base(log.File))
	return nil
}

// fakeRecorder records each reminder at once.
type fakeRecorder struct{ c *fakeCollections }

func (r fakeRecorder) Record(ctx context.Context, rem *domain.Reminder, log domain.DocumentLog) error {
	return r.c.RecordReminder(ctx, rem, log)
}

func (fakeRecorder) Flush(context.Context) ([]string, error) { return nil, nil }

func (c *fakeCollections) NewReminderRecorder(int) domain.ReminderRecorder { return fakeRecorder{c} }

func (c *fakeCollections) RecordPromise(_ context.Context, account domain.AccountID, amount domain.Amount, due domain.Date,
	note string) (*domain.Promise, error) {
	p := domain.Promise{ID: int64(len(c.promises) + 1), Account: account, MadeOn: today, Due: due, Amount: amount}
	c.promises = append(c.promises, p)
	for i := range c.rows {
		if c.rows[i].AccountID == account {
			c.rows[i].Promise = &p
		}
	}
	return &p, nil
}

func (c *fakeCollections) LogDocument(_ context.Context, log domain.DocumentLog) error {
	c.logs = append(c.logs, log)
	return nil
}

// fakeLetters writes a small PDF per reminder and records it, in order.
type fakeLetters struct{ domain.CollectionsPrinter }

func (fakeLetters) PrintReminders(ctx context.Context, day domain.Date, due []domain.ReminderCandidate, out string,
	record domain.RecordFunc, progress func(domain.BatchProgress)) (domain.ReminderBatchResult, error) {
	var res domain.ReminderBatchResult
	for i, c := range due {
		path := filepath.Join(out, c.Code+"_wezwanie.pdf")
		if err := os.WriteFile(path, []byte("%PDF-1.4 "+c.Code), 0o600); err != nil {
			return res, err
		}
		r := &domain.Reminder{Account: &domain.Account{ID: c.AccountID, AccountFields: domain.AccountFields{Code: c.Code, Email: c.Email,
			Country: "PL"}}, Level: c.Level, Date: day}
		if err := record(ctx, r, path); err != nil {
			res.Failures = append(res.Failures, domain.BatchFailure{AccountCode: c.Code, Err: err})
			continue
		}
		res.Sent = append(res.Sent, domain.ReminderSent{Reminder: r, Path: path})
		progress(domain.BatchProgress{Done: i + 1, Total: len(due)})
	}
	return res, nil
}

func collectionsFixture(t *testing.T) (*fixture, *fakeCollections) {
	f := newFixture(t)
	k2 := &domain.Account{ID: 2, AccountFields: domain.AccountFields{Code: "K2", Name: "Żabka", Email: "faktury@zabka.pl"}}
	k3 := &domain.Account{ID: 3, AccountFields: domain.AccountFields{Code: "K3", Name: "Bez maila"}}
	c := &fakeCollections{accounts: map[domain.AccountID]*domain.Account{1: f.lodz, 2: k2, 3: k3},
		rows: []domain.WorklistRow{
			{AccountID: 2, Code: "K2", Name: "Żabka", Overdue: 500000, OldestDays: 95, Score: 500000 * 95, Level: 2,
				LastSentOn: today.AddDays(-10), Promise: &domain.Promise{ID: 9, Account: 2, MadeOn: today.AddDays(-8), Due: today.AddDays(-2),
					Amount: 200000, Paid: 50000}},
			{AccountID: 1, Code: "K1", Name: "Hurtownia Łódź", Overdue: 24600, OldestDays: 12, Score: 24600 * 12},
		},
		due: []domain.ReminderCandidate{
			{AccountID: 1, Code: "K1", Name: "Hurtownia Łódź", Level: 1, Overdue: 24600, OldestDays: 12},
			{AccountID: 2, Code: "K2", Name: "Żabka", Email: "faktury@zabka.pl", Level: 3, Overdue: 500000, OldestDays: 95},
			{AccountID: 3, Code: "K3", Name: "Bez maila", Level: 1, Overdue: 1000, OldestDays: 8},
		}}
	f.d.Collections, f.d.Letters, f.d.Drafts = c, fakeLetters{}, fakeDrafts{}
	return f, c
}

// TestWorklistBrokenPromise: the worklist ranks as the service does, shows
// the reminder level and a broken promise in red; logging a promise puts it
// on the row.
func TestWorklistBrokenPromise(t *testing.T) {
	f, c := collectionsFixture(t)
	s := New(f.d)
	f.w.SetContent(s.Content())
	s.Collections()
	w := s.Worklist()
	if len(w.rows) != 2 {
		t.Fatalf("worklist rows: %d", len(w.rows))
	}
	cells := func(i int) []*widget.Label {
		o := w.list.CreateItem()
		w.list.UpdateItem(i, o)
		return rowOf(o).labels()
	}
	k2 := cells(0)
	if k2[0].Text != "K2" || k2[3].Text != "95" || k2[4].Text != "no. 2" || !strings.Contains(k2[7].Text, "BROKEN") ||
		k2[7].Importance != widget.DangerImportance || k2[3].Importance != widget.DangerImportance {
		t.Errorf("K2's row: %q %q %q %q (%v)", k2[0].Text, k2[3].Text, k2[4].Text, k2[7].Text, k2[7].Importance)
	}
	if !strings.Contains(w.status.Text, "2 overdue accounts") || !strings.Contains(w.status.Text, "1 broken promises") {
		t.Errorf("status %q", w.status.Text)
	}
	// A promise for K1: the dialog proposes its overdue amount and a week.
	w.list.Select(1)
	test.Tap(w.promiseBtn)
	if len(c.promises) != 0 {
		t.Fatal("recorded before confirming")
	}
	// Escape leaves it unsaid; the dialog again, and Log promise logs what
	// it proposes.
	uitest.Escape(f.w)
	if f.w.Canvas().Overlays().Top() != nil || len(c.promises) != 0 {
		t.Fatalf("Escape: dialog %v, promises %d", f.w.Canvas().Overlays().Top(), len(c.promises))
	}
	test.Tap(w.promiseBtn)
	test.Tap(uitest.Button(t, f.w.Canvas().Overlays().Top(), "Log promise"))
	if len(c.promises) != 1 || c.promises[0].Amount != 24600 || c.promises[0].Due != today.AddDays(7) ||
		f.w.Canvas().Overlays().Top() != nil {
		t.Fatalf("logged %+v, dialog %v", c.promises, f.w.Canvas().Overlays().Top())
	}
	if k1 := cells(1); !strings.Contains(k1[7].Text, "246,00") || k1[7].Importance == widget.DangerImportance {
		t.Errorf("K1's promise: %q %v", k1[7].Text, k1[7].Importance)
	}
}

// TestReminderBatchPreview: the batch lists the accounts due, an unticked
// one is left out, a missing folder is made on request, each written
// reminder is recorded, e-mails are written for accounts with a billing
// e-mail and the summary says which had none.
func TestReminderBatchPreview(t *testing.T) {
	f, c := collectionsFixture(t)
	s := New(f.d)
	f.w.SetContent(s.Content())
	s.Collections()
	w := s.Worklist()
	w.Reminders()
	r := w.reminders
	if len(r.due) != 3 || !strings.Contains(r.count.Text, "3 of 3 accounts ticked") {
		t.Fatalf("preview: %d, %q", len(r.due), r.count.Text)
	}
	if r.target.Text() != DefaultReminderFolder(today) {
		t.Errorf("proposed folder %q", r.target.Text())
	}
	r.SetTicked(1, false)
	if !strings.Contains(r.count.Text, "2 of 3 accounts ticked") {
		t.Errorf("after unticking: %q", r.count.Text)
	}
	dir := filepath.Join(t.TempDir(), "wezwania", "2026-11-27")
	r.target.Entry.SetText(dir)
	r.emails.SetChecked(true)
	test.Tap(r.startBtn)
	if r.question == nil {
		t.Fatal("a missing folder was not offered for creation")
	}
	test.Tap(r.question.Button("Create folder"))
	if r.result == nil || len(r.result.Sent) != 2 {
		t.Fatalf("result %+v", r.result)
	}
	if strings.Join(c.sent, ",") != "K2 K2_wezwanie.eml,K3 K3_wezwanie.pdf" {
		t.Errorf("recorded %v", c.sent)
	}
	data, err := os.ReadFile(filepath.Join(dir, "K2_wezwanie.eml"))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(data)))
	if err != nil || msg.Header.Get("X-Unsent") != "1" || !strings.Contains(msg.Header.Get("To"), "faktury@zabka.pl") {
		t.Errorf("the e-mail: %v %v", msg, err)
	}
	if !strings.Contains(r.summary.Text, "2 reminders written") || !strings.Contains(r.summary.Text, "No e-mail for 1 accounts") {
		t.Errorf("summary %q", r.summary.Text)
	}
}

// TestReceivablesWithCollectionsFit: with the collections worklist on its
// second tab, the Receivables screen needs no more than a 1024×700 laptop
// window in English or Polish (the worklist's columns and buttons included),
// and lays out whole at each size.
func TestReceivablesWithCollectionsFit(t *testing.T) {
	for _, l := range []string{"en", "pl"} {
		t.Run(l, func(t *testing.T) {
			if err := language.Apply(l); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = language.Apply("en") })
			uitest.RealTheme()
			f, _ := collectionsFixture(t)
			f.d.Export = func(context.Context, []domain.ReceivableRow, Format, string) error { return nil }
			f.d.KSeF = domaintest.NewKSeF(f.ledger)
			s := New(f.d)
			f.w.SetContent(s.Content())
			// The room the screen has in a 1024-pixel window beside the
			// narrow sidebar, then each window size.
			beside := fyne.NewSize(uitest.Small.Width-56, uitest.Small.Height)
			f.w.Resize(beside)
			uitest.AtEachSize(t, f.w, l+" receivables", nil)
			// Narrow, the table scrolls sideways rather than drop the credit
			// limit: its title is laid out, the owner's may go. The columns
			// widen as for a real file's codes and millions.
			widths := slices.Clone(listColumns.Widths)
			t.Cleanup(func() { copy(listColumns.Widths, widths) })
			listColumns.FitRow(listRight, "TOMASZEW-0086-KAT", "Dom Handlowy", "1 311 505,41", "285 848,20", "101 233,39",
				"101 233,39", "117 764,53", "31 225,57", "1 311 505,41", "250 000,00", "Magdalena Wiśniewska")
			s.head.Refresh()
			f.w.Resize(beside)
			uitest.CheckLayout(t, f.w, l+" receivables with wide columns")
			head := s.head.(*fyne.Container)
			if limit := head.Objects[9]; !limit.Visible() || limit.Size().Width < limit.MinSize().Width {
				t.Errorf("%s at %v: the Limit column is dropped", l, beside)
			}
			s.Collections()
			uitest.AtEachSize(t, f.w, l+" collections", nil)
		})
	}
}
