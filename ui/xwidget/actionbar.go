package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ActionBar is a row of buttons that never runs off the window: the buttons
// that do not fit move, in their order, to a menu behind a "More" button at
// the end of the row, where they are one click away and keep their
// shortcuts. A button the program hides takes no room and is not in the
// menu; the bar follows Show and Hide of its buttons by itself.
type ActionBar struct {
	widget.BaseWidget
	buttons []*widget.Button
	more    *widget.Button
}

// NewActionBar lays buttons out left to right.
func NewActionBar(buttons ...*widget.Button) *ActionBar {
	b := &ActionBar{buttons: buttons}
	b.more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), b.showMore)
	b.more.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// Add puts more buttons at the end of the row.
func (b *ActionBar) Add(buttons ...*widget.Button) {
	b.buttons = append(b.buttons, buttons...)
	b.Refresh()
}

// Moved are the shown buttons that are in the menu for want of room.
func (b *ActionBar) Moved() []*widget.Button {
	r, ok := cachedRenderer(b)
	if !ok {
		return nil
	}
	ar := r.(*actionRenderer)
	ar.update()
	return ar.moved
}

// CreateRenderer draws the buttons that fit.
func (b *ActionBar) CreateRenderer() fyne.WidgetRenderer { return &actionRenderer{b: b} }

// showMore opens the menu of the buttons that did not fit.
func (b *ActionBar) showMore() {
	var items []*fyne.MenuItem
	for _, btn := range b.Moved() {
		it := fyne.NewMenuItem(btn.Text, btn.OnTapped)
		it.Icon = btn.Icon
		it.Disabled = btn.Disabled()
		items = append(items, it)
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(b.more)
	if c == nil || len(items) == 0 {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.more).Add(fyne.NewPos(0, b.more.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu(lang.X("actions.more", "More"), items...), c, pos)
}

type actionRenderer struct {
	b       *ActionBar
	natural float32 // the bar's natural width at the last refresh
	size    fyne.Size
	shown   []fyne.CanvasObject // the buttons in the row, and More when some moved
	moved   []*widget.Button
	visible []bool // the buttons' visibility the row was laid out for
}

// wanted are the buttons the program shows.
func (r *actionRenderer) wanted() []*widget.Button {
	var out []*widget.Button
	for _, btn := range r.b.buttons {
		if btn.Visible() {
			out = append(out, btn)
		}
	}
	return out
}

// update lays the row out again when a button was shown or hidden since.
func (r *actionRenderer) update() {
	same := len(r.visible) == len(r.b.buttons)
	for i := 0; same && i < len(r.b.buttons); i++ {
		same = r.visible[i] == r.b.buttons[i].Visible()
	}
	if !same {
		r.Layout(r.size)
	}
}

func (r *actionRenderer) Layout(size fyne.Size) {
	r.size = size
	r.visible = r.visible[:0]
	for _, btn := range r.b.buttons {
		r.visible = append(r.visible, btn.Visible())
	}
	pad := theme.Padding()
	want := r.wanted()
	total := float32(0)
	for i, btn := range want {
		if i > 0 {
			total += pad
		}
		total += btn.MinSize().Width
	}
	room := size.Width
	if total > room {
		room -= r.b.more.MinSize().Width + pad
	}
	x := float32(0)
	r.shown, r.moved = r.shown[:0], nil
	for _, btn := range want {
		w := btn.MinSize().Width
		if len(r.moved) == 0 && (total <= size.Width || x+w <= room) {
			btn.Resize(fyne.NewSize(w, size.Height))
			btn.Move(fyne.NewPos(x, 0))
			r.shown = append(r.shown, btn)
			x += w + pad
			continue
		}
		r.moved = append(r.moved, btn)
	}
	if len(r.moved) > 0 {
		more := r.b.more
		more.Resize(fyne.NewSize(more.MinSize().Width, size.Height))
		more.Move(fyne.NewPos(x, 0))
		r.shown = append(r.shown, more)
	}
}

// MinSize asks for the first shown button and the More button: the rest
// can move to the menu.
func (r *actionRenderer) MinSize() fyne.Size {
	var h float32
	want := r.wanted()
	for _, btn := range append(want, r.b.more) {
		h = max(h, btn.MinSize().Height)
	}
	if len(want) == 0 {
		return fyne.NewSize(0, h)
	}
	w := want[0].MinSize().Width
	if len(want) > 1 {
		w += theme.Padding() + r.b.more.MinSize().Width
	}
	return fyne.NewSize(w, h)
}

// Refresh redraws the buttons; when one's text changed the width the bar
// wants, the row around it is laid out again.
func (r *actionRenderer) Refresh() {
	r.Layout(r.b.Size())
	for _, o := range r.shown {
		o.Refresh()
	}
	if n := r.b.Natural(); n != r.natural {
		if r.natural != 0 {
			Relayout(r.b)
		}
		r.natural = n
	}
}

// Objects are the buttons in the row: the driver reads them every frame, so
// a button shown or hidden meanwhile finds its place here.
func (r *actionRenderer) Objects() []fyne.CanvasObject {
	r.update()
	return r.shown
}

func (r *actionRenderer) Destroy() {}

// Natural is the width the bar takes with every shown button in the row.
func (b *ActionBar) Natural() float32 {
	w := float32(0)
	n := 0
	for _, btn := range b.buttons {
		if btn.Visible() {
			if n > 0 {
				w += theme.Padding()
			}
			w += btn.MinSize().Width
			n++
		}
	}
	return w
}

// Buttons are every button of the bar, in the row or in its menu.
func (b *ActionBar) Buttons() []*widget.Button { return b.buttons }
