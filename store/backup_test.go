package store_test

import (
	"os"
	"path/filepath"
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
	// Into a folder that does not exist: an error, not a panic or a half file.
	if err := db.Backup(ctx, filepath.Join(dir, "nie", "ma", "kopia.db")); err == nil {
		t.Error("backup into a missing folder succeeded")
	}
}
