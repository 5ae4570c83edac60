package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"kontor/domain"
)

// AccountService implements domain.AccountService.
type AccountService struct{ db *DB }

// NewAccountService returns the account service over db.
func NewAccountService(db *DB) *AccountService { return &AccountService{db: db} }

var _ domain.AccountService = (*AccountService)(nil)

const accountColumns = `a.id, a.code, a.name, a.tax_id, a.street, a.postal_code, a.city, a.country,
	a.ship_street, a.ship_postal_code, a.ship_city, a.ship_country, a.phone, a.email, a.currency,
	a.terms_days, a.terms_eom, a.credit_limit_minor, a.customer_group, a.owner, a.notes, a.archived,
	a.version, a.created_at, a.updated_at, coalesce(a.parent_id, 0), coalesce(p.code, ''), coalesce(p.name, ''),
	a.last_contact_at`

const accountFrom = ` FROM accounts a LEFT JOIN accounts p ON p.id = a.parent_id `

func scanAccount(sc interface{ Scan(...any) error }) (*domain.Account, error) {
	var a domain.Account
	err := sc.Scan(&a.ID, &a.Code, &a.Name, &a.TaxID, &a.Street, &a.PostalCode, &a.City, &a.Country,
		&a.ShipStreet, &a.ShipPostal, &a.ShipCity, &a.ShipCountry, &a.Phone, &a.Email, &a.Currency,
		&a.PaymentTerms.Days, &a.PaymentTerms.EOM, &a.CreditLimit, &a.CustomerGroup, &a.Owner, &a.Notes, &a.Archived,
		&a.Version, atTime(&a.CreatedAt), atTime(&a.UpdatedAt), &a.ParentID, &a.ParentCode, &a.ParentName, onLocalDay(&a.LastContact))
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// accountSearchText is what the search box finds an account by.
func accountSearchText(f *domain.AccountFields) string {
	return domain.Fold(strings.Join([]string{f.Code, f.Name, f.TaxID, f.City}, " "))
}

// FindAccountByID returns one account.
func (s *AccountService) FindAccountByID(ctx context.Context, id domain.AccountID) (*domain.Account, error) {
	return findAccount(ctx, s.db.r, `a.id = ?`, int64(id))
}

// FindAccountByCode returns the account with this code (case-insensitive).
func (s *AccountService) FindAccountByCode(ctx context.Context, code string) (*domain.Account, error) {
	return findAccount(ctx, s.db.r, `a.code = ?`, strings.TrimSpace(code))
}

func findAccount(ctx context.Context, q queryer, where string, arg any) (*domain.Account, error) {
	a, err := scanAccount(q.QueryRowContext(ctx, `SELECT `+accountColumns+accountFrom+`WHERE `+where, arg))
	if err == sql.ErrNoRows {
		return nil, domain.Errorf(domain.ENotFound, "account.not_found", "no such account: {{.Key}}", map[string]any{"Key": arg})
	}
	return a, wrap("find account", err)
}

func accountWhere(f domain.AccountFilter) (string, []any) {
	var conds []string
	var args []any
	if !f.IncludeArchived {
		conds = append(conds, "a.archived = 0")
	}
	if f.ParentID != 0 {
		conds = append(conds, "a.parent_id = ?")
		args = append(args, int64(f.ParentID))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func pageClause(offset, limit int) string {
	if limit <= 0 {
		return ""
	}
	return " LIMIT " + itoa(limit) + " OFFSET " + itoa(max(offset, 0))
}

// FindAccounts lists accounts in Polish alphabetical order.
func (s *AccountService) FindAccounts(ctx context.Context, f domain.AccountFilter) ([]*domain.Account, int, error) {
	where, args := accountWhere(f)
	var out []*domain.Account
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts a`+where, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+accountColumns+accountFrom+where+accountOrder(f)+pageClause(f.Offset, f.Limit), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAccount(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, total, wrap("find accounts", err)
}

const rowColumns = `a.id, a.code, a.name, a.city, a.tax_id, a.customer_group, a.owner, a.archived, a.last_contact_at`

func scanRow(sc interface{ Scan(...any) error }, r *domain.AccountRow, extra ...any) error {
	if r.Kind == "" {
		r.Kind = domain.HitAccount
	}
	return sc.Scan(append([]any{&r.AccountID, &r.Code, &r.Name, &r.City, &r.TaxID, &r.CustomerGroup, &r.Owner, &r.Archived,
		onLocalDay(&r.LastContact)}, extra...)...)
}

// accountOrder is the ORDER BY of a list; accounts_by_last_contact(_desc) serve the
// last-contact orders of active accounts (with archived ones, SQLite sorts).
func accountOrder(f domain.AccountFilter) string {
	switch f.Sort {
	case domain.SortByLastContact:
		return ` ORDER BY a.last_contact_at DESC, a.name_key, a.id`
	case domain.SortByLastContactOldest:
		return ` ORDER BY a.last_contact_at, a.name_key, a.id`
	}
	return ` ORDER BY a.name_key, a.id`
}

// ListAccountRows lists light rows for the accounts list.
func (s *AccountService) ListAccountRows(ctx context.Context, f domain.AccountFilter) ([]domain.AccountRow, int, error) {
	where, args := accountWhere(f)
	var out []domain.AccountRow
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts a`+where, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+rowColumns+` FROM accounts a`+where+accountOrder(f)+pageClause(f.Offset, f.Limit), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r domain.AccountRow
			if err := scanRow(rows, &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, total, wrap("list accounts", err)
}

// CreateAccount validates and stores a new account.
func (s *AccountService) CreateAccount(ctx context.Context, f domain.AccountFields) (*domain.Account, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out *domain.Account
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		id, err := insertAccount(ctx, tx, &f, s.db.now())
		if err != nil {
			return err
		}
		out, err = findAccount(ctx, tx, `a.id = ?`, id)
		return err
	})
	return out, err
}

func insertAccount(ctx context.Context, tx *sql.Tx, f *domain.AccountFields, now time.Time) (int64, error) {
	parent, err := resolveParent(ctx, tx, f.ParentCode, 0)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, insertAccountSQL, accountInsertArgs(f, parent, moment(now), moment(now))...)
	if err != nil {
		return 0, codeTakenOr(err, f.Code)
	}
	return res.LastInsertId()
}

// accountInsertColumns are the columns accountInsertArgs fills (AccountRow
// adds the id and the archived flag).
const accountInsertColumns = `code, name, name_key, tax_id, street, postal_code, city, country,
	ship_street, ship_postal_code, ship_city, ship_country, phone, email, currency, terms_days, terms_eom,
	credit_limit_minor, customer_group, parent_id, owner, notes, search_text, created_at, updated_at`

var insertAccountSQL = insertSQL("accounts", accountInsertColumns, 1)

func accountInsertArgs(f *domain.AccountFields, parent any, created, updated string) []any {
	return []any{f.Code, f.Name, nameKey(f.Name), f.TaxID, f.Street, f.PostalCode, f.City, f.Country,
		f.ShipStreet, f.ShipPostal, f.ShipCity, f.ShipCountry, f.Phone, f.Email, f.Currency,
		f.PaymentTerms.Days, boolInt(f.PaymentTerms.EOM), int64(f.CreditLimit), f.CustomerGroup, parent,
		f.Owner, f.Notes, accountSearchText(f), created, updated}
}

// UpdateAccount replaces an account's fields, refusing when it changed since upd.Version.
func (s *AccountService) UpdateAccount(ctx context.Context, id domain.AccountID, upd domain.AccountUpdate) (*domain.Account, error) {
	f := upd.AccountFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out *domain.Account
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "accounts", int64(id), upd.Version); err != nil {
			return err
		}
		if err := updateAccount(ctx, tx, int64(id), &f, s.db.now()); err != nil {
			return err
		}
		// The account's FA(3) files that waited for its tax ID or address.
		if err := rebuildBlocked(ctx, tx, id, s.db.now()); err != nil {
			return err
		}
		var err error
		out, err = findAccount(ctx, tx, `a.id = ?`, int64(id))
		return err
	})
	return out, err
}

func updateAccount(ctx context.Context, tx *sql.Tx, id int64, f *domain.AccountFields, now time.Time) error {
	parent, err := resolveParent(ctx, tx, f.ParentCode, domain.AccountID(id))
	if err != nil {
		return err
	}
	// parent_id is set only when it changes: an UPDATE that names a column
	// of a foreign key to its own table rewrites every index of the row
	// (SQLite checks such a key row by row), ten pages for a changed note.
	var was sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT parent_id FROM accounts WHERE id = ?`, id).Scan(&was); err != nil && err != sql.ErrNoRows {
		return err
	}
	setParent, args := "", []any{f.Code, f.Name, nameKey(f.Name), f.TaxID, f.Street, f.PostalCode, f.City, f.Country,
		f.ShipStreet, f.ShipPostal, f.ShipCity, f.ShipCountry, f.Phone, f.Email, f.Currency,
		f.PaymentTerms.Days, boolInt(f.PaymentTerms.EOM), int64(f.CreditLimit), f.CustomerGroup}
	if pid, ok := parent.(int64); ok != was.Valid || pid != was.Int64 {
		setParent = "parent_id = ?, "
		args = append(args, parent)
	}
	args = append(args, f.Owner, f.Notes, accountSearchText(f), moment(now), id)
	_, err = tx.ExecContext(ctx, `UPDATE accounts SET code = ?, name = ?, name_key = ?, tax_id = ?, street = ?,
		postal_code = ?, city = ?, country = ?, ship_street = ?, ship_postal_code = ?, ship_city = ?, ship_country = ?,
		phone = ?, email = ?, currency = ?, terms_days = ?, terms_eom = ?, credit_limit_minor = ?, customer_group = ?,
		`+setParent+`owner = ?, notes = ?, search_text = ?, version = version + 1, updated_at = ?
		WHERE id = ?`, args...)
	return codeTakenOr(err, f.Code)
}

// checkVersion reports ENotFound for a missing row and EConflict when the row's
// version is not the one the caller loaded (0 skips the check).
func checkVersion(ctx context.Context, tx *sql.Tx, table string, id, want int64) error {
	var have int64
	err := tx.QueryRowContext(ctx, `SELECT version FROM `+table+` WHERE id = ?`, id).Scan(&have)
	if err == sql.ErrNoRows {
		return domain.Errorf(domain.ENotFound, "record.deleted", "it was deleted elsewhere since you opened it", nil)
	}
	if err != nil {
		return err
	}
	if want != 0 && have != want {
		return domain.Errorf(domain.EConflict, "record.changed",
			"it was changed elsewhere since you opened it; nothing was saved. Reopen it to see the changes, then edit again.", nil)
	}
	return nil
}

func codeTakenOr(err error, code string) error {
	if e, ok := domain.AsError(mapError(err)); ok && e.Key == "db.duplicate" {
		return &domain.Error{Code: domain.EConflict, Key: "account.code_taken", Msg: "the account code is already used",
			Fields: []domain.FieldError{{Field: domain.FieldCode, Key: "code.taken",
				Msg: "{{.Value}} is already used by another account", Args: map[string]any{"Value": code}}}}
	}
	return err
}

// resolveParent finds the head office by code and refuses a chain that would
// lead back to self.
func resolveParent(ctx context.Context, tx *sql.Tx, code string, self domain.AccountID) (any, error) {
	if code == "" {
		return nil, nil
	}
	var pid int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM accounts WHERE code = ?`, code).Scan(&pid)
	if err == sql.ErrNoRows {
		return nil, parentError("parent.unknown", "there is no account with code {{.Value}}", code)
	}
	if err != nil {
		return nil, err
	}
	for cur, steps := pid, 0; cur != 0; steps++ {
		if domain.AccountID(cur) == self || steps > 10000 {
			return nil, parentError("parent.loop", "{{.Value}} is already below this account: the head office chain would loop", code)
		}
		var next sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT parent_id FROM accounts WHERE id = ?`, cur).Scan(&next); err != nil {
			return nil, err
		}
		cur = next.Int64
	}
	return pid, nil
}

func parentError(key, msg, code string) error {
	return &domain.Error{Code: domain.EInvalid, Key: "account.invalid", Msg: "the account is not valid",
		Fields: []domain.FieldError{{Field: domain.FieldParentCode, Key: key, Msg: msg, Args: map[string]any{"Value": code}}}}
}

// SetAccountArchived archives or restores an account.
func (s *AccountService) SetAccountArchived(ctx context.Context, id domain.AccountID, archived bool) (*domain.Account, error) {
	var out *domain.Account
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "accounts", int64(id), 0); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET archived = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			boolInt(archived), moment(s.db.now()), int64(id)); err != nil {
			return err
		}
		var err error
		out, err = findAccount(ctx, tx, `a.id = ?`, int64(id))
		return err
	})
	return out, err
}

// DeleteAccount removes an account and its contacts. Branches or history (any
// other record that refers to it) make it an EConflict: archive it instead.
func (s *AccountService) DeleteAccount(ctx context.Context, id domain.AccountID) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "accounts", int64(id), 0); err != nil {
			return err
		}
		var branches int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE parent_id = ?`, int64(id)).Scan(&branches); err != nil {
			return err
		}
		if branches > 0 {
			return domain.Errorf(domain.EConflict, "account.has_branches",
				"the account is the head office of {{.Count}} branches; move or delete them first, or archive it", map[string]any{"Count": branches})
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM accounts WHERE id = ?`, int64(id))
		if e, ok := domain.AsError(mapError(err)); ok && e.Key == "db.referenced" {
			return domain.Errorf(domain.EConflict, "account.has_history", "the account has history, so it cannot be deleted; archive it instead", nil)
		}
		return err
	})
}
