package store

import (
	"context"
	"database/sql"
	"time"

	"kontor/domain"
)

// QuoteService implements domain.QuoteService. Duplicating a quote re-resolves
// its prices, so it needs the price service.
type QuoteService struct {
	db     *DB
	prices *PriceService
}

// NewQuoteService returns the quote service over db, pricing with prices.
func NewQuoteService(db *DB, prices *PriceService) *QuoteService {
	return &QuoteService{db: db, prices: prices}
}

var _ domain.QuoteService = (*QuoteService)(nil)

// today is the local date of the store's clock.
func (db *DB) today() domain.Date { return domain.DateOf(db.now().In(time.Local)) }

const quoteColumns = `q.id, q.number, q.revision, q.status, q.account_id, a.code, a.name, coalesce(q.contact_id, 0),
	coalesce(c.first_name || ' ' || c.last_name, ''), q.quoted_on, q.valid_until, q.terms_days, q.terms_eom,
	q.delivery_terms, q.notes, q.owner, q.currency, coalesce(q.order_id, 0), q.version, q.created_at, q.updated_at`

const quoteFrom = ` FROM quotes q JOIN accounts a ON a.id = q.account_id LEFT JOIN contacts c ON c.id = q.contact_id `

func scanQuote(sc interface{ Scan(...any) error }) (*domain.Quote, error) {
	var q domain.Quote
	err := sc.Scan(&q.ID, &q.Number, &q.Revision, &q.Status, &q.AccountID, &q.AccountCode, &q.AccountName, &q.ContactID,
		&q.ContactName, onDate(&q.Date), onDate(&q.ValidUntil), &q.PaymentTerms.Days, &q.PaymentTerms.EOM, &q.DeliveryTerms,
		&q.Notes, &q.Owner, &q.Currency, &q.OrderID, &q.Version, atTime(&q.CreatedAt), atTime(&q.UpdatedAt))
	if err != nil {
		return nil, err
	}
	return &q, nil
}

func quoteNotFound() error {
	return domain.Errorf(domain.ENotFound, "quote.not_found", "the quote does not exist (it may have been deleted)", nil)
}

// findQuote reads the current revision with its lines.
func findQuote(ctx context.Context, q queryer, id domain.QuoteID) (*domain.Quote, error) {
	quote, err := scanQuote(q.QueryRowContext(ctx, `SELECT `+quoteColumns+quoteFrom+`WHERE q.id = ?`, int64(id)))
	if err == sql.ErrNoRows {
		return nil, quoteNotFound()
	}
	if err != nil {
		return nil, err
	}
	quote.Lines, err = readLines(ctx, q, "quote_lines", `quote_id = ? AND revision = ?`, int64(id), quote.Revision)
	return quote, err
}

// FindQuoteByID returns the current revision of a quote with its lines.
func (s *QuoteService) FindQuoteByID(ctx context.Context, id domain.QuoteID) (*domain.Quote, error) {
	var out *domain.Quote
	err := s.db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = findQuote(ctx, tx, id)
		return err
	})
	return out, wrap("find quote", err)
}

// FindQuoteRevision returns one revision of a quote: the header it had then
// and its lines. Its Version is 0: a revision is read only.
func (s *QuoteService) FindQuoteRevision(ctx context.Context, id domain.QuoteID, revision int) (*domain.Quote, error) {
	var out *domain.Quote
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		q, err := findQuote(ctx, tx, id)
		if err != nil || q.Revision == revision {
			out = q
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT r.status, r.account_id, a.code, a.name, r.currency, coalesce(r.contact_id, 0),
			coalesce(c.first_name || ' ' || c.last_name, ''), r.quoted_on, r.valid_until, r.terms_days, r.terms_eom,
			r.delivery_terms, r.notes, r.owner, r.saved_at
			FROM quote_revisions r JOIN accounts a ON a.id = r.account_id LEFT JOIN contacts c ON c.id = r.contact_id
			WHERE r.quote_id = ? AND r.revision = ?`, int64(id), revision).Scan(&q.Status, &q.AccountID, &q.AccountCode,
			&q.AccountName, &q.Currency, &q.ContactID, &q.ContactName, onDate(&q.Date), onDate(&q.ValidUntil), &q.PaymentTerms.Days,
			&q.PaymentTerms.EOM, &q.DeliveryTerms, &q.Notes, &q.Owner, new(string))
		if err == sql.ErrNoRows {
			return domain.Errorf(domain.ENotFound, "quote.revision_not_found", "the quote has no revision {{.Revision}}",
				map[string]any{"Revision": revision})
		}
		if err != nil {
			return err
		}
		q.Revision, q.Version, q.OrderID = revision, 0, 0
		q.Lines, err = readLines(ctx, tx, "quote_lines", `quote_id = ? AND revision = ?`, int64(id), revision)
		out = q
		return err
	})
	return out, wrap("find quote revision", err)
}

// QuoteRevisions lists every revision of a quote, newest first.
func (s *QuoteService) QuoteRevisions(ctx context.Context, id domain.QuoteID) ([]domain.QuoteRevision, error) {
	var out []domain.QuoteRevision
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT revision, status, quoted_on, net_minor, gross_minor, line_count, updated_at FROM quotes WHERE id = ?1
			UNION ALL
			SELECT revision, status, quoted_on, net_minor, gross_minor, line_count, saved_at FROM quote_revisions WHERE quote_id = ?1
			ORDER BY 1 DESC`, int64(id))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r domain.QuoteRevision
			if err := rows.Scan(&r.Revision, &r.Status, onDate(&r.Date), &r.Net, &r.Gross, &r.Lines, atTime(&r.SavedAt)); err != nil {
				return err
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) == 0 {
			return quoteNotFound()
		}
		return nil
	})
	return out, wrap("quote revisions", err)
}

// prepareQuote validates the fields and ties them to the database.
func prepareQuote(ctx context.Context, tx *sql.Tx, f *domain.QuoteFields) (*docAccount, error) {
	acct, err := prepareHeader(ctx, tx, "quote.invalid", "the quote is not valid", f.Validate, &f.AccountID, &f.AccountCode, f.ContactID, f.Lines)
	if err != nil {
		return nil, err
	}
	if f.Owner == "" {
		f.Owner = acct.owner
	}
	return acct, nil
}

// CreateQuote numbers and stores a new draft.
func (s *QuoteService) CreateQuote(ctx context.Context, f domain.QuoteFields) (*domain.Quote, error) {
	var out *domain.Quote
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		id, err := insertQuote(ctx, tx, &f, domain.QuoteDraft, s.db.now())
		if err != nil {
			return err
		}
		out, err = findQuote(ctx, tx, id)
		return err
	})
	return out, err
}

// insertQuote stores a new quote (revision 1) with a number from the series.
func insertQuote(ctx context.Context, tx *sql.Tx, f *domain.QuoteFields, status domain.QuoteStatus, now time.Time) (domain.QuoteID, error) {
	acct, err := prepareQuote(ctx, tx, f)
	if err != nil {
		return 0, err
	}
	number, err := nextNumber(ctx, tx, domain.KindQuote, f.Date)
	if err != nil {
		return 0, err
	}
	q := &domain.Quote{QuoteFields: *f, Number: number, Status: status, Currency: acct.currency, CreatedAt: now, UpdatedAt: now}
	q.AccountID = acct.id
	res, err := tx.ExecContext(ctx, insertSQL("quotes", quoteInsertColumns, 1), quoteValues(q)...)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return domain.QuoteID(id), writeLines(ctx, tx, "quote_lines", "quote_id, revision", []any{id, 1}, f.Lines)
}

// quoteInsertColumns are the columns quoteValues fills.
const quoteInsertColumns = `number, status, account_id, contact_id, quoted_on, valid_until, terms_days, terms_eom,
	delivery_terms, notes, owner, currency, net_minor, vat_minor, gross_minor, line_count, created_at, updated_at`

// quoteValues are a quote header's values; its totals and line count are its lines'.
func quoteValues(q *domain.Quote) []any {
	t := q.Totals()
	return []any{q.Number, string(q.Status), int64(q.AccountID), nullID(int64(q.ContactID)), q.Date.String(), q.ValidUntil.String(),
		q.PaymentTerms.Days, boolInt(q.PaymentTerms.EOM), q.DeliveryTerms, q.Notes, q.Owner, q.Currency,
		int64(t.Net), int64(t.VAT), int64(t.Gross), len(q.Lines), moment(q.CreatedAt), moment(q.UpdatedAt)}
}

// quoteRevisionColumns are the columns of an earlier revision kept beside the quote.
const quoteRevisionColumns = `quote_id, revision, status, account_id, currency, contact_id, quoted_on, valid_until, terms_days,
	terms_eom, delivery_terms, notes, owner, net_minor, vat_minor, gross_minor, line_count, saved_at`

// UpdateQuote saves a draft in place, or a sent quote as a new draft revision
// with the sent one kept readable.
func (s *QuoteService) UpdateQuote(ctx context.Context, id domain.QuoteID, upd domain.QuoteUpdate) (*domain.Quote, error) {
	f := upd.QuoteFields
	var out *domain.Quote
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkQuoteVersion(ctx, tx, id, upd.Version); err != nil {
			return err
		}
		var status domain.QuoteStatus
		var revision int
		if err := tx.QueryRowContext(ctx, `SELECT status, revision FROM quotes WHERE id = ?`, int64(id)).Scan(&status, &revision); err != nil {
			return err
		}
		if !status.Open() {
			return domain.Errorf(domain.EInvalid, "quote.closed", "a {{.Status}} quote cannot be edited; duplicate it instead",
				map[string]any{"Status": string(status)})
		}
		acct, err := prepareQuote(ctx, tx, &f)
		if err != nil {
			return err
		}
		now := moment(s.db.now())
		if status == domain.QuoteSent {
			// The sent revision stays as the customer saw it; the edit is a new draft revision.
			if _, err := tx.ExecContext(ctx, `INSERT INTO quote_revisions (`+quoteRevisionColumns+`)
				SELECT id, revision, status, account_id, currency, contact_id, quoted_on, valid_until, terms_days, terms_eom,
				delivery_terms, notes, owner, net_minor, vat_minor, gross_minor, line_count, ? FROM quotes WHERE id = ?`,
				now, int64(id)); err != nil {
				return err
			}
			revision++
		} else if _, err := tx.ExecContext(ctx, `DELETE FROM quote_lines WHERE quote_id = ? AND revision = ?`, int64(id), revision); err != nil {
			return err
		}
		t := f.Totals()
		if _, err := tx.ExecContext(ctx, `UPDATE quotes SET revision = ?, status = 'draft', account_id = ?, contact_id = ?,
			quoted_on = ?, valid_until = ?, terms_days = ?, terms_eom = ?, delivery_terms = ?, notes = ?, owner = ?, currency = ?,
			net_minor = ?, vat_minor = ?, gross_minor = ?, line_count = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			revision, int64(acct.id), nullID(int64(f.ContactID)), f.Date.String(), f.ValidUntil.String(), f.PaymentTerms.Days,
			boolInt(f.PaymentTerms.EOM), f.DeliveryTerms, f.Notes, f.Owner, acct.currency, int64(t.Net), int64(t.VAT),
			int64(t.Gross), len(f.Lines), now, int64(id)); err != nil {
			return err
		}
		if err := writeLines(ctx, tx, "quote_lines", "quote_id, revision", []any{int64(id), revision}, f.Lines); err != nil {
			return err
		}
		out, err = findQuote(ctx, tx, id)
		return err
	})
	return out, err
}

func checkQuoteVersion(ctx context.Context, tx *sql.Tx, id domain.QuoteID, version int64) error {
	err := checkVersion(ctx, tx, "quotes", int64(id), version)
	if domain.ErrorCode(err) == domain.ENotFound {
		return quoteNotFound()
	}
	return err
}

// SetQuoteStatus moves a quote along its lifecycle.
func (s *QuoteService) SetQuoteStatus(ctx context.Context, id domain.QuoteID, version int64, status domain.QuoteStatus) (*domain.Quote, error) {
	var out *domain.Quote
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkQuoteVersion(ctx, tx, id, version); err != nil {
			return err
		}
		q, err := findQuote(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := q.Transition(status, s.db.today()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE quotes SET status = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			string(status), moment(s.db.now()), int64(id)); err != nil {
			return err
		}
		out, err = findQuote(ctx, tx, id)
		return err
	})
	return out, err
}

// DuplicateQuote copies a quote for another account, unsaved, with every price
// re-resolved for that account on the day: the account's payment terms and
// owner, the original's delivery terms, notes and lines, no contact.
func (s *QuoteService) DuplicateQuote(ctx context.Context, id domain.QuoteID, account domain.AccountID, on domain.Date) (*domain.QuoteFields, []domain.PriceChange, error) {
	q, err := s.FindQuoteByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	a, err := findAccount(ctx, s.db.r, `a.id = ?`, int64(account))
	if err != nil {
		return nil, nil, err
	}
	set, err := findDocumentSettings(ctx, s.db.r)
	if err != nil {
		return nil, nil, err
	}
	f := domain.NewQuoteFields(a, on, set.QuoteValidDays)
	f.DeliveryTerms, f.Notes = q.DeliveryTerms, q.Notes
	f.Lines = append([]domain.DocumentLine(nil), q.Lines...)
	changes, err := reresolve(ctx, s.prices, account, on, f.Lines)
	if err != nil {
		return nil, nil, err
	}
	return &f, changes, nil
}

// reresolve prices lines afresh for an account on a day (manual prices dropped).
func reresolve(ctx context.Context, prices *PriceService, account domain.AccountID, on domain.Date, lines []domain.DocumentLine) ([]domain.PriceChange, error) {
	if len(lines) == 0 {
		return nil, nil
	}
	res, err := prices.Reprice(ctx, account, on, domain.PriceLines(lines))
	if err != nil {
		return nil, err
	}
	return domain.ReresolvePrices(lines, res), nil
}

// ConvertQuote makes a draft order of an accepted quote with its prices,
// dated today and delivered to the account's shipping address.
func (s *QuoteService) ConvertQuote(ctx context.Context, id domain.QuoteID, version int64) (*domain.Order, error) {
	var out *domain.Order
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkQuoteVersion(ctx, tx, id, version); err != nil {
			return err
		}
		q, err := findQuote(ctx, tx, id)
		if err != nil {
			return err
		}
		if q.OrderID != 0 {
			return domain.Errorf(domain.EConflict, "quote.converted", "the quote is already an order", nil)
		}
		if q.Status != domain.QuoteAccepted {
			return domain.Errorf(domain.EInvalid, "quote.convert_not_accepted", "only an accepted quote becomes an order; this one is {{.Status}}",
				map[string]any{"Status": string(q.Status)})
		}
		a, err := findAccount(ctx, tx, `a.id = ?`, int64(q.AccountID))
		if err != nil {
			return err
		}
		today := s.db.today()
		if today.Before(q.Date) {
			today = q.Date
		}
		f := domain.NewOrderFields(a, today)
		f.ContactID, f.PaymentTerms, f.Notes, f.Owner, f.Lines = q.ContactID, q.PaymentTerms, q.Notes, q.Owner, q.Lines
		oid, err := insertOrder(ctx, tx, &f, orderState{status: domain.OrderDraft, quote: id}, s.db.now())
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE quotes SET order_id = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			int64(oid), moment(s.db.now()), int64(id)); err != nil {
			return err
		}
		out, err = findOrder(ctx, tx, `o.id = ?`, int64(oid))
		return err
	})
	return out, err
}

// DeleteQuote removes a draft that was never sent (revision 1).
func (s *QuoteService) DeleteQuote(ctx context.Context, id domain.QuoteID) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var status domain.QuoteStatus
		var revision int
		err := tx.QueryRowContext(ctx, `SELECT status, revision FROM quotes WHERE id = ?`, int64(id)).Scan(&status, &revision)
		if err == sql.ErrNoRows {
			return quoteNotFound()
		}
		if err != nil {
			return err
		}
		if status != domain.QuoteDraft || revision > 1 {
			return domain.Errorf(domain.EInvalid, "quote.delete_sent", "only a draft never sent can be deleted; reject it instead", nil)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM quotes WHERE id = ?`, int64(id))
		return err
	})
}
