package documents

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// navEntry is an entry of the line bar that moves through the lines: Up and
// Down select the line above or below (its quantity then shows in the bar),
// Escape goes back to a new line. So a line is edited without the mouse.
type navEntry struct {
	widget.Entry
	onMove   func(delta int)
	onEscape func()
}

func newNavEntry() *navEntry {
	e := &navEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles Up, Down and Escape; everything else is the entry's.
func (e *navEntry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyUp && e.onMove != nil:
		e.onMove(-1)
	case k.Name == fyne.KeyDown && e.onMove != nil:
		e.onMove(1)
	case k.Name == fyne.KeyEscape && e.onEscape != nil:
		e.onEscape()
	default:
		e.Entry.TypedKey(k)
	}
}

// navField is a navEntry with its problem written under it, as xwidget.Field.
type navField struct {
	widget.BaseWidget
	Entry   *navEntry
	problem *widget.Label
}

func newNavField() *navField {
	p := widget.NewLabel("")
	p.Importance = widget.DangerImportance
	p.Wrapping = fyne.TextWrapWord
	p.Hide()
	f := &navField{Entry: newNavEntry(), problem: p}
	f.ExtendBaseWidget(f)
	return f
}

// Text is the entry's text.
func (f *navField) Text() string { return f.Entry.Text }

// Problem is the message shown under the entry.
func (f *navField) Problem() string { return f.problem.Text }

// SetProblem shows msg under the entry, or hides the line when msg is "",
// and reports whether anything changed.
func (f *navField) SetProblem(msg string) bool {
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

// CreateRenderer stacks the entry over its problem line.
func (f *navField) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(f.Entry, f.problem))
}

// Focusable is what takes the keyboard for the field.
func (f *navField) Focusable() fyne.Focusable { return f.Entry }
