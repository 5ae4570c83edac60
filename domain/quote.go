package domain

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// QuoteID identifies a quote (all its revisions).
type QuoteID int64

// QuoteStatus is where a quote stands: draft → sent → accepted or rejected.
type QuoteStatus string

// Quote statuses. QuoteExpired is never stored: it is how a draft or sent quote
// past its valid-until date shows (DisplayStatus), and a list filter.
const (
	QuoteDraft    QuoteStatus = "draft"
	QuoteSent     QuoteStatus = "sent"
	QuoteAccepted QuoteStatus = "accepted"
	QuoteRejected QuoteStatus = "rejected"
	QuoteExpired  QuoteStatus = "expired"
)

// QuoteStatuses are the stored statuses, in lifecycle order.
var QuoteStatuses = []QuoteStatus{QuoteDraft, QuoteSent, QuoteAccepted, QuoteRejected}

// ParseQuoteStatus reads a status name (any case); "expired" is accepted for filters.
func ParseQuoteStatus(s string) (QuoteStatus, error) {
	v := QuoteStatus(strings.ToLower(strings.TrimSpace(s)))
	if v.Valid() || v == QuoteExpired {
		return v, nil
	}
	return "", Errorf(EInvalid, "quote.status_invalid", "{{.Value}} is not a quote status (draft, sent, accepted, rejected)",
		map[string]any{"Value": strings.TrimSpace(s)})
}

// Valid reports whether s is a stored status.
func (s QuoteStatus) Valid() bool {
	for _, v := range QuoteStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// Open reports whether a quote in status s can still be edited or expire.
func (s QuoteStatus) Open() bool { return s == QuoteDraft || s == QuoteSent }

// CanBecome reports whether the lifecycle allows going from s to t.
func (s QuoteStatus) CanBecome(t QuoteStatus) bool {
	switch s {
	case QuoteDraft:
		return t == QuoteSent
	case QuoteSent:
		return t == QuoteAccepted || t == QuoteRejected
	}
	return false
}

// QuoteFields are the fields a user edits.
//
// The account is referenced by ID (forms) or by code (files); the store resolves
// the code when the ID is 0 and fills both, with the name, in what it returns.
type QuoteFields struct {
	AccountID     AccountID
	AccountCode   string       // account_code
	ContactID     ContactID    // contact: 0 for none; must belong to the account
	Date          Date         // date: the quote's date
	ValidUntil    Date         // valid_until: not before Date
	PaymentTerms  PaymentTerms // payment_terms: copied from the account, editable
	DeliveryTerms string       // delivery_terms: free text ("DAP Poznań", "odbiór własny")
	Notes         string       // notes
	Owner         string       // owner: the rep; the account's owner by default
	Lines         []DocumentLine
}

// Quote field names not shared with other kinds.
const (
	FieldContact       = "contact"
	FieldValidUntil    = "valid_until"
	FieldDeliveryTerms = "delivery_terms"
	FieldStatus        = "status"
)

// QuoteFieldOrder is the order of header fields in forms and errors.
var QuoteFieldOrder = []string{FieldAccountCode, FieldContact, FieldDate, FieldValidUntil, FieldPaymentTerms,
	FieldDeliveryTerms, FieldOwner, FieldNotes, FieldLines}

// NewQuoteFields returns a new quote for account dated on, valid validDays,
// with the account's payment terms and owner.
func NewQuoteFields(a *Account, on Date, validDays int) QuoteFields {
	return QuoteFields{AccountID: a.ID, AccountCode: a.Code, Date: on, ValidUntil: on.AddDays(validDays),
		PaymentTerms: a.PaymentTerms, Owner: a.Owner}
}

// Quote is a stored quote at one revision.
type Quote struct {
	ID QuoteID
	QuoteFields
	Number      string
	Revision    int // 1, 2, …: shown as R2, R3 … from the second on
	Status      QuoteStatus
	AccountName string
	ContactName string
	Currency    string  // CatalogCurrency
	OrderID     OrderID // the order it was converted to; 0 when none
	Version     int64   // bumped by every save; an update naming an older one is a conflict
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// RevisionLabel is "R2", "R3" … for later revisions and "" for the first.
func (q *Quote) RevisionLabel() string { return RevisionLabel(q.Revision) }

// RevisionLabel is "R<n>" for n ≥ 2 and "" otherwise.
func RevisionLabel(n int) string {
	if n < 2 {
		return ""
	}
	return "R" + strconv.Itoa(n)
}

// Totals are the quote's totals.
func (q *QuoteFields) Totals() Totals { return ComputeTotals(q.Lines) }

// IsExpired is the display rule: a draft or sent quote whose valid-until date
// is before today. Accepted and rejected quotes never expire.
func IsExpired(s QuoteStatus, validUntil, today Date) bool {
	return s.Open() && !validUntil.IsZero() && validUntil.Before(today)
}

// Expired reports whether the quote shows as expired today.
func (q *Quote) Expired(today Date) bool { return IsExpired(q.Status, q.ValidUntil, today) }

// DisplayStatus is the status to show today: QuoteExpired for an expired
// quote, its stored status otherwise.
func (q *Quote) DisplayStatus(today Date) QuoteStatus {
	if q.Expired(today) {
		return QuoteExpired
	}
	return q.Status
}

// Transition moves the quote to status t, or returns an EInvalid error naming
// both statuses. Sending an expired quote is refused: extend valid-until first.
func (q *Quote) Transition(t QuoteStatus, today Date) error {
	if !q.Status.CanBecome(t) {
		return Errorf(EInvalid, "quote.transition", "a {{.From}} quote cannot become {{.To}}",
			map[string]any{"From": string(q.Status), "To": string(t)})
	}
	if t == QuoteSent && q.Expired(today) {
		return Errorf(EInvalid, "quote.send_expired", "the quote expired on {{.Date}}: extend its valid-until date first",
			map[string]any{"Date": q.ValidUntil})
	}
	q.Status = t
	return nil
}

// Validate checks every rule that needs no database and returns an EInvalid
// *Error listing each field at fault (lines as LineField names), or nil.
func (q *QuoteFields) Validate() error {
	var fe fieldErrors
	if q.AccountID == 0 && q.AccountCode == "" {
		fe.add(FieldAccountCode, "field.required", "required", nil)
	}
	if q.Date.IsZero() {
		fe.add(FieldDate, "field.required", "required", nil)
	}
	switch {
	case q.ValidUntil.IsZero():
		fe.add(FieldValidUntil, "field.required", "required", nil)
	case !q.Date.IsZero() && q.ValidUntil.Before(q.Date):
		fe.add(FieldValidUntil, "quote.valid_before_date", "valid until {{.Until}} is before the quote date {{.Date}}",
			map[string]any{"Until": q.ValidUntil, "Date": q.Date})
	}
	if q.PaymentTerms.Days < 0 || q.PaymentTerms.Days > MaxPaymentDays {
		fe.add(FieldPaymentTerms, "terms.invalid", "{{.Value}} is not payment terms: write \"net N\" or \"N EOM\" with N from 0 to 365",
			map[string]any{"Value": q.PaymentTerms.String()})
	}
	fe.freeText(FieldDeliveryTerms, q.DeliveryTerms, 200)
	fe.freeText(FieldOwner, q.Owner, 100)
	fe.freeText(FieldNotes, q.Notes, 4000)
	validateLines(&fe, q.Lines)
	return fe.err("quote.invalid", "the quote is not valid")
}

// QuoteUpdate replaces a quote's fields. Version is the version the editor
// loaded; saving over a newer one is an EConflict.
type QuoteUpdate struct {
	QuoteFields
	Version int64
}

// QuoteRevision is one revision of a quote, for the revisions list.
type QuoteRevision struct {
	Revision int
	Status   QuoteStatus // the status it had when the next revision replaced it
	Date     Date
	Net      Amount
	Gross    Amount
	Lines    int
	SavedAt  time.Time
}

// QuoteFilter narrows FindQuotes. Statuses may include QuoteExpired: open
// quotes past valid-until on Today; a stored open status then matches only the
// quotes not expired.
type QuoteFilter struct {
	DocumentFilter
	Statuses []QuoteStatus
	Today    Date // for the expired rule; zero: today's local date
}

// QuoteRow is one row of a quote list.
type QuoteRow struct {
	ID QuoteID
	DocumentRow
	Revision   int
	ValidUntil Date
	Status     QuoteStatus // stored
	Expired    bool        // shows as expired on the filter's Today
}

// QuoteService stores quotes.
type QuoteService interface {
	// FindQuoteByID returns the current revision with its lines.
	FindQuoteByID(ctx context.Context, id QuoteID) (*Quote, error)
	// FindQuoteRevision returns an earlier (or the current) revision, read only.
	FindQuoteRevision(ctx context.Context, id QuoteID, revision int) (*Quote, error)
	// QuoteRevisions lists every revision, newest first.
	QuoteRevisions(ctx context.Context, id QuoteID) ([]QuoteRevision, error)
	// FindQuotes lists quotes with the total matching the filter.
	FindQuotes(ctx context.Context, f QuoteFilter) ([]QuoteRow, int, error)
	// CreateQuote numbers and saves a new draft. Lines are stored as given
	// (price them first with PriceService.Reprice and ApplyPrices); an unknown
	// account, contact or SKU is an EInvalid on its field.
	CreateQuote(ctx context.Context, f QuoteFields) (*Quote, error)
	// UpdateQuote saves a draft in place; saving a sent quote keeps the sent one
	// as a readable revision and makes the new revision a draft (R2, R3 …).
	// Accepted and rejected quotes are EInvalid; a stale version is EConflict.
	UpdateQuote(ctx context.Context, id QuoteID, upd QuoteUpdate) (*Quote, error)
	// SetQuoteStatus moves a quote along its lifecycle (Quote.Transition).
	SetQuoteStatus(ctx context.Context, id QuoteID, version int64, status QuoteStatus) (*Quote, error)
	// DuplicateQuote returns, unsaved, a copy of the quote for another account
	// dated on, with every price re-resolved for that account, and the lines
	// whose price differs from the original.
	DuplicateQuote(ctx context.Context, id QuoteID, account AccountID, on Date) (*QuoteFields, []PriceChange, error)
	// ConvertQuote makes a draft order from an accepted quote, keeping its prices,
	// discounts and terms, and links the two. A quote converts once (EConflict).
	ConvertQuote(ctx context.Context, id QuoteID, version int64) (*Order, error)
	// DeleteQuote removes a draft never sent; anything else is EInvalid.
	DeleteQuote(ctx context.Context, id QuoteID) error
}
