package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"kontor/domain"
)

// AgreementService implements domain.AgreementService.
type AgreementService struct{ db *DB }

// NewAgreementService returns the price agreement service over db.
func NewAgreementService(db *DB) *AgreementService { return &AgreementService{db: db} }

var _ domain.AgreementService = (*AgreementService)(nil)

const agreementColumns = `pa.id, pa.product_id, p.sku, p.name, coalesce(pa.account_id, 0), coalesce(a.code, ''),
	coalesce(pa.group_id, 0), coalesce(g.name, ''), coalesce(a.name, g.name, ''), pa.min_qty_e3, pa.price_e4, pa.discount_e2,
	coalesce(pa.starts_on, ''), coalesce(pa.ends_on, ''), pa.created_by, pa.created_at, pa.ended_by, pa.ended_at,
	coalesce(pa.replaced_by, 0)`

const agreementFrom = ` FROM price_agreements pa JOIN products p ON p.id = pa.product_id
	LEFT JOIN accounts a ON a.id = pa.account_id LEFT JOIN customer_groups g ON g.id = pa.group_id `

func scanAgreement(sc interface{ Scan(...any) error }) (*domain.Agreement, error) {
	var a domain.Agreement
	var price, discount sql.NullInt64
	err := sc.Scan(&a.ID, &a.ProductID, &a.SKU, &a.ProductName, &a.AccountID, &a.AccountCode, &a.GroupID, &a.CustomerGroup,
		&a.TargetName, &a.MinQty, &price, &discount, onDate(&a.ValidFrom), onDate(&a.ValidTo), &a.CreatedBy, atTime(&a.CreatedAt),
		&a.EndedBy, atTime(&a.EndedAt), &a.ReplacedBy)
	if err != nil {
		return nil, err
	}
	a.Price, a.HasPrice = domain.UnitPrice(price.Int64), price.Valid
	a.Discount, a.HasDiscount = domain.Percent(discount.Int64), discount.Valid
	return &a, nil
}

func findAgreement(ctx context.Context, q queryer, id int64) (*domain.Agreement, error) {
	a, err := scanAgreement(q.QueryRowContext(ctx, `SELECT `+agreementColumns+agreementFrom+`WHERE pa.id = ?`, id))
	if err == sql.ErrNoRows {
		return nil, domain.Errorf(domain.ENotFound, "agreement.not_found", "the price agreement no longer exists", nil)
	}
	return a, wrap("find agreement", err)
}

// FindAgreementByID returns one agreement.
func (s *AgreementService) FindAgreementByID(ctx context.Context, id domain.AgreementID) (*domain.Agreement, error) {
	return findAgreement(ctx, s.db.r, int64(id))
}

// FindAgreements lists agreements by SKU, target, tier and start.
func (s *AgreementService) FindAgreements(ctx context.Context, f domain.AgreementFilter) ([]*domain.Agreement, int, error) {
	var conds []string
	var args []any
	if f.AccountID != 0 {
		conds, args = append(conds, "pa.account_id = ?"), append(args, int64(f.AccountID))
	}
	if f.GroupID != 0 {
		conds, args = append(conds, "pa.group_id = ?"), append(args, int64(f.GroupID))
	}
	if f.SKU != "" {
		conds, args = append(conds, "p.sku = ?"), append(args, strings.TrimSpace(f.SKU))
	}
	if !f.On.IsZero() {
		conds = append(conds, "coalesce(pa.starts_on, '') <= ? AND coalesce(pa.ends_on, '9999') >= ?")
		args = append(args, f.On.String(), f.On.String())
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var out []*domain.Agreement
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*)`+agreementFrom+where, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+agreementColumns+agreementFrom+where+
			` ORDER BY p.sku, coalesce(a.code, g.name), pa.min_qty_e3, coalesce(pa.starts_on, ''), pa.id`+pageClause(f.Offset, f.Limit), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAgreement(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, total, wrap("find agreements", err)
}

// agreementRefs are the ids an agreement's fields name.
type agreementRefs struct {
	product int64
	unit    domain.Unit
	account any // int64 or nil
	group   any
}

// resolveAgreementRefs looks up the SKU, account and group an agreement names;
// what does not exist is an EInvalid error on its field, as is a min_qty the
// product's unit cannot express.
func resolveAgreementRefs(ctx context.Context, tx *sql.Tx, f *domain.AgreementFields) (agreementRefs, error) {
	var r agreementRefs
	var fe []domain.FieldError
	err := tx.QueryRowContext(ctx, `SELECT id, unit FROM products WHERE sku = ?`, f.SKU).Scan(&r.product, &r.unit)
	switch {
	case err == sql.ErrNoRows:
		fe = append(fe, domain.FieldError{Field: domain.FieldSKU, Key: "sku.unknown", Msg: "there is no product with SKU {{.Value}}",
			Args: map[string]any{"Value": f.SKU}})
	case err != nil:
		return r, err
	default:
		if err := r.unit.Check(f.MinQty); err != nil {
			e, _ := domain.AsError(err)
			fe = append(fe, domain.FieldError{Field: domain.FieldMinQty, Key: e.Key, Msg: e.Msg, Args: e.Args})
		}
	}
	if f.AccountCode != "" {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM accounts WHERE code = ?`, f.AccountCode).Scan(&id)
		switch {
		case err == sql.ErrNoRows:
			fe = append(fe, domain.FieldError{Field: domain.FieldAccountCode, Key: "account.unknown",
				Msg: "there is no account with code {{.Value}}", Args: map[string]any{"Value": f.AccountCode}})
		case err != nil:
			return r, err
		default:
			r.account = id
		}
	}
	if f.CustomerGroup != "" {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM customer_groups WHERE name = ?`, f.CustomerGroup).Scan(&id)
		switch {
		case err == sql.ErrNoRows:
			fe = append(fe, domain.FieldError{Field: domain.FieldCustomerGroup, Key: "group.unknown",
				Msg: "there is no customer group {{.Value}}", Args: map[string]any{"Value": f.CustomerGroup}})
		case err != nil:
			return r, err
		default:
			r.group = id
		}
	}
	if len(fe) > 0 {
		return r, &domain.Error{Code: domain.EInvalid, Key: "agreement.invalid", Msg: "the price agreement is not valid", Fields: fe}
	}
	return r, nil
}

// agreementInsertColumns are the columns agreementInsertArgs fills.
const agreementInsertColumns = `product_id, account_id, group_id, min_qty_e3, price_e4, discount_e2, starts_on, ends_on,
	created_by, created_at`

var insertAgreementSQL = insertSQL("price_agreements", agreementInsertColumns, 1)

func agreementInsertArgs(f *domain.AgreementFields, r agreementRefs, by, now string) []any {
	var price, discount any
	if f.HasPrice {
		price = int64(f.Price)
	}
	if f.HasDiscount {
		discount = int64(f.Discount)
	}
	return []any{r.product, r.account, r.group, int64(f.MinQty), price, discount, nullDate(f.ValidFrom), nullDate(f.ValidTo), by, now}
}

func insertAgreement(ctx context.Context, tx *sql.Tx, f *domain.AgreementFields, by string, now time.Time) (int64, error) {
	r, err := resolveAgreementRefs(ctx, tx, f)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, insertAgreementSQL, agreementInsertArgs(f, r, by, moment(now))...)
	if e, ok := domain.AsError(mapError(err)); ok && e.Key == "db.duplicate" {
		return 0, &domain.Error{Code: domain.EConflict, Key: "agreement.duplicate",
			Msg: "there is already an agreement for this product and customer with the same minimum quantity and start; change that one instead",
			Fields: []domain.FieldError{{Field: domain.FieldValidFrom, Key: "agreement.duplicate",
				Msg: "another agreement for {{.SKU}} with the same minimum quantity starts on this day", Args: map[string]any{"SKU": f.SKU}}}}
	}
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// CreateAgreement validates and stores a new agreement.
func (s *AgreementService) CreateAgreement(ctx context.Context, f domain.AgreementFields, by string) (*domain.Agreement, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out *domain.Agreement
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		id, err := insertAgreement(ctx, tx, &f, by, s.db.now())
		if err != nil {
			return err
		}
		out, err = findAgreement(ctx, tx, id)
		return err
	})
	return out, err
}

// ChangeAgreement ends the old agreement the day before f.ValidFrom and creates f.
func (s *AgreementService) ChangeAgreement(ctx context.Context, id domain.AgreementID, f domain.AgreementFields, by string) (*domain.Agreement, error) {
	var out *domain.Agreement
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		old, err := findAgreement(ctx, tx, int64(id))
		if err != nil {
			return err
		}
		// The change keeps what the agreement is about; blank means "as before".
		if f.SKU == "" {
			f.SKU = old.SKU
		}
		if f.AccountCode == "" && f.CustomerGroup == "" {
			f.AccountCode, f.CustomerGroup = old.AccountCode, old.CustomerGroup
		}
		if err := f.Validate(); err != nil {
			return err
		}
		if !strings.EqualFold(f.SKU, old.SKU) || !strings.EqualFold(f.AccountCode, old.AccountCode) || f.CustomerGroup != old.CustomerGroup {
			return domain.Errorf(domain.EInvalid, "agreement.change_target",
				"a change keeps the SKU and the account or group; create a new agreement for another one", nil)
		}
		if f.ValidFrom.IsZero() {
			return changeError(domain.FieldValidFrom, "agreement.change_from", "a change needs the day the new terms start", nil)
		}
		if !old.ValidFrom.IsZero() && !old.ValidFrom.Before(f.ValidFrom) {
			return changeError(domain.FieldValidFrom, "agreement.change_early",
				"the new terms must start after the old ones started ({{.From}}); to replace an agreement that was never in effect, delete it",
				map[string]any{"From": old.ValidFrom})
		}
		if today := domain.DateOf(s.db.now()); f.ValidFrom.Before(today) {
			return changeError(domain.FieldValidFrom, "agreement.change_past",
				"the new terms cannot start before today ({{.Today}}): what was charged in the past stays as it was",
				map[string]any{"Today": today})
		}
		now := moment(s.db.now())
		newID, err := insertAgreement(ctx, tx, &f, by, s.db.now())
		if err != nil {
			return err
		}
		last := f.ValidFrom.AddDays(-1)
		if old.ValidTo.IsZero() || last.Before(old.ValidTo) {
			_, err = tx.ExecContext(ctx, `UPDATE price_agreements SET ends_on = ?, ended_by = ?, ended_at = ?, replaced_by = ? WHERE id = ?`,
				last.String(), by, now, newID, int64(id))
		} else {
			// It ended before the new terms start: only link it to its successor.
			_, err = tx.ExecContext(ctx, `UPDATE price_agreements SET replaced_by = ? WHERE id = ?`, newID, int64(id))
		}
		if err != nil {
			return err
		}
		out, err = findAgreement(ctx, tx, newID)
		return err
	})
	return out, err
}

func changeError(field, key, msg string, args map[string]any) error {
	return &domain.Error{Code: domain.EInvalid, Key: "agreement.invalid", Msg: "the price agreement is not valid",
		Fields: []domain.FieldError{{Field: field, Key: key, Msg: msg, Args: args}}}
}

// EndAgreement sets the last day an agreement is in effect.
func (s *AgreementService) EndAgreement(ctx context.Context, id domain.AgreementID, last domain.Date, by string) (*domain.Agreement, error) {
	var out *domain.Agreement
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		old, err := findAgreement(ctx, tx, int64(id))
		if err != nil {
			return err
		}
		switch {
		case last.IsZero():
			return changeError(domain.FieldValidTo, "field.required", "required", nil)
		case !old.ValidFrom.IsZero() && last.Before(old.ValidFrom):
			return changeError(domain.FieldValidTo, "valid_to.before_from", "valid_to ({{.To}}) is before valid_from ({{.From}})",
				map[string]any{"To": last, "From": old.ValidFrom})
		case last.Before(domain.DateOf(s.db.now()).AddDays(-1)):
			return changeError(domain.FieldValidTo, "agreement.end_past",
				"an agreement can end yesterday at the earliest: what was charged in the past stays as it was", nil)
		case !old.ValidTo.IsZero() && old.ValidTo.Before(last):
			return changeError(domain.FieldValidTo, "agreement.end_later",
				"the agreement already ends on {{.To}}; ending it later would change the past", map[string]any{"To": old.ValidTo})
		}
		if _, err := tx.ExecContext(ctx, `UPDATE price_agreements SET ends_on = ?, ended_by = ?, ended_at = ? WHERE id = ?`,
			last.String(), by, moment(s.db.now()), int64(id)); err != nil {
			return err
		}
		out, err = findAgreement(ctx, tx, int64(id))
		return err
	})
	return out, err
}

// DeleteAgreement removes an agreement that was never in effect.
func (s *AgreementService) DeleteAgreement(ctx context.Context, id domain.AgreementID, today domain.Date) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		old, err := findAgreement(ctx, tx, int64(id))
		if err != nil {
			return err
		}
		if old.ValidFrom.IsZero() || !today.Before(old.ValidFrom) {
			return domain.Errorf(domain.EConflict, "agreement.in_effect",
				"the agreement has been in effect, so it stays on record; end it instead", nil)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM price_agreements WHERE id = ?`, int64(id))
		return err
	})
}
