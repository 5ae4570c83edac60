package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// SearchEntry is a one-line entry that hands the arrow keys to the list of
// hits below it, so a user can type, move through the hits and press Enter
// without leaving the keyboard. Enter is OnSubmitted, as for any entry.
type SearchEntry struct {
	widget.Entry

	// OnMove is called with -1 for Up and +1 for Down (±10 for Page Up/Down).
	OnMove func(delta int)
	closer func()
}

func (e *SearchEntry) setCloser(f func()) { e.closer = f }

// NewSearchEntry returns an empty search entry.
func NewSearchEntry() *SearchEntry {
	e := &SearchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey moves through the hits on Up/Down. Escape closes the dialog the
// entry is in (a picker), else clears the text.
func (e *SearchEntry) TypedKey(k *fyne.KeyEvent) {
	delta := 0
	switch k.Name {
	case fyne.KeyUp:
		delta = -1
	case fyne.KeyDown:
		delta = 1
	case fyne.KeyPageUp:
		delta = -10
	case fyne.KeyPageDown:
		delta = 10
	case fyne.KeyEscape:
		if e.closer != nil {
			e.closer()
			return
		}
		e.SetText("")
		return
	}
	if delta != 0 && e.OnMove != nil {
		e.OnMove(delta)
		return
	}
	e.Entry.TypedKey(k)
}
