package main

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"

	"kontor/ui"
)

// workArea is the usable part (without panels and docks) of the monitor
// that holds the point x, y in screen pixels, or of the primary monitor
// when none does, in Fyne's units for a canvas of scale. It reads GLFW,
// which Fyne has started by the time a window exists; call it on the main
// goroutine before the app runs.
func workArea(x, y int, scale float32) ui.Screen {
	monitors := glfw.GetMonitors()
	chosen := glfw.GetPrimaryMonitor()
	for _, m := range monitors {
		mx, my, mw, mh := m.GetWorkarea()
		if x >= mx && x < mx+mw && y >= my && y < my+mh {
			chosen = m
			break
		}
	}
	if chosen == nil {
		return ui.Screen{}
	}
	mx, my, mw, mh := chosen.GetWorkarea()
	if scale <= 0 {
		scale = 1
	}
	return ui.Screen{X: mx, Y: my, Width: float32(mw) / scale, Height: float32(mh) / scale}
}

// placeWindow sizes and places the main window before it shows: on the
// monitor it was on when Kontor last quit, else the one under the pointer.
func placeWindow(a fyne.App, w fyne.Window) ui.Placement {
	p := newPlacement(w)
	x, y, ok := ui.SavedPosition(a)
	if !ok && p != nil {
		x, y, _ = p.pointer()
	}
	ui.PlaceWindow(a, w, workArea(x, y, w.Canvas().Scale()), p)
	if p == nil {
		return nil
	}
	return p
}
