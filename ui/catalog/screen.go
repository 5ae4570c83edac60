// Package catalog is the Catalog screen: the searchable product list beside
// the open product's editor.
package catalog

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Deps is what the screen works with.
type Deps struct {
	Window   fyne.Window
	Products domain.ProductService
	Run      worker.Runner // where database work runs; worker.Go in the app
	Locale   domain.Locale // how numbers are written
}

// Screen is the product list and the open product.
type Screen struct {
	d      Deps
	list   *productList
	editor *editor // the open product, nil when none

	root     *fyne.Container
	split    *container.Split
	openGen  int               // drops a slow load when another product was opened since
	question *xwidget.Question // the last question asked, for tests to answer
}

// New builds the screen and starts loading the list.
func New(d Deps) *Screen {
	if d.Run == nil {
		d.Run = worker.Go
	}
	s := &Screen{d: d}
	s.list = newProductList(s)
	s.root = container.NewStack(s.list.content)
	s.list.reload()
	return s
}

// Content is the screen's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// FocusSearch puts the keyboard in the search box (Ctrl+F).
func (s *Screen) FocusSearch() {
	s.d.Window.Canvas().Focus(s.list.search)
	s.list.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// NewProduct opens an empty product with the defaults (Ctrl+N).
func (s *Screen) NewProduct() {
	s.ConfirmLeave(func() {
		s.openGen++
		s.show(newEditor(s, nil, domain.NewProductFields()))
		s.d.Window.Canvas().Focus(s.editor.fields[domain.FieldSKU].Entry)
	})
}

// Save saves the open product (Ctrl+S).
func (s *Screen) Save() {
	if s.editor != nil {
		s.editor.save(nil)
	}
}

// Open shows the product with id, asking first about unsaved changes.
func (s *Screen) Open(id domain.ProductID) {
	s.ConfirmLeave(func() { s.load(id) })
}

// OpenID is the product shown, 0 for none or a new one.
func (s *Screen) OpenID() domain.ProductID {
	if s.editor == nil || s.editor.p == nil {
		return 0
	}
	return s.editor.p.ID
}

// load reads a product in the background and shows it.
func (s *Screen) load(id domain.ProductID) {
	s.openGen++
	gen := s.openGen
	s.d.Run(func() {
		p, err := s.d.Products.FindProductByID(context.Background(), id)
		fyne.Do(func() {
			if gen != s.openGen {
				return
			}
			if err != nil {
				alert.Error(s.d.Window, err)
				return
			}
			s.show(newEditor(s, p, p.ProductFields))
		})
	})
}

// show puts e beside the list.
func (s *Screen) show(e *editor) {
	s.editor = e
	if s.split == nil {
		s.split = container.NewHSplit(s.list.content, e.content)
		s.split.Offset = 0.58
	} else {
		s.split.Trailing = e.content
		s.split.Refresh()
	}
	s.root.Objects = []fyne.CanvasObject{s.split}
	s.root.Refresh()
}

// closeEditor closes the open product without asking.
func (s *Screen) closeEditor() {
	s.openGen++
	s.editor = nil
	s.list.unselect()
	s.root.Objects = []fyne.CanvasObject{s.list.content}
	s.root.Refresh()
}

// Close closes the open product, asking first about unsaved changes.
func (s *Screen) Close() { s.ConfirmLeave(s.closeEditor) }

// Dirty reports whether the open product has unsaved changes.
func (s *Screen) Dirty() bool { return s.editor != nil && s.editor.dirty() }

// ConfirmLeave runs then at once when nothing is unsaved; otherwise it asks
// whether to save the changes, discard them or stay.
func (s *Screen) ConfirmLeave(then func()) {
	if !s.Dirty() {
		then()
		return
	}
	e := s.editor
	s.ask(lang.X("catalog.unsaved.title", "Unsaved product"),
		lang.X("catalog.unsaved.message", "{{.Name}} has changes that are not saved yet.", map[string]any{"Name": e.displayName()}),
		xwidget.Choice{Label: lang.X("catalog.unsaved.cancel", "Cancel"), Action: s.list.unselect},
		xwidget.Choice{Label: lang.X("catalog.unsaved.discard", "Discard changes"), Importance: widget.DangerImportance, Action: then},
		xwidget.Choice{Label: lang.X("catalog.unsaved.save", "Save"), Importance: widget.HighImportance, Action: func() { e.save(then) }},
	)
}

func (s *Screen) ask(title, message string, choices ...xwidget.Choice) {
	s.question = xwidget.Ask(s.d.Window, title, message, choices...)
}
