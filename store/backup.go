package store

import (
	"context"
	"errors"
	"io/fs"
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
	if _, err := db.r.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return wrap("backup to "+path, err)
	}
	return os.Chmod(path, 0o600)
}
