// Package dashboard is the start page's figures: sales by month this year
// against last, the open quotes by stage, the overdue receivables by how
// late they are and the year's top accounts, for the rep's own accounts or
// the whole file. Every bar says its exact figure on hover and opens the
// list behind it when clicked.
package dashboard

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/ui/timeline"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Deps is what the dashboard works with.
type Deps struct {
	Window    fyne.Window
	Dashboard domain.DashboardService
	Run       worker.Runner
	Locale    domain.Locale
	Today     func() domain.Date
	// Me is the rep using Kontor (Settings); with no name only the whole
	// file is shown.
	Me func() string
	// Where the figures lead: a month's sales to its invoices (a dialog of
	// the dashboard's own), a stage of quotes to the Quotes list so
	// filtered, the overdue to Receivables, an account to its invoices.
	OpenQuotes      func(stage domain.QuoteStatus, owner string)
	OpenReceivables func(owner string)
	OpenAccount     func(id domain.AccountID)
}

// Screen is the dashboard.
type Screen struct {
	d        Deps
	scope    *widget.RadioGroup
	sales    *columnChart
	pipeline *barList
	overdue  *barList
	top      *barList
	topTitle *widget.Label
	content  fyne.CanvasObject
	loads    xwidget.Latest
	shown    *domain.Dashboard // the figures on screen, for tests
	invoices *monthInvoices    // the dialog last opened, for tests
}

// New builds the dashboard; Refresh loads it.
func New(d Deps) *Screen {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Me == nil {
		d.Me = func() string { return "" }
	}
	s := &Screen{d: d, loads: xwidget.Latest{Run: d.Run, Window: d.Window}}
	s.build()
	return s
}

// Content is the dashboard's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

func (s *Screen) mineLabel() string  { return lang.X("dashboard.scope.mine", "My accounts") }
func (s *Screen) wholeLabel() string { return lang.X("dashboard.scope.all", "Whole file") }

func (s *Screen) build() {
	s.scope = widget.NewRadioGroup([]string{s.mineLabel(), s.wholeLabel()}, func(string) { s.Refresh() })
	s.scope.Horizontal = true
	s.scope.Required = true
	if s.d.Me() != "" {
		s.scope.SetSelected(s.mineLabel())
	} else {
		s.scope.SetSelected(s.wholeLabel())
		s.scope.Disable() // no name in Settings: nothing is "mine"
	}
	round := func(v float64) string { // a gridline: whole złoty
		return s.d.Locale.FormatDecimal(decimal.NewFromFloat(v/100).Round(0), 0)
	}
	s.sales = newColumnChart(round)
	s.pipeline = newBarList(lang.X("dashboard.pipeline.none", "No open quotes."))
	s.overdue = newBarList(lang.X("dashboard.overdue.none", "Nothing is overdue."))
	s.top = newBarList(lang.X("dashboard.top.none", "No sales this year yet."))
	s.topTitle = title("")
	panel := func(head fyne.CanvasObject, chart fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(head, nil, nil, nil, container.NewPadded(chart))
	}
	grid := container.NewGridWithColumns(2,
		panel(title(lang.X("dashboard.sales.title", "Sales by month, net")), s.sales),
		panel(title(lang.X("dashboard.pipeline.title", "Open quotes")), s.pipeline),
		panel(title(lang.X("dashboard.overdue.title", "Overdue receivables")), s.overdue),
		panel(s.topTitle, s.top),
	)
	s.content = grid
}

// Scope is the switch between the rep's accounts and the whole file, for the
// page's title line.
func (s *Screen) Scope() fyne.CanvasObject { return s.scope }

// title is a panel's heading.
func title(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// owner is whose figures are asked for: the rep's, or "" for the whole file.
func (s *Screen) owner() string {
	if s.scope.Selected == s.mineLabel() {
		return s.d.Me()
	}
	return ""
}

// Refresh loads the figures of the scope chosen off the Fyne goroutine and
// shows them in one step.
func (s *Screen) Refresh() {
	if s.sales == nil || s.d.Dashboard == nil {
		return // the radio group calls before the charts exist
	}
	q := domain.DashboardQuery{Today: s.d.Today(), Owner: s.owner()}
	s.loads.Load(func() (func(), error) {
		d, err := s.d.Dashboard.Dashboard(context.Background(), q)
		return func() { s.show(d) }, err
	})
}

// show puts figures on screen.
func (s *Screen) show(d *domain.Dashboard) {
	s.shown = d
	loc := s.d.Locale
	money := func(a domain.Amount) string { return loc.FormatAmount(a, d.Currency) }
	q := d.Query

	var cols []column
	for _, m := range d.Sales {
		ly := domain.Month{Year: m.Month.Year - 1, Month: m.Month.Month}
		tip := lang.X("dashboard.sales.tip", "{{.Month}}: {{.Net}} net; {{.LastMonth}}: {{.LastYear}}",
			map[string]any{"Month": monthTitle(m.Month), "Net": money(m.Net), "LastMonth": monthTitle(ly), "LastYear": money(m.LastYear)})
		month := m.Month
		open := func() { s.openMonth(q, month) }
		openLast := func() { s.openMonth(q, ly) }
		cols = append(cols, column{label: monthShort(m.Month), now: float64(m.Net), last: float64(m.LastYear),
			nowBar: newBar(theme.ColorNamePrimary, false, tip, open), lastBr: newBar(theme.ColorNamePrimary, true, tip, openLast)})
	}
	year := q.Today.Year
	s.sales.set(cols, []string{itoa(year), itoa(year - 1)})

	var stages []row
	for _, p := range d.Pipeline {
		name, color := stageName(p.Stage)
		count := lang.XN("dashboard.pipeline.count", "{{.Count}} quotes", p.Count, map[string]any{"Count": p.Count})
		tip := name + ": " + count + ", " + lang.X("dashboard.net", "{{.Amount}} net", map[string]any{"Amount": money(p.Net)})
		stage, owner := p.Stage, q.Owner
		stages = append(stages, row{label: name + " (" + itoa(p.Count) + ")", value: money(p.Net), v: float64(p.Net),
			bar: newBar(color, false, tip, func() {
				if s.d.OpenQuotes != nil {
					s.d.OpenQuotes(stage, owner)
				}
			})})
	}
	s.pipeline.set(stages)

	var late []row
	var overdue domain.Amount
	for _, o := range d.Overdue {
		overdue += o.Open
	}
	if overdue != 0 {
		for _, o := range d.Overdue {
			name := bucketName(o.Bucket)
			color := theme.ColorNameError
			if o.Bucket == domain.Overdue1To30 {
				color = theme.ColorNameWarning
			}
			tip := lang.X("dashboard.overdue.tip", "{{.Bucket}}: {{.Amount}} open", map[string]any{"Bucket": name, "Amount": money(o.Open)}) +
				" · " + lang.XN("dashboard.overdue.invoices", "{{.Count}} invoices", o.Invoices, map[string]any{"Count": o.Invoices}) +
				" · " + lang.XN("dashboard.overdue.accounts", "{{.Count}} accounts", o.Accounts, map[string]any{"Count": o.Accounts})
			owner := q.Owner
			late = append(late, row{label: name, value: money(o.Open), v: float64(o.Open),
				bar: newBar(color, false, tip, func() {
					if s.d.OpenReceivables != nil {
						s.d.OpenReceivables(owner)
					}
				})})
		}
	}
	s.overdue.set(late)

	s.topTitle.SetText(lang.X("dashboard.top.title", "Top {{.Count}} accounts, {{.Year}}", map[string]any{"Count": domain.DashboardTop, "Year": year}))
	var top []row
	for _, a := range d.Top {
		id := a.AccountID
		tip := a.Name + " (" + a.Code + "): " + lang.X("dashboard.net", "{{.Amount}} net", map[string]any{"Amount": money(a.Net)})
		top = append(top, row{label: a.Name, value: money(a.Net), v: float64(a.Net),
			bar: newBar(theme.ColorNamePrimary, false, tip, func() {
				if s.d.OpenAccount != nil {
					s.d.OpenAccount(id)
				}
			})})
	}
	s.top.set(top)
}

// Shown is the figures on screen, nil before the first load.
func (s *Screen) Shown() *domain.Dashboard { return s.shown }

// stageName is a pipeline stage in words and its colour.
func stageName(st domain.QuoteStatus) (string, fyne.ThemeColorName) {
	switch st {
	case domain.StageDraft:
		return lang.X("dashboard.stage.draft", "Drafts"), theme.ColorNameDisabled
	case domain.StageSent:
		return lang.X("dashboard.stage.sent", "Sent"), theme.ColorNamePrimary
	}
	return lang.X("dashboard.stage.expired", "Expired, no answer"), theme.ColorNameWarning
}

// bucketName is an overdue bucket in words.
func bucketName(b domain.OverdueBucket) string {
	switch b {
	case domain.Overdue1To30:
		return lang.X("dashboard.bucket.1_30", "1–30 days")
	case domain.Overdue31To60:
		return lang.X("dashboard.bucket.31_60", "31–60 days")
	case domain.Overdue61To90:
		return lang.X("dashboard.bucket.61_90", "61–90 days")
	}
	return lang.X("dashboard.bucket.over_90", "over 90 days")
}

// monthTitle names a month with its year, as the history does.
func monthTitle(m domain.Month) string { return timeline.MonthTitle(m.First()) }

// monthShort is a month's name cut to three letters, as both languages
// abbreviate them ("Nov", "lis"); the legend says the years.
func monthShort(m domain.Month) string {
	name := []rune(strings.Fields(monthTitle(m))[0])
	return string(name[:min(3, len(name))])
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }
