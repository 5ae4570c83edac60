package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Field is a form entry with its validation problem written under it. The
// problem line takes no room while there is none.
type Field struct {
	widget.BaseWidget
	Entry   *widget.Entry
	Select  *widget.SelectEntry // the widget shown when made by NewSelectField, else nil
	problem *widget.Label
}

// NewField wraps entry.
func NewField(entry *widget.Entry) *Field {
	p := widget.NewLabel("")
	p.Importance = widget.DangerImportance
	p.Wrapping = fyne.TextWrapWord
	p.Hide()
	f := &Field{Entry: entry, problem: p}
	f.ExtendBaseWidget(f)
	return f
}

// NewEntryField is NewField over a new one-line entry.
func NewEntryField() *Field { return NewField(widget.NewEntry()) }

// SetProblem shows msg under the entry, or hides the line when msg is "".
// It reports whether anything changed, so a caller can relayout its form once.
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
	return true
}

// Problem is the message shown under the entry, "" when there is none.
func (f *Field) Problem() string { return f.problem.Text }

// Text is the entry's text.
func (f *Field) Text() string { return f.Entry.Text }

// CreateRenderer stacks the entry over its problem line.
func (f *Field) CreateRenderer() fyne.WidgetRenderer {
	var shown fyne.CanvasObject = f.Entry
	if f.Select != nil {
		shown = f.Select
	}
	return widget.NewSimpleRenderer(container.NewVBox(shown, f.problem))
}
