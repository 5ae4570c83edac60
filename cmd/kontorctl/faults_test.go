//go:build unix

package main

// The fault-injection suite: kontorctl in processes of its own,
// killed with SIGKILL at seeded random moments of an import, a backup and a
// statements batch; two writers at once; a table of bad database files; a
// full disk simulated portably (a database size cap, RLIMIT_FSIZE). After
// every fault: all or nothing, integrity, gap-free numbering, no stray or
// readable file. make test runs a few iterations of each; make soak
// (KONTOR_SOAK=N) runs N times as many on the large dataset.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kontor/store"
	"kontor/store/storetest"
)

// faultBase is a demo database made once per test binary (or the soak's
// large dataset), copied by each test.
var faultBase struct {
	once sync.Once
	path string
	err  error
}

func baseDatabase(t *testing.T, large bool) string {
	t.Helper()
	if p := os.Getenv(storetest.EnvDataset); p != "" && large {
		return p
	}
	faultBase.once.Do(func() {
		dir, err := os.MkdirTemp("", "kontor-faults-")
		if err != nil {
			faultBase.err = err
			return
		}
		faultBase.path = filepath.Join(dir, "base.db")
		code, _, errs := storetest.Run(t, storetest.ProcOptions{DB: faultBase.path}, "demo", "--accounts", "40", "--seed", "7")
		if code != 0 {
			faultBase.err = fmt.Errorf("demo: %d %s", code, errs)
		}
	})
	if faultBase.err != nil {
		t.Fatal(faultBase.err)
	}
	return faultBase.path
}

// copyDatabase copies the base database (closed, so its file is whole) to
// a new file in dir; large: make soak's large dataset when it has one.
func copyDatabase(t *testing.T, dir string, large bool) string {
	t.Helper()
	dst := filepath.Join(dir, "kontor.db")
	src, err := os.Open(baseDatabase(t, large))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, src); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// fingerprint sums up what an import changes, to tell "before" from
// "after" and catch anything in between.
func fingerprint(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var f string
	err = db.QueryRow(`SELECT (SELECT count(*) FROM orders) || '/' || (SELECT count(*) FROM order_lines) || '/' ||
		(SELECT count(*) FROM invoices) || '/' || (SELECT count(*) FROM invoice_lines) || '/' ||
		(SELECT coalesce(sum(open_minor), 0) FROM invoices) || '/' || (SELECT count(*) FROM payments) || '/' ||
		(SELECT coalesce(sum(unapplied_minor), 0) FROM payments) || '/' || (SELECT count(*) FROM settlements) || '/' ||
		(SELECT count(*) FROM accounts) || '/' || (SELECT count(*) FROM activities)`).Scan(&f)
	if err != nil {
		t.Fatalf("fingerprint of %s: %v", path, err)
	}
	return f
}

// ordersFile writes an orders import of n orders over the database's
// accounts and products, most of them delivered (so invoices are issued).
func ordersFile(t *testing.T, db, dir string, n int, rng *rand.Rand) string {
	t.Helper()
	h, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	list := func(q string) []string {
		rows, err := h.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	accounts := list(`SELECT code FROM accounts WHERE archived = 0`)
	skus := list(`SELECT sku FROM products WHERE active = 1 AND unit IN ('szt', 'opak', 'kpl', 'karton')`)
	if len(accounts) == 0 || len(skus) == 0 {
		t.Fatalf("no accounts (%d) or products (%d) to order", len(accounts), len(skus))
	}
	var b strings.Builder
	b.WriteString("order_no;account_code;order_date;sku;quantity;status;delivered_date\n")
	for i := range n {
		acct := accounts[rng.Intn(len(accounts))]
		day := 1 + rng.Intn(25)
		status, delivered := "confirmed", ""
		if rng.Intn(3) > 0 {
			status, delivered = "delivered", fmt.Sprintf("2026-10-%02d", day+2)
		}
		for range 1 + rng.Intn(4) {
			fmt.Fprintf(&b, "F/%d;%s;2026-10-%02d;%s;%d;%s;%s\n", i, acct, day, skus[rng.Intn(len(skus))], 1+rng.Intn(20), status, delivered)
		}
	}
	path := filepath.Join(dir, "zamowienia.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// timed runs kontorctl to its end and returns how long it took, failing on
// an error: the span the kill points are drawn from.
func timed(t *testing.T, opt storetest.ProcOptions, args ...string) time.Duration {
	t.Helper()
	start := time.Now()
	if code, _, errs := storetest.Run(t, opt, args...); code != 0 {
		t.Fatalf("%v = %d: %s", args, code, errs)
	}
	return time.Since(start)
}

// TestKillImport kills orders imports (which issue invoices) at random
// moments: each time the database is as before the import or as after it,
// never between; sound; its invoice numbers gap-free; no stray file; and the
// import run again completes. Every round imports new orders into the same
// database, so the soak's large dataset is copied once.
func TestKillImport(t *testing.T) {
	t.Parallel()
	rng := storetest.Rand(t)
	dir := t.TempDir()
	db := copyDatabase(t, dir, true)
	files := t.TempDir()
	span := time.Duration(0)
	killed, rounds := 0, storetest.Iterations(4, 80)
	for i := range rounds + 1 {
		file := ordersFile(t, db, files, 400, rng)
		text, _ := os.ReadFile(file)
		os.WriteFile(file, bytes.ReplaceAll(text, []byte("\nF/"), []byte(fmt.Sprintf("\nF%d/", i))), 0o600)
		before := fingerprint(t, db)
		if i == 0 { // the first round runs whole: how long an import takes here
			span = timed(t, storetest.ProcOptions{DB: db}, "import", "orders", file)
			continue
		}
		p := storetest.Start(t, storetest.ProcOptions{DB: db}, "import", "orders", file)
		at := time.Duration(rng.Int63n(int64(span) + 1))
		if p.KillAfter(at) {
			killed++
		}
		mid := fingerprint(t, db)
		storetest.CheckFiles(t, dir, false)
		storetest.CheckRound(t, db, i-1)
		// Whatever the kill left, the import runs again to the end; how long
		// that takes is the span the next kill point is drawn from.
		again := time.Now()
		if code, _, errs := storetest.Run(t, storetest.ProcOptions{DB: db}, "import", "orders", file); code != 0 {
			t.Fatalf("round %d: import again = %d %s", i, code, errs)
		}
		if mid == before {
			span = time.Since(again)
		}
		if after := fingerprint(t, db); mid != before && mid != after {
			t.Fatalf("round %d, killed at %v: the database was half imported: %s (before %s, after %s)", i, at, mid, before, after)
		} else if after == before {
			t.Fatalf("round %d: the import changed nothing", i)
		}
	}
	storetest.CheckDatabase(t, db)
	t.Logf("orders import: %d of %d runs killed at random points of %v", killed, rounds, span)
}

// TestKillBackup kills backups at random moments: the target is absent or a
// complete copy, and every file beside it is private; the next backup
// removes what a killed one left.
func TestKillBackup(t *testing.T) {
	t.Parallel()
	rng := storetest.Rand(t)
	db := copyDatabase(t, t.TempDir(), true)
	want := fingerprint(t, db)
	out := t.TempDir()
	span := timed(t, storetest.ProcOptions{DB: db}, "backup", filepath.Join(out, "pierwsza.db"))
	killed := 0
	rounds := storetest.Iterations(4, 12)
	for i := range rounds {
		target := filepath.Join(out, fmt.Sprintf("kopia-%d.db", i))
		start := time.Now()
		p := storetest.Start(t, storetest.ProcOptions{DB: db}, "backup", target)
		if p.KillAfter(time.Duration(rng.Int63n(int64(span) + 1))) {
			killed++
		} else {
			span = time.Since(start) // it ran whole in less: the next kill falls within
		}
		storetest.CheckFiles(t, out, true)
		if _, err := os.Stat(target); err == nil {
			storetest.CheckDatabase(t, target)
			if got := fingerprint(t, target); got != want {
				t.Fatalf("kill %d: the backup holds %s, the database %s", i, got, want)
			}
			os.Remove(target) // the soak's are gigabytes each
		}
	}
	// One more backup cleans up after the killed ones.
	if code, _, errs := storetest.Run(t, storetest.ProcOptions{DB: db}, "backup", filepath.Join(out, "ostatnia.db")); code != 0 {
		t.Fatal(errs)
	}
	for _, name := range storetest.CheckFiles(t, out, false) {
		if !strings.HasSuffix(name, ".db") {
			t.Errorf("%s left beside the backups", name)
		}
	}
	storetest.CheckDatabase(t, db)
	t.Logf("backup: %d of %d runs killed at random points of %v", killed, rounds, span)
}

// TestKillStatements kills a statements batch at random moments: every PDF
// in the folder is whole and private, and the next run removes what the
// killed one left and writes the same files.
func TestKillStatements(t *testing.T) {
	t.Parallel()
	rng := storetest.Rand(t)
	db := copyDatabase(t, t.TempDir(), false)
	ref := t.TempDir()
	span := timed(t, storetest.ProcOptions{DB: db}, "statements", "--month", "2026-10", "--out", ref)
	wantFiles := storetest.CheckFiles(t, ref, false)
	if len(wantFiles) == 0 {
		t.Fatal("the batch wrote nothing")
	}
	killed := 0
	rounds := storetest.Iterations(3, 120)
	for i := range rounds {
		out := t.TempDir()
		start := time.Now()
		p := storetest.Start(t, storetest.ProcOptions{DB: db}, "statements", "--month", "2026-10", "--out", out)
		if p.KillAfter(time.Duration(rng.Int63n(int64(span) + 1))) {
			killed++
		} else {
			span = time.Since(start) // it ran whole in less: the next kill falls within
		}
		for _, name := range storetest.CheckFiles(t, out, true) {
			if strings.HasPrefix(name, ".") {
				continue // a killed writer's, private; the next run removes it
			}
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil || !bytes.Contains(b[max(0, len(b)-32):], []byte("%%EOF")) {
				t.Fatalf("kill %d: %s is not a whole PDF (%d bytes, %v)", i, name, len(b), err)
			}
		}
		if code, _, errs := storetest.Run(t, storetest.ProcOptions{DB: db}, "statements", "--month", "2026-10", "--out", out); code != 0 {
			t.Fatalf("kill %d: statements again = %d %s", i, code, errs)
		}
		if got := storetest.CheckFiles(t, out, false); strings.Join(got, " ") != strings.Join(wantFiles, " ") {
			t.Fatalf("kill %d: after running again the folder holds %d files, want %d", i, len(got), len(wantFiles))
		}
	}
	storetest.CheckDatabase(t, db)
	t.Logf("statements: %d of %d runs killed at random points of %v", killed, rounds, span)
}

// TestTwoWriters runs two imports into one database at once, with a reader
// beside them: both finish (one waits for the other) or one says the
// database is busy and changes nothing; the database stays sound.
func TestTwoWriters(t *testing.T) {
	t.Parallel()
	rng := storetest.Rand(t)
	dir := t.TempDir()
	db := copyDatabase(t, dir, true)
	rounds, busy := storetest.Iterations(2, 30), 0
	for i := range rounds {
		// Each round's two files: new orders, numbered apart from each other's.
		var files [2]string
		for k := range files {
			files[k] = ordersFile(t, db, t.TempDir(), 150, rng)
			text, _ := os.ReadFile(files[k])
			os.WriteFile(files[k], bytes.ReplaceAll(text, []byte("\nF/"), []byte(fmt.Sprintf("\nW%d-%d/", i, k))), 0o600)
		}
		before := fingerprint(t, db)
		p1 := storetest.Start(t, storetest.ProcOptions{DB: db}, "import", "orders", files[0])
		p2 := storetest.Start(t, storetest.ProcOptions{DB: db}, "import", "orders", files[1])
		r := storetest.Start(t, storetest.ProcOptions{DB: db}, "search", "a")
		written := 0
		for _, p := range []*storetest.Proc{p1, p2} {
			switch code := p.Wait(); {
			case code == exitOK:
				written++
			case code == exitBusy && strings.Contains(p.Stderr.String(), "busy"):
				busy++
			default:
				t.Fatalf("round %d: a writer ended %d: %s", i, code, p.Stderr.String())
			}
		}
		if code := r.Wait(); code != exitOK {
			t.Fatalf("round %d: the reader beside them ended %d: %s", i, code, r.Stderr.String())
		}
		if written > 0 && fingerprint(t, db) == before {
			t.Fatalf("round %d: %d imports finished and nothing changed", i, written)
		}
		storetest.CheckRound(t, db, i)
	}
	storetest.CheckFiles(t, dir, false)
	t.Logf("two writers: %d rounds of two imports and a reader at once (%d imports told the database was busy and saved nothing)", rounds, busy)
}

// TestFullDisk fills the disk three ways, none needing a mount or a
// privilege: the database capped in size, and kontorctl under a file-size
// limit for a statements batch, an export and a backup. Each says the disk
// is full, with its own exit status, leaves nothing half-written and stops
// at once.
func TestFullDisk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := copyDatabase(t, dir, false)
	rng := storetest.Rand(t)
	rounds := storetest.Iterations(1, 30)
	for round := range rounds {
		// The first round's limits are the tightest; the soak's are drawn.
		dbRoom, fileLimit := int64(64<<10), int64(16<<10)
		if round > 0 {
			dbRoom, fileLimit = 16<<10+rng.Int63n(4<<20), 16<<10+rng.Int63n(1<<20)
		}
		fullDiskRound(t, db, rng, round, dbRoom, fileLimit)
	}
	storetest.CheckDatabase(t, db)
	t.Logf("full disk: %d rounds", rounds)
}

// fullDiskRound fills the disk once each way: the database capped at its
// size plus dbRoom, and kontorctl's files limited to fileLimit bytes.
func fullDiskRound(t *testing.T, db string, rng *rand.Rand, round int, dbRoom, fileLimit int64) {
	t.Helper()
	file := ordersFile(t, db, t.TempDir(), 300, rng)
	text, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.ReplaceAll(text, []byte("\nF/"), []byte(fmt.Sprintf("\nD%d/", round))), 0o600)
	before := fingerprint(t, db)

	// The database: an import that may need more room than the cap allows.
	st, _ := os.Stat(db)
	h, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.LimitSize(context.Background(), st.Size()+dbRoom); err != nil {
		t.Fatal(err)
	}
	_, ierr := importFile(h, "orders", file)
	h.Close()
	switch after := fingerprint(t, db); {
	case ierr == nil && after == before:
		t.Fatalf("round %d: an import that fitted changed nothing", round)
	case ierr == nil:
	case exitStatus(ierr) != exitFull || !strings.Contains(ierr.Error(), "is full") || !strings.Contains(ierr.Error(), "nothing was saved"):
		t.Fatalf("round %d: import into a full database = %d %v", round, exitStatus(ierr), ierr)
	case after != before:
		t.Fatalf("round %d: a full database changed: %s → %s", round, before, after)
	}
	storetest.CheckDatabase(t, db)

	// Statements: what fits is written whole, and the batch stops at the
	// first file that does not. The database is open in this process
	// meanwhile, as when the app runs: its -shm and -wal exist, and the limit
	// falls on what kontorctl writes.
	app, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	out := t.TempDir()
	limit := storetest.ProcOptions{DB: db, FileSizeLimit: fileLimit}
	code, _, errs := storetest.Run(t, limit, "statements", "--month", "2026-10", "--out", out)
	if code != exitOK && (code != exitFull || !strings.Contains(errs, "is full") || strings.Count(errs, "\n") > 3) {
		t.Fatalf("round %d: statements with %d bytes a file = %d:\n%s", round, fileLimit, code, errs)
	}
	for _, name := range storetest.CheckFiles(t, out, false) {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
			t.Fatalf("round %d: %s is not a whole PDF", round, name)
		}
	}
	// Export and backup: whole, or no file and no temporary file, with the
	// exit status of a full disk.
	for _, args := range [][]string{
		{"export", "activities", "--out", filepath.Join(out, "historia.csv")},
		{"export", "orders", "--format", "xlsx", "--out", filepath.Join(out, "zamowienia.xlsx")},
		{"backup", filepath.Join(out, "kopia.db")},
	} {
		target := args[len(args)-1]
		code, _, errs := storetest.Run(t, limit, args...)
		_, statErr := os.Stat(target)
		switch {
		case code == exitOK && statErr == nil:
		case code == exitFull && strings.Contains(errs, "is full") && statErr != nil:
		default:
			t.Fatalf("round %d: %s with %d bytes a file = %d (file: %v) %s", round, args[0], fileLimit, code, statErr, errs)
		}
		storetest.CheckFiles(t, out, false)
	}
	app.Close()
}

// importFile imports file of kind into an open database, in this process.
func importFile(db *store.DB, kind, file string) (store.ImportSummary, error) {
	f, err := os.Open(file)
	if err != nil {
		return store.ImportSummary{}, err
	}
	defer f.Close()
	return importers[kind](context.Background(), store.NewTransfer(db), file, f)
}

// badFile makes one kind of file that is not a usable Kontor database at
// path (and what it needs beside it).
type badFile struct {
	name string
	make func(t *testing.T, path string)
	code int // the exit status every command must end with
}

func rawSQLite(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func kontorFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(baseDatabase(t, false))
	if err != nil {
		t.Fatal(err)
	}
	if path != "" {
		os.WriteFile(path, b, 0o600)
	}
	return b
}

var badFiles = []badFile{
	{"text", func(t *testing.T, p string) { os.WriteFile(p, []byte("kod;nazwa\nK1;Firma\n"), 0o600) }, exitUnusable},
	{"random bytes", func(t *testing.T, p string) {
		b := make([]byte, 64<<10)
		rand.New(rand.NewSource(1)).Read(b)
		os.WriteFile(p, b, 0o600)
	}, exitUnusable},
	{"empty", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o600) }, exitUnusable},
	{"a few bytes", func(t *testing.T, p string) { os.WriteFile(p, []byte("SQLite"), 0o600) }, exitUnusable},
	{"SQLite magic, then zeros", func(t *testing.T, p string) {
		os.WriteFile(p, append([]byte("SQLite format 3\x00"), make([]byte, 8192)...), 0o600)
	}, exitUnusable},
	{"a zip file", func(t *testing.T, p string) { os.WriteFile(p, []byte("PK\x03\x04\x14\x00\x00\x00"), 0o600) }, exitUnusable},
	{"UTF-16 text", func(t *testing.T, p string) { os.WriteFile(p, []byte("\xFF\xFEk\x00o\x00d\x00"), 0o600) }, exitUnusable},
	{"another program's SQLite", func(t *testing.T, p string) {
		rawSQLite(t, p, "PRAGMA application_id = 1196444237", "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('x')")
	}, exitUnusable},
	{"another program's SQLite in WAL mode", func(t *testing.T, p string) {
		rawSQLite(t, p, "PRAGMA journal_mode = WAL", "CREATE TABLE notes (body TEXT)")
	}, exitUnusable},
	{"SQLite with tables and no mark", func(t *testing.T, p string) { rawSQLite(t, p, "CREATE TABLE accounts (id INTEGER PRIMARY KEY)") }, exitUnusable},
	{"SQLite with user_version 7 and nothing else", func(t *testing.T, p string) { rawSQLite(t, p, "PRAGMA user_version = 7") }, exitUnusable},
	{"SQLite with no schema", func(t *testing.T, p string) { rawSQLite(t, p, "VACUUM") }, exitUnusable},
	{"Kontor's mark and no schema", func(t *testing.T, p string) {
		rawSQLite(t, p, fmt.Sprintf("PRAGMA application_id = %d", store.ApplicationID))
	}, exitUnusable},
	{"Kontor's mark and a foreign table", func(t *testing.T, p string) {
		kontorFile(t, p)
		rawSQLite(t, p, "CREATE TABLE notes (body TEXT)")
	}, exitUnusable},
	{"Kontor's mark, schema 1 and a later table", func(t *testing.T, p string) {
		rawSQLite(t, p, fmt.Sprintf("PRAGMA application_id = %d", store.ApplicationID), "PRAGMA user_version = 1",
			"CREATE TABLE accounts (id INTEGER PRIMARY KEY)", "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
	}, exitUnusable},
	{"Kontor from a newer version", func(t *testing.T, p string) {
		kontorFile(t, p)
		rawSQLite(t, p, fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion()+1))
	}, exitUnusable},
	{"Kontor cut in half", func(t *testing.T, p string) {
		b := kontorFile(t, "")
		os.WriteFile(p, b[:len(b)/2], 0o600)
	}, exitUnusable},
	{"Kontor, only its first page", func(t *testing.T, p string) {
		b := kontorFile(t, "")
		os.WriteFile(p, b[:4096], 0o600)
	}, exitUnusable},
	{"Kontor cut short with a journal beside it (a killed copy)", func(t *testing.T, p string) {
		b := kontorFile(t, "")
		os.WriteFile(p, b[:len(b)/3], 0o600)
		os.WriteFile(p+"-journal", b[:1024], 0o600)
	}, exitUnusable},
	{"Kontor with its header overwritten", func(t *testing.T, p string) {
		b := kontorFile(t, "")
		copy(b[16:100], bytes.Repeat([]byte{0xEE}, 84))
		os.WriteFile(p, b, 0o600)
	}, exitUnusable},
	{"a folder", func(t *testing.T, p string) { os.Mkdir(p, 0o700) }, exitUnusable},
	{"a pipe", func(t *testing.T, p string) {
		if err := mkfifo(p); err != nil {
			t.Fatal(err)
		}
	}, exitUnusable},
}

// TestBadDatabaseFiles runs every command that opens the database on every
// kind of bad file: each is refused with its exit status and a sentence,
// and left byte for byte as it was, with nothing created beside it.
func TestBadDatabaseFiles(t *testing.T) {
	t.Parallel()
	csv := filepath.Join(t.TempDir(), "konta.csv")
	os.WriteFile(csv, []byte("code;name\nK1;Firma\n"), 0o600)
	commands := [][]string{{"init"}, {"search", "a"}, {"export", "accounts"}, {"import", "accounts", csv}, {"check"},
		{"backup", filepath.Join(t.TempDir(), "kopia.db")}}
	for _, bf := range badFiles {
		t.Run(bf.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "kontor.db")
			bf.make(t, path)
			before := snapshot(t, dir)
			for _, args := range commands {
				code, out, errs := kontorctl(t, append([]string{"--db", path}, args...)...)
				if code != bf.code || strings.TrimSpace(errs) == "" || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
					t.Errorf("%s = %d, stdout %q, stderr %q; want %d and one sentence", args[0], code, out, errs, bf.code)
				}
				if after := snapshot(t, dir); after != before {
					t.Fatalf("%s changed the folder:\n%s\n→\n%s", args[0], before, after)
				}
			}
		})
	}
	// A device: refused, and SQLite leaves nothing in /dev (null-journal).
	for _, args := range commands {
		if code, _, errs := kontorctl(t, append([]string{"--db", os.DevNull}, args...)...); code != exitUnusable || !strings.Contains(errs, "device") {
			t.Errorf("%s on %s = %d %q", args[0], os.DevNull, code, errs)
		}
	}
	if _, err := os.Lstat(os.DevNull + "-journal"); err == nil {
		t.Errorf("%s-journal exists", os.DevNull)
	}
	t.Logf("bad files: %d kinds (and %s) × %d commands, each refused untouched", len(badFiles), os.DevNull, len(commands))
}

// snapshot is every file in dir with its mode and content hash.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		info, _ := e.Info()
		fmt.Fprintf(&b, "%s %v", e.Name(), info.Mode())
		if info.Mode().IsRegular() {
			data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestRoundTripEveryKind: export → import into an empty database → export
// gives the same file, for every kind, on demo data, each step under another
// machine time zone (re-imported activities lost every contact
// without an e-mail, and a file exported in Warsaw doubled the history when
// imported on a machine set to UTC).
func TestRoundTripEveryKind(t *testing.T) {
	t.Parallel()
	src := copyDatabase(t, t.TempDir(), false)
	dst := storetest.Path(t)
	dir := t.TempDir()
	kinds := []string{"accounts", "contacts", "products", "prices", "activities", "orders", "payments"}
	tz := func(zone string) storetest.ProcOptions {
		return storetest.ProcOptions{Env: []string{"TZ=" + zone}}
	}
	withDB := func(o storetest.ProcOptions, db string) storetest.ProcOptions { o.DB = db; return o }
	first := map[string][]byte{}
	for _, kind := range kinds {
		out := filepath.Join(dir, kind+".csv")
		if code, _, errs := storetest.Run(t, withDB(tz("Europe/Warsaw"), src), "export", kind, "--out", out); code != 0 {
			t.Fatalf("export %s = %d %s", kind, code, errs)
		}
		first[kind], _ = os.ReadFile(out)
		if code, _, errs := storetest.Run(t, withDB(tz("UTC"), dst), "import", kind, out); code != 0 {
			t.Fatalf("import %s = %d %s", kind, code, errs)
		}
	}
	if !bytes.Contains(first["activities"], []byte(" +01:00,")) || !bytes.Contains(first["activities"], []byte(" +02:00,")) {
		t.Error("the activities export does not carry UTC offsets (winter and summer)")
	}
	noEmail := 0
	for _, line := range strings.Split(string(first["activities"]), "\n") {
		if f := strings.Split(line, ","); len(f) > 6 && f[5] == "" && f[6] != "" {
			noEmail++
		}
	}
	if noEmail == 0 {
		t.Error("the demo data has no activity with a contact without an e-mail: the test proves nothing")
	}
	for _, kind := range kinds {
		again := filepath.Join(dir, kind+"-again.csv")
		if code, _, errs := storetest.Run(t, withDB(tz("America/New_York"), dst), "export", kind, "--out", again); code != 0 {
			t.Fatalf("export %s again = %d %s", kind, code, errs)
		}
		second, _ := os.ReadFile(again)
		if !bytes.Equal(first[kind], second) {
			t.Errorf("%s: export → import → export differs:\n%s", kind, firstDiff(first[kind], second))
		}
	}
	// The same file again, under yet another zone: nothing new.
	code, out, errs := storetest.Run(t, withDB(tz("Asia/Tokyo"), dst), "import", "activities", filepath.Join(dir, "activities.csv"))
	if code != 0 || !strings.Contains(out, "created 0, updated 0") {
		t.Errorf("re-import under another zone = %d %q %q", code, out, errs)
	}
	storetest.CheckDatabase(t, dst)
	t.Logf("round trip: %d kinds, export → import → export identical across machine time zones", len(kinds))
}

// firstDiff shows the first line where two files differ.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s\n(%d lines, %d lines)", i+1, x, y, len(la), len(lb))
		}
	}
	return "the same lines"
}
