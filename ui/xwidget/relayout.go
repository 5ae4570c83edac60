package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Relayout lays out again every container and widget from the window's top
// down to o, after o changed its minimum size (a problem line appeared under
// a field, a note was shown or hidden). Fyne relays a changed minimum size
// to the parent once a frame, and only the last of several changes in one
// frame: a row shown in one place and a list refilled in another left the
// rows drawn over the column titles. This makes the change whole at once.
func Relayout(o fyne.CanvasObject) {
	path := pathTo(o)
	for _, p := range path {
		switch x := p.(type) {
		case *fyne.Container:
			if x.Layout != nil {
				x.Layout.Layout(x.Objects, x.Size())
			}
		case fyne.Widget:
			if r, ok := cachedRenderer(x); ok && r != nil {
				r.Layout(x.Size())
			}
		}
	}
}

// pathTo is the chain of objects from a window's content, or one of its
// dialogs, down to o's parent; nil when o is not shown in any window.
func pathTo(o fyne.CanvasObject) []fyne.CanvasObject {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	for _, w := range app.Driver().AllWindows() {
		c := w.Canvas()
		roots := append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...)
		for _, root := range roots {
			if p := findPath(root, o, nil); p != nil {
				return p
			}
		}
	}
	return nil
}

func findPath(at, o fyne.CanvasObject, above []fyne.CanvasObject) []fyne.CanvasObject {
	if at == nil {
		return nil
	}
	if at == o {
		return above
	}
	var children []fyne.CanvasObject
	switch x := at.(type) {
	case *fyne.Container:
		children = x.Objects
	case *container.Scroll:
		children = []fyne.CanvasObject{x.Content}
	case fyne.Widget:
		children = cachedObjects(x)
	}
	for _, c := range children {
		if p := findPath(c, o, append(above, at)); p != nil {
			return p
		}
	}
	return nil
}

// RelayoutTree lays out again every container drawn under o, top down: the
// rows of a list after its columns widened, which no resize reaches because
// each row keeps its size.
func RelayoutTree(o fyne.CanvasObject) {
	walkShown(o, func(x fyne.CanvasObject) {
		if c, ok := x.(*fyne.Container); ok && c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
	})
}
