package today

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/xwidget"
)

// promisesLimit bounds the broken promises listed; the rest are counted.
const promisesLimit = 8

// brokenPromises is the block of promises to pay whose day passed unpaid,
// shown in red above the tasks while there are any; each opens its account.
type brokenPromises struct {
	box     *fyne.Container
	title   *widget.Label
	buttons []*widget.Button
	rows    []domain.BrokenPromise
}

func newBrokenPromises() *brokenPromises {
	b := &brokenPromises{title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	b.title.Importance = widget.DangerImportance
	b.box = container.NewVBox()
	b.box.Hide()
	return b
}

// show lists the broken promises, at most promisesLimit of them.
func (b *brokenPromises) show(s *Screen, rows []domain.BrokenPromise) {
	b.rows = rows
	b.box.RemoveAll()
	b.buttons = nil
	if len(rows) == 0 {
		b.box.Hide()
		xwidget.Relayout(b.box)
		return
	}
	loc := s.d.Locale
	b.title.SetText(lang.X("today.promises.title", "Broken promises to pay: {{.Count}}", map[string]any{"Count": len(rows)}))
	b.box.Add(b.title)
	for i, p := range rows {
		if i == promisesLimit {
			more := widget.NewLabel(lang.X("today.promises.more", "and {{.Count}} more on the Collections worklist",
				map[string]any{"Count": len(rows) - promisesLimit}))
			more.Importance = widget.LowImportance
			b.box.Add(more)
			break
		}
		text := lang.X("today.promises.row", "{{.Code}} {{.Name}}: {{.Amount}} promised by {{.Date}}, {{.Paid}} paid",
			map[string]any{"Code": p.Code, "Name": p.Name, "Amount": loc.FormatAmount(p.Amount, domain.CatalogCurrency),
				"Date": loc.FormatDate(p.Due), "Paid": loc.FormatAmount(p.Paid, domain.CatalogCurrency)})
		id, act := p.Account, p.Activity
		btn := widget.NewButtonWithIcon(text, theme.WarningIcon(), func() { s.d.Open(id, act) })
		btn.Importance = widget.DangerImportance
		btn.Alignment = widget.ButtonAlignLeading
		b.buttons = append(b.buttons, btn)
		b.box.Add(btn)
	}
	b.box.Add(widget.NewSeparator())
	b.box.Show()
	xwidget.Relayout(b.box)
}
