package settings

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kontor/assets"
	"kontor/domain"
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

// localeVars are the environment variables Fyne's language lookup reads, as
// they were when Kontor started: choosing "System" puts them back.
var localeVars = func() map[string]*string {
	m := map[string]*string{}
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		if v, ok := os.LookupEnv(k); ok {
			m[k] = &v
		} else {
			m[k] = nil
		}
	}
	return m
}()

// ApplyLanguage makes choice ("", "pl" or "en") the language of every
// lang.X call from now on. Fyne picks its language from the environment when
// translations are added, so the choice is written there and the translations
// are added again; screens built afterwards are in the new language.
func ApplyLanguage(choice string) error {
	for k, v := range localeVars {
		if v == nil {
			os.Unsetenv(k)
		} else {
			os.Setenv(k, *v)
		}
	}
	if choice != "" {
		os.Setenv("LANGUAGE", choice)
		// LANGUAGE is ignored under the C locale, and LC_ALL overrides the rest:
		// name the language in the variable that decides.
		if os.Getenv("LC_ALL") != "" {
			os.Setenv("LC_ALL", choice)
		} else {
			os.Setenv("LC_MESSAGES", choice)
		}
	}
	return lang.AddTranslationsFS(assets.Translations, "translations")
}

// Locale is how numbers, money and dates are written in the language in use.
func Locale() domain.Locale { return domain.LocaleFor(lang.SystemLocale().String()) }

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
