package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	_ "modernc.org/sqlite" // registers the "sqlite" driver this one wraps
)

// cachingDriverName is the driver every store connection opens through: the
// SQLite driver with each connection keeping its prepared statements.
// Preparing is about half the CPU of a small query or save, and more on a
// table with triggers (a joined file's outbox triggers are compiled into
// every statement that writes a synced table); the same few hundred
// statements run again and again, so each connection prepares each once.
const driverName = "kontor-sqlite"

// plainDriverName is the SQLite driver as its package registers it.
const plainDriverName = "sqlite"

// maxCachedStatements bounds a connection's cache: statements built with a
// varying number of placeholders could otherwise grow it without end. A full
// cache is emptied and refilled by what runs next.
const maxCachedStatements = 256

func init() {
	plain, err := sql.Open(plainDriverName, "")
	if err != nil {
		panic(err)
	}
	sql.Register(driverName, cachingDriver{plain.Driver()})
	plain.Close()
}

type cachingDriver struct{ driver.Driver }

func (d cachingDriver) Open(name string) (driver.Conn, error) {
	c, err := d.Driver.Open(name)
	if err != nil {
		return nil, err
	}
	inner, ok := c.(sqliteConn)
	if !ok {
		c.Close()
		return nil, errors.New("store: the SQLite driver's connection lacks the context methods")
	}
	return &cachingConn{sqliteConn: inner, stmts: map[string]*cachedStmt{}}, nil
}

// sqliteConn is what database/sql uses of the driver's connection.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachingConn runs ExecContext and QueryContext through prepared statements
// kept per query text. database/sql never uses one connection from two
// goroutines at once, but rows may stay open while the connection runs more
// statements: a statement whose rows are open is busy, and the same text
// meanwhile runs through a statement of its own, as without the cache.
type cachingConn struct {
	sqliteConn
	stmts map[string]*cachedStmt
}

type cachedStmt struct {
	stmt interface {
		driver.Stmt
		driver.StmtExecContext
		driver.StmtQueryContext
	}
	busy bool
}

// cached returns the idle prepared statement for query, preparing it when
// there is none; nil when the one there is busy.
func (c *cachingConn) cached(ctx context.Context, query string) (*cachedStmt, error) {
	if s, ok := c.stmts[query]; ok {
		if s.busy {
			return nil, nil
		}
		return s, nil
	}
	ds, err := c.sqliteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	stmt, ok := ds.(interface {
		driver.Stmt
		driver.StmtExecContext
		driver.StmtQueryContext
	})
	if !ok {
		ds.Close()
		return nil, nil
	}
	if len(c.stmts) >= maxCachedStatements {
		c.dropIdle()
	}
	s := &cachedStmt{stmt: stmt}
	c.stmts[query] = s
	return s, nil
}

// dropIdle closes every cached statement that is not busy.
func (c *cachingConn) dropIdle() {
	for q, s := range c.stmts {
		if !s.busy {
			s.stmt.Close()
			delete(c.stmts, q)
		}
	}
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.cached(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	s.busy = true
	defer func() { s.busy = false }()
	return s.stmt.ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.cached(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	rows, err := s.stmt.QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	s.busy = true
	return &releasingRows{Rows: rows, s: s}, nil
}

// Close closes the cached statements, then the connection.
func (c *cachingConn) Close() error {
	var errs []error
	for q, s := range c.stmts {
		errs = append(errs, s.stmt.Close())
		delete(c.stmts, q)
	}
	return errors.Join(append(errs, c.sqliteConn.Close())...)
}

// releasingRows gives its statement back to the cache when closed.
type releasingRows struct {
	driver.Rows
	s *cachedStmt
}

func (r *releasingRows) Close() error {
	err := r.Rows.Close()
	r.s.busy = false
	return err
}
