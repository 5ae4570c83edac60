package team

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// A document (a spec with children) is written as several rows in several
// tables — its header and its lines, often lines after the header — so its
// triggers do not log each write: they mark the document dirty in
// team_dirty, with the document as it was before its first change (old).
// Before a push or a pull, materialise turns each dirty document into one
// change in the outbox, its new value the document as it stands; from there
// it is a change like any other. A later edit marks the document dirty again
// against what was materialised, so changes chain as the outbox's do.

// markDirty is the statement that marks document id dirty, unless it is
// already, with the document as it stands (run before the change).
func (s *tableSpec) markDirty(id string) string {
	return fmt.Sprintf(`INSERT INTO team_dirty (tbl, row_id, op, old, at)
		SELECT '%[1]s', t.id, 'update', %[2]s, %[3]s FROM %[1]s t
		WHERE t.id = %[4]s AND NOT EXISTS (SELECT 1 FROM team_dirty d WHERE d.tbl = '%[1]s' AND d.row_id = t.id);`,
		s.name, s.rowJSON("t"), nowSQL, id)
}

// dirtyTriggersSQL are the statements that install the triggers of a spec
// with children.
func (s *tableSpec) dirtyTriggersSQL() []string {
	var changed, cols []string
	for _, c := range s.cols {
		if c.expr != "" || c.pullOnly {
			continue
		}
		changed = append(changed, fmt.Sprintf("old.%s IS NOT new.%s", c.local, c.local))
		cols = append(cols, c.local)
	}
	out := []string{
		// A new document: its uid now, its content when pushed.
		fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s WHEN %s BEGIN
	UPDATE %[2]s SET uid = %[4]s WHERE id = new.id AND uid IS NULL;
	INSERT OR IGNORE INTO team_dirty (tbl, row_id, op, at) VALUES ('%[2]s', new.id, 'insert', %[5]s);
END`, triggerName(s.name, "insert"), s.name, notApplying, uidSQL, nowSQL),
		fmt.Sprintf(`CREATE TRIGGER %s BEFORE UPDATE OF %s ON %s WHEN %s AND (%s) BEGIN
	%s
END`, triggerName(s.name, "update"), strings.Join(cols, ", "), s.name, notApplying, strings.Join(changed, " OR "), s.markDirty("old.id")),
		// A deleted document: a change that deletes it, against the document
		// as the server last had it (before its first local change), unless
		// it never reached the server.
		fmt.Sprintf(`CREATE TRIGGER %s BEFORE DELETE ON %s WHEN %s BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, old, at)
		SELECT %s, '%[2]s', t.uid, 'delete', coalesce((SELECT d.old FROM team_dirty d WHERE d.tbl = '%[2]s' AND d.row_id = t.id), %[5]s), %[6]s
		FROM %[2]s t WHERE t.id = old.id AND t.uid IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM team_dirty d WHERE d.tbl = '%[2]s' AND d.row_id = t.id AND d.op = 'insert');
	DELETE FROM team_dirty WHERE tbl = '%[2]s' AND row_id = old.id;
END`, triggerName(s.name, "delete"), s.name, notApplying, uidSQL, s.rowJSON("t"), nowSQL),
	}
	for _, c := range s.doc.children {
		for _, op := range []string{"insert", "update", "delete"} {
			row := "new"
			if op != "insert" {
				row = "old"
			}
			out = append(out, fmt.Sprintf(`CREATE TRIGGER %s BEFORE %s ON %s WHEN %s BEGIN
	%s
END`, triggerName(s.name, c.table+"_"+op), strings.ToUpper(op), c.table, notApplying, s.markDirty(row+"."+c.parent)))
		}
	}
	return out
}

// materialise turns what waits in the rows themselves into changes in the
// outbox, in tx, before a push or a pull: the edits kept in team_old and the
// new rows found by their missing uid (kept.go), then every dirty document
// (one change per document, parents' tables first), and clears the marks. A
// row or a document edited back to what it was is no change.
func materialise(ctx context.Context, tx *sql.Tx) error {
	if err := upgradeOutbox(ctx, tx); err != nil {
		return err
	}
	if err := logKeptOld(ctx, tx); err != nil {
		return err
	}
	if err := logNewRows(ctx, tx); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM team_dirty LIMIT 1)`).Scan(&n); err != nil || n == 0 {
		return err
	}
	for _, s := range specs {
		if !s.lazy() {
			continue
		}
		q := fmt.Sprintf(`INSERT INTO team_outbox (change_id, tbl, row_key, op, old, new, at)
			SELECT %s, '%[2]s', x.uid, x.op, x.old, x.new, x.at FROM (
				SELECT t.uid AS uid, d.op AS op, d.old AS old, %[3]s AS new, d.at AS at, d.rowid AS seq
				FROM team_dirty d JOIN %[2]s t ON t.id = d.row_id WHERE d.tbl = '%[2]s') x
			WHERE x.uid IS NOT NULL AND (x.op = 'insert' OR x.old IS NOT x.new) ORDER BY x.seq`, uidSQL, s.name, s.rowJSON("t"))
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("read the changed %s: %w", s.name, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM team_dirty WHERE tbl = ?`, s.name); err != nil {
			return err
		}
	}
	return nil
}

// numberRepeats numbers the file's payments that repeat one another (one
// account, date, amount and reference) 1, 2, … in the order recorded, as the
// store numbers new ones: bulk writers (the demo, older files) leave every
// payment 1, and the team takes two payments with one number for one
// transfer. It runs before the file's rows first reach the team.
func numberRepeats(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE payments SET repeat_no = (SELECT count(*) FROM payments p
			WHERE p.account_id = payments.account_id AND p.paid_on = payments.paid_on AND p.amount_minor = payments.amount_minor
				AND p.reference = payments.reference AND p.id <= payments.id)
		WHERE EXISTS (SELECT 1 FROM payments p WHERE p.account_id = payments.account_id
			AND p.paid_on = payments.paid_on AND p.amount_minor = payments.amount_minor AND p.reference = payments.reference
			AND p.id <> payments.id)`)
	if err != nil {
		return fmt.Errorf("number repeated payments: %w", err)
	}
	return nil
}
