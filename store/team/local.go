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
// An array and not an object: its keys would be paid on each local write
// that a trigger records (the outbox's budget is 10 % of the write). The
// spec's columns may therefore only be appended to: a waiting change, and a
// row's team_old, are read by position.
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

// triggersSQL are the statements that install the outbox triggers of s:
// keptOldTriggersSQL for the tables with uids, dirtyTriggersSQL for
// documents, and for settings a change logged by each write (an update that
// changed nothing is dropped by unchangedSQL). A change is written with an
// empty change_id: the push gives waiting changes their ids
// (assignChangeIDs) before it sends them, which keeps the UUID's computation
// out of every local write.
func (s *tableSpec) triggersSQL() []string {
	switch {
	case s.lazy():
		return s.dirtyTriggersSQL()
	case s.keepsOld():
		return s.keptOldTriggersSQL()
	}
	var cols []string
	for _, c := range s.cols {
		cols = append(cols, c.local)
	}
	key := func(alias string) string { return alias + "." + s.keyCol }
	return []string{
		fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s WHEN %s AND %s BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at) VALUES ('', '%[2]s', %s, 'insert', %s, %s);
END`, triggerName(s.name, "insert"), s.name, notApplying, s.whereOn("new"), key("new"), s.rowArray("new"), nowSQL),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN %s AND %s BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, old, new, at)
		VALUES ('', '%s', %s, 'update', %s, %s, %s);
END`, triggerName(s.name, "update"), strings.Join(cols, ", "), s.name, notApplying, s.whereOn("new"),
			s.name, key("new"), s.rowArray("old"), s.rowArray("new"), nowSQL),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s WHEN %s AND %s BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, old, at)
		VALUES ('', '%s', %s, 'delete', %s, %s);
END`, triggerName(s.name, "delete"), s.name, notApplying, s.whereOn("old"), s.name, key("old"), s.rowArray("old"), nowSQL),
	}
}

// unchangedName and unchangedSQL: an update of a setting that left its value
// as it was (a form saved unchanged) is not a change, and the outbox skips
// it. The tables with uids compare in their update trigger (kept.go).
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

// settleUIDs writes into new rows the uid their waiting insert names (the
// inserts logNewRows writes, and those Kontor's triggers wrote before
// schema 14), in tx: before a push sends them and before a pull looks rows
// up by uid.
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
		if s == nil || s.keyCol != "uid" {
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

// dropTriggers removes the outbox triggers, those of an older Kontor too.
func dropTriggers(ctx context.Context, tx *sql.Tx) error {
	var names []string
	err := store.EachRow(ctx, tx, `SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE ? ESCAPE '\'`, func(r *sql.Rows) error {
		var n string
		err := r.Scan(&n)
		names = append(names, n)
		return err
	}, strings.ReplaceAll(store.OutboxTriggerPrefix, "_", `\_`)+"%")
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+n); err != nil {
			return err
		}
	}
	return nil
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

// outboxVersion names the outbox triggers installTriggers writes: a file
// joined by an older Kontor gets them at its next sync (upgradeOutbox).
const outboxVersion = "2"

// installTriggers installs the outbox triggers, replacing any there are, and
// records their version. Every synced row has its uid by then.
func installTriggers(ctx context.Context, tx *sql.Tx) error {
	if err := dropTriggers(ctx, tx); err != nil {
		return fmt.Errorf("install the outbox: %w", err)
	}
	if _, err := tx.ExecContext(ctx, unchangedSQL); err != nil {
		return fmt.Errorf("install the outbox: %w", err)
	}
	for _, s := range specs {
		for _, q := range s.triggersSQL() {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("install the outbox of %s: %w", s.name, err)
			}
		}
	}
	if err := markNewRowsSeen(ctx, tx); err != nil {
		return err
	}
	return setState(ctx, tx, map[string]string{stateOutbox: outboxVersion})
}

// upgradeOutbox replaces the outbox triggers of a file joined by an older
// Kontor, in tx, after settling what they left waiting.
func upgradeOutbox(ctx context.Context, tx *sql.Tx) error {
	m, err := readState(ctx, tx)
	if err != nil || m[stateOutbox] == outboxVersion || m[stateURL] == "" {
		return err
	}
	if err := settleUIDs(ctx, tx); err != nil {
		return err
	}
	return installTriggers(ctx, tx)
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
	stateOutbox   = "outbox" // the version of the outbox triggers (outboxVersion)
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
