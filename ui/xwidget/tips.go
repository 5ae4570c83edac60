package xwidget

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tipper is an object that says more about itself when the pointer rests on
// it: a chart's bar its figure, an icon its name.
type Tipper interface {
	Tip() string
}

// TipDelay is how long the pointer rests before a tip shows; tests set 0.
var TipDelay = 450 * time.Millisecond

// Tips lays a hover layer over content. When the pointer rests on a label
// whose text is cut short, its whole text shows beside the pointer; on a
// Tipper, its Tip. The layer passes every hover on to the object under it,
// so rows and buttons still light up; taps, drags and scrolls never stop at
// it. One Tips around a window's content gives every name cut short in a
// list its full text on hover.
type Tips struct {
	widget.BaseWidget
	content fyne.CanvasObject
	catcher *tipCatcher
	layer   *fyne.Container
	box     *fyne.Container
	text    *widget.Label

	hovered   desktop.Hoverable // the object the pointer is over, nil for none
	hoveredAt fyne.Position     // its position in the layer
	tipFor    fyne.CanvasObject // the object whose tip is shown or coming
	gen       int               // drops a tip the pointer left before it showed
}

// NewTips wraps content in a hover layer.
func NewTips(content fyne.CanvasObject) *Tips {
	t := &Tips{content: content, text: widget.NewLabel("")}
	t.text.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	t.box = container.NewStack(bg, t.text)
	t.box.Hide()
	t.layer = container.NewWithoutLayout(t.box)
	t.catcher = &tipCatcher{t: t}
	t.catcher.ExtendBaseWidget(t.catcher)
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer stacks the content, the catcher of hovers and the tip.
func (t *Tips) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(t.content, t.catcher, t.layer))
}

// Shown is the tip on show, "" when none is.
func (t *Tips) Shown() string {
	if !t.box.Visible() {
		return ""
	}
	return t.text.Text
}

// tipCatcher receives the hover events over the content.
type tipCatcher struct {
	widget.BaseWidget
	t *Tips
}

func (c *tipCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color0))
}

// MouseIn, MouseMoved and MouseOut pass the hover on and move the tip.
func (c *tipCatcher) MouseIn(e *desktop.MouseEvent)    { c.t.moved(e) }
func (c *tipCatcher) MouseMoved(e *desktop.MouseEvent) { c.t.moved(e) }
func (c *tipCatcher) MouseOut()                        { c.t.left() }

func (t *Tips) moved(e *desktop.MouseEvent) {
	target, at, tip, tipObj := t.under(e.Position)
	if target != t.hovered {
		if t.hovered != nil {
			t.hovered.MouseOut()
		}
		t.hovered, t.hoveredAt = target, at
		if target != nil {
			target.MouseIn(t.relative(e, at))
		}
	} else if target != nil {
		t.hoveredAt = at
		target.MouseMoved(t.relative(e, at))
	}
	if tipObj != t.tipFor {
		t.hideTip()
		t.tipFor = tipObj
		if tipObj != nil && tip != "" {
			t.gen++
			gen, pos := t.gen, e.Position
			show := func() {
				if gen == t.gen {
					t.showTip(tip, pos)
				}
			}
			if TipDelay <= 0 {
				show()
			} else {
				time.AfterFunc(TipDelay, func() { fyne.Do(show) })
			}
		}
	}
}

func (t *Tips) relative(e *desktop.MouseEvent, at fyne.Position) *desktop.MouseEvent {
	ev := *e
	ev.Position = e.Position.Subtract(at)
	return &ev
}

func (t *Tips) left() {
	if t.hovered != nil {
		t.hovered.MouseOut()
		t.hovered = nil
	}
	t.tipFor = nil
	t.hideTip()
}

func (t *Tips) hideTip() {
	t.gen++
	if t.box.Visible() {
		t.box.Hide()
	}
}

// showTip puts the tip below and right of the pointer at pos, inside the
// layer's bounds.
func (t *Tips) showTip(tip string, pos fyne.Position) {
	t.text.SetText(tip)
	size := t.Size()
	w := min(fyne.MeasureText(tip, theme.TextSize(), fyne.TextStyle{}).Width+2*theme.InnerPadding(), 480, size.Width)
	t.text.Resize(fyne.NewSize(w, 0))
	h := t.text.MinSize().Height
	at := pos.Add(fyne.NewPos(12, 20))
	if at.X+w > size.Width {
		at.X = max(0, size.Width-w)
	}
	if at.Y+h > size.Height {
		at.Y = max(0, pos.Y-h-8)
	}
	t.box.Resize(fyne.NewSize(w, h))
	t.box.Move(at)
	t.box.Show()
	t.layer.Refresh()
}

// under finds, at pos in the layer, the deepest hoverable object of the
// content and its position, and the deepest object with a tip: a Tipper, or
// a label cut short.
func (t *Tips) under(pos fyne.Position) (hover desktop.Hoverable, hoverAt fyne.Position, tip string, tipObj fyne.CanvasObject) {
	var walk func(o fyne.CanvasObject, at fyne.Position, clip rect)
	walk = func(o fyne.CanvasObject, at fyne.Position, clip rect) {
		if o == nil || !o.Visible() {
			return
		}
		size := o.Size()
		r := rect{at.X, at.Y, size.Width, size.Height}
		if !r.contains(pos) || !clip.contains(pos) {
			return
		}
		if h, ok := o.(desktop.Hoverable); ok {
			hover, hoverAt = h, at
		}
		if tp, ok := o.(Tipper); ok {
			if s := tp.Tip(); s != "" {
				tip, tipObj = s, o
			}
		} else if l, ok := o.(*widget.Label); ok && cutShort(l) {
			tip, tipObj = l.Text, o
		}
		var children []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			children = x.Objects
		case *container.Scroll:
			clip = clip.intersect(r)
			children = []fyne.CanvasObject{x.Content}
		case fyne.Widget:
			children = cachedObjects(x)
		}
		for _, c := range children {
			walk(c, at.Add(c.Position()), clip)
		}
	}
	whole := rect{0, 0, t.Size().Width, t.Size().Height}
	walk(t.content, t.content.Position(), whole)
	return hover, hoverAt, tip, tipObj
}

// cutShort reports whether a label shows less than its whole text.
func cutShort(l *widget.Label) bool {
	if l.Truncation == fyne.TextTruncateOff || l.Text == "" {
		return false
	}
	size := theme.TextSize()
	if l.SizeName != "" {
		size = theme.Size(l.SizeName)
	}
	need := fyne.MeasureText(l.Text, size, l.TextStyle).Width + 2*theme.InnerPadding()
	return need > l.Size().Width+0.5
}

type rect struct{ x, y, w, h float32 }

func (r rect) contains(p fyne.Position) bool {
	return p.X >= r.x && p.Y >= r.y && p.X < r.x+r.w && p.Y < r.y+r.h
}

func (r rect) intersect(o rect) rect {
	x1, y1 := max(r.x, o.x), max(r.y, o.y)
	x2, y2 := min(r.x+r.w, o.x+o.w), min(r.y+r.h, o.y+o.h)
	return rect{x1, y1, max(0, x2-x1), max(0, y2-y1)}
}

var color0 = color.Transparent

// Hover rests the pointer at pos in the layer, as the mouse does: what a
// test sees of a tip.
func (t *Tips) Hover(pos fyne.Position) {
	t.moved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos, AbsolutePosition: pos}})
}

// IconButton is a button showing only an icon, which says what it does when
// the pointer rests on it (under a Tips layer).
type IconButton struct {
	widget.Button
	tip string
}

// NewIconButton returns a low-importance icon button with its tip.
func NewIconButton(icon fyne.Resource, tip string, tapped func()) *IconButton {
	b := &IconButton{tip: tip}
	b.Icon, b.OnTapped, b.Importance = icon, tapped, widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// Tip is what the button does.
func (b *IconButton) Tip() string { return b.tip }
