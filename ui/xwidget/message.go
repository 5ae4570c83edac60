package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/alert"
)

// Errors and messages of ui/alert show as Kontor's dialogs, which Escape
// closes: alert cannot build them itself, as this package uses it.
func init() {
	alert.SetShow(func(title, message string, w fyne.Window) { ShowMessage(title, message, w) })
}

// ShowMessage shows message titled title over w with an OK button; Escape
// closes it too, and it closes before any dialog under it.
func ShowMessage(title, message string, w fyne.Window) *Dialog {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	d := NewDismissDialog(title, lang.L("OK"), msg, w)
	d.Fit(fyne.NewSize(460, 0))
	d.Show()
	return d
}
