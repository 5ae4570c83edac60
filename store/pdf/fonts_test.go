package pdf

import (
	"bytes"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"kontor/assets"
)

// TestStatementFont: the cut font is a whole TrueType font gofpdf loads
// again, with the glyphs of Polish, German, French, Cyrillic and Greek text
// at the widths of the full font, in a third of its size.
func TestStatementFont(t *testing.T) {
	regular, err := statementFont()
	if err != nil {
		t.Fatal(err)
	}
	full := newDocument(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), "full")
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("cut", "", regular)
	if err := f.Error(); err != nil {
		t.Fatal(err)
	}
	f.SetFont("cut", "", 10)
	full.SetFont(fontFamily, "", 10)
	for _, s := range []string{"Zażółć gęślą jaźń ĄĘŁÓŚŻŹĆŃ", "Müller Söhne Café Garçon Ä Ö Ü", "Łódź — „Gęś” … 1 234,56 zł €",
		"Москва Київ", "Ελλάδα", "\uFFFD"} {
		if w, want := f.GetStringWidth(s), full.GetStringWidth(s); w != want || w == 0 {
			t.Errorf("%q in the cut font is %.3f mm wide, in the full font %.3f", s, w, want)
		}
	}
	if len(regular) > len(assets.DejaVuSans)/3 || !bytes.HasPrefix(regular, []byte{0, 1, 0, 0}) {
		t.Errorf("the cut font: %d bytes, starts %x", len(regular), regular[:4])
	}
}

// TestFauxBold: without a bold face, bold text is stroked (render mode 2)
// with a pen in proportion to the size, and the next regular text is not.
func TestFauxBold(t *testing.T) {
	regular, err := statementFont()
	if err != nil {
		t.Fatal(err)
	}
	f := newDocumentWith(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), "t", regular, nil)
	f.SetCompression(false)
	f.AddPage()
	setFont(f, "B", 10)
	f.CellFormat(50, 5, "Saldo", "", 1, "L", false, 0, "")
	setFont(f, "", 10)
	f.CellFormat(50, 5, "zwykły", "", 1, "L", false, 0, "")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	bold, plain := bytes.Index(b.Bytes(), []byte("2 Tr")), bytes.Index(b.Bytes(), []byte("0 Tr"))
	if bold < 0 || plain < bold || !bytes.Contains(b.Bytes(), []byte("0.60 w")) {
		t.Errorf("no stroked bold, then plain text, in:\n%.600s", page)
	}
	// A document with a real bold face uses it and strokes nothing.
	g := newDocument(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), "t")
	g.SetCompression(false)
	g.AddPage()
	setFont(g, "B", 10)
	g.CellFormat(50, 5, "Saldo", "", 1, "L", false, 0, "")
	b.Reset()
	if err := g.Output(&b); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte(" Tr")) || !bytes.Contains(b.Bytes(), []byte("/BaseFont /utf8dejavuB")) {
		t.Error("a document with a bold face does not use it")
	}
}
