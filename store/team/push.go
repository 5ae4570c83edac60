package team

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"kontor/store"
)

// outChange is one outbox row: fields by server column name, in the file's
// value form (references as uids).
type outChange struct {
	id       int64
	changeID string
	spec     *tableSpec
	key      string
	op       string
	old, new map[string]any
}

// outcome is what a push did with one change; it is kept in the server's
// receipts, so that the same change pushed again reports the same.
type outcome struct {
	Conflicts []conflictRec `json:"conflicts,omitempty"`
	Refused   string        `json:"refused,omitempty"`
	Gone      bool          `json:"gone,omitempty"` // deleted on the server: the file drops the row
	// SameAs: the server has this record already under that uid (the same
	// bank transfer recorded on another machine); the file's row takes it.
	SameAs string `json:"same_as,omitempty"`
}

type conflictRec struct {
	Kind     string    `json:"kind"`
	Field    string    `json:"field"`
	Kept     any       `json:"kept"`
	Lost     any       `json:"lost"`
	KeptText string    `json:"kept_text"`
	LostText string    `json:"lost_text"`
	Who      string    `json:"who"`
	At       time.Time `json:"at"`
	Old      any       `json:"old,omitempty"` // the value the lost one replaced, to follow a chain of edits
}

// decodeFields reads the fields of an outbox or refused change, by server
// column name: a JSON array in sp's column order (what the triggers write),
// or an object by name (what earlier Kontors wrote, and team_refused keeps).
func decodeFields(sp *tableSpec, s sql.NullString) (map[string]any, error) {
	if !s.Valid {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(s.String))
	dec.UseNumber()
	if strings.HasPrefix(strings.TrimSpace(s.String), "[") {
		var list []any
		if err := dec.Decode(&list); err != nil {
			return nil, err
		}
		if len(list) > len(sp.cols) {
			return nil, fmt.Errorf("%d fields for the %d columns of %s", len(list), len(sp.cols), sp.name)
		}
		m := make(map[string]any, len(list))
		for i, v := range list {
			m[sp.cols[i].server] = normalise(v)
		}
		return m, nil
	}
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	for k, v := range m {
		m[k] = normalise(v)
	}
	return m, nil
}

// normalise turns a JSON-decoded value into the file's form.
func normalise(v any) any {
	switch x := v.(type) {
	case json.Number:
		n, err := x.Int64()
		if err != nil {
			return x.String()
		}
		return n
	case float64:
		return int64(x)
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	}
	return v
}

// readOutbox reads the waiting changes, after giving those that have none
// their change id.
func readOutbox(ctx context.Context, db *store.DB) ([]outChange, error) {
	out, unnamed, err := readOutboxOnce(ctx, db)
	if err != nil || !unnamed {
		return out, err
	}
	if err := db.WriteTx(ctx, func(tx *sql.Tx) error { return assignChangeIDs(ctx, tx) }); err != nil {
		return nil, err
	}
	out, _, err = readOutboxOnce(ctx, db)
	return out, err
}

func readOutboxOnce(ctx context.Context, db *store.DB) (out []outChange, unnamed bool, err error) {
	err = db.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, change_id, tbl, row_key, op, old, new FROM team_outbox ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c outChange
			var tbl string
			var old, nw sql.NullString
			if err := rows.Scan(&c.id, &c.changeID, &tbl, &c.key, &c.op, &old, &nw); err != nil {
				return err
			}
			if c.spec = specByName[tbl]; c.spec == nil {
				return fmt.Errorf("outbox change %d: unknown table %q", c.id, tbl)
			}
			if c.old, err = decodeFields(c.spec, old); err != nil {
				return fmt.Errorf("outbox change %d: %w", c.id, err)
			}
			if c.new, err = decodeFields(c.spec, nw); err != nil {
				return fmt.Errorf("outbox change %d: %w", c.id, err)
			}
			unnamed = unnamed || c.changeID == ""
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, unnamed, err
}

// pushResult is what push reports.
type pushResult struct {
	pushed, conflicts, refused int
}

// push sends the outbox to the server in one transaction, as the person's
// own role, then records the outcomes and empties the outbox locally. A
// change the server already took (a push repeated after a failure) is not
// applied again: its receipt says what it did.
func push(ctx context.Context, s *session, db *store.DB) (pushResult, error) {
	if err := db.WriteTx(ctx, func(tx *sql.Tx) error { return materialise(ctx, tx) }); err != nil {
		return pushResult{}, err
	}
	changes, err := readOutbox(ctx, db)
	if err != nil || len(changes) == 0 {
		return pushResult{}, err
	}
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return pushResult{}, serverError("begin the push", err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT kontor.begin_push()`); err != nil {
		return pushResult{}, serverError("begin the push", err)
	}
	ids := make([]string, len(changes))
	for i, c := range changes {
		ids[i] = c.changeID
	}
	outcomes := map[string]outcome{}
	rows, err := tx.Query(ctx, `SELECT change_id::text, outcome FROM kontor.receipts WHERE change_id = ANY ($1::text[]::uuid[])`, ids)
	if err != nil {
		return pushResult{}, serverError("read receipts", err)
	}
	for rows.Next() {
		var id string
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			rows.Close()
			return pushResult{}, serverError("read receipts", err)
		}
		var o outcome
		if err := json.Unmarshal(raw, &o); err != nil {
			rows.Close()
			return pushResult{}, fmt.Errorf("receipt %s: %w", id, err)
		}
		outcomes[id] = o
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return pushResult{}, serverError("read receipts", err)
	}
	var newIDs []string
	var newOutcomes [][]byte
	for _, c := range changes {
		if _, done := outcomes[c.changeID]; done {
			continue
		}
		o, err := applyChange(ctx, tx, c)
		if err != nil {
			return pushResult{}, err
		}
		outcomes[c.changeID] = o
		raw, _ := json.Marshal(o)
		newIDs = append(newIDs, c.changeID)
		newOutcomes = append(newOutcomes, raw)
	}
	if len(newIDs) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO kontor.receipts (change_id, outcome)
			SELECT id::uuid, o FROM unnest($1::text[], $2::jsonb[]) AS r (id, o)`, newIDs, newOutcomes); err != nil {
			return pushResult{}, serverError("write receipts", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return pushResult{}, serverError("commit the push", err)
	}
	return recordOutcomes(ctx, db, changes, outcomes)
}

// applyChange applies one change inside a savepoint: a change the server
// refuses is rolled back alone and reported, and the push goes on. The
// savepoint, the change's id and the server's row go in one round trip, the
// write and the release in another: a push of 1,000 changes waits on the
// server 2,000 times, not 5,000.
func applyChange(ctx context.Context, tx pgx.Tx, c outChange) (outcome, error) {
	b := &pgx.Batch{}
	b.Queue(`SAVEPOINT change`)
	b.Queue(`SELECT set_config('kontor.change_id', $1, true)`, c.changeID)
	query, scan := serverRowQuery(c.spec)
	b.Queue(query, c.key)
	br := tx.SendBatch(ctx, b)
	_, err := br.Exec()
	if err == nil {
		_, err = br.Exec()
	}
	if err != nil {
		br.Close()
		return outcome{}, serverError("push", err)
	}
	row, err := scan(br.QueryRow())
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	var o outcome
	if err == nil {
		var w *serverWrite
		if o, w, err = merge(ctx, tx, c, row); err == nil {
			err = writeAndRelease(ctx, tx, w)
		}
	}
	if err != nil {
		if lostConnection(err) {
			return outcome{}, serverError("push", err)
		}
		if _, rerr := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT change`); rerr != nil {
			return outcome{}, serverError("push", rerr)
		}
		return outcome{Refused: refusal(err)}, nil
	}
	return o, nil
}

// serverWrite is the statement a change makes on the server, if any.
type serverWrite struct {
	sql  string
	args []any
	// mustTouch: no row changed means the row is not the person's to change.
	mustTouch bool
}

// writeAndRelease runs w, then releases the change's savepoint, in one round
// trip; an error of either leaves the savepoint to roll back to.
func writeAndRelease(ctx context.Context, tx pgx.Tx, w *serverWrite) error {
	b := &pgx.Batch{}
	if w != nil {
		b.Queue(w.sql, w.args...)
	}
	b.Queue(`RELEASE SAVEPOINT change`)
	br := tx.SendBatch(ctx, b)
	defer br.Close()
	if w != nil {
		tag, err := br.Exec()
		if err != nil {
			return err
		}
		if w.mustTouch && tag.RowsAffected() == 0 {
			return errInvisible
		}
	}
	_, err := br.Exec()
	return err
}

// Why the server refused a change: the English sentence kept in
// team_refused begins with one of these, and the server's own words follow
// in parentheses; reasonKey reads the sentence back into a translation key.
const (
	refusedRole      = "your role may not make this change"
	refusedDuplicate = "another record already has this "
	refusedReference = "it refers to a record the team server does not have, or other records still refer to it"
	refusedRules     = "the team server's rules refuse it"
	refusedInvisible = "the record is no longer visible to you on the team server (it was reassigned to someone else)"
)

// refusal says why the server refused a change, for the person.
func refusal(err error) string {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	switch pe.Code {
	case "42501":
		return refusedRole + " (" + pe.Message + ")"
	case "23505":
		return refusedDuplicate + constraintSubject(pe) + " (" + pe.Message + ")"
	case "23503":
		return refusedReference + " (" + pe.Message + ")"
	case "23514", "23502", "22001", "22P02":
		return refusedRules + " (" + pe.Message + ")"
	}
	return pe.Message
}

// reasonKey is the translation key and arguments of a refusal's sentence;
// "" for the server's own words alone.
func reasonKey(reason string) (string, map[string]any) {
	detail := ""
	if i := strings.Index(reason, " ("); i >= 0 && strings.HasSuffix(reason, ")") {
		detail = reason[i+2 : len(reason)-1]
	}
	switch {
	case strings.HasPrefix(reason, refusedInvisible):
		return "team.refused.invisible", nil
	case strings.HasPrefix(reason, refusedRole):
		return "team.refused.role", map[string]any{"Detail": detail}
	case strings.HasPrefix(reason, refusedDuplicate):
		subject, _, _ := strings.Cut(strings.TrimPrefix(reason, refusedDuplicate), " (")
		field := map[string]string{"code": "code", "SKU": "sku", "name": "name"}[subject]
		return "team.refused.duplicate", map[string]any{"Field": field, "Detail": detail}
	case strings.HasPrefix(reason, refusedReference):
		return "team.refused.reference", map[string]any{"Detail": detail}
	case strings.HasPrefix(reason, refusedRules):
		return "team.refused.rules", map[string]any{"Detail": detail}
	}
	return "", nil
}

func constraintSubject(pe *pgconn.PgError) string {
	switch {
	case strings.Contains(pe.ConstraintName, "code"):
		return "code"
	case strings.Contains(pe.ConstraintName, "sku"):
		return "SKU"
	case strings.Contains(pe.ConstraintName, "name"):
		return "name"
	case strings.Contains(pe.ConstraintName, "number"):
		return "number"
	}
	return "key"
}

// editedHere starts the lost text of a row edited here and deleted on the
// server; the fields edited follow.
const editedHere = "edited here: "

// errInvisible is a row the person cannot see (or that is gone) on the server.
var errInvisible = errors.New(refusedInvisible)

// serverRowQuery is the query of the server's row of s by key ($1, locked
// for the change), and what reads its answer: nil when there is none.
func serverRowQuery(s *tableSpec) (string, func(pgx.Row) (map[string]any, error)) {
	keyParam := "$1::text::uuid"
	if s.keyCol == "key" {
		keyParam = "$1::text"
	}
	lock := ` FOR NO KEY UPDATE`
	if s.doc != nil && s.doc.insertOnly {
		lock = "" // never updated: nobody holds UPDATE on it (pushes are serialised by the head anyway)
	}
	query := `SELECT ` + s.serverSelect("x") + ` FROM kontor.` + s.server + ` x WHERE x.` + s.serverKey() + ` = ` + keyParam + lock
	return query, func(r pgx.Row) (map[string]any, error) {
		vals := make([]any, len(s.cols)+1)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		err := r.Scan(ptrs...)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		m := make(map[string]any, len(s.cols))
		for i, c := range s.cols {
			m[c.server] = fromServer(vals[i+1])
		}
		return m, nil
	}
}

// lastAuthor is who last changed field (or the row, field "") on the server, and when.
func lastAuthor(ctx context.Context, tx pgx.Tx, s *tableSpec, key, field string) (string, time.Time) {
	var who string
	var at time.Time
	q := `SELECT coalesce(m.display_name, c.author), c.at FROM kontor.changes c LEFT JOIN kontor.members m ON m.login = c.author
		WHERE c.tbl = $1 AND c.row_key = $2 AND ($3 = '' OR c.fields ? $3) ORDER BY c.seq DESC LIMIT 1`
	if err := tx.QueryRow(ctx, q, s.server, key, field).Scan(&who, &at); err != nil {
		return "", time.Time{}
	}
	return who, at
}

// merge applies c to the server's row (nil when it has none), field by
// field (three-way: the change's old value, its new one, the server's): a
// field the server still has at the old value takes the new one; one the
// server changed too keeps the server's value and the new one becomes a
// conflict. It returns the write that does so.
func merge(ctx context.Context, tx pgx.Tx, c outChange, row map[string]any) (outcome, *serverWrite, error) {
	s := c.spec
	switch c.op {
	case "insert":
		if row == nil {
			if same, err := sameRecord(ctx, tx, c); err != nil || same != "" {
				return outcome{SameAs: same}, nil, err
			}
			return outcome{}, insertRow(s, c.key, c.new), nil
		}
		// The row is there already (it was published or joined): whatever
		// differs conflicts.
		c.old = map[string]any{}
		for k, v := range row {
			c.old[k] = v
		}
		for k, v := range c.new {
			if !sameValue(row[k], v) {
				c.old[k] = nil
			}
		}
		return mergeUpdate(ctx, tx, c, row)
	case "update":
		if row == nil {
			o, err := gone(ctx, tx, c)
			return o, nil, err
		}
		return mergeUpdate(ctx, tx, c, row)
	case "delete":
		if row == nil {
			return outcome{}, nil, nil
		}
		for _, col := range s.cols {
			if col.kind == kRef {
				continue // a cascaded child's old references may be blank
			}
			if !sameValue(row[col.server], c.old[col.server]) {
				who, at := lastAuthor(ctx, tx, s, c.key, "")
				return outcome{Conflicts: []conflictRec{{Kind: "deleted", Field: "", KeptText: "edited on the team server",
					LostText: "deleted here", Who: who, At: at}}}, nil, nil
			}
		}
		keyParam := "$1::text::uuid"
		if s.keyCol == "key" {
			keyParam = "$1::text"
		}
		return outcome{}, &serverWrite{sql: `DELETE FROM kontor.` + s.server + ` WHERE ` + s.serverKey() + ` = ` + keyParam, args: []any{c.key}}, nil
	}
	return outcome{}, nil, fmt.Errorf("outbox change %d: unknown op %q", c.id, c.op)
}

// gone handles an edit of a row the server no longer shows the person:
// deleted there (a conflict; the file drops the row) or reassigned to
// someone else (refused: the person may not change it any more).
func gone(ctx context.Context, tx pgx.Tx, c outChange) (outcome, error) {
	var op string
	err := tx.QueryRow(ctx, `SELECT op FROM kontor.changes WHERE tbl = $1 AND row_key = $2 ORDER BY seq DESC LIMIT 1`,
		c.spec.server, c.key).Scan(&op)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return outcome{}, err
	}
	if op != "delete" {
		return outcome{}, errInvisible
	}
	who, at := lastAuthor(ctx, tx, c.spec, c.key, "")
	full := map[string]any{}
	var changed []string
	for _, col := range c.spec.cols {
		k := col.server
		full[k] = c.old[k]
		if v, ok := c.new[k]; ok {
			full[k] = v
		}
		if !sameValue(c.old[k], c.new[k]) {
			changed = append(changed, k+": "+col.display(c.new[k]))
		}
	}
	recs := []conflictRec{{Kind: "deleted", Field: "", Kept: nil, Lost: full, KeptText: "deleted on the team server",
		LostText: editedHere + strings.Join(changed, ", "), Who: who, At: at}}
	return outcome{Conflicts: recs, Gone: true}, nil
}

func mergeUpdate(ctx context.Context, tx pgx.Tx, c outChange, row map[string]any) (outcome, *serverWrite, error) {
	s := c.spec
	changed := map[string]bool{}
	for _, col := range s.cols {
		k := col.server
		if _, ok := c.new[k]; ok && !sameValue(c.old[k], c.new[k]) {
			changed[k] = true
		}
	}
	serverChanged := func(k string) bool { return !sameValue(row[k], c.old[k]) }
	blocked := map[string]bool{} // fields of this change that conflict as a whole
	if s.state != "" {
		if changed[s.state] {
			for _, col := range s.cols {
				if !changed[col.server] && col.kind != kRef && serverChanged(col.server) {
					blocked[s.state] = true
				}
			}
		} else if serverChanged(s.state) && !sameValue(row[s.state], c.new[s.state]) {
			for k := range changed {
				blocked[k] = true
			}
		}
	}
	if s.doc != nil {
		s.doc.block(c, row, changed, blocked, serverChanged)
	}
	for _, group := range s.linked {
		var mine []string
		theirs := false
		for _, k := range group {
			if changed[k] {
				mine = append(mine, k)
			} else if serverChanged(k) {
				theirs = true
			}
		}
		if theirs {
			for _, k := range mine {
				blocked[k] = true
			}
		}
	}
	var o outcome
	var set []string
	var args []any
	for _, col := range s.cols {
		k := col.server
		if !changed[k] {
			continue
		}
		nv := c.new[k]
		switch {
		case sameValue(row[k], nv):
			// already so on the server
		case !blocked[k] && sameValue(row[k], c.old[k]):
			args = append(args, toServer(col, nv))
			set = append(set, k+" = "+serverParam(len(args), col))
		default:
			field := k
			if blocked[k] && !serverChanged(k) {
				field = s.state // the clash is with the archiving or the linked field
				if field == "" || changed[field] {
					field = k
				}
				if s.doc != nil && len(s.doc.lifecycle) > 0 {
					field = s.doc.lifecycle[0] // or with the document's lifecycle or state
				}
			}
			who, at := lastAuthor(ctx, tx, s, c.key, field)
			o.Conflicts = append(o.Conflicts, conflictRec{Kind: "field", Field: k, Kept: row[k], Lost: nv,
				KeptText: col.display(row[k]), LostText: col.display(nv), Who: who, At: at, Old: c.old[k]})
		}
	}
	if len(set) == 0 {
		return o, nil, nil
	}
	keyParam := fmt.Sprintf("$%d::text::uuid", len(args)+1)
	if s.keyCol == "key" {
		keyParam = fmt.Sprintf("$%d::text", len(args)+1)
	}
	args = append(args, c.key)
	return o, &serverWrite{sql: `UPDATE kontor.` + s.server + ` SET ` + strings.Join(set, ", ") + ` WHERE ` + s.serverKey() + ` = ` + keyParam,
		args: args, mustTouch: true}, nil
}

func insertRow(s *tableSpec, key string, vals map[string]any) *serverWrite {
	cols := []string{s.serverKey()}
	params := []string{"$1::text"}
	if s.keyCol == "uid" {
		params[0] = "$1::text::uuid"
	}
	args := []any{key}
	for _, col := range s.cols {
		v, ok := vals[col.server]
		if !ok {
			continue
		}
		args = append(args, toServer(col, v))
		cols = append(cols, col.server)
		params = append(params, serverParam(len(args), col))
	}
	return &serverWrite{sql: `INSERT INTO kontor.` + s.server + ` (` + strings.Join(cols, ", ") + `) VALUES (` + strings.Join(params, ", ") + `)`, args: args}
}

// recordOutcomes writes what the server did with the pushed changes into the
// file — conflicts, refused changes, rows deleted on the server — and
// removes them from the outbox, in one transaction.
func recordOutcomes(ctx context.Context, db *store.DB, changes []outChange, outcomes map[string]outcome) (pushResult, error) {
	var res pushResult
	err := db.WriteTx(ctx, func(tx *sql.Tx) error {
		done, err := applying(ctx, tx)
		if err != nil {
			return err
		}
		del, err := tx.PrepareContext(ctx, `DELETE FROM team_outbox WHERE id = ?`)
		if err != nil {
			return err
		}
		defer del.Close()
		for _, c := range changes {
			o := outcomes[c.changeID]
			res.pushed++
			label := recordLabel(ctx, tx, c.spec, c.key, c.new, c.old)
			for _, k := range o.Conflicts {
				res.conflicts++
				if err := addConflict(ctx, tx, c.spec, c.key, label, k); err != nil {
					return err
				}
			}
			if o.Refused != "" {
				res.refused++
				if err := addRefused(ctx, tx, c, label, o.Refused); err != nil {
					return err
				}
			}
			if o.Gone {
				if err := removeRow(ctx, tx, c.spec, c.key); err != nil {
					return err
				}
			}
			if o.SameAs != "" {
				if err := takeServerRecord(ctx, tx, c.spec, c.key, o.SameAs); err != nil {
					return err
				}
			}
			if _, err := del.ExecContext(ctx, c.id); err != nil {
				return err
			}
		}
		return done()
	})
	return res, err
}

// recordLabel names a row for a person from the file, or from the change's
// values when the row is gone.
func recordLabel(ctx context.Context, tx *sql.Tx, s *tableSpec, key string, vals ...map[string]any) string {
	var label sql.NullString
	_ = tx.QueryRowContext(ctx, `SELECT `+s.label+` FROM `+s.name+` t WHERE t.`+s.keyCol+` = ?`, key).Scan(&label)
	if label.Valid && label.String != "" {
		return label.String
	}
	for _, m := range vals {
		for _, k := range s.natural {
			if c := s.col(k); c != nil && c.kind == kText {
				if v, ok := m[c.server].(string); ok && v != "" {
					return v
				}
			}
		}
	}
	return s.name + " " + key
}

// addConflict adds an entry to the Conflicts list; a later edit of a value
// that already lost updates that entry instead of adding another.
func addConflict(ctx context.Context, tx *sql.Tx, s *tableSpec, key, label string, k conflictRec) error {
	kept, _ := json.Marshal(k.Kept)
	lost, _ := json.Marshal(k.Lost)
	if k.Old != nil && k.Field != "" {
		old, _ := json.Marshal(k.Old)
		res, err := tx.ExecContext(ctx, `UPDATE team_conflicts SET lost = ?, lost_text = ?, kept = ?, kept_text = ?, who = ?, at = ?
			WHERE id = (SELECT id FROM team_conflicts WHERE resolved_at IS NULL AND tbl = ? AND row_key = ? AND field = ? AND lost = ?
				ORDER BY id DESC LIMIT 1)`,
			string(lost), k.LostText, string(kept), k.KeptText, k.Who, moment(k.At), s.name, key, k.Field, string(old))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO team_conflicts (kind, tbl, row_key, record, field, kept, lost, kept_text, lost_text, who, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, k.Kind, s.name, key, label, k.Field, string(kept), string(lost), k.KeptText, k.LostText, k.Who, moment(k.At))
	return err
}

func moment(t time.Time) string {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Format(time.RFC3339)
}

func addRefused(ctx context.Context, tx *sql.Tx, c outChange, label, reason string) error {
	enc := func(m map[string]any) any {
		if m == nil {
			return nil
		}
		var b bytes.Buffer
		_ = json.NewEncoder(&b).Encode(m)
		return strings.TrimSpace(b.String())
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO team_refused (change_id, tbl, row_key, record, op, old, new, reason, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.changeID, c.spec.name, c.key, label, c.op, enc(c.old), enc(c.new), reason, stampNow()); err != nil {
		return err
	}
	if c.op == "insert" {
		return nil // the row stays in the file, with its reason in the list
	}
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO team_refetch (tbl, row_key) VALUES (?, ?)`, c.spec.name, c.key)
	return err
}
