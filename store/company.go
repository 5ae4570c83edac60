package store

import (
	"context"
	"database/sql"

	"kontor/domain"
)

// CompanyService implements domain.CompanyService over the settings table, one
// row per field under the key "company.<field>".
type CompanyService struct{ db *DB }

// NewCompanyService returns the company settings service over db.
func NewCompanyService(db *DB) *CompanyService { return &CompanyService{db: db} }

var _ domain.CompanyService = (*CompanyService)(nil)

const companyKeyPrefix = "company."

// FindCompany reads the seller's details; blank (country PL) when never saved.
func (s *CompanyService) FindCompany(ctx context.Context) (*domain.CompanySettings, error) {
	return findCompany(ctx, s.db.r)
}

func findCompany(ctx context.Context, q queryer) (*domain.CompanySettings, error) {
	c := &domain.CompanySettings{Country: "PL"}
	rows, err := q.QueryContext(ctx, `SELECT substr(key, ?), value FROM settings WHERE key BETWEEN ? AND ?`,
		len(companyKeyPrefix)+1, companyKeyPrefix, companyKeyPrefix+"\U0010FFFF")
	if err != nil {
		return nil, wrap("read company settings", err)
	}
	defer rows.Close()
	for rows.Next() {
		var field, value string
		if err := rows.Scan(&field, &value); err != nil {
			return nil, wrap("read company settings", err)
		}
		// A field a newer Kontor wrote is kept in the table and ignored here.
		_ = c.Set(field, value)
	}
	return c, wrap("read company settings", rows.Err())
}

// SaveCompany validates, normalises and saves every field in one transaction,
// and builds the FA(3) files that waited for the seller's details.
func (s *CompanyService) SaveCompany(ctx context.Context, c domain.CompanySettings) (*domain.CompanySettings, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := saveCompany(ctx, tx, c); err != nil {
			return err
		}
		return rebuildBlocked(ctx, tx, 0, s.db.now())
	}); err != nil {
		return nil, err
	}
	return &c, nil
}

// saveCompany writes every field of c, validated.
func saveCompany(ctx context.Context, tx *sql.Tx, c domain.CompanySettings) error {
	if err := c.Validate(); err != nil {
		return err
	}
	for _, f := range domain.CompanyFieldOrder {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, companyKeyPrefix+f, c.Get(f)); err != nil {
			return err
		}
	}
	return nil
}
