// Package uitest is what the screens' tests share: Kontor's English
// translations for the test binary, the tests' clock, a window to put a
// screen in, and ways to read, answer and type into what a screen shows.
package uitest

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/language"
	"kontor/ui/xwidget"
)

// Main loads Kontor's English translations, so the screens read as in the
// app (plural forms included) and assertions can name the English text, and
// runs the tests. A screen's package calls it from its TestMain.
func Main(m *testing.M) {
	if err := language.Apply("en"); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// Today is the tests' day: Friday 27 November 2026.
var Today = domain.NewDate(2026, 11, 27)

// At is the time of day hour:min on Today, local time.
func At(hour, min int) time.Time { return time.Date(2026, 11, 27, hour, min, 0, 0, time.Local) }

// Window starts a test app and returns an empty window of width × height;
// both go when the test ends.
func Window(t testing.TB, width, height float32) fyne.Window {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(width, height))
	return w
}

// Answer taps the button labelled label in q, the question a screen asked last.
func Answer(t testing.TB, q *xwidget.Question, label string) {
	t.Helper()
	if q == nil {
		t.Fatalf("no question was asked (wanted to answer %q)", label)
	}
	b := q.Button(label)
	if b == nil {
		t.Fatalf("the question has no %q button", label)
	}
	test.Tap(b)
}

// Text is every text shown under o, a line each: labels, buttons, rich text.
func Text(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.Button:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		}
	})
	return b.String()
}

// OverlayText is every text shown in w's dialogs.
func OverlayText(w fyne.Window) string {
	var b strings.Builder
	for _, o := range w.Canvas().Overlays().List() {
		b.WriteString(Text(o))
	}
	return b.String()
}

// Button finds the first button labelled label under o.
func Button(t testing.TB, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == label && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button", label)
	}
	return found
}

// walk visits o and everything it shows: a container's objects, a widget's
// rendered parts.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, visit)
		}
	}
}

// Focused is what has w's keyboard; the test fails when nothing has it.
func Focused(t testing.TB, w fyne.Window) fyne.Focusable {
	t.Helper()
	o := w.Canvas().Focused()
	if o == nil {
		t.Fatal("nothing has the keyboard")
	}
	return o
}

// Press presses key k in whatever has w's keyboard; Tab moves the keyboard
// on, as the window does, unless what has it takes Tabs (a multi-line entry
// of Fyne's types them).
func Press(t testing.TB, w fyne.Window, k fyne.KeyName) {
	t.Helper()
	if k == fyne.KeyTab {
		if tb, ok := w.Canvas().Focused().(fyne.Tabbable); !ok || !tb.AcceptsTab() {
			w.Canvas().FocusNext()
			return
		}
	}
	Focused(t, w).TypedKey(&fyne.KeyEvent{Name: k})
}

// Escape presses Escape as the window does: in what has the keyboard, else
// on the canvas.
func Escape(w fyne.Window) {
	ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if k := w.Canvas().OnTypedKey(); k != nil {
		k(ev)
	}
}

// Buttons are the buttons w's content shows, in the order drawn, those an
// action bar keeps in its menu included.
func Buttons(w fyne.Window) []*widget.Button {
	var out []*widget.Button
	seen := map[*widget.Button]bool{}
	add := func(b *widget.Button) {
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	shown(w.Canvas().Content(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			add(x)
		case *xwidget.IconButton:
			add(&x.Button)
		case *xwidget.ActionBar:
			for _, b := range x.Buttons() {
				if b.Visible() {
					add(b)
				}
			}
		}
	})
	return out
}

// shown visits the visible objects under o.
func shown(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			shown(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			shown(c, visit)
		}
	}
}
