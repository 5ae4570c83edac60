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

type titleLayout struct{ actions *ActionBar }

// natural is the width a label would take showing its whole text.
func natural(o fyne.CanvasObject) float32 {
	if l, ok := o.(*widget.Label); ok && l.Truncation != fyne.TextTruncateOff {
		size := theme.TextSize()
		if l.SizeName != "" {
			size = theme.Size(l.SizeName)
		}
		return fyne.MeasureText(l.Text, size, l.TextStyle).Width + 2*theme.InnerPadding()
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
