package accounts

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// columns lays objects out side by side in fixed widths, the flex column
// taking what is left, so the header and every row line up.
type columns struct {
	widths []float32 // one per object; the flex column's entry is its minimum
	flex   int
}

// The list's columns: code, name, last contact, city, tax ID, customer group, owner.
var listColumns = columns{widths: []float32{170, 160, 140, 115, 115, 110, 160}, flex: 1}

// Layout drops columns from the right (keeping code and name) until the rest
// fit, so a narrow list beside an open account stays readable.
func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := theme.Padding()
	shown := len(objs)
	for shown > c.flex+1 && c.width(shown, gap) > size.Width {
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
		w := c.widths[i]
		if i == c.flex {
			w = max(size.Width-(c.width(shown, gap)-c.widths[i]), c.widths[i])
		}
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w + gap
	}
}

// width is what the first n columns need.
func (c columns) width(n int, gap float32) float32 {
	w := gap * float32(n-1)
	for i := range n {
		w += c.widths[i]
	}
	return w
}

// MinSize asks only for the columns that are never dropped.
func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(c.width(c.flex+1, theme.Padding()), h)
}
