package team

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"kontor/domain"
	"kontor/store"
)

// block adds to blocked the fields of change c that must not merge into the
// server's row: every field of a lifecycle move when the server moved the
// document too, elsewhere (one confirmed, the other cancelled); and the
// fields the server's state locks (a confirmed order's lines).
func (d *docSpec) block(c outChange, row map[string]any, changed, blocked map[string]bool, serverChanged func(string) bool) {
	moved, clash := false, false
	for _, k := range d.lifecycle {
		if changed[k] {
			moved = true
		}
		if serverChanged(k) && !sameValue(row[k], c.new[k]) {
			clash = true
		}
	}
	if moved && clash {
		// The move is lost whole: its fields the server moved elsewhere
		// conflict too, even those this change left as they were (a cancel
		// reason against a confirmation), so that keeping it restores it whole.
		for _, k := range d.lifecycle {
			if !changed[k] && serverChanged(k) && !sameValue(row[k], c.new[k]) {
				changed[k] = true
			}
			if changed[k] {
				blocked[k] = true
			}
		}
	}
	for k := range changed {
		if d.locked(row, k) && !sameValue(row[k], c.new[k]) {
			blocked[k] = true
		}
	}
}

// sameRecord returns the uid of the server's row that is the record c
// inserts under another uid (its identity columns equal), "" when none.
func sameRecord(ctx context.Context, tx pgx.Tx, c outChange) (string, error) {
	if c.spec.doc == nil || len(c.spec.doc.identity) == 0 {
		return "", nil
	}
	var conds []string
	var args []any
	for _, k := range c.spec.doc.identity {
		col := c.spec.col(k)
		v := c.new[k]
		if v == nil {
			conds = append(conds, "x."+k+" IS NULL")
			continue
		}
		args = append(args, toServer(*col, v))
		conds = append(conds, "x."+k+" = "+serverParam(len(args), *col))
	}
	var uid string
	err := tx.QueryRow(ctx, `SELECT x.uid::text FROM kontor.`+c.spec.server+` x WHERE `+strings.Join(conds, " AND ")+` LIMIT 1`, args...).Scan(&uid)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return uid, err
}

// takeServerRecord makes the file's row key the server's record same: the
// row takes its uid, or goes when the file has that record already; the
// account is allocated again. The caller marks tx as applying.
func takeServerRecord(ctx context.Context, tx *sql.Tx, s *tableSpec, key, same string) error {
	var account int64
	err := tx.QueryRowContext(ctx, `SELECT account_id FROM `+s.name+` WHERE uid = ?`, key).Scan(&account)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+s.name+` WHERE uid = ?`, same).Scan(&have); err != nil {
		return err
	}
	if have > 0 {
		_, err = tx.ExecContext(ctx, `DELETE FROM `+s.name+` WHERE uid = ?`, key)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE `+s.name+` SET uid = ? WHERE uid = ?`, same, key)
	}
	if err != nil {
		return fmt.Errorf("take the team's %s %s: %w", s.name, same, err)
	}
	if s.doc != nil && s.doc.ledger {
		return store.Reallocate(ctx, tx, []domain.AccountID{domain.AccountID(account)})
	}
	return nil
}

// resolveNotice settles an entry of the Conflicts list that is not a value
// that lost (an order delivered twice, a confirmation over the credit
// limit); handled is false for the other kinds.
func (s *Service) resolveNotice(ctx context.Context, id domain.ConflictID, choice domain.ConflictChoice) (handled bool, err error) {
	var kind, key string
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT kind, row_key FROM team_conflicts WHERE id = ? AND resolved_at IS NULL`, int64(id)).Scan(&kind, &key)
		if errors.Is(err, sql.ErrNoRows) {
			// Said here: the store's transactions word a missing row their own way.
			return domain.Errorf(domain.ENotFound, "team.no_conflict", "the conflict was already resolved", nil)
		}
		return err
	})
	if err != nil {
		return true, err
	}
	switch domain.ConflictKind(kind) {
	case domain.ConflictDeliveredTwice:
		if choice == domain.KeepMine {
			return true, domain.Errorf(domain.EInvalid, "team.choice_delivered_twice",
				"an order delivered twice is settled by the credit note that cancels the later invoice, or left as it is", nil)
		}
		if choice == domain.IssueCreditNote {
			if err := s.cancelRepeatedInvoice(ctx, key); err != nil {
				return true, err
			}
		}
	case domain.ConflictCredit:
		if choice != domain.KeepTheirs {
			return true, domain.Errorf(domain.EInvalid, "team.choice_credit",
				"an order over the credit limit is only noted: close the entry once it has been seen", nil)
		}
	default:
		return false, nil
	}
	return true, s.db.WriteTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE team_conflicts SET resolved_at = ? WHERE id = ?`, stampNow(), int64(id))
		return err
	})
}

// cancelRepeatedInvoice issues the credit note that cancels the invoice uid
// (the later invoice of an order delivered twice) in full, dated today or,
// when the invoice is dated later, on its date.
func (s *Service) cancelRepeatedInvoice(ctx context.Context, uid string) error {
	var id int64
	var number, order, issued string
	err := s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT i.id, i.number, coalesce(o.number, ''), i.issued_on FROM invoices i
			LEFT JOIN orders o ON o.id = i.order_id WHERE i.uid = ?`, uid).Scan(&id, &number, &order, &issued)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Errorf(domain.ENotFound, "team.row_gone", "the record is no longer in this file", nil)
	}
	if err != nil {
		return err
	}
	on := s.db.Today()
	if d, err := domain.ParseDate(issued); err == nil && on.Before(d) {
		on = d
	}
	_, err = store.NewInvoiceService(s.db).IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: domain.InvoiceID(id), Date: on,
		Reason: fmt.Sprintf("cancels invoice %s: order %s was delivered twice", number, order)})
	return err
}

// keepMineDocument keeps a document's lost value where a field alone cannot:
// a field its state locks now is refused (the lines of an order confirmed
// meanwhile); a lifecycle field takes every lost value of its move with it
// (status, delivery date, cancel reason: a document is never half moved),
// settling all of them. handled is false for any other field.
func keepMineDocument(ctx context.Context, tx *sql.Tx, s *tableSpec, key, field string) (handled bool, err error) {
	a := &applier{ctx: ctx, tx: tx, now: time.Now().UTC().Format(time.RFC3339Nano)}
	defer a.close()
	id, local, err := a.readLocal(s, "t."+s.keyCol+" = ?", key)
	if err != nil {
		return true, err
	}
	if local == nil {
		return true, domain.Errorf(domain.ENotFound, "team.row_gone", "the record is no longer in this file", nil)
	}
	if s.doc.locked(local, field) {
		st, _ := local["status"].(string)
		return true, domain.Errorf(domain.EInvalid, "team.locked",
			"the document is {{.Status}} now: this field is locked; make the change on a new document", map[string]any{"Status": st})
	}
	if !contains(s.doc.lifecycle, field) {
		return false, nil
	}
	type lostValue struct {
		id    int64
		field string
		lost  string
	}
	var all []lostValue
	rows, err := tx.QueryContext(ctx, `SELECT id, field, coalesce(lost, 'null') FROM team_conflicts
		WHERE resolved_at IS NULL AND kind = 'field' AND tbl = ? AND row_key = ? ORDER BY id`, s.name, key)
	if err != nil {
		return true, err
	}
	for rows.Next() {
		var v lostValue
		if err := rows.Scan(&v.id, &v.field, &v.lost); err != nil {
			rows.Close()
			return true, err
		}
		if contains(s.doc.lifecycle, v.field) {
			all = append(all, v)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return true, err
	}
	vals := make(map[string]any, len(local))
	for k, v := range local {
		vals[k] = v
	}
	for _, v := range all {
		var x any
		dec := json.NewDecoder(strings.NewReader(v.lost))
		dec.UseNumber()
		if err := dec.Decode(&x); err != nil {
			return true, fmt.Errorf("conflict value: %w", err)
		}
		if c := s.col(v.field); c != nil {
			vals[c.local] = normalise(x)
		}
	}
	if err := a.update(s, id, key, local, vals, nil); err != nil {
		return true, err
	}
	for _, v := range all {
		if _, err := tx.ExecContext(ctx, `UPDATE team_conflicts SET resolved_at = ? WHERE id = ?`, stampNow(), v.id); err != nil {
			return true, err
		}
	}
	return true, nil
}
