package store_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kontor/domain"
	"kontor/store"
)

// rawPragmas reads a database's header fields through a handle of its own.
func rawPragmas(t *testing.T, path string) (appID, version int64) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if err := raw.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	return appID, version
}

func TestMigrateFromEmptyAndAgain(t *testing.T) {
	t.Parallel()
	if store.SchemaVersion() < 1 {
		t.Fatalf("SchemaVersion() = %d: no migrations embedded", store.SchemaVersion())
	}
	path := filepath.Join(t.TempDir(), "kontor.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !db.Created || db.Path() != path {
		t.Errorf("first open: Created %v, Path %q", db.Created, db.Path())
	}
	mustCreate(t, store.NewAccountService(db), "K1", "Zachowana", "Kielce")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	appID, version := rawPragmas(t, path)
	if appID != store.ApplicationID || version != int64(store.SchemaVersion()) {
		t.Errorf("application_id %#x user_version %d, want %#x %d", appID, version, store.ApplicationID, store.SchemaVersion())
	}

	for i := 0; i < 2; i++ {
		db, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		if db.Created {
			t.Errorf("reopen %d reports a new database", i)
		}
		if a, err := store.NewAccountService(db).FindAccountByCode(ctx, "K1"); err != nil || a.Name != "Zachowana" {
			t.Errorf("reopen %d lost the data: %+v, %v", i, a, err)
		}
		db.Close()
		if appID, v := rawPragmas(t, path); appID != store.ApplicationID || v != int64(store.SchemaVersion()) {
			t.Errorf("reopen %d: application_id %#x user_version %d", i, appID, v)
		}
	}
}

func TestOpenTwiceAtOnce(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kontor.db")
	var wg sync.WaitGroup
	dbs := make([]*store.DB, 2)
	errs := make([]error, 2)
	for i := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[i], errs[i] = store.Open(ctx, path, store.Options{})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		defer dbs[i].Close()
	}
	// Both handles see one schema: what one writes the other reads.
	mustCreate(t, store.NewAccountService(dbs[0]), "K1", "Wspólna", "")
	if _, err := store.NewAccountService(dbs[1]).FindAccountByCode(ctx, "K1"); err != nil {
		t.Error(err)
	}
	if _, v := rawPragmas(t, path); v != int64(store.SchemaVersion()) {
		t.Errorf("user_version %d", v)
	}
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "nested", "kontor")
	path := filepath.Join(dir, "kontor.db")
	db := openAt(t, path, store.Options{})
	mustCreate(t, store.NewAccountService(db), "K1", "Firma", "")
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if os.IsNotExist(err) && p != path {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if perm := st.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s has mode %o, want 600", filepath.Base(p), perm)
		}
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("created folder has mode %o: others can look in", perm)
	}
}

// TestOpenAfterKilledCreation: a creation killed half-way leaves only its
// hidden file beside the path, never a file under the path itself; the next
// open removes it and creates the database.
func TestOpenAfterKilledCreation(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "kontor.db")
	left := filepath.Join(dir, ".kontor.db.12345.tmp")
	if err := os.WriteFile(left, []byte("SQLite format 3\x00 half"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(left+"-journal", []byte("j"), 0o600)
	db := openAt(t, path, store.Options{})
	if !db.Created {
		t.Error("not reported as a new database")
	}
	db.Close()
	if got := dirNames(t, dir); len(got) != 1 || got[0] != "kontor.db" {
		t.Errorf("files after opening: %v, want only kontor.db", got)
	}
}

// TestOpenRefusesDevicesAndPipes: --db on a device or a pipe is refused at
// once (a pipe would block the open) and nothing is created beside it (SQLite
// used to leave null-journal in /dev).
func TestOpenRefusesDevicesAndPipes(t *testing.T) {
	t.Parallel()
	paths := []string{os.DevNull}
	if fifo := filepath.Join(t.TempDir(), "rura.db"); mkfifo(fifo) == nil {
		paths = append(paths, fifo)
	}
	for _, p := range paths {
		_, err := store.Open(ctx, p, store.Options{})
		wantErr(t, err, domain.EUnusable, "db.not_file")
		for _, side := range []string{"-journal", "-wal", "-shm"} {
			if _, err := os.Lstat(p + side); err == nil {
				t.Errorf("%s%s was created", p, side)
			}
		}
	}
}

// TestOpenWhileOpenElsewhere opens a database another handle is using, whose
// latest pages live in its -wal file, not yet in the main file.
func TestOpenWhileOpenElsewhere(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kontor.db")
	first := openAt(t, path, store.Options{})
	mustCreate(t, store.NewAccountService(first), "K1", "W dzienniku", "")
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("expected a -wal file while the database is open: %v", err)
	}
	second := openAt(t, path, store.Options{})
	if second.Created {
		t.Error("second handle reports a new database")
	}
	if _, err := store.NewAccountService(second).FindAccountByCode(ctx, "K1"); err != nil {
		t.Errorf("second handle does not see the first one's account: %v", err)
	}
	mustCreate(t, store.NewAccountService(second), "K2", "Z drugiego", "")
	if _, n, _ := store.NewAccountService(first).ListAccountRows(ctx, domain.AccountFilter{}); n != 2 {
		t.Errorf("first handle sees %d accounts, want 2", n)
	}
}
