package xfer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kontor/domain"
)

// testSchema has a column of every cell type the contract uses.
var testSchema = Schema{Kind: "things", Columns: []Column{
	{Name: "code", Required: true},
	{Name: "name", Required: true, Multiline: true},
	{Name: "amount", Type: Amount},
	{Name: "on"},
	{Name: "done"},
}}

// readAll reads every row of src as a map of the file's columns, with its line.
func readAll(t *testing.T, src []byte, lim Limits) ([]map[string]string, error) {
	t.Helper()
	rd, err := NewReaderLimits("f.csv", bytes.NewReader(src), testSchema, lim)
	if err != nil {
		return nil, err
	}
	var rows []map[string]string
	for rd.Next() {
		row := rd.Row()
		m := map[string]string{"line": strconv.Itoa(row.Line)}
		for _, c := range rd.Present() {
			m[c] = row.Text(c)
		}
		rows = append(rows, m)
	}
	return rows, rd.Err()
}

func win1250(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1250.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReader(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		want []map[string]string
	}{
		{"plain", []byte("code,name\nA,Alpha\n"), []map[string]string{{"line": "2", "code": "A", "name": "Alpha"}}},
		{"BOM", []byte("\xEF\xBB\xBFcode,name\nA,Łódź\n"), []map[string]string{{"line": "2", "code": "A", "name": "Łódź"}}},
		{"Windows-1250", win1250(t, "code;name\nA;Łódź Żółć Gęślą\n"),
			[]map[string]string{{"line": "2", "code": "A", "name": "Łódź Żółć Gęślą"}}},
		{"Windows-1250 that is valid UTF-8 by accident", win1250(t, "code;name\nA;UL. PÓŁNOCNA\n"),
			[]map[string]string{{"line": "2", "code": "A", "name": "UL. PÓŁNOCNA"}}},
		{"UTF-8 of other scripts", []byte("code;name\nA;Київ Ölçek 東京\n"),
			[]map[string]string{{"line": "2", "code": "A", "name": "Київ Ölçek 東京"}}},
		{"Windows-1250 decided by the last line", append([]byte("code;name\nA;plain\n"), win1250(t, "B;Łódź\n")...),
			[]map[string]string{{"line": "2", "code": "A", "name": "plain"}, {"line": "3", "code": "B", "name": "Łódź"}}},
		{"semicolon and decimal comma", []byte("code;name;amount\nA;Alpha;1 234,56\n"),
			[]map[string]string{{"line": "2", "code": "A", "name": "Alpha", "amount": "1 234,56"}}},
		{"semicolon header with commas in a quoted name", []byte("code;\"name, full\"\n"), nil}, // reported below as unknown column
		{"header case and spaces", []byte(" CODE , Name \nA,Alpha\n"), []map[string]string{{"line": "2", "code": "A", "name": "Alpha"}}},
		{"quoted delimiter, quote and newline keep the start line",
			[]byte("code,name\nA,\"one, \"\"two\"\"\nthree\"\nB,Beta\n"),
			[]map[string]string{{"line": "2", "code": "A", "name": "one, \"two\"\nthree"}, {"line": "4", "code": "B", "name": "Beta"}}},
		{"CRLF and blank rows", []byte("code,name\r\n\r\nA,Alpha\r\n,\r\n  ,  \r\nB,Beta\r\n"),
			[]map[string]string{{"line": "3", "code": "A", "name": "Alpha"}, {"line": "6", "code": "B", "name": "Beta"}}},
		{"space before a quoted value", []byte("code,name\nA, \"x, y\"\n"), []map[string]string{{"line": "2", "code": "A", "name": "x, y"}}},
		{"neutralised cells read back", []byte("code,name\nA,'=SUM(1)\nB,''+x\nC,'plain\n"),
			[]map[string]string{{"line": "2", "code": "A", "name": "=SUM(1)"}, {"line": "3", "code": "B", "name": "'+x"},
				{"line": "4", "code": "C", "name": "'plain"}}},
		{"empty trailing header column", []byte("code,name,\nA,Alpha,\n"), []map[string]string{{"line": "2", "code": "A", "name": "Alpha"}}},
		// Excel's "CSV (Macintosh)" (CR alone) was an unknown column;
		// a doubled byte-order mark made the first column unknown.
		{"CR line endings", []byte("code;name\rA;Łódź\rB;Beta\r"),
			[]map[string]string{{"line": "2", "code": "A", "name": "Łódź"}, {"line": "3", "code": "B", "name": "Beta"}}},
		{"double BOM", []byte("\xEF\xBB\xBF\xEF\xBB\xBFcode,name\nA,Łódź\n"), []map[string]string{{"line": "2", "code": "A", "name": "Łódź"}}},
		{"a multi-line value keeps its tab", []byte("code,name\nA,\"x\ty\"\n"), []map[string]string{{"line": "2", "code": "A", "name": "x\ty"}}},
		{"header only", []byte("code,name\n"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := readAll(t, tt.src, DefaultLimits)
			if tt.name == "semicolon header with commas in a quoted name" {
				if err == nil || !strings.Contains(err.Error(), `f.csv:1: name, full: unknown column`) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(tt.want) {
				t.Fatalf("rows = %v, want %v", rows, tt.want)
			}
			for i := range rows {
				for k, v := range tt.want[i] {
					if rows[i][k] != v {
						t.Errorf("row %d %s = %q, want %q", i, k, rows[i][k], v)
					}
				}
			}
		})
	}
}

// TestReaderProblems checks the file:line: column: message of each problem and
// that every bad row is listed, not just the first.
func TestReaderProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		lim  Limits
		want []string // each a substring of one line of the error, in order
	}{
		{"empty file", "", DefaultLimits, []string{"f.csv:1: the file is empty; the first line must name the columns (code*, name*, amount, on, done)"}},
		{"unknown and duplicate columns", "code,name,colour,Name\n", DefaultLimits,
			[]string{"f.csv:1: colour: unknown column; things columns are code*, name*, amount, on, done", "f.csv:1: name: the column appears twice"}},
		{"missing required column", "code,amount\n", DefaultLimits, []string{"f.csv:1: name: the required column is missing"}},
		{"empty required cells on every bad row", "code,name\n,A\nB,\nC,ok\nD,b\"c\n", DefaultLimits,
			[]string{"f.csv:2: code: a value is required", "f.csv:3: name: a value is required", "f.csv:5: a \" in an unquoted value"}},
		{"field counts", "code,name\nA,B,C\nD\nE,F\n", DefaultLimits,
			[]string{"f.csv:2: the row has 3 fields but the header has 2; a value with a , in it must be in double quotes",
				"f.csv:3: the row has 1 field but the header has 2"}},
		{"value under a nameless column", "code,name,\nA,B,x\n", DefaultLimits, []string{"f.csv:2: field 3 has a value but its column has no name"}},
		{"unclosed quote reports its start line", "code,name\nA,ok\nB,\"open\nC,more\n", DefaultLimits,
			[]string{"f.csv:3: a quoted value is not closed properly"}},
		{"too large", "code,name\nA,B\n", Limits{MaxBytes: 8, MaxColumns: 10, MaxErrors: 10}, []string{"f.csv: the file is larger than 0 MiB"}},
		{"too many columns", "code,name,a,b,c\n", Limits{MaxBytes: 1 << 20, MaxColumns: 4, MaxErrors: 10},
			[]string{"f.csv:1: the header has 5 columns; things files have 5"}},
		{"too many problems", "code,name\nA,\nB,\nC,\nD,\n", Limits{MaxBytes: 1 << 20, MaxColumns: 10, MaxErrors: 3},
			[]string{"f.csv:2: name", "f.csv:3: name", "f.csv:4: name", "f.csv: stopped after 3 problems"}},
		{"UTF-16", "\xFF\xFEc\x00o\x00", DefaultLimits, []string{"f.csv:1: the file is UTF-16 text"}},
		// A UTF-32 mark was called UTF-16; a UTF-8 file with one stray
		// byte was read whole as Windows-1250; ESC and BEL were taken as text.
		{"UTF-32", "\xFF\xFE\x00\x00c\x00\x00\x00", DefaultLimits, []string{"f.csv:1: the file is UTF-32 text"}},
		{"UTF-32 big-endian", "\x00\x00\xFE\xFF\x00\x00\x00c", DefaultLimits, []string{"f.csv:1: the file is UTF-32 text"}},
		{"UTF-8 with a stray byte", "code,name\nA,Łódź\nB,Kraków\nC,Gda\xF1sk\n", DefaultLimits,
			[]string{"f.csv:4: this line has a byte that is not UTF-8 (0xF1) while the rest of the file is UTF-8"}},
		{"control characters", "code,name,on\nA\x1b[2J,B\x07,x\n", DefaultLimits,
			[]string{"f.csv:2: code: the value has a control character (U+001B)", "f.csv:2: name: the value has a control character (U+0007)"}},
		{"a line break in a one-line column", "code,name,on\nA,B,\"x\ny\"\n", DefaultLimits,
			[]string{"f.csv:2: on: the value has a control character (U+000A)"}},
		{"a workbook", "PK\x03\x04rest", DefaultLimits, []string{"f.csv:1: this is a spreadsheet or zip file, not CSV"}},
		{"binary", "code,name\nA,\x00\n", DefaultLimits, []string{"f.csv:2: the file is not text"}},
		{"BOM with bad UTF-8", "\xEF\xBB\xBFcode,name\nA,ok\nB,\xB3\n", DefaultLimits, []string{"f.csv:3: the file says it is UTF-8 but this line is not"}},
		{"tabs", "code\tname\nA\tB\n", DefaultLimits, []string{"f.csv:1: the columns are separated by tabs"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, []byte(tt.src), tt.lim)
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("err = %v (%T), want Errors", err, err)
			}
			if len(es) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(es), len(tt.want), err)
			}
			for i, w := range tt.want {
				if !strings.Contains(es[i].Error(), w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, es[i].Error(), w)
				}
			}
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Errorf("code = %v, want invalid", domain.ErrorCode(err))
			}
		})
	}
}

func TestRowErrorKeepsTheFieldError(t *testing.T) {
	var es Errors
	rd, err := NewReader("g.csv", strings.NewReader("code,name,amount\nA,B,12x\n"), testSchema)
	if err != nil {
		t.Fatal(err)
	}
	for rd.Next() {
		rd.Row().Amount("amount")
	}
	if !errors.As(rd.Err(), &es) || len(es) != 1 {
		t.Fatalf("err = %v", rd.Err())
	}
	e := es[0]
	if e.File != "g.csv" || e.Line != 2 || e.Column != "amount" || e.Err.Key != "number.invalid" || e.Err.Field != "amount" {
		t.Errorf("problem = %+v", e)
	}
	if got := e.Error(); got != "g.csv:2: amount: 12x is not a number" {
		t.Errorf("Error() = %q", got)
	}
}

// TestReaderRefusesLargeFileUnread: a file over the limit is refused by its
// size, before a byte is read.
func TestReaderRefusesLargeFileUnread(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(p, []byte("code,name\n"+strings.Repeat("A,B\n", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = NewReaderLimits("big.csv", f, testSchema, Limits{MaxBytes: 1000, MaxColumns: 10, MaxErrors: 10})
	if err == nil || err.Error() != "big.csv: the file is larger than 0 MiB; split it into smaller files" {
		t.Fatalf("err = %v", err)
	}
	if off, _ := f.Seek(0, io.SeekCurrent); off != 0 {
		t.Errorf("read %d bytes of a file it refused", off)
	}
}

// TestReaderStreams: a file is parsed as it is read, never held whole, and a
// row that runs on without end is refused at its line (a 200 MB
// line took 2.7 GB). Encoding is still decided by the whole file, across the
// chunks it is read in.
func TestReaderStreams(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, parts ...[]byte) *os.File {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, bytes.Join(parts, nil), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	// The longest row smaller than the default (1 MiB), so the memory a refusal
	// may take, a few times the row, is well below the file's size.
	lim := Limits{MaxBytes: 256 << 20, MaxColumns: 64, MaxErrors: 100, MaxRecordBytes: 256 << 10}
	for _, tc := range []struct {
		name string
		f    *os.File
		line int
	}{
		{"one line of 40 MB", write("long.csv", []byte("code,name\nA,ok\nB,"), bytes.Repeat([]byte("x"), 40<<20), []byte("\nC,ok\n")), 3},
		{"a quote left open", write("open.csv", []byte("code,name\nA,ok\nB,\"open\n"), bytes.Repeat([]byte("y,z\n"), 3<<20)), 3},
		{"a header of 40 MB", write("head.csv", bytes.Repeat([]byte("code,"), 8<<20)), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			rd, err := NewReaderLimits("f.csv", tc.f, testSchema, lim)
			if err == nil {
				for rd.Next() {
				}
				err = rd.Err()
			}
			runtime.ReadMemStats(&after)
			var es Errors
			if !errors.As(err, &es) || es[len(es)-1].Line != tc.line || !strings.Contains(err.Error(), "runs on for more than 256 KiB") {
				t.Errorf("error %v; want the row on line %d refused", err, tc.line)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 12<<20 {
				t.Errorf("reading allocated %d MB", grew>>20)
			}
		})
	}
	// A letter across the reads' 64 KB boundary is one letter: still UTF-8.
	pad := bytes.Repeat([]byte("a"), 64<<10-len("code,name\nA,")-1)
	f := write("edge.csv", []byte("code,name\nA,"), pad, []byte("ł\nB,Łódź\n"))
	rows := 0
	rd, err := NewReaderLimits("f.csv", f, testSchema, lim)
	if err != nil {
		t.Fatal(err)
	}
	for rd.Next() {
		if rows++; rows == 2 && rd.Row().Text("name") != "Łódź" {
			t.Errorf("name %q", rd.Row().Text("name"))
		}
	}
	if err := rd.Err(); err != nil || rows != 2 {
		t.Errorf("%d rows, %v", rows, err)
	}
	// Standard input cannot be read twice: it is read once into memory.
	rd, err = NewReader("stdin", io.MultiReader(strings.NewReader("code;name\n"), strings.NewReader("A;Gda\xF1sk\n")), testSchema)
	if err != nil || !rd.Next() || rd.Row().Text("name") != "Gdańsk" {
		t.Errorf("a pipe in Windows-1250: %v", err)
	}
}
