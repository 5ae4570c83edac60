package pdf_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"strings"
	"testing"
	"unicode/utf16"
)

// pdfPages returns the text each page draws, one string per text operation
// (a cell), read straight from gofpdf's content streams: no pdftotext needed,
// so these checks run everywhere. gofpdf writes each page's content stream
// right after the page, before any font, and writes UTF-8 text as escaped
// UTF-16BE strings shown with Tj.
func pdfPages(t *testing.T, doc []byte) [][]string {
	t.Helper()
	var pages [][]string
	rest := doc
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			t.Fatal("a stream without its end")
		}
		raw := rest[:j]
		rest = rest[j+len("\nendstream"):]
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			continue // not compressed: no page content in gofpdf's output
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("a stream does not inflate: %v", err)
		}
		if !bytes.Contains(content, []byte(")Tj ET")) {
			continue // fonts, their maps, images
		}
		pages = append(pages, tjStrings(t, content))
	}
	return pages
}

// pdfCells is every page's cells in one list.
func pdfCells(t *testing.T, doc []byte) []string {
	var all []string
	for _, p := range pdfPages(t, doc) {
		all = append(all, p...)
	}
	if len(all) == 0 {
		t.Fatal("no text in the PDF")
	}
	return all
}

// tjStrings decodes the "(…)Tj" strings of a content stream.
func tjStrings(t *testing.T, content []byte) []string {
	var out []string
	for {
		i := bytes.Index(content, []byte(" Td ("))
		if i < 0 {
			return out
		}
		content = content[i+len(" Td ("):]
		var b []byte
		k := 0
		for ; k < len(content) && content[k] != ')'; k++ {
			if content[k] == '\\' && k+1 < len(content) {
				k++
				if content[k] == 'r' {
					b = append(b, '\r')
					continue
				}
			}
			b = append(b, content[k])
		}
		if len(b)%2 != 0 {
			t.Fatalf("a text string of odd length: %q", b)
		}
		u := make([]uint16, len(b)/2)
		for n := range u {
			u[n] = uint16(b[2*n])<<8 | uint16(b[2*n+1])
		}
		// Polish numbers group thousands with no-break spaces; tests write plain ones.
		out = append(out, strings.ReplaceAll(string(utf16.Decode(u)), "\u00a0", " "))
		content = content[k:]
	}
}
