package store

import (
	"context"
	"database/sql"
)

// refreshNameKeys rebuilds the stored sort keys when the collation tables differ
// from the ones that wrote them (a new golang.org/x/text), so lists stay in order.
func (db *DB) refreshNameKeys(ctx context.Context) error {
	var stored string
	err := db.w.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'name_key_version'`).Scan(&stored)
	if err != nil && err != sql.ErrNoRows {
		return wrap("read name key version", err)
	}
	if stored == nameKeyVersion {
		return nil
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		// New keys may order rows differently, and search ranks follow the
		// order: rank and index every row once at the end, not row by row.
		restore, err := suspendSearch(ctx, tx, "accounts", "contacts", "products")
		if err != nil {
			return err
		}
		if err := rekey(ctx, tx, `SELECT id, name FROM accounts`, `UPDATE accounts SET name_key = ? WHERE id = ?`); err != nil {
			return err
		}
		if err := rekey(ctx, tx, `SELECT id, last_name || ' ' || first_name FROM contacts`, `UPDATE contacts SET name_key = ? WHERE id = ?`); err != nil {
			return err
		}
		if err := rekey(ctx, tx, `SELECT id, name FROM products`, `UPDATE products SET name_key = ? WHERE id = ?`); err != nil {
			return err
		}
		if err := restore(); err != nil {
			return err
		}
		if err := rerankSearch(ctx, tx, "accounts", "contacts", "products"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('name_key_version', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, nameKeyVersion)
		return err
	})
}

func rekey(ctx context.Context, tx *sql.Tx, sel, upd string) error {
	type row struct {
		id   int64
		name string
	}
	rows, err := tx.QueryContext(ctx, sel)
	if err != nil {
		return err
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.name); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, upd)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range all {
		if _, err := stmt.ExecContext(ctx, nameKey(r.name), r.id); err != nil {
			return err
		}
	}
	return nil
}

// contactNameKey sorts contacts by last name, then first name.
func contactNameKey(first, last string) []byte { return nameKey(last + " " + first) }
