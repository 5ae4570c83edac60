package xfer

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var writerRows = [][]string{
	{"K1", "Hurtownia Łódź, \"Sp. z o.o.\"", "1234.50", "", ""},
	{"=1+1", "+48 600", "-12.50", "@x", "-"},
	{"K3", "line one\nline two", "", "'=y", "\tz"},
}

func write(t *testing.T, f Format, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := NewWriter(f, &b, testSchema)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCSVWriter(t *testing.T) {
	got := string(write(t, CSV, writerRows))
	want := "code,name,amount,on,done\n" +
		"K1,\"Hurtownia Łódź, \"\"Sp. z o.o.\"\"\",1234.50,,\n" +
		"'=1+1,'+48 600,-12.50,'@x,'-\n" +
		"K3,\"line one\nline two\",,''=y,'\tz\n"
	if got != want {
		t.Errorf("csv =\n%s\nwant\n%s", got, want)
	}
	if strings.HasPrefix(got, "\xEF\xBB\xBF") {
		t.Error("export must not start with a BOM")
	}
}

// TestCSVRoundTrip reads an export back: every cell arrives as written,
// neutralised ones included.
func TestCSVRoundTrip(t *testing.T) {
	rd, err := NewReader("x.csv", bytes.NewReader(write(t, CSV, writerRows)), testSchema)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for rd.Next() {
		for j, c := range testSchema.Columns {
			want := strings.TrimSpace(writerRows[i][j])
			if got := rd.Row().Text(c.Name); got != want {
				t.Errorf("row %d %s = %q, want %q", i, c.Name, got, want)
			}
		}
		i++
	}
	if err := rd.Err(); err != nil || i != len(writerRows) {
		t.Fatalf("%d rows, err %v", i, err)
	}
}

// sheet is the part of SpreadsheetML the test reads back.
type sheet struct {
	Rows []struct {
		R     int `xml:"r,attr"`
		Cells []struct {
			Ref   string `xml:"r,attr"`
			Type  string `xml:"t,attr"`
			Style string `xml:"s,attr"`
			Value string `xml:"v"`
			Text  string `xml:"is>t"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
}

func TestXLSXStructure(t *testing.T) {
	data := write(t, XLSX, writerRows)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = b
		var any struct{}
		if err := xml.Unmarshal(b, &any); err != nil {
			t.Errorf("%s is not well-formed XML: %v", f.Name, err)
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
		"xl/styles.xml", "xl/worksheets/sheet1.xml"} {
		if parts[name] == nil {
			t.Errorf("missing part %s", name)
		}
	}
	if !bytes.Contains(parts["xl/workbook.xml"], []byte(`<sheet name="things"`)) {
		t.Errorf("workbook = %s", parts["xl/workbook.xml"])
	}
	var s sheet
	if err := xml.Unmarshal(parts["xl/worksheets/sheet1.xml"], &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != 4 {
		t.Fatalf("%d rows", len(s.Rows))
	}
	cell := func(row int, ref string) (typ, style, value string) {
		for _, c := range s.Rows[row].Cells {
			if c.Ref == ref {
				if c.Type == "inlineStr" {
					return c.Type, c.Style, c.Text
				}
				return c.Type, c.Style, c.Value
			}
		}
		return "", "", "<absent>"
	}
	checks := []struct {
		row                  int
		ref, typ, style, val string
	}{
		{0, "A1", "inlineStr", "1", "code"},
		{0, "C1", "inlineStr", "1", "amount"},
		{1, "B2", "inlineStr", "", "Hurtownia Łódź, \"Sp. z o.o.\""},
		{1, "C2", "", "2", "1234.50"}, // an amount is a number cell with the #,##0.00 style
		{1, "D2", "", "", "<absent>"},
		// In a workbook the guard against formulas is the cell's type: a string
		// cell is text whatever it starts with, so the text is written as it is
		// (every phone read "'+48 …").
		{2, "A3", "inlineStr", "", "=1+1"},
		{2, "B3", "inlineStr", "", "+48 600"},
		{2, "C3", "", "2", "-12.50"},
		{2, "D3", "inlineStr", "", "@x"},
		{3, "B4", "inlineStr", "", "line one\nline two"},
		{3, "D4", "inlineStr", "", "'=y"},
		{3, "E4", "inlineStr", "", "\tz"},
	}
	for _, c := range checks {
		typ, style, val := cell(c.row, c.ref)
		if typ != c.typ || style != c.style || val != c.val {
			t.Errorf("%s = (%q, s=%q, %q), want (%q, s=%q, %q)", c.ref, typ, style, val, c.typ, c.style, c.val)
		}
	}
	// xmllint, where installed, checks every part the way other tools will parse it.
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		dir := t.TempDir()
		for name, b := range parts {
			p := filepath.Join(dir, strings.NewReplacer("/", "_", "[", "", "]", "").Replace(name))
			os.WriteFile(p, b, 0o600)
			if out, err := exec.Command(xmllint, "--noout", p).CombinedOutput(); err != nil {
				t.Errorf("xmllint %s: %v\n%s", name, err, out)
			}
		}
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := columnName(i); got != want {
			t.Errorf("columnName(%d) = %s, want %s", i, got, want)
		}
	}
}

// TestXLSXOpensInLibreOffice converts an export back to CSV with LibreOffice:
// the proof a spreadsheet program reads it. Slow (seconds), so only on request.
func TestXLSXOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil || os.Getenv("KONTOR_TEST_LIBREOFFICE") == "" {
		t.Skip("set KONTOR_TEST_LIBREOFFICE=1 with LibreOffice installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "things.xlsx")
	if err := os.WriteFile(in, write(t, XLSX, writerRows), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "things.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if len(recs) != 4 || recs[1][1] != "Hurtownia Łódź, \"Sp. z o.o.\"" || recs[2][0] != "'=1+1" || recs[3][1] != "line one\nline two" {
		t.Errorf("LibreOffice read:\n%s", b)
	}
}
