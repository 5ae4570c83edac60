package settings

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/xwidget"
)

// addColdDays puts "Going cold after N days" into the form after the rep's
// name. A number out of range shows its problem next to the entry as it is
// typed; Save stores a valid one.
func (s *Screen) addColdDays(form *widget.Form) {
	s.coldDays = widget.NewEntry()
	s.coldDays.SetText(strconv.Itoa(ColdDays(s.d.Prefs)))
	s.coldProblem = widget.NewLabel("")
	s.coldProblem.Importance = widget.DangerImportance
	s.coldProblem.Hide()
	s.coldDays.OnChanged = func(text string) {
		_, ok := parseColdDays(text)
		s.showColdProblem(!ok)
		s.changed()
	}
	days := widget.NewLabel(lang.X("settings.cold_days.unit", "days without a call, meeting or e-mail"))
	entry := container.NewGridWrap(fyne.NewSize(coldEntryWidth, s.coldDays.MinSize().Height), s.coldDays)
	item := widget.NewFormItem(lang.X("settings.cold_days", "Going cold after"),
		container.NewVBox(container.NewHBox(entry, days), s.coldProblem))
	item.HintText = lang.X("settings.cold_days.hint", "Today lists such accounts under “Going cold”, the longest silent first.")
	at := min(2, len(form.Items))
	form.Items = slices.Insert(form.Items, at, item)
	form.Refresh()
}

// showColdProblem shows or hides what is wrong with the days typed.
func (s *Screen) showColdProblem(show bool) {
	if !show {
		if s.coldProblem.Visible() {
			s.coldProblem.Hide()
			s.coldProblem.SetText("")
			xwidget.Relayout(s.coldProblem)
		}
		return
	}
	s.coldProblem.SetText(lang.X("settings.cold_days.invalid", "Write a whole number of days from {{.Min}} to {{.Max}}.",
		map[string]any{"Min": MinColdDays, "Max": MaxColdDays}))
	if !s.coldProblem.Visible() {
		s.coldProblem.Show()
		xwidget.Relayout(s.coldProblem)
	}
}

// coldEntryWidth fits four digits.
const coldEntryWidth = 90

// parseColdDays reads a number of days in the allowed range; spaces around
// it are forgiven.
func parseColdDays(text string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	return n, err == nil && n >= MinColdDays && n <= MaxColdDays
}
