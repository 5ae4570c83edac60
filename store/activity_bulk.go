package store

import (
	"context"
	"database/sql"
	"fmt"
)

// rebuildHistoryIndex writes activities_fts afresh from the live activities,
// in ascending rowid (time) order: FTS5 then appends to growing segments
// instead of starting a new one at every fall in rowid. When the ids are not
// known to be in time order (inIDOrder false), the keys are sorted on their
// own first, in a small temporary table keyed by them, so the texts are never
// sorted. While it writes, FTS5 keeps up to 64 MB of terms in memory and does
// not merge segments as it goes. Bulk writers call it after writing with the
// triggers suspended.
func rebuildHistoryIndex(ctx context.Context, tx *sql.Tx, inIDOrder bool) error {
	fill := `INSERT INTO activities_fts (rowid, body)
		SELECT ` + ftsKey + `, '_a' || t.account_id || ' ' || kontor_fold(t.subject || ' ' || t.notes)
		FROM activities t WHERE t.deleted_at IS NULL ORDER BY t.id`
	steps := []string{
		`INSERT INTO activities_fts (activities_fts) VALUES ('delete-all')`,
		`INSERT INTO activities_fts (activities_fts, rank) VALUES ('automerge', 0)`,
		`INSERT INTO activities_fts (activities_fts, rank) VALUES ('hashsize', 67108864)`,
	}
	if inIDOrder {
		steps = append(steps, fill)
	} else {
		steps = append(steps,
			`CREATE TEMP TABLE history_keys (k INTEGER PRIMARY KEY, id INTEGER NOT NULL)`,
			`INSERT INTO temp.history_keys SELECT `+ftsKey+`, t.id FROM activities t WHERE t.deleted_at IS NULL`,
			`INSERT INTO activities_fts (rowid, body)
				SELECT h.k, '_a' || t.account_id || ' ' || kontor_fold(t.subject || ' ' || t.notes)
				FROM temp.history_keys h CROSS JOIN activities t ON t.id = h.id ORDER BY h.k`,
			`DROP TABLE temp.history_keys`)
	}
	steps = append(steps,
		// Back to FTS5's defaults for the small writes of everyday use.
		`INSERT INTO activities_fts (activities_fts, rank) VALUES ('automerge', 4)`,
		`INSERT INTO activities_fts (activities_fts, rank) VALUES ('hashsize', 1048576)`)
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// refreshLastContact sets every account's last_contact_at from its live calls,
// meetings and e-mails, for bulk writers that suspended the triggers keeping it.
func refreshLastContact(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET last_contact_at = (SELECT t.occurred_at FROM activities t
		WHERE t.account_id = accounts.id AND t.deleted_at IS NULL AND t.kind IN `+contactKinds+`
		ORDER BY t.occurred_at DESC LIMIT 1)`)
	return err
}

// suspendActivityTriggers drops every trigger on activities (the history index
// and the last contact) and returns what restores them. A bulk writer calls
// rebuildHistoryIndex and refreshLastContact after it. Without triggers an
// INSERT of one row needs no statement journal either, so each row costs
// about half as much.
func suspendActivityTriggers(ctx context.Context, tx *sql.Tx) (restore func() error, err error) {
	return suspendSchema(ctx, tx, "activities", "trigger")
}

// suspendActivityIndexes drops the indexes of activities and returns what
// builds them again: a writer filling an empty table lets SQLite sort each
// index once at the end instead of inserting into it row by row in random order.
func suspendActivityIndexes(ctx context.Context, tx *sql.Tx) (restore func() error, err error) {
	return suspendSchema(ctx, tx, "activities", "index")
}

// suspendSchema drops the named objects of type typ on table.
func suspendSchema(ctx context.Context, tx *sql.Tx, table, typ string) (restore func() error, err error) {
	type trigger struct{ name, sql string }
	var dropped []trigger
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = ? AND tbl_name = ?
		AND sql IS NOT NULL ORDER BY name`, typ, table)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t trigger
		if err := rows.Scan(&t.name, &t.sql); err != nil {
			rows.Close()
			return nil, err
		}
		dropped = append(dropped, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, t := range dropped {
		if _, err := tx.ExecContext(ctx, `DROP `+typ+` "`+t.name+`"`); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, t := range dropped {
			if _, err := tx.ExecContext(ctx, t.sql); err != nil {
				return fmt.Errorf("restore %s %s: %w", typ, t.name, err)
			}
		}
		return nil
	}, nil
}
