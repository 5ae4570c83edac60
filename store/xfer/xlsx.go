package xfer

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The smallest workbook spreadsheet programs open without complaint: one sheet
// of inline strings (no shared-string table to build in memory, so rows stream
// straight into the zip), a style sheet for a bold header and grouped amounts,
// and the package's content types and relationships. Text is written in
// string cells, which spreadsheets never run as formulas, so it is written as
// it is: no apostrophe as in CSV, where a cell has no type.

const (
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg   = "http://schemas.openxmlformats.org/package/2006/relationships"
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// maxSheetRows is the row limit of a worksheet, header included.
const maxSheetRows = 1 << 20

var xlsxParts = []struct{ name, body string }{
	{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`</Types>`},
	{"_rels/.rels", `<Relationships xmlns="` + nsPkg + `">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>` +
		`</Relationships>`},
	{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="` + nsPkg + `">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + nsRel + `/styles" Target="styles.xml"/>` +
		`</Relationships>`},
	// Cell styles: 0 plain, 1 bold (header), 2 #,##0.00 (built-in format 4, amounts).
	{"xl/styles.xml", `<styleSheet xmlns="` + nsMain + `">` +
		`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
		`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
		`<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`</styleSheet>`},
}

type xlsxWriter struct {
	zw     *zip.Writer
	w      *bufio.Writer
	schema Schema
	rows   int
}

func newXLSXWriter(out io.Writer, s Schema) (*xlsxWriter, error) {
	zw := zip.NewWriter(out)
	for _, p := range xlsxParts {
		if err := writePart(zw, p.name, p.body); err != nil {
			return nil, err
		}
	}
	workbook := `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets><sheet name="` +
		escape(s.Kind) + `" sheetId="1" r:id="rId1"/></sheets></workbook>`
	if err := writePart(zw, "xl/workbook.xml", workbook); err != nil {
		return nil, err
	}
	sheet, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return nil, err
	}
	xw := &xlsxWriter{zw: zw, w: bufio.NewWriterSize(sheet, 64<<10), schema: s}
	// The header row stays in view while scrolling.
	xw.w.WriteString(xmlDecl + `<worksheet xmlns="` + nsMain + `"><sheetViews><sheetView workbookViewId="0">` +
		`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
		columnWidths(s) + `<sheetData>`)
	if err := xw.row(s.Names(), true); err != nil {
		return nil, err
	}
	return xw, nil
}

func writePart(zw *zip.Writer, name, body string) error {
	w, err := zw.Create(name)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, xmlDecl+body)
	return err
}

func (xw *xlsxWriter) Write(cells []string) error {
	if len(cells) != len(xw.schema.Columns) {
		return fmt.Errorf("xfer: %d cells for %d columns", len(cells), len(xw.schema.Columns))
	}
	if xw.rows >= maxSheetRows {
		return fmt.Errorf("more than %d rows do not fit in one worksheet; export as csv", maxSheetRows-1)
	}
	return xw.row(cells, false)
}

func (xw *xlsxWriter) row(cells []string, header bool) error {
	xw.rows++
	r := strconv.Itoa(xw.rows)
	w := xw.w
	w.WriteString(`<row r="` + r + `">`)
	for i, v := range cells {
		if v == "" {
			continue // an absent cell is an empty one
		}
		ref := columnName(i) + r
		typ := xw.schema.Columns[i].Type
		switch {
		case header:
			w.WriteString(`<c r="` + ref + `" s="1" t="inlineStr"><is><t>`)
			escapeTo(w, v)
			w.WriteString(`</t></is></c>`)
		case typ != Text && plainNumber(v):
			style := ""
			if typ == Amount {
				style = ` s="2"`
			}
			w.WriteString(`<c r="` + ref + `"` + style + `><v>` + v + `</v></c>`)
		default:
			w.WriteString(`<c r="` + ref + `" t="inlineStr"><is><t xml:space="preserve">`)
			escapeTo(w, v)
			w.WriteString(`</t></is></c>`)
		}
	}
	_, err := w.WriteString(`</row>`)
	return err
}

func (xw *xlsxWriter) Close() error {
	xw.w.WriteString(`</sheetData></worksheet>`)
	if err := xw.w.Flush(); err != nil {
		return err
	}
	return xw.zw.Close()
}

// columnWidths is the <cols> element of the columns given a width, or "".
func columnWidths(s Schema) string {
	var b strings.Builder
	for i, c := range s.Columns {
		if c.Width > 0 {
			n := strconv.Itoa(i + 1)
			b.WriteString(`<col min="` + n + `" max="` + n + `" width="` + strconv.Itoa(c.Width) + `" customWidth="1"/>`)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "<cols>" + b.String() + "</cols>"
}

// columnName is the spreadsheet name of column i (0 → A, 26 → AA).
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// plainNumber reports whether s is a number as the domain writes it: -1234.50.
func plainNumber(s string) bool {
	return s != "" && (negativeNumber(s) || negativeNumber("-"+s))
}

// escapeTo writes s as XML character data. Characters XML cannot carry (most
// control characters) become U+FFFD, as encoding/xml does.
func escapeTo(w *bufio.Writer, s string) { _ = xml.EscapeText(w, []byte(s)) }

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
