package xwidget

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
)

// TestActionBarMovesWhatDoesNotFitIntoItsMenu: in a narrow row the buttons
// that do not fit go into the More menu, in order, and come back when the row
// widens; a hidden button is neither in the row nor in the menu.
func TestActionBarMovesWhatDoesNotFitIntoItsMenu(t *testing.T) {
	test.NewTempApp(t)
	var tapped []string
	var buttons []*widget.Button
	for _, s := range []string{"Save", "Archive", "Delete", "Statement…"} {
		buttons = append(buttons, widget.NewButton(s, func() { tapped = append(tapped, s) }))
	}
	bar := NewActionBar(buttons...)
	w := test.NewWindow(container.NewStack(bar))
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 60))
	if moved := bar.Moved(); len(moved) != 0 {
		t.Fatalf("a wide row moved %d buttons into the menu", len(moved))
	}
	narrow := buttons[0].MinSize().Width + buttons[1].MinSize().Width + 3*theme.Padding() + bar.more.MinSize().Width
	w.Resize(fyne.NewSize(narrow+2*theme.Padding()+1, 60))
	moved := bar.Moved()
	if len(moved) != 2 || moved[0] != buttons[2] || moved[1] != buttons[3] {
		t.Fatalf("a narrow row moved %v", texts(moved))
	}
	if !bar.more.Visible() || bar.more.Position().X+bar.more.Size().Width > bar.Size().Width+1 {
		t.Errorf("More at %v, %v in a bar of %v", bar.more.Position(), bar.more.Size(), bar.Size())
	}
	test.Tap(bar.more)
	menu := w.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("More shows no menu")
	}
	item := findMenuItem(menu, "Delete")
	if item == nil {
		t.Fatal("the menu lacks Delete")
	}
	test.Tap(item)
	if len(tapped) != 1 || tapped[0] != "Delete" {
		t.Errorf("the menu's Delete tapped %v", tapped)
	}
	buttons[2].Hide()
	bar.Refresh()
	for _, b := range bar.Moved() {
		if b == buttons[2] {
			t.Error("a hidden button is in the menu")
		}
	}
	w.Resize(fyne.NewSize(1000, 60))
	if moved := bar.Moved(); len(moved) != 0 || len(bar.Buttons()) != 4 {
		t.Errorf("widened again: %v moved, %d buttons", texts(moved), len(bar.Buttons()))
	}
}

func texts(bs []*widget.Button) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Text)
	}
	return out
}

// findMenuItem finds the innermost tappable item labelled text under o.
func findMenuItem(o fyne.CanvasObject, text string) fyne.Tappable {
	var found fyne.Tappable
	walkShown(o, func(x fyne.CanvasObject) {
		tap, tappable := x.(fyne.Tappable)
		if _, ok := x.(fyne.Widget); !ok || !tappable {
			return
		}
		walkShown(x, func(y fyne.CanvasObject) {
			if tx, ok := y.(*canvas.Text); ok && tx.Text == text {
				found = tap
			}
		})
	})
	return found
}

// TestTipsSayWhatIsUnderThePointer: resting on an icon button shows its
// tip, and on a label cut short its whole text; leaving hides it.
func TestTipsSayWhatIsUnderThePointer(t *testing.T) {
	test.NewTempApp(t)
	old := TipDelay
	TipDelay = 0
	defer func() { TipDelay = old }()
	icon := NewIconButton(theme.FolderOpenIcon(), "Choose the logo file", nil)
	long := widget.NewLabel("Dom Handlowy Tomaszewski Sp. z o.o. Spółka Komandytowa")
	long.Truncation = fyne.TextTruncateEllipsis
	tips := NewTips(container.NewBorder(nil, nil, icon, nil, long))
	w := test.NewWindow(tips)
	defer w.Close()
	w.Resize(fyne.NewSize(200, 60))
	hover := func(o fyne.CanvasObject) {
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
		test.MoveMouse(w.Canvas(), at)
	}
	hover(icon)
	if got := tips.Shown(); got != "Choose the logo file" {
		t.Errorf("over the icon the tip is %q", got)
	}
	hover(long)
	if got := tips.Shown(); got != long.Text {
		t.Errorf("over the cut name the tip is %q", got)
	}
	tips.catcher.MouseOut()
	if got := tips.Shown(); got != "" {
		t.Errorf("after leaving the tip is %q", got)
	}
}

// TestMeterTellsEmptyFromFull: the empty part of a meter is the dark track
// of an input, not the colour of the filled part, so 0 % and 100 % differ.
func TestMeterTellsEmptyFromFull(t *testing.T) {
	test.NewTempApp(t)
	fyne.CurrentApp().Settings().SetTheme(Theme())
	m := NewMeter()
	m.Resize(fyne.NewSize(200, 30))
	m.Set(0, 100, "0 %")
	r := test.WidgetRenderer(m).(*meterRenderer)
	if r.fill.Size().Width != 0 || luminance(r.track.FillColor) > 0.3 {
		t.Errorf("empty: fill %v wide, track %v", r.fill.Size().Width, r.track.FillColor)
	}
	m.Set(100, 100, "100 %")
	if r.fill.Size().Width != 200 || luminance(r.fill.FillColor)-luminance(r.track.FillColor) < 0.2 {
		t.Errorf("full: fill %v wide, %v on %v", r.fill.Size().Width, r.fill.FillColor, r.track.FillColor)
	}
	m.Set(150, 100, "150 %")
	if f := m.Fraction(); f != 1 {
		t.Errorf("over the limit the meter is %v full", f)
	}
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// TestTermsReadAsWritten: payment terms read back as the user's language
// writes them, and the forms a Polish user types are understood.
func TestTermsReadAsWritten(t *testing.T) {
	test.NewTempApp(t)
	for _, p := range []domain.PaymentTerms{{Days: 0}, {Days: 14}, {Days: 30, EOM: true}, {Days: 1}} {
		got, err := ParseTerms(TermsText(p))
		if err != nil || got != p {
			t.Errorf("%+v writes %q, reads %+v (%v)", p, TermsText(p), got, err)
		}
	}
	for text, want := range map[string]domain.PaymentTerms{
		"30 dni": {Days: 30}, "14 dni netto": {Days: 14}, "30 dni od końca miesiąca": {Days: 30, EOM: true},
		"60 dni KM": {Days: 60, EOM: true}, " 7 ": {Days: 7},
	} {
		if got, err := ParseTerms(text); err != nil || got != want {
			t.Errorf("%q reads %+v (%v), want %+v", text, got, err, want)
		}
	}
	if _, err := ParseTerms("wkrótce"); err == nil {
		t.Error("words that are no terms were read")
	}
}

// TestDatePickerWritesTheDayPicked: the calendar opens on the entry's date,
// a picked day is written in the entry's form (a time kept), and Escape or
// a tap outside closes it without a change.
func TestDatePickerWritesTheDayPicked(t *testing.T) {
	test.NewTempApp(t)
	e := widget.NewEntry()
	e.SetText("15.03.2027")
	changed := 0
	e.OnChanged = func(string) { changed++ }
	picker := DatePicker(e, domain.Polish, false, func() domain.Date { return domain.NewDate(2026, 11, 27) })
	w := test.NewWindow(container.NewVBox(e))
	defer w.Close()
	w.Resize(fyne.NewSize(400, 300))
	test.Tap(picker)
	pop, ok := w.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatal("the picker shows no calendar")
	}
	cal := pop.Content.(*Calendar)
	if cal.Month() != (domain.Month{Year: 2027, Month: 3}) {
		t.Errorf("the calendar opens on %v", cal.Month())
	}
	if p := pop.Content.Position(); p.Y+pop.Content.Size().Height > w.Canvas().Size().Height+1 {
		t.Errorf("the calendar runs off the window: %v, %v", p, pop.Content.Size())
	}
	cal.Pick(domain.NewDate(2027, 3, 31))
	if e.Text != "31.03.2027" || changed != 1 || w.Canvas().Overlays().Top() != nil {
		t.Errorf("picked: %q, %d changes, overlay %v", e.Text, changed, w.Canvas().Overlays().Top())
	}

	at := widget.NewEntry()
	at.SetText("15.03.2027 14:30")
	withTime := DatePicker(at, domain.Polish, true, nil)
	w.SetContent(container.NewVBox(at))
	test.Tap(withTime)
	w.Canvas().Overlays().Top().(*widget.PopUp).Content.(*Calendar).Pick(domain.NewDate(2027, 4, 1))
	if at.Text != "01.04.2027 14:30" {
		t.Errorf("a date and time picked: %q", at.Text)
	}
	if _, focusable := withTime.(fyne.Focusable); focusable {
		t.Error("the calendar button takes the keyboard: Tab would stop on it")
	}
}

// TestDialogClosesOnEscape: Escape closes the top dialog whether an entry of
// it has the keyboard or nothing has; OnEscape answers instead when set.
func TestDialogClosesOnEscape(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("under"))
	defer w.Close()
	w.Resize(fyne.NewSize(600, 400))
	e := NewEntry()
	d := NewDialog("Dialog", container.NewVBox(e), w)
	closed := 0
	d.SetOnClosed(func() { closed++ })
	d.Show()
	w.Canvas().Focus(e)
	test.Type(e, "x")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil || closed != 1 {
		t.Errorf("Escape in the entry left the dialog open (closed %d)", closed)
	}
	d2 := NewDialog("Other", widget.NewLabel("text"), w)
	answered := false
	d2.OnEscape = func() { answered = true; d2.Hide() }
	d2.Show()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !answered || w.Canvas().Overlays().Top() != nil {
		t.Errorf("Escape with no entry: answered %v, overlay %v", answered, w.Canvas().Overlays().Top())
	}
}

// TestErrorOverADialogClosesFirst: an error shown over a form is a dialog
// of Kontor's: Escape closes the error and leaves the form, the next Escape
// the form.
func TestErrorOverADialogClosesFirst(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("under"))
	defer w.Close()
	w.Resize(fyne.NewSize(600, 400))
	form := NewDialog("Form", widget.NewLabel("fields"), w)
	form.Show()
	alert.Error(w, domain.Errorf(domain.EInvalid, "x", "the amount is not a number", nil))
	if n := len(w.Canvas().Overlays().List()); n != 2 {
		t.Fatalf("%d dialogs shown, want the form and the error", n)
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if n := len(w.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("after Escape %d dialogs shown, want the form", n)
	}
	if !strings.Contains(overlayText(w.Canvas().Overlays().Top()), "fields") {
		t.Errorf("Escape closed the form under the error")
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the second Escape left %v", top)
	}
}

// overlayText is the text of the labels shown under o.
func overlayText(o fyne.CanvasObject) string {
	var out []string
	walkShown(o, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return strings.Join(out, " | ")
}

var _ desktop.Hoverable = (*tipCatcher)(nil)

// TestTitleBarFollowsItsTitle: a title set after the bar was laid out (an
// account's name loaded in the background) gets the room it needs when the
// row has it, instead of the width of the text it replaced.
func TestTitleBarFollowsItsTitle(t *testing.T) {
	test.NewTempApp(t)
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	bar := NewTitleBar(title, NewActionBar(widget.NewButton("Save", nil), widget.NewButton("Archive", nil)),
		widget.NewButton("×", nil))
	w := test.NewWindow(bar)
	defer w.Close()
	w.Resize(fyne.NewSize(900, 100))
	SetTitle(bar, "Janonet s.c.")
	if got, want := title.Size().Width, natural(title); got < want {
		t.Errorf("the title has %.0f px for the %.0f its text needs", got, want)
	}
	if text := renderedText(title); text != "Janonet s.c." {
		t.Errorf("the title shows %q", text)
	}
}

// renderedText is the text o draws, as cut.
func renderedText(o fyne.CanvasObject) string {
	var out string
	walkShown(o, func(c fyne.CanvasObject) {
		if t, ok := c.(*canvas.Text); ok {
			out += t.Text
		}
	})
	return out
}
