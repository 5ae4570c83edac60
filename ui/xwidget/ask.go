package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// Choice is one answer to a Question.
type Choice struct {
	Label      string
	Importance widget.Importance
	Action     func() // nil: just close
}

// Question is a modal dialog that closes on any of its answers. It keeps its
// buttons so that tests can answer it as a user would.
type Question struct {
	dialog  *Dialog
	Buttons []*widget.Button
}

// Ask shows message over w with one button per choice, right-aligned in the
// order given; Escape answers with the first, which by custom changes
// nothing (Cancel, Keep editing).
func Ask(w fyne.Window, title, message string, choices ...Choice) *Question {
	q := &Question{}
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	row := container.NewHBox(layout.NewSpacer())
	for _, c := range choices {
		b := widget.NewButton(c.Label, nil)
		b.Importance = c.Importance
		action := c.Action
		b.OnTapped = func() {
			q.dialog.Hide()
			if action != nil {
				action()
			}
		}
		q.Buttons = append(q.Buttons, b)
		row.Add(b)
	}
	body := container.NewBorder(nil, row, nil, nil, msg)
	q.dialog = NewDialog(title, body, w)
	if len(q.Buttons) > 0 {
		first := q.Buttons[0]
		q.dialog.OnEscape = func() { first.OnTapped() } // Cancel, Keep: the choice that changes nothing
	}
	q.dialog.Fit(fyne.NewSize(460, 0))
	q.dialog.Show()
	return q
}

// Button returns the button showing label, or nil.
func (q *Question) Button(label string) *widget.Button {
	for _, b := range q.Buttons {
		if b.Text == label {
			return b
		}
	}
	return nil
}
