package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Detail is the editor of the record a screen has open beside its list.
type Detail interface {
	Content() fyne.CanvasObject
	Dirty() bool      // the editor has changes that are not saved
	Save(then func()) // saves them; then runs once they are saved
	// Unsaved is the title and message of the question asked before
	// unsaved changes are left.
	Unsaved() (title, message string)
}

// MasterDetail is a screen's list with the record open from it: the list
// alone until a record opens, then the two side by side, or, where the
// screen is narrower than SplitFrom, the record alone (ShowMaster brings the
// list back over it until a record opens). It knows which detail is open,
// asks before unsaved changes are left, and drops a load that another
// record's opening (or the detail's closing) overtook.
type MasterDetail struct {
	Latest         // the loads of records to open: Run and Window
	Offset float64 // the list's share of the width beside a detail
	// SplitFrom is the width from which list and record show side by side;
	// 0: always.
	SplitFrom float32
	// Ask shows a question; nil asks over Window. A screen that keeps its
	// last question for tests to answer sets its own.
	Ask func(title, message string, choices ...Choice)
	// Stay runs when the user chose to stay with the unsaved changes: it
	// puts the list's selection back on the open record.
	Stay func()

	master fyne.CanvasObject
	root   *fyne.Container
	split  *container.Split
	detail Detail
	peek   bool // on a narrow screen, the list shows over the open record
}

// NewMasterDetail shows master, the list, alone.
func NewMasterDetail(master fyne.CanvasObject) *MasterDetail {
	m := &MasterDetail{master: master, Offset: 0.5}
	m.root = container.New(&masterLayout{m: m}, master)
	return m
}

// ShowMaster shows the list where only the record showed (a narrow screen),
// keeping the record open; the record comes back with ShowDetail or when
// another opens.
func (m *MasterDetail) ShowMaster() {
	if m.detail == nil || m.peek {
		return
	}
	m.peek = true
	m.root.Refresh()
}

// ShowDetail shows the open record again after ShowMaster.
func (m *MasterDetail) ShowDetail() {
	if !m.peek {
		return
	}
	m.peek = false
	m.root.Refresh()
}

// Split reports whether list and record show side by side now.
func (m *MasterDetail) Split() bool {
	return m.detail != nil && len(m.root.Objects) == 1 && m.root.Objects[0] == m.split
}

// masterLayout shows the list, the split or the record alone, by the width
// it has.
type masterLayout struct{ m *MasterDetail }

func (l *masterLayout) shown(width float32) fyne.CanvasObject {
	m := l.m
	switch {
	case m.detail == nil:
		return m.master
	case m.SplitFrom <= 0 || width >= m.SplitFrom:
		if m.split == nil {
			m.split = container.NewHSplit(m.master, m.detail.Content())
			m.split.Offset = m.Offset
		}
		if m.split.Leading != m.master || m.split.Trailing != m.detail.Content() {
			m.split.Leading, m.split.Trailing = m.master, m.detail.Content()
			m.split.Refresh()
		}
		return m.split
	case m.peek:
		return m.master
	}
	return m.detail.Content()
}

func (l *masterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	want := l.shown(size.Width)
	if len(objs) != 1 || objs[0] != want {
		l.m.root.Objects = []fyne.CanvasObject{want}
	}
	want.Resize(size)
	want.Move(fyne.Position{})
}

// MinSize is the least of what may show: on a narrow screen one pane.
func (l *masterLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	m := l.m
	min := m.master.MinSize()
	if m.detail != nil {
		d := m.detail.Content().MinSize()
		if m.SplitFrom <= 0 {
			return fyne.NewSize(min.Width+d.Width+theme.Padding(), max(min.Height, d.Height))
		}
		min = min.Max(d)
	}
	return min
}

// Content is the screen's top object.
func (m *MasterDetail) Content() fyne.CanvasObject { return m.root }

// Open is the detail shown, nil when none.
func (m *MasterDetail) Open() Detail { return m.detail }

// Show puts d beside the list, or in its place on a narrow screen; a load
// still running is dropped.
func (m *MasterDetail) Show(d Detail) {
	m.Drop()
	m.detail, m.peek = d, false
	m.root.Refresh()
}

// Close shows the list alone, without asking; a load still running is dropped.
func (m *MasterDetail) Close() {
	m.Drop()
	m.detail, m.peek = nil, false
	m.root.Refresh()
}

// Dirty reports whether the open detail has unsaved changes.
func (m *MasterDetail) Dirty() bool { return m.detail != nil && m.detail.Dirty() }

// ConfirmLeave runs then at once when nothing is unsaved; otherwise it asks
// whether to save the changes first, discard them, or stay.
func (m *MasterDetail) ConfirmLeave(then func()) {
	if !m.Dirty() {
		then()
		return
	}
	d := m.detail
	title, message := d.Unsaved()
	ask := m.Ask
	if ask == nil {
		ask = func(title, message string, choices ...Choice) { Ask(m.Window, title, message, choices...) }
	}
	ask(title, message,
		Choice{Label: lang.X("unsaved.cancel", "Cancel"), Action: m.Stay},
		Choice{Label: lang.X("unsaved.discard", "Discard changes"), Importance: widget.DangerImportance, Action: then},
		Choice{Label: lang.X("unsaved.save", "Save"), Importance: widget.HighImportance, Action: func() { d.Save(then) }},
	)
}
