package xwidget

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// Calendar is a month of days to pick one from, in the user's language,
// weeks starting on Monday as in Poland and by ISO 8601. Fyne's own writes
// the month in English whatever the language.
type Calendar struct {
	widget.BaseWidget
	month    domain.Month
	selected domain.Date
	today    domain.Date
	onPick   func(domain.Date)
	title    *widget.Label
	days     *fyne.Container
}

// NewCalendar shows the month of selected (or of today when selected is
// zero); onPick gets the day clicked.
func NewCalendar(selected, today domain.Date, onPick func(domain.Date)) *Calendar {
	c := &Calendar{selected: selected, today: today, onPick: onPick}
	c.month = domain.MonthOf(today)
	if !selected.IsZero() {
		c.month = domain.MonthOf(selected)
	}
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	c.days = container.NewGridWithColumns(7)
	c.ExtendBaseWidget(c)
	c.show()
	return c
}

// Month is the month shown.
func (c *Calendar) Month() domain.Month { return c.month }

// Pick picks day d as a click would.
func (c *Calendar) Pick(d domain.Date) {
	c.selected = d
	if c.onPick != nil {
		c.onPick(d)
	}
}

// monthName is a month's name in the user's language.
func monthName(m time.Month) string {
	names := []string{
		lang.X("month.january", "January"), lang.X("month.february", "February"), lang.X("month.march", "March"),
		lang.X("month.april", "April"), lang.X("month.may", "May"), lang.X("month.june", "June"),
		lang.X("month.july", "July"), lang.X("month.august", "August"), lang.X("month.september", "September"),
		lang.X("month.october", "October"), lang.X("month.november", "November"), lang.X("month.december", "December"),
	}
	return names[m-1]
}

// weekdays are the days' short names, Monday first.
func weekdays() []string {
	return []string{lang.X("calendar.mon", "Mo"), lang.X("calendar.tue", "Tu"), lang.X("calendar.wed", "We"),
		lang.X("calendar.thu", "Th"), lang.X("calendar.fri", "Fr"), lang.X("calendar.sat", "Sa"), lang.X("calendar.sun", "Su")}
}

func (c *Calendar) move(months int) {
	for ; months > 0; months-- {
		c.month = c.month.Next()
	}
	for ; months < 0; months++ {
		c.month = c.month.Prev()
	}
	c.show()
}

// show fills the grid with the month shown.
func (c *Calendar) show() {
	c.title.SetText(monthName(c.month.Month) + " " + strconv.Itoa(c.month.Year))
	var cells []fyne.CanvasObject
	for _, w := range weekdays() {
		l := widget.NewLabelWithStyle(w, fyne.TextAlignCenter, fyne.TextStyle{})
		l.Importance = widget.LowImportance
		cells = append(cells, l)
	}
	first := c.month.First()
	lead := (int(first.Time().Weekday()) + 6) % 7 // days of the week before the 1st, Monday first
	for range lead {
		cells = append(cells, widget.NewLabel(""))
	}
	for d := first; c.month.Contains(d); d = d.AddDays(1) {
		day := d
		b := widget.NewButton(strconv.Itoa(d.Day), func() { c.Pick(day) })
		switch {
		case day == c.selected:
			b.Importance = widget.HighImportance
		case day == c.today:
			b.Importance = widget.MediumImportance
		default:
			b.Importance = widget.LowImportance
		}
		cells = append(cells, b)
	}
	c.days.Objects = cells
	c.days.Refresh()
}

// CreateRenderer lays the month's name between its arrows over the days.
func (c *Calendar) CreateRenderer() fyne.WidgetRenderer {
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.move(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.move(1) })
	prev.Importance, next.Importance = widget.LowImportance, widget.LowImportance
	return widget.NewSimpleRenderer(container.NewBorder(container.NewBorder(nil, nil, prev, next, c.title), nil, nil, nil, c.days))
}

// iconButton is a clickable icon that the keyboard passes by: Tab goes from
// a date entry to the next field, not to its calendar (the date is typed).
type iconButton struct {
	widget.Icon
	onTap func()
}

func newIconButton(res fyne.Resource, onTap func()) *iconButton {
	b := &iconButton{onTap: onTap}
	b.ExtendBaseWidget(b)
	b.SetResource(res)
	return b
}

// Tapped runs the button's action.
func (b *iconButton) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

// Cursor shows the icon can be clicked.
func (b *iconButton) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MinSize is an icon with padding around it, as a button's.
func (b *iconButton) MinSize() fyne.Size {
	s := theme.IconInlineSize() + 2*theme.Padding()
	return fyne.NewSize(s, s)
}

// DatePicker puts a calendar button at the end of entry e, which holds a
// date in loc's form (or a date and a time when withTime): the day picked
// is written into it, the time kept, as if typed (its OnChanged runs).
// Typing stays as it was. today nil: the computer's date.
func DatePicker(e *widget.Entry, loc domain.Locale, withTime bool, today func() domain.Date) fyne.Tappable {
	return datePicker(e, loc, withTime, today, nil)
}

func datePicker(e *widget.Entry, loc domain.Locale, withTime bool, today func() domain.Date, picked func()) *iconButton {
	if today == nil {
		today = func() domain.Date { return domain.DateOf(time.Now()) }
	}
	var b *iconButton
	b = newIconButton(theme.CalendarIcon(), func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(b)
		if c == nil || e.Disabled() {
			return
		}
		var at time.Time
		selected := domain.Date{}
		if withTime {
			if t, err := ParseDateTime(e.Text); err == nil {
				at, selected = t, domain.DateOf(t)
			}
		} else if d, err := ParseDate(e.Text); err == nil {
			selected = d
		}
		var pop *widget.PopUp
		cal := NewCalendar(selected, today(), func(d domain.Date) {
			pop.Hide()
			if withTime {
				hour, min := 9, 0
				if !at.IsZero() {
					hour, min = at.Hour(), at.Minute()
				}
				e.SetText(loc.FormatDateTime(time.Date(d.Year, d.Month, d.Day, hour, min, 0, 0, time.Local)))
			} else {
				e.SetText(loc.FormatDate(d))
			}
			if picked != nil {
				picked()
			}
		})
		pop = widget.NewPopUp(cal, c)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(0, e.Size().Height))
		size := cal.MinSize().Max(fyne.NewSize(280, 0))
		if room := c.Size(); pos.Y+size.Height > room.Height {
			pos.Y = max(0, room.Height-size.Height)
		}
		if room := c.Size(); pos.X+size.Width > room.Width {
			pos.X = max(0, room.Width-size.Width)
		}
		pop.ShowAtPosition(pos)
		pop.Resize(size)
	})
	e.ActionItem = b
	e.Refresh()
	return b
}
