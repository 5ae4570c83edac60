package storetest

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kontor/store"
	"kontor/store/demo"
)

// DemoNow is the day the shared demo databases are generated "on", so that
// every run of the tests sees the same data.
var DemoNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// DemoKey names one generated demo database of the shared cache.
type DemoKey struct {
	Accounts int
	Seed     int64
	// Instance tells apart generations of the same options, for tests that
	// compare two independent runs of the generator.
	Instance int
}

type demoEntry struct {
	once sync.Once
	path string
	err  error
}

var demos struct {
	mu      sync.Mutex
	dir     string
	entries map[DemoKey]*demoEntry
}

// mainRan is set by Main: the cache of demo files lives until Main removes it.
var mainRan bool

// DemoPath returns the path of the test's own copy of a demo database
// generated with k's options on DemoNow. Each set of options is generated once
// per test binary, on first use; every test gets a copy it may change. A
// package using it has storetest.Main in its TestMain, which removes the
// generated files.
func DemoPath(t testing.TB, k DemoKey) string {
	t.Helper()
	src, err := demoFile(k)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "demo.db")
	if err := copyFile(src, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

// Demo opens the test's own copy of a shared demo database (DemoPath) and
// closes it when the test ends.
func Demo(t testing.TB, k DemoKey) *store.DB {
	t.Helper()
	return OpenAt(t, DemoPath(t, k), store.Options{})
}

func demoFile(k DemoKey) (string, error) {
	if !mainRan {
		return "", fmt.Errorf("storetest: shared demo databases need storetest.Main in the package's TestMain, which removes them")
	}
	demos.mu.Lock()
	if demos.entries == nil {
		demos.entries = map[DemoKey]*demoEntry{}
	}
	e := demos.entries[k]
	if e == nil {
		e = &demoEntry{}
		demos.entries[k] = e
	}
	if demos.dir == "" {
		dir, err := os.MkdirTemp("", "kontor-demo-")
		if err != nil {
			demos.mu.Unlock()
			return "", err
		}
		demos.dir = dir
	}
	dir := demos.dir
	demos.mu.Unlock()
	e.once.Do(func() {
		e.path = filepath.Join(dir, fmt.Sprintf("demo-%d-%d-%d.db", k.Accounts, k.Seed, k.Instance))
		e.err = generate(e.path, k)
	})
	return e.path, e.err
}

func generate(path string, k DemoKey) error {
	ctx := context.Background()
	if err := os.WriteFile(path, mustTemplate(), 0o600); err != nil {
		return err
	}
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	if err := demo.Generate(ctx, db, demo.Options{Accounts: k.Accounts, Seed: k.Seed, Now: DemoNow}, nil); err != nil {
		db.Close()
		return fmt.Errorf("generate the shared demo of %d accounts: %w", k.Accounts, err)
	}
	return db.Close()
}

func mustTemplate() []byte {
	b, err := templateBytes()
	if err != nil {
		panic(err)
	}
	return b
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// removeDemos removes the generated demo databases.
func removeDemos() {
	demos.mu.Lock()
	defer demos.mu.Unlock()
	if demos.dir != "" {
		os.RemoveAll(demos.dir)
		demos.dir, demos.entries = "", nil
	}
}
