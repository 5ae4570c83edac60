package team

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"kontor/store"
)

type pullResult struct {
	pulled, removed, conflicts int
}

// serverRows runs a select of s's rows and calls fn for each.
func serverRows(ctx context.Context, tx pgx.Tx, s *tableSpec, where string, args []any, fn func(serverRow) error) error {
	q := `SELECT ` + s.serverSelect("x") + ` FROM kontor.` + s.server + ` x WHERE ` + where
	if s.doc != nil && s.doc.order != "" {
		q += ` ORDER BY ` + s.doc.order
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return serverError("pull "+s.name, err)
	}
	defer rows.Close()
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return serverError("pull "+s.name, err)
		}
		r := serverRow{key: vals[0].(string), vals: make([]any, len(s.cols))}
		for i := range s.cols {
			r.vals[i] = fromServer(vals[i+1])
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return serverError("pull "+s.name, rows.Err())
}

// localPullState is what a pull needs to know of the file first.
type localPullState struct {
	cursor  int64
	refetch map[string][]string // table → keys
}

func readPullState(ctx context.Context, db *store.DB) (localPullState, error) {
	st := localPullState{refetch: map[string][]string{}}
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		var cur sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT value FROM team_state WHERE key = ?`, stateCursor).Scan(&cur); err != nil && err != sql.ErrNoRows {
			return err
		}
		st.cursor, _ = strconv.ParseInt(cur.String, 10, 64)
		rows, err := tx.QueryContext(ctx, `SELECT tbl, row_key FROM team_refetch`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t, k string
			if err := rows.Scan(&t, &k); err != nil {
				return err
			}
			st.refetch[t] = append(st.refetch[t], k)
		}
		return rows.Err()
	})
	return st, err
}

// pulled is everything one pull read from the server, in one snapshot.
type pulled struct {
	head      int64
	rows      map[string][]serverRow // by table
	deleted   map[string][]string    // table → keys deleted on the server
	departed  []string               // accounts that left this person
	refetched map[string]map[string]bool
}

// largePull is the number of pulled rows from which the file is written
// with a large page cache (store.LargeWriteTx).
const largePull = 1000

// size is the number of rows pulled, deleted and departed.
func (p *pulled) size() int {
	n := len(p.departed)
	for _, rows := range p.rows {
		n += len(rows)
	}
	for _, keys := range p.deleted {
		n += len(keys)
	}
	return n
}

// pull reads what changed on the server since the file's cursor — in one
// REPEATABLE READ snapshot together with the head, so the next pull starts
// exactly where this one ended — and writes it into the file in one
// transaction. An account that arrived (reassigned to this person) comes in
// full; one that left is removed once its waiting changes are pushed.
func pull(ctx context.Context, s *session, db *store.DB) (pullResult, error) {
	st, err := readPullState(ctx, db)
	if err != nil {
		return pullResult{}, err
	}
	tx, err := s.conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return pullResult{}, serverError("begin the pull", err)
	}
	defer tx.Rollback(context.Background())
	p := pulled{rows: map[string][]serverRow{}, deleted: map[string][]string{}, refetched: map[string]map[string]bool{}}
	if err := tx.QueryRow(ctx, `SELECT seq FROM kontor.head`).Scan(&p.head); err != nil {
		return pullResult{}, serverError("read the head", err)
	}
	if p.head != st.cursor || len(st.refetch) > 0 {
		if err := readChanges(ctx, tx, db, st, &p); err != nil {
			return pullResult{}, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return pullResult{}, serverError("end the pull", err)
	}
	return writePulled(ctx, db, st, &p)
}

func readChanges(ctx context.Context, tx pgx.Tx, db *store.DB, st localPullState, p *pulled) error {
	collect := func(table string) func(serverRow) error {
		return func(r serverRow) error {
			p.rows[table] = append(p.rows[table], r)
			return nil
		}
	}
	for _, s := range specs {
		if err := serverRows(ctx, tx, s, `x.rev > $1`, []any{st.cursor}, collect(s.name)); err != nil {
			return err
		}
		if keys := st.refetch[s.name]; len(keys) > 0 {
			found := map[string]bool{}
			p.refetched[s.name] = found
			keyParam := `x.` + s.serverKey() + `::text = ANY ($1::text[])`
			if err := serverRows(ctx, tx, s, keyParam, []any{keys}, func(r serverRow) error {
				found[r.key] = true
				p.rows[s.name] = append(p.rows[s.name], r)
				return nil
			}); err != nil {
				return err
			}
			for _, k := range keys {
				if !found[k] {
					p.deleted[s.name] = append(p.deleted[s.name], k)
				}
			}
		}
	}
	// Accounts new to this file come with everything under them, whatever
	// its rev: they were reassigned to this person after the rows changed.
	if st.cursor > 0 && len(p.rows["accounts"]) > 0 {
		var uids []string
		for _, r := range p.rows["accounts"] {
			uids = append(uids, r.key)
		}
		var missing []string
		err := db.ReadTx(ctx, func(ltx *sql.Tx) error {
			have := map[string]bool{}
			rows, err := ltx.QueryContext(ctx, `SELECT uid FROM accounts WHERE uid IN (SELECT value FROM json_each(?))`, encodeJSON(uids))
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var u string
				if err := rows.Scan(&u); err != nil {
					return err
				}
				have[u] = true
			}
			for _, u := range uids {
				if !have[u] {
					missing = append(missing, u)
				}
			}
			return rows.Err()
		})
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			for _, s := range specs {
				if s.account == "" || s.name == "accounts" {
					continue
				}
				if err := serverRows(ctx, tx, s, `x.`+s.account+`::text = ANY ($1::text[]) AND x.rev <= $2`,
					[]any{missing, st.cursor}, collect(s.name)); err != nil {
					return err
				}
			}
		}
	}
	rows, err := tx.Query(ctx, `SELECT tbl, row_key FROM kontor.changes WHERE seq > $1 AND op = 'delete' ORDER BY seq`, st.cursor)
	if err != nil {
		return serverError("pull deletions", err)
	}
	for rows.Next() {
		var tbl, key string
		if err := rows.Scan(&tbl, &key); err != nil {
			rows.Close()
			return serverError("pull deletions", err)
		}
		for _, s := range specs {
			if s.server == tbl {
				p.deleted[s.name] = append(p.deleted[s.name], key)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return serverError("pull deletions", err)
	}
	// An owner change the person sees in the log but whose account they no
	// longer see: the account left them.
	rows, err = tx.Query(ctx, `SELECT DISTINCT c.row_key FROM kontor.changes c WHERE c.seq > $1 AND c.tbl = 'accounts'
		AND c.op = 'update' AND c.fields ? 'owner'
		AND NOT EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid::text = c.row_key)`, st.cursor)
	if err != nil {
		return serverError("pull reassignments", err)
	}
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			rows.Close()
			return serverError("pull reassignments", err)
		}
		p.departed = append(p.departed, key)
	}
	rows.Close()
	return serverError("pull reassignments", rows.Err())
}

func writePulled(ctx context.Context, db *store.DB, st localPullState, p *pulled) (pullResult, error) {
	var res pullResult
	write := db.WriteTx
	if p.size() > largePull {
		write = db.LargeWriteTx
	}
	err := write(ctx, func(tx *sql.Tx) error {
		// Documents changed since the push are changes waiting like any
		// other: the pull leaves their fields to the next push.
		if err := materialise(ctx, tx); err != nil {
			return err
		}
		done, err := applying(ctx, tx)
		if err != nil {
			return err
		}
		a, err := newApplier(ctx, tx, false)
		if err != nil {
			return err
		}
		defer a.close()
		a.staging = true
		for _, s := range specs {
			a.current = s
			rows := p.rows[s.name]
			if s.inOrderOf != "" {
				i := slices.IndexFunc(s.cols, func(c column) bool { return c.local == s.inOrderOf })
				slices.SortStableFunc(rows, func(x, y serverRow) int {
					xv, _ := x.vals[i].(string)
					yv, _ := y.vals[i].(string)
					return strings.Compare(xv, yv)
				})
			}
			for _, r := range rows {
				if err := a.apply(s, r); err != nil {
					return err
				}
			}
			if err := a.finish(); err != nil {
				return err
			}
		}
		for i := len(specs) - 1; i >= 0; i-- {
			s := specs[i]
			for _, k := range p.deleted[s.name] {
				if a.pending[s.name+"/"+k] != nil {
					continue // the push decides: it will find the row deleted
				}
				if err := a.noteLedger(s, k); err != nil {
					return err
				}
				if err := removeRow(ctx, tx, s, k); err != nil {
					return err
				}
				res.pulled++
			}
		}
		if err := a.settle(); err != nil {
			return err
		}
		for _, k := range p.departed {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO team_departures (account_uid) VALUES (?)`, k); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM team_refetch`); err != nil {
			return err
		}
		n, err := removeDepartures(ctx, tx)
		if err != nil {
			return err
		}
		res.removed = n
		res.pulled += a.written
		res.conflicts = a.conf
		if err := setState(ctx, tx, map[string]string{stateCursor: strconv.FormatInt(p.head, 10)}); err != nil {
			return err
		}
		return done()
	})
	return res, err
}

// removeDepartures removes the accounts that left this person, each once
// none of its changes waits in the outbox (they are pushed first).
func removeDepartures(ctx context.Context, tx *sql.Tx) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.account_uid FROM team_departures d
		WHERE NOT EXISTS (SELECT 1 FROM team_outbox o WHERE (o.tbl = 'accounts' AND o.row_key = d.account_uid)
			OR json_extract(coalesce(o.new, o.old), '$.account_uid') = d.account_uid)`)
	if err != nil {
		return 0, err
	}
	var gone []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return 0, err
		}
		gone = append(gone, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, k := range gone {
		if err := removeRow(ctx, tx, specByName["accounts"], k); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM team_departures WHERE account_uid = ?`, k); err != nil {
			return 0, err
		}
	}
	return len(gone), nil
}
