package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"kontor/domain"
)

// CollectionsService implements domain.CollectionsService.
type CollectionsService struct {
	db *DB
	// fixedEUR, when set, stands in for the NBP table: kontorctl bench
	// measures notes on a file that has no rates, and must not add any.
	fixedEUR *domain.NBPRate
}

// WithFixedEUR returns the service answering every EUR rate with rate, for
// measuring notes on a file without NBP rates (kontorctl bench).
func (s *CollectionsService) WithFixedEUR(rate decimal.Decimal) *CollectionsService {
	return &CollectionsService{db: s.db, fixedEUR: &domain.NBPRate{Table: "A", Code: "EUR", Mid: rate}}
}

// NewCollectionsService returns the collections service over db.
func NewCollectionsService(db *DB) *CollectionsService { return &CollectionsService{db: db} }

var _ domain.CollectionsService = (*CollectionsService)(nil)

func (s *CollectionsService) today() domain.Date { return domain.DateOf(s.db.now()) }

// e8 converts an exact rate to its stored ×10⁸ integer.
func e8(d decimal.Decimal) int64 { return d.Shift(8).Round(0).IntPart() }

func fromE8(v int64) decimal.Decimal { return decimal.New(v, -8) }

// ImportNBPRates stores the rates in one transaction; a table's rate for a
// currency and day already stored is replaced (NBP corrects a table now and
// then). A rate of more than 8 decimals never reaches here (ParseNBP).
func (s *CollectionsService) ImportNBPRates(ctx context.Context, rates []domain.NBPRate) (int, int, error) {
	if len(rates) == 0 {
		return 0, 0, domain.Errorf(domain.EInvalid, "nbp.empty", "no rates to import", nil)
	}
	tables := map[string]bool{}
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO nbp_rates (code, effective_on, table_no, mid_e8) VALUES (?, ?, ?, ?)
			ON CONFLICT (code, effective_on) DO UPDATE SET table_no = excluded.table_no, mid_e8 = excluded.mid_e8`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, r := range rates {
			if len(r.Code) != 3 || r.Effective.IsZero() || !r.Mid.IsPositive() {
				return domain.Errorf(domain.EInvalid, "nbp.rate_invalid", "a rate of {{.Code}} on {{.Date}} is not valid",
					map[string]any{"Code": r.Code, "Date": r.Effective.String()})
			}
			if _, err := st.ExecContext(ctx, r.Code, r.Effective.String(), r.No, e8(r.Mid)); err != nil {
				return err
			}
			tables[r.Effective.String()] = true
		}
		return nil
	})
	if err != nil {
		return 0, 0, wrap("import NBP rates", err)
	}
	return len(tables), len(rates), nil
}

// NBPRate returns the code's rate of the last table on or before day, if
// that table is at most domain.NBPGraceDays older.
func (s *CollectionsService) NBPRate(ctx context.Context, code string, day domain.Date) (domain.NBPRate, error) {
	return nbpRate(ctx, s.db.r, code, day)
}

func nbpRate(ctx context.Context, q queryer, code string, day domain.Date) (domain.NBPRate, error) {
	var on domain.Date
	var no string
	var mid int64
	err := q.QueryRowContext(ctx, `SELECT effective_on, table_no, mid_e8 FROM nbp_rates
		WHERE code = ? AND effective_on <= ? AND effective_on >= ? ORDER BY effective_on DESC LIMIT 1`,
		code, day.String(), day.AddDays(-domain.NBPGraceDays).String()).Scan(onDate(&on), &no, &mid)
	if err == sql.ErrNoRows {
		return domain.NBPRate{}, domain.ErrNoNBPRate(code, day)
	}
	if err != nil {
		return domain.NBPRate{}, wrap("read NBP rate", err)
	}
	return domain.NBPRate{Table: "A", No: no, Effective: on, Code: code, Mid: fromE8(mid)}, nil
}

// InterestRates returns domain.StatutoryRates with the user's periods.
func (s *CollectionsService) InterestRates(ctx context.Context) (domain.RateTable, error) {
	return interestRates(ctx, s.db.r)
}

func interestRates(ctx context.Context, q queryer) (domain.RateTable, error) {
	var added []domain.RatePeriod
	err := EachRow(ctx, q, `SELECT from_on, to_on, rate_e4 FROM interest_rates ORDER BY from_on`, func(rows *sql.Rows) error {
		var p domain.RatePeriod
		var rate int64
		if err := rows.Scan(onDate(&p.From), onDate(&p.To), &rate); err != nil {
			return err
		}
		p.Rate = decimal.New(rate, -4)
		added = append(added, p)
		return nil
	})
	if err != nil {
		return nil, wrap("read interest rates", err)
	}
	return domain.StatutoryRates.WithPeriods(added), nil
}

// AddInterestRate adds a user's period; the table with it must have no gap
// and no overlap.
func (s *CollectionsService) AddInterestRate(ctx context.Context, p domain.RatePeriod) error {
	if !p.Rate.Equal(p.Rate.Round(4)) {
		return domain.Errorf(domain.EInvalid, "interest.rate_precise", "a rate has at most 4 decimal places", nil)
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		t, err := interestRates(ctx, tx)
		if err != nil {
			return err
		}
		if err := t.WithPeriods([]domain.RatePeriod{p}).Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO interest_rates (from_on, to_on, rate_e4) VALUES (?, ?, ?)`,
			p.From.String(), p.To.String(), p.Rate.Shift(4).IntPart())
		return err
	})
}

// DeleteInterestRate removes the user's period starting on from; what is
// left must still have no gap (only the last period can go).
func (s *CollectionsService) DeleteInterestRate(ctx context.Context, from domain.Date) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM interest_rates WHERE from_on = ?`, from.String())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.ENotFound, "interest.period_not_found", "no added rate period starts on {{.Date}}",
				map[string]any{"Date": from.String()})
		}
		t, err := interestRates(ctx, tx)
		if err != nil {
			return err
		}
		return t.Validate()
	})
}

// InterestNote computes the account's note as of on (today or earlier),
// leaving out the invoices already claimed on an earlier note.
func (s *CollectionsService) InterestNote(ctx context.Context, id domain.AccountID, on domain.Date) (*domain.InterestNote, error) {
	if err := s.checkNotFuture(on); err != nil {
		return nil, err
	}
	var out *domain.InterestNote
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		a, err := findAccount(ctx, tx, `a.id = ?`, int64(id))
		if err != nil {
			return err
		}
		out, err = interestNote(ctx, tx, a, on, s.fixedEUR)
		return err
	})
	return out, wrap("interest note", err)
}

func (s *CollectionsService) checkNotFuture(on domain.Date) error {
	if on.IsZero() {
		return domain.Errorf(domain.EInvalid, "date.required", "choose a date", nil)
	}
	if today := s.today(); today.Before(on) {
		return domain.Errorf(domain.EInvalid, "collections.future_date", "{{.Date}} is after today ({{.Today}})",
			map[string]any{"Date": on.String(), "Today": today.String()})
	}
	return nil
}

func interestNote(ctx context.Context, q queryer, a *domain.Account, on domain.Date, fixed *domain.NBPRate) (*domain.InterestNote, error) {
	l, err := readLedger(ctx, q, a.ID, on)
	if err != nil {
		return nil, err
	}
	rates, err := interestRates(ctx, q)
	if err != nil {
		return nil, err
	}
	skip := map[domain.InvoiceID]bool{}
	if err := EachRow(ctx, q, `SELECT invoice_id FROM interest_claims WHERE account_id = ?`, func(rows *sql.Rows) error {
		var id domain.InvoiceID
		err := rows.Scan(&id)
		skip[id] = true
		return err
	}, int64(a.ID)); err != nil {
		return nil, err
	}
	cache := map[domain.Date]domain.NBPRate{}
	eur := func(day domain.Date) (decimal.Decimal, domain.Date, error) {
		if fixed != nil {
			return fixed.Mid, day, nil
		}
		r, ok := cache[day]
		if !ok {
			var err error
			if r, err = nbpRate(ctx, q, "EUR", day); err != nil {
				return decimal.Zero, domain.Date{}, err
			}
			cache[day] = r
		}
		return r.Mid, r.Effective, nil
	}
	return domain.BuildInterestNote(a, l.Ledger, on, rates, eur, skip)
}

// RecordInterestNote marks the note's invoices as claimed (a later note
// leaves them out) and logs the note on the account's history, at once.
func (s *CollectionsService) RecordInterestNote(ctx context.Context, n *domain.InterestNote, log domain.DocumentLog) error {
	if n == nil || n.Account == nil {
		return domain.Errorf(domain.EInvalid, "interest.note_missing", "no interest note to record", nil)
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		for _, inv := range n.Invoices {
			if _, err := tx.ExecContext(ctx, `INSERT INTO interest_claims (invoice_id, account_id, noted_on, interest_minor,
				compensation_minor, created_at) VALUES (?, ?, ?, ?, ?, ?)`, int64(inv.Invoice), int64(n.Account.ID), n.Date.String(),
				int64(inv.Interest), int64(inv.CompensationPLN), moment(now)); err != nil {
				return err
			}
		}
		log.Account = n.Account.ID
		_, err := logDocument(ctx, tx, now, log)
		return err
	})
}

// LogDocument puts a document sent or printed on the account's history.
func (s *CollectionsService) LogDocument(ctx context.Context, log domain.DocumentLog) error {
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		_, err := logDocument(ctx, tx, now, log)
		return err
	})
}

// documentWords are the history entry's words, in the document's language.
var documentWords = map[domain.Locale]map[string]string{
	domain.Polish:  {"printed": "wydrukowano", "sent": "wysłano e-mailem", "file": "Plik", "amount": "Kwota"},
	domain.English: {"printed": "printed", "sent": "sent by e-mail", "file": "File", "amount": "Amount"},
}

// logDocument adds an activity of kind document: the title and how it went
// out as the subject, the file and the amount in its notes.
func logDocument(ctx context.Context, tx *sql.Tx, now time.Time, log domain.DocumentLog) (int64, error) {
	if log.Lang != domain.English {
		log.Lang = domain.Polish
	}
	w := documentWords[log.Lang]
	how := w["printed"]
	if log.Sent {
		how = w["sent"]
	}
	f := domain.ActivityFields{AccountID: log.Account, Kind: domain.KindDocument, OccurredAt: now.Truncate(time.Minute),
		Subject: truncateRunes(log.Title+" — "+how, 200)}
	var notes []string
	if log.File != "" {
		notes = append(notes, w["file"]+": "+log.File)
	}
	if log.Amount != 0 {
		notes = append(notes, w["amount"]+": "+log.Lang.FormatDecimal(log.Amount.Decimal(), domain.AmountPlaces))
	}
	f.Notes = strings.Join(notes, "\n")
	return insertActivity(ctx, tx, now, f)
}

// insertActivity validates and adds an activity inside tx.
func insertActivity(ctx context.Context, tx *sql.Tx, now time.Time, f domain.ActivityFields) (int64, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	if err := resolveActivityRefs(ctx, tx, &f); err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, insertActivitySQL, append(activityArgs(&f), moment(now), moment(now))...)
	if err != nil {
		return 0, err
	}
	if err := addHistoryWords(ctx, tx, historyWords(f.Subject, f.Notes)); err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

const reminderSettingsKey = "collections.reminders"

// ReminderSettings reads the levels; the defaults until a user saves them.
func (s *CollectionsService) ReminderSettings(ctx context.Context) (domain.ReminderSettings, error) {
	return reminderSettings(ctx, s.db.r)
}

func reminderSettings(ctx context.Context, q queryer) (domain.ReminderSettings, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, reminderSettingsKey).Scan(&v)
	if err == sql.ErrNoRows {
		return domain.DefaultReminderSettings(), nil
	}
	if err != nil {
		return domain.ReminderSettings{}, wrap("read reminder settings", err)
	}
	var out domain.ReminderSettings
	if err := json.Unmarshal([]byte(v), &out); err != nil || out.Validate() != nil {
		return domain.DefaultReminderSettings(), nil // a file from a newer Kontor: its own settings stay stored
	}
	return out, nil
}

// SaveReminderSettings validates and stores the levels.
func (s *CollectionsService) SaveReminderSettings(ctx context.Context, rs domain.ReminderSettings) error {
	if err := rs.Validate(); err != nil {
		return err
	}
	data, err := json.Marshal(rs)
	if err != nil {
		return fmt.Errorf("reminder settings: %w", err)
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, reminderSettingsKey, string(data))
		return err
	})
}
