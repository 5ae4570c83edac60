package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// fakePlacement is a platform that tells and sets the window's position.
type fakePlacement struct {
	x, y  int
	moves int
}

func (p *fakePlacement) Position() (int, int, bool) { return p.x, p.y, true }
func (p *fakePlacement) Move(x, y int)              { p.x, p.y, p.moves = x, y, p.moves+1 }

// started runs what the app does once its first window shows.
func started(t *testing.T, a fyne.App) {
	t.Helper()
	if l, ok := a.Lifecycle().(interface{ OnStarted() func() }); ok && l.OnStarted() != nil {
		l.OnStarted()()
	}
}

// TestWindowSizeAndPositionRestored: the first window fits the screen it
// opens on; quitting (Ctrl+Q) keeps its size and position, and the next start
// opens it there; a position on a monitor that is gone is left to the platform.
func TestWindowSizeAndPositionRestored(t *testing.T) {
	s, _, w := newShell(t)
	a := s.d.App
	laptop := Screen{Width: 1366, Height: 728}
	PlaceWindow(a, w, laptop, nil)
	if got := w.Canvas().Size(); got.Width > 1366 || got.Height > 728-30 {
		t.Errorf("the first window is %v on a 1366×728 work area", got)
	}
	small := Screen{Width: 1024, Height: 700}
	PlaceWindow(a, w, small, nil)
	if got := w.Canvas().Size(); got.Width > 1024 || got.Height > 700-30 {
		t.Errorf("the first window is %v on a 1024×700 work area", got)
	}

	p := &fakePlacement{x: 130, y: 70}
	s.d.Placement = p
	w.Resize(fyne.NewSize(1100, 650))
	menuAction(t, w, fyne.KeyQ)()

	w2 := test.NewTempWindow(t, nil)
	p2 := &fakePlacement{}
	PlaceWindow(a, w2, laptop, p2)
	started(t, a)
	if got := w2.Canvas().Size(); got != fyne.NewSize(1100, 650) {
		t.Errorf("the window came back at %v, want 1100×650", got)
	}
	if p2.x != 130 || p2.y != 70 || p2.moves != 1 {
		t.Errorf("the window came back at %d,%d (%d moves), want 130,70", p2.x, p2.y, p2.moves)
	}

	// The window was last on a second monitor, now unplugged.
	a.Preferences().SetInt(prefWindowX, 3000)
	w3 := test.NewTempWindow(t, nil)
	p3 := &fakePlacement{}
	PlaceWindow(a, w3, laptop, p3)
	started(t, a)
	if p3.moves != 0 {
		t.Errorf("the window was moved to %d,%d, off every screen", p3.x, p3.y)
	}
	// A smaller screen than the one it was saved on: it fits.
	w4 := test.NewTempWindow(t, nil)
	PlaceWindow(a, w4, Screen{Width: 1000, Height: 600}, nil)
	if got := w4.Canvas().Size(); got.Width > 1000 || got.Height > 600 {
		t.Errorf("the window is %v on a 1000×600 screen", got)
	}
}
