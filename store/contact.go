package store

import (
	"context"
	"database/sql"
	"strings"

	"kontor/domain"
)

// ContactService implements domain.ContactService.
type ContactService struct{ db *DB }

// NewContactService returns the contact service over db.
func NewContactService(db *DB) *ContactService { return &ContactService{db: db} }

var _ domain.ContactService = (*ContactService)(nil)

const contactColumns = `id, account_id, first_name, last_name, role, email, phone, version, created_at, updated_at`

func scanContact(sc interface{ Scan(...any) error }) (*domain.Contact, error) {
	var c domain.Contact
	if err := sc.Scan(&c.ID, &c.AccountID, &c.FirstName, &c.LastName, &c.Role, &c.Email, &c.Phone, &c.Version,
		atTime(&c.CreatedAt), atTime(&c.UpdatedAt)); err != nil {
		return nil, err
	}
	return &c, nil
}

func contactSearchText(f *domain.ContactFields) string {
	return domain.Fold(strings.Join([]string{f.FirstName, f.LastName, f.Email}, " "))
}

func findContact(ctx context.Context, q queryer, id int64) (*domain.Contact, error) {
	c, err := scanContact(q.QueryRowContext(ctx, `SELECT `+contactColumns+` FROM contacts WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return nil, domain.Errorf(domain.ENotFound, "contact.not_found", "the contact no longer exists", nil)
	}
	return c, wrap("find contact", err)
}

// FindContactByID returns one contact.
func (s *ContactService) FindContactByID(ctx context.Context, id domain.ContactID) (*domain.Contact, error) {
	return findContact(ctx, s.db.r, int64(id))
}

// FindContacts lists an account's contacts by last name, then first name.
func (s *ContactService) FindContacts(ctx context.Context, account domain.AccountID) ([]*domain.Contact, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+contactColumns+` FROM contacts WHERE account_id = ? ORDER BY name_key, id`, int64(account))
	if err != nil {
		return nil, wrap("find contacts", err)
	}
	defer rows.Close()
	var out []*domain.Contact
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, wrap("find contacts", err)
		}
		out = append(out, c)
	}
	return out, wrap("find contacts", rows.Err())
}

// CreateContact adds a person to an account.
func (s *ContactService) CreateContact(ctx context.Context, account domain.AccountID, f domain.ContactFields) (*domain.Contact, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out *domain.Contact
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "accounts", int64(account), 0); err != nil {
			return err
		}
		id, err := insertContact(ctx, tx, int64(account), &f, moment(s.db.now()))
		if err != nil {
			return err
		}
		out, err = findContact(ctx, tx, id)
		return err
	})
	return out, err
}

func insertContact(ctx context.Context, tx *sql.Tx, account int64, f *domain.ContactFields, now string) (int64, error) {
	res, err := tx.ExecContext(ctx, insertContactSQL, contactInsertArgs(account, f, now, now)...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// contactInsertColumns are the columns contactInsertArgs fills.
const contactInsertColumns = `account_id, first_name, last_name, name_key, role, email, phone, search_text, created_at, updated_at`

var insertContactSQL = insertSQL("contacts", contactInsertColumns, 1)

func contactInsertArgs(account int64, f *domain.ContactFields, created, updated string) []any {
	return []any{account, f.FirstName, f.LastName, contactNameKey(f.FirstName, f.LastName), f.Role, f.Email, f.Phone,
		contactSearchText(f), created, updated}
}

// UpdateContact replaces a contact's fields, refusing when it changed since upd.Version.
func (s *ContactService) UpdateContact(ctx context.Context, id domain.ContactID, upd domain.ContactUpdate) (*domain.Contact, error) {
	f := upd.ContactFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out *domain.Contact
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "contacts", int64(id), upd.Version); err != nil {
			return err
		}
		if err := updateContact(ctx, tx, int64(id), &f, moment(s.db.now())); err != nil {
			return err
		}
		var err error
		out, err = findContact(ctx, tx, int64(id))
		return err
	})
	return out, err
}

func updateContact(ctx context.Context, tx *sql.Tx, id int64, f *domain.ContactFields, now string) error {
	_, err := tx.ExecContext(ctx, `UPDATE contacts SET first_name = ?, last_name = ?, name_key = ?, role = ?, email = ?,
		phone = ?, search_text = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		f.FirstName, f.LastName, contactNameKey(f.FirstName, f.LastName), f.Role, f.Email, f.Phone,
		contactSearchText(f), now, id)
	return err
}

// DeleteContact removes a contact.
func (s *ContactService) DeleteContact(ctx context.Context, id domain.ContactID) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "contacts", int64(id), 0); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM contacts WHERE id = ?`, int64(id))
		if e, ok := domain.AsError(mapError(err)); ok && e.Key == "db.referenced" {
			return domain.Errorf(domain.EConflict, "contact.has_history", "the contact has history, so it cannot be deleted", nil)
		}
		return err
	})
}
