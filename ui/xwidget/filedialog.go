package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
// of its places (Home, Documents…) in the user's language. Escape cancels
// it as its Cancel button does, as for Kontor's own dialogs — except while
// the keyboard is in its file name, whose entry is Fyne's and keeps the key.
func ShowFileDialog(d *dialog.FileDialog, w fyne.Window) {
	esc := &fileEscape{d}
	d.SetOnClosed(func() { forgetEscape(w.Canvas(), esc) })
	d.Show()
	listenEscape(w.Canvas(), esc)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	walkShown(top, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.List)
		if !ok || l.UpdateItem == nil || !listsPlaces(l) {
			return
		}
		update, create := l.UpdateItem, l.CreateItem
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			translatePlace(item)
		}
		// The list is as wide as its template row: make the template hold
		// the widest name translated, which may be wider than the English.
		widest := widestPlace(l)
		l.CreateItem = func() fyne.CanvasObject {
			item := create()
			if lbl := placeLabel(item); lbl != nil && widest != "" {
				lbl.SetText(widest)
			}
			return item
		}
		l.Refresh()
	})
	// The split beside the places gives them their least width: lay it out
	// again for the wider list.
	walkShown(top, func(o fyne.CanvasObject) {
		if sp, ok := o.(*container.Split); ok {
			sp.Refresh()
		}
	})
}

// widestPlace is the widest of the names of l's rows once translated, or
// "" when the template's own text is wider.
func widestPlace(l *widget.List) string {
	item := l.CreateItem()
	lbl := placeLabel(item)
	if lbl == nil {
		return ""
	}
	widest, width := "", lbl.MinSize().Width
	for id := range l.Length() {
		l.UpdateItem(id, item)
		if w := lbl.MinSize().Width; w > width {
			widest, width = lbl.Text, w
		}
	}
	return widest
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

// fileEscape is a file dialog shown, which Escape cancels.
type fileEscape struct{ d *dialog.FileDialog }

func (f *fileEscape) Escape() { f.d.Dismiss() }
