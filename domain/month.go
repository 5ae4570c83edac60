package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month: the period of a statement.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf returns the month d falls in.
func MonthOf(d Date) Month { return Month{Year: d.Year, Month: d.Month} }

// ParseMonth reads "YYYY-MM" (also "MM.YYYY", how Polish users write it).
func ParseMonth(s string) (Month, error) {
	t := strings.TrimSpace(s)
	var y, m string
	if a, b, ok := strings.Cut(t, "-"); ok {
		y, m = a, b
	} else if a, b, ok := strings.Cut(t, "."); ok {
		y, m = b, a
	}
	yn, err1 := strconv.Atoi(y)
	mn, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || !digits(y) || !digits(m) || len(y) != 4 || len(m) < 1 || len(m) > 2 || mn < 1 || mn > 12 || yn < 1900 || yn > 2999 {
		return Month{}, Errorf(EInvalid, "month.invalid", "{{.Value}} is not a month: write YYYY-MM, e.g. 2026-11",
			map[string]any{"Value": t})
	}
	return Month{Year: yn, Month: time.Month(mn)}, nil
}

// digits reports whether s is ASCII digits only (Atoi also takes a sign).
func digits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// First is the month's first day.
func (m Month) First() Date { return NewDate(m.Year, m.Month, 1) }

// Last is the month's last day: the statement date.
func (m Month) Last() Date { return m.First().EndOfMonth() }

// Next is the following month.
func (m Month) Next() Month { return MonthOf(NewDate(m.Year, m.Month+1, 1)) }

// Prev is the month before.
func (m Month) Prev() Month { return MonthOf(NewDate(m.Year, m.Month-1, 1)) }

// IsZero reports whether the month is unset.
func (m Month) IsZero() bool { return m == Month{} }

// Contains reports whether d falls in the month.
func (m Month) Contains(d Date) bool { return d.Year == m.Year && d.Month == m.Month }

// String is "YYYY-MM", how files and kontorctl name a month.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }
