package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store/xfer"
)

// ImportSummary counts what an import did.
type ImportSummary struct {
	Created, Updated, Unchanged int
}

// Transfer imports and exports the files of the CSV contract (store/xfer).
type Transfer struct{ db *DB }

// NewTransfer returns the import/export service over db.
func NewTransfer(db *DB) *Transfer { return &Transfer{db: db} }

// importRun checks a parsed file and, when every row is good, applies it in
// one write transaction: a file imports whole or not at all. check returns
// the problems it finds (against the stored data); apply writes, through a
// Bulk over the transaction whose queued rows are written after it.
//
// The check runs first on a snapshot, holding no lock: however long a large
// file takes to check, the app and other programs go on saving meanwhile.
// The write lock is taken only to apply. If anything was saved between the
// snapshot and the lock, the check runs again under the lock, so the file is
// applied only to data it was checked against. With problems found (while
// reading or checking), no lock is ever taken, and every bad row is listed.
func (t *Transfer) importRun(ctx context.Context, s xfer.Schema, found xfer.Errors, check func(tx *sql.Tx) (xfer.Errors, error),
	apply func(b *Bulk) error) error {
	return t.importRunWith(ctx, t.db.write, s, found, check, apply)
}

// importRunWith is importRun applying through write (DB.write, or
// DB.writeChecked for a check that covers every reference the file makes).
func (t *Transfer) importRunWith(ctx context.Context, write func(context.Context, func(*sql.Tx) error) error, s xfer.Schema,
	found xfer.Errors, check func(tx *sql.Tx) (xfer.Errors, error), apply func(b *Bulk) error) error {
	errs := append(xfer.Errors(nil), found...)
	conn, err := t.db.r.Conn(ctx)
	if err != nil {
		return wrap("import", err)
	}
	defer conn.Close()
	before, err := dataVersion(ctx, conn)
	if err != nil {
		return err
	}
	err = func() error {
		tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return wrap("begin check", err)
		}
		defer tx.Rollback()
		more, err := check(tx)
		if err != nil {
			return t.db.fail(err)
		}
		errs = append(errs, more...)
		return nil
	}()
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return errs.Tidy(s)
	}
	return write(ctx, func(tx *sql.Tx) error {
		// The lock is held: nothing more can change. Did anything since the snapshot?
		after, err := dataVersion(ctx, conn)
		if err != nil {
			return err
		}
		if after != before {
			more, err := check(tx)
			if err != nil {
				return err
			}
			if len(more) > 0 {
				return more.Tidy(s) // rolls back
			}
		}
		b := newBulk(ctx, t.db, tx)
		defer b.close()
		if err := apply(b); err != nil {
			return err
		}
		return b.Flush()
	})
}

// dataVersion is SQLite's count of what other connections have committed,
// as seen by conn: a change means the database changed since the last look.
func dataVersion(ctx context.Context, conn *sql.Conn) (int64, error) {
	var v int64
	if err := conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return 0, wrap("read data version", err)
	}
	return v, nil
}

// importPlan is a checked file: the problems its rows have against the stored
// data, and how to write it when there are none.
type importPlan interface {
	problems() xfer.Errors
	apply(b *Bulk, now time.Time) (ImportSummary, error)
}

// importPlanned is importRun over a check that builds a plan, which writes the
// file when no row has a problem.
func importPlanned[P importPlan](ctx context.Context, t *Transfer, s xfer.Schema, found xfer.Errors,
	check func(tx *sql.Tx) (P, error)) (ImportSummary, error) {
	var sum ImportSummary
	var plan P
	err := t.importRun(ctx, s, found, func(tx *sql.Tx) (xfer.Errors, error) {
		var err error
		if plan, err = check(tx); err != nil {
			return nil, err
		}
		return plan.problems(), nil
	}, func(b *Bulk) error {
		var err error
		sum, err = plan.apply(b, t.db.now())
		return err
	})
	return sum, err
}

// rowErr builds the problem of one row from a domain field error.
func rowErr(file string, line int, fe domain.FieldError) xfer.RowError {
	return xfer.RowError{File: file, Line: line, Column: fe.Field, Err: fe}
}

// rowErrs turns a validation error into one problem per field; another error
// is returned as it is.
func rowErrs(file string, line int, err error) (xfer.Errors, error) {
	e, ok := domain.AsError(err)
	if !ok || len(e.Fields) == 0 {
		return nil, err
	}
	out := make(xfer.Errors, len(e.Fields))
	for i, fe := range e.Fields {
		out[i] = rowErr(file, line, fe)
	}
	return out, nil
}

// storedCodes maps the code key of every stored account to its id: one pass
// over the code index instead of a query per row.
func storedCodes(ctx context.Context, tx *sql.Tx) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, code FROM accounts`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[domain.CodeKey(code)] = id
	}
	return out, rows.Err()
}

// stage is a temporary table on the writer connection that collects the rows
// of an import, so they reach the real table in one INSERT … SELECT and one
// UPDATE … FROM. Writing row by row would be far slower on tables with a search
// index: every statement that fires the FTS triggers opens a savepoint, and
// FTS5 flushes its pending terms into a new index segment at each one, so the
// index would grow (and be merged) one row at a time. The table lives inside
// the import's transaction: a failed import rolls its creation back.
type stage struct {
	name string
	cols []string
	add  *sql.Stmt
}

// stage creates temp.name with op ('i' insert, 'u' update), id and cols.
func (b *Bulk) stage(name string, cols []string) (*stage, error) {
	ctx, tx := b.ctx, b.tx
	all := append([]string{"op", "id"}, cols...)
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE `+name+` (`+strings.Join(all, ", ")+`)`); err != nil {
		return nil, err
	}
	add, err := tx.PrepareContext(ctx, `INSERT INTO temp.`+name+` VALUES (?`+strings.Repeat(", ?", len(all)-1)+`)`)
	if err != nil {
		return nil, err
	}
	return &stage{name: name, cols: cols, add: add}, nil
}

// insert stages a new row; id may be nil to let the table choose.
func (s *stage) insert(ctx context.Context, id any, vals ...any) error {
	_, err := s.add.ExecContext(ctx, append([]any{"i", id}, vals...)...)
	return err
}

// update stages new values for the row id.
func (s *stage) update(ctx context.Context, id int64, vals ...any) error {
	_, err := s.add.ExecContext(ctx, append([]any{"u", id}, vals...)...)
	return err
}

// flush writes the staged rows to table in file order: inserts with created_at
// and updated_at set to now, updates bumping version and updated_at. Foreign
// keys are checked at the end of each statement, so a row may name a head
// office staged after it. The stage is dropped afterwards.
func (s *stage) flush(ctx context.Context, tx *sql.Tx, table, now string, withID bool) error {
	s.add.Close()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM temp.`+s.name).Scan(&n); err != nil {
		return err
	}
	reindex, err := bulkSearch(ctx, tx, table, n) // many rows: rebuild the search index once, after
	if err != nil {
		return err
	}
	cols := strings.Join(s.cols, ", ")
	idCol, idVal := "", ""
	if withID {
		idCol, idVal = "id, ", "id, "
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+idCol+cols+`, created_at, updated_at)
		SELECT `+idVal+cols+`, ?1, ?1 FROM temp.`+s.name+` WHERE op = 'i' ORDER BY rowid`, now); err != nil {
		return err
	}
	set := make([]string, len(s.cols))
	for i, c := range s.cols {
		set[i] = c + " = s." + c
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+table+` AS t SET `+strings.Join(set, ", ")+`,
		version = t.version + 1, updated_at = ?1 FROM temp.`+s.name+` AS s WHERE s.op = 'u' AND t.id = s.id`, now); err != nil {
		return err
	}
	if err := reindex(); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DROP TABLE temp.`+s.name)
	return err
}
