package xwidget

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// englishDates are the forms English dates are shown in ("27 Nov 2026"), so
// a date the program wrote can be read back; every form domain.ParseDate
// knows is read too.
var englishDates = []string{"2 Jan 2006", "2 January 2006"}

// ParseDate reads a date the way a user may type it: anything
// domain.ParseDate accepts, or the English display form. (Polish dates are
// shown as DD.MM.YYYY, which domain.ParseDate reads.)
func ParseDate(s string) (domain.Date, error) {
	d, err := domain.ParseDate(s)
	if err == nil {
		return d, nil
	}
	for _, layout := range englishDates {
		if t, perr := time.Parse(layout, strings.TrimSpace(s)); perr == nil {
			return domain.DateOf(t), nil
		}
	}
	return domain.Date{}, err
}

// ParseDateTime reads a moment in local time as ParseDate reads dates, with
// an optional time of day (HH:MM).
func ParseDateTime(s string) (time.Time, error) {
	t, err := domain.ParseDateTime(s, time.Local)
	if err == nil {
		return t, nil
	}
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range englishDates {
		for _, clock := range []string{" 15:04", " 15:04:05", ""} {
			if t, perr := time.ParseInLocation(layout+clock, s, time.Local); perr == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, err
}

// DateEntry is a one-line entry for a date shown in the locale's form. A date
// typed is committed on Enter or when the focus leaves the entry, if it
// changed: OnDate gets a valid one, OnInvalid the reason another was refused.
// An empty entry commits the zero date when Optional, else it is refused.
type DateEntry struct {
	widget.Entry
	Locale    domain.Locale
	Optional  bool
	OnDate    func(domain.Date)
	OnInvalid func(error)
	shown     string // the text last set or committed
	closer    func()
	picker    *iconButton
}

func (e *DateEntry) setCloser(f func()) { e.closer = f }

// NewDateEntry returns an empty date entry for locale l, with a calendar to
// pick the date from at its end; typing stays possible.
func NewDateEntry(l domain.Locale) *DateEntry {
	e := &DateEntry{Locale: l}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) { e.commit() }
	e.picker = datePicker(&e.Entry, l, false, func() domain.Date { return domain.DateOf(time.Now()) }, e.commit)
	return e
}

// Picker is the entry's calendar button.
func (e *DateEntry) Picker() fyne.Tappable { return e.picker }

// SetDate shows d without committing it.
func (e *DateEntry) SetDate(d domain.Date) {
	e.shown = e.Locale.FormatDate(d)
	e.SetText(e.shown)
}

// FocusLost commits what was typed.
func (e *DateEntry) FocusLost() {
	e.Entry.FocusLost()
	e.commit()
}

// TypedKey puts the shown date back on Escape; Escape on the date shown
// closes the dialog the entry is in.
func (e *DateEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		if e.Text == e.shown && e.closer != nil {
			e.closer()
			return
		}
		e.SetText(e.shown)
		return
	}
	e.Entry.TypedKey(k)
}

func (e *DateEntry) commit() {
	if e.Text == e.shown {
		return
	}
	d, err := ParseDate(e.Text)
	if err == nil && d.IsZero() && !e.Optional {
		err = domain.Errorf(domain.EInvalid, "field.required", "required", nil)
	}
	if err != nil {
		if e.OnInvalid != nil {
			e.OnInvalid(err)
		}
		return
	}
	e.shown = e.Locale.FormatDate(d)
	e.SetText(e.shown)
	if e.OnDate != nil {
		e.OnDate(d)
	}
}
