package documents

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/xwidget"
)

// prompt asks for one value (a delivery date, a reason) in a dialog. ok gets
// the text and returns the problem to show under the entry, or "" to close.
type prompt struct {
	field  *xwidget.Field
	okBtn  *widget.Button
	dialog *xwidget.Dialog
}

// askDate is ask for a date: its entry has a calendar.
func askDate(d *Deps, title, label, text, okLabel, cancelLabel string, ok func(text string) string) *prompt {
	p := ask(d.Window, title, label, text, okLabel, cancelLabel, ok)
	xwidget.DatePicker(p.field.Entry, d.Locale, false, d.Today)
	return p
}

func ask(w fyne.Window, title, label, text, okLabel, cancelLabel string, ok func(text string) string) *prompt {
	p := &prompt{field: xwidget.NewEntryField()}
	p.field.Entry.SetText(text)
	submit := func() {
		if msg := ok(p.field.Text()); msg != "" {
			p.field.SetProblem(msg)
			return
		}
		p.dialog.Hide()
	}
	p.field.Entry.OnSubmitted = func(string) { submit() }
	p.okBtn = widget.NewButton(okLabel, submit)
	p.okBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(cancelLabel, func() { p.dialog.Hide() })
	body := container.NewVBox(widget.NewLabel(label), p.field, container.NewHBox(layout.NewSpacer(), cancel, p.okBtn))
	p.dialog = xwidget.NewDialog(title, body, w)
	p.dialog.Fit(fyne.NewSize(420, 0))
	p.dialog.Show()
	w.Canvas().Focus(p.field.Focusable())
	return p
}
