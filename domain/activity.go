package domain

import (
	"context"
	"strings"
	"time"
)

// ActivityID identifies an activity.
type ActivityID int64

// ActivityKind is what sort of entry an activity is in an account's history.
type ActivityKind string

// Activity kinds. Calls, meetings and e-mails are contacts with the customer
// (they reset "going cold"); notes and tasks are not.
const (
	KindCall    ActivityKind = "call"
	KindMeeting ActivityKind = "meeting"
	KindEmail   ActivityKind = "email"
	KindNote    ActivityKind = "note"
	KindTask    ActivityKind = "task"
	// KindDocument is a statement, reminder or interest note sent or printed.
	KindDocument ActivityKind = "document"
)

// ActivityKinds lists the kinds in the order forms and filters show them.
var ActivityKinds = []ActivityKind{KindCall, KindMeeting, KindEmail, KindNote, KindTask, KindDocument}

// kindAliases are the Polish names a spreadsheet may use; export writes the English ones.
var kindAliases = map[string]ActivityKind{
	"rozmowa": KindCall, "telefon": KindCall, "spotkanie": KindMeeting, "e-mail": KindEmail, "mail": KindEmail,
	"notatka": KindNote, "zadanie": KindTask, "dokument": KindDocument,
}

// ParseActivityKind reads a kind name (call, meeting, email, note, task, document; any case;
// Polish names accepted).
func ParseActivityKind(s string) (ActivityKind, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for _, k := range ActivityKinds {
		if v == string(k) {
			return k, nil
		}
	}
	if k, ok := kindAliases[v]; ok {
		return k, nil
	}
	return "", Errorf(EInvalid, "activity.kind_invalid", "{{.Value}} is not a kind of activity (call, meeting, email, note, task, document)",
		map[string]any{"Value": strings.TrimSpace(s)})
}

// Valid reports whether k is one of ActivityKinds.
func (k ActivityKind) Valid() bool {
	for _, v := range ActivityKinds {
		if k == v {
			return true
		}
	}
	return false
}

// IsContact reports whether the kind counts as contact with the customer: a
// call, a meeting or an e-mail.
func (k ActivityKind) IsContact() bool { return k == KindCall || k == KindMeeting || k == KindEmail }

// ActivityFields are the fields of an activity a user edits or a CSV row sets;
// field names in comments are the stable names used by forms, errors and CSV
// columns.
//
// The account and the contact are referenced twice: by ID (what forms set) and
// by text (account_code, contact_email: what CSV rows set). The store uses the ID
// when it is set and otherwise resolves the text — the contact's e-mail within
// the activity's account — and fills both in what it returns.
type ActivityFields struct {
	AccountID    AccountID    // the account; 0 to resolve AccountCode
	AccountCode  string       // account_code
	ContactID    ContactID    // the contact; 0 for none, or to resolve ContactEmail
	ContactEmail string       // contact_email: blank for none
	OccurredAt   time.Time    // date: when it happened (to the minute)
	Kind         ActivityKind // kind
	Subject      string       // subject
	Notes        string       // notes: multi-line
	Outcome      string       // outcome: what came of it, free text
	LoggedBy     string       // logged_by: the rep who logged it
	Due          Date         // due_date: tasks only
	Done         bool         // done: tasks only
}

// Activity is one entry of an account's history.
type Activity struct {
	ID ActivityID
	ActivityFields
	AccountName string
	ContactName string // "First Last"; blank when there is no contact
	Version     int64  // bumped by every save; an update naming an older one is a conflict
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Activity field names (the activities CSV columns, plus outcome and logged_by).
const (
	FieldAccountCode  = "account_code"
	FieldDate         = "date"
	FieldKind         = "kind"
	FieldSubject      = "subject"
	FieldContactEmail = "contact_email"
	FieldDueDate      = "due_date"
	FieldDone         = "done"
	FieldOutcome      = "outcome"
	FieldLoggedBy     = "logged_by"
	// FieldNotes ("notes") is shared with accounts.
)

// ActivityFieldOrder is the order of fields in forms, errors and CSV files.
var ActivityFieldOrder = []string{FieldAccountCode, FieldDate, FieldKind, FieldSubject, FieldNotes, FieldContactEmail,
	FieldDueDate, FieldDone, FieldOutcome, FieldLoggedBy}

// DateTimeLayout is how activity moments are written in CSV files, local time.
const DateTimeLayout = "2006-01-02 15:04"

// NewActivityFields returns the fields of a new activity on account: at now, of kind.
func NewActivityFields(account AccountID, kind ActivityKind, now time.Time) ActivityFields {
	return ActivityFields{AccountID: account, Kind: kind, OccurredAt: now.Truncate(time.Minute)}
}

// Set parses value into the named field. Text fields are trimmed (notes keep
// their lines); dates, the kind and done report a parse error here. Rules across
// fields are checked by Validate.
func (f *ActivityFields) Set(field, value string) error {
	v := strings.TrimSpace(value)
	switch field {
	case FieldAccountCode:
		f.AccountCode, f.AccountID = v, 0
	case FieldDate:
		t, err := ParseDateTime(v, time.Local)
		if err != nil {
			return err
		}
		f.OccurredAt = t
	case FieldKind:
		if v == "" {
			f.Kind = ""
			return nil
		}
		k, err := ParseActivityKind(v)
		if err != nil {
			return err
		}
		f.Kind = k
	case FieldSubject:
		f.Subject = v
	case FieldNotes:
		f.Notes = strings.TrimSpace(strings.ReplaceAll(value, "\r\n", "\n"))
	case FieldContactEmail:
		f.ContactEmail, f.ContactID = v, 0
	case FieldDueDate:
		d, err := ParseDate(v)
		if err != nil {
			return err
		}
		f.Due = d
	case FieldDone:
		switch strings.ToLower(v) {
		case "true":
			f.Done = true
		case "false", "":
			f.Done = false
		default:
			return Errorf(EInvalid, "activity.done_invalid", "{{.Value}} is not true or false", map[string]any{"Value": v})
		}
	case FieldOutcome:
		f.Outcome = v
	case FieldLoggedBy:
		f.LoggedBy = v
	default:
		return Errorf(EInvalid, "field.unknown", "unknown field {{.Field}}", map[string]any{"Field": field})
	}
	return nil
}

// Get returns the named field as text, in the form Set reads back: the date in
// local time as YYYY-MM-DD HH:MM, done as true/false for a task and blank otherwise.
func (f *ActivityFields) Get(field string) string {
	switch field {
	case FieldAccountCode:
		return f.AccountCode
	case FieldDate:
		if f.OccurredAt.IsZero() {
			return ""
		}
		return f.OccurredAt.In(time.Local).Format(DateTimeLayout)
	case FieldKind:
		return string(f.Kind)
	case FieldSubject:
		return f.Subject
	case FieldNotes:
		return f.Notes
	case FieldContactEmail:
		return f.ContactEmail
	case FieldDueDate:
		return f.Due.String()
	case FieldDone:
		if f.Kind != KindTask {
			return ""
		}
		if f.Done {
			return "true"
		}
		return "false"
	case FieldOutcome:
		return f.Outcome
	case FieldLoggedBy:
		return f.LoggedBy
	}
	return ""
}

// Validate normalises the fields (the moment to the minute; a task with no due
// date is due on the day it was logged for) and checks every rule that needs no
// database. It returns an EInvalid *Error listing every field at fault, or nil.
func (f *ActivityFields) Validate() error {
	var fe fieldErrors
	if f.AccountID == 0 && f.AccountCode == "" {
		fe.add(FieldAccountCode, "field.required", "required", nil)
	}
	if f.OccurredAt.IsZero() {
		fe.add(FieldDate, "field.required", "required", nil)
	} else {
		f.OccurredAt = f.OccurredAt.Truncate(time.Minute)
		if y := f.OccurredAt.Year(); y < 1900 || y > 2999 {
			fe.add(FieldDate, "date.range", "the year must be between 1900 and 2999", nil)
		}
	}
	switch {
	case f.Kind == "":
		fe.add(FieldKind, "field.required", "required", nil)
	case !f.Kind.Valid():
		fe.add(FieldKind, "activity.kind_invalid", "{{.Value}} is not a kind of activity (call, meeting, email, note, task, document)",
			map[string]any{"Value": string(f.Kind)})
	}
	if f.Subject == "" {
		fe.add(FieldSubject, "field.required", "required", nil)
	}
	fe.freeText(FieldSubject, f.Subject, 200)
	fe.freeText(FieldNotes, f.Notes, 20000)
	fe.freeText(FieldOutcome, f.Outcome, 200)
	fe.freeText(FieldLoggedBy, f.LoggedBy, 200)
	if f.ContactEmail != "" && f.ContactID == 0 && !ValidEmail(f.ContactEmail) {
		fe.add(FieldContactEmail, "email.invalid", "{{.Value}} is not an e-mail address", map[string]any{"Value": f.ContactEmail})
	}
	if f.Kind.Valid() && f.Kind != KindTask {
		if !f.Due.IsZero() {
			fe.add(FieldDueDate, "activity.due_not_task", "only a task has a due date", nil)
		}
		if f.Done {
			fe.add(FieldDone, "activity.done_not_task", "only a task can be done", nil)
		}
	}
	if f.Kind == KindTask && f.Due.IsZero() && !f.OccurredAt.IsZero() {
		f.Due = DateOf(f.OccurredAt.In(time.Local))
	}
	sortFields(fe, ActivityFieldOrder)
	return fe.err("activity.invalid", "the activity is not valid")
}

// sortFields orders field problems as the fields appear in order.
func sortFields(fe fieldErrors, order []string) {
	rank := func(f string) int {
		for i, n := range order {
			if n == f {
				return i
			}
		}
		return len(order)
	}
	for i := 1; i < len(fe); i++ {
		for j := i; j > 0 && rank(fe[j].Field) < rank(fe[j-1].Field); j-- {
			fe[j], fe[j-1] = fe[j-1], fe[j]
		}
	}
}

// ActivityUpdate replaces an activity's fields. Version is the version the
// editor loaded; saving over a newer one is an EConflict. Zero skips the check.
type ActivityUpdate struct {
	ActivityFields
	Version int64
}

// ActivityCursor is a position in a timeline, which runs newest first by
// (OccurredAt, ID). A page after the cursor holds the activities older than it.
type ActivityCursor struct {
	OccurredAt time.Time
	ID         ActivityID
}

// IsZero reports whether c is unset: the top of the timeline.
func (c ActivityCursor) IsZero() bool { return c.OccurredAt.IsZero() && c.ID == 0 }

// CursorAfter is the cursor just past a: the next page starts with the activity older than a.
func CursorAfter(a *Activity) ActivityCursor {
	return ActivityCursor{OccurredAt: a.OccurredAt, ID: a.ID}
}

// CursorAt is the cursor just before a: a page after it starts with a itself
// (to open a timeline at a search hit).
func CursorAt(at time.Time, id ActivityID) ActivityCursor {
	return ActivityCursor{OccurredAt: at, ID: id + 1}
}

// DefaultTimelinePage is how many activities a timeline page holds.
const DefaultTimelinePage = 50

// TimelineQuery selects a page of one account's timeline.
type TimelineQuery struct {
	Account  AccountID
	Kinds    []ActivityKind // only these kinds; none: all
	From, To Date           // only activities on these local dates, inclusive; zero: open
	Text     string         // only activities whose subject or notes have words starting with every folded word of Text
	After    ActivityCursor // zero: from the newest
	Newer    bool           // the page holds the activities newer than After instead (still newest first)
	Limit    int            // 0: DefaultTimelinePage
}

// TimelinePage is one page of a timeline, newest first.
type TimelinePage struct {
	Activities []*Activity
	More       bool // there are more activities past the page, in its direction
	// Total counts every activity the query matches, for the first page only
	// (After zero); -1 on later pages.
	Total int
}

// AgendaWindowDays is how far ahead the Today screen lists tasks.
const AgendaWindowDays = 7

// DefaultAgendaLimit is how many tasks a section of the Today screen lists.
const DefaultAgendaLimit = 200

// AgendaItem is one open task on the Today screen.
type AgendaItem struct {
	ID          ActivityID
	AccountID   AccountID
	AccountCode string
	AccountName string
	ContactName string
	Subject     string
	Due         Date
	LoggedBy    string
	Version     int64
}

// Agenda is the Today screen: open tasks of every account, each section by due
// date (oldest first), then ID, up to the limit asked; each Total counts the
// section's tasks, listed or not.
type Agenda struct {
	Today                                      Date
	Overdue, DueToday, Upcoming                []AgendaItem
	OverdueTotal, DueTodayTotal, UpcomingTotal int
}

// DefaultColdDays is the going-cold threshold unless Settings say otherwise.
const DefaultColdDays = 60

// ColdAccount is an account going cold: no call, meeting or e-mail for a while.
type ColdAccount struct {
	AccountID   AccountID
	Code        string
	Name        string
	City        string
	Owner       string
	LastContact Date // zero: never contacted
}

// HistoryHit is an activity found by history search.
type HistoryHit struct {
	ID          ActivityID
	AccountID   AccountID
	AccountCode string
	AccountName string
	OccurredAt  time.Time
	Kind        ActivityKind
	Subject     string
	Snippet     string // the subject or notes around the first match, on one line
	Marks       []Span // where the query's words are in Snippet
}

// ActivityService stores activities.
type ActivityService interface {
	// FindActivityByID returns one activity; a deleted one is ENotFound.
	FindActivityByID(ctx context.Context, id ActivityID) (*Activity, error)
	// Timeline returns a page of an account's activities, newest first.
	Timeline(ctx context.Context, q TimelineQuery) (*TimelinePage, error)
	CreateActivity(ctx context.Context, f ActivityFields) (*Activity, error)
	// UpdateActivity replaces the fields: a stale version is EConflict, an activity
	// deleted elsewhere ENotFound.
	UpdateActivity(ctx context.Context, id ActivityID, upd ActivityUpdate) (*Activity, error)
	// DeleteActivity removes an activity so that RestoreActivity can bring it back
	// (Undo); the store forgets deleted activities after a while.
	DeleteActivity(ctx context.Context, id ActivityID) error
	RestoreActivity(ctx context.Context, id ActivityID) (*Activity, error)
	// TodayAgenda lists open tasks overdue, due today and due within AgendaWindowDays
	// after today, across accounts; limit per section, 0: DefaultAgendaLimit.
	TodayAgenda(ctx context.Context, today Date, limit int) (*Agenda, error)
	// SetTaskDone marks a task done or open again; a non-task is EInvalid.
	SetTaskDone(ctx context.Context, id ActivityID, done bool) (*Activity, error)
	// RescheduleTask gives a task a new due date; a non-task is EInvalid.
	RescheduleTask(ctx context.Context, id ActivityID, due Date) (*Activity, error)
	// GoingCold lists active accounts going cold (IsGoingColdSince their
	// creation, in local time): never contacted
	// first, then by last contact, oldest first; up to limit (0: all) and the total.
	GoingCold(ctx context.Context, today Date, days, limit int) ([]ColdAccount, int, error)
	// SearchHistory finds activities whose subject or notes have words starting
	// with every folded word of query, newest first; limit 0: DefaultSearchLimit.
	SearchHistory(ctx context.Context, query string, limit int) ([]HistoryHit, error)
}
