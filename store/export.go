package store

import (
	"context"
	"database/sql"

	"kontor/domain"
)

// ExportAccounts calls fn for every account, archived ones too, in code order,
// from one snapshot, so an export is consistent while others save.
func (t *Transfer) ExportAccounts(ctx context.Context, fn func(*domain.Account) error) error {
	return t.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+accountColumns+accountFrom+`ORDER BY a.code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAccount(rows)
			if err != nil {
				return err
			}
			if err := fn(a); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// ExportContacts calls fn for every contact with its account's code, by account
// code, then name, from one snapshot.
func (t *Transfer) ExportContacts(ctx context.Context, fn func(accountCode string, c *domain.Contact) error) error {
	return t.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.code, c.id, c.account_id, c.first_name, c.last_name, c.role, c.email,
			c.phone, c.version, c.created_at, c.updated_at
			FROM contacts c JOIN accounts a ON a.id = c.account_id ORDER BY a.code, c.name_key, c.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var code string
			var c domain.Contact
			if err := rows.Scan(&code, &c.ID, &c.AccountID, &c.FirstName, &c.LastName, &c.Role, &c.Email, &c.Phone,
				&c.Version, atTime(&c.CreatedAt), atTime(&c.UpdatedAt)); err != nil {
				return err
			}
			if err := fn(code, &c); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// ExportOrders calls fn for every line of every order with its order (the
// order's Lines left empty), by order number, from one snapshot.
func (t *Transfer) ExportOrders(ctx context.Context, fn func(o *domain.Order, l *domain.DocumentLine) error) error {
	return t.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT o.id, o.number, o.status, a.code, o.ordered_on, o.delivered_on, `+qualified("l.", lineColumns)+`
			FROM orders o JOIN accounts a ON a.id = o.account_id JOIN order_lines l ON l.order_id = o.id
			ORDER BY o.number, o.id, l.line_no`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var o domain.Order
		for rows.Next() {
			var l domain.DocumentLine
			var id int64
			var net int64
			if err := rows.Scan(&id, &o.Number, &o.Status, &o.AccountCode, onDate(&o.Date), onDate(&o.DeliveredOn), &l.ProductID, &l.SKU, &l.Name, &l.Unit,
				&l.Quantity, &l.Price, &l.EnginePrice, &l.Source, &l.ManualReason, &l.Discount, &l.VATRate, &net); err != nil {
				return err
			}
			o.ID = domain.OrderID(id)
			if err := fn(&o, &l); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// ExportPayments calls fn for every payment with its account's code, by date
// and then in the order recorded, from one snapshot.
func (t *Transfer) ExportPayments(ctx context.Context, fn func(accountCode string, p *domain.Payment) error) error {
	return t.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.code, p.id, p.account_id, p.paid_on, p.amount_minor, p.reference,
			coalesce(p.invoice_id, 0), p.created_at
			FROM payments p INDEXED BY payments_by_date JOIN accounts a ON a.id = p.account_id ORDER BY p.paid_on, p.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p domain.Payment
			if err := rows.Scan(&p.AccountCode, &p.ID, &p.AccountID, onDate(&p.Date), &p.Amount, &p.Reference, &p.Invoice,
				atTime(&p.CreatedAt)); err != nil {
				return err
			}
			if err := fn(p.AccountCode, &p); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}
