package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Entry is Fyne's entry with the keys a form needs: Escape is handed on (it
// closes the dialog the entry is in, or runs OnEscape), and Tab moves on
// from a multi-line entry too, so notes are left the way every other field
// is (Fyne's multi-line entry types a tab, which a note never needs).
type Entry struct {
	widget.Entry
	// OnEscape runs on Escape; nil hands Escape to the dialog the entry is in.
	OnEscape func()
	// Tabs makes Tab type a tab, for text that holds them (lines pasted
	// from a spreadsheet); a form's fields leave it unset.
	Tabs   bool
	closer func()
}

// NewEntry returns an empty one-line entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry returns an empty entry for notes: it wraps words and
// shows rows lines.
func NewMultiLineEntry(rows int) *Entry {
	e := &Entry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

// AcceptsTab reports whether Tab types a tab (Tabs) or moves to the next
// field.
func (e *Entry) AcceptsTab() bool { return e.Tabs && e.MultiLine }

// TypedKey hands Escape on; every other key is the entry's.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		switch {
		case e.OnEscape != nil:
			e.OnEscape()
		case e.closer != nil:
			e.closer()
		}
		return
	}
	e.Entry.TypedKey(k)
}

func (e *Entry) setCloser(f func()) { e.closer = f }

// escapable is a widget that closes its dialog on Escape when it has no
// other use for it.
type escapable interface{ setCloser(func()) }
