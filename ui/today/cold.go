package today

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// coldRightWidth is the column saying when the account was last contacted.
const coldRightWidth = 170

// newColdRow is one account going cold: its name and code and city, and
// when it was last contacted.
func newColdRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	where := widget.NewLabel("")
	where.Truncation = fyne.TextTruncateEllipsis
	where.Importance = widget.LowImportance
	last := widget.NewLabel("")
	last.Alignment = fyne.TextAlignTrailing
	ago := widget.NewLabel("")
	ago.Alignment = fyne.TextAlignTrailing
	ago.Importance = widget.LowImportance
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(coldRightWidth, 0))
	return container.NewBorder(nil, nil, nil, container.NewStack(width, container.NewVBox(last, ago)), container.NewVBox(name, where))
}

func (s *Screen) updateColdRow(i widget.ListItemID, o fyne.CanvasObject) {
	c := s.coldRows[i]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	right := row.Objects[1].(*fyne.Container).Objects[1].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(c.Name)
	where := c.Code
	if c.City != "" {
		where += " · " + c.City
	}
	if c.Owner != "" {
		where += " · " + c.Owner
	}
	text.Objects[1].(*widget.Label).SetText(where)
	last, ago := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Label)
	if c.LastContact.IsZero() {
		last.SetText(lang.X("today.cold.never", "never contacted"))
		ago.SetText("")
		return
	}
	last.SetText(s.d.Locale.FormatDate(c.LastContact))
	days := s.today.DaysSince(c.LastContact)
	ago.SetText(lang.XN("today.cold.days_ago", "{{.Count}} days ago", days, map[string]any{"Count": days}))
}

// ColdAccounts is the going-cold list as shown, for tests and the shell.
func (s *Screen) ColdAccounts() []domain.ColdAccount { return s.coldRows }
