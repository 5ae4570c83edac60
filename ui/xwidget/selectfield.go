package xwidget

import "fyne.io/fyne/v2/widget"

// NewSelectField is a Field whose entry also offers options in a drop-down
// (units, VAT rates, customer groups): a user picks one or types another, and
// what was typed is validated like any entry. Select is the widget shown;
// Entry is its text.
func NewSelectField(options []string) *Field {
	s := widget.NewSelectEntry(options)
	f := newField(&s.Entry, s)
	f.Select = s
	return f
}
