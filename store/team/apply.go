package team

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"kontor/store"
)

// serverRow is a row as the server sent it: the key and the values of the
// spec's columns in order, in the file's form (references as uids).
type serverRow struct {
	key  string
	vals []any
}

// applier writes pulled rows into the file inside one write transaction
// marked as applying (the outbox triggers skip it).
type applier struct {
	ctx     context.Context
	tx      *sql.Tx
	now     string
	join    bool                       // joining: match the file's rows by natural key, list every difference
	pending map[string]map[string]bool // tbl/key → server fields with a local change waiting ("*": the whole row)
	ids     map[string]map[string]int64
	words   map[string]bool
	later   []laterRef // references to rows not written yet (same table, later in the pull)
	touched map[string]map[string]bool
	written int
	conf    int
	stmts   map[string]*sql.Stmt // prepared once per apply: parsing a statement costs more than running it
	refused map[string]bool      // tables with a refused insert (the only rows matched outside a join)
	fresh   bool                 // the file held no synced row: nothing to look up before inserting
	// staging: rows are written per table when the table is done (finish),
	// many at once in one statement from a temporary table: FTS5 flushes its
	// pending terms at every statement, so a statement per row costs a
	// segment merge per row.
	staging bool
	staged  map[string][]stagedRow
	// batched: a fresh file's new rows of a table, written many to an
	// INSERT (batchRows), so each statement's cost is paid once a batch.
	batched map[string][]stagedRow
	// Documents (docs.go): the spec being applied, the specs done, the
	// accounts whose ledgers changed, child rows written in groups while a
	// new file is filled, and what the Conflicts list must hear of.
	current *tableSpec
	applied map[string]bool
	lastID  map[string]int64 // a new file's documents: the last id given per table
	ledgers map[int64]bool
	groups  map[string]*rowGroup
	notices []notice
}

// batchRows is how many rows one INSERT of a fresh file writes.
const batchRows = 64

// stagedRow is a row to write: id 0 inserts it.
type stagedRow struct {
	id   int64
	key  string
	vals map[string]any
	// changed: the local columns an update changes (the others hold the
	// file's values); an update writes only these and what derives from them.
	changed []string
}

// stageFrom is the number of rows from which a table's writes go through a
// temporary table.
const stageFrom = 64

// stmt returns q prepared on a's transaction.
func (a *applier) stmt(q string) (*sql.Stmt, error) {
	if st, ok := a.stmts[q]; ok {
		return st, nil
	}
	st, err := a.tx.PrepareContext(a.ctx, q)
	if err != nil {
		return nil, err
	}
	if a.stmts == nil {
		a.stmts = map[string]*sql.Stmt{}
	}
	a.stmts[q] = st
	return st, nil
}

func (a *applier) exec(q string, args ...any) (sql.Result, error) {
	st, err := a.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(a.ctx, args...)
}

func (a *applier) queryRow(q string, args ...any) (*sql.Row, error) {
	st, err := a.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryRowContext(a.ctx, args...), nil
}

// close releases the prepared statements.
func (a *applier) close() {
	for _, st := range a.stmts {
		st.Close()
	}
	a.stmts = nil
}

type laterRef struct {
	s   *tableSpec
	key string // the referring row
	col column
	uid string
}

func newApplier(ctx context.Context, tx *sql.Tx, join bool) (*applier, error) {
	a := &applier{ctx: ctx, tx: tx, now: time.Now().UTC().Format(time.RFC3339Nano), join: join,
		pending: map[string]map[string]bool{}, ids: map[string]map[string]int64{}, words: map[string]bool{},
		touched: map[string]map[string]bool{}, refused: map[string]bool{}}
	refused, err := tx.QueryContext(ctx, `SELECT DISTINCT tbl FROM team_refused WHERE op = 'insert'`)
	if err != nil {
		return nil, err
	}
	for refused.Next() {
		var t string
		if err := refused.Scan(&t); err != nil {
			refused.Close()
			return nil, err
		}
		a.refused[t] = true
	}
	refused.Close()
	rows, err := tx.QueryContext(ctx, `SELECT tbl, row_key, op, old, new FROM team_outbox`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var tbl, key, op string
		var old, nw sql.NullString
		if err := rows.Scan(&tbl, &key, &op, &old, &nw); err != nil {
			return nil, err
		}
		p := a.pending[tbl+"/"+key]
		if p == nil {
			p = map[string]bool{}
			a.pending[tbl+"/"+key] = p
		}
		if op != "update" {
			p["*"] = true
			continue
		}
		sp := specByName[tbl]
		if sp == nil {
			return nil, fmt.Errorf("outbox change of an unknown table %q", tbl)
		}
		o, _ := decodeFields(sp, old)
		n, _ := decodeFields(sp, nw)
		for k, v := range n {
			if !sameValue(o[k], v) {
				p[k] = true
			}
		}
	}
	return a, rows.Err()
}

// localID maps a uid of table to the file's id (0 when the file lacks it).
func (a *applier) localID(table, uid string) (int64, error) {
	m := a.ids[table]
	if m == nil {
		m = map[string]int64{}
		a.ids[table] = m
	}
	if id, ok := m[uid]; ok {
		return id, nil
	}
	var id int64
	row, err := a.queryRow(`SELECT id FROM `+table+` WHERE uid = ?`, uid)
	if err != nil {
		return 0, err
	}
	err = row.Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	m[uid] = id
	return id, nil
}

func (a *applier) remember(table, uid string, id int64) {
	if a.ids[table] == nil {
		a.ids[table] = map[string]int64{}
	}
	a.ids[table][uid] = id
}

// toLocal turns a server row into the file's column values (references as
// local ids); a reference to a row the file lacks is NULL, and one to a row
// of the same table is resolved after the table's rows are written.
func (a *applier) toLocal(s *tableSpec, r serverRow) (map[string]any, []laterRef, error) {
	vals := make(map[string]any, len(s.cols))
	var later []laterRef
	for i, c := range s.cols {
		v := r.vals[i]
		if c.kind == kRef && v != nil {
			id, err := a.localID(specByName[c.ref].name, v.(string))
			if err != nil {
				return nil, nil, err
			}
			if id == 0 {
				if c.ref == s.name || !a.applied[c.ref] && specIndex(c.ref) > specIndex(s.name) {
					later = append(later, laterRef{s: s, col: c, uid: v.(string)})
				}
				v = nil
			} else {
				v = id
			}
		}
		vals[c.local] = v
	}
	return vals, later, nil
}

// readLocal reads the file's row with key: its id and synced columns.
func (a *applier) readLocal(s *tableSpec, where string, args ...any) (int64, map[string]any, error) {
	cols := make([]string, len(s.cols))
	for i, c := range s.cols {
		cols[i] = "t." + c.local
		if c.expr != "" {
			cols[i] = c.localExpr("t")
		}
	}
	idCol := "t.id"
	if s.keyCol == "key" {
		idCol = "t.rowid"
	}
	vals := make([]any, len(cols)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	row, err := a.queryRow(`SELECT `+idCol+`, `+strings.Join(cols, ", ")+` FROM `+s.name+` t WHERE `+where, args...)
	if err != nil {
		return 0, nil, err
	}
	err = row.Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	m := make(map[string]any, len(s.cols))
	for i, c := range s.cols {
		m[c.local] = localValue(vals[i+1])
	}
	return vals[0].(int64), m, nil
}

func localValue(v any) any {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v
}

// apply writes one pulled row.
func (a *applier) apply(s *tableSpec, r serverRow) error {
	vals, later, err := a.toLocal(s, r)
	if err != nil {
		return err
	}
	pend := a.pending[s.name+"/"+r.key]
	if pend["*"] {
		return nil // a local insert or delete of this row is waiting: the push decides
	}
	if s.doc != nil && !a.fresh {
		// The document's lines are read back below: nothing may wait in a group.
		if err := a.flushGroups(); err != nil {
			return err
		}
	}
	if a.touched[s.name] == nil {
		a.touched[s.name] = map[string]bool{}
	}
	a.touched[s.name][r.key] = true
	var id int64
	var local map[string]any
	if !a.fresh {
		if id, local, err = a.readLocal(s, "t."+s.keyCol+" = ?", r.key); err != nil {
			return err
		}
	}
	if local == nil && s.keyCol == "uid" && (a.join || a.refused[s.name] || s.name == "customer_groups") {
		if id, local, err = a.matchNatural(s, r.key, vals); err != nil {
			return err
		}
	}
	if local == nil {
		id, err = a.insert(s, r.key, vals)
		if err != nil {
			return err
		}
	} else {
		if a.join {
			if err := a.listDifferences(s, r.key, local, vals); err != nil {
				return err
			}
		}
		if err := a.update(s, id, r.key, local, vals, pend); err != nil {
			return err
		}
	}
	if s.keyCol == "uid" && id != 0 {
		a.remember(s.name, r.key, id)
	}
	if s.doc != nil {
		a.documentApplied(s, r.key, local, vals)
	}
	for _, l := range later {
		l.key = r.key
		a.later = append(a.later, l)
	}
	if s.name == "activities" {
		subject, _ := vals["subject"].(string)
		notes, _ := vals["notes"].(string)
		for _, w := range store.ActivityWords(subject, notes) {
			a.words[w] = true
		}
	}
	a.written++
	return nil
}

// matchNatural finds the file's row a joining file has for a server row by
// its natural key (account code, SKU, group name …): that row takes the
// server's uid. Outside a join only a row whose own insert the server
// refused (the same record made twice) or that has no uid is matched.
func (a *applier) matchNatural(s *tableSpec, uid string, vals map[string]any) (int64, map[string]any, error) {
	if len(s.natural) == 0 {
		return 0, nil, nil
	}
	var conds []string
	var args []any
	for _, k := range s.natural {
		if vals[k] == nil {
			conds = append(conds, "t."+k+" IS NULL")
		} else {
			conds = append(conds, "t."+k+" = ?")
			args = append(args, vals[k])
		}
	}
	where := strings.Join(conds, " AND ")
	if a.join {
		where += " AND (t.uid IS NULL OR t.uid NOT IN (SELECT row_key FROM team_joined WHERE tbl = '" + s.name + "'))"
	} else {
		// A group the file made itself while applying (an account named it)
		// has no uid yet.
		where += " AND (t.uid IS NULL OR t.uid IN (SELECT row_key FROM team_refused WHERE tbl = '" + s.name + "' AND op = 'insert'))"
	}
	id, local, err := a.readLocal(s, where+" ORDER BY t.id LIMIT 1", args...)
	if err != nil || local == nil {
		return 0, nil, err
	}
	var old sql.NullString
	_ = a.tx.QueryRowContext(a.ctx, `SELECT uid FROM `+s.name+` WHERE id = ?`, id).Scan(&old)
	if _, err := a.tx.ExecContext(a.ctx, `UPDATE `+s.name+` SET uid = ? WHERE id = ?`, uid, id); err != nil {
		return 0, nil, err
	}
	if old.Valid {
		// The file's own copy is now the team's row: its waiting insert and
		// the refused one are settled by the differences listed below.
		if _, err := a.tx.ExecContext(a.ctx, `DELETE FROM team_outbox WHERE tbl = ? AND row_key = ?`, s.name, old.String); err != nil {
			return 0, nil, err
		}
		if _, err := a.tx.ExecContext(a.ctx, `DELETE FROM team_refused WHERE tbl = ? AND row_key = ? AND op = 'insert'`, s.name, old.String); err != nil {
			return 0, nil, err
		}
	}
	if a.join {
		if _, err := a.tx.ExecContext(a.ctx, `INSERT OR IGNORE INTO team_joined (tbl, row_key) VALUES (?, ?)`, s.name, uid); err != nil {
			return 0, nil, err
		}
	}
	if !a.join { // a join lists the differences of every row it updates
		if err := a.listDifferences(s, uid, local, vals); err != nil {
			return 0, nil, err
		}
	}
	return id, local, nil
}

// listDifferences lists every value of a joining file that differs from the
// team's in the Conflicts list: the team's value stands.
func (a *applier) listDifferences(s *tableSpec, key string, local, vals map[string]any) error {
	label := recordLabel(a.ctx, a.tx, s, key)
	for _, c := range s.cols {
		lv, sv := local[c.local], vals[c.local]
		if sameValue(lv, sv) || c.kind == kRef {
			continue
		}
		a.conf++
		if err := addConflict(a.ctx, a.tx, s, key, label, conflictRec{Kind: "joined", Field: c.server, Kept: sv, Lost: lv,
			KeptText: c.display(sv), LostText: c.display(lv), Who: "the team server", At: time.Now()}); err != nil {
			return err
		}
	}
	return nil
}

func (a *applier) insert(s *tableSpec, key string, vals map[string]any) (int64, error) {
	if a.staging && s.keyCol == "uid" && !a.fresh && s.doc == nil {
		a.stage(s, stagedRow{key: key, vals: vals})
		return 0, nil
	}
	// A fresh file is written with its search and history triggers
	// suspended (FillTx): rows go straight in, a batch at a time; their ids
	// are known when the batch is written. Documents go in groups of their
	// own, their ids given (insertNow).
	if a.fresh && s.keyCol == "uid" && s.doc == nil {
		if a.batched == nil {
			a.batched = map[string][]stagedRow{}
		}
		a.batched[s.name] = append(a.batched[s.name], stagedRow{key: key, vals: vals})
		if len(a.batched[s.name]) >= batchRows {
			return 0, a.writeBatch(s)
		}
		return 0, nil
	}
	return a.insertNow(s, key, vals)
}

// writeBatch writes the batched rows of s with one INSERT and remembers
// their ids.
func (a *applier) writeBatch(s *tableSpec) error {
	rows := a.batched[s.name]
	if len(rows) == 0 {
		return nil
	}
	delete(a.batched, s.name)
	// The ids are given here, as a new file's documents' are: the INSERT
	// then returns nothing (RETURNING collects every row first).
	cols := []string{"id", s.keyCol}
	for _, c := range s.cols {
		cols = append(cols, c.local)
	}
	derived := sortedKeys(store.DerivedColumns(s.name, rows[0].vals))
	cols = append(cols, derived...)
	cols = append(cols, s.stamps...)
	one := "(?" + strings.Repeat(", ?", len(cols)-1) + ")"
	q := `INSERT INTO ` + s.name + ` (` + strings.Join(cols, ", ") + `) VALUES ` + one + strings.Repeat(", "+one, len(rows)-1)
	args := make([]any, 0, len(cols)*len(rows))
	for _, r := range rows {
		id := a.nextID(s.name)
		a.remember(s.name, r.key, id)
		args = append(args, id, r.key)
		for _, c := range s.cols {
			args = append(args, r.vals[c.local])
		}
		if len(derived) > 0 {
			d := store.DerivedColumns(s.name, r.vals)
			for _, k := range derived {
				args = append(args, d[k])
			}
		}
		for range s.stamps {
			args = append(args, a.now)
		}
	}
	st, err := a.stmt(q)
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(a.ctx, args...); err != nil {
		return fmt.Errorf("write %s: %w", s.name, err)
	}
	return nil
}

func (a *applier) stage(s *tableSpec, r stagedRow) {
	if a.staged == nil {
		a.staged = map[string][]stagedRow{}
	}
	a.staged[s.name] = append(a.staged[s.name], r)
}

func (a *applier) insertNow(s *tableSpec, key string, vals map[string]any) (int64, error) {
	cols := []string{s.keyCol}
	args := []any{key}
	for _, c := range s.cols {
		if c.expr != "" {
			continue
		}
		cols = append(cols, c.local)
		args = append(args, vals[c.local])
	}
	if s.doc != nil {
		for _, k := range sortedKeys(toAny(s.doc.initial)) {
			cols = append(cols, k)
			args = append(args, vals[s.doc.initial[k]])
		}
	}
	derived := store.DerivedColumns(s.name, vals)
	for _, k := range sortedKeys(derived) {
		cols = append(cols, k)
		args = append(args, derived[k])
	}
	for _, k := range s.stamps {
		cols = append(cols, k)
		args = append(args, a.now)
	}
	var id int64
	if a.fresh && s.doc != nil {
		// A new file takes documents in groups, their ids given here so
		// that their lines can follow at once.
		id = a.nextID(s.name)
		if err := a.addRow(s.name, "id, "+strings.Join(cols, ", "), append([]any{id}, args...)...); err != nil {
			return 0, fmt.Errorf("write %s %s: %w", s.name, key, err)
		}
	} else {
		q := `INSERT INTO ` + s.name + ` (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
		if s.keyCol == "key" {
			q += ` ON CONFLICT (key) DO UPDATE SET value = excluded.value`
		}
		res, err := a.exec(q, args...)
		if err != nil {
			return 0, fmt.Errorf("write %s %s: %w", s.name, key, err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	}
	if s.doc == nil || s.doc.write == nil {
		return id, nil
	}
	all := map[string]bool{}
	for _, c := range s.cols {
		if c.expr != "" {
			all[c.local] = true
		}
	}
	write := func() error {
		if err := s.doc.write(a, id, vals, all, true); err != nil {
			return fmt.Errorf("write %s %s: %w", s.name, key, err)
		}
		return nil
	}
	if a.fresh {
		// The lines follow their group of headers: a line written before
		// its header is a pending foreign key, and while one is pending
		// SQLite searches the lines' tables at every header it writes.
		return id, a.afterGroup(s.name, write)
	}
	if err := write(); err != nil {
		return 0, err
	}
	return id, nil
}

func (a *applier) update(s *tableSpec, id int64, key string, local, vals map[string]any, pend map[string]bool) error {
	var set []string
	var args []any
	merged := make(map[string]any, len(local))
	for k, v := range local {
		merged[k] = v
	}
	virtual := map[string]bool{}
	for _, c := range s.cols {
		if pend[c.server] || sameValue(local[c.local], vals[c.local]) {
			continue
		}
		if c.kind == kRef && vals[c.local] == nil && local[c.local] != nil {
			// The server's reference is to a row this file does not have
			// (a head office someone else owns): keep the file's.
			continue
		}
		merged[c.local] = vals[c.local]
		if c.expr != "" {
			virtual[c.local] = true
			continue
		}
		set = append(set, c.local+" = ?")
		args = append(args, vals[c.local])
	}
	if len(set) == 0 && len(virtual) == 0 {
		return nil
	}
	if s.doc != nil {
		return a.updateDocument(s, id, key, set, args, merged, virtual)
	}
	if a.staging && s.keyCol == "uid" {
		// (Only documents have virtual columns, and they are not staged.)
		changed := make([]string, 0, len(set))
		for _, c := range set {
			changed = append(changed, strings.TrimSuffix(c, " = ?"))
		}
		a.stage(s, stagedRow{id: id, key: key, vals: merged, changed: changed})
		return nil
	}
	derived := store.DerivedColumns(s.name, merged)
	for _, k := range sortedKeys(derived) {
		set = append(set, k+" = ?")
		args = append(args, derived[k])
	}
	if s.touch {
		set = append(set, "version = version + 1", "updated_at = ?")
		args = append(args, a.now)
	}
	idCol := "id"
	if s.keyCol == "key" {
		idCol = "rowid"
	}
	args = append(args, id)
	if _, err := a.exec(`UPDATE `+s.name+` SET `+strings.Join(set, ", ")+` WHERE `+idCol+` = ?`, args...); err != nil {
		return fmt.Errorf("write %s %s: %w", s.name, key, err)
	}
	return nil
}

// finish writes the staged rows, resolves the references left for later
// and records the words of the activities written.
func (a *applier) finish() error {
	for _, sp := range specs {
		if err := a.writeBatch(sp); err != nil {
			return err
		}
	}
	for _, sp := range specs {
		if rows := a.staged[sp.name]; len(rows) > 0 {
			if err := a.flush(sp, rows); err != nil {
				return err
			}
			delete(a.staged, sp.name)
		}
	}
	if err := a.flushGroups(); err != nil {
		return err
	}
	if a.current != nil {
		if a.applied == nil {
			a.applied = map[string]bool{}
		}
		a.applied[a.current.name] = true
	}
	var keep []laterRef
	for _, l := range a.later {
		id, err := a.localID(specByName[l.col.ref].name, l.uid)
		if err != nil {
			return err
		}
		if id == 0 && !a.applied[l.col.ref] {
			keep = append(keep, l) // a table written later in the round
			continue
		}
		self, err := a.localID(l.s.name, l.key)
		if err != nil {
			return err
		}
		if id == 0 || self == 0 {
			continue
		}
		if _, err := a.tx.ExecContext(a.ctx, `UPDATE `+l.s.name+` SET `+l.col.local+` = ? WHERE id = ?`, id, self); err != nil {
			return err
		}
	}
	a.later = keep
	if len(a.words) > 0 {
		words := make([]string, 0, len(a.words))
		for w := range a.words {
			words = append(words, w)
		}
		a.words = map[string]bool{}
		return store.AddActivityWords(a.ctx, a.tx, words)
	}
	return nil
}

// removeRow deletes the file's row with key and, for an account, what is
// under it (contacts, history, its agreements, documents and ledger). A row
// the file still refers to stays. The caller marks tx as applying.
func removeRow(ctx context.Context, tx *sql.Tx, s *tableSpec, key string) error {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT remove_row`); err != nil {
		return err
	}
	err := func() error {
		if s.name == "accounts" {
			for _, q := range []string{
				// Its documents and ledger go with it (credit notes before
				// the invoices they correct; lines, files and allocations
				// with their rows).
				`DELETE FROM settlements WHERE account_id = (SELECT id FROM accounts WHERE uid = ?)`,
				`DELETE FROM payments WHERE account_id = (SELECT id FROM accounts WHERE uid = ?)`,
				`DELETE FROM invoices WHERE account_id = (SELECT id FROM accounts WHERE uid = ?) AND corrects_id IS NOT NULL`,
				`DELETE FROM invoices WHERE account_id = (SELECT id FROM accounts WHERE uid = ?)`,
				`DELETE FROM orders WHERE account_id = (SELECT id FROM accounts WHERE uid = ?)`,
				`DELETE FROM quotes WHERE account_id = (SELECT id FROM accounts WHERE uid = ?)`,
				`DELETE FROM activities WHERE account_id = (SELECT id FROM accounts WHERE uid = ?)`,
				`DELETE FROM price_agreements WHERE account_id = (SELECT id FROM accounts WHERE uid = ?)`,
				`DELETE FROM contacts WHERE account_id = (SELECT id FROM accounts WHERE uid = ?)`,
			} {
				if _, err := tx.ExecContext(ctx, q, key); err != nil {
					return err
				}
			}
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM `+s.name+` WHERE `+s.keyCol+` = ?`, key)
		return err
	}()
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT remove_row`); rerr != nil {
			return rerr
		}
	}
	_, rerr := tx.ExecContext(ctx, `RELEASE SAVEPOINT remove_row`)
	return rerr
}

// encodeJSON is a value as the conflicts table keeps it.
func encodeJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// flush writes the staged rows of s: a few one by one, many with one INSERT
// and one UPDATE from a temporary table.
func (a *applier) flush(s *tableSpec, rows []stagedRow) error {
	cols := make([]string, len(s.cols))
	for i, c := range s.cols {
		cols[i] = c.local
	}
	derivedCols := sortedKeys(store.DerivedColumns(s.name, rows[0].vals))
	all := append(append([]string{}, cols...), derivedCols...)
	if len(rows) < stageFrom {
		for _, r := range rows {
			if r.id == 0 {
				id, err := a.insertNow(s, r.key, r.vals)
				if err != nil {
					return err
				}
				a.remember(s.name, r.key, id)
				continue
			}
			if err := a.updateAll(s, r.id, r.key, r.vals, append(r.changed, derivedCols...)); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := a.tx.ExecContext(a.ctx, `DROP TABLE IF EXISTS temp.team_stage`); err != nil {
		return err
	}
	if _, err := a.tx.ExecContext(a.ctx, `CREATE TEMP TABLE team_stage (stage_key, stage_id, `+strings.Join(all, ", ")+`)`); err != nil {
		return err
	}
	ins, err := a.tx.PrepareContext(a.ctx, `INSERT INTO temp.team_stage VALUES (?, ?`+strings.Repeat(", ?", len(all))+`)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	var inserts, updates int
	for _, r := range rows {
		derived := store.DerivedColumns(s.name, r.vals)
		args := []any{r.key, r.id}
		for _, c := range cols {
			args = append(args, r.vals[c])
		}
		for _, c := range derivedCols {
			args = append(args, derived[c])
		}
		if _, err := ins.ExecContext(a.ctx, args...); err != nil {
			return err
		}
		if r.id == 0 {
			inserts++
		} else {
			updates++
		}
	}
	if inserts > 0 {
		stampCols, stampArgs := "", []any{}
		for _, k := range s.stamps {
			stampCols += ", " + k
			stampArgs = append(stampArgs, a.now)
		}
		q := `INSERT INTO ` + s.name + ` (` + s.keyCol + `, ` + strings.Join(all, ", ") + stampCols + `)
			SELECT stage_key, ` + strings.Join(all, ", ") + strings.Repeat(", ?", len(s.stamps)) + ` FROM temp.team_stage WHERE stage_id = 0 ORDER BY rowid`
		if _, err := a.tx.ExecContext(a.ctx, q, stampArgs...); err != nil {
			return fmt.Errorf("write %s: %w", s.name, err)
		}
	}
	if updates > 0 {
		// Only the columns some row changes: an index or trigger on the
		// others is left alone (10,000 pulled notes rewrite no date index
		// and look no account's last contact up again).
		changed := map[string]bool{}
		for _, r := range rows {
			for _, c := range r.changed {
				changed[c] = true
			}
		}
		set := make([]string, 0, len(changed)+len(derivedCols)+2)
		for _, c := range append(cols, derivedCols...) {
			if changed[c] || slices.Contains(derivedCols, c) {
				set = append(set, c+" = s."+c)
			}
		}
		var args []any
		if s.touch {
			set = append(set, "version = "+s.name+".version + 1", "updated_at = ?")
			args = append(args, a.now)
		}
		q := `UPDATE ` + s.name + ` SET ` + strings.Join(set, ", ") + ` FROM temp.team_stage AS s WHERE ` + s.name + `.id = s.stage_id AND s.stage_id <> 0`
		run := func() error {
			if _, err := a.tx.ExecContext(a.ctx, q, args...); err != nil {
				return fmt.Errorf("write %s: %w", s.name, err)
			}
			return nil
		}
		if s.name == "activities" && store.ChangesHistoryText(changed) {
			err = store.ReindexHistoryAround(a.ctx, a.tx, `SELECT stage_id FROM temp.team_stage WHERE stage_id <> 0`, run)
		} else {
			err = run()
		}
		if err != nil {
			return err
		}
	}
	_, err = a.tx.ExecContext(a.ctx, `DROP TABLE temp.team_stage`)
	return err
}

// updateAll writes every synced and derived column of the row id.
func (a *applier) updateAll(s *tableSpec, id int64, key string, vals map[string]any, all []string) error {
	derived := store.DerivedColumns(s.name, vals)
	set := make([]string, 0, len(all)+2)
	args := make([]any, 0, len(all)+2)
	for _, c := range all {
		set = append(set, c+" = ?")
		if v, ok := derived[c]; ok {
			args = append(args, v)
		} else {
			args = append(args, vals[c])
		}
	}
	if s.touch {
		set = append(set, "version = version + 1", "updated_at = ?")
		args = append(args, a.now)
	}
	args = append(args, id)
	if _, err := a.exec(`UPDATE `+s.name+` SET `+strings.Join(set, ", ")+` WHERE id = ?`, args...); err != nil {
		return fmt.Errorf("write %s %s: %w", s.name, key, err)
	}
	return nil
}
