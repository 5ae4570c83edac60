package language

import (
	"testing"

	"fyne.io/fyne/v2/lang"

	"kontor/domain"
)

func TestApply(t *testing.T) {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(k, "")
	}
	t.Cleanup(func() { Apply("") })
	t.Setenv("LC_ALL", "C") // the C locale must not hide the choice
	if err := Apply("pl"); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("nav.accounts", "Accounts"); got != "Konta" {
		t.Errorf("after choosing Polish nav.accounts = %q", got)
	}
	if Locale() != domain.Polish {
		t.Errorf("locale = %q, want pl", Locale())
	}
	if err := Apply("en"); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("nav.accounts", "Accounts"); got != "Accounts" {
		t.Errorf("after choosing English nav.accounts = %q", got)
	}
}
