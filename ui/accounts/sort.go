package accounts

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// sortHeader is the list's row of column titles, where the name and the last
// contact sort the list when clicked: by name A–Z (the default), by last
// contact most recent first, and clicked again oldest first.
type sortHeader struct {
	name, last *headerCell
}

// newSortHeader builds the column titles with the name and last contact
// clickable.
func (l *accountList) newSortHeader() fyne.CanvasObject {
	h := header().(*fyne.Container)
	l.sortHead = &sortHeader{
		name: newHeaderCell(h.Objects[1].(*widget.Label), func() { l.setSort(domain.SortByName) }),
		last: newHeaderCell(h.Objects[2].(*widget.Label), func() {
			if l.sort == domain.SortByLastContact {
				l.setSort(domain.SortByLastContactOldest)
			} else {
				l.setSort(domain.SortByLastContact)
			}
		}),
	}
	h.Objects[1], h.Objects[2] = l.sortHead.name, l.sortHead.last
	l.showSort()
	return h
}

// setSort orders the list anew, from the top.
func (l *accountList) setSort(s domain.AccountSort) {
	if s == l.sort {
		return
	}
	l.sort = s
	l.showSort()
	l.reload()
}

// showSort marks the sorting column with the direction of its order.
func (l *accountList) showSort() {
	h := l.sortHead
	h.name.setArrow(nil)
	h.last.setArrow(nil)
	switch l.sort {
	case domain.SortByName:
		h.name.setArrow(theme.MenuDropUpIcon()) // A first
	case domain.SortByLastContact:
		h.last.setArrow(theme.MenuDropDownIcon()) // latest first
	case domain.SortByLastContactOldest:
		h.last.setArrow(theme.MenuDropUpIcon())
	}
}

// sortHits orders search hits as the list is sorted; the store returns them
// by name, and there are few enough to sort here.
func sortHits(hits []domain.AccountRow, s domain.AccountSort) {
	if s == domain.SortByName {
		return
	}
	slices.SortStableFunc(hits, func(a, b domain.AccountRow) int {
		// Never contacted sorts as the oldest contact.
		c := a.LastContact.Compare(b.LastContact)
		switch {
		case a.LastContact.IsZero() && b.LastContact.IsZero():
			c = 0
		case a.LastContact.IsZero():
			c = -1
		case b.LastContact.IsZero():
			c = 1
		}
		if s == domain.SortByLastContact {
			return -c
		}
		return c
	})
}

// headerCell is a column title that does something when clicked, with an
// arrow when the list is sorted by it.
type headerCell struct {
	widget.BaseWidget
	label *widget.Label
	arrow *widget.Icon
	onTap func()
}

func newHeaderCell(label *widget.Label, onTap func()) *headerCell {
	c := &headerCell{label: label, arrow: widget.NewIcon(nil), onTap: onTap}
	c.arrow.Hide()
	c.ExtendBaseWidget(c)
	return c
}

func (c *headerCell) setArrow(r fyne.Resource) {
	c.arrow.SetResource(r)
	if r == nil {
		c.arrow.Hide()
	} else {
		c.arrow.Show()
	}
}

// Tapped sorts by the column.
func (c *headerCell) Tapped(*fyne.PointEvent) { c.onTap() }

// Cursor shows the column can be clicked.
func (c *headerCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer puts the arrow after the title.
func (c *headerCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, c.arrow, c.label))
}
