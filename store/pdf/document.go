// Package pdf renders Kontor's printed documents (customer price sheets now;
// statements, quotes and invoices later) with gofpdf and an embedded DejaVu
// Sans, so that Polish letters print. It imports no Fyne and no database: it
// draws domain values, so kontorctl and the app produce the same bytes.
//
// Output is byte-identical for the same input: the creation date is given by
// the caller, the PDF catalog is written in sorted order, and nothing depends
// on the clock or on map order.
package pdf

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"

	"kontor/assets"
	"kontor/domain"
)

// Options shape a document.
type Options struct {
	Locale domain.Locale // labels, numbers and dates: pl (default) or en
	// Created is written as the PDF's creation and modification date. Zero
	// means midnight UTC of the document's date, so output stays reproducible.
	Created time.Time
}

const (
	fontFamily = "DejaVu"
	margin     = 12.0 // mm, all sides
)

// newDocument returns an A4 portrait document in millimetres with the UTF-8
// fonts loaded and the reproducibility settings applied.
func newDocument(created time.Time, title string) *gofpdf.Fpdf {
	return newDocumentWith(created, title, assets.DejaVuSans, assets.DejaVuSansBold)
}

// newDocumentWith is newDocument with the regular and bold font files given;
// without a bold file, setFont draws bold by stroking the regular glyphs.
func newDocumentWith(created time.Time, title string, regular, bold []byte) *gofpdf.Fpdf {
	f := gofpdf.New("P", "mm", "A4", "")
	// Each document gets its own copy of the font files: gofpdf pads table
	// slices of them in place while subsetting (utf8FontFile.generateChecksum
	// appends into the shared array), a data race when documents are drawn
	// at once, as a statement batch does.
	f.AddUTF8FontFromBytes(fontFamily, "", bytes.Clone(regular))
	if bold != nil { // nil: bold is drawn from the regular face (setFont)
		f.AddUTF8FontFromBytes(fontFamily, "B", bytes.Clone(bold))
	}
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(true, margin+6) // room for the footer
	f.SetCatalogSort(true)
	f.SetCreationDate(created.UTC())
	f.SetModificationDate(created.UTC())
	f.SetProducer("Kontor", true)
	f.SetCreator("Kontor", true)
	f.SetTitle(clean(title), true)
	f.AliasNbPages("{nb}")
	return f
}

// clean makes text printable: a rune above U+FFFF (an emoji) would make gofpdf
// fail the whole document, and control characters print as boxes. Both become
// U+FFFD or a space.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r > 0xFFFF:
			return '\uFFFD'
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// letterhead prints the seller's block at the top left, under the logo when
// the settings name one, and returns the y below it.
func letterhead(f *gofpdf.Fpdf, c domain.CompanySettings, l labels) float64 {
	f.SetXY(margin, margin)
	if c.Logo != "" {
		logo(f, c.Logo)
	}
	setFont(f, "B", 11)
	name := c.Name
	if name == "" {
		name = l.noCompany
	}
	f.CellFormat(110, 5, clean(name), "", 2, "L", false, 0, "")
	setFont(f, "", 8)
	var lines []string
	if c.Street != "" {
		lines = append(lines, c.Street)
	}
	if city := strings.TrimSpace(c.PostalCode + " " + c.City); city != "" {
		if c.Country != "" && c.Country != "PL" {
			city += ", " + c.Country
		}
		lines = append(lines, city)
	}
	if c.TaxID != "" {
		lines = append(lines, l.taxID+": "+formatTaxID(c.TaxID, c.Country))
	}
	if c.BankAccount != "" {
		bank := l.bank + ": " + domain.FormatIBAN(c.BankAccount)
		if c.BankName != "" {
			bank += " (" + c.BankName + ")"
		}
		lines = append(lines, bank)
	}
	var contact []string
	for _, s := range []string{c.Phone, c.Email} {
		if s != "" {
			contact = append(contact, s)
		}
	}
	if len(contact) > 0 {
		lines = append(lines, strings.Join(contact, " · "))
	}
	for _, s := range lines {
		f.CellFormat(110, 3.8, clean(s), "", 2, "L", false, 0, "")
	}
	return f.GetY()
}

// Logo box in mm: wide logos are held by the width, tall ones by the height.
const logoW, logoH = 50.0, 16.0

// logo draws the image at path at the current position and moves below it. A
// logo that cannot be read fails the document with a message naming the file:
// printing without it would hand a buyer a letterhead the seller did not choose.
func logo(f *gofpdf.Fpdf, path string) {
	data, err := os.ReadFile(path)
	typ := imageType(data)
	if err == nil && typ == "" {
		err = errors.New("not a PNG or JPEG image")
	}
	var info *gofpdf.ImageInfoType
	if err == nil {
		info = f.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: typ}, bytes.NewReader(data))
		if f.Err() { // 16-bit or interlaced PNGs, for one, are beyond gofpdf
			err = f.Error()
			f.ClearError()
		}
	}
	if err != nil {
		f.SetError(domain.Errorf(domain.EInvalid, "company.logo_unreadable",
			"the logo {{.Path}} in the company settings cannot be printed: {{.Reason}}",
			map[string]any{"Path": path, "Reason": err.Error()}))
		return
	}
	w, h := logoW, logoW*info.Height()/info.Width()
	if h > logoH {
		w, h = logoH*info.Width()/info.Height(), logoH
	}
	x, y := f.GetXY()
	f.ImageOptions("logo", x, y, w, h, false, gofpdf.ImageOptions{ImageType: typ}, 0, "")
	f.SetXY(x, y+h+2)
}

// imageType names the image format from its first bytes, not its file name.
func imageType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "JPG"
	}
	return ""
}

// accountLines are the lines under a buyer's name: its code, billing address
// (the country only when it is not Poland) and tax ID.
func accountLines(a *domain.Account, codeLabel, taxLabel string) []string {
	lines := []string{codeLabel + ": " + a.Code}
	if a.Street != "" {
		lines = append(lines, a.Street)
	}
	city := strings.TrimSpace(a.PostalCode + " " + a.City)
	if a.Country != "" && a.Country != "PL" {
		city = strings.TrimLeft(city+", "+a.Country, ", ")
	}
	if city != "" {
		lines = append(lines, city)
	}
	if a.TaxID != "" {
		lines = append(lines, taxLabel+": "+formatTaxID(a.TaxID, a.Country))
	}
	return lines
}

// formatTaxID prints a Polish NIP as 526-000-12-46; others as stored.
func formatTaxID(id, country string) string {
	if (country == "" || country == "PL") && len(id) == 10 {
		return domain.FormatNIP(id)
	}
	return id
}

// fit shortens s with an ellipsis until it fits w millimetres in the current font.
func fit(f *gofpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// fauxBoldStroke is the outline width of drawn bold per point of font size,
// in mm: 6 % of the size, close to the weight of DejaVu Sans Bold.
const fauxBoldStroke = 0.06 / 2.835

// setFont sets the style ("" or "B") and size. A document that embeds no bold
// font (a statement: fonts.go says why) gets bold as the regular glyphs
// filled and outlined in the text colour, the synthetic bold PDF viewers and
// word processors draw; every later setFont ends it.
func setFont(f *gofpdf.Fpdf, style string, size float64) {
	if f.GetFontDesc(fontFamily, "B").Ascent != 0 { // a real bold face
		f.SetFont(fontFamily, style, size)
		return
	}
	f.SetFont(fontFamily, "", size)
	if style == "B" {
		f.SetDrawColor(f.GetTextColor())
		f.SetLineWidth(size * fauxBoldStroke)
		f.SetTextRenderingMode(2) // fill, then stroke
		return
	}
	f.SetTextRenderingMode(0)
	f.SetLineWidth(0.2)
	f.SetDrawColor(0, 0, 0)
}
