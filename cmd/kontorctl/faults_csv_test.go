//go:build unix

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"kontor/store/storetest"
)

// The bad CSV files of the fault suite: a valid export of every kind, spoilt
// one way at one seeded random row, is refused whole — exit status 3, a
// message on the row's own line (FILE:LINE:, the column where there is
// one), and the database left byte for byte as it was. The same goes for
// the header and for bad arguments.

// csvKinds are the kinds the CSV faults spoil, with their first (required)
// column, a date column and a number column where the kind has them.
var csvKinds = []struct {
	kind, key, date, number string
}{
	{"accounts", "code", "", "credit_limit"},
	{"contacts", "account_code", "", ""},
	{"activities", "account_code", "date", ""},
	{"products", "sku", "", "list_price"},
	{"prices", "sku", "valid_from", "min_qty"},
	{"orders", "order_no", "order_date", "quantity"},
	{"payments", "account_code", "date", "amount"},
}

// csvFile is an export read into rows: the header, then the records.
type csvFile struct {
	header []string
	rows   [][]string
}

func (f *csvFile) col(name string) int {
	for i, h := range f.header {
		if h == name {
			return i
		}
	}
	return -1
}

// write writes the file and returns the line each record starts on.
func (f *csvFile) write(t *testing.T, path string, raw func(row int, line []byte) []byte) []int {
	t.Helper()
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.Write(f.header)
	w.Flush()
	lines := make([]int, len(f.rows))
	for i, r := range f.rows {
		lines[i] = 1 + bytes.Count(out.Bytes(), []byte("\n"))
		var one bytes.Buffer
		rw := csv.NewWriter(&one)
		rw.Write(r)
		rw.Flush()
		b := one.Bytes()
		if raw != nil {
			b = raw(i, b)
		}
		out.Write(b)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return lines
}

func readExport(t *testing.T, path string) *csvFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: %d records, %v", path, len(recs), err)
	}
	return &csvFile{header: recs[0], rows: recs[1:]}
}

func (f *csvFile) clone() *csvFile {
	c := &csvFile{header: append([]string(nil), f.header...)}
	for _, r := range f.rows {
		c.rows = append(c.rows, append([]string(nil), r...))
	}
	return c
}

// csvFault spoils one row of a file: it reports the column the message must
// name ("" for the line alone) or false when it does not fit the row.
type csvFault struct {
	name  string
	spoil func(f *csvFile, row int, rng *rand.Rand, kind int) (column string, raw func(int, []byte) []byte, ok bool)
}

var csvFaults = []csvFault{
	{"a required value left out", func(f *csvFile, row int, _ *rand.Rand, k int) (string, func(int, []byte) []byte, bool) {
		f.rows[row][f.col(csvKinds[k].key)] = ""
		return csvKinds[k].key, nil, true
	}},
	{"a control character", func(f *csvFile, row int, rng *rand.Rand, k int) (string, func(int, []byte) []byte, bool) {
		c := f.col(csvKinds[k].key)
		ctrl := []string{"\x1b[2J", "\x07", "\x00", "\x1b]0;x\x07", "\x7f", "\x08"}[rng.Intn(6)]
		f.rows[row][c] += ctrl
		if ctrl == "\x00" {
			return "", nil, true // a NUL: the file is not text, said on its line
		}
		return csvKinds[k].key, nil, true
	}},
	{"an account that does not exist", func(f *csvFile, row int, _ *rand.Rand, _ int) (string, func(int, []byte) []byte, bool) {
		c := f.col("account_code")
		if c < 0 || f.rows[row][c] == "" {
			return "", nil, false
		}
		f.rows[row][c] = "NIE-MA-0000"
		return "account_code", nil, true
	}},
	{"a date that is not one", func(f *csvFile, row int, rng *rand.Rand, k int) (string, func(int, []byte) []byte, bool) {
		name := csvKinds[k].date
		if name == "" {
			return "", nil, false
		}
		f.rows[row][f.col(name)] = []string{"2026-02-30", "9999-12-31", "1899-12-31", "31.13.2026", "2026-11", "jutro"}[rng.Intn(6)]
		return name, nil, true
	}},
	{"a number that is not one", func(f *csvFile, row int, rng *rand.Rand, k int) (string, func(int, []byte) []byte, bool) {
		name := csvKinds[k].number
		if name == "" {
			return "", nil, false
		}
		f.rows[row][f.col(name)] = []string{"12x", "1.2.3", "--5", "NaN", "1e9", "0x10", "Infinity"}[rng.Intn(7)]
		return name, nil, true
	}},
	{"an amount past the bounds", func(f *csvFile, row int, rng *rand.Rand, k int) (string, func(int, []byte) []byte, bool) {
		switch csvKinds[k].kind {
		case "products":
			f.rows[row][f.col("list_price")] = "10000000000000"
			return "list_price", nil, true
		case "payments":
			f.rows[row][f.col("amount")] = "99999999999999.99"
			return "amount", nil, true
		case "orders":
			f.rows[row][f.col("quantity")] = "100000000"
			f.rows[row][f.col("unit_price")] = "1000000000"
			return "", nil, true
		}
		return "", nil, false
	}},
	{"a field too many", func(f *csvFile, row int, _ *rand.Rand, _ int) (string, func(int, []byte) []byte, bool) {
		f.rows[row] = append(f.rows[row], "nadmiar")
		return "", nil, true
	}},
	{"a byte that is not UTF-8", func(f *csvFile, row int, _ *rand.Rand, k int) (string, func(int, []byte) []byte, bool) {
		// Only in a file that is UTF-8 elsewhere: one with no letter past
		// ASCII may be Windows-1250, where every byte is a letter.
		wide := false
		for _, r := range f.rows {
			for _, v := range r {
				if !isASCII(v) && utf8.ValidString(v) {
					wide = true
				}
			}
		}
		if !wide {
			return "", nil, false
		}
		f.rows[row][f.col(csvKinds[k].key)] += "\xF1"
		return "", nil, true
	}},
	{"a quote never closed", func(f *csvFile, _ int, _ *rand.Rand, _ int) (string, func(int, []byte) []byte, bool) {
		return "", nil, true // the raw change is made by the caller, on the row's line
	}},
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// dbSum is the database file's hash: a refused import leaves it unchanged.
func dbSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// refused checks that importing file of kind was refused whole with a
// message on line (and column) and that nothing changed.
func refused(t *testing.T, db, dir, kind, file string, line int, column string, sum [32]byte, what string) {
	t.Helper()
	code, out, errs := ctl(t, db, "import", kind, file)
	want := fmt.Sprintf("%s:%d: ", file, line)
	if column != "" {
		want += column + ": "
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != exitInvalid || out != "" || !strings.Contains(errs, want) ||
		!strings.HasSuffix(lines[len(lines)-1], "nothing was imported") {
		t.Fatalf("%s (%s): import = %d, stdout %q, want exit %d and %q in:\n%s", what, kind, code, out, exitInvalid, want, errs)
	}
	if dbSum(t, db) != sum {
		t.Fatalf("%s (%s): a refused import changed the database file", what, kind)
	}
	storetest.CheckFiles(t, dir, false)
}

// TestBadCSVFiles spoils valid exports of every kind, one way at one random
// row each round (make soak: hundreds), the header too, and gives kontorctl
// bad arguments: each is refused with its line and exit status, and the
// database file stays byte for byte as it was.
func TestBadCSVFiles(t *testing.T) {
	t.Parallel()
	rng := storetest.Rand(t)
	dir := t.TempDir()
	db := copyDatabase(t, dir, false)
	files := t.TempDir()
	exports := make([]*csvFile, len(csvKinds))
	for k, c := range csvKinds {
		out := filepath.Join(files, c.kind+".csv")
		if code, _, errs := ctl(t, db, "export", c.kind, "--out", out); code != exitOK {
			t.Fatalf("export %s = %d %s", c.kind, code, errs)
		}
		exports[k] = readExport(t, out)
	}
	sum := dbSum(t, db)
	// Unspoilt, each file imports and changes nothing, down to the byte:
	// what the spoilt ones are refused against is a file that is fine.
	for k, c := range csvKinds {
		path := filepath.Join(files, c.kind+"-clean.csv")
		exports[k].write(t, path, nil)
		if code, out, errs := ctl(t, db, "import", c.kind, path); code != exitOK || !strings.Contains(out, "created 0, updated 0") {
			t.Fatalf("import %s as exported = %d %q %q", c.kind, code, out, errs)
		}
		if dbSum(t, db) != sum {
			t.Fatalf("importing %s as exported changed the database file", c.kind)
		}
	}

	// The header: a column unknown, twice, or a required one missing.
	headers := 0
	for k, c := range csvKinds {
		for _, h := range []struct {
			name, column string
			spoil        func(f *csvFile)
		}{
			{"an unknown column", "kolor", func(f *csvFile) { f.header[len(f.header)-1] = "kolor" }},
			{"a column twice", f0(exports[k]), func(f *csvFile) { f.header[len(f.header)-1] = f.header[0] }},
			{"a required column missing", c.key, func(f *csvFile) {
				i := f.col(c.key)
				f.header = append(f.header[:i:i], f.header[i+1:]...)
				for r := range f.rows {
					f.rows[r] = append(f.rows[r][:i:i], f.rows[r][i+1:]...)
				}
			}},
		} {
			f := exports[k].clone()
			h.spoil(f)
			path := filepath.Join(files, fmt.Sprintf("%s-header-%d.csv", c.kind, headers))
			f.write(t, path, nil)
			refused(t, db, dir, c.kind, path, 1, h.column, sum, h.name)
			headers++
		}
	}

	// The rows: one fault at one random row a round.
	rounds := storetest.Iterations(len(csvFaults), 400)
	tried := map[string]int{}
	for round := 0; round < rounds; round++ {
		// Each round's fault in turn, on a random kind and row it fits.
		fault := csvFaults[round%len(csvFaults)]
		var (
			k, row int
			f      *csvFile
			column string
			raw    func(int, []byte) []byte
			ok     bool
		)
		for try := 0; !ok && try < 50; try++ {
			k = rng.Intn(len(csvKinds))
			f = exports[k].clone()
			row = rng.Intn(len(f.rows))
			column, raw, ok = fault.spoil(f, row, rng, k)
		}
		if !ok {
			t.Fatalf("round %d: %s fits no row of any kind", round, fault.name)
		}
		kind := csvKinds[k].kind
		if fault.name == "a quote never closed" {
			raw = func(i int, b []byte) []byte {
				if i == row {
					return append([]byte(`"`), b...)
				}
				return b
			}
		}
		path := filepath.Join(files, fmt.Sprintf("%s-%d.csv", kind, round))
		lines := f.write(t, path, raw)
		refused(t, db, dir, kind, path, lines[row], column, sum, fmt.Sprintf("round %d, %s at line %d", round, fault.name, lines[row]))
		tried[fault.name]++
		os.Remove(path)
	}

	// Arguments: refused with one sentence (or the usage), nothing written.
	args := [][]string{
		{"search", "a", "--limit", "-1"}, {"search", "a", "--limit", "0"}, {"search", "a", "--limit", "10001"},
		{"import", "widgets", filepath.Join(files, "accounts.csv")}, {"import", "accounts", filepath.Join(files, "brak.csv")},
		{"import", "accounts", files}, {"export", "accounts", "--format", "pdf"},
		{"statement", "--account", "NIE-MA", "--month", "2026-10", "--json"},
		{"statement", "--account", "X", "--month", "2026-13", "--json"}, {"statements", "--month", "10/2026", "--out", files},
		{"price", "--account", "NIE-MA", "--sku", "X", "--qty", "1"}, {"demo", "--today", "2026-02-30"},
		{"backup", filepath.Join(files, "nie", "ma", "kopia.db")}, {"restore", filepath.Join(files, "accounts.csv")},
	}
	for _, a := range args {
		code, _, errs := ctl(t, db, a...)
		if code == exitOK || code == exitInternal || strings.TrimSpace(errs) == "" {
			t.Errorf("%q = %d %q: want a refusal with its class", a, code, errs)
		}
		if dbSum(t, db) != sum {
			t.Fatalf("%q changed the database file", a)
		}
	}
	storetest.CheckDatabase(t, db)
	n := 0
	for _, c := range tried {
		n += c
	}
	t.Logf("CSV: %d spoilt files refused whole at their line (%d headers; rows: %v) and %d bad arguments, the database byte for byte unchanged",
		n+headers, headers, tried, len(args))
}

// f0 is the file's first column name.
func f0(f *csvFile) string { return f.header[0] }
