package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"kontor/domain"
	"kontor/store/ksef"
)

// This file builds invoices' FA(3) files into ksef_files: at issue, in the
// transaction that issues the invoice; later for an invoice whose file could
// not be built (once what it lacked is filled in) or was never built (pending).
// Issuing never depends on it: a file that cannot be built records why.

const ksefKeyPrefix = "ksef."

// findKSeFSettings reads the KSeF settings; defaults where never saved.
func findKSeFSettings(ctx context.Context, q queryer) (*domain.KSeFSettings, error) {
	s := domain.DefaultKSeFSettings()
	rows, err := q.QueryContext(ctx, `SELECT substr(key, ?), value FROM settings WHERE key BETWEEN ? AND ?`,
		len(ksefKeyPrefix)+1, ksefKeyPrefix, ksefKeyPrefix+"\U0010FFFF")
	if err != nil {
		return nil, wrap("read KSeF settings", err)
	}
	defer rows.Close()
	for rows.Next() {
		var field, value string
		if err := rows.Scan(&field, &value); err != nil {
			return nil, wrap("read KSeF settings", err)
		}
		switch field {
		case domain.FieldKSeFEnvironment:
			if e := domain.KSeFEnvironment(value); e.Valid() {
				s.Environment = e
			}
		case domain.FieldKSeFStart:
			if d, err := domain.ParseDate(value); err == nil && !d.IsZero() {
				s.Start = d
			}
		case domain.FieldExemptionBasis:
			s.ExemptionBasis = value
		case domain.FieldPlaceOfIssue:
			s.PlaceOfIssue = value
		}
	}
	return &s, wrap("read KSeF settings", rows.Err())
}

// ksefBuilder builds files within one write transaction. The seller and the
// settings are read once; buyers and the Annex 15 flags of products are kept
// as they are read (an orders import issues thousands of invoices).
type ksefBuilder struct {
	tx       *sql.Tx
	now      time.Time
	company  *domain.CompanySettings
	settings *domain.KSeFSettings
	accounts map[domain.AccountID]*domain.Account
	annex    map[domain.ProductID]bool // the Annex 15 products: few, read once
	buyerSt  *sql.Stmt
	upsert   *sql.Stmt
}

func newKSeFBuilder(ctx context.Context, tx *sql.Tx, now time.Time) (*ksefBuilder, error) {
	b := &ksefBuilder{tx: tx, now: now, accounts: map[domain.AccountID]*domain.Account{}}
	var err error
	if b.company, err = findCompany(ctx, tx); err != nil {
		return nil, err
	}
	if b.settings, err = findKSeFSettings(ctx, tx); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *ksefBuilder) close() {
	for _, st := range []*sql.Stmt{b.buyerSt, b.upsert} {
		if st != nil {
			st.Close()
		}
	}
}

// build builds inv's file and records it, or records why it cannot be built.
// An invoice dated before the KSeF start date gets no row: it is not for KSeF.
func (b *ksefBuilder) build(ctx context.Context, inv *domain.Invoice) error {
	if inv.Date.Before(b.settings.Start) {
		return nil
	}
	if b.annex == nil {
		// A product deleted since (invoice lines keep no foreign key) is not Annex 15 goods.
		b.annex = map[domain.ProductID]bool{}
		if err := EachRow(ctx, b.tx, `SELECT id FROM products WHERE annex15 = 1`, func(rows *sql.Rows) error {
			var id domain.ProductID
			err := rows.Scan(&id)
			b.annex[id] = true
			return err
		}); err != nil {
			return err
		}
	}
	in := ksef.Input{Invoice: inv, Seller: *b.company, Settings: *b.settings, Created: b.now, Annex15: b.annex}
	var err error
	if in.Buyer, err = b.account(ctx, inv.AccountID); err != nil {
		return err
	}
	if inv.Kind == domain.KindCreditNote {
		if in.Original, err = b.original(ctx, inv.Corrects); err != nil {
			return err
		}
	}
	file, err := ksef.Build(in)
	if reasons, ok := ksef.Reasons(err); ok {
		return b.record(ctx, inv.ID, nil, "", reasons)
	}
	if err != nil {
		return err
	}
	nip, _ := domain.NormalizeNIP(b.company.TaxID)
	return b.record(ctx, inv.ID, file, nip, nil)
}

// reasonJSON is a reason as ksef_files.reasons keeps it.
type reasonJSON struct {
	Code string         `json:"code"`
	Key  string         `json:"key"`
	Msg  string         `json:"msg"`
	Args map[string]any `json:"args,omitempty"`
}

func (b *ksefBuilder) record(ctx context.Context, id domain.InvoiceID, file []byte, nip string, reasons []domain.KSeFReason) error {
	if b.upsert == nil {
		var err error
		// Only a file not built yet is written: a built one is never replaced.
		b.upsert, err = b.tx.PrepareContext(ctx, `INSERT INTO ksef_files (invoice_id, status, xml, sha256, seller_nip, reasons, built_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (invoice_id) DO UPDATE SET status = excluded.status, xml = excluded.xml, sha256 = excluded.sha256,
				seller_nip = excluded.seller_nip, reasons = excluded.reasons, built_at = excluded.built_at
			WHERE ksef_files.status = 'cannot_build'`)
		if err != nil {
			return err
		}
	}
	if file == nil {
		rs := make([]reasonJSON, len(reasons))
		for i, r := range reasons {
			rs[i] = reasonJSON{Code: r.Code, Key: r.Key, Msg: r.Msg, Args: r.Args}
		}
		text, err := json.Marshal(rs)
		if err != nil {
			return err
		}
		_, err = b.upsert.ExecContext(ctx, int64(id), string(domain.KSeFCannotBuild), nil, "", "", string(text), nil)
		return err
	}
	_, err := b.upsert.ExecContext(ctx, int64(id), string(domain.KSeFWaiting), file, ksef.Hash(file), nip, "", moment(b.now))
	return err
}

// account reads what a file says of the buyer (a statement prepared once;
// each buyer read once).
func (b *ksefBuilder) account(ctx context.Context, id domain.AccountID) (*domain.Account, error) {
	if a, ok := b.accounts[id]; ok {
		return a, nil
	}
	if b.buyerSt == nil {
		var err error
		if b.buyerSt, err = b.tx.PrepareContext(ctx, `SELECT code, name, tax_id, street, postal_code, city, country
			FROM accounts WHERE id = ?`); err != nil {
			return nil, err
		}
	}
	a := &domain.Account{ID: id}
	f := &a.AccountFields
	if err := b.buyerSt.QueryRowContext(ctx, int64(id)).Scan(&f.Code, &f.Name, &f.TaxID, &f.Street, &f.PostalCode, &f.City,
		&f.Country); err != nil {
		return nil, err
	}
	b.accounts[id] = a
	return a, nil
}

// original is what a credit note's file says of the invoice it corrects: its
// KSeF number once recorded; issued outside KSeF when dated before the start.
func (b *ksefBuilder) original(ctx context.Context, id domain.InvoiceID) (*ksef.Original, error) {
	var o ksef.Original
	var number sql.NullString
	err := b.tx.QueryRowContext(ctx, `SELECT i.number, i.issued_on, i.gross_minor, f.ksef_number
		FROM invoices i LEFT JOIN ksef_files f ON f.invoice_id = i.id WHERE i.id = ?`, int64(id)).Scan(&o.Number, onDate(&o.Date), &o.Gross, &number)
	if err != nil {
		return nil, err
	}
	o.KSeFNumber = number.String
	o.OutsideKSeF = o.Date.Before(b.settings.Start) && o.KSeFNumber == ""
	return &o, nil
}

// buildIDs builds the files of the invoices given (each read with its lines).
func (b *ksefBuilder) buildIDs(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		inv, err := findInvoice(ctx, b.tx, `i.id = ?`, id)
		if err != nil {
			return err
		}
		if err := b.build(ctx, inv); err != nil {
			return err
		}
	}
	return nil
}

// rebuildBlocked builds again the files that could not be built, of one
// account or (0) of every account: after the seller's, a buyer's or the KSeF
// settings change, or an original's KSeF number is recorded.
func rebuildBlocked(ctx context.Context, tx *sql.Tx, account domain.AccountID, now time.Time) error {
	where, args := ``, []any{}
	if account != 0 {
		where, args = ` AND i.account_id = ?`, append(args, int64(account))
	}
	ids, err := idList(ctx, tx, `SELECT f.invoice_id FROM ksef_files f JOIN invoices i ON i.id = f.invoice_id
		WHERE f.status = 'cannot_build'`+where+` ORDER BY i.issued_on, i.id`, args...)
	if err != nil || len(ids) == 0 {
		return err
	}
	b, err := newKSeFBuilder(ctx, tx, now)
	if err != nil {
		return err
	}
	defer b.close()
	return b.buildIDs(ctx, ids)
}

// rebuildCorrections builds again the credit notes of an invoice that waited
// for its KSeF number.
func rebuildCorrections(ctx context.Context, tx *sql.Tx, b *ksefBuilder, orig int64) error {
	ids, err := idList(ctx, tx, `SELECT f.invoice_id FROM ksef_files f JOIN invoices i ON i.id = f.invoice_id
		WHERE f.status = 'cannot_build' AND i.corrects_id = ? ORDER BY i.id`, orig)
	if err != nil || len(ids) == 0 {
		return err
	}
	return b.buildIDs(ctx, ids)
}

func idList(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	var ids []int64
	err := EachRow(ctx, q, query, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	}, args...)
	return ids, err
}
