package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date with no time of day or zone: an invoice date, a due date.
// The zero Date means "not set". Stored as YYYY-MM-DD TEXT.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate normalises y-m-d the way time.Date does (Jan 32 → Feb 1).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time is midnight UTC of the date.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// EndOfMonth returns the last day of d's month.
func (d Date) EndOfMonth() Date { return NewDate(d.Year, d.Month+1, 0) }

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int { return d.Time().Compare(o.Time()) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// DaysSince returns d − o in days.
func (d Date) DaysSince(o Date) int { return int(d.Time().Sub(o.Time()).Hours() / 24) }

// String is the ISO form YYYY-MM-DD, "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// The years a date may have.
const (
	MinYear = 1900
	MaxYear = 2999
)

// ParseDate reads YYYY-MM-DD, DD.MM.YYYY (one-digit day and month allowed) or
// DD/MM/YYYY. The empty string is the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	bad := Errorf(EInvalid, "date.invalid", "{{.Value}} is not a date (use YYYY-MM-DD or DD.MM.YYYY)", map[string]any{"Value": s})
	var y, m, d string
	switch {
	case strings.Count(s, "-") == 2:
		p := strings.Split(s, "-")
		y, m, d = p[0], p[1], p[2]
		if len(y) != 4 {
			return Date{}, bad
		}
	case strings.Count(strings.TrimSuffix(s, "."), ".") == 2:
		// Trim before counting: "27.11.2026." is a date, "27.11." is not (and must not index past the parts).
		p := strings.Split(strings.TrimSuffix(s, "."), ".")
		d, m, y = p[0], p[1], p[2]
	case strings.Count(s, "/") == 2:
		p := strings.Split(s, "/")
		d, m, y = p[0], p[1], p[2]
	default:
		return Date{}, bad
	}
	yi, err1 := strconv.Atoi(y)
	mi, err2 := strconv.Atoi(m)
	di, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || len(y) != 4 || len(m) > 2 || len(d) > 2 {
		return Date{}, bad
	}
	if yi < MinYear || yi > MaxYear {
		return Date{}, Errorf(EInvalid, "date.year_range", "{{.Value}}: Kontor keeps dates from the year {{.Min}} to {{.Max}}",
			map[string]any{"Value": s, "Min": MinYear, "Max": MaxYear})
	}
	out := NewDate(yi, time.Month(mi), di)
	if out.Month != time.Month(mi) || out.Day != di {
		return Date{}, bad // 31.02.2026
	}
	return out, nil
}
