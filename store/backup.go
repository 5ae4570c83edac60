package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"kontor/domain"
	"kontor/store/safefile"
)

// Backup writes a consistent copy of the database to path with VACUUM INTO on
// a read-only handle, so saves go on meanwhile. The copy appears whole or not
// at all: it is written as a hidden file beside path, private (0600) from its
// first byte — SQLite's journal beside it too —, synced, and only then given
// its name. An existing file is not replaced.
func (db *DB) Backup(ctx context.Context, path string) error {
	if err := checkTarget(path); err != nil {
		return err
	}
	// Backups share a folder: what killed ones left goes, whatever their names.
	safefile.CleanStale(filepath.Dir(path), "")
	tmp, err := safefile.Create(path)
	if err != nil {
		return err
	}
	defer tmp.Abort()
	if err := vacuumInto(ctx, db.srcDSN, db.path, tmp.Name(), path); err != nil {
		return err
	}
	return tmp.CommitNew()
}

// checkTarget fails unless a new file can be written at path: its folder
// exists and no file has the name.
func checkTarget(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return domain.Errorf(domain.ENotFound, "backup.folder_missing",
			"the folder {{.Dir}} does not exist; create it or choose another place for the backup", map[string]any{"Dir": dir})
	case err != nil:
		return safefile.Error(path, err, 0)
	case !st.IsDir():
		return domain.Errorf(domain.EInvalid, "backup.not_folder", "{{.Dir}} is a file, not a folder", map[string]any{"Dir": dir})
	}
	if exists(path) {
		return domain.Errorf(domain.EConflict, "backup.exists", "{{.Path}} already exists; choose a new file name", map[string]any{"Path": path})
	}
	return nil
}

// vacuumInto copies the database that srcDSN reads (the file src) into the
// empty file tmp; target is what problems with the copy are reported under.
func vacuumInto(ctx context.Context, srcDSN, src, tmp, target string) error {
	h, err := sql.Open(driverName, srcDSN)
	if err != nil {
		return fmt.Errorf("back up %s: %w", src, err)
	}
	defer h.Close()
	if _, err := h.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		m := mapError(err)
		if e, ok := domain.AsError(m); ok && e.Key == "db.io_error" && safefile.IsFull(safefile.WhyWriteFails(tmp)) {
			m = &domain.Error{Code: domain.EFull} // the copy's disk is full, not the database's
		}
		switch domain.ErrorCode(m) {
		case domain.EFull:
			var need int64
			if st, err := os.Stat(src); err == nil {
				need = st.Size()
			}
			return safefile.DiskFull(target, need)
		case domain.EReadOnly:
			return safefile.Error(target, fs.ErrPermission, 0)
		case domain.EBusy, domain.EUnusable:
			return m
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("back up %s to %s: %w", src, target, err)
	}
	return nil
}

// Restore replaces the database at path with the backup from. The backup must
// be a complete Kontor database this version can open and pass SQLite's
// quick check; it is copied beside path (private, synced) and swapped in while
// no other program has the database open. The file it replaces is kept aside
// as PATH.before-restore-YYYYMMDD-HHMMSS, whose name Restore returns ("" when
// there was none). Nothing changes when any step fails.
func Restore(ctx context.Context, path, from string) (aside string, err error) {
	registerCollation()
	if _, err := inspect(ctx, from); err != nil {
		return "", err
	}
	fromDSN := inspectDSN(from, 5*time.Second)
	if problems, err := checkHandle(ctx, fromDSN, true); err != nil {
		return "", err
	} else if len(problems) > 0 {
		return "", damaged(from, problems[0])
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st = nil
	case err != nil:
		return "", cannotOpen(path, err)
	case !st.Mode().IsRegular():
		return "", domain.Errorf(domain.EUnusable, "db.not_file",
			"{{.Path}} is a device or a pipe, not a file; choose a Kontor database file", map[string]any{"Path": path})
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", cannotOpen(path, err)
	}
	tmp, err := safefile.Create(path)
	if err != nil {
		return "", err
	}
	defer tmp.Abort()
	if err := vacuumInto(ctx, fromDSN, from, tmp.Name(), path); err != nil {
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		return "", safefile.Error(path, err, 0)
	}
	if st == nil {
		return "", tmp.CommitNew()
	}
	unlock, err := lockOut(ctx, path)
	if err != nil {
		return "", err
	}
	defer unlock()
	aside = asideName(path, time.Now())
	if err := os.Rename(path, aside); err != nil {
		return "", cannotOpen(path, err)
	}
	if err := tmp.Commit(); err != nil {
		os.Rename(aside, path)
		return "", err
	}
	return aside, nil
}

// lockOut takes the database at path for this process alone, so it can be
// swapped: it fails with EBusy while another program has it open. The
// database is left in rollback-journal mode (no -wal or -shm beside it), the
// mode a file is in when kept aside; Open switches it back to WAL.
func lockOut(ctx context.Context, path string) (unlock func(), err error) {
	h, err := sql.Open(driverName, fileURI(path)+"?_pragma=busy_timeout(200)")
	if err != nil {
		return nil, err
	}
	h.SetMaxOpenConns(1)
	c, err := h.Conn(ctx)
	if err != nil {
		h.Close()
		return nil, err
	}
	unlock = func() {
		c.Close()
		h.Close()
	}
	var mode string
	if _, err = c.ExecContext(ctx, `PRAGMA locking_mode = EXCLUSIVE`); err == nil {
		// Leaving WAL needs every other connection gone: that is the test.
		if err = c.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode); err == nil {
			_, err = c.ExecContext(ctx, `BEGIN EXCLUSIVE; COMMIT`)
		}
	}
	if err != nil {
		unlock()
		switch m := mapError(err); domain.ErrorCode(m) {
		case domain.EBusy:
			return nil, domain.Errorf(domain.EBusy, "restore.in_use",
				"{{.Path}} is open in Kontor or kontorctl; close them and try again. Nothing was changed.", map[string]any{"Path": path})
		case domain.EUnusable:
			// A damaged database: no one can be using it, and it is what is being replaced.
			return func() {}, nil
		default:
			return nil, wrap("lock "+path, err)
		}
	}
	return unlock, nil
}

// asideName is where Restore keeps the file it replaces.
func asideName(path string, now time.Time) string {
	base := path + ".before-restore-" + now.Format("20060102-150405")
	name := base
	for i := 2; exists(name); i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	return name
}
