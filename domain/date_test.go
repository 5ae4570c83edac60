package domain_test

import (
	"strings"
	"testing"
	"time"

	"kontor/domain"
)

func d(y int, m time.Month, day int) domain.Date { return domain.Date{Year: y, Month: m, Day: day} }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want domain.Date
		bad  bool
	}{
		{"2026-11-27", d(2026, 11, 27), false},
		{" 2026-11-27 ", d(2026, 11, 27), false},
		{"27.11.2026", d(2026, 11, 27), false},
		{"7.1.2026", d(2026, 1, 7), false},
		{"07.01.2026", d(2026, 1, 7), false},
		{"27/11/2026", d(2026, 11, 27), false},
		{"27.11.2026.", d(2026, 11, 27), false}, // a trailing dot, as often written in Polish
		{"29.02.2024", d(2024, 2, 29), false},   // leap year
		{"2000-02-29", d(2000, 2, 29), false},   // divisible by 400
		{"31.12.1999", d(1999, 12, 31), false},
		{"", domain.Date{}, false}, // blank is "not set"
		{"31.02.2026", domain.Date{}, true},
		{"29.02.2026", domain.Date{}, true},
		{"1900-02-29", domain.Date{}, true}, // divisible by 100, not 400
		{"2026-13-01", domain.Date{}, true},
		{"2026-00-10", domain.Date{}, true},
		{"0.1.2026", domain.Date{}, true},
		{"32.01.2026", domain.Date{}, true},
		{"27.11.26", domain.Date{}, true}, // two-digit year
		{"26-11-27", domain.Date{}, true},
		{"2026-11-27T10:00", domain.Date{}, true},
		{"2026/11/27", domain.Date{}, true},
		{"27.11", domain.Date{}, true},
		{"27.11.", domain.Date{}, true},
		{"..", domain.Date{}, true},
		{"--", domain.Date{}, true},
		{"a.b.cdef", domain.Date{}, true},
		{"tomorrow", domain.Date{}, true},
		{"-1.5.2026", domain.Date{}, true},
		{"1.-5.2026", domain.Date{}, true},
		{"27.11.2026.1", domain.Date{}, true},
		{"27.11.2026..", domain.Date{}, true},
	}
	for _, tt := range tests {
		got, err := domain.ParseDate(tt.in)
		if tt.bad {
			if e, ok := domain.AsError(err); !ok || e.Code != domain.EInvalid || e.Key != "date.invalid" {
				t.Errorf("ParseDate(%q) = %v, %v; want date.invalid", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestDateStringRoundTrip(t *testing.T) {
	for _, x := range []domain.Date{d(2026, 1, 7), d(1999, 12, 31), d(2024, 2, 29)} {
		back, err := domain.ParseDate(x.String())
		if err != nil || back != x {
			t.Errorf("ParseDate(%q) = %v, %v", x.String(), back, err)
		}
	}
	if s := d(2026, 1, 7).String(); s != "2026-01-07" {
		t.Errorf("String() = %q", s)
	}
	if s := (domain.Date{}).String(); s != "" {
		t.Errorf("zero Date String() = %q, want empty", s)
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		from domain.Date
		n    int
		want domain.Date
	}{
		{d(2026, 1, 31), 1, d(2026, 2, 1)},
		{d(2026, 12, 31), 1, d(2027, 1, 1)},
		{d(2027, 1, 1), -1, d(2026, 12, 31)},
		{d(2024, 2, 28), 1, d(2024, 2, 29)},
		{d(2026, 2, 28), 1, d(2026, 3, 1)},
		{d(2026, 1, 31), 30, d(2026, 3, 2)},
		{d(2026, 3, 29), 1, d(2026, 3, 30)}, // across the DST change in Poland: civil dates have no zone
		{d(2026, 5, 5), 0, d(2026, 5, 5)},
		{d(2026, 1, 1), 365, d(2027, 1, 1)},
		{d(2024, 1, 1), 365, d(2024, 12, 31)},
	}
	for _, tt := range tests {
		got := tt.from.AddDays(tt.n)
		if got != tt.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tt.from, tt.n, got, tt.want)
		}
		if back := got.DaysSince(tt.from); back != tt.n {
			t.Errorf("%v.DaysSince(%v) = %d, want %d", got, tt.from, back, tt.n)
		}
	}
	a, b := d(2026, 3, 1), d(2026, 3, 2)
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Error("Before is wrong")
	}
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Compare is wrong")
	}
	if got := domain.NewDate(2026, 1, 32); got != d(2026, 2, 1) {
		t.Errorf("NewDate(2026, 1, 32) = %v", got)
	}
	if !(domain.Date{}).IsZero() || d(2026, 1, 1).IsZero() {
		t.Error("IsZero is wrong")
	}
	// DateOf takes the date in the moment's own zone, not UTC.
	warsaw := time.FixedZone("CET", 3600)
	if got := domain.DateOf(time.Date(2026, 1, 1, 0, 30, 0, 0, warsaw)); got != d(2026, 1, 1) {
		t.Errorf("DateOf = %v, want 2026-01-01", got)
	}
}

func TestEndOfMonth(t *testing.T) {
	tests := []struct{ in, want domain.Date }{
		{d(2026, 1, 1), d(2026, 1, 31)},
		{d(2026, 1, 31), d(2026, 1, 31)},
		{d(2026, 2, 10), d(2026, 2, 28)},
		{d(2024, 2, 10), d(2024, 2, 29)},
		{d(2000, 2, 1), d(2000, 2, 29)},
		{d(2100, 2, 1), d(2100, 2, 28)},
		{d(2026, 4, 15), d(2026, 4, 30)},
		{d(2026, 12, 31), d(2026, 12, 31)},
	}
	for _, tt := range tests {
		if got := tt.in.EndOfMonth(); got != tt.want {
			t.Errorf("%v.EndOfMonth() = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestParseDateYearRange: "9999-12-31 is not a date" hid the real rule, the
// years 1900–2999.
func TestParseDateYearRange(t *testing.T) {
	for _, in := range []string{"9999-12-31", "1.1.0999", "31.12.1899", "3000-01-01"} {
		_, err := domain.ParseDate(in)
		e, ok := domain.AsError(err)
		if !ok || e.Key != "date.year_range" || !strings.Contains(e.Error(), "1900") || !strings.Contains(e.Error(), "2999") {
			t.Errorf("ParseDate(%q) = %v; want date.year_range naming 1900 and 2999", in, err)
		}
	}
	for _, in := range []string{"1900-01-01", "2999-12-31"} {
		if _, err := domain.ParseDate(in); err != nil {
			t.Errorf("ParseDate(%q) = %v", in, err)
		}
	}
}

// TestDateTimeOffsets: a time with its UTC offset is that moment wherever it
// is read; without one it is a time in the zone given.
func TestDateTimeOffsets(t *testing.T) {
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	for _, s := range []string{"2026-11-20 10:30 +01:00", "2026-11-20 10:30+01:00", "20.11.2026 10:30 +0100", "2026-11-20 09:30 Z",
		"2026-11-20 09:30 UTC", "2026-11-20 04:30 -05:00", "2026-11-20T10:30:00+01:00", "2026-11-20 10:30"} {
		for _, loc := range []*time.Location{warsaw, time.UTC} {
			got, err := domain.ParseDateTime(s, loc)
			if s == "2026-11-20 10:30" && loc == time.UTC {
				want := want.Add(time.Hour) // no offset: read in the zone given
				if err != nil || !got.Equal(want) {
					t.Errorf("ParseDateTime(%q, UTC) = %v, %v", s, got, err)
				}
				continue
			}
			if err != nil || !got.Equal(want) {
				t.Errorf("ParseDateTime(%q, %s) = %v, %v; want %v", s, loc, got, err, want)
			}
		}
	}
	for _, s := range []string{"2026-11-20 10:30 +25:00", "2026-11-20 10:30 +1", "2026-11-20 +01:00", "2026-11-20 10:30 CET"} {
		if _, err := domain.ParseDateTime(s, warsaw); err == nil {
			t.Errorf("ParseDateTime(%q) accepted", s)
		}
	}
	if got := domain.FormatMoment(want, warsaw); got != "2026-11-20 10:30 +01:00" {
		t.Errorf("FormatMoment = %q", got)
	}
	if got := domain.FormatMoment(want.AddDate(0, 6, 0), warsaw); got != "2027-05-20 11:30 +02:00" {
		t.Errorf("FormatMoment in summer = %q", got)
	}
	// Written and read back in any zone: the same moment.
	for _, z := range []string{"UTC", "Asia/Tokyo", "America/New_York"} {
		loc, _ := time.LoadLocation(z)
		if back, err := domain.ParseDateTime(domain.FormatMoment(want, warsaw), loc); err != nil || !back.Equal(want) {
			t.Errorf("read back in %s: %v, %v", z, back, err)
		}
	}
}

func TestCompanyTimeZone(t *testing.T) {
	c := domain.CompanySettings{Name: "Firma", TimeZone: "Europe/Lisbon"}
	if err := c.Validate(); err != nil || c.Location().String() != "Europe/Lisbon" {
		t.Errorf("Validate = %v, Location %s", err, c.Location())
	}
	if got := (&domain.CompanySettings{}).Location().String(); got != domain.DefaultTimeZone {
		t.Errorf("the default zone is %s", got)
	}
	for _, z := range []string{"Warszawa", "Local", "+01:00"} {
		c := domain.CompanySettings{Name: "Firma", TimeZone: z}
		if e, _ := domain.AsError(c.Validate()); e == nil || e.Fields[0].Key != "timezone.invalid" {
			t.Errorf("time zone %q accepted: %v", z, e)
		}
	}
	// A zone alone does not make a letterhead that needs a name.
	if err := (&domain.CompanySettings{TimeZone: "UTC"}).Validate(); err != nil {
		t.Errorf("a time zone without a letterhead: %v", err)
	}
}
