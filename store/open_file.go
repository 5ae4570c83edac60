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
	"sort"
	"strings"
	"sync"

	"kontor/domain"
	"kontor/store/safefile"
)

// create makes a new database at path: the schema is built in a hidden file
// beside it, which takes path's name only when complete (and only if nothing
// took the name meanwhile). It reports false when another program created the
// database first: that one is opened instead.
func create(ctx context.Context, path string) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, cannotOpen(path, err)
	}
	tmp, err := safefile.Create(path)
	if domain.ErrorCode(err) == domain.EReadOnly {
		return false, readOnly(path)
	} else if err != nil {
		return false, err
	}
	defer tmp.Abort()
	// A rollback journal while building: the file is nobody else's yet, and
	// Open switches it to WAL once it has its name.
	w, err := sql.Open(driverName, fileURI(tmp.Name())+"?_pragma=foreign_keys(1)&_txlock=immediate")
	if err != nil {
		return false, fmt.Errorf("create %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	files := migrations()
	for {
		done, err := migrateOne(ctx, w, files)
		if err != nil {
			w.Close()
			return false, safefile.Error(path, err, 0)
		}
		if done {
			break
		}
	}
	if err := w.Close(); err != nil {
		return false, fmt.Errorf("create %s: %w", path, err)
	}
	if err := tmp.CommitNew(); err != nil {
		if domain.ErrorCode(err) == domain.EConflict {
			return false, nil // another program made it first
		}
		return false, cannotOpen(path, err)
	}
	return true, nil
}

// SQLite's file header (https://sqlite.org/fileformat2.html#the_database_header).
const (
	headerSize    = 100
	headerMagic   = "SQLite format 3\x00"
	offPageSize   = 16
	offChange     = 24
	offPageCount  = 28
	offAppID      = 68
	offValidFor   = 92
	maxPageSize   = 65536
	pageSizeIs64k = 1
)

// inspect decides, reading only, whether path is a complete Kontor database
// this version can open, and returns its schema version. Nothing is written
// and nothing is created beside the file.
func inspect(ctx context.Context, path string) (int, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return 0, cannotOpen(path, err)
	case st.IsDir():
		return 0, notKontor(path)
	case !st.Mode().IsRegular():
		// Opening a pipe blocks and a device answers nonsense: never touch one.
		return 0, domain.Errorf(domain.EUnusable, "db.not_file",
			"{{.Path}} is a device or a pipe, not a file; choose a Kontor database file", map[string]any{"Path": path})
	case st.Size() == 0:
		return 0, domain.Errorf(domain.EUnusable, "db.empty",
			"{{.Path}} is empty, so it is not a Kontor database (perhaps a copy that was cut short). Kontor left it unchanged: delete it to start a new database under this name, or choose another file.",
			map[string]any{"Path": path})
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, cannotOpen(path, err)
	}
	var h [headerSize]byte
	_, err = io.ReadFull(f, h[:])
	f.Close()
	if err != nil || !bytes.Equal(h[:len(headerMagic)], []byte(headerMagic)) {
		return 0, notKontor(path)
	}
	appID := binary.BigEndian.Uint32(h[offAppID:])
	if appID != ApplicationID {
		return 0, notKontor(path)
	}
	// The header knows how long the file must be; a copy cut short is shorter.
	// (With a -wal beside it the file may legitimately lag behind.)
	pageSize := int64(binary.BigEndian.Uint16(h[offPageSize:]))
	if pageSize == pageSizeIs64k {
		pageSize = maxPageSize
	}
	pages := int64(binary.BigEndian.Uint32(h[offPageCount:]))
	sizeValid := binary.BigEndian.Uint32(h[offValidFor:]) == binary.BigEndian.Uint32(h[offChange:])
	if sizeValid && pages > 0 && !exists(path+"-wal") && st.Size() < pages*pageSize {
		return 0, damaged(path, fmt.Sprintf("the file has %d bytes of the %d its header promises", st.Size(), pages*pageSize))
	}
	return probe(ctx, path)
}

// probe asks SQLite, read-only, for the schema version and the tables, and
// checks the tables are those of that version: Kontor's mark on a file holding
// someone else's tables is not a Kontor database, and one missing some is
// damaged.
func probe(ctx context.Context, path string) (int, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	// With no -wal beside it the file alone holds the whole database: read it as
	// immutable, so SQLite leaves no -wal/-shm next to a file that may not be ours.
	if !exists(path + "-wal") {
		q.Set("immutable", "1")
	}
	q.Add("_pragma", "busy_timeout(5000)")
	p, err := sql.Open(driverName, fileURI(path)+"?"+q.Encode())
	if err != nil {
		return 0, cannotOpen(path, err)
	}
	defer p.Close()
	var version int
	var tables []string
	err = func() error {
		if err := p.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
			return err
		}
		rows, err := p.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			tables = append(tables, n)
		}
		return rows.Err()
	}()
	if err != nil {
		switch e, _ := domain.AsError(mapError(err)); {
		case e == nil:
		case e.Code == domain.EBusy, e.Code == domain.EReadOnly, e.Code == domain.EFull, e.Key == "db.io_error":
			return 0, e
		}
		return 0, damaged(path, "SQLite cannot read its schema: "+err.Error())
	}
	known := SchemaVersion()
	switch {
	case version > known:
		return 0, domain.Errorf(domain.EUnusable, "db.newer",
			"{{.Path}} was written by a newer version of Kontor (schema {{.Found}}; this version knows up to {{.Known}}). Update Kontor to open it.",
			map[string]any{"Path": path, "Found": version, "Known": known})
	case version == 0:
		// Kontor sets its mark in the same transaction as the first schema.
		return 0, damaged(path, "it carries Kontor's mark but has no schema")
	}
	want, err := schemaTables(version)
	if err != nil {
		return 0, err
	}
	extra, missing := diff(tables, want)
	if len(extra) > 0 {
		return 0, domain.Errorf(domain.EUnusable, "db.foreign_tables",
			"{{.Path}} carries Kontor's mark but holds tables Kontor does not know ({{.Tables}}): another program has changed it. Kontor left it unchanged; restore a backup or choose another file.",
			map[string]any{"Path": path, "Tables": strings.Join(extra, ", ")})
	}
	if len(missing) > 0 {
		return 0, damaged(path, "tables are missing: "+strings.Join(missing, ", "))
	}
	return version, nil
}

// diff returns what got has beyond want, and what it lacks.
func diff(got, want []string) (extra, missing []string) {
	in := map[string]bool{}
	for _, n := range got {
		in[n] = true
	}
	for _, n := range want {
		if !in[n] {
			missing = append(missing, n)
		}
		delete(in, n)
	}
	for n := range in {
		extra = append(extra, n)
	}
	sort.Strings(extra)
	return extra, missing
}

var schemaCache struct {
	sync.Mutex
	tables map[int][]string
}

// schemaTables lists the tables of schema version v, as the migrations make
// them in an empty database in memory (once per process and version).
func schemaTables(v int) ([]string, error) {
	schemaCache.Lock()
	defer schemaCache.Unlock()
	if t, ok := schemaCache.tables[v]; ok {
		return t, nil
	}
	registerCollation()
	m, err := sql.Open(driverName, "file::memory:")
	if err != nil {
		return nil, err
	}
	defer m.Close()
	m.SetMaxOpenConns(1)
	files := migrations()
	for i := 0; i < v; i++ {
		body, err := migrationFS.ReadFile(files[i])
		if err != nil {
			return nil, err
		}
		if _, err := m.Exec(string(body)); err != nil {
			return nil, fmt.Errorf("schema of version %d: %s: %w", v, files[i], err)
		}
	}
	rows, err := m.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if schemaCache.tables == nil {
		schemaCache.tables = map[int][]string{}
	}
	schemaCache.tables[v] = out
	return out, nil
}

func notKontor(path string) error {
	return domain.Errorf(domain.EUnusable, "db.not_kontor",
		"{{.Path}} is not a Kontor database. Kontor left it unchanged; choose another file.", map[string]any{"Path": path})
}

// Damaged is the error for a Kontor database at path that cannot be read
// whole, and why.
func Damaged(path, why string) error { return damaged(path, why) }

// damaged is the error for a Kontor database that cannot be read whole.
func damaged(path, why string) error {
	return domain.Errorf(domain.EUnusable, "db.damaged",
		"{{.Path}} is a Kontor database but it is damaged ({{.Why}}). Kontor left it unchanged. Restore your latest backup (Settings → Restore… or kontorctl restore FILE); kontorctl check describes the damage.",
		map[string]any{"Path": path, "Why": why})
}

func cannotOpen(path string, err error) error {
	if _, ok := domain.AsError(err); ok {
		return err
	}
	if errors.Is(err, fs.ErrPermission) || safefile.IsReadOnlyFS(err) {
		return readOnly(path)
	}
	if safefile.IsFull(err) {
		return safefile.DiskFull(path, 0)
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

func readOnly(path string) error {
	return domain.Errorf(domain.EReadOnly, "db.read_only",
		"Kontor cannot write to {{.Path}}: the file, its folder or the disk is read-only. Check its permissions or choose another file; kontorctl can still read it (search, export, backup).",
		map[string]any{"Path": path})
}

// checkWritable fails unless Kontor may write the file and create files
// beside it (SQLite's -wal and -shm), without writing anything.
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return cannotOpen(path, err)
	}
	f.Close()
	if err := safefile.CanCreateIn(filepath.Dir(path)); err != nil {
		return cannotOpen(path, err)
	}
	return nil
}
