package xwidget

import (
	"math"
	"slices"
	"time"

	"kontor/domain"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Columns lays objects out side by side in fixed widths, the flex column
// taking what is left, so a list's header and every row line up. Columns
// right of the flex one are dropped from the right while they do not fit, so a
// narrow list stays readable.
//
// Identifiers (codes, numbers, dates) and amounts are never cut: Row gives
// their columns labels that ask for their whole text, and the screen widens
// such a column with Fit to the texts it shows (the copies of a Columns share
// their widths, so the header and every row follow). A name may be cut; the
// window's Tips show it whole on hover.
type Columns struct {
	Widths []float32 // one per object; the flex column's entry is its minimum
	Flex   int
	Whole  []int // the columns never cut, besides those Row aligns right
	// Keep is how many columns from the left are never dropped, when more
	// than those through the flex one: a list that must show them all sits
	// in a horizontal scroller on a narrow window.
	Keep int
}

// kept is how many columns from the left are never dropped.
func (c Columns) kept() int { return max(c.Flex+1, c.Keep) }

// Fit widens column col to show each of texts whole, in the list's text
// size (bold when bold), and reports whether it widened.
func (c Columns) Fit(col int, bold bool, texts ...string) bool {
	return c.FitSized(col, theme.TextSize(), fyne.TextStyle{Bold: bold}, texts...)
}

// FitSized is Fit for texts written in size and style (a totals row in
// smaller type).
func (c Columns) FitSized(col int, size float32, style fyne.TextStyle, texts ...string) bool {
	if col < 0 || col >= len(c.Widths) {
		return false
	}
	pad := 2 * theme.InnerPadding()
	grew := false
	for _, t := range texts {
		if t == "" {
			continue
		}
		if w := fyne.MeasureText(t, size, style).Width + pad; w > c.Widths[col] {
			c.Widths[col] = float32(math.Ceil(float64(w)))
			grew = true
		}
	}
	return grew
}

// Kept reports whether column i is never cut: it is in Whole or in right,
// the columns of figures.
func (c Columns) Kept(i int, right []int) bool { return c.whole(i, right) }

func (c Columns) whole(i int, right []int) bool {
	return slices.Contains(c.Whole, i) || slices.Contains(right, i)
}

// Layout places the objects that fit and hides the rest.
func (c Columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := theme.Padding()
	shown := len(objs)
	for shown > c.kept() && c.width(shown, gap) > size.Width {
		shown--
	}
	x := float32(0)
	for i, o := range objs {
		if i >= shown {
			if o.Visible() {
				o.Hide()
			}
			continue
		}
		if !o.Visible() {
			o.Show()
		}
		w := c.Widths[i]
		if i == c.Flex {
			w = max(size.Width-(c.width(shown, gap)-c.Widths[i]), c.Widths[i])
		}
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w + gap
	}
}

func (c Columns) width(n int, gap float32) float32 {
	w := gap * float32(n-1)
	for i := range n {
		w += c.Widths[i]
	}
	return w
}

// MinSize asks only for the columns that are never dropped.
func (c Columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(c.width(min(c.kept(), len(objs)), theme.Padding()), h)
}

// Header is a row of bold column titles; the columns in right are aligned
// to the right, as their numbers are. A column never cut is made as wide as
// its title.
func (c Columns) Header(titles []string, right ...int) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(titles))
	for i, t := range titles {
		l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		if c.whole(i, right) {
			c.Fit(i, true, t)
		}
		objs[i] = l
	}
	for _, i := range right {
		objs[i].(*widget.Label).Alignment = fyne.TextAlignTrailing
	}
	return container.New(c, objs...)
}

// Row is the template of one list row: a label per column, cut short with
// an ellipsis where a name is too long; the columns in right (numbers,
// aligned right) and Whole are never cut.
func (c Columns) Row(right ...int) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(c.Widths))
	for i := range objs {
		l := widget.NewLabel("")
		if !c.whole(i, right) {
			l.Truncation = fyne.TextTruncateEllipsis
		}
		objs[i] = l
	}
	for _, i := range right {
		objs[i].(*widget.Label).Alignment = fyne.TextAlignTrailing
	}
	return container.New(c, objs...)
}

// SetRow writes texts into a row made by Row.
func SetRow(row fyne.CanvasObject, texts ...string) {
	for i, o := range row.(*fyne.Container).Objects {
		t := ""
		if i < len(texts) {
			t = texts[i]
		}
		o.(*widget.Label).SetText(t)
	}
}

// RowTexts reads a row made by Row back, one text per column (for tests).
func RowTexts(row fyne.CanvasObject) []string {
	var out []string
	for _, o := range row.(*fyne.Container).Objects {
		out = append(out, o.(*widget.Label).Text)
	}
	return out
}

// FitDates widens column col to show any date of the year whole in loc's form.
func (c Columns) FitDates(col int, loc domain.Locale) bool {
	var texts []string
	for m := time.January; m <= time.December; m++ {
		texts = append(texts, loc.FormatDate(domain.NewDate(2026, m, 28)))
	}
	return c.Fit(col, false, texts...)
}

// FitRow widens every column never cut (Whole, or in right) to the row's
// text in it, and reports whether one widened.
func (c Columns) FitRow(right []int, texts ...string) bool {
	grew := false
	for i, t := range texts {
		if c.whole(i, right) && c.Fit(i, false, t) {
			grew = true
		}
	}
	return grew
}
