package store_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store"
)

func TestBackup(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := openAt(t, filepath.Join(dir, "kontor.db"), store.Options{})
	accounts, contacts := store.NewAccountService(db), store.NewContactService(db)
	a := mustCreate(t, accounts, "K1", "Zażółć Sp. z o.o.", "Łódź")
	mustCreate(t, accounts, "K2", "Gęślą Jaźń", "Kraków", withParent("K1"))
	mustContact(t, contacts, a.ID, "Łucja", "Żak", "l@zazolc.pl")

	backup := filepath.Join(dir, "kopia.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	// The live database keeps working after the backup.
	mustCreate(t, accounts, "K3", "Po kopii", "")

	st, err := os.Stat(backup)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Errorf("backup has mode %o, want 600", perm)
	}
	copyDB := openAt(t, backup, store.Options{})
	if copyDB.Created {
		t.Error("the backup opened as a new, empty database")
	}
	rows, n, err := store.NewAccountService(copyDB).ListAccountRows(ctx, domain.AccountFilter{})
	if err != nil || n != 2 || rows[0].Name != "Gęślą Jaźń" {
		t.Errorf("backup holds %d accounts (%v), %v; want the 2 from before it", n, names(rows), err)
	}
	if hits, _ := store.NewAccountService(copyDB).SearchAccounts(ctx, domain.SearchQuery{Text: "zak"}); len(hits) != 1 || hits[0].Kind != domain.HitContact {
		t.Errorf("search index not in the backup: %+v", hits)
	}
	if appID, v := rawPragmas(t, backup); appID != store.ApplicationID || v != int64(store.SchemaVersion()) {
		t.Errorf("backup application_id %#x user_version %d", appID, v)
	}
}

func TestBackupRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := openAt(t, filepath.Join(dir, "kontor.db"), store.Options{})
	mustCreate(t, store.NewAccountService(db), "K1", "Firma", "")
	existing := filepath.Join(dir, "wazne.db")
	if err := os.WriteFile(existing, []byte("ważny plik"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, existing)
	err := db.Backup(ctx, existing)
	e := wantErr(t, err, domain.EConflict, "backup.exists")
	if e.Args["Path"] != existing {
		t.Errorf("args %v do not name the file", e.Args)
	}
	if fileSum(t, existing) != before {
		t.Error("the existing file was overwritten")
	}
	// Into a folder that does not exist: said so, not a database problem
	//, and no half file.
	err = db.Backup(ctx, filepath.Join(dir, "nie", "ma", "kopia.db"))
	e = wantErr(t, err, domain.ENotFound, "backup.folder_missing")
	if !strings.Contains(e.Error(), filepath.Join(dir, "nie", "ma")) {
		t.Errorf("message %q does not name the folder", e.Error())
	}
}

// TestBackupIsNeverVisibleHalfWritten watches the target and the folder
// while a backup runs: the target appears only complete, and every file the
// backup makes (its journal too) is private from the start.
func TestBackupIsNeverVisibleHalfWritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := openAt(t, filepath.Join(dir, "kontor.db"), store.Options{})
	accounts := store.NewAccountService(db)
	for i := range 300 {
		mustCreate(t, accounts, fmt.Sprintf("K%03d", i), strings.Repeat("Hurtownia Łódź ", 10), "Łódź")
	}
	out := t.TempDir()
	target := filepath.Join(out, "kopia.db")
	done := make(chan error, 1)
	go func() { done <- db.Backup(ctx, target) }()
	for finished := false; !finished; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			finished = true
		default:
		}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			info, err := e.Info()
			if err != nil {
				continue // gone meanwhile
			}
			if info.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s has mode %o while the backup runs", e.Name(), info.Mode().Perm())
			}
			if e.Name() == "kopia.db" && !finished {
				if _, err := store.Check(ctx, target); err != nil {
					t.Errorf("the target is visible before it is complete: %v", err)
				}
			}
		}
	}
	if got := dirNames(t, out); len(got) != 1 || got[0] != "kopia.db" {
		t.Errorf("files after the backup: %v", got)
	}
	r, err := store.Check(ctx, target)
	if err != nil || len(r.Problems) > 0 {
		t.Errorf("check of the backup: %+v, %v", r, err)
	}
}

// TestRestore replaces the database with a backup, keeps the replaced file
// aside, and refuses while the database is open elsewhere or the backup is
// not a sound Kontor database — changing nothing then.
func TestRestore(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "kontor.db")
	db := openAt(t, path, store.Options{})
	mustCreate(t, store.NewAccountService(db), "K1", "Sprzed kopii", "")
	backup := filepath.Join(dir, "kopia.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, store.NewAccountService(db), "K2", "Po kopii", "")

	// Open elsewhere: refused, nothing changed.
	_, err := store.Restore(ctx, path, backup)
	wantErr(t, err, domain.EBusy, "restore.in_use")
	if n := accountCount(t, db); n != 2 {
		t.Errorf("after a refused restore the database has %d accounts", n)
	}
	db.Close()
	before := dirNames(t, dir)

	// Not a sound Kontor database: refused, nothing changed.
	bad := filepath.Join(t.TempDir(), "zla.db")
	b, _ := os.ReadFile(backup)
	os.WriteFile(bad, b[:len(b)/2], 0o600)
	_, err = store.Restore(ctx, path, bad)
	wantErr(t, err, domain.EUnusable, "db.damaged")
	if after := dirNames(t, dir); !reflect.DeepEqual(after, before) {
		t.Errorf("a refused restore changed the folder: %v → %v", before, after)
	}

	aside, err := store.Restore(ctx, path, backup)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(aside, path+".before-restore-") {
		t.Errorf("kept aside as %q", aside)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("restored file: %v, %v", st, err)
	}
	restored := openAt(t, path, store.Options{})
	if n := accountCount(t, restored); n != 1 {
		t.Errorf("the restored database has %d accounts, want the backup's 1", n)
	}
	old := openAt(t, aside, store.Options{})
	if n := accountCount(t, old); n != 2 {
		t.Errorf("the file kept aside has %d accounts, want 2", n)
	}
}

// TestRestoreOverDamagedDatabase: the reason to restore is often that the
// database is damaged; that one is kept aside too.
func TestRestoreOverDamagedDatabase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "kontor.db")
	kontorCopy(t, path)
	db := openAt(t, path, store.Options{})
	backup := filepath.Join(dir, "kopia.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)/3], 0o600)
	if _, err := store.Open(ctx, path, store.Options{}); domain.ErrorCode(err) != domain.EUnusable {
		t.Fatalf("open of the damaged file: %v", err)
	}
	if _, err := store.Restore(ctx, path, backup); err != nil {
		t.Fatal(err)
	}
	if n := accountCount(t, openAt(t, path, store.Options{})); n != 40 {
		t.Errorf("restored %d accounts, want 40", n)
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "kontor.db")
	kontorCopy(t, path)
	r, err := store.Check(ctx, path)
	if err != nil || len(r.Problems) != 0 || r.Version != store.SchemaVersion() {
		t.Fatalf("check of a sound database: %+v, %v", r, err)
	}
	// A page in the middle overwritten: the file still opens, the check tells.
	b, _ := os.ReadFile(path)
	copy(b[len(b)/2:], bytes.Repeat([]byte{0xA5}, 4096))
	bad := filepath.Join(dir, "uszkodzona.db")
	os.WriteFile(bad, b, 0o600)
	before := fileSum(t, bad)
	r, err = store.Check(ctx, bad)
	if err != nil || len(r.Problems) == 0 {
		t.Errorf("check of a damaged database: %+v, %v", r, err)
	}
	if fileSum(t, bad) != before {
		t.Error("check changed the file")
	}
	// Cut short: Open refuses it, Check still describes it.
	os.WriteFile(bad, b[:len(b)/2], 0o600)
	if r, err = store.Check(ctx, bad); err != nil || len(r.Problems) == 0 || !strings.Contains(r.Problems[0], "header promises") {
		t.Errorf("check of a cut-short database: %+v, %v", r, err)
	}
	_, err = store.Check(ctx, filepath.Join(dir, "brak.db"))
	wantErr(t, err, domain.ENotFound, "db.missing")
}

// TestDamagedPageSaysWhatToDo: a damaged page found while working (not at
// open) is reported as damage with the way out, not "database disk image is
// malformed (11)".
func TestDamagedPageSaysWhatToDo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "kontor.db")
	kontorCopy(t, path)
	b, _ := os.ReadFile(path)
	// Every page holding an account's name gets a nonsense page header.
	for i := 1; i < len(b)/4096; i++ {
		if page := b[i*4096 : (i+1)*4096]; bytes.Contains(page, []byte("Firma Firma")) {
			copy(page, bytes.Repeat([]byte{0xFF}, 12))
		}
	}
	os.WriteFile(path, b, 0o600)
	db := openAt(t, path, store.Options{})
	_, _, err := store.NewAccountService(db).ListAccountRows(ctx, domain.AccountFilter{})
	e := wantErr(t, err, domain.EUnusable, "db.damaged_plain")
	if !strings.Contains(e.Error(), "kontorctl check") || !strings.Contains(e.Error(), "restore") {
		t.Errorf("message %q does not say what to do", e.Error())
	}
}

func accountCount(t *testing.T, db *store.DB) int {
	t.Helper()
	_, n, err := store.NewAccountService(db).ListAccountRows(ctx, domain.AccountFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
