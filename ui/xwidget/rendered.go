package xwidget

import (
	_ "unsafe" // for go:linkname

	"fyne.io/fyne/v2"
)

// cachedRenderer is Fyne's own look-up of the renderer a widget is drawn
// with, nil and false for one not drawn. Fyne 2.7 offers no public way to
// read what a widget shows, which the driver walks to find the object under
// the pointer; its test package reads it through this function, and Tips
// needs the same walk to pass hovers on. Pinned to the Fyne version in
// go.mod: a build against another fails here, not at run time.
//
//go:linkname cachedRenderer fyne.io/fyne/v2/internal/cache.CachedRenderer
func cachedRenderer(wid fyne.Widget) (fyne.WidgetRenderer, bool)

// cachedObjects are the objects a widget is drawn with, nil before it was drawn.
func cachedObjects(wid fyne.Widget) []fyne.CanvasObject {
	if r, ok := cachedRenderer(wid); ok && r != nil {
		return r.Objects()
	}
	return nil
}
