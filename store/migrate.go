package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations returns the embedded migration files in order; file N is schema version N.
func migrations() []string {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is constant
	}
	sort.Strings(names)
	return names
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations()) }

// migrate applies every migration newer than the file's user_version, each in
// its own transaction together with its version bump. The version is read again
// inside the write transaction, so two processes opening a new file at once do
// not both apply a migration.
func (db *DB) migrate(ctx context.Context) error {
	files := migrations()
	// An up-to-date file needs no write lock: checking on a reader first means
	// opening it never waits for (or fails on) another program's long save.
	var version int
	if err := db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return wrap("read schema version", err)
	}
	if version == len(files) {
		return nil
	}
	for {
		done, err := migrateOne(ctx, db.w, files)
		if err != nil || done {
			return err
		}
	}
}

func migrateOne(ctx context.Context, w *sql.DB, files []string) (done bool, err error) {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return false, wrap("begin migration", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, wrap("read schema version", err)
	}
	if version > len(files) {
		return false, fmt.Errorf("schema version %d is newer than this Kontor (%d)", version, len(files))
	}
	if version == len(files) {
		return true, nil
	}
	name := files[version]
	if !strings.HasPrefix(strings.TrimPrefix(name, "migrations/"), fmt.Sprintf("%04d_", version+1)) {
		return false, fmt.Errorf("migration %s is out of sequence: want %04d_*.sql", name, version+1)
	}
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, wrap("apply "+name, err)
	}
	if strings.Contains(string(body), "writable_schema") {
		if err := bumpSchemaCookie(ctx, tx); err != nil {
			return false, wrap("apply "+name, err)
		}
	}
	if version == 0 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return false, wrap("set application id", err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
		return false, wrap("set schema version", err)
	}
	return false, wrap("commit "+name, tx.Commit())
}

// bumpSchemaCookie ends a migration that edited sqlite_schema by hand (the
// documented way to change a CHECK constraint every row satisfies): one more
// schema version makes every connection, this one too, parse the schema
// again.
func bumpSchemaCookie(ctx context.Context, tx *sql.Tx) error {
	var v int64
	if err := tx.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&v); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA schema_version = %d", v+1))
	return err
}
