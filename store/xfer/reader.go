package xfer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Limits bound what a Reader accepts, so a wrong file (a disk image, a log)
// gets a clear message instead of eating memory.
type Limits struct {
	MaxBytes   int64 // the largest file read
	MaxColumns int   // the most header cells
	MaxErrors  int   // reading stops after this many problems
}

// DefaultLimits fit the largest files the contract expects (a million order
// lines is about 100 MB) with room to spare.
var DefaultLimits = Limits{MaxBytes: 256 << 20, MaxColumns: 256, MaxErrors: 10000}

// Reader reads one transfer file of a Schema row by row:
//
//	rd, err := xfer.NewReader(name, f, schema)
//	for rd.Next() {
//		row := rd.Row() // cells by column name, helpers that record problems
//	}
//	err = rd.Err() // Errors listing every problem, or nil
//
// The file is read into memory once (encoding detection needs all of it: a
// single Windows-1250 byte on the last line decides the encoding of the first),
// then parsed one record at a time.
type Reader struct {
	file   string
	schema Schema
	limits Limits
	cr     *csv.Reader
	pos    []int  // pos[i]: the schema column of field i, -1 for a column with no name
	has    []bool // has[j]: schema column j is in the header
	row    Row
	errs   Errors
	done   bool
}

// NewReader reads the file's header with DefaultLimits. A problem with the file
// as a whole (too large, not text, bad header) is returned as Errors.
func NewReader(file string, src io.Reader, s Schema) (*Reader, error) {
	return NewReaderLimits(file, src, s, DefaultLimits)
}

// NewReaderLimits is NewReader with explicit limits.
func NewReaderLimits(file string, src io.Reader, s Schema, lim Limits) (*Reader, error) {
	r := &Reader{file: file, schema: s, limits: lim}
	tooLarge := r.fileError(0, "csv.too_large", "the file is larger than {{.Max}} MiB; split it into smaller files",
		map[string]any{"Max": lim.MaxBytes >> 20})
	size := int64(64 << 10)
	if st, ok := src.(interface{ Stat() (fs.FileInfo, error) }); ok { // a file: refuse before reading, read in one go
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			if fi.Size() > lim.MaxBytes {
				return nil, tooLarge
			}
			size = fi.Size() + 1
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := buf.ReadFrom(io.LimitReader(src, lim.MaxBytes+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) > lim.MaxBytes {
		return nil, tooLarge
	}
	text, err := r.decode(data)
	if err != nil {
		return nil, err
	}
	// Excel's "CSV (Macintosh)" ends lines with CR alone.
	if bytes.IndexByte(text, '\n') < 0 && bytes.IndexByte(text, '\r') >= 0 {
		text = bytes.ReplaceAll(text, []byte{'\r'}, []byte{'\n'})
	}
	comma, err := r.delimiter(text)
	if err != nil {
		return nil, err
	}
	r.cr = csv.NewReader(bytes.NewReader(text))
	r.cr.Comma = comma
	r.cr.FieldsPerRecord = -1    // a wrong field count is reported per row, in our words
	r.cr.TrimLeadingSpace = true // `a, "b, c"` is a quoted value after a space; cells are trimmed anyway
	r.cr.ReuseRecord = true
	if err := r.header(); err != nil {
		return nil, err
	}
	r.row = Row{r: r, cells: make([]string, len(s.Columns))}
	return r, nil
}

// decode returns the file as UTF-8: valid UTF-8 is taken as it is (a BOM
// dropped); anything else is what Polish Excel writes, Windows-1250.
func (r *Reader) decode(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}) || bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return nil, r.fileError(1, "csv.utf32", "the file is UTF-32 text; save it as CSV (UTF-8) or CSV (semicolon-separated)", nil)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return nil, r.fileError(1, "csv.utf16", "the file is UTF-16 text; save it as CSV (UTF-8) or CSV (semicolon-separated)", nil)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil, r.fileError(1, "csv.xlsx", "this is a spreadsheet or zip file, not CSV; save it as CSV (UTF-8) first", nil)
	case bytes.IndexByte(data, 0) >= 0:
		return nil, r.fileError(lineAt(data, bytes.IndexByte(data, 0)), "csv.binary", "the file is not text (it contains NUL bytes)", nil)
	}
	if rest, ok := bytes.CutPrefix(data, []byte(bom)); ok {
		// Some tools add their mark to a file that has one: any number is one.
		for bytes.HasPrefix(rest, []byte(bom)) {
			rest = rest[len(bom):]
		}
		if bad := invalidUTF8(rest); bad >= 0 {
			return nil, r.fileError(lineAt(rest, bad), "csv.bad_utf8",
				"the file says it is UTF-8 but this line is not; save it again as CSV (UTF-8)", nil)
		}
		return rest, nil
	}
	if utf8.Valid(data) && !onlyPolish1250(data) {
		return data, nil
	}
	// Letters only UTF-8 writes that way, and a byte UTF-8 cannot have: a
	// UTF-8 file with a stray byte, which read as Windows-1250 would turn
	// every letter of it into two wrong ones.
	if bad := invalidUTF8(data); bad >= 0 && surelyUTF8(data) {
		return nil, r.fileError(lineAt(data, bad), "csv.stray_byte",
			"this line has a byte that is not UTF-8 (0x{{.Byte}}) while the rest of the file is UTF-8; correct it or save the file again as CSV (UTF-8)",
			map[string]any{"Byte": fmt.Sprintf("%02X", data[bad])})
	}
	out, err := charmap.Windows1250.NewDecoder().Bytes(data)
	if err != nil { // every byte has a meaning in Windows-1250; kept for safety
		return nil, r.fileError(1, "csv.encoding", "the file is neither UTF-8 nor Windows-1250 text", nil)
	}
	return out, nil
}

const bom = "\xEF\xBB\xBF"

// surelyUTF8 reports whether data holds a UTF-8 letter that Windows-1250
// text cannot be mistaken for: a multi-byte sequence with a byte that is not
// a Polish letter in Windows-1250 ("ł" is C5 82; C5 is Ĺ, 82 nothing Polish).
func surelyUTF8(data []byte) bool {
	for i := 0; i < len(data); {
		c, size := utf8.DecodeRune(data[i:])
		if size > 1 && c != utf8.RuneError {
			for _, b := range data[i : i+size] {
				if !polish1250[b] {
					return true
				}
			}
		}
		i += size
	}
	return false
}

// polish1250 marks the bytes that are Polish letters in Windows-1250.
var polish1250 = func() (set [256]bool) {
	for _, b := range []byte{0xA5, 0xC6, 0xCA, 0xA3, 0xD1, 0xD3, 0x8C, 0x8F, 0xAF, // Ą Ć Ę Ł Ń Ó Ś Ź Ż
		0xB9, 0xE6, 0xEA, 0xB3, 0xF1, 0xF3, 0x9C, 0x9F, 0xBF} { // ą ć ę ł ń ó ś ź ż
		set[b] = true
	}
	return set
}()

// onlyPolish1250 reports whether every non-ASCII byte of data is a Polish
// letter in Windows-1250. Such a file can still be valid UTF-8 by accident:
// "PÓŁNOC" is D3 A3 in the middle, which UTF-8 reads as one Cyrillic letter.
// Real UTF-8 Polish never passes (ł is C5 82, and C5 is Ĺ), and real UTF-8 of
// other scripts would need every byte of every letter to fall in this set.
func onlyPolish1250(data []byte) bool {
	seen := false
	for _, b := range data {
		if b >= 0x80 {
			if !polish1250[b] {
				return false
			}
			seen = true
		}
	}
	return seen
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		c, size := utf8.DecodeRune(b[i:])
		if c == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

func lineAt(b []byte, off int) int { return 1 + bytes.Count(b[:off], []byte{'\n'}) }

// delimiter picks , or ; by counting both in the header line, outside quotes.
func (r *Reader) delimiter(text []byte) (rune, error) {
	commas, semis, tabs := 0, 0, 0
	quoted := false
scan:
	for _, c := range text {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			break scan
		case c == ',':
			commas++
		case c == ';':
			semis++
		case c == '\t':
			tabs++
		}
	}
	if commas == 0 && semis == 0 && tabs > 0 {
		return 0, r.fileError(1, "csv.tabs", "the columns are separated by tabs; separate them with , or ;", nil)
	}
	if semis > commas {
		return ';', nil
	}
	return ',', nil
}

// header maps the header's cells to schema columns, reporting every unknown,
// repeated or missing column at once.
func (r *Reader) header() error {
	rec, err := r.cr.Read()
	if err == io.EOF {
		return r.fileError(1, "csv.empty", "the file is empty; the first line must name the columns ({{.Columns}})",
			map[string]any{"Columns": r.schema.describe()})
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return Errors{r.parseError(pe)}
		}
		return err
	}
	if len(rec) > r.limits.MaxColumns {
		return r.fileError(1, "csv.too_many_columns", "the header has {{.Count}} columns; {{.Kind}} files have {{.Want}}",
			map[string]any{"Count": len(rec), "Kind": r.schema.Kind, "Want": len(r.schema.Columns)})
	}
	var errs Errors
	r.pos = make([]int, len(rec))
	r.has = make([]bool, len(r.schema.Columns))
	for i, cell := range rec {
		name := strings.ToLower(strings.TrimSpace(cell))
		r.pos[i] = -1
		if name == "" {
			continue // Excel writes trailing empty columns; a value under one is reported per row
		}
		j := r.schema.index(name)
		switch {
		case j < 0:
			errs = append(errs, r.errAt(1, name, "csv.unknown_column", "unknown column; {{.Kind}} columns are {{.Columns}}",
				map[string]any{"Kind": r.schema.Kind, "Columns": r.schema.describe()}))
		case r.has[j]:
			errs = append(errs, r.errAt(1, name, "csv.duplicate_column", "the column appears twice in the header", nil))
		default:
			r.pos[i], r.has[j] = j, true
		}
	}
	for j, c := range r.schema.Columns {
		if c.Required && !r.has[j] {
			errs = append(errs, r.errAt(1, c.Name, "csv.missing_column", "the required column is missing", nil))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Next advances to the next row with a value in it, reporting structural
// problems (bad quoting, a wrong number of fields) itself and skipping those
// rows. A row with an empty required cell is returned, marked bad, so its other
// cells are still checked.
func (r *Reader) Next() bool {
	for !r.done {
		if len(r.errs) >= r.limits.MaxErrors {
			r.errs = append(r.errs, r.errAt(0, "", "csv.too_many_errors", "stopped after {{.Count}} problems; fix these first",
				map[string]any{"Count": len(r.errs)}))
			r.done = true
			break
		}
		rec, err := r.cr.Read()
		if err == io.EOF {
			r.done = true
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			r.errs = append(r.errs, r.parseError(pe))
			continue
		}
		if err != nil {
			r.errs = append(r.errs, r.errAt(0, "", "csv.read", "{{.Err}}", map[string]any{"Err": err.Error()}))
			r.done = true
			break
		}
		line, _ := r.cr.FieldPos(0)
		if blank(rec) {
			continue // ;;;; — rows Excel keeps for formatting
		}
		if r.fill(line, rec) {
			return true
		}
	}
	return false
}

// fill loads rec into the row; false when the row cannot be read at all.
func (r *Reader) fill(line int, rec []string) bool {
	row := &r.row
	row.Line, row.bad = line, false
	if len(rec) != len(r.pos) {
		key, msg := "csv.too_many_fields", "the row has {{.Count}} fields but the header has {{.Want}}; a value with a {{.Delim}} in it must be in double quotes"
		if len(rec) < len(r.pos) {
			key, msg = "csv.too_few_fields", "the row has {{.Count}} {{if eq .Count 1}}field{{else}}fields{{end}} but the header has {{.Want}}"
		}
		r.errs = append(r.errs, r.errAt(line, "", key, msg,
			map[string]any{"Count": len(rec), "Want": len(r.pos), "Delim": string(r.cr.Comma)}))
		return false
	}
	for j := range row.cells {
		row.cells[j] = ""
	}
	for i, v := range rec {
		j := r.pos[i]
		if j < 0 {
			if strings.TrimSpace(v) != "" {
				row.Failf("", "csv.unnamed_value", "field {{.N}} has a value but its column has no name in the header",
					map[string]any{"N": i + 1})
			}
			continue
		}
		row.cells[j] = strings.TrimSpace(unneutralise(strings.TrimSpace(v)))
		if c, ok := controlChar(row.cells[j], r.schema.Columns[j].Multiline); ok {
			row.Failf(r.schema.Columns[j].Name, "field.control_char",
				"the value has a control character ({{.Char}}), which no text in Kontor may hold; remove it",
				map[string]any{"Char": c})
		}
	}
	for j, c := range r.schema.Columns {
		if c.Required && row.cells[j] == "" {
			row.Failf(c.Name, "field.required", "a value is required", nil)
		}
	}
	return true
}

// controlChar finds a control character in v — ESC would start an escape
// sequence wherever the value is printed, a newline break a one-line list —
// and names it (U+001B). Tabs and line breaks are text in a multi-line value.
func controlChar(v string, multi bool) (string, bool) {
	for _, c := range v {
		if c < 0x20 && !(multi && (c == '\n' || c == '\r' || c == '\t')) || c >= 0x7f && c < 0xa0 {
			return fmt.Sprintf("U+%04X", c), true
		}
	}
	return "", false
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// parseError words encoding/csv's quoting errors for people. The record's first
// line is reported, as for every other row problem.
func (r *Reader) parseError(pe *csv.ParseError) RowError {
	args := map[string]any{"Line": pe.Line, "Col": pe.Column}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return r.errAt(pe.StartLine, "", "csv.bare_quote",
			`a " in an unquoted value (line {{.Line}}, character {{.Col}}); put the value in double quotes and double the " inside`, args)
	case errors.Is(pe.Err, csv.ErrQuote):
		return r.errAt(pe.StartLine, "", "csv.quote",
			`a quoted value is not closed properly (line {{.Line}}, character {{.Col}}); a " inside quotes must be doubled`, args)
	}
	args["Err"] = pe.Err.Error()
	return r.errAt(pe.StartLine, "", "csv.parse", "{{.Err}} (line {{.Line}}, character {{.Col}})", args)
}

// Row is the current row. It is reused by Next: copy what you keep.
func (r *Reader) Row() *Row { return &r.row }

// Has reports whether the file has the named column.
func (r *Reader) Has(column string) bool {
	j := r.schema.index(column)
	return j >= 0 && r.has[j]
}

// Present lists the file's columns in schema order.
func (r *Reader) Present() []string {
	var out []string
	for j, c := range r.schema.Columns {
		if r.has[j] {
			out = append(out, c.Name)
		}
	}
	return out
}

// File is the name problems are reported under.
func (r *Reader) File() string { return r.file }

// Err returns every problem found so far as Errors, or nil.
func (r *Reader) Err() error {
	if len(r.errs) == 0 {
		return nil
	}
	r.errs.Sort()
	return r.errs
}

// Errors returns the problems found so far (nil when none).
func (r *Reader) Errors() Errors { return r.errs }

func (r *Reader) errAt(line int, column, key, msg string, args map[string]any) RowError {
	return RowError{File: r.file, Line: line, Column: column, Err: problem(column, key, msg, args)}
}

func (r *Reader) fileError(line int, key, msg string, args map[string]any) error {
	return Errors{r.errAt(line, "", key, msg, args)}
}
