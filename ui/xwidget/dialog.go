package xwidget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
)

// Dialog is a modal dialog of Kontor's: its own buttons in its body, and
// Escape closes it, whether the keyboard is in one of its entries or
// nowhere. OnEscape, when set, runs instead of closing (a question answers
// with its first choice).
type Dialog struct {
	*dialog.CustomDialog
	w        fyne.Window
	body     fyne.CanvasObject
	OnEscape func()
	onClosed func()
}

// NewDialog builds a dialog of body titled title over w; Show shows it.
func NewDialog(title string, body fyne.CanvasObject, w fyne.Window) *Dialog {
	d := &Dialog{CustomDialog: dialog.NewCustomWithoutButtons(title, body, w), w: w, body: body}
	d.CustomDialog.SetOnClosed(func() {
		d.forget()
		if d.onClosed != nil {
			d.onClosed()
		}
	})
	return d
}

// NewDismissDialog is NewDialog with a button under body labelled dismiss
// that closes it, for a dialog that only shows something or offers a choice.
func NewDismissDialog(title, dismiss string, body fyne.CanvasObject, w fyne.Window) *Dialog {
	d := &Dialog{CustomDialog: dialog.NewCustom(title, dismiss, body, w), w: w, body: body}
	d.CustomDialog.SetOnClosed(func() {
		d.forget()
		if d.onClosed != nil {
			d.onClosed()
		}
	})
	return d
}

// Fit gives the dialog size, or as much of it as the window has room for:
// a dialog sized for a desktop still fits a 1024×700 laptop window.
func (d *Dialog) Fit(size fyne.Size) {
	if d.w != nil {
		room := d.w.Canvas().Size().Subtract(fyne.NewSize(2*theme.Padding()+16, 2*theme.Padding()+48))
		if room.Width > 0 && room.Height > 0 {
			size = size.Min(room)
		}
	}
	d.Resize(size)
}

// SetOnClosed runs closed after the dialog was closed, however.
func (d *Dialog) SetOnClosed(closed func()) { d.onClosed = closed }

// Show shows the dialog and lets Escape close it.
func (d *Dialog) Show() {
	d.CustomDialog.Show()
	d.listen()
}

// Hide closes the dialog.
func (d *Dialog) Hide() {
	d.forget()
	d.CustomDialog.Hide()
}

// Escape closes the dialog as the Escape key does.
func (d *Dialog) Escape() {
	if d.OnEscape != nil {
		d.OnEscape()
		return
	}
	d.Hide()
}

// escaper is a dialog shown that the Escape key closes.
type escaper interface{ Escape() }

// open are the dialogs shown, per canvas, the last on top; hooked are the
// canvases whose typed keys pass by them.
var (
	open   = map[fyne.Canvas][]escaper{}
	hooked = map[fyne.Canvas]bool{}
)

// listen gives every entry of the dialog Escape, and the canvas too, for
// when no entry has the keyboard.
func (d *Dialog) listen() {
	if d.w == nil {
		return
	}
	c := d.w.Canvas()
	walkShown(d.body, func(o fyne.CanvasObject) {
		if e, ok := o.(escapable); ok {
			e.setCloser(d.Escape)
		}
	})
	listenEscape(c, d)
}

// listenEscape lets the Escape key typed on c, when no entry has the
// keyboard, close e, the dialog on top of c's dialogs.
func listenEscape(c fyne.Canvas, e escaper) {
	if !hooked[c] {
		hooked[c] = true
		prev := c.OnTypedKey()
		c.SetOnTypedKey(func(k *fyne.KeyEvent) {
			if ds := open[c]; k.Name == fyne.KeyEscape && len(ds) > 0 {
				ds[len(ds)-1].Escape()
				return
			}
			if prev != nil {
				prev(k)
			}
		})
	}
	open[c] = append(open[c], e)
}

func (d *Dialog) forget() {
	if d.w != nil {
		forgetEscape(d.w.Canvas(), d)
	}
}

// forgetEscape takes e, closed, off c's dialogs.
func forgetEscape(c fyne.Canvas, e escaper) {
	ds := open[c]
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i] == e {
			open[c] = append(ds[:i:i], ds[i+1:]...)
			break
		}
	}
}

// walkShown visits o and everything drawn inside it.
func walkShown(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkShown(c, visit)
		}
	case *container.Scroll:
		walkShown(x.Content, visit)
	case fyne.Widget:
		for _, c := range cachedObjects(x) {
			walkShown(c, visit)
		}
	}
}
