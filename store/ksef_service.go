package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"kontor/domain"
	"kontor/store/ksef"
)

// KSeFService implements domain.KSeFService over ksef_files and the settings
// table (keys "ksef.<field>").
type KSeFService struct{ db *DB }

// NewKSeFService returns the KSeF service over db.
func NewKSeFService(db *DB) *KSeFService { return &KSeFService{db: db} }

var _ domain.KSeFService = (*KSeFService)(nil)

// FindKSeFSettings reads the KSeF settings; the defaults when never saved.
func (s *KSeFService) FindKSeFSettings(ctx context.Context) (*domain.KSeFSettings, error) {
	return findKSeFSettings(ctx, s.db.r)
}

// SaveKSeFSettings validates and saves the settings and builds the files that
// could not be built before (a missing exemption basis, for one).
func (s *KSeFService) SaveKSeFSettings(ctx context.Context, k domain.KSeFSettings) (*domain.KSeFSettings, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	values := map[string]string{domain.FieldKSeFEnvironment: string(k.Environment), domain.FieldKSeFStart: k.Start.String(),
		domain.FieldExemptionBasis: k.ExemptionBasis, domain.FieldPlaceOfIssue: k.PlaceOfIssue}
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		for _, f := range domain.KSeFFieldOrder {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, ksefKeyPrefix+f, values[f]); err != nil {
				return err
			}
		}
		return rebuildBlocked(ctx, tx, 0, s.db.now())
	})
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// standingColumns read an invoice's standing: the invoice, then its file's row (all NULL without one).
const standingColumns = `i.id, i.kind, i.number, i.issued_on, f.status, f.xml, coalesce(f.sha256, ''), coalesce(f.seller_nip, ''),
	coalesce(f.reasons, ''), f.built_at, f.ksef_number, f.assigned_at`

const standingFrom = ` FROM invoices i LEFT JOIN ksef_files f ON f.invoice_id = i.id `

// scanStanding reads a row of standingColumns. Without a file's row, an
// invoice is not for KSeF before the start date and pending from it.
func scanStanding(sc interface{ Scan(...any) error }, k *domain.KSeFSettings) (*domain.InvoiceKSeF, error) {
	var st domain.InvoiceKSeF
	var reasons string
	var status, number sql.NullString
	if err := sc.Scan(&st.Invoice, &st.Kind, &st.Number, onDate(&st.Date), &status, &st.XML, &st.Hash, &st.SellerNIP, &reasons,
		atTime(&st.BuiltAt), &number, atTime(&st.AssignedAt)); err != nil {
		return nil, err
	}
	switch {
	case status.Valid:
		st.Status = domain.KSeFStatus(status.String)
	case st.Date.Before(k.Start):
		st.Status = domain.KSeFNotFor
	default:
		st.Status = domain.KSeFPending
	}
	if reasons != "" {
		var rs []reasonJSON
		if err := json.Unmarshal([]byte(reasons), &rs); err != nil {
			return nil, err
		}
		for _, r := range rs {
			st.Reasons = append(st.Reasons, domain.KSeFReason{Code: r.Code, Key: r.Key, Msg: r.Msg, Args: r.Args})
		}
	}
	st.KSeFNumber = number.String
	if st.XML != nil {
		st.Link = ksef.Link(k.Environment, st.SellerNIP, st.Date, st.XML)
	}
	return &st, nil
}

// InvoiceKSeF returns an invoice's standing; a pending file is built first.
func (s *KSeFService) InvoiceKSeF(ctx context.Context, id domain.InvoiceID) (*domain.InvoiceKSeF, error) {
	return s.standing(ctx, `i.id = ?`, int64(id))
}

// InvoiceKSeFByNumber is InvoiceKSeF for the invoice or credit note with this number (any case).
func (s *KSeFService) InvoiceKSeFByNumber(ctx context.Context, number string) (*domain.InvoiceKSeF, error) {
	return s.standing(ctx, `i.number = ?`, strings.TrimSpace(number))
}

func (s *KSeFService) standing(ctx context.Context, where string, arg any) (*domain.InvoiceKSeF, error) {
	read := func() (st *domain.InvoiceKSeF, err error) {
		err = s.db.read(ctx, func(tx *sql.Tx) error {
			k, err := findKSeFSettings(ctx, tx)
			if err != nil {
				return err
			}
			st, err = scanStanding(tx.QueryRowContext(ctx, `SELECT `+standingColumns+standingFrom+`WHERE `+where, arg), k)
			if err == sql.ErrNoRows {
				return invoiceNotFound()
			}
			return err
		})
		return st, err
	}
	st, err := read()
	if err != nil || st.Status != domain.KSeFPending {
		return st, wrap("find KSeF file", err)
	}
	if err := s.db.write(ctx, func(tx *sql.Tx) error {
		b, err := newKSeFBuilder(ctx, tx, s.db.now())
		if err != nil {
			return err
		}
		defer b.close()
		return b.buildIDs(ctx, []int64{int64(st.Invoice)})
	}); err != nil {
		return nil, wrap("build KSeF file", err)
	}
	st, err = read()
	return st, wrap("find KSeF file", err)
}

// InvoicesKSeF returns the statuses of the invoices given, building nothing.
func (s *KSeFService) InvoicesKSeF(ctx context.Context, ids []domain.InvoiceID) (map[domain.InvoiceID]domain.KSeFStatus, error) {
	out := make(map[domain.InvoiceID]domain.KSeFStatus, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		k, err := findKSeFSettings(ctx, tx)
		if err != nil {
			return err
		}
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = int64(id)
		}
		return EachRow(ctx, tx, `SELECT i.id, i.issued_on, f.status`+standingFrom+`WHERE i.id IN (`+placeholders(len(ids))+`)`,
			func(rows *sql.Rows) error {
				var id int64
				var issued domain.Date
				var status sql.NullString
				if err := rows.Scan(&id, onDate(&issued), &status); err != nil {
					return err
				}
				switch {
				case status.Valid:
					out[domain.InvoiceID(id)] = domain.KSeFStatus(status.String)
				case issued.Before(k.Start):
					out[domain.InvoiceID(id)] = domain.KSeFNotFor
				default:
					out[domain.InvoiceID(id)] = domain.KSeFPending
				}
				return nil
			}, args...)
	})
	return out, wrap("find KSeF statuses", err)
}

// KSeFCounts counts the invoices and credit notes in each status. Late are
// those dated from the start date and not yet in KSeF (waiting, pending or
// unbuildable) past the offline24 deadline on today.
func (s *KSeFService) KSeFCounts(ctx context.Context, today domain.Date) (domain.KSeFCounts, error) {
	var c domain.KSeFCounts
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		k, err := findKSeFSettings(ctx, tx)
		if err != nil {
			return err
		}
		if err := EachRow(ctx, tx, `SELECT status, count(*) FROM ksef_files GROUP BY status`, func(rows *sql.Rows) error {
			var status string
			var n int
			if err := rows.Scan(&status, &n); err != nil {
				return err
			}
			switch domain.KSeFStatus(status) {
			case domain.KSeFWaiting:
				c.Waiting = n
			case domain.KSeFSent:
				c.Sent = n
			case domain.KSeFCannotBuild:
				c.CannotBuild = n
			}
			return nil
		}); err != nil {
			return err
		}
		start := k.Start.String()
		if err := tx.QueryRowContext(ctx, `SELECT
				count(*) FILTER (WHERE i.issued_on < ?1),
				count(*) FILTER (WHERE i.issued_on >= ?1)
			FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM ksef_files f WHERE f.invoice_id = i.id)`, start).Scan(&c.NotForKSeF, &c.Pending); err != nil {
			return err
		}
		// Only days up to the deadline's reach matter: from the start date, grouped by day.
		return EachRow(ctx, tx, `SELECT i.issued_on, count(*) FROM invoices i LEFT JOIN ksef_files f ON f.invoice_id = i.id
			WHERE i.issued_on >= ? AND (f.status IS NULL OR f.status <> 'sent') GROUP BY i.issued_on`, func(rows *sql.Rows) error {
			var day domain.Date
			var n int
			if err := rows.Scan(onDate(&day), &n); err != nil {
				return err
			}
			if domain.KSeFLate(day, today) {
				c.Late += n
			}
			return nil
		}, start)
	})
	return c, wrap("count KSeF statuses", err)
}

// KSeFScope chooses the invoices of an export: a month's, one number's or
// every waiting one.
type KSeFScope struct {
	Month   domain.Month
	Number  string
	Waiting bool
}

// BuildPending builds the files never built of the invoices in scope (every
// one when scope is zero), a few hundred per transaction so that saves are
// never held up long. progress, when set, hears how many of how many.
func (s *KSeFService) BuildPending(ctx context.Context, scope KSeFScope, progress func(done, total int)) (int, error) {
	where, args := scopeWhere(scope)
	var ids []int64
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		k, err := findKSeFSettings(ctx, tx)
		if err != nil {
			return err
		}
		ids, err = idList(ctx, tx, `SELECT i.id`+standingFrom+`WHERE f.invoice_id IS NULL AND i.issued_on >= ?`+where+
			` ORDER BY i.issued_on, i.id`, append([]any{k.Start.String()}, args...)...)
		return err
	})
	if err != nil {
		return 0, wrap("find pending KSeF files", err)
	}
	const chunk = 250
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		if err := s.db.write(ctx, func(tx *sql.Tx) error {
			b, err := newKSeFBuilder(ctx, tx, s.db.now())
			if err != nil {
				return err
			}
			defer b.close()
			return b.buildIDs(ctx, part)
		}); err != nil {
			return start, wrap("build KSeF files", err)
		}
		if progress != nil {
			progress(start+len(part), len(ids))
		}
	}
	return len(ids), nil
}

// scopeWhere is the condition of a scope over standingFrom's i and f, after a first condition.
func scopeWhere(scope KSeFScope) (string, []any) {
	var where []string
	var args []any
	if !scope.Month.IsZero() {
		where, args = append(where, `i.issued_on BETWEEN ? AND ?`), append(args, scope.Month.First().String(), scope.Month.Last().String())
	}
	if scope.Number != "" {
		where, args = append(where, `i.number = ?`), append(args, strings.TrimSpace(scope.Number))
	}
	if scope.Waiting {
		where = append(where, `f.status = 'waiting'`)
	}
	if len(where) == 0 {
		return "", nil
	}
	return ` AND ` + strings.Join(where, ` AND `), args
}

// ExportKSeF calls fn with the standing of every invoice and credit note in
// scope, in date and number order, after building the pending files among them.
// Those without a file (not for KSeF, cannot be built) come too, for the
// caller to report.
func (s *KSeFService) ExportKSeF(ctx context.Context, scope KSeFScope, fn func(*domain.InvoiceKSeF) error) error {
	if !scope.Waiting { // a waiting file is built already
		if _, err := s.BuildPending(ctx, scope, nil); err != nil {
			return err
		}
	}
	where, args := scopeWhere(scope)
	return wrap("export KSeF files", s.db.read(ctx, func(tx *sql.Tx) error {
		k, err := findKSeFSettings(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+standingColumns+standingFrom+`WHERE 1`+where+` ORDER BY i.issued_on, i.number`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			st, err := scanStanding(rows, k)
			if err != nil {
				return err
			}
			if err := fn(st); err != nil {
				return err
			}
		}
		return rows.Err()
	}))
}
