package store_test

import (
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store"
)

// sqliteFile writes a SQLite database with the given statements through a raw handle.
func sqliteFile(t *testing.T, path string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestOpenRefusesForeignFiles opens files that are not Kontor's and checks each
// is refused with a clear EInvalid error and left exactly as it was.
func TestOpenRefusesForeignFiles(t *testing.T) {
	t.Parallel()
	random := make([]byte, 8192)
	rand.New(rand.NewSource(7)).Read(random)
	tests := []struct {
		name  string
		make  func(t *testing.T, path string)
		key   string
		extra string // expected in the message besides the path
	}{
		{"text file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("kod;nazwa\nK1;Firma\n"), 0o600)
		}, "db.not_kontor", "not a Kontor database"},
		{"random bytes", func(t *testing.T, path string) { os.WriteFile(path, random, 0o600) }, "db.not_kontor", "not a Kontor database"},
		{"short file", func(t *testing.T, path string) { os.WriteFile(path, []byte("SQLite"), 0o600) }, "db.not_kontor", ""},
		{"SQLite magic then garbage", func(t *testing.T, path string) {
			os.WriteFile(path, append([]byte("SQLite format 3\x00"), random...), 0o600)
		}, "db.not_kontor", ""},
		{"another program's SQLite", func(t *testing.T, path string) {
			sqliteFile(t, path, "PRAGMA application_id = 1196444237", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
				"INSERT INTO notes (body) VALUES ('moje notatki')")
		}, "db.not_kontor", ""},
		{"another program's SQLite in WAL mode", func(t *testing.T, path string) {
			sqliteFile(t, path, "PRAGMA journal_mode = WAL", "PRAGMA application_id = 42", "CREATE TABLE notes (id INTEGER PRIMARY KEY)")
		}, "db.not_kontor", ""},
		{"SQLite with no application ID but tables", func(t *testing.T, path string) {
			sqliteFile(t, path, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO accounts (name) VALUES ('obca')")
		}, "db.not_kontor", ""},
		{"SQLite with no application ID but tables, in WAL mode", func(t *testing.T, path string) {
			sqliteFile(t, path, "PRAGMA journal_mode = WAL", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
		}, "db.not_kontor", ""},
		{"SQLite with no application ID, only a user_version", func(t *testing.T, path string) {
			sqliteFile(t, path, "PRAGMA user_version = 7", "CREATE VIEW v AS SELECT 1")
		}, "db.not_kontor", ""},
		// A foreign file with a user_version was called a newer Kontor's.
		{"SQLite with no application ID, user_version 7 and nothing else", func(t *testing.T, path string) {
			sqliteFile(t, path, "PRAGMA user_version = 7")
		}, "db.not_kontor", "not a Kontor database"},
		// A valid SQLite file with no schema (what an interrupted copy
		// or creation can leave) was turned into a new, empty database.
		{"SQLite with no application ID and no schema", func(t *testing.T, path string) {
			sqliteFile(t, path, "PRAGMA page_size = 4096", "VACUUM")
		}, "db.not_kontor", ""},
		{"empty file", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o600) }, "db.empty", "is empty"},
		// Kontor's mark on a file holding another program's table got a
		// migration error and a changed header; at the current version it opened.
		{"Kontor's mark with a foreign table", func(t *testing.T, path string) {
			kontorCopy(t, path)
			sqliteFile(t, path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
		}, "db.foreign_tables", "notes"},
		{"Kontor's mark, an older schema and a foreign table a later migration would create", func(t *testing.T, path string) {
			sqliteFile(t, path, fmt.Sprintf("PRAGMA application_id = %d", store.ApplicationID), "PRAGMA user_version = 1",
				"CREATE TABLE accounts (id INTEGER PRIMARY KEY)", "CREATE TABLE activities (id INTEGER PRIMARY KEY)")
		}, "db.foreign_tables", "activities"},
		{"Kontor's mark and no schema", func(t *testing.T, path string) {
			sqliteFile(t, path, fmt.Sprintf("PRAGMA application_id = %d", store.ApplicationID))
		}, "db.damaged", "damaged"},
		// A copy cut short was called "not a Kontor database" or, worse, emptied.
		{"Kontor database cut short", func(t *testing.T, path string) {
			kontorCopy(t, path)
			b, _ := os.ReadFile(path)
			os.WriteFile(path, b[:len(b)/2], 0o600)
		}, "db.damaged", "kontorctl restore"},
		{"Kontor database, only its first page", func(t *testing.T, path string) {
			kontorCopy(t, path)
			b, _ := os.ReadFile(path)
			os.WriteFile(path, b[:4096], 0o600)
		}, "db.damaged", "damaged"},
		{"Kontor database from a newer version", func(t *testing.T, path string) {
			db, err := store.Open(ctx, path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			mustCreate(t, store.NewAccountService(db), "K1", "Z przyszłości", "")
			db.Close()
			sqliteFile(t, path, fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion()+1))
		}, "db.newer", "newer version of Kontor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "obcy.db")
			tt.make(t, path)
			before := fileSum(t, path)
			files := dirNames(t, dir)
			st, _ := os.Stat(path)

			db, err := store.Open(ctx, path, store.Options{})
			if err == nil {
				db.Close()
				t.Fatal("opened a file that is not a current Kontor database")
			}
			e := wantErr(t, err, domain.EUnusable, tt.key)
			t.Log(e.Error())
			if msg := e.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, tt.extra) {
				t.Errorf("message %q should name the file and say %q", msg, tt.extra)
			}
			if fileSum(t, path) != before {
				t.Error("the file was changed")
			}
			if after := dirNames(t, dir); !reflect.DeepEqual(after, files) {
				t.Errorf("files beside it changed: %v → %v", files, after)
			}
			if st2, _ := os.Stat(path); st2.Mode() != st.Mode() {
				t.Errorf("mode changed %v → %v", st.Mode(), st2.Mode())
			}
		})
	}
}

// kontorCopy writes a Kontor database with some rows at path.
func kontorCopy(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		mustCreate(t, store.NewAccountService(db), fmt.Sprintf("K%d", i), strings.Repeat("Firma ", 30), "Łódź")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := store.Open(ctx, dir, store.Options{})
	wantErr(t, err, domain.EUnusable, "db.not_kontor")
}
