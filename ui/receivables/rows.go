package receivables

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/xwidget"
)

// row is a list row that tells a double click apart from a click: a click
// selects (the list's own handling), a double click opens.
type row struct {
	widget.BaseWidget
	cells  fyne.CanvasObject // made by xwidget.Columns.Row
	id     widget.ListItemID
	onOpen func(widget.ListItemID)
}

func newRow(cols xwidget.Columns, onOpen func(widget.ListItemID), right ...int) *row {
	r := &row{cells: cols.Row(right...), onOpen: onOpen}
	r.ExtendBaseWidget(r)
	return r
}

// DoubleTapped opens the row.
func (r *row) DoubleTapped(*fyne.PointEvent) {
	if r.onOpen != nil {
		r.onOpen(r.id)
	}
}

// CreateRenderer shows the cells.
func (r *row) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.cells) }

// labels are the row's cells.
func (r *row) labels() []*widget.Label {
	objs := r.cells.(*fyne.Container).Objects
	out := make([]*widget.Label, len(objs))
	for i, o := range objs {
		out[i] = o.(*widget.Label)
	}
	return out
}

// set writes texts into the cells, all in normal importance.
func (r *row) set(id widget.ListItemID, texts ...string) {
	r.id = id
	for i, l := range r.labels() {
		t := ""
		if i < len(texts) {
			t = texts[i]
		}
		if l.Text != t || l.Importance != widget.MediumImportance {
			l.Text, l.Importance = t, widget.MediumImportance
			l.Refresh()
		}
	}
}

// mark gives cell i an importance (a warning colour).
func (r *row) mark(i int, imp widget.Importance) {
	l := r.labels()[i]
	if l.Importance != imp {
		l.Importance = imp
		l.Refresh()
	}
}

// openList is a list whose selected row opens on Enter, as a double click
// opens it.
type openList struct {
	widget.List
	selected widget.ListItemID
	onOpen   func(widget.ListItemID)
}

func newOpenList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject),
	onOpen func(widget.ListItemID)) *openList {
	l := &openList{selected: -1, onOpen: onOpen}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey opens the selected row on Enter; other keys move as in any list.
func (l *openList) TypedKey(k *fyne.KeyEvent) {
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && l.selected >= 0 && l.onOpen != nil {
		l.onOpen(l.selected)
		return
	}
	l.List.TypedKey(k)
}
