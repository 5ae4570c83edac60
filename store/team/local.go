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

// rowJSON is a JSON object of a row's synced fields under their server
// names, references as the referenced rows' uids; alias is new, old or t.
func (s *tableSpec) rowJSON(alias string) string {
	parts := make([]string, 0, 2*len(s.cols))
	for _, c := range s.cols {
		v := alias + "." + c.local
		if c.kind == kRef {
			v = fmt.Sprintf("(SELECT r.uid FROM %s r WHERE r.id = %s.%s)", specByName[c.ref].name, alias, c.local)
		}
		parts = append(parts, "'"+c.server+"'", v)
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

func (s *tableSpec) whereOn(alias string) string {
	if s.where == "" {
		return "1"
	}
	return strings.ReplaceAll(s.where, "t.", alias+".")
}

func triggerName(table, op string) string { return store.OutboxTriggerPrefix + table + "_" + op }

// triggersSQL are the statements that install the outbox triggers of s.
func (s *tableSpec) triggersSQL() []string {
	var changed, cols []string
	for _, c := range s.cols {
		changed = append(changed, fmt.Sprintf("old.%s IS NOT new.%s", c.local, c.local))
		cols = append(cols, c.local)
	}
	var insertBody string
	if s.keyCol == "uid" {
		insertBody = fmt.Sprintf(`UPDATE %[1]s SET uid = %[2]s WHERE id = new.id AND uid IS NULL;
	INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at)
		SELECT %[2]s, '%[1]s', t.uid, 'insert', %[3]s, %[4]s FROM %[1]s t WHERE t.id = new.id;`,
			s.name, uidSQL, s.rowJSON("t"), nowSQL)
	} else {
		insertBody = fmt.Sprintf(`INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at)
		VALUES (%[2]s, '%[1]s', new.%[3]s, 'insert', %[4]s, %[5]s);`, s.name, uidSQL, s.keyCol, s.rowJSON("new"), nowSQL)
	}
	return []string{
		fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON %s WHEN %s AND %s BEGIN
	%s
END`, triggerName(s.name, "insert"), s.name, notApplying, s.whereOn("new"), insertBody),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER UPDATE OF %s ON %s WHEN %s AND %s AND (%s) BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, old, new, at)
		VALUES (%s, '%s', new.%s, 'update', %s, %s, %s);
END`, triggerName(s.name, "update"), strings.Join(cols, ", "), s.name, notApplying, s.whereOn("new"), strings.Join(changed, " OR "),
			uidSQL, s.name, s.keyCol, s.rowJSON("old"), s.rowJSON("new"), nowSQL),
		fmt.Sprintf(`CREATE TRIGGER %s AFTER DELETE ON %s WHEN %s AND %s BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, old, at)
		VALUES (%s, '%s', old.%s, 'delete', %s, %s);
END`, triggerName(s.name, "delete"), s.name, notApplying, s.whereOn("old"), uidSQL, s.name, s.keyCol, s.rowJSON("old"), nowSQL),
	}
}

// assignUIDs gives every synced row that has none its uid.
func assignUIDs(ctx context.Context, tx *sql.Tx) error {
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
	for _, s := range specs {
		for _, op := range []string{"insert", "update", "delete"} {
			if _, err := tx.Exec(`DROP TRIGGER IF EXISTS ` + triggerName(s.name, op)); err != nil {
				return err
			}
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
	for _, s := range specs {
		for _, op := range []string{"insert", "update", "delete"} {
			if _, err := tx.ExecContext(ctx, `DROP TRIGGER IF EXISTS `+triggerName(s.name, op)); err != nil {
				return err
			}
		}
		for _, q := range s.triggersSQL() {
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
