package domain

import (
	"strings"
	"testing"
)

func TestEaster(t *testing.T) {
	for y, want := range map[int]Date{2024: NewDate(2024, 3, 31), 2025: NewDate(2025, 4, 20), 2026: NewDate(2026, 4, 5),
		2027: NewDate(2027, 3, 28), 2038: NewDate(2038, 4, 25)} {
		if got := easter(y); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}

func TestNextBusinessDay(t *testing.T) {
	for _, c := range []struct{ d, want Date }{
		{NewDate(2026, 4, 1), NewDate(2026, 4, 2)},     // Wednesday → Thursday
		{NewDate(2026, 4, 3), NewDate(2026, 4, 7)},     // Friday → Tuesday: Easter Monday 6 April
		{NewDate(2026, 4, 30), NewDate(2026, 5, 4)},    // Thursday → Monday: 1 May Friday, weekend
		{NewDate(2026, 6, 3), NewDate(2026, 6, 5)},     // Corpus Christi 4 June 2026
		{NewDate(2026, 12, 23), NewDate(2026, 12, 28)}, // 24, 25 Dec holidays, then the weekend
		{NewDate(2026, 11, 10), NewDate(2026, 11, 12)}, // 11 November
		{NewDate(2026, 12, 31), NewDate(2027, 1, 4)},   // New Year's Day Friday, weekend
	} {
		if got := NextBusinessDay(c.d); got != c.want {
			t.Errorf("NextBusinessDay(%s) = %s, want %s", c.d, got, c.want)
		}
	}
	// Late the day after the deadline, not on it.
	d := NewDate(2026, 11, 27) // Friday: due Monday 30th
	if KSeFLate(d, NewDate(2026, 11, 30)) || !KSeFLate(d, NewDate(2026, 12, 1)) {
		t.Error("KSeFLate misjudges the offline24 deadline")
	}
}

func TestKSeFReady(t *testing.T) {
	c := CompanySettings{Name: "Złoty Łan", Street: "ul. Źródłowa 12", City: "Łódź", Country: "PL", TaxID: "526-000-12-46"}
	if err := c.KSeFReady(); err != nil {
		t.Errorf("complete: %v", err)
	}
	bad := CompanySettings{Country: "PL", TaxID: "5260001247"}
	e, ok := AsError(bad.KSeFReady())
	var fields []string
	if ok {
		for _, f := range e.Fields {
			fields = append(fields, f.Field+":"+f.Key)
		}
	}
	want := "name:field.required tax_id:nip.checksum street:field.required city:field.required"
	if got := strings.Join(fields, " "); got != want {
		t.Errorf("incomplete: %s, want %s", got, want)
	}
}
