package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"kontor/domain"
)

// ApplicationID marks a SQLite file as Kontor's ("KNTR").
const ApplicationID = 0x4B4E5452

// DB is an open Kontor database.
type DB struct {
	path string
	w    *sql.DB // one connection: every transaction on it is a write transaction
	r    *sql.DB // readers
	now  func() time.Time

	// Created reports that Open made a new, empty database.
	Created bool
}

// Options tune Open.
type Options struct {
	BusyTimeout time.Duration // how long a save waits for another writer; default 5 s
}

// Open opens the Kontor database at path, creating it (mode 0600) and its folder
// when missing and migrating it to the current schema. A file that is not a
// Kontor database, one written by a newer Kontor, and one Kontor cannot write
// are refused with an EInvalid error and left untouched.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = 5 * time.Second
	}
	registerCollation()
	created, err := prepareFile(path)
	if err != nil {
		return nil, err
	}
	if !created {
		if err := probe(ctx, path); err != nil {
			return nil, err
		}
	}
	db := &DB{path: path, now: time.Now, Created: created}
	if db.w, err = sql.Open(driverName, dsn(path, opt.BusyTimeout, false)); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetConnMaxIdleTime(0)
	if db.r, err = sql.Open(driverName, dsn(path, opt.BusyTimeout, true)); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.r.SetMaxOpenConns(4)
	db.r.SetMaxIdleConns(4)
	if err := db.migrateWaiting(ctx, opt.BusyTimeout); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.refreshNameKeys(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// migrateWaiting retries a migration that found the file busy, for up to
// wait: switching a new file to WAL takes its lock without SQLite's busy
// handler, so two programs creating one file at once would otherwise fail.
func (db *DB) migrateWaiting(ctx context.Context, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		err := db.migrate(ctx)
		if e, ok := domain.AsError(err); !ok || e.Key != "db.locked" || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}

// SetClock replaces the clock that stamps created_at/updated_at (tests).
func (db *DB) SetClock(now func() time.Time) { db.now = now }

func dsn(path string, busy time.Duration, reader bool) string {
	q := url.Values{}
	// The pragmas run in this order: the busy timeout first, so that switching
	// to WAL waits for another program opening the file instead of failing.
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	if !reader {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if reader {
		q.Add("_pragma", "query_only(1)")
		q.Set("_txlock", "deferred")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// prepareFile creates a missing database file with mode 0600 and checks that an
// existing one can be written. It reports whether the file is new (or empty).
func prepareFile(path string) (created bool, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, cannotOpen(path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		return true, f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		return false, cannotOpen(path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return false, cannotOpen(path, err)
	}
	if st.IsDir() {
		return false, notKontor(path)
	}
	f, err = os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false, cannotOpen(path, err)
	}
	defer f.Close()
	if st.Size() == 0 {
		return true, nil
	}
	return false, checkHeader(path, f)
}

// checkHeader refuses files that are not SQLite, or are SQLite marked as another
// program's, without writing a byte.
func checkHeader(path string, f io.Reader) error {
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || !bytes.Equal(h[:16], []byte("SQLite format 3\x00")) {
		return notKontor(path)
	}
	if id := binary.BigEndian.Uint32(h[68:72]); id != ApplicationID && id != 0 {
		return notKontor(path)
	}
	return nil
}

// probe opens the file read-only and checks the application ID and schema
// version SQLite reports (the header alone can lag behind a WAL file).
func probe(ctx context.Context, path string) error {
	q := url.Values{}
	q.Set("mode", "ro")
	// With no -wal beside it the file alone holds the whole database: read it as
	// immutable, so SQLite leaves no -wal/-shm next to a file that may not be ours.
	if _, err := os.Stat(path + "-wal"); errors.Is(err, fs.ErrNotExist) {
		q.Set("immutable", "1")
	}
	q.Add("_pragma", "busy_timeout(5000)")
	p, err := sql.Open(driverName, "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return cannotOpen(path, err)
	}
	defer p.Close()
	var appID, version, objects int64
	err = p.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &objects)
	if err != nil {
		if e := mapError(err); domain.ErrorCode(e) != domain.EInternal {
			return e
		}
		return notKontor(path)
	}
	if appID != ApplicationID && (appID != 0 || objects > 0) {
		return notKontor(path)
	}
	if version > int64(len(migrations())) {
		return domain.Errorf(domain.EInvalid, "db.newer",
			"{{.Path}} was written by a newer version of Kontor (schema {{.Found}}; this version knows up to {{.Known}}). Update Kontor to open it.",
			map[string]any{"Path": path, "Found": version, "Known": len(migrations())})
	}
	return nil
}

func notKontor(path string) error {
	return domain.Errorf(domain.EInvalid, "db.not_kontor",
		"{{.Path}} is not a Kontor database. Kontor left it unchanged; choose another file.", map[string]any{"Path": path})
}

func cannotOpen(path string, err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return domain.Errorf(domain.EInvalid, "db.read_only",
			"Kontor cannot write to {{.Path}}: the file or its folder is read-only. Check its permissions or choose another file.",
			map[string]any{"Path": path})
	}
	return fmt.Errorf("open database %s: %w", path, err)
}
