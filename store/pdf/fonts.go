package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/jung-kurt/gofpdf"

	"kontor/assets"
)

// Statements are printed by the ten thousand at month end, and gofpdf spends
// most of a small document on its fonts: it parses the whole TrueType file
// for every document (DejaVu Sans maps about 6,000 characters) and cuts it
// down to the characters used. Statements therefore use DejaVu cut, once per
// process, to the scripts business text is written in — Latin with every
// extension (Polish, German, French, Czech, Vietnamese …), Greek, Cyrillic —
// and the punctuation, currency and arrow signs: the same glyphs, a fraction
// of the work per document. A character outside these prints as nothing, as
// a character outside DejaVu does.
var statementRanges = [][2]rune{
	{0x0020, 0x024F}, // Basic Latin, Latin-1, Latin Extended-A and -B
	{0x0250, 0x036F}, // IPA, spacing modifiers, combining diacritics
	{0x0370, 0x03FF}, // Greek
	{0x0400, 0x052F}, // Cyrillic and its supplement
	{0x1E00, 0x1EFF}, // Latin Extended Additional
	{0x2000, 0x206F}, // General Punctuation: dashes, quotes „”, ellipsis, no-break spaces
	{0x20A0, 0x20CF}, // currency signs
	{0x2100, 0x215F}, // letterlike (№, ™) and fractions
	{0x2190, 0x21FF}, // arrows
	{0x2212, 0x2212}, // minus sign
	{0xFFFD, 0xFFFD}, // the replacement character clean() writes
}

var statementFontFile struct {
	once          sync.Once
	regular, bold []byte
	err           error
}

// statementFont returns the cut regular face.
func statementFont() ([]byte, error) {
	regular, _, err := statementFonts()
	return regular, err
}

// statementFonts returns the cut regular and bold faces. Statements,
// reminders and interest notes print their headings and totals in the real
// bold face, as quotes do: a bold drawn by stroking the regular glyphs looks
// smudged on paper. The bold face is cut to the same characters, so the
// second font costs a document little.
func statementFonts() (regular, bold []byte, err error) {
	sf := &statementFontFile
	sf.once.Do(func() {
		if sf.regular, sf.err = cutFont(assets.DejaVuSans); sf.err == nil {
			sf.bold, sf.err = cutFont(assets.DejaVuSansBold)
		}
	})
	return sf.regular, sf.bold, sf.err
}

// cutFont lets gofpdf do the cutting, with its own subsetter: it draws every
// character of statementRanges in a throwaway document and takes the font
// file that document embeds (FontFile2: a complete TrueType font with its
// own cmap, widths and glyphs).
func cutFont(ttf []byte) ([]byte, error) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("cut", "", bytes.Clone(ttf))
	f.AddPage()
	f.SetFont("cut", "", 10)
	var all []rune
	for _, r := range statementRanges {
		for c := r[0]; c <= r[1]; c++ {
			all = append(all, c)
		}
	}
	f.CellFormat(10, 5, string(all), "", 0, "L", false, 0, "")
	var doc bytes.Buffer
	if err := f.Output(&doc); err != nil {
		return nil, fmt.Errorf("cut font: %w", err)
	}
	return fontFile(doc.Bytes())
}

// fontFile returns the one embedded font file of a gofpdf document: the
// stream whose dictionary gives /Length1, the font's own length.
func fontFile(doc []byte) ([]byte, error) {
	i := bytes.Index(doc, []byte("/Length1 "))
	if i < 0 || bytes.Count(doc, []byte("/Length1 ")) != 1 {
		return nil, fmt.Errorf("cut font: not one embedded font file")
	}
	digits := doc[i+len("/Length1 "):]
	n := 0
	for n < len(digits) && digits[n] >= '0' && digits[n] <= '9' {
		n++
	}
	size, err := strconv.Atoi(string(digits[:n]))
	if err != nil {
		return nil, fmt.Errorf("cut font: %w", err)
	}
	start := bytes.Index(doc[i:], []byte("stream\n"))
	if start < 0 {
		return nil, fmt.Errorf("cut font: no stream")
	}
	zr, err := zlib.NewReader(bytes.NewReader(doc[i+start+len("stream\n"):]))
	if err != nil {
		return nil, fmt.Errorf("cut font: %w", err)
	}
	font, err := io.ReadAll(io.LimitReader(zr, int64(size)+1))
	if err != nil && len(font) < size {
		return nil, fmt.Errorf("cut font: %w", err)
	}
	if len(font) != size {
		return nil, fmt.Errorf("cut font: %d bytes, the document says %d", len(font), size)
	}
	return font, nil
}
