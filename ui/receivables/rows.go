package receivables

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/xwidget"
)

// row is a list row of truncating labels, one per column.
type row struct {
	widget.BaseWidget
	cells fyne.CanvasObject // made by xwidget.Columns.Row
	id    widget.ListItemID
}

func newRow(cols xwidget.Columns, right ...int) *row {
	r := &row{cells: cols.Row(right...)}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the cells.
func (r *row) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.cells) }

// openRow is a row that opens on a double click. It takes the single click
// too (the list underneath no longer gets it) and selects itself.
type openRow struct {
	row
	list   *openList
	onOpen func(widget.ListItemID)
}

func newOpenRow(cols xwidget.Columns, list *openList, onOpen func(widget.ListItemID), right ...int) *openRow {
	r := &openRow{row: row{cells: cols.Row(right...)}, list: list, onOpen: onOpen}
	r.ExtendBaseWidget(r)
	return r
}

// Tapped selects the row, as a click on any list row does, and gives the
// list the keyboard so that Enter opens it.
func (r *openRow) Tapped(*fyne.PointEvent) {
	if r.list == nil {
		return
	}
	r.list.Select(r.id)
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.list); c != nil {
		c.Focus(r.list)
	}
}

// DoubleTapped opens the row.
func (r *openRow) DoubleTapped(*fyne.PointEvent) {
	if r.onOpen != nil {
		r.onOpen(r.id)
	}
}

// rowOf is the row of a list item made by newRow or newOpenRow.
func rowOf(o fyne.CanvasObject) *row {
	if r, ok := o.(*openRow); ok {
		return &r.row
	}
	return o.(*row)
}

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
