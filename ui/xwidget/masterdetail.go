package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
// alone until a record opens, then the two side by side. It knows which
// detail is open, asks before unsaved changes are left, and drops a load
// that another record's opening (or the detail's closing) overtook.
type MasterDetail struct {
	Latest         // the loads of records to open: Run and Window
	Offset float64 // the list's share of the width beside a detail
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
}

// NewMasterDetail shows master, the list, alone.
func NewMasterDetail(master fyne.CanvasObject) *MasterDetail {
	return &MasterDetail{master: master, root: container.NewStack(master), Offset: 0.5}
}

// Content is the screen's top object.
func (m *MasterDetail) Content() fyne.CanvasObject { return m.root }

// Open is the detail shown, nil when none.
func (m *MasterDetail) Open() Detail { return m.detail }

// Show puts d beside the list; a load still running is dropped.
func (m *MasterDetail) Show(d Detail) {
	m.Drop()
	m.detail = d
	if m.split == nil {
		m.split = container.NewHSplit(m.master, d.Content())
		m.split.Offset = m.Offset
	} else {
		m.split.Trailing = d.Content()
		m.split.Refresh()
	}
	m.root.Objects = []fyne.CanvasObject{m.split}
	m.root.Refresh()
}

// Close shows the list alone, without asking; a load still running is dropped.
func (m *MasterDetail) Close() {
	m.Drop()
	m.detail = nil
	m.root.Objects = []fyne.CanvasObject{m.master}
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
