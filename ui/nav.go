package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// wideNavFrom is the window width from which the sidebar names its sections;
// below it the sidebar shows their icons alone (the name shows on hover) and
// gives the screens the room a 1024-pixel laptop has not to spare.
const wideNavFrom = 1200

// navSection is one entry of the sidebar.
type navSection struct {
	icon  fyne.Resource
	label string
}

// navIcon is a section's icon in the narrow sidebar; its name is its tip.
type navIcon struct {
	widget.Icon
	tip string
}

func newNavIcon() *navIcon {
	i := &navIcon{}
	i.ExtendBaseWidget(i)
	return i
}

// Tip is the section's name.
func (i *navIcon) Tip() string { return i.tip }

// newNavLists makes the wide sidebar (icon and name) and the narrow one
// (icon alone) over the same sections; selecting in either selects in both.
func newNavLists(sections []navSection, selected func(int)) (wide, narrow *widget.List) {
	widest := "" // the template row is as wide as the longest label
	for _, sec := range sections {
		if len([]rune(sec.label)) > len([]rune(widest)) {
			widest = sec.label
		}
	}
	wide = widget.NewList(func() int { return len(sections) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(nil), widget.NewLabel(widest))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(sections[i].icon)
			row.Objects[1].(*widget.Label).SetText(sections[i].label)
			row.Refresh() // the label's width changed: lay the row out again
		})
	narrow = widget.NewList(func() int { return len(sections) },
		func() fyne.CanvasObject { return container.NewPadded(newNavIcon()) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			ic := o.(*fyne.Container).Objects[0].(*navIcon)
			ic.tip = sections[i].label
			ic.SetResource(sections[i].icon)
		})
	syncing := false
	both := func(other **widget.List) func(widget.ListItemID) {
		return func(i widget.ListItemID) {
			if syncing {
				return
			}
			syncing = true
			(*other).Select(i)
			syncing = false
			selected(i)
		}
	}
	wide.OnSelected = both(&narrow)
	narrow.OnSelected = both(&wide)
	return wide, narrow
}

// shellLayout puts the sidebar on the left, wide or narrow by the window's
// width, a line beside it and the section in the rest.
type shellLayout struct{}

// Layout expects the wide sidebar, the narrow one, the line and the body.
func (shellLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	wide, narrow, line, body := objs[0], objs[1], objs[2], objs[3]
	nav := wide
	if size.Width < wideNavFrom {
		nav = narrow
	}
	for _, o := range []fyne.CanvasObject{wide, narrow} {
		if o == nav {
			o.Show()
		} else {
			o.Hide()
		}
	}
	w := nav.MinSize().Width
	nav.Resize(fyne.NewSize(w, size.Height))
	nav.Move(fyne.Position{})
	lw := line.MinSize().Width
	line.Resize(fyne.NewSize(lw, size.Height))
	line.Move(fyne.NewPos(w, 0))
	body.Resize(fyne.NewSize(size.Width-w-lw, size.Height))
	body.Move(fyne.NewPos(w+lw, 0))
}

// MinSize is the narrow sidebar beside the body's least.
func (shellLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	narrow, line, body := objs[1].MinSize(), objs[2].MinSize(), objs[3].MinSize()
	return fyne.NewSize(narrow.Width+line.Width+body.Width, max(narrow.Height, body.Height))
}
