package pdf

import (
	"bytes"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"kontor/assets"
)

// TestStatementFonts: the cut fonts are whole TrueType fonts gofpdf loads
// again, with the glyphs of Polish, German, French and Cyrillic text at the
// widths of the full font, in a third of its size.
func TestStatementFonts(t *testing.T) {
	regular, bold, err := statementFonts()
	if err != nil {
		t.Fatal(err)
	}
	full := newDocument(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), "full")
	for _, face := range []struct {
		style string
		ttf   []byte
	}{{"", regular}, {"B", bold}} {
		f := gofpdf.New("P", "mm", "A4", "")
		f.AddUTF8FontFromBytes("cut", "", face.ttf)
		if err := f.Error(); err != nil {
			t.Fatal(err)
		}
		f.SetFont("cut", "", 10)
		full.SetFont(fontFamily, face.style, 10)
		for _, s := range []string{"Zażółć gęślą jaźń ĄĘŁÓŚŻŹĆŃ", "Müller Söhne Café Garçon Ä Ö Ü", "Łódź — „Gęś” … 1 234,56 zł €",
			"Москва Київ", "Ελλάδα", "\uFFFD"} {
			if w, want := f.GetStringWidth(s), full.GetStringWidth(s); w != want || w == 0 {
				t.Errorf("%q in the cut %q face is %.3f mm wide, in the full font %.3f", s, face.style, w, want)
			}
		}
		if len(face.ttf) > len(assets.DejaVuSans)/3 || !bytes.HasPrefix(face.ttf, []byte{0, 1, 0, 0}) {
			t.Errorf("the cut %q face: %d bytes, starts %x", face.style, len(face.ttf), face.ttf[:4])
		}
	}
}
