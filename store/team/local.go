package team

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"kontor/store"
)

// uidSQL is a new UUID (version 7: the milliseconds since 1970, then random
// bits) computed by SQLite, so that triggers can give rows their uid and
// changes their id in the transaction that writes them. Every call of
// random() is evaluated anew per row.
const uidSQL = `printf('%08x-%04x-7%03x-%04x-%012x', (CAST(unixepoch('subsec') * 1000 AS INTEGER) >> 16) & 4294967295,
	CAST(unixepoch('subsec') * 1000 AS INTEGER) & 65535, random() & 4095, 32768 | (random() & 16383), random() & 281474976710655)`

const nowSQL = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`

// notApplying is the triggers' guard: pulled changes are written with a row
// in team_applying, inside that transaction only.
const notApplying = `NOT EXISTS (SELECT 1 FROM team_applying)`

// rowArray is a JSON array of a row's synced fields in the spec's column
// order, references as the referenced rows' uids; alias is new, old or t.
//
// An array and not an object, and no per-column test in the triggers' WHEN
// clause: SQLite compiles a table's triggers into every statement that
// writes the table, and the store prepares its statements anew each time,
// so every key and comparison in a trigger is paid on each local write (the
// outbox's budget is 10 % of the write it records). The spec's columns may
// therefore only be appended to: a waiting change is read by position.
func (s *tableSpec) rowArray(alias string) string {
	parts := make([]string, 0, len(s.cols))
	for _, c := range s.cols {
		parts = append(parts, c.localExpr(alias))
	}
	return "json_array(" + strings.Join(parts, ", ") + ")"
}

// rowJSON is a JSON object of a row's synced fields under their server
// names, references as the referenced rows' uids, without the fields only
// the server sets; alias is t. Documents' changes are read whole from their
// tables at push (dirty.go), a few a round: the object's keys cost nothing
// on local writes there.
func (s *tableSpec) rowJSON(alias string) string {
	parts := make([]string, 0, 2*len(s.cols))
	for _, c := range s.cols {
		if c.pullOnly {
			continue
		}
		parts = append(parts, "'"+c.server+"'", c.localExpr(alias))
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

// localExpr is the column's value in the file, over alias: references as the
// referenced row's uid, virtual columns as text.
func (c column) localExpr(alias string) string {
	switch {
	case c.expr != "":
		// Virtual columns are read over alias t only (documents' changes
		// are read from the table, never from a trigger's old or new).
		return "((" + c.expr + ") || '')"
	case c.kind == kRef:
		return fmt.Sprintf("(SELECT r.uid FROM %s r WHERE r.id = %s.%s)", specByName[c.ref].name, alias, c.local)
	}
	return alias + "." + c.local
}

func (s *tableSpec) whereOn(alias string) string {
	if s.where == "" {
		return "1"
	}
	return strings.ReplaceAll(s.where, "t.", alias+".")
}

func triggerName(table, op string) string { return store.OutboxTriggerPrefix + table + "_" + op }

// triggersSQL are the statements that install the outbox triggers of s.
// A change is written with an empty change_id: the push gives waiting
// changes their ids (assignChangeIDs) before it sends them, which keeps the
// UUID's computation out of every local write. An update that changed no
// synced field is dropped by unchangedSQL, which compares the two arrays
// once, instead of the WHEN clause comparing column by column.
func (s *tableSpec) triggersSQL() []string {
	var cols []string
	for _, c := range s.cols {
		cols = append(cols, c.local)
	}
	var insertBody, deleteAlso string
	key := func(alias string) string { return alias + "." + s.keyCol }
	if s.deferredUID() {
		insertBody = fmt.Sprintf(`INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at, row_id)
		VALUES ('', '%[1]s', coalesce(new.uid, %[2]s), 'insert', %[3]s, %[4]s, iif(new.uid IS NULL, new.id, NULL));`,
			s.name, uidSQL, s.rowArray("new"), nowSQL)
		key = func(alias string) string {
			return fmt.Sprintf("coalesce(%[1]s.uid, (SELECT o.row_key FROM team_outbox o WHERE o.tbl = '%[2]s' AND o.row_id = %[1]s.id))", alias, s.name)
		}
		// The id of a deleted row may be taken by the next new one.
		deleteAlso = fmt.Sprintf(`
	UPDATE team_outbox SET row_id = NULL WHERE old.uid IS NULL AND tbl = '%s' AND row_id = old.id;`, s.name)
	} else if s.keyCol == "uid" {
		insertBody = fmt.Sprintf(`UPDATE %[1]s SET uid = %[2]s WHERE id = new.id AND uid IS NULL;
	INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at)
		VALUES ('', '%[1]s', coalesce(new.uid, (SELECT t.uid FROM %[1]s t WHERE t.id = new.id)), 'insert', %[3]s, %[4]s);`,
			s.name, uidSQL, s.rowArray("new"), nowSQL)
	} else {
		insertBody = fmt.Sprintf(`INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at)
		VALUES ('', '%[1]s', new.%[2]s, 'insert', %[3]s, %[4]s);`, s.name, s.keyCol, s.rowArray("new"), nowSQL)
	}
	return []string{
		fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s WHEN %s AND %s BEGIN
	%s
END`, triggerName(s.name, "insert"), s.name, notApplying, s.whereOn("new"), insertBody),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN %s AND %s BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, old, new, at)
		VALUES ('', '%s', %s, 'update', %s, %s, %s);
END`, triggerName(s.name, "update"), strings.Join(cols, ", "), s.name, notApplying, s.whereOn("new"),
			s.name, key("new"), s.rowArray("old"), s.rowArray("new"), nowSQL),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s WHEN %s AND %s BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, old, at)
		VALUES ('', '%s', %s, 'delete', %s, %s);%s
END`, triggerName(s.name, "delete"), s.name, notApplying, s.whereOn("old"), s.name, key("old"), s.rowArray("old"), nowSQL, deleteAlso),
	}
}

// unchangedName and unchangedSQL: an update that left every synced field as
// it was (a form saved unchanged, an import of an identical row) is not a
// change, and the outbox skips it.
const (
	unchangedName = "kontor_outbox_unchanged"
	unchangedSQL  = `CREATE TRIGGER ` + unchangedName + ` BEFORE INSERT ON team_outbox
	WHEN new.op = 'update' AND new.old IS new.new BEGIN SELECT RAISE(IGNORE); END`
)

// assignChangeIDs gives the waiting changes that have none their change id,
// in a transaction of its own that commits before any of them is sent: a
// push repeated after a failure sends the same ids.
func assignChangeIDs(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE team_outbox SET change_id = `+uidSQL+` WHERE change_id = ''`)
	return err
}

// deferredUID says whether a new row of s gets its uid when it is pushed
// (settleUIDs) rather than when it is written: a table no synced row refers
// to, whose uid no other row's change needs meanwhile.
func (s *tableSpec) deferredUID() bool {
	if s.keyCol != "uid" || s.lazy() {
		return false
	}
	for _, o := range specs {
		for _, c := range o.cols {
			if c.kind == kRef && c.ref == s.name {
				return false
			}
		}
	}
	return true
}

// settleUIDs writes into the rows whose uid was deferred the uid their
// waiting insert names, in tx: before a push sends them and before a pull
// looks rows up by uid.
func settleUIDs(ctx context.Context, tx *sql.Tx) error {
	type pending struct {
		tbl, uid string
		id       int64
	}
	var rows []pending
	err := store.EachRow(ctx, tx, `SELECT tbl, row_key, row_id FROM team_outbox WHERE row_id IS NOT NULL`, func(r *sql.Rows) error {
		var p pending
		err := r.Scan(&p.tbl, &p.uid, &p.id)
		rows = append(rows, p)
		return err
	})
	if err != nil || len(rows) == 0 {
		return err
	}
	for _, p := range rows {
		s := specByName[p.tbl]
		if s == nil || !s.deferredUID() {
			return fmt.Errorf("outbox: a deferred uid for %q", p.tbl)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+s.name+` SET uid = ? WHERE id = ? AND uid IS NULL`, p.uid, p.id); err != nil {
			return fmt.Errorf("give the new %s their uids: %w", s.name, err)
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE team_outbox SET row_id = NULL WHERE row_id IS NOT NULL`)
	return err
}

// assignUIDs gives every synced row that has none its uid: a deferred one
// the uid its waiting insert names, any other a new one.
func assignUIDs(ctx context.Context, tx *sql.Tx) error {
	if err := settleUIDs(ctx, tx); err != nil {
		return err
	}
	for _, s := range specs {
		if s.keyCol == "uid" {
			if _, err := tx.ExecContext(ctx, `UPDATE `+s.name+` SET uid = `+uidSQL+` WHERE uid IS NULL`); err != nil {
				return fmt.Errorf("give %s their uids: %w", s.name, err)
			}
		}
	}
	return nil
}

// dropTriggers removes the outbox triggers.
func dropTriggers(tx *sql.Tx) error {
	if _, err := tx.Exec(`DROP TRIGGER IF EXISTS ` + unchangedName); err != nil {
		return err
	}
	for _, s := range specs {
		for _, name := range s.triggerNames() {
			if _, err := tx.Exec(`DROP TRIGGER IF EXISTS ` + name); err != nil {
				return err
			}
		}
	}
	return nil
}

// triggerNames are the names of s's outbox triggers.
func (s *tableSpec) triggerNames() []string {
	if s.lazy() {
		return s.dirtyTriggerNames()
	}
	return []string{triggerName(s.name, "insert"), triggerName(s.name, "update"), triggerName(s.name, "delete")}
}

// install gives every synced row its uid and installs the outbox triggers
// (again, after a Kontor whose spec changed). It runs in tx.
func install(ctx context.Context, tx *sql.Tx) error {
	if err := assignUIDs(ctx, tx); err != nil {
		return err
	}
	if err := numberRepeats(ctx, tx); err != nil {
		return err
	}
	return installTriggers(ctx, tx)
}

// installTriggers installs the outbox triggers, replacing any there are.
func installTriggers(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{`DROP TRIGGER IF EXISTS ` + unchangedName, unchangedSQL} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("install the outbox: %w", err)
		}
	}
	for _, s := range specs {
		for _, name := range s.triggerNames() {
			if _, err := tx.ExecContext(ctx, `DROP TRIGGER IF EXISTS `+name); err != nil {
				return err
			}
		}
		install := s.triggersSQL
		if s.lazy() {
			install = s.dirtyTriggersSQL
		}
		for _, q := range install() {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("install the outbox of %s: %w", s.name, err)
			}
		}
	}
	return nil
}

// Keys of team_state.
const (
	stateURL      = "url"
	stateLogin    = "login"
	stateName     = "name"
	stateRole     = "role"
	stateSeries   = "series_prefix" // the person's series prefix: store numbers their documents with it
	stateCursor   = "cursor"
	stateLastSync = "last_sync"
	stateAttempt  = "last_attempt"
	stateError    = "last_error"
	stateErrorKey = "last_error_key"
	stateErrCode  = "last_error_code"
	stateErrArgs  = "last_error_args"
)

func readState(ctx context.Context, q interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM team_state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, rows.Err()
}

func setState(ctx context.Context, tx *sql.Tx, kv map[string]string) error {
	for k, v := range kv {
		if _, err := tx.ExecContext(ctx, `INSERT INTO team_state (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return err
		}
	}
	return nil
}

// applying marks tx as writing what the server sent: the outbox triggers
// skip its writes. The mark is removed before tx ends.
func applying(ctx context.Context, tx *sql.Tx) (done func() error, err error) {
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO team_applying (applying) VALUES (1)`); err != nil {
		return nil, err
	}
	return func() error {
		_, err := tx.ExecContext(ctx, `DELETE FROM team_applying`)
		return err
	}, nil
}

func stampNow() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }
