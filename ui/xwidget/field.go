package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Field is a form entry with its validation problem written under it. The
// problem line takes no room while there is none; when it comes or goes the
// form around it is laid out again at once.
type Field struct {
	widget.BaseWidget
	Entry   *widget.Entry
	Select  *widget.SelectEntry // the widget shown when made by NewSelectField, else nil
	shown   fyne.CanvasObject   // what is drawn: the entry, or the widget that extends it
	problem *widget.Label
}

// NewField wraps entry.
func NewField(entry *widget.Entry) *Field { return newField(entry, entry) }

func newField(entry *widget.Entry, shown fyne.CanvasObject) *Field {
	p := widget.NewLabel("")
	p.Importance = widget.DangerImportance
	p.Wrapping = fyne.TextWrapWord
	p.Hide()
	f := &Field{Entry: entry, shown: shown, problem: p}
	f.ExtendBaseWidget(f)
	return f
}

// NewEntryField is a Field over a new one-line Entry: Escape closes its dialog.
func NewEntryField() *Field {
	e := NewEntry()
	return newField(&e.Entry, e)
}

// NewNotesField is a Field over a new multi-line Entry of rows lines, which
// Tab leaves.
func NewNotesField(rows int) *Field {
	e := NewMultiLineEntry(rows)
	return newField(&e.Entry, e)
}

// Focusable is what takes the keyboard for the field: focus it, not Entry,
// which is only the text of a widget that may extend it.
func (f *Field) Focusable() fyne.Focusable {
	if fo, ok := f.shown.(fyne.Focusable); ok {
		return fo
	}
	return f.Entry
}

// SetProblem shows msg under the entry, or hides the line when msg is "".
// It reports whether anything changed.
func (f *Field) SetProblem(msg string) bool {
	if msg == f.problem.Text && (msg == "") == f.problem.Hidden {
		return false
	}
	f.problem.SetText(msg)
	if msg == "" {
		f.problem.Hide()
	} else {
		f.problem.Show()
	}
	f.Refresh()
	Relayout(f)
	return true
}

// Problem is the message shown under the entry, "" when there is none.
func (f *Field) Problem() string { return f.problem.Text }

// Text is the entry's text.
func (f *Field) Text() string { return f.Entry.Text }

// CreateRenderer stacks the entry over its problem line.
func (f *Field) CreateRenderer() fyne.WidgetRenderer {
	shown := f.shown
	if f.Select != nil {
		shown = f.Select
	}
	return widget.NewSimpleRenderer(container.NewVBox(shown, f.problem))
}
