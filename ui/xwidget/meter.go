package xwidget

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Meter is a bar that shows how full something is: a credit limit's use, a
// batch's progress. Fyne's progress bar draws its empty part in the primary
// colour at half strength, so on a dark background an empty bar looks nearly
// as full as a full one; a meter's empty part is the dark track of an input
// and only the filled part is coloured. Its text is written over it.
type Meter struct {
	widget.BaseWidget
	Value, Max float64
	Text       string
	// Importance colours the filled part: High (the default) in the primary
	// colour, Warning and Danger in theirs.
	Importance widget.Importance
}

// NewMeter returns an empty meter.
func NewMeter() *Meter {
	m := &Meter{Max: 1, Importance: widget.HighImportance}
	m.ExtendBaseWidget(m)
	return m
}

// Set shows value of max with text over the bar.
func (m *Meter) Set(value, max float64, text string) {
	m.Value, m.Max, m.Text = value, max, text
	m.Refresh()
}

// Fraction is how full the meter is, from 0 to 1.
func (m *Meter) Fraction() float64 {
	if m.Max <= 0 {
		return 0
	}
	return min(max(m.Value/m.Max, 0), 1)
}

// CreateRenderer draws the track, the filled part and the text.
func (m *Meter) CreateRenderer() fyne.WidgetRenderer {
	r := &meterRenderer{m: m, track: canvas.NewRectangle(color.Transparent), fill: canvas.NewRectangle(color.Transparent),
		text: canvas.NewText("", color.Transparent)}
	r.text.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

type meterRenderer struct {
	m           *Meter
	track, fill *canvas.Rectangle
	text        *canvas.Text
}

func (r *meterRenderer) Layout(size fyne.Size) {
	r.track.Resize(size)
	r.track.Move(fyne.Position{})
	r.fill.Resize(fyne.NewSize(size.Width*float32(r.m.Fraction()), size.Height))
	r.fill.Move(fyne.Position{})
	r.text.Resize(size)
	r.text.Move(fyne.Position{})
}

func (r *meterRenderer) MinSize() fyne.Size {
	th := r.m.Theme()
	text := fyne.MeasureText(r.m.Text, th.Size(theme.SizeNameText), fyne.TextStyle{})
	pad := th.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(text.Width+2*pad, text.Height+pad)
}

func (r *meterRenderer) Refresh() {
	th := r.m.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.track.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.track.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	r.track.StrokeWidth = 1
	r.track.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.fill.CornerRadius = r.track.CornerRadius
	name := theme.ColorNamePrimary
	switch r.m.Importance {
	case widget.WarningImportance:
		name = theme.ColorNameWarning
	case widget.DangerImportance:
		name = theme.ColorNameError
	case widget.SuccessImportance:
		name = theme.ColorNameSuccess
	}
	r.fill.FillColor = th.Color(name, v)
	r.text.Text = r.m.Text
	r.text.TextSize = th.Size(theme.SizeNameText)
	r.text.Color = th.Color(theme.ColorNameForeground, v)
	r.Layout(r.m.Size())
	canvas.Refresh(r.m)
}

func (r *meterRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.text}
}

func (r *meterRenderer) Destroy() {}
