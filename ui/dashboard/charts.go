package dashboard

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The charts are drawn with Fyne's canvas in the theme's colours: a bar is a
// widget that says its exact figure on hover (the window's tips read Tip) and
// opens the list behind it when clicked.

// bar is one clickable bar of a chart.
type bar struct {
	widget.BaseWidget
	fill    fyne.ThemeColorName
	faded   bool // drawn lighter: last year's sales
	ghost   bool // drawn only under the pointer: a row's target
	tip     string
	onTap   func()
	hovered bool
	rect    *canvas.Rectangle
}

func newBar(fill fyne.ThemeColorName, faded bool, tip string, onTap func()) *bar {
	b := &bar{fill: fill, faded: faded, tip: tip, onTap: onTap, rect: canvas.NewRectangle(color.Transparent)}
	b.ExtendBaseWidget(b)
	return b
}

// Tip is the bar's exact figure.
func (b *bar) Tip() string { return b.tip }

// Tapped opens what the bar stands for.
func (b *bar) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

// Cursor shows the bar can be clicked.
func (b *bar) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn and MouseOut light the bar up under the pointer.
func (b *bar) MouseIn(*desktop.MouseEvent)    { b.hovered = true; b.Refresh() }
func (b *bar) MouseMoved(*desktop.MouseEvent) {}
func (b *bar) MouseOut()                      { b.hovered = false; b.Refresh() }

func (b *bar) CreateRenderer() fyne.WidgetRenderer {
	b.rect.CornerRadius = 2
	r := &barRenderer{b: b}
	r.Refresh()
	return r
}

type barRenderer struct{ b *bar }

func (r *barRenderer) Layout(size fyne.Size) { r.b.rect.Resize(size) }
func (r *barRenderer) MinSize() fyne.Size    { return fyne.Size{} } // a bar of nothing is as long
func (r *barRenderer) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := color.NRGBAModel.Convert(theme.Current().Color(r.b.fill, v)).(color.NRGBA)
	switch {
	case r.b.ghost && !r.b.hovered:
		c = color.NRGBA{}
	case r.b.ghost:
	case r.b.faded && r.b.hovered:
		c.A = 170
	case r.b.faded:
		c.A = 110
	case r.b.hovered:
		c.A = 200
	}
	r.b.rect.FillColor = c
	r.b.rect.Refresh()
}
func (r *barRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.rect} }
func (r *barRenderer) Destroy()                     {}

// text is a chart's label in the theme's text colour.
func text(s string, size float32, muted bool, align fyne.TextAlign) *canvas.Text {
	c := theme.Color(theme.ColorNameForeground)
	if muted {
		c = theme.Color(theme.ColorNameDisabled)
	}
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.Alignment = align
	return t
}

// column is one month of the sales chart: this year's bar and last year's.
type column struct {
	label          string
	now, last      float64
	nowBar, lastBr *bar
}

// columnChart draws months as pairs of bars (last year faded, this year in
// the primary colour) over gridlines labelled with round figures.
type columnChart struct {
	widget.BaseWidget
	columns []column
	max     float64
	format  func(float64) string // a gridline's label
	legend  []string             // this year's and last year's names
}

func newColumnChart(format func(float64) string) *columnChart {
	c := &columnChart{format: format}
	c.ExtendBaseWidget(c)
	return c
}

// set shows cols.
func (c *columnChart) set(cols []column, legend []string) {
	c.columns, c.legend, c.max = cols, legend, 0
	for _, col := range cols {
		c.max = max(c.max, col.now, col.last)
	}
	c.Refresh()
}

func (c *columnChart) CreateRenderer() fyne.WidgetRenderer {
	r := &columnRenderer{c: c}
	r.build()
	return r
}

type columnRenderer struct {
	c       *columnChart
	objects []fyne.CanvasObject
	grid    []*canvas.Line
	gridTxt []*canvas.Text
	labels  []*canvas.Text
	legend  []fyne.CanvasObject
	top     float64 // the value of the top gridline
}

// niceTop is the smallest round figure (1, 2 or 5 times a power of ten) not
// below v, so the gridlines read as round numbers.
func niceTop(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := 1.0
	for p*10 <= v {
		p *= 10
	}
	for p > v {
		p /= 10
	}
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

func (r *columnRenderer) build() {
	c := r.c
	small := theme.CaptionTextSize()
	r.top = niceTop(c.max)
	r.objects = r.objects[:0]
	r.grid, r.gridTxt, r.labels, r.legend = nil, nil, nil, nil
	for i := 0; i <= 2; i++ {
		l := canvas.NewLine(theme.Color(theme.ColorNameSeparator))
		l.StrokeWidth = 1
		figure := c.format(r.top * float64(2-i) / 2)
		if c.max <= 0 && i < 2 {
			figure = "" // nothing sold (or still loading): one 0, not three
		}
		t := text(figure, small, true, fyne.TextAlignTrailing)
		r.grid, r.gridTxt = append(r.grid, l), append(r.gridTxt, t)
		r.objects = append(r.objects, l, t)
	}
	for i := range c.columns {
		col := &c.columns[i]
		r.objects = append(r.objects, col.lastBr, col.nowBar)
		lbl := text(col.label, small, true, fyne.TextAlignCenter)
		r.labels = append(r.labels, lbl)
		r.objects = append(r.objects, lbl)
	}
	for i, name := range c.legend {
		sw := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		if i == 1 {
			col := color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
			col.A = 110
			sw.FillColor = col
		}
		t := text(name, small, true, fyne.TextAlignLeading)
		r.legend = append(r.legend, sw, t)
		r.objects = append(r.objects, sw, t)
	}
}

func (r *columnRenderer) Layout(size fyne.Size) {
	c := r.c
	small := theme.CaptionTextSize()
	lineH := fyne.MeasureText("0", small, fyne.TextStyle{}).Height
	labelW := float32(0)
	for _, t := range r.gridTxt {
		labelW = max(labelW, t.MinSize().Width)
	}
	pad := theme.Padding()
	// The legend on top, right-aligned.
	x := size.Width
	for i := len(r.legend) - 1; i >= 0; i -= 2 {
		t, sw := r.legend[i].(*canvas.Text), r.legend[i-1]
		w := t.MinSize().Width
		x -= w
		t.Move(fyne.NewPos(x, 0))
		t.Resize(fyne.NewSize(w, lineH))
		x -= lineH*0.7 + pad
		sw.Move(fyne.NewPos(x, lineH*0.15))
		sw.Resize(fyne.NewSize(lineH*0.7, lineH*0.7))
		x -= 2 * pad
	}
	plotTop := lineH + pad
	plotLeft := labelW + pad
	plotBottom := size.Height - lineH - pad
	plotH := max(plotBottom-plotTop, 1)
	plotW := max(size.Width-plotLeft, 1)
	for i := range r.grid {
		y := plotTop + plotH*float32(i)/2
		r.grid[i].Position1 = fyne.NewPos(plotLeft, y)
		r.grid[i].Position2 = fyne.NewPos(size.Width, y)
		r.gridTxt[i].Move(fyne.NewPos(0, y-lineH/2))
		r.gridTxt[i].Resize(fyne.NewSize(labelW, lineH))
	}
	n := len(c.columns)
	if n == 0 {
		return
	}
	slot := plotW / float32(n)
	barW := max(slot*0.36, 1)
	for i := range c.columns {
		col := &c.columns[i]
		x := plotLeft + slot*float32(i) + slot*0.1
		for j, b := range []struct {
			v float64
			w *bar
		}{{col.last, col.lastBr}, {col.now, col.nowBar}} {
			h := plotH * float32(b.v/r.top)
			if b.v > 0 {
				h = max(h, 1)
			}
			b.w.Move(fyne.NewPos(x+float32(j)*barW, plotBottom-h))
			b.w.Resize(fyne.NewSize(barW, h))
		}
		lbl := r.labels[i]
		lbl.Move(fyne.NewPos(plotLeft+slot*float32(i), plotBottom+pad/2))
		lbl.Resize(fyne.NewSize(slot, lineH))
	}
	// Where the months' names do not fit their slots, every other one is
	// shown, counted from the last (this month).
	every := 1
	for every < n && r.labels[0].MinSize().Width*1.4 > slot*float32(every) {
		every++
	}
	for i, lbl := range r.labels {
		if (n-1-i)%every == 0 {
			lbl.Show()
		} else {
			lbl.Hide()
		}
	}
}

// MinSize leaves each month's label its room, the gridlines their figures
// and the plot a few lines.
func (r *columnRenderer) MinSize() fyne.Size {
	small := theme.CaptionTextSize()
	label := fyne.MeasureText("wrz", small, fyne.TextStyle{})
	labelW := float32(0)
	for _, t := range r.gridTxt {
		labelW = max(labelW, t.MinSize().Width)
	}
	return fyne.NewSize(float32(max(len(r.c.columns), 1))*(label.Width+2)+labelW+theme.Padding(), label.Height*6)
}

func (r *columnRenderer) Refresh() {
	r.build()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *columnRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *columnRenderer) Destroy()                     {}

// row is one line of a bar list: what it is, its bar and its figure.
type row struct {
	label, value string
	v            float64
	bar          *bar
}

// barList draws rows of horizontal bars: a label, a bar as long as its
// figure and the figure in words, each row clickable as its bar is.
type barList struct {
	widget.BaseWidget
	rows   []row
	empty  string // what an empty list says, once its figures came
	loaded bool   // the figures came: before, an empty list says nothing
}

func newBarList(empty string) *barList {
	l := &barList{empty: empty}
	l.ExtendBaseWidget(l)
	return l
}

func (l *barList) set(rows []row) {
	l.rows, l.loaded = rows, true
	l.Refresh()
}

func (l *barList) CreateRenderer() fyne.WidgetRenderer {
	r := &listRenderer{l: l}
	r.build()
	return r
}

type listRenderer struct {
	l       *barList
	objects []fyne.CanvasObject
	labels  []*canvas.Text
	values  []*canvas.Text
	hits    []*bar // a faint full-row bar under each row's bar: the whole row is a target
	empty   *canvas.Text
}

func (r *listRenderer) build() {
	r.objects, r.labels, r.values, r.hits = nil, nil, nil, nil
	size := theme.TextSize()
	for i := range r.l.rows {
		rw := &r.l.rows[i]
		hit := newBar(theme.ColorNameHover, false, rw.bar.tip, rw.bar.onTap)
		hit.ghost = true
		lbl := text(rw.label, size, false, fyne.TextAlignLeading)
		val := text(rw.value, size, false, fyne.TextAlignTrailing)
		r.hits, r.labels, r.values = append(r.hits, hit), append(r.labels, lbl), append(r.values, val)
		r.objects = append(r.objects, hit, rw.bar, lbl, val)
	}
	r.empty = text(r.l.empty, size, true, fyne.TextAlignLeading)
	if len(r.l.rows) == 0 && r.l.loaded {
		r.objects = append(r.objects, r.empty)
	}
}

// fit cuts a label to width with an ellipsis: a name may be cut, its
// whole text is the row's tip.
func fit(t *canvas.Text, full string, width float32) {
	t.Text = full
	if t.MinSize().Width <= width {
		return
	}
	runes := []rune(full)
	for n := len(runes) - 1; n > 0; n-- {
		t.Text = string(runes[:n]) + "…"
		if t.MinSize().Width <= width {
			return
		}
	}
}

func (r *listRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	n := len(r.l.rows)
	r.empty.Move(fyne.NewPos(0, 0))
	r.empty.Resize(fyne.NewSize(size.Width, r.empty.MinSize().Height))
	if n == 0 {
		return
	}
	lineH := r.labels[0].MinSize().Height
	// Rows as tall as a line and a half at most, from the top: a few rows
	// do not spread over the whole panel.
	rowH := min(size.Height/float32(n), lineH*1.6)
	valueW := float32(0)
	maxV := 0.0
	for i := range r.l.rows {
		valueW = max(valueW, r.values[i].MinSize().Width)
		maxV = max(maxV, r.l.rows[i].v)
	}
	labelW := max(min(size.Width*0.38, 260), 40)
	barX := labelW + pad
	barW := max(size.Width-barX-valueW-pad, 1)
	for i := range r.l.rows {
		y := rowH * float32(i)
		mid := y + (rowH-lineH)/2
		r.hits[i].Move(fyne.NewPos(0, y))
		r.hits[i].Resize(fyne.NewSize(size.Width, rowH))
		fit(r.labels[i], r.l.rows[i].label, labelW)
		r.labels[i].Move(fyne.NewPos(0, mid))
		r.labels[i].Resize(fyne.NewSize(labelW, lineH))
		w := float32(0)
		if maxV > 0 {
			w = barW * float32(r.l.rows[i].v/maxV)
		}
		if r.l.rows[i].v > 0 {
			w = max(w, 2)
		}
		bh := min(rowH*0.6, lineH)
		r.l.rows[i].bar.Move(fyne.NewPos(barX, y+(rowH-bh)/2))
		r.l.rows[i].bar.Resize(fyne.NewSize(w, bh))
		r.values[i].Move(fyne.NewPos(size.Width-valueW, mid))
		r.values[i].Resize(fyne.NewSize(valueW, lineH))
	}
}

// MinSize gives every row a line of text and the figures their width.
func (r *listRenderer) MinSize() fyne.Size {
	lineH := fyne.MeasureText("Ąg", theme.TextSize(), fyne.TextStyle{}).Height
	valueW := float32(0)
	for _, v := range r.values {
		valueW = max(valueW, v.MinSize().Width)
	}
	return fyne.NewSize(valueW+120, float32(max(len(r.l.rows), 1))*(lineH+2))
}

func (r *listRenderer) Refresh() {
	r.build()
	r.Layout(r.l.Size())
	canvas.Refresh(r.l)
}

func (r *listRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *listRenderer) Destroy()                     {}
