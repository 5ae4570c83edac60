package uitest

import (
	"fmt"
	"image/png"
	"os"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window sizes every screen and dialog must be usable at: the small
// laptop, the common laptop and the desktop screen.
var (
	Small   = fyne.NewSize(1024, 700)
	Laptop  = fyne.NewSize(1366, 768)
	Desktop = fyne.NewSize(1920, 1080)
	Sizes   = []fyne.Size{Small, Laptop, Desktop}
)

// tolerance absorbs float rounding in the layouts' arithmetic.
const tolerance = 0.5

// RealTheme makes the test app draw with Fyne's own theme, the one the app
// runs with, so that text and padding measure as on screen: the test theme's
// sizes differ.
func RealTheme() {
	fyne.CurrentApp().Settings().SetTheme(theme.DefaultTheme())
}

// LayoutProblems lists what is wrong with the layout of everything w shows,
// its content and its dialogs, a line each: an object shown smaller than its
// minimum size (cut off, or drawn over its neighbours), an object outside
// the window (out of reach), and a container whose objects are not where its
// layout puts them (a row that appeared without the rows below moving).
// Inside a scroller an object may extend past what is in view; a scroller
// or a hidden object is not looked into beyond that.
func LayoutProblems(w fyne.Window) []string {
	c := w.Canvas()
	win := rect{0, 0, c.Size().Width, c.Size().Height}
	k := &checker{win: win}
	if content := c.Content(); content != nil {
		// A real window is never smaller than what its content needs: a
		// content that needs more than the screen runs off its edge there,
		// however its parts are laid out in a test window.
		if m := content.MinSize(); m.Width > win.w+tolerance || m.Height > win.h+tolerance {
			k.problems = append(k.problems, fmt.Sprintf("the window's content needs %.0f×%.0f, more than the window (%s)",
				m.Width, m.Height, minSizeCulprits(content, win)))
		}
		k.walk(content, nil, content.Position(), win, false, typeName(content))
	}
	for i, o := range c.Overlays().List() {
		k.walk(o, nil, o.Position(), win, false, fmt.Sprintf("overlay%d/%s", i, typeName(o)))
	}
	return k.problems
}

// CheckLayout fails t for each of LayoutProblems(w), naming what.
func CheckLayout(t testing.TB, w fyne.Window, what string) {
	t.Helper()
	probs := LayoutProblems(w)
	const most = 12
	for i, p := range probs {
		if i == most {
			t.Errorf("%s at %v: … and %d more layout problems", what, w.Canvas().Size(), len(probs)-most)
			break
		}
		t.Errorf("%s at %v: %s", what, w.Canvas().Size(), p)
	}
}

// AtEachSize checks w's layout as it is, then resizes w to each of Sizes
// and checks it there; check runs after each resize for what a test adds (a
// column it wants visible). The first check finds what a change left stale:
// a resize lays everything out afresh.
func AtEachSize(t testing.TB, w fyne.Window, what string, check func(size fyne.Size)) {
	t.Helper()
	CheckLayout(t, w, what)
	for _, size := range Sizes {
		w.Resize(size)
		CheckLayout(t, w, what)
		if check != nil {
			check(size)
		}
	}
}

type rect struct{ x, y, w, h float32 }

func (r rect) intersect(o rect) rect {
	x1, y1 := max(r.x, o.x), max(r.y, o.y)
	x2, y2 := min(r.x+r.w, o.x+o.w), min(r.y+r.h, o.y+o.h)
	return rect{x1, y1, max(0, x2-x1), max(0, y2-y1)}
}

func (r rect) empty() bool { return r.w <= tolerance || r.h <= tolerance }

// inside reports whether r lies within o.
func (r rect) inside(o rect) bool {
	return r.x >= o.x-tolerance && r.y >= o.y-tolerance &&
		r.x+r.w <= o.x+o.w+tolerance && r.y+r.h <= o.y+o.h+tolerance
}

type checker struct {
	win      rect
	problems []string
}

func (k *checker) report(path, format string, args ...any) {
	if parts := strings.Split(path, "/"); len(parts) > 4 { // the end of the path names the object
		path = "…/" + strings.Join(parts[len(parts)-4:], "/")
	}
	k.problems = append(k.problems, path+": "+fmt.Sprintf(format, args...))
}

// walk checks o, at absolute position pos, shown within clip; scrolled says
// whether o is inside a scroller's content, where it may extend past the view.
func (k *checker) walk(o, parent fyne.CanvasObject, pos fyne.Position, clip rect, scrolled bool, path string) {
	if o == nil || !o.Visible() {
		return
	}
	size := o.Size()
	r := rect{pos.X, pos.Y, size.Width, size.Height}
	shown := r.intersect(clip)
	if shown.empty() && (size.Width > tolerance && size.Height > tolerance) {
		return // scrolled out of view
	}
	if typeName(o) == "widget.Shadow" {
		return // a dialog's shadow falls past its edge, and past the window's
	}
	overlay := typeName(o) == "widget.OverlayContainer"
	if overlay {
		scrolled = true // a menu's or a drop-down's layer: the menu in it is checked
	}
	if decoration(o) && (size.Width <= tolerance || size.Height <= tolerance) {
		return // an unused separator or background: it draws nothing
	}
	if c, ok := parent.(*fyne.Container); ok && typeName(c.Layout) == "dialog.dialogLayout" && size.IsZero() {
		return // Fyne's dialogs never lay their title out: the painter draws it whole at its place
	}
	min := o.MinSize()
	if exempt(o, parent) || overlay {
		min = fyne.Size{}
	}
	if size.Width+tolerance < min.Width || size.Height+tolerance < min.Height {
		k.report(path, "shown at %.0f×%.0f, needs %.0f×%.0f%s", size.Width, size.Height, min.Width, min.Height, describe(o))
	}
	if !scrolled && !r.inside(k.win) {
		k.report(path, "at %.0f,%.0f size %.0f×%.0f lies outside the window%s", r.x, r.y, r.w, r.h, describe(o))
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		k.stale(x, path)
		children = x.Objects
	case *container.Scroll:
		clip = clip.intersect(r)
		scrolled = true
		children = []fyne.CanvasObject{x.Content}
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for i, c := range children {
		k.walk(c, o, pos.Add(c.Position()), clip, scrolled, fmt.Sprintf("%s/%d:%s", path, i, typeName(c)))
	}
}

// stale reports a container whose objects are not where its layout would put
// them now: something changed its size or visibility and nobody laid it out
// again, so it overlaps its neighbours or leaves a gap.
func (k *checker) stale(c *fyne.Container, path string) {
	if c.Layout == nil || len(c.Objects) == 0 {
		return
	}
	type placed struct {
		pos     fyne.Position
		size    fyne.Size
		visible bool
	}
	was := make([]placed, len(c.Objects))
	for i, o := range c.Objects {
		was[i] = placed{o.Position(), o.Size(), o.Visible()}
	}
	c.Layout.Layout(c.Objects, c.Size())
	for i, o := range c.Objects {
		now := placed{o.Position(), o.Size(), o.Visible()}
		if !now.visible && !was[i].visible {
			continue
		}
		// A size alone that differs is not reported: an object bigger than
		// it needs looks the same (one too small is reported as such), and
		// a neighbour it would reach into is moved.
		if now.visible != was[i].visible || far(now.pos.X, was[i].pos.X) || far(now.pos.Y, was[i].pos.Y) {
			k.report(fmt.Sprintf("%s/%d:%s", path, i, typeName(o)), "not laid out again: at %.0f,%.0f size %.0f×%.0f, its %s puts it at %.0f,%.0f size %.0f×%.0f%s",
				was[i].pos.X, was[i].pos.Y, was[i].size.Width, was[i].size.Height, typeName(c.Layout),
				now.pos.X, now.pos.Y, now.size.Width, now.size.Height, describe(o))
		}
	}
	// Put everything back: the check only looks.
	for i, o := range c.Objects {
		o.Move(was[i].pos)
		o.Resize(was[i].size)
		if was[i].visible && !o.Visible() {
			o.Show()
		} else if !was[i].visible && o.Visible() {
			o.Hide()
		}
	}
}

// exempt reports whether o's minimum size does not matter where it is:
// Fyne's painter draws a text at its own size whatever size it was given
// (a form's hint is never laid out), and an entry gives its action button
// (a select entry's drop-down, a date's calendar) a little less height than
// it asks for.
func exempt(o, parent fyne.CanvasObject) bool {
	if _, ok := o.(*canvas.Text); ok {
		return true
	}
	if parent == nil {
		return false
	}
	v := reflect.ValueOf(parent)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return false
	}
	item := v.Elem().FieldByName("ActionItem")
	return item.IsValid() && !item.IsNil() && item.Interface() == o
}

// decoration reports whether o only decorates: a line or a background.
func decoration(o fyne.CanvasObject) bool {
	switch o.(type) {
	case *canvas.Rectangle, *canvas.Line, *canvas.Circle, *widget.Separator:
		return true
	}
	return false
}

func far(a, b float32) bool { return a-b > tolerance || b-a > tolerance }

func typeName(o any) string {
	t := reflect.TypeOf(o)
	if t == nil {
		return "nil"
	}
	return strings.TrimPrefix(t.String(), "*")
}

// describe names what an object shows, so a problem can be found on screen.
func describe(o fyne.CanvasObject) string {
	text := ""
	switch x := o.(type) {
	case *widget.Label:
		text = x.Text
	case *widget.Button:
		text = x.Text
	case *widget.Entry:
		text = x.Text
		if text == "" {
			text = x.PlaceHolder
		}
	case *widget.Check:
		text = x.Text
	case *widget.Select:
		text = x.Selected
	case *widget.RichText:
		text = x.String()
	}
	if text == "" {
		if t := Text(o); t != "" {
			text = strings.ReplaceAll(strings.TrimSpace(t), "\n", " | ")
		}
	}
	if len([]rune(text)) > 60 {
		text = string([]rune(text)[:60]) + "…"
	}
	if text == "" {
		return ""
	}
	return fmt.Sprintf(" (%q)", text)
}

// Capture writes what w shows to a PNG file at path, drawn by the test
// driver's painter: a quick look at a layout while working on it.
func Capture(t testing.TB, w fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// minSizeCulprits names the widest or tallest objects under o that need
// more than win: what makes the content too big.
func minSizeCulprits(o fyne.CanvasObject, win rect) string {
	var out []string
	var walk func(o fyne.CanvasObject, path string, depth int)
	walk = func(o fyne.CanvasObject, path string, depth int) {
		if o == nil || !o.Visible() || depth > 40 || len(out) >= 3 {
			return
		}
		m := o.MinSize()
		if m.Width <= win.w+tolerance && m.Height <= win.h+tolerance {
			return
		}
		var children []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			children = x.Objects
		case fyne.Widget:
			children = test.WidgetRenderer(x).Objects()
		}
		before := len(out)
		for i, c := range children {
			walk(c, fmt.Sprintf("%s/%d:%s", path, i, typeName(c)), depth+1)
		}
		if len(out) == before {
			out = append(out, fmt.Sprintf("%s needs %.0f×%.0f (%q)", path, m.Width, m.Height, Text(o)))
		}
	}
	walk(o, typeName(o), 0)
	return strings.Join(out, "; ")
}
