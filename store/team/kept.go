package team

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// The outbox's budget is 10 % of the local write it records, and a row of
// its own costs about that much alone: one more 4 KB page in the log on each
// write, besides the trigger's work. So the tables with uids log only their
// deletes, and the rest of a change waits in a page the write fills anyway:
//   - an edit: the row keeps its synced fields as they were before its first
//     edit since the last push, in team_old (the server's version, which the
//     push needs to merge field by field); the trigger writes it once, and the
//     table's name once into team_marks. Later edits of the row cost nothing.
//   - a new row of a foundNew table (an activity): nothing at all. It is the
//     row without a uid, above the highest id the last push saw (stateNewAfter).
// materialise turns both into ordinary changes, in the outbox, before a push
// or a pull reads it.

// keepsOld says whether s's edits wait in their rows (team_old).
func (s *tableSpec) keepsOld() bool { return s.keyCol == "uid" && !s.lazy() }

// stateNewAfter is the team_state key of the highest id of s that the last
// push saw: the new rows of a foundNew table are above it.
func (s *tableSpec) stateNewAfter() string { return "new_after." + s.name }

// keptOldTriggersSQL are the outbox triggers of a table with uids.
func (s *tableSpec) keptOldTriggersSQL() []string {
	var cols []string
	for _, c := range s.cols {
		cols = append(cols, c.local)
	}
	var out []string
	if s.foundNew {
		// The next new row takes the highest id plus one: when the row with
		// the highest id goes, the mark goes down with it, or a new row
		// would reuse an id below the mark and never be found.
		maxID := fmt.Sprintf(`coalesce((SELECT max(id) FROM %s), 0)`, s.name)
		out = append(out, fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s WHEN old.id > %s BEGIN
	UPDATE team_state SET value = CAST(%[3]s AS TEXT) WHERE key = '%[4]s' AND CAST(value AS INTEGER) > %[3]s;
END`, triggerName(s.name, "reuse"), s.name, maxID, s.stateNewAfter()))
	} else {
		out = append(out, fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s WHEN %s AND %s BEGIN
	UPDATE %[2]s SET uid = %[5]s WHERE id = new.id AND uid IS NULL;
	INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at)
		VALUES ('', '%[2]s', coalesce(new.uid, (SELECT t.uid FROM %[2]s t WHERE t.id = new.id)), 'insert', %[6]s, %[7]s);
END`, triggerName(s.name, "insert"), s.name, notApplying, s.whereOn("new"), uidSQL, s.rowArray("new"), nowSQL))
	}
	// An edit of a row without a uid is none: the row never reached the
	// server, and its insert carries it as it stands when pushed. Fields are
	// compared column by column, references by their ids (the arrays would
	// look their uids up).
	var changed []string
	for _, c := range cols {
		changed = append(changed, fmt.Sprintf("old.%s IS NOT new.%[1]s", c))
	}
	out = append(out, fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s
	WHEN new.team_old IS NULL AND old.uid IS NOT NULL AND %s AND %s AND (%s) BEGIN
	UPDATE %[3]s SET team_old = %[7]s WHERE id = new.id;
	INSERT OR IGNORE INTO team_marks (tbl) VALUES ('%[3]s');
END`, triggerName(s.name, "update"), strings.Join(cols, ", "), s.name, notApplying, s.whereOn("new"), strings.Join(changed, " OR "), s.rowArray("old")),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s WHEN old.uid IS NOT NULL AND %s AND %s BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, old, at)
		VALUES ('', '%[2]s', old.uid, 'delete', coalesce(old.team_old, %[5]s), %[6]s);
END`, triggerName(s.name, "delete"), s.name, notApplying, s.whereOn("old"), s.rowArray("old"), nowSQL))
	return out
}

// logKeptOld turns every row whose edits wait in team_old into one change in
// the outbox, tables in their spec order, and clears team_old and the marks.
func logKeptOld(ctx context.Context, tx *sql.Tx) error {
	marked, err := markedTables(ctx, tx)
	if err != nil || len(marked) == 0 {
		return err
	}
	for _, s := range specs {
		if !marked[s.name] {
			continue
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO team_outbox (change_id, tbl, row_key, op, old, new, at)
			SELECT '', '%[1]s', t.uid, 'update', t.team_old, %[2]s, %[3]s FROM %[1]s t WHERE %[4]s ORDER BY t.id`,
			s.name, s.rowArray("t"), nowSQL, s.editedWhere())); err != nil {
			return fmt.Errorf("read the edited %s: %w", s.name, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+s.name+` SET team_old = NULL WHERE team_old IS NOT NULL`); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM team_marks`)
	return err
}

// markedTables are the tables with edits waiting in team_old.
func markedTables(ctx context.Context, q queryer) (map[string]bool, error) {
	marked := map[string]bool{}
	rows, err := q.QueryContext(ctx, `SELECT tbl FROM team_marks`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		if specByName[t] == nil || !specByName[t].keepsOld() {
			return nil, fmt.Errorf("outbox: edits marked in %q", t)
		}
		marked[t] = true
	}
	return marked, rows.Err()
}

// logNewRows writes an insert into the outbox for every new row of the
// foundNew tables, gives the rows the uids their inserts name (settleUIDs)
// and moves the marks past them.
func logNewRows(ctx context.Context, tx *sql.Tx) error {
	for _, s := range specs {
		if !s.foundNew {
			continue
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at, row_id)
			SELECT '', '%[1]s', %[2]s, 'insert', %[3]s, %[4]s, t.id FROM %[1]s t WHERE %[5]s ORDER BY t.id`,
			s.name, uidSQL, s.rowArray("t"), nowSQL, s.newWhere())); err != nil {
			return fmt.Errorf("read the new %s: %w", s.name, err)
		}
	}
	if err := settleUIDs(ctx, tx); err != nil {
		return err
	}
	return markNewRowsSeen(ctx, tx)
}

// editedWhere selects, over alias t, the rows of s whose edits wait in
// team_old and change a field (one edited back to what it was does not).
func (s *tableSpec) editedWhere() string {
	return `t.team_old IS NOT NULL AND t.team_old IS NOT ` + s.rowArray("t")
}

// newWhere selects, over alias t, the new rows of a foundNew spec: without a
// uid, above the highest id the last push saw. A file whose outbox has no
// mark yet (joined by an older Kontor, upgradeOutbox not run) logged its new
// rows when they were written.
func (s *tableSpec) newWhere() string {
	return fmt.Sprintf(`t.id > coalesce((SELECT CAST(value AS INTEGER) FROM team_state WHERE key = '%s'), (SELECT max(id) FROM %s), 0)
		AND t.uid IS NULL AND %s`, s.stateNewAfter(), s.name, s.whereOn("t"))
}

// markNewRowsSeen moves the mark of each foundNew table to its highest id,
// in tx, once its rows all have uids; it writes only a mark that moves, so
// an idle round writes nothing.
func markNewRowsSeen(ctx context.Context, tx *sql.Tx) error {
	for _, s := range specs {
		if !s.foundNew {
			continue
		}
		var mark sql.NullInt64
		var top int64
		if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT (SELECT CAST(value AS INTEGER) FROM team_state WHERE key = '%s'),
			coalesce((SELECT max(id) FROM %s), 0)`, s.stateNewAfter(), s.name)).Scan(&mark, &top); err != nil {
			return err
		}
		if !mark.Valid || mark.Int64 != top {
			if err := setState(ctx, tx, map[string]string{s.stateNewAfter(): strconv.FormatInt(top, 10)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// waitingInRows counts the changes that wait in the rows themselves: the
// edited rows and the new ones.
func waitingInRows(ctx context.Context, q queryer) (int, error) {
	marked, err := markedTables(ctx, q)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, s := range specs {
		var counts []string
		if marked[s.name] {
			counts = append(counts, `(SELECT count(*) FROM `+s.name+` t WHERE `+s.editedWhere()+`)`)
		}
		if s.foundNew {
			counts = append(counts, `(SELECT count(*) FROM `+s.name+` t WHERE `+s.newWhere()+`)`)
		}
		if len(counts) == 0 {
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT `+strings.Join(counts, " + ")).Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// queryer is a transaction or a database.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
