package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewTitleBar lays a screen's or record's title, its actions and what ends
// the row (a close button) in one line: the title takes what it needs while
// the actions fit beside it; on a narrow window the title is cut short (its
// whole text on hover) down to a third of the row, and the actions that
// still do not fit move into their bar's menu. title is usually a truncating
// label; actions may be nil.
func NewTitleBar(title fyne.CanvasObject, actions *ActionBar, end ...fyne.CanvasObject) *fyne.Container {
	objs := []fyne.CanvasObject{title}
	if actions != nil {
		objs = append(objs, actions)
	}
	tail := container.NewHBox(end...)
	objs = append(objs, tail)
	return container.New(&titleLayout{actions: actions}, objs...)
}

// SetTitle shows text as the title of bar (a NewTitleBar whose title is a
// label) and lays the bar out again: the title's room follows its text, so
// a name loaded after the bar was first laid out is not cut for want of a
// layout.
func SetTitle(bar *fyne.Container, text string) {
	if l, ok := bar.Objects[0].(*widget.Label); ok {
		l.SetText(text)
	}
	bar.Refresh()
}

type titleLayout struct{ actions *ActionBar }

// natural is the width a label would take showing its whole text.
func natural(o fyne.CanvasObject) float32 {
	if l, ok := o.(*widget.Label); ok && l.Truncation != fyne.TextTruncateOff {
		size := theme.TextSize()
		if l.SizeName != "" {
			size = theme.Size(l.SizeName)
		}
		// A pixel more: a truncating label given exactly its text's width
		// still cuts it (Fyne's rounding).
		return fyne.MeasureText(l.Text, size, l.TextStyle).Width + 2*theme.InnerPadding() + 1
	}
	return o.MinSize().Width
}

func (l *titleLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	title, tail := objs[0], objs[len(objs)-1]
	tw := tail.MinSize().Width
	room := size.Width - tw
	if tw > 0 {
		room -= pad
	}
	want := natural(title)
	var aw float32
	if l.actions != nil {
		aw = l.actions.Natural()
		titleW := want
		if want+pad+aw > room {
			titleW = max(room-pad-aw, min(want, room/3), title.MinSize().Width)
		}
		titleW = min(titleW, room)
		actW := max(room-titleW-pad, l.actions.MinSize().Width)
		title.Resize(fyne.NewSize(titleW, size.Height))
		title.Move(fyne.Position{})
		l.actions.Resize(fyne.NewSize(actW, size.Height))
		l.actions.Move(fyne.NewPos(titleW+pad, 0))
	} else {
		title.Resize(fyne.NewSize(room, size.Height))
		title.Move(fyne.Position{})
	}
	tail.Resize(fyne.NewSize(tw, size.Height))
	tail.Move(fyne.NewPos(size.Width-tw, 0))
}

func (l *titleLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	w, h := float32(0), float32(0)
	for i, o := range objs {
		m := o.MinSize()
		if i > 0 && m.Width > 0 {
			w += pad
		}
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

// NewActionLine lays a bar of actions and, after them, a line of text about
// what they act on: the actions take the room they need while the text keeps
// at least a third of the row; the rest of the actions move into the bar's
// menu.
func NewActionLine(actions *ActionBar, text fyne.CanvasObject) *fyne.Container {
	return container.New(&actionLineLayout{actions: actions}, actions, text)
}

type actionLineLayout struct{ actions *ActionBar }

func (l *actionLineLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	text := objs[1]
	aw := min(l.actions.Natural(), max(size.Width*2/3, size.Width-text.MinSize().Width-pad))
	aw = max(aw, l.actions.MinSize().Width)
	l.actions.Resize(fyne.NewSize(aw, size.Height))
	l.actions.Move(fyne.Position{})
	text.Resize(fyne.NewSize(max(size.Width-aw-pad, 0), size.Height))
	text.Move(fyne.NewPos(aw+pad, 0))
}

func (l *actionLineLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, t := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(a.Width+theme.Padding()+t.Width, max(a.Height, t.Height))
}

// NewPairLine lays two texts in one line: the first takes what it needs
// while the second has at least two fifths of the row, the second the rest;
// both are cut short (their whole text on hover) when the row is narrow. An
// empty second text leaves the whole row to the first. A record's subtitle
// and its last message share a line this way, and nothing moves when the
// message comes or goes.
func NewPairLine(first, second *widget.Label) *fyne.Container {
	first.Truncation = fyne.TextTruncateEllipsis
	second.Truncation = fyne.TextTruncateEllipsis
	return container.New(&pairLayout{first: first, second: second}, first, second)
}

type pairLayout struct{ first, second *widget.Label }

func (l *pairLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fw := size.Width
	if l.second.Text == "" {
		if l.second.Visible() {
			l.second.Hide()
		}
	} else {
		if !l.second.Visible() {
			l.second.Show()
		}
		fw = min(natural(l.first), size.Width*3/5)
		if rest := size.Width - fw - pad; rest > natural(l.second) {
			fw = size.Width - natural(l.second) - pad
		}
	}
	l.first.Resize(fyne.NewSize(fw, size.Height))
	l.first.Move(fyne.Position{})
	l.second.Resize(fyne.NewSize(max(size.Width-fw-pad, 0), size.Height))
	l.second.Move(fyne.NewPos(fw+pad, 0))
}

func (l *pairLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	a, b := l.first.MinSize(), l.second.MinSize()
	if l.second.Text == "" {
		return a
	}
	return fyne.NewSize(a.Width+theme.Padding()+b.Width, max(a.Height, b.Height))
}

// NewHeaded lays top over body, as a border with only a top would, except
// that top's height is read after it took the row's width: a wrapped text
// in top (a screen's explanation) takes the lines that width needs at
// once, instead of those of the width it had before the window was resized.
func NewHeaded(top, body fyne.CanvasObject) *fyne.Container {
	return container.New(headedLayout{}, top, body)
}

type headedLayout struct{}

func (headedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top, body := objs[0], objs[1]
	top.Resize(fyne.NewSize(size.Width, top.MinSize().Height))
	th := top.MinSize().Height // now for this width
	top.Resize(fyne.NewSize(size.Width, th))
	top.Move(fyne.Position{})
	y := th + theme.Padding()
	body.Resize(fyne.NewSize(size.Width, max(size.Height-y, 0)))
	body.Move(fyne.NewPos(0, y))
}

func (headedLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	t, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(t.Width, b.Width), t.Height+theme.Padding()+b.Height)
}
