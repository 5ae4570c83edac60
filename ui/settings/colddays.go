package settings

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// addColdDays puts "Going cold after N days" into the form after the rep's
// name. A valid number is stored at once; anything else shows its problem
// next to the entry and keeps the stored value.
func (s *Screen) addColdDays(form *widget.Form) {
	s.coldDays = widget.NewEntry()
	s.coldDays.SetText(strconv.Itoa(ColdDays(s.d.Prefs)))
	s.coldProblem = widget.NewLabel("")
	s.coldProblem.Importance = widget.DangerImportance
	s.coldProblem.Hide()
	s.coldDays.OnChanged = func(text string) {
		n, ok := parseColdDays(text)
		if !ok {
			s.coldProblem.SetText(lang.X("settings.cold_days.invalid", "Write a whole number of days from {{.Min}} to {{.Max}}.",
				map[string]any{"Min": MinColdDays, "Max": MaxColdDays}))
			s.coldProblem.Show()
			return
		}
		s.coldProblem.Hide()
		s.coldProblem.SetText("")
		s.d.Prefs.SetInt(PrefColdDays, n)
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

// coldEntryWidth fits four digits.
const coldEntryWidth = 90

// parseColdDays reads a number of days in the allowed range; spaces around
// it are forgiven.
func parseColdDays(text string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	return n, err == nil && n >= MinColdDays && n <= MaxColdDays
}
