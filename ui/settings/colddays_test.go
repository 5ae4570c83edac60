package settings

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestColdDaysIsValidatedAndStored(t *testing.T) {
	s, _ := newScreen(t, Deps{})
	if got := s.coldDays.Text; got != "60" {
		t.Fatalf("going cold shows %q, want the default 60", got)
	}
	for _, tc := range []struct {
		typed  string
		stored int
		bad    bool
	}{
		{"90", 90, false},
		{"0", 90, true},
		{"3651", 90, true},
		{"dużo", 90, true},
		{" 3650 ", 3650, false},
		{"1", 1, false},
	} {
		s.coldDays.SetText(tc.typed)
		test.Tap(s.save)
		if got := ColdDays(s.d.Prefs); got != tc.stored {
			t.Errorf("after typing %q the stored value is %d, want %d", tc.typed, got, tc.stored)
		}
		if bad := s.coldProblem.Text != ""; bad != tc.bad {
			t.Errorf("after typing %q a problem shows: %v (%q), want %v", tc.typed, bad, s.coldProblem.Text, tc.bad)
		}
	}
	s.coldDays.SetText("")
	test.Type(s.coldDays, "45")
	test.Tap(s.save)
	if got := ColdDays(s.d.Prefs); got != 45 {
		t.Errorf("typing 45 stored %d", got)
	}
	s.d.Prefs.SetInt(PrefColdDays, 99999) // an edited preferences file
	if got := ColdDays(s.d.Prefs); got != DefaultColdDays {
		t.Errorf("an out-of-range stored value reads as %d, want the default", got)
	}
}
