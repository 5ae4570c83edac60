package team

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"kontor/domain"
	"kontor/store"
)

// Join implements domain.TeamService. The file gets uids and its outbox;
// then everything the person may see is read in one snapshot, with the head
// as the cursor, and written in one transaction. A file that already held
// data keeps it: its rows are matched with the team's by natural key, every
// difference goes to the Conflicts list (the team's value stands), and rows
// the team lacks are pushed as new.
func (s *Service) Join(ctx context.Context, j domain.TeamJoin) (*domain.SyncResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	server, err := serverURL(j.URL)
	if err != nil {
		return nil, err
	}
	sess, err := openSession(ctx, j.URL, j.Login, j.Password)
	if err != nil {
		return nil, err
	}
	defer sess.close()
	st, err := s.Status(ctx)
	if err != nil {
		return nil, err
	}
	if st.Joined && (st.Server != server || st.Login != sess.login) {
		return nil, domain.Errorf(domain.EConflict, "team.joined_elsewhere",
			"this file is already joined to {{.Server}} as {{.Login}}; use a new file to join another team",
			map[string]any{"Server": st.Server, "Login": st.Login})
	}
	password := j.Password
	if password == "" {
		password = sess.conn.Config().Password
	}
	if err := s.creds.SetPassword(server, sess.login, password); err != nil {
		return nil, fmt.Errorf("keep the password: %w", err)
	}
	res := &domain.SyncResult{}
	if !st.Joined {
		only := s.joinSpecs
		if only == nil {
			only = specs
		}
		n, conflicts, err := joinPull(ctx, sess, s.db, server, only)
		if err != nil {
			return nil, err
		}
		res.Pulled, res.Conflicts = n, conflicts
	}
	// The file's own rows the team lacked are pushed now; then a normal pull.
	ps, err := push(ctx, sess, s.db)
	if err != nil {
		return nil, err
	}
	pl, err := pull(ctx, sess, s.db)
	if err != nil {
		return nil, err
	}
	res.Pushed, res.Refused = ps.pushed, ps.refused
	res.Conflicts += ps.conflicts + pl.conflicts
	res.Pulled += pl.pulled
	res.Duration = time.Since(start)
	s.recordAttempt(start, nil)
	return res, nil
}

// hasData reports whether the file holds any synced row.
func hasData(ctx context.Context, tx *sql.Tx) (bool, error) {
	for _, s := range specs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+s.name+` t WHERE `+s.whereOn("t")+` LIMIT 1)`).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

func joinPull(ctx context.Context, sess *session, db *store.DB, server string, only []*tableSpec) (pulled, conflicts int, err error) {
	tx, err := sess.conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return 0, 0, serverError("begin the join", err)
	}
	defer tx.Rollback(context.Background())
	var head int64
	if err := tx.QueryRow(ctx, `SELECT seq FROM kontor.head`).Scan(&head); err != nil {
		return 0, 0, serverError("read the head", err)
	}
	var existing bool
	if err := db.ReadTx(ctx, func(ltx *sql.Tx) error {
		var err error
		existing, err = hasData(ctx, ltx)
		return err
	}); err != nil {
		return 0, 0, err
	}
	if !existing {
		// FillTx puts back the triggers it found: installTriggers makes the
		// outbox's at the end.
		if err := db.WriteTx(ctx, func(tx *sql.Tx) error { return dropTriggers(ctx, tx) }); err != nil {
			return 0, 0, err
		}
	}
	var a *applier
	var done func() error
	defer func() {
		if a != nil {
			a.close()
		}
	}()
	fill := func(ltx *sql.Tx) error {
		// The file's own rows get their uids now (the unmatched ones are
		// queued under them); the outbox triggers come last: the rows
		// written meanwhile are the team's, and a table without triggers
		// takes a row without a statement journal, in about half the time.
		if err := assignUIDs(ctx, ltx); err != nil {
			return err
		}
		if err := numberRepeats(ctx, ltx); err != nil {
			return err
		}
		if err := dropTriggers(ctx, ltx); err != nil {
			return err
		}
		if done, err = applying(ctx, ltx); err != nil {
			return err
		}
		if a, err = newApplier(ctx, ltx, existing); err != nil {
			return err
		}
		a.fresh = !existing
		a.staging = true
		batches, stop := readAhead(ctx, tx, only)
		defer stop()
		finished := 0
		for b := range batches {
			if b.err != nil {
				return b.err
			}
			a.current = b.spec
			for _, r := range b.rows {
				if existing {
					if _, err := a.exec(`INSERT OR IGNORE INTO team_joined (tbl, row_key) VALUES (?, ?)`, b.spec.name, r.key); err != nil {
						return err
					}
				}
				if err := a.apply(b.spec, r); err != nil {
					return err
				}
			}
			if b.last {
				if err := a.finish(); err != nil {
					return err
				}
				finished++
			}
		}
		if finished != len(only) {
			if err := ctx.Err(); err != nil {
				return serverError("read the team's rows", err)
			}
			return fmt.Errorf("join: the team's rows ended after %d of %d tables", finished, len(only))
		}
		return nil
	}
	// Once the rows are in (and, filling a new file, its indexes built):
	// the ledgers allocated, the file's own rows queued, the state set.
	end := func(ltx *sql.Tx) error {
		if err := a.settle(); err != nil {
			return err
		}
		if existing {
			if err := queueUnmatched(ctx, ltx); err != nil {
				return err
			}
		}
		if _, err := ltx.ExecContext(ctx, `DELETE FROM team_joined`); err != nil {
			return err
		}
		pulled, conflicts = a.written, a.conf
		if err := installTriggers(ctx, ltx); err != nil {
			return err
		}
		if err := setState(ctx, ltx, map[string]string{stateURL: server, stateLogin: sess.login, stateName: sess.name,
			stateRole: string(sess.role), stateSeries: sess.series, stateCursor: strconv.FormatInt(head, 10)}); err != nil {
			return err
		}
		return done()
	}
	if existing {
		err = db.WriteTx(ctx, func(ltx *sql.Tx) error {
			if err := fill(ltx); err != nil {
				return err
			}
			return end(ltx)
		})
	} else {
		// An empty file is filled in bulk, its indexes built once; the
		// activities come in the order of their dates, so the history
		// index is written in one pass.
		err = db.FillTx(ctx, true, fill, end)
	}
	if err != nil {
		return 0, 0, err
	}
	return pulled, conflicts, serverError("end the join", tx.Commit(ctx))
}

// queueUnmatched puts the joining file's rows that the team lacks into the
// outbox as new rows, parents before children.
func queueUnmatched(ctx context.Context, tx *sql.Tx) error {
	for _, s := range specs {
		key := "t." + s.keyCol
		order := "t.rowid"
		if s.name == "accounts" {
			order = "t.parent_id IS NOT NULL, t.id"
		}
		notJoined := key + ` NOT IN (SELECT row_key FROM team_joined WHERE tbl = '` + s.name + `')`
		if s.keyCol == "key" {
			notJoined = key + ` NOT IN (SELECT row_key FROM team_joined WHERE tbl = 'settings')`
		}
		row := s.rowArray("t")
		if s.lazy() {
			row = s.rowJSON("t") // without the fields only the server sets
		}
		q := fmt.Sprintf(`INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at)
			SELECT %s, '%s', %s, 'insert', %s, %s FROM %s t WHERE %s AND %s ORDER BY %s`,
			uidSQL, s.name, key, row, nowSQL, s.name, s.whereOn("t"), notJoined, order)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("queue the file's own %s: %w", s.name, err)
		}
	}
	return nil
}

// PublishResult counts the rows published per table.
type PublishResult map[string]int

// Publish uploads the file at db as the team's starting data, through the
// administrator's URL (the schema's owner). It is refused when the server
// already holds data. The file's rows keep their uids, so the same file can
// then join with a person's login and match every row.
func Publish(ctx context.Context, db *store.DB, adminURL string) (PublishResult, error) {
	conn, err := connect(ctx, adminURL, "", "")
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	var version int
	if err := conn.QueryRow(ctx, `SELECT version FROM kontor.meta`).Scan(&version); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && (pe.Code == "42P01" || pe.Code == "3F000") {
			return nil, notInitialised()
		}
		return nil, serverError("read the schema version", err)
	}
	if version != schemaVersion {
		if version > schemaVersion {
			return nil, newerServer(version)
		}
		return nil, olderServer(version)
	}
	if err := db.WriteTx(ctx, func(tx *sql.Tx) error {
		if err := assignUIDs(ctx, tx); err != nil {
			return err
		}
		return numberRepeats(ctx, tx)
	}); err != nil {
		return nil, err
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, serverError("begin the publish", err)
	}
	defer tx.Rollback(context.Background())
	var tables []string
	for _, s := range specs {
		tables = append(tables, "kontor."+s.server)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE `+strings.Join(tables, ", ")+` IN EXCLUSIVE MODE`); err != nil {
		return nil, adminError("lock the team's tables", err)
	}
	for _, s := range specs {
		var held bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM kontor.`+s.server+`)`).Scan(&held); err != nil {
			return nil, serverError("check the server is empty", err)
		}
		if held {
			return nil, domain.Errorf(domain.EConflict, "team.not_empty",
				"the team server already holds data ({{.Table}}): publishing is only for a new team; join instead", map[string]any{"Table": s.name})
		}
	}
	// The starting data has no history: its rows are rev 1, logged by no one.
	for _, t := range tables {
		if _, err := tx.Exec(ctx, `ALTER TABLE `+t+` DISABLE TRIGGER USER`); err != nil {
			return nil, adminError("publish", err)
		}
	}
	out := PublishResult{}
	err = db.ReadTx(ctx, func(ltx *sql.Tx) error {
		for _, s := range specs {
			n, err := copyTable(ctx, tx, ltx, s)
			if err != nil {
				return err
			}
			out[s.name] = n
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		if _, err := tx.Exec(ctx, `ALTER TABLE `+t+` ENABLE TRIGGER USER`); err != nil {
			return nil, adminError("publish", err)
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE kontor.head SET seq = 1`); err != nil {
		return nil, serverError("publish", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, serverError("commit the publish", err)
	}
	return out, nil
}

// copyTable streams the file's rows of s into the server with COPY.
func copyTable(ctx context.Context, tx pgx.Tx, ltx *sql.Tx, s *tableSpec) (int, error) {
	sel := []string{"t." + s.keyCol}
	cols := []string{s.serverKey()}
	for _, c := range s.cols {
		cols = append(cols, c.server)
		if c.kind == kRef || c.expr != "" {
			sel = append(sel, c.localExpr("t"))
		} else {
			sel = append(sel, "t."+c.local)
		}
	}
	cols = append(cols, "rev")
	rows, err := ltx.QueryContext(ctx, `SELECT `+strings.Join(sel, ", ")+` FROM `+s.name+` t WHERE `+s.whereOn("t"))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	vals := make([]any, len(sel))
	ptrs := make([]any, len(sel))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var rowErr error
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out := make([]any, 0, len(vals)+1)
		key := localValue(vals[0])
		if s.keyCol == "uid" {
			u, err := uuidBytes(key)
			if err != nil {
				rowErr = err
				return nil, err
			}
			out = append(out, u)
		} else {
			out = append(out, key)
		}
		for i, c := range s.cols {
			v := localValue(vals[i+1])
			if c.kind == kRef && v != nil {
				u, err := uuidBytes(v)
				if err != nil {
					return nil, err
				}
				v = u
			} else {
				v = toServer(c, v)
			}
			out = append(out, v)
		}
		return append(out, int64(1)), nil
	})
	n, err := tx.CopyFrom(ctx, pgx.Identifier{"kontor", s.server}, cols, src)
	if rowErr != nil {
		return 0, rowErr
	}
	if err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) {
			return 0, domain.Errorf(domain.EInvalid, "team.publish_refused",
				"the team server refused this file's {{.Table}}: {{.Reason}}", map[string]any{"Table": s.name, "Reason": pe.Message})
		}
		return 0, serverError("publish "+s.name, err)
	}
	return int(n), nil
}

// uuidBytes parses a uid written as text.
func uuidBytes(v any) ([16]byte, error) {
	var u [16]byte
	s, _ := v.(string)
	h := strings.ReplaceAll(s, "-", "")
	if len(h) != 32 {
		return u, fmt.Errorf("not a uid: %q", s)
	}
	if _, err := hex.Decode(u[:], []byte(h)); err != nil {
		return u, fmt.Errorf("not a uid: %q", s)
	}
	return u, nil
}

// joinBatch is rows of one spec read from the server for a join; last ends
// the spec's rows, err the reading.
type joinBatch struct {
	spec *tableSpec
	rows []serverRow
	last bool
	err  error
}

// readAhead reads the rows of the specs only from the server, in order, on a
// goroutine of its own and a few batches ahead of the file's writer: the
// server's next query, and the wait for its first rows (160 ms before a
// rep's activities, longer when the server reads them from disk), overlap
// the writing of the rows before. stop ends the reading early and returns
// once it has; the server transaction is the caller's again after it.
func readAhead(ctx context.Context, tx pgx.Tx, only []*tableSpec) (batches <-chan joinBatch, stop func()) {
	const batchRows, ahead = 256, 16
	ctx, cancel := context.WithCancel(ctx)
	out := make(chan joinBatch, ahead)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(out)
		send := func(b joinBatch) error {
			select {
			case out <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		for _, s := range only {
			var rows []serverRow
			err := serverRows(ctx, tx, s, joinWhere(s), nil, func(r serverRow) error {
				rows = append(rows, r)
				if len(rows) < batchRows {
					return nil
				}
				b := joinBatch{spec: s, rows: rows}
				rows = nil
				return send(b)
			})
			if err != nil {
				_ = send(joinBatch{spec: s, err: err})
				return
			}
			if send(joinBatch{spec: s, rows: rows, last: true}) != nil {
				return
			}
		}
	}()
	return out, func() {
		cancel()
		<-done
	}
}

// joinWhere is the condition a join reads s's rows with.
func joinWhere(s *tableSpec) string {
	if s.name == "activities" {
		// Through the accounts the person sees: a rep's few hundred are
		// joined by the activities' account index, where the policy alone
		// filters every activity of the team.
		return `x.account_uid IN (SELECT a.uid FROM kontor.accounts a) ORDER BY x.occurred_at, x.uid`
	}
	return `true`
}
