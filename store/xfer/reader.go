package xfer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"

	"kontor/domain"
)

// Limits bound what a Reader accepts, so a wrong file (a disk image, a log)
// gets a clear message instead of eating memory.
type Limits struct {
	MaxBytes       int64 // the largest file read
	MaxColumns     int   // the most header cells
	MaxErrors      int   // reading stops after this many problems
	MaxRecordBytes int64 // the longest row (with the lines of a quoted value); 0: 1 MiB
}

// DefaultLimits fit the largest files the contract expects (a million order
// lines is about 100 MB) with room to spare; the longest row holds every
// field at its longest several times over.
var DefaultLimits = Limits{MaxBytes: 256 << 20, MaxColumns: 256, MaxErrors: 10000, MaxRecordBytes: 1 << 20}

// Reader reads one transfer file of a Schema row by row:
//
//	rd, err := xfer.NewReader(name, f, schema)
//	for rd.Next() {
//		row := rd.Row() // cells by column name, helpers that record problems
//	}
//	err = rd.Err() // Errors listing every problem, or nil
//
// The file is read twice, never held whole: once to learn its encoding (a
// single Windows-1250 byte on the last line decides the encoding of the
// first), then parsed one record at a time.
type Reader struct {
	file   string
	schema Schema
	limits Limits
	limit  *recordLimit
	cr     *csv.Reader
	// nextLine is the line the next record starts on (after a quoted value
	// over several lines, more than one past the last).
	nextLine int
	pos      []int  // pos[i]: the schema column of field i, -1 for a column with no name
	has      []bool // has[j]: schema column j is in the header
	row      Row
	errs     Errors
	done     bool
}

// NewReader reads the file's header with DefaultLimits. A problem with the file
// as a whole (too large, not text, bad header) is returned as Errors.
func NewReader(file string, src io.Reader, s Schema) (*Reader, error) {
	return NewReaderLimits(file, src, s, DefaultLimits)
}

// NewReaderLimits is NewReader with explicit limits. The file is read twice
// and never held whole: once to learn its encoding and line ends, once to
// parse it row by row; a row longer than MaxRecordBytes stops the reading. A
// source that cannot be read twice (standard input) is kept in memory once.
func NewReaderLimits(file string, src io.Reader, s Schema, lim Limits) (*Reader, error) {
	if lim.MaxRecordBytes <= 0 {
		lim.MaxRecordBytes = 1 << 20
	}
	r := &Reader{file: file, schema: s, limits: lim}
	tooLarge := r.fileError(0, "csv.too_large", "the file is larger than {{.Max}} MiB; split it into smaller files",
		map[string]any{"Max": lim.MaxBytes >> 20})
	rs, err := seekable(src, lim.MaxBytes)
	if errors.Is(err, errTooLarge) {
		return nil, tooLarge
	} else if err != nil {
		return nil, err
	}
	sn, err := sniffFile(rs, lim.MaxBytes)
	if err != nil {
		return nil, err
	}
	if sn.size > lim.MaxBytes {
		return nil, tooLarge
	}
	win1250, err := r.encoding(sn)
	if err != nil {
		return nil, err
	}
	if sn.commas == 0 && sn.semis == 0 && sn.tabs > 0 {
		return nil, r.fileError(1, "csv.tabs", "the columns are separated by tabs; separate them with , or ;", nil)
	}
	if _, err := rs.Seek(int64(sn.boms*len(bom)), io.SeekStart); err != nil {
		return nil, err
	}
	var text io.Reader = rs
	if win1250 {
		text = transform.NewReader(text, charmap.Windows1250.NewDecoder())
	}
	if sn.crOnly() { // Excel's "CSV (Macintosh)" ends lines with CR alone
		text = crToLF{text}
	}
	r.limit = &recordLimit{r: text, max: lim.MaxRecordBytes}
	r.cr = csv.NewReader(r.limit)
	r.cr.Comma = ','
	if sn.semis > sn.commas {
		r.cr.Comma = ';'
	}
	r.cr.FieldsPerRecord = -1    // a wrong field count is reported per row, in our words
	r.cr.TrimLeadingSpace = true // `a, "b, c"` is a quoted value after a space; cells are trimmed anyway
	r.cr.ReuseRecord = true
	if err := r.header(); err != nil {
		return nil, err
	}
	r.row = Row{r: r, cells: make([]string, len(s.Columns))}
	return r, nil
}

var errTooLarge = errors.New("too large")

// seekable returns src as something read twice: a regular file or an
// in-memory reader as it is, anything else (a pipe) read into memory.
func seekable(src io.Reader, limit int64) (io.ReadSeeker, error) {
	if st, ok := src.(interface{ Stat() (fs.FileInfo, error) }); ok {
		fi, err := st.Stat()
		if err == nil && fi.Mode().IsRegular() {
			if fi.Size() > limit {
				return nil, errTooLarge
			}
			if rs, ok := src.(io.ReadSeeker); ok {
				return rs, nil
			}
		}
	} else if rs, ok := src.(io.ReadSeeker); ok {
		return rs, nil
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(src, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, errTooLarge
	}
	return bytes.NewReader(buf.Bytes()), nil
}

// encoding decides how the file is written: UTF-8 (with or without marks),
// or what Polish Excel writes, Windows-1250 (win1250); anything else is
// refused with what to save it as.
func (r *Reader) encoding(sn *sniff) (win1250 bool, err error) {
	h := sn.start
	switch {
	case h[0] == 0xFF && h[1] == 0xFE && h[2] == 0 && h[3] == 0 || h[0] == 0 && h[1] == 0 && h[2] == 0xFE && h[3] == 0xFF:
		return false, r.fileError(1, "csv.utf32", "the file is UTF-32 text; save it as CSV (UTF-8) or CSV (semicolon-separated)", nil)
	case h[0] == 0xFF && h[1] == 0xFE || h[0] == 0xFE && h[1] == 0xFF:
		return false, r.fileError(1, "csv.utf16", "the file is UTF-16 text; save it as CSV (UTF-8) or CSV (semicolon-separated)", nil)
	case bytes.Equal(h[:], []byte("PK\x03\x04")):
		return false, r.fileError(1, "csv.xlsx", "this is a spreadsheet or zip file, not CSV; save it as CSV (UTF-8) first", nil)
	case sn.nulLine > 0:
		return false, r.fileError(sn.nulLine, "csv.binary", "the file is not text (it contains NUL bytes)", nil)
	}
	valid := sn.badLineLF == 0
	switch {
	case sn.boms > 0 && !valid:
		return false, r.fileError(sn.badLine(), "csv.bad_utf8",
			"the file says it is UTF-8 but this line is not; save it again as CSV (UTF-8)", nil)
	case sn.boms > 0:
		return false, nil
	case valid && !(sn.high && sn.allPolish):
		// Valid UTF-8, unless every letter of it is a Polish letter in
		// Windows-1250: "PÓŁNOC" is D3 A3 in the middle, which UTF-8 reads as
		// one Cyrillic letter. Real UTF-8 Polish never passes (ł is C5 82, and
		// C5 is Ĺ), and UTF-8 of other scripts would need every byte of every
		// letter to fall in that set.
		return false, nil
	case !valid && sn.sure:
		// Letters only UTF-8 writes that way, and a byte UTF-8 cannot have: a
		// UTF-8 file with a stray byte, which read as Windows-1250 would turn
		// every letter of it into two wrong ones.
		return false, r.fileError(sn.badLine(), "csv.stray_byte",
			"this line has a byte that is not UTF-8 (0x{{.Byte}}) while the rest of the file is UTF-8; correct it or save the file again as CSV (UTF-8)",
			map[string]any{"Byte": fmt.Sprintf("%02X", sn.badByte)})
	}
	return true, nil
}

const bom = "\xEF\xBB\xBF"

// polish1250 marks the bytes that are Polish letters in Windows-1250.
var polish1250 = func() (set [256]bool) {
	for _, b := range []byte{0xA5, 0xC6, 0xCA, 0xA3, 0xD1, 0xD3, 0x8C, 0x8F, 0xAF, // Ą Ć Ę Ł Ń Ó Ś Ź Ż
		0xB9, 0xE6, 0xEA, 0xB3, 0xF1, 0xF3, 0x9C, 0x9F, 0xBF} { // ą ć ę ł ń ó ś ź ż
		set[b] = true
	}
	return set
}()

// read reads the next record, and notes where it ended: where a record that
// runs on too long begins.
func (r *Reader) read() ([]string, error) {
	rec, err := r.cr.Read()
	if err == nil {
		r.limit.mark = r.cr.InputOffset()
		last, _ := r.cr.FieldPos(len(rec) - 1)
		r.nextLine = last + lineEnds(rec[len(rec)-1]) + 1
	}
	return rec, err
}

// readError words a failure to read the file: a row that runs on past
// MaxRecordBytes, or the system's error.
func (r *Reader) readError(err error) RowError {
	if errors.Is(err, errRecordTooLong) {
		size := fmt.Sprintf("%d KiB", r.limits.MaxRecordBytes>>10)
		if r.limits.MaxRecordBytes >= 1<<20 {
			size = fmt.Sprintf("%d MiB", r.limits.MaxRecordBytes>>20)
		}
		return r.errAt(max(1, r.nextLine), "", "csv.row_too_long",
			"this row runs on for more than {{.Max}}: this is not a CSV file of the contract, or a quotation mark is left open",
			map[string]any{"Max": size})
	}
	return r.errAt(0, "", "csv.read", "{{.Err}}", map[string]any{"Err": err.Error()})
}

// header maps the header's cells to schema columns, reporting every unknown,
// repeated or missing column at once.
func (r *Reader) header() error {
	rec, err := r.read()
	if err == io.EOF {
		return r.fileError(1, "csv.empty", "the file is empty; the first line must name the columns ({{.Columns}})",
			map[string]any{"Columns": r.schema.describe()})
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return Errors{r.parseError(pe)}
		}
		if errors.Is(err, errRecordTooLong) {
			return Errors{r.readError(err)}
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
		rec, err := r.read()
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
			r.errs = append(r.errs, r.readError(err))
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
		if c, ok := domain.ControlChar(row.cells[j], r.schema.Columns[j].Multiline); ok {
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
