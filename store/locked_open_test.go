package store_test

import (
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

// TestSaveWhileLocked: another program holds the write lock, so a save waits
// for the busy timeout, fails with db.locked and saves nothing; once the lock
// is released the data is intact and the same save goes through.
func TestSaveWhileLocked(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kontor.db")
	const busy = 200 * time.Millisecond
	db := openAt(t, path, store.Options{BusyTimeout: busy})
	s := store.NewAccountService(db)
	a := mustCreate(t, s, "K1", "Przed blokadą", "Radom")

	conn := holdWriteLock(t, path)
	locked := true
	defer func() {
		if locked {
			conn.ExecContext(ctx, "ROLLBACK")
		}
	}()

	f := a.AccountFields
	f.Name = "W trakcie blokady"
	start := time.Now()
	_, err := s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: a.Version})
	waited := time.Since(start)
	e := wantErr(t, err, domain.EBusy, "db.locked")
	if e.Error() == "" {
		t.Error("empty message")
	}
	// Loose bounds: it waited at all, and it used Options.BusyTimeout rather than the 5 s default.
	if waited < busy/2 || waited >= 4*time.Second {
		t.Errorf("gave up after %v; the busy timeout is %v", waited, busy)
	}
	g := domain.NewAccountFields()
	g.Code, g.Name = "K2", "Nowa w trakcie blokady"
	_, err = s.CreateAccount(ctx, g)
	wantErr(t, err, domain.EBusy, "db.locked")

	// Reading goes on while another program writes.
	got, err := s.FindAccountByID(ctx, a.ID)
	if err != nil || got.Name != "Przed blokadą" {
		t.Errorf("read during the lock = %+v, %v", got, err)
	}

	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	locked = false
	got, err = s.FindAccountByID(ctx, a.ID)
	if err != nil || got.Name != "Przed blokadą" || got.Version != a.Version {
		t.Errorf("after the lock = %+v, %v; want the row untouched", got, err)
	}
	if _, n, _ := s.ListAccountRows(ctx, domain.AccountFilter{}); n != 1 {
		t.Errorf("%d accounts after failed saves, want 1", n)
	}
	saved, err := s.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: a.Version})
	if err != nil || saved.Name != "W trakcie blokady" {
		t.Errorf("retry = %+v, %v", saved, err)
	}
	if _, err := s.CreateAccount(ctx, g); err != nil {
		t.Errorf("retry create: %v", err)
	}
}

// TestOpenWhileLocked: a database another program is writing to opens at once
// and can be read: it is up to date, so opening needs no write lock.
func TestOpenWhileLocked(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kontor.db")
	openAt(t, path, store.Options{})
	conn := holdWriteLock(t, path)
	defer conn.ExecContext(ctx, "ROLLBACK")
	db, err := store.Open(ctx, path, store.Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("open while another program writes: %v", err)
	}
	defer db.Close()
	if _, n, err := store.NewAccountService(db).ListAccountRows(ctx, domain.AccountFilter{}); err != nil || n != 0 {
		t.Errorf("list while locked: %d, %v", n, err)
	}
}

// TestSaveWaitsVisibly: a save that waits for another program's write lock
// (a long import's apply) says so through Options.OnWait, and goes through
// once the lock is released (the app's saves failed instead).
func TestSaveWaitsVisibly(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kontor.db")
	var mu sync.Mutex
	var told []bool
	db := openAt(t, path, store.Options{BusyTimeout: 10 * time.Second, OnWait: func(w bool) {
		mu.Lock()
		told = append(told, w)
		mu.Unlock()
	}})
	s := store.NewAccountService(db)
	mustCreate(t, s, "K1", "Bez czekania", "")
	mu.Lock()
	if len(told) != 0 {
		t.Errorf("a save that did not wait said %v", told)
	}
	mu.Unlock()

	conn := holdWriteLock(t, path)
	release := time.AfterFunc(store.WaitNotice+400*time.Millisecond, func() { conn.ExecContext(ctx, "COMMIT") })
	defer release.Stop()
	mustCreate(t, s, "K2", "Po czekaniu", "")
	mu.Lock()
	defer mu.Unlock()
	if len(told) != 2 || !told[0] || told[1] {
		t.Errorf("OnWait was told %v, want [true false]", told)
	}
}

// holdWriteLock takes the file's write lock from a connection of its own, as
// another program would (BEGIN IMMEDIATE), and returns it; the connection is
// closed when the test ends.
func holdWriteLock(t *testing.T, path string) *sql.Conn {
	t.Helper()
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	return conn
}
