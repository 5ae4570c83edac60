package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// favoritePlaces are the names Fyne's file dialog gives the places in its
// side list, which it writes untranslated; the translations are Fyne's own
// keys (assets/translations/fyne.*.json).
var favoritePlaces = map[string]bool{"Home": true, "App Files": true, "Computer": true, "Desktop": true,
	"Documents": true, "Downloads": true, "Music": true, "Pictures": true, "Videos": true, "Movies": true}

// ShowFileDialog shows Fyne's file or folder dialog d over w with the names
// of its places (Home, Documents…) in the user's language.
func ShowFileDialog(d *dialog.FileDialog, w fyne.Window) {
	d.Show()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	walkShown(top, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.List)
		if !ok || l.UpdateItem == nil || !listsPlaces(l) {
			return
		}
		update := l.UpdateItem
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			translatePlace(item)
		}
		l.Refresh()
	})
}

// listsPlaces reports whether l is the dialog's list of places: its first
// row names one.
func listsPlaces(l *widget.List) bool {
	if l.Length == nil || l.Length() == 0 || l.CreateItem == nil {
		return false
	}
	item := l.CreateItem()
	l.UpdateItem(0, item)
	return placeLabel(item) != nil && favoritePlaces[placeLabel(item).Text]
}

// placeLabel is the label of a row of places: an icon and a label.
func placeLabel(item fyne.CanvasObject) *widget.Label {
	c, ok := item.(*fyne.Container)
	if !ok || len(c.Objects) != 2 {
		return nil
	}
	l, _ := c.Objects[1].(*widget.Label)
	return l
}

func translatePlace(item fyne.CanvasObject) {
	if l := placeLabel(item); l != nil && favoritePlaces[l.Text] {
		l.SetText(lang.L(l.Text))
	}
}
