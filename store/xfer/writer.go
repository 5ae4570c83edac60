package xfer

import (
	"encoding/csv"
	"fmt"
	"io"
)

// Format is an export file format.
type Format string

// Export formats.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case CSV, XLSX:
		return Format(s), nil
	}
	return "", fmt.Errorf("unknown format %q: csv or xlsx", s)
}

// Writer writes the rows of one Schema, header first. The output is complete
// only when Close returns nil.
type Writer interface {
	Write(cells []string) error
	Close() error
}

// NewWriter starts an export of s in format to w and writes the header.
func NewWriter(format Format, w io.Writer, s Schema) (Writer, error) {
	switch format {
	case CSV:
		return newCSVWriter(w, s)
	case XLSX:
		return newXLSXWriter(w, s)
	}
	return nil, fmt.Errorf("unknown format %q", format)
}

// csvWriter writes the contract's machine form: UTF-8 without BOM, comma
// delimiter, cells as the domain writes them ('.' decimals, ISO dates), so an
// export re-imports unchanged.
type csvWriter struct {
	w    *csv.Writer
	cols int
	buf  []string
}

func newCSVWriter(w io.Writer, s Schema) (*csvWriter, error) {
	cw := &csvWriter{w: csv.NewWriter(w), cols: len(s.Columns), buf: make([]string, len(s.Columns))}
	if err := cw.w.Write(s.Names()); err != nil {
		return nil, err
	}
	return cw, nil
}

func (cw *csvWriter) Write(cells []string) error {
	if len(cells) != cw.cols {
		return fmt.Errorf("xfer: %d cells for %d columns", len(cells), cw.cols)
	}
	for i, c := range cells {
		cw.buf[i] = Neutralise(c)
	}
	return cw.w.Write(cw.buf)
}

func (cw *csvWriter) Close() error {
	cw.w.Flush()
	return cw.w.Error()
}
