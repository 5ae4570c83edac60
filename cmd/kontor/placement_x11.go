//go:build linux && !wayland

package main

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>
#include <X11/Xutil.h>

// kontor_position reads where the window's inside is on the screen.
static int kontor_position(unsigned long win, int *x, int *y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return 0;
	Window child;
	int ok = XTranslateCoordinates(d, (Window)win, DefaultRootWindow(d), 0, 0, x, y, &child);
	XCloseDisplay(d);
	return ok;
}

// kontor_move puts the window's inside at x, y: the position is marked as
// the user's and the gravity static, so a window manager places the window
// there rather than where it likes, and does not shift it by its frame.
static void kontor_move(unsigned long win, int x, int y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return;
	XSizeHints *h = XAllocSizeHints();
	long supplied;
	XGetWMNormalHints(d, (Window)win, h, &supplied);
	h->flags |= USPosition | PWinGravity;
	h->x = x;
	h->y = y;
	h->win_gravity = StaticGravity;
	XSetWMNormalHints(d, (Window)win, h);
	XFree(h);
	XMoveWindow(d, (Window)win, x, y);
	XFlush(d);
	XCloseDisplay(d);
}

// kontor_pointer reads where the pointer is on the screen.
static int kontor_pointer(int *x, int *y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return 0;
	Window root, child;
	int wx, wy;
	unsigned int mask;
	int ok = XQueryPointer(d, DefaultRootWindow(d), &root, &child, x, y, &wx, &wy, &mask);
	XCloseDisplay(d);
	return ok;
}
*/
import "C"

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// x11Placement reads and sets the main window's position through Xlib, with
// the window Fyne's X11 driver made.
type x11Placement struct{ w fyne.Window }

func newPlacement(w fyne.Window) *x11Placement {
	if _, ok := w.(driver.NativeWindow); !ok {
		return nil
	}
	return &x11Placement{w: w}
}

// handle is the X11 window, 0 while there is none.
func (p *x11Placement) handle() C.ulong {
	var h uintptr
	p.w.(driver.NativeWindow).RunNative(func(ctx any) {
		if x, ok := ctx.(driver.X11WindowContext); ok {
			h = x.WindowHandle
		}
	})
	return C.ulong(h)
}

func (p *x11Placement) Position() (x, y int, ok bool) {
	h := p.handle()
	if h == 0 {
		return 0, 0, false
	}
	var cx, cy C.int
	if C.kontor_position(h, &cx, &cy) == 0 {
		return 0, 0, false
	}
	return int(cx), int(cy), true
}

func (p *x11Placement) Move(x, y int) {
	if h := p.handle(); h != 0 {
		C.kontor_move(h, C.int(x), C.int(y))
	}
}

func (p *x11Placement) pointer() (x, y int, ok bool) {
	var cx, cy C.int
	if C.kontor_pointer(&cx, &cy) == 0 {
		return 0, 0, false
	}
	return int(cx), int(cy), true
}
