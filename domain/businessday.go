package domain

import "time"

// Business days in Poland: Monday to Friday except the public holidays (ustawa
// o dniach wolnych od pracy). KSeF's offline24 mode gives an invoice made
// offline until the next business day to reach KSeF.

// IsBusinessDay reports whether d is a Polish working day.
func IsBusinessDay(d Date) bool {
	if wd := d.Time().Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return !polishHoliday(d)
}

// NextBusinessDay is the first business day after d.
func NextBusinessDay(d Date) Date {
	n := d.AddDays(1)
	for !IsBusinessDay(n) {
		n = n.AddDays(1)
	}
	return n
}

// KSeFLate reports whether an invoice dated d and not yet in KSeF is past the
// offline24 deadline on today: later than the business day after its date.
func KSeFLate(d, today Date) bool { return NextBusinessDay(d).Before(today) }

func polishHoliday(d Date) bool {
	switch {
	case d.Month == time.January && (d.Day == 1 || d.Day == 6),
		d.Month == time.May && (d.Day == 1 || d.Day == 3),
		d.Month == time.August && d.Day == 15,
		d.Month == time.November && (d.Day == 1 || d.Day == 11),
		d.Month == time.December && (d.Day == 25 || d.Day == 26),
		d.Month == time.December && d.Day == 24 && d.Year >= 2025: // Christmas Eve, a holiday since 2025
		return true
	}
	e := easter(d.Year)
	// Easter Sunday and Monday, Pentecost Sunday (+49) and Corpus Christi (+60).
	for _, k := range []int{0, 1, 49, 60} {
		if e.AddDays(k) == d {
			return true
		}
	}
	return false
}

// easter is Easter Sunday of year y in the Gregorian calendar (the anonymous
// Gregorian computus, as published by Meeus).
func easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return NewDate(y, time.Month(month), day)
}
