package store

import (
	"context"
	"database/sql"
)

// batch writes the rows of one table with multi-row INSERTs, its shape's
// perStatement rows a statement: the driver's cost per statement, most of what
// a narrow row costs, is then paid once a group. The rows left over when it is
// flushed go in one statement of that many rows. Statements are prepared once
// per row count, on first use, and released by close. Rows go in in the order
// added.
type batch struct {
	shape *rowShape
	args  []any
	rows  int
	stmts map[int]*sql.Stmt
}

func newBatch(shape *rowShape) *batch {
	return &batch{shape: shape, stmts: map[int]*sql.Stmt{}}
}

// add queues one row's values, writing a full statement's worth.
func (b *batch) add(ctx context.Context, tx *sql.Tx, vals []any) error {
	if b.push(vals) {
		return b.flush(ctx, tx)
	}
	return nil
}

// push queues one row's values and reports whether a statement's worth is queued.
func (b *batch) push(vals []any) bool {
	b.args = append(b.args, vals...)
	b.rows++
	return b.rows >= b.shape.perStatement
}

// flush writes the rows queued.
func (b *batch) flush(ctx context.Context, tx *sql.Tx) error {
	if b.rows == 0 {
		return nil
	}
	st := b.stmts[b.rows]
	if st == nil {
		var err error
		if st, err = tx.PrepareContext(ctx, insertSQL(b.shape.table, b.shape.columns, b.rows)); err != nil {
			return err
		}
		b.stmts[b.rows] = st
	}
	_, err := st.ExecContext(ctx, b.args...)
	b.args, b.rows = b.args[:0], 0
	return err
}

// close releases the statements; rows still queued are dropped.
func (b *batch) close() {
	for _, st := range b.stmts {
		st.Close()
	}
	clear(b.stmts)
	b.args, b.rows = b.args[:0], 0
}
