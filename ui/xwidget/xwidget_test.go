package xwidget

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestSearchEntryForwardsArrows(t *testing.T) {
	test.NewTempApp(t)
	e := NewSearchEntry()
	var moves []int
	submitted := ""
	e.OnMove = func(d int) { moves = append(moves, d) }
	e.OnSubmitted = func(s string) { submitted = s }
	test.Type(e, "lodz")
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyUp, fyne.KeyPageDown} {
		e.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if len(moves) != 4 || moves[0] != 1 || moves[2] != -1 || moves[3] != 10 {
		t.Errorf("moves = %v", moves)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if submitted != "lodz" {
		t.Errorf("Enter submitted %q", submitted)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Text != "" {
		t.Errorf("Escape left %q", e.Text)
	}
}

func TestFieldShowsProblemUnderEntry(t *testing.T) {
	test.NewTempApp(t)
	f := NewEntryField()
	test.NewTempWindow(t, f)
	before := f.MinSize().Height
	if !f.SetProblem("required") || f.Problem() != "required" {
		t.Fatal("problem not set")
	}
	if f.MinSize().Height <= before {
		t.Error("the problem line takes no room")
	}
	if f.SetProblem("required") {
		t.Error("setting the same problem reported a change")
	}
	f.SetProblem("")
	if f.MinSize().Height != before {
		t.Error("the cleared problem still takes room")
	}
}

func TestAskAnswers(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("body"))
	answered := ""
	q := Ask(w, "Title", "Message", Choice{Label: "No"}, Choice{Label: "Yes", Action: func() { answered = "yes" }})
	test.Tap(q.Button("Yes"))
	if answered != "yes" || q.Button("Maybe") != nil {
		t.Errorf("answered %q", answered)
	}
}

// TestEscapeCancelsFileDialog: Escape typed with no entry holding the
// keyboard cancels Fyne's folder dialog as its Cancel button does.
func TestEscapeCancelsFileDialog(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("Kontor"))
	defer w.Close()
	w.Resize(fyne.NewSize(1024, 700))
	cancelled := false
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) { cancelled = u == nil && err == nil }, w)
	ShowFileDialog(d, w)
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("the folder dialog is not shown")
	}
	w.Canvas().(test.WindowlessCanvas).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil || !cancelled {
		t.Errorf("after Escape: dialog shown %v, cancelled %v", w.Canvas().Overlays().Top() != nil, cancelled)
	}
	if len(open[w.Canvas()]) != 0 {
		t.Errorf("%d dialogs still listen for Escape", len(open[w.Canvas()]))
	}
}
