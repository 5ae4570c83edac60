package xfer

import (
	"strings"

	"github.com/shopspring/decimal"

	"kontor/domain"
)

// Row is one record of a file: its cells by column name, and helpers that parse
// a cell and record a problem against it, so a mapping reports every bad cell of
// every row without stopping.
type Row struct {
	Line  int // the line the record starts on
	r     *Reader
	cells []string // by schema column, trimmed; "" when empty or not in the file
	bad   bool
}

// Has reports whether the file has the column.
func (row *Row) Has(column string) bool { return row.r.Has(column) }

// Text returns the trimmed cell, "" when the column is empty or absent.
func (row *Row) Text(column string) string {
	j := row.r.schema.index(column)
	if j < 0 {
		panic("xfer: " + row.r.schema.Kind + " has no column " + column) // a bug in the mapping, not bad input
	}
	return row.cells[j]
}

// OK reports whether no problem was recorded for the row.
func (row *Row) OK() bool { return !row.bad }

// Fail records err against column ("" for the whole row).
func (row *Row) Fail(column string, err error) {
	row.bad = true
	row.r.errs = append(row.r.errs, RowError{File: row.r.file, Line: row.Line, Column: column, Err: fieldError(column, err)})
}

// Failf records a problem with a translation key and an English template.
func (row *Row) Failf(column, key, msg string, args map[string]any) {
	row.bad = true
	row.r.errs = append(row.r.errs, row.r.errAt(row.Line, column, key, msg, args))
}

// Decimal parses the cell as a number with at most places decimals, written
// 1234.56, 1234,56, "1 234,56" or with NBSP separators. An empty cell is zero
// and not ok, so callers can apply a default.
func (row *Row) Decimal(column string, places int) (d decimal.Decimal, ok bool) {
	v := row.Text(column)
	if v == "" {
		return decimal.Zero, false
	}
	d, err := domain.ParseDecimal(v, places)
	if err != nil {
		row.Fail(column, err)
		return decimal.Zero, false
	}
	return d, true
}

// Amount parses the cell as money (2 decimals); empty is zero and not ok.
func (row *Row) Amount(column string) (a domain.Amount, ok bool) {
	v := row.Text(column)
	if v == "" {
		return 0, false
	}
	a, err := domain.ParseAmount(v)
	if err != nil {
		row.Fail(column, err)
		return 0, false
	}
	return a, true
}

// Date parses YYYY-MM-DD or DD.MM.YYYY; empty is the zero Date and not ok.
func (row *Row) Date(column string) (d domain.Date, ok bool) {
	v := row.Text(column)
	if v == "" {
		return domain.Date{}, false
	}
	d, err := domain.ParseDate(v)
	if err != nil {
		row.Fail(column, err)
		return domain.Date{}, false
	}
	return d, true
}

// Bool parses true/false, 1/0, tak/nie or yes/no (any case); empty gives def.
func (row *Row) Bool(column string, def bool) bool {
	v := row.Text(column)
	if v == "" {
		return def
	}
	b, err := ParseBool(v)
	if err != nil {
		row.Fail(column, err)
		return def
	}
	return b
}

// ParseBool reads the boolean words a CSV file may use.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "tak", "yes", "t", "y":
		return true, nil
	case "false", "0", "nie", "no", "f", "n":
		return false, nil
	}
	return false, domain.Errorf(domain.EInvalid, "bool.invalid", "{{.Value}} is not true or false", map[string]any{"Value": s})
}
