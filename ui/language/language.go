// Package language makes a choice of language the one every lang.X call
// speaks, and says how numbers, money and dates are written in it. The
// Settings screen stores the user's choice; the shell applies it at start
// and when it changes; the screens' tests apply English.
package language

import (
	"os"

	"fyne.io/fyne/v2/lang"

	"kontor/assets"
	"kontor/domain"
)

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

// Apply makes choice ("" for the system's, "pl" or "en") the language of
// every lang.X call from now on. Fyne picks its language from the
// environment when translations are added, so the choice is written there
// and Kontor's translations are added again; screens built afterwards are in
// the new language.
func Apply(choice string) error {
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
