package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"kontor/ui/alert"
)

// SaveFile shows Fyne's file-save dialog proposing name and calls then with
// the path chosen. The dialog creates the file it is given; the caller writes
// the whole file again (through a temporary file, so it appears whole).
func SaveFile(w fyne.Window, name string, then func(path string)) {
	dlg := dialog.NewFileSave(func(f fyne.URIWriteCloser, err error) {
		if err != nil {
			alert.Error(w, err)
			return
		}
		if f == nil {
			return // cancelled
		}
		path := f.URI().Path()
		f.Close()
		then(path)
	}, w)
	dlg.SetFileName(name)
	ShowFileDialog(dlg, w)
}
