// Package catalog is the Catalog screen: the searchable product list beside
// the open product's editor.
package catalog

import (
	"context"

	"fyne.io/fyne/v2"

	"kontor/domain"
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

	pane     *xwidget.MasterDetail // the list alone, or beside the open product
	question *xwidget.Question     // the last question asked, for tests to answer
}

// New builds the screen and starts loading the list.
func New(d Deps) *Screen {
	if d.Run == nil {
		d.Run = worker.Go
	}
	s := &Screen{d: d}
	s.list = newProductList(s)
	s.pane = xwidget.NewMasterDetail(s.list.content)
	s.pane.Run, s.pane.Window, s.pane.Offset = d.Run, d.Window, 0.58
	s.pane.Ask, s.pane.Stay = s.ask, s.list.unselect
	s.list.reload()
	return s
}

// Content is the screen's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.pane.Content() }

// FocusSearch puts the keyboard in the search box (Ctrl+F).
func (s *Screen) FocusSearch() {
	s.d.Window.Canvas().Focus(s.list.search)
	s.list.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// NewProduct opens an empty product with the defaults (Ctrl+N).
func (s *Screen) NewProduct() {
	s.ConfirmLeave(func() {
		s.show(newEditor(s, nil, domain.NewProductFields()))
		s.d.Window.Canvas().Focus(s.editor.fields[domain.FieldSKU].Focusable())
	})
}

// Save saves the open product (Ctrl+S).
func (s *Screen) Save() {
	if s.editor != nil {
		s.editor.Save(nil)
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
	s.pane.Load(func() (func(), error) {
		p, err := s.d.Products.FindProductByID(context.Background(), id)
		return func() { s.show(newEditor(s, p, p.ProductFields)) }, err
	})
}

// show puts e beside the list.
func (s *Screen) show(e *editor) {
	s.editor = e
	s.pane.Show(e)
}

// closeEditor closes the open product without asking.
func (s *Screen) closeEditor() {
	s.editor = nil
	s.pane.Close()
	s.list.unselect()
}

// Close closes the open product, asking first about unsaved changes.
func (s *Screen) Close() { s.ConfirmLeave(s.closeEditor) }

// Dirty reports whether the open product has unsaved changes.
func (s *Screen) Dirty() bool { return s.pane.Dirty() }

// ConfirmLeave runs then at once when nothing is unsaved; otherwise it asks
// whether to save the changes, discard them or stay.
func (s *Screen) ConfirmLeave(then func()) { s.pane.ConfirmLeave(then) }

func (s *Screen) ask(title, message string, choices ...xwidget.Choice) {
	s.question = xwidget.Ask(s.d.Window, title, message, choices...)
}
