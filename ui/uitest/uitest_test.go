package uitest

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/xwidget"
)

func TestMain(m *testing.M) { Main(m) }

func TestMainSpeaksEnglish(t *testing.T) {
	if got := lang.X("unsaved.discard", "?"); got != "Discard changes" {
		t.Errorf("unsaved.discard reads %q", got)
	}
}

func TestClock(t *testing.T) {
	if at := At(15, 30); Today.String() != "2026-11-27" || at.Hour() != 15 || at.Minute() != 30 || at.Day() != 27 {
		t.Errorf("today %v, at %v", Today, at)
	}
}

func TestReadAndDriveAWindow(t *testing.T) {
	w := Window(t, 640, 480)
	if w.Canvas().Size().Width < 640 {
		t.Errorf("window %v", w.Canvas().Size())
	}
	tapped := ""
	first, second := widget.NewEntry(), widget.NewEntry()
	var typed []fyne.KeyName
	first.OnSubmitted = func(string) { typed = append(typed, fyne.KeyReturn) }
	w.SetContent(container.NewVBox(widget.NewLabel("Konto K1"), first, second,
		container.NewHBox(widget.NewButton("Zapisz", func() { tapped = "save" }))))
	if got := Text(w.Content()); !strings.Contains(got, "Konto K1\n") || !strings.Contains(got, "Zapisz\n") {
		t.Errorf("window text %q", got)
	}
	Button(t, w.Content(), "Zapisz").OnTapped()
	if tapped != "save" {
		t.Error("the button found is not the one shown")
	}
	w.Canvas().Focus(first)
	Press(t, w, fyne.KeyReturn)
	Press(t, w, fyne.KeyTab)
	if len(typed) != 1 || Focused(t, w) != second {
		t.Errorf("keys: %v, focus on %v", typed, Focused(t, w))
	}

	answered := ""
	q := xwidget.Ask(w, "Usunąć?", "Na pewno?", xwidget.Choice{Label: "Nie"},
		xwidget.Choice{Label: "Tak", Action: func() { answered = "yes" }})
	if got := OverlayText(w); !strings.Contains(got, "Na pewno?") {
		t.Errorf("dialog text %q", got)
	}
	Answer(t, q, "Tak")
	if answered != "yes" {
		t.Error("the answer was not given")
	}
}
