package xwidget

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// record is a Detail over one entry: it is dirty while the entry differs
// from what was saved.
type record struct {
	name    string
	entry   *widget.Entry
	saved   string
	refuse  bool // the next save fails
	content fyne.CanvasObject
}

func newRecord(name string) *record {
	r := &record{name: name, entry: widget.NewEntry(), saved: name}
	r.entry.SetText(name)
	r.content = container.NewVBox(widget.NewLabel(name), r.entry)
	return r
}

func (r *record) Content() fyne.CanvasObject { return r.content }
func (r *record) Dirty() bool                { return r.entry.Text != r.saved }
func (r *record) Unsaved() (string, string)  { return "Unsaved " + r.name, r.name + " is not saved" }
func (r *record) Save(then func()) {
	if r.refuse {
		return
	}
	r.saved = r.entry.Text
	then()
}

type masterDetail struct {
	m        *MasterDetail
	list     *widget.Label
	held     []func()
	question *Question
	asked    string
	stayed   int
}

func newMasterDetail(t *testing.T) *masterDetail {
	test.NewTempApp(t)
	f := &masterDetail{list: widget.NewLabel("the list")}
	f.m = NewMasterDetail(f.list)
	f.m.Window = test.NewTempWindow(t, f.m.Content())
	f.m.Run = func(job func()) { f.held = append(f.held, job) }
	f.m.Ask = func(title, message string, choices ...Choice) {
		f.asked = title + ": " + message
		f.question = Ask(f.m.Window, title, message, choices...)
	}
	f.m.Stay = func() { f.stayed++ }
	return f
}

// shown is what the screen shows: the list alone, or the split.
func (f *masterDetail) shown() fyne.CanvasObject { return f.m.Content().(*fyne.Container).Objects[0] }

func TestMasterDetailShowsTheLatestLoad(t *testing.T) {
	f := newMasterDetail(t)
	if f.shown() != f.list {
		t.Fatal("the list does not start alone")
	}
	a, b := newRecord("A"), newRecord("B")
	f.m.Load(func() (func(), error) { return func() { f.m.Show(a) }, nil })
	f.m.Load(func() (func(), error) { return func() { f.m.Show(b) }, nil })
	f.held[1]()
	f.held[0]() // the older load answers last: dropped
	split, ok := f.shown().(*container.Split)
	if !ok || f.m.Open() != b || split.Trailing != b.content || split.Leading != f.list {
		t.Fatalf("open %v, shown %T", f.m.Open(), f.shown())
	}
	f.m.Load(func() (func(), error) { return func() { f.m.Show(a) }, nil })
	f.m.Close()
	f.held[2]() // a load the closing overtook
	if f.shown() != f.list || f.m.Open() != nil {
		t.Error("a load finished after the detail closed reopened it")
	}
	f.m.Load(func() (func(), error) { return nil, errors.New("disk full") })
	f.held[3]()
	if f.m.Open() != nil || f.m.Window.Canvas().Overlays().Top() == nil {
		t.Error("a failed load showed no error")
	}
}

func TestMasterDetailAsksBeforeLeavingUnsavedChanges(t *testing.T) {
	f := newMasterDetail(t)
	a := newRecord("A")
	f.m.Show(a)
	left := 0
	leave := func() { left++ }
	f.m.ConfirmLeave(leave)
	if left != 1 || f.question != nil {
		t.Fatal("a clean detail asked before leaving")
	}
	a.entry.SetText("A2")
	f.m.ConfirmLeave(leave)
	if left != 1 || f.asked != "Unsaved A: A is not saved" {
		t.Fatalf("left %d times; asked %q", left, f.asked)
	}
	test.Tap(f.question.Button("Cancel"))
	if left != 1 || f.stayed != 1 || !f.m.Dirty() {
		t.Errorf("Cancel: left %d, stayed %d", left, f.stayed)
	}
	a.refuse = true
	f.m.ConfirmLeave(leave)
	test.Tap(f.question.Button("Save"))
	if left != 1 {
		t.Error("left although the save failed")
	}
	a.refuse = false
	f.m.ConfirmLeave(leave)
	test.Tap(f.question.Button("Save"))
	if left != 2 || a.saved != "A2" || f.m.Dirty() {
		t.Errorf("Save: left %d, saved %q", left, a.saved)
	}
	a.entry.SetText("A3")
	f.m.ConfirmLeave(leave)
	test.Tap(f.question.Button("Discard changes"))
	if left != 3 || a.saved != "A2" {
		t.Errorf("Discard: left %d, saved %q", left, a.saved)
	}
}
