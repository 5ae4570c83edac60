package catalog

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/xwidget"
)

// RemoteChanged is the file changed by someone else (a team sync round): the
// list reads again, and the open product too when it changed — unless it
// has unsaved changes, which stay with a note that the product changed
// meanwhile (saving then asks).
func (s *Screen) RemoteChanged() {
	s.list.refresh()
	e := s.editor
	if e == nil || e.p == nil {
		return
	}
	id, version := e.p.ID, e.p.Version
	s.d.Run(func() {
		p, err := s.d.Products.FindProductByID(context.Background(), id)
		fyne.Do(func() {
			if s.editor != e {
				return
			}
			xwidget.OpenRecord{Dirty: e.Dirty, Warn: e.warn, Close: s.closeEditor, Reload: func() { s.load(id) }, What: "the product",
				Gone:  lang.X("product.remote.gone", "This product was deleted on another computer: your changes cannot be saved."),
				Moved: lang.X("product.remote.changed", "Someone changed this product on another computer meanwhile: saving will ask whether to keep your changes."),
			}.Settle(err, err == nil && p.Version == version)
		})
	})
}

// warn shows msg where the product says whether it is saved.
func (e *editor) warn(msg string) {
	e.status.SetText(msg)
	e.status.Importance = widget.WarningImportance
	e.status.Refresh()
}
