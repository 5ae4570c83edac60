package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"net/url"
	"os"

	"kontor/domain"
)

// Backup writes a consistent copy of the database to path with VACUUM INTO,
// safe while Kontor is running. An existing file is not overwritten.
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return domain.Errorf(domain.EConflict, "backup.exists", "{{.Path}} already exists; choose a new file name", map[string]any{"Path": path})
	} else if !errors.Is(err, fs.ErrNotExist) {
		return wrap("backup", err)
	}
	// The reader pool is query_only, which refuses VACUUM INTO; a read-only
	// connection of its own reads a consistent snapshot without blocking saves.
	src, err := sql.Open(driverName, "file:"+(&url.URL{Path: db.path}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return wrap("backup", err)
	}
	defer src.Close()
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return wrap("backup to "+path, err)
	}
	return os.Chmod(path, 0o600)
}
