package receivables

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/xwidget"
)

// summary is an account's money at a glance: balance, overdue, and the use of
// its credit limit as a bar. It sits in the account view's header, so it
// shows whatever tab is open.
type summary struct {
	money   *widget.Label
	bar     *xwidget.Meter
	noLimit *widget.Label
	content *fyne.Container
}

func newSummary() *summary {
	m := &summary{money: widget.NewLabel(""), bar: xwidget.NewMeter(), noLimit: widget.NewLabel("")}
	m.money.TextStyle.Bold = true
	m.noLimit.Importance = widget.LowImportance
	// In one line beside the account's code and terms; the meter is as wide
	// as its text, and its empty part is dark, so an unused limit looks empty.
	m.content = container.NewHBox(m.money, container.NewCenter(container.NewStack(m.bar, m.noLimit)))
	m.content.Hide() // until the figures are loaded
	return m
}

// set shows r's figures. The bar's "used" is the exposure before a new order:
// the balance plus the confirmed orders not yet delivered, what credit
// control compares with the limit.
func (m *summary) set(l domain.Locale, r *domain.AccountReceivables) {
	g := r.Aging
	text := lang.X("receivables.summary.balance", "Balance {{.Balance}}", map[string]any{"Balance": money(l, g.Balance())})
	if over := g.Overdue(); over > 0 {
		text += " · " + lang.X("receivables.summary.overdue", "overdue {{.Amount}}", map[string]any{"Amount": money(l, over)})
		m.money.Importance = widget.DangerImportance
	} else {
		m.money.Importance = widget.MediumImportance
	}
	m.money.SetText(text)
	used := max(g.Balance()+r.Undelivered, 0)
	if r.CreditLimit <= 0 {
		m.bar.Hide()
		m.noLimit.SetText(lang.X("receivables.summary.no_limit", "no credit limit"))
		m.noLimit.Show()
	} else {
		m.noLimit.Hide()
		m.bar.Show()
		key, fallback := "receivables.summary.used", "used {{.Used}} of {{.Limit}}"
		m.bar.Importance = widget.HighImportance
		switch {
		case used > r.CreditLimit:
			key, fallback = "receivables.summary.over", "over the limit: {{.Used}} of {{.Limit}}"
			m.bar.Importance = widget.DangerImportance
		case used*10 >= r.CreditLimit*9:
			m.bar.Importance = widget.WarningImportance
		}
		m.bar.Set(float64(min(used, r.CreditLimit)), float64(r.CreditLimit),
			lang.X(key, fallback, map[string]any{"Used": money(l, used), "Limit": money(l, r.CreditLimit)}))
	}
	m.content.Show()
	xwidget.Relayout(m.content)
}

// aging is the buckets of an account's open invoices in a row of figures.
type aging struct {
	values  []*widget.Label
	content fyne.CanvasObject
}

func newAging() *aging {
	titles := []string{lang.X("receivables.column.current", "Not due"), lang.X("receivables.column.d1_30", "1–30"),
		lang.X("receivables.column.d31_60", "31–60"), lang.X("receivables.column.d61_90", "61–90"),
		lang.X("receivables.column.over_90", "> 90"), lang.X("receivables.column.credit", "Credit")}
	a := &aging{}
	var cells []fyne.CanvasObject
	for _, t := range titles {
		title := widget.NewLabel(t)
		title.Importance = widget.LowImportance
		title.Alignment = fyne.TextAlignTrailing
		title.Truncation = fyne.TextTruncateEllipsis // the grid never widens the account view
		v := widget.NewLabel("")
		v.Alignment = fyne.TextAlignTrailing
		v.Truncation = fyne.TextTruncateEllipsis
		a.values = append(a.values, v)
		cells = append(cells, container.NewVBox(title, v))
	}
	a.content = container.NewGridWithColumns(len(titles), cells...)
	return a
}

func (a *aging) set(l domain.Locale, g domain.Aging) {
	for i, v := range []domain.Amount{g.Current, g.D1_30, g.D31_60, g.D61_90, g.Over90, g.Credit} {
		a.values[i].SetText(number(l, v))
		imp := widget.MediumImportance
		switch {
		case v == 0:
		case i == 1:
			imp = widget.WarningImportance
		case i >= 2 && i <= 4:
			imp = widget.DangerImportance
		case i == 5:
			imp = widget.SuccessImportance
		}
		if a.values[i].Importance != imp {
			a.values[i].Importance = imp
			a.values[i].Refresh()
		}
	}
}
