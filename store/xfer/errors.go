package xfer

import (
	"fmt"
	"sort"
	"strings"

	"kontor/domain"
)

// RowError is one problem in a transfer file. Line is the line the record
// starts on (1 is the header; 0 for a problem with the whole file); Column is
// the column at fault, "" for the whole row. Err keeps the translation key and
// arguments so a UI can show it in the user's language.
type RowError struct {
	File   string
	Line   int
	Column string
	Err    domain.FieldError
}

// Error renders the problem in English as FILE:LINE: column: message.
func (e RowError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Column != "" {
		b.WriteString(": ")
		b.WriteString(e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Errors lists every problem found in a file; a non-empty Errors means nothing
// was imported.
type Errors []RowError

// Error renders one problem per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// As lets errors.As (and so domain.ErrorCode) see a bad file as an EInvalid
// domain error that summarises it, so callers map it to "the user can fix this".
func (es Errors) As(target any) bool {
	t, ok := target.(**domain.Error)
	if !ok || len(es) == 0 {
		return false
	}
	*t = es.Summary()
	return true
}

// Summary is a one-sentence account of the problems, for a status line.
func (es Errors) Summary() *domain.Error {
	file := ""
	if len(es) > 0 {
		file = es[0].File
	}
	return domain.Errorf(domain.EInvalid, "import.rejected",
		"{{.File}}: {{.Count}} {{if eq .Count 1}}problem{{else}}problems{{end}} found; nothing was imported", map[string]any{"File": file, "Count": len(es)})
}

// Sort orders the problems by line, keeping the order within a line; those of
// the whole file (line 0) go last.
func (es Errors) Sort() {
	rank := func(l int) int {
		if l == 0 {
			return int(^uint(0) >> 1)
		}
		return l
	}
	sort.SliceStable(es, func(i, j int) bool { return rank(es[i].Line) < rank(es[j].Line) })
}

// fieldError turns err into the FieldError of column: a domain error keeps its
// key and arguments, anything else its text.
func fieldError(column string, err error) domain.FieldError {
	if e, ok := domain.AsError(err); ok {
		if len(e.Fields) == 1 {
			f := e.Fields[0]
			f.Field = column
			return f
		}
		return domain.FieldError{Field: column, Key: e.Key, Msg: e.Msg, Args: e.Args}
	}
	return domain.FieldError{Field: column, Key: "invalid.value", Msg: err.Error()}
}

// problem builds a FieldError from a key and an English template.
func problem(column, key, msg string, args map[string]any) domain.FieldError {
	return domain.FieldError{Field: column, Key: key, Msg: msg, Args: args}
}

// Tidy orders the problems by line, then by column in schema order (whole-row
// problems first in their line, whole-file ones last), and drops repeats of a
// column's problem on one line: a row checked both when read and against the
// database reports an empty name once.
func (es Errors) Tidy(s Schema) Errors {
	rank := func(e RowError) (int, int) {
		line := e.Line
		if line == 0 {
			line = int(^uint(0) >> 1)
		}
		return line, s.index(e.Column) // -1 for the whole row
	}
	sort.SliceStable(es, func(i, j int) bool {
		li, ci := rank(es[i])
		lj, cj := rank(es[j])
		return li < lj || li == lj && ci < cj
	})
	out := es[:0]
	for i, e := range es {
		if i > 0 && e.Column != "" && e.Line == es[i-1].Line && e.Column == es[i-1].Column {
			continue
		}
		out = append(out, e)
	}
	return out
}
