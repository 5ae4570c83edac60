package settings

import (
	"fyne.io/fyne/v2"
)

// Preference keys.
const (
	PrefLanguage = "language" // "" follows the system, else "pl" or "en"
	PrefRepName  = "rep_name" // the sales rep using this computer: owner of new accounts
)

// PrefColdDays is after how many days without a call, meeting or e-mail an
// account is going cold; DefaultColdDays when unset, MinColdDays to MaxColdDays.
const (
	PrefColdDays    = "cold_days"
	DefaultColdDays = 60
	MinColdDays     = 1
	MaxColdDays     = 3650
)

// Languages a user can choose, by preference value.
var Languages = []string{"", "pl", "en"}

// Language returns the stored language choice.
func Language(p fyne.Preferences) string { return p.String(PrefLanguage) }

// RepName returns the stored name of the sales rep.
func RepName(p fyne.Preferences) string { return p.String(PrefRepName) }

// ColdDays returns after how many days without contact an account is going
// cold; a stored value out of range (an edited preferences file) is the default.
func ColdDays(p fyne.Preferences) int {
	n := p.IntWithFallback(PrefColdDays, DefaultColdDays)
	if n < MinColdDays || n > MaxColdDays {
		return DefaultColdDays
	}
	return n
}
