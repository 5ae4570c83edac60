package domain

import (
	"context"
	"io"
	"net/mail"
	"strings"
	"time"
)

// ReminderLevel is one step of the payment reminders: sent when the oldest
// overdue invoice of an account is Days past due.
type ReminderLevel struct {
	Days        int
	WordingPL   string // the letter's opening paragraph in Polish
	WordingEN   string // and in English
	AddInterest bool   // the letter claims the interest and the compensation too
}

// ReminderSettings are the reminder levels, in order, and the days a
// reminder gives to pay.
type ReminderSettings struct {
	Levels       []ReminderLevel
	DeadlineDays int
}

// DefaultReminderSettings: a first reminder at 7 days overdue, a second at
// 21, a final demand with interest and compensation at 45; 7 days to pay.
func DefaultReminderSettings() ReminderSettings {
	return ReminderSettings{DeadlineDays: 7, Levels: []ReminderLevel{
		{Days: 7,
			WordingPL: "Uprzejmie przypominamy, że termin płatności poniższych faktur minął. Być może przeoczyli Państwo tę płatność — prosimy o jej uregulowanie.",
			WordingEN: "This is a friendly reminder that the invoices below are past due. If the payment has slipped through, please settle it."},
		{Days: 21,
			WordingPL: "Mimo wcześniejszego przypomnienia nie otrzymaliśmy zapłaty za poniższe faktury. Wzywamy do zapłaty zaległej kwoty.",
			WordingEN: "Despite our earlier reminder we have not received payment of the invoices below. We ask you to pay the amount overdue."},
		{Days: 45, AddInterest: true,
			WordingPL: "Ostatecznie wzywamy do zapłaty zaległych należności wraz z odsetkami ustawowymi za opóźnienie w transakcjach handlowych i rekompensatą za koszty odzyskiwania należności. Brak zapłaty w wyznaczonym terminie spowoduje skierowanie sprawy na drogę sądową bez dalszych wezwań.",
			WordingEN: "This is our final demand for the amounts overdue, with statutory interest for delay in commercial transactions and the compensation for recovery costs. Unless paid by the deadline, the claim will go to court without further notice."},
	}}
}

// Validate checks that levels come in rising days and the deadline is sane.
func (s *ReminderSettings) Validate() error {
	if len(s.Levels) == 0 || len(s.Levels) > 9 {
		return Errorf(EInvalid, "reminders.levels_count", "give between 1 and 9 reminder levels", nil)
	}
	for i, l := range s.Levels {
		if l.Days < 1 || l.Days > 3650 || i > 0 && l.Days <= s.Levels[i-1].Days {
			return Errorf(EInvalid, "reminders.levels_days", "reminder level {{.Level}}: the days overdue must be more than the level before's (1 to 3650)",
				map[string]any{"Level": i + 1})
		}
		if strings.TrimSpace(l.WordingPL) == "" || strings.TrimSpace(l.WordingEN) == "" {
			return Errorf(EInvalid, "reminders.levels_wording", "reminder level {{.Level}} needs its wording in Polish and English",
				map[string]any{"Level": i + 1})
		}
	}
	if s.DeadlineDays < 1 || s.DeadlineDays > 90 {
		return Errorf(EInvalid, "reminders.deadline_days", "the days to pay after a reminder are 1 to 90", nil)
	}
	return nil
}

// LevelFor returns the highest level (1-based) an account whose oldest
// overdue invoice is days past due has reached; 0 for none.
func (s *ReminderSettings) LevelFor(days int) int {
	level := 0
	for i, l := range s.Levels {
		if days >= l.Days {
			level = i + 1
		}
	}
	return level
}

// DocumentLanguage is the language an account's letters are written in:
// Polish for a Polish account, English otherwise.
func DocumentLanguage(a *Account) Locale {
	if a == nil || a.Country == "" || a.Country == "PL" {
		return Polish
	}
	return English
}

// Reminder is a payment reminder (wezwanie do zapłaty) for one account.
type Reminder struct {
	Account  *Account
	Level    int // 1-based
	Final    bool
	Setting  ReminderLevel
	Date     Date
	Deadline Date
	Items    []OpenItem // the overdue invoices, oldest first
	Overdue  Amount     // what the items leave open
	Credit   Amount     // unapplied payments and credit notes, taken off
	// For a level that adds interest: the interest note as of Date.
	Note *InterestNote
	// ToPay is what the letter asks for: overdue − credit (+ interest and
	// compensation on a final demand).
	ToPay Amount
}

// ReminderCandidate is an account due a reminder on a day: a batch's preview row.
type ReminderCandidate struct {
	AccountID   AccountID
	Code        string
	Name        string
	Email       string
	Level       int
	Overdue     Amount
	OldestDays  int
	LastSentOn  Date // the last reminder of this episode, zero for none
	LastSentLvl int
}

// PaperKind names what a logged document (a letter sent or printed) is.
type PaperKind string

// Documents logged on an account's history.
const (
	DocStatement PaperKind = "statement"
	DocReminder  PaperKind = "reminder"
	DocInterest  PaperKind = "interest_note"
)

// DocumentLog is a document sent or printed, for the account's history.
type DocumentLog struct {
	Account AccountID
	Kind    PaperKind
	Title   string // e.g. "Wezwanie do zapłaty nr 2"
	File    string // the file written, or the e-mail
	Amount  Amount // what it asks for or shows as due
	Sent    bool   // e-mailed rather than printed
	Lang    Locale
}

// Promise is a promise to pay an amount by a day.
type Promise struct {
	ID       int64
	Account  AccountID
	Activity ActivityID
	MadeOn   Date
	Due      Date
	Amount   Amount
	Paid     Amount // the account's payments from MadeOn to Due (to today while it runs)
}

// Broken reports whether the promise's day has passed without the amount paid.
func (p *Promise) Broken(today Date) bool { return p.Due.Before(today) && p.Paid < p.Amount }

// Kept reports whether the amount came in by the day.
func (p *Promise) Kept() bool { return p.Paid >= p.Amount }

// WorklistRow is an overdue account on the collections worklist.
type WorklistRow struct {
	AccountID   AccountID
	Code        string
	Name        string
	Owner       string
	Overdue     Amount
	OldestDays  int
	Score       int64 // Σ open × days overdue, in grosz-days: the ranking
	Level       int   // the last reminder level sent in this overdue episode
	LastSentOn  Date
	LastContact Date
	Promise     *Promise // the latest promise, nil for none
}

// WorklistFilter narrows the worklist.
type WorklistFilter struct {
	Owner string
	AsOf  Date // zero: today
	Limit int  // 0: all
}

// BrokenPromise is a promise whose day passed unpaid, for the Today page.
type BrokenPromise struct {
	Promise
	Code string
	Name string
}

// CollectionsService is the back office's collections: NBP rates, the
// interest table, interest notes, reminders, documents sent, promises to pay
// and the worklist.
type CollectionsService interface {
	// ImportNBPRates stores NBP table A rates (new ones added, same day and
	// currency replaced), all or nothing; it returns how many tables and rates.
	ImportNBPRates(ctx context.Context, rates []NBPRate) (tables, count int, err error)
	// NBPRate returns the rate of the last table on or before day (within
	// NBPGraceDays), or ErrNoNBPRate.
	NBPRate(ctx context.Context, code string, day Date) (NBPRate, error)
	// InterestRates returns the shipped periods with the user's added.
	InterestRates(ctx context.Context) (RateTable, error)
	// AddInterestRate adds a period after the table's last (a gap or an
	// overlap is refused); DeleteInterestRate removes a user's period.
	AddInterestRate(ctx context.Context, p RatePeriod) error
	DeleteInterestRate(ctx context.Context, from Date) error
	// InterestNote computes the account's interest note as of on.
	InterestNote(ctx context.Context, id AccountID, on Date) (*InterestNote, error)
	// RecordInterestNote marks the note's invoices as claimed and logs the note.
	RecordInterestNote(ctx context.Context, n *InterestNote, log DocumentLog) error
	// ReminderSettings and SaveReminderSettings read and write the levels.
	ReminderSettings(ctx context.Context) (ReminderSettings, error)
	SaveReminderSettings(ctx context.Context, s ReminderSettings) error
	// DueReminders lists the accounts due a reminder on day: the highest
	// level reached and not yet sent in the current overdue episode.
	DueReminders(ctx context.Context, day Date) ([]ReminderCandidate, error)
	// Reminder builds the account's reminder at level (0: the level reached) on day.
	Reminder(ctx context.Context, id AccountID, day Date, level int) (*Reminder, error)
	// RecordReminder records a reminder as sent, logs it on the history and
	// adds a follow-up task at its deadline.
	RecordReminder(ctx context.Context, r *Reminder, log DocumentLog) error
	// NewReminderRecorder records a batch's reminders as RecordReminder
	// does, in groups of size (0: a default): far fewer commits.
	NewReminderRecorder(size int) ReminderRecorder
	// LogDocument puts a document sent or printed on the account's history.
	LogDocument(ctx context.Context, log DocumentLog) error
	// Worklist ranks the overdue accounts by Σ open × days overdue.
	Worklist(ctx context.Context, f WorklistFilter) ([]WorklistRow, error)
	// RecordPromise logs "promised to pay X by D" with its activity.
	RecordPromise(ctx context.Context, account AccountID, amount Amount, due Date, note string) (*Promise, error)
	// BrokenPromises lists the promises whose day passed unpaid in the last 30 days.
	BrokenPromises(ctx context.Context, today Date) ([]BrokenPromise, error)
}

// ReminderSent is a reminder a batch wrote (and recorded).
type ReminderSent struct {
	Reminder *Reminder
	Path     string
}

// ReminderBatchResult sums up a reminders batch.
type ReminderBatchResult struct {
	Sent      []ReminderSent // by account code
	Failures  []BatchFailure
	Cancelled bool
}

// ReminderRecorder records a batch's reminders in groups. Record queues one
// written (log.File names its file) and records a full group; Flush
// records the rest. A group that cannot be recorded has its files removed:
// Flush returns them with the reason.
type ReminderRecorder interface {
	Record(ctx context.Context, r *Reminder, log DocumentLog) error
	Flush(ctx context.Context) (removed []string, err error)
}

// Unrecorded takes the reminders whose files were removed (their group could
// not be recorded: err) out of what was sent and reports them as failed. A
// file is a reminder's PDF or the e-mail beside it.
func (res *ReminderBatchResult) Unrecorded(removed []string, err error) {
	gone := map[string]bool{}
	for _, p := range removed {
		gone[p] = true
	}
	sent := res.Sent[:0]
	for _, s := range res.Sent {
		if gone[s.Path] || gone[strings.TrimSuffix(s.Path, ".pdf")+".eml"] {
			res.Failures = append(res.Failures, BatchFailure{AccountCode: s.Reminder.Account.Code, Err: err})
			continue
		}
		sent = append(sent, s)
	}
	res.Sent = sent
}

// RecordFunc records a reminder a batch wrote to file.
type RecordFunc func(ctx context.Context, r *Reminder, file string) error

// CollectionsPrinter renders reminders and interest notes (store/pdf behind it).
type CollectionsPrinter interface {
	PrintReminder(ctx context.Context, r *Reminder, w io.Writer) error
	PrintInterestNote(ctx context.Context, n *InterestNote, w io.Writer) error
	// PrintReminders writes each candidate's reminder on day into the folder
	// out, each file whole or not at all, and calls record for it as soon as
	// it is written (nil: written only). The work is spread over the cores;
	// progress is called from worker goroutines. Cancelling ctx stops it
	// between accounts. The error is for a batch that cannot start.
	PrintReminders(ctx context.Context, day Date, due []ReminderCandidate, out string, record RecordFunc,
		progress func(BatchProgress)) (ReminderBatchResult, error)
	// ReminderFileName and InterestNoteFileName name the PDFs.
	ReminderFileName(code string, level int, day Date, l Locale) string
	InterestNoteFileName(code string, day Date, l Locale) string
}

// Draft is a ready e-mail with one PDF attached, written as an unsent .eml
// for the user's mail client to open.
type Draft struct {
	From     mail.Address
	To       []mail.Address
	Subject  string
	Body     string // plain text, lines joined by \n
	FileName string // the attachment's name
	PDF      []byte
	Date     time.Time
}

// Drafts writes e-mail drafts (store/eml behind it).
type Drafts interface {
	// Letter returns the covering letter's subject and body for a document
	// of kind in language l: what names the document, sender signs it.
	Letter(l Locale, kind PaperKind, what, sender string) (subject, body string)
	// WriteDraft writes d as an .eml marked unsent.
	WriteDraft(w io.Writer, d Draft) error
}
