package ui

import (
	"fyne.io/fyne/v2"
)

// Preference keys of the main window's place, kept across starts.
const (
	prefWindowWidth  = "window_width"
	prefWindowHeight = "window_height"
	prefWindowX      = "window_x"
	prefWindowY      = "window_y"
	prefWindowPlaced = "window_placed" // the position was saved (0,0 is a position too)
)

// The size the first window opens at when nothing was saved and the screen
// has room, and the least room a window keeps on any screen.
var (
	defaultWindow = fyne.NewSize(1280, 800)
	minWindow     = fyne.NewSize(640, 480)
)

// Placement is where the platform lets the app read and set its window's
// position on the screen. Fyne 2.7 has no API for it; on X11 cmd/kontor
// provides one. ok is false where the position cannot be read.
type Placement interface {
	Position() (x, y int, ok bool)
	Move(x, y int)
}

// Screen is the part of the screen a window can use, in Fyne's units: the
// work area of the monitor the window opens on, without panels and docks.
// Zero is unknown.
type Screen struct {
	X, Y          int
	Width, Height float32
}

// PlaceWindow gives the main window the size it had when Kontor last quit,
// or 1280×800 the first time, made to fit the screen it opens on; and, where
// the platform lets an app set it, the position it had, when that is still
// on the screen. Call it before the window shows: the size is set at once,
// the position once the window exists (Fyne makes it when it first shows).
func PlaceWindow(a fyne.App, w fyne.Window, screen Screen, p Placement) {
	prefs := a.Preferences()
	size := defaultWindow
	if wd, h := prefs.Float(prefWindowWidth), prefs.Float(prefWindowHeight); wd > 0 && h > 0 {
		size = fyne.NewSize(float32(wd), float32(h))
	}
	size = fitScreen(size, screen)
	w.Resize(size)
	if p == nil || !prefs.Bool(prefWindowPlaced) {
		return
	}
	x, y := prefs.Int(prefWindowX), prefs.Int(prefWindowY)
	if screen.Width > 0 && screen.Height > 0 && !onScreen(x, y, size, screen) {
		return // the monitor it was on is gone: let the platform place it
	}
	a.Lifecycle().SetOnStarted(func() { p.Move(x, y) })
}

// fitScreen makes size fit the screen's work area, leaving room for the
// window's frame; an unknown screen changes nothing.
func fitScreen(size fyne.Size, screen Screen) fyne.Size {
	const frame = 40 // a title bar and borders the window manager adds
	if screen.Width > 0 {
		size.Width = min(size.Width, screen.Width-frame/4)
	}
	if screen.Height > 0 {
		size.Height = min(size.Height, screen.Height-frame)
	}
	return size.Max(minWindow)
}

// onScreen reports whether a window at x, y of size shows enough of itself
// on the screen to be taken and moved.
func onScreen(x, y int, size fyne.Size, screen Screen) bool {
	const grip = 80
	return x+int(size.Width) >= screen.X+grip && x <= screen.X+int(screen.Width)-grip &&
		y >= screen.Y-grip/2 && y <= screen.Y+int(screen.Height)-grip/2
}

// rememberWindow keeps the window's size, and its position where the
// platform tells it, for the next start.
func rememberWindow(a fyne.App, w fyne.Window, p Placement) {
	prefs := a.Preferences()
	size := w.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		prefs.SetFloat(prefWindowWidth, float64(size.Width))
		prefs.SetFloat(prefWindowHeight, float64(size.Height))
	}
	if p == nil {
		return
	}
	if x, y, ok := p.Position(); ok {
		prefs.SetInt(prefWindowX, x)
		prefs.SetInt(prefWindowY, y)
		prefs.SetBool(prefWindowPlaced, true)
	}
}

// SavedPosition is where the window was when Kontor last quit, if the
// platform told.
func SavedPosition(a fyne.App) (x, y int, ok bool) {
	prefs := a.Preferences()
	return prefs.Int(prefWindowX), prefs.Int(prefWindowY), prefs.Bool(prefWindowPlaced)
}
