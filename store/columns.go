package store

import (
	"database/sql"
	"fmt"
	"time"

	"kontor/domain"
)

// The stored forms of the values the columns hold, each written by one
// function and read by one: moments (*_at), civil dates (*_on), flags and
// optional references.

// momentLayout is how every moment column (*_at) is stored: UTC to the
// second, fixed width, so that text order is time order and SQL compares and
// sorts moments as text. RFC 3339 with nanoseconds would not: it drops
// trailing zeros, and "…:05.5Z" sorts before "…:05Z".
const momentLayout = "2006-01-02T15:04:05Z"

// moment is t as a moment column stores it.
func moment(t time.Time) string { return t.UTC().Format(momentLayout) }

// storedMoment reads a moment column: "" (or NULL) is no moment; text that is
// not an RFC 3339 moment means the file is damaged, and is an error. A
// fraction of a second, as files written before schema 6 held, is read.
func storedMoment(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("the database holds %q where a moment (RFC 3339) belongs: the file is damaged", s)
	}
	return t.UTC(), nil
}

// atTime scans a moment column into t, in UTC.
func atTime(t *time.Time) sql.Scanner { return momentColumn{t, time.UTC} }

// atLocalTime scans a moment column into t in local time, the zone people
// read dates in (an activity's time, an account's last contact).
func atLocalTime(t *time.Time) sql.Scanner { return momentColumn{t, time.Local} }

// onLocalDay scans a moment column into d: the civil date it falls on in
// local time (an account's last contact); NULL is no date.
func onLocalDay(d *domain.Date) sql.Scanner { return localDayColumn{d} }

type localDayColumn struct{ d *domain.Date }

func (c localDayColumn) Scan(v any) error {
	var t time.Time
	err := atLocalTime(&t).Scan(v)
	*c.d = domain.Date{}
	if !t.IsZero() {
		*c.d = domain.DateOf(t)
	}
	return err
}

type momentColumn struct {
	t   *time.Time
	loc *time.Location
}

func (c momentColumn) Scan(v any) error {
	var s string
	switch v := v.(type) {
	case nil:
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("the database holds %v (%T) where a moment belongs: the file is damaged", v, v)
	}
	t, err := storedMoment(s)
	if !t.IsZero() {
		t = t.In(c.loc)
	}
	*c.t = t
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// nullID is an optional reference's value: NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullDate is an optional civil date's value: NULL for none.
func nullDate(d domain.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// storedDate reads a civil date column. The store writes dates only as
// YYYY-MM-DD (NULL or, from a coalesce, "" for none), and SQLite's date
// functions and every comparison of dates as text rely on that form; so a
// stored date in any other form, or of a day that does not exist, means the
// file was damaged or written by another program, and is an error rather than
// no date.
func storedDate(s string) (domain.Date, error) {
	if s == "" {
		return domain.Date{}, nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, m, d := digits(s[:4]), digits(s[5:7]), digits(s[8:])
		if y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m)) {
			return domain.Date{Year: y, Month: time.Month(m), Day: d}, nil
		}
	}
	return domain.Date{}, fmt.Errorf("the database holds %q where a date (YYYY-MM-DD) belongs: the file is damaged", s)
}

// digits is the number s writes in decimal digits, -1 if it has another character.
func digits(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		v = v*10 + int(s[i]-'0')
	}
	return v
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// onDate scans a civil date column into d by storedDate's rule.
func onDate(d *domain.Date) sql.Scanner { return dateColumn{d} }

type dateColumn struct{ d *domain.Date }

func (c dateColumn) Scan(v any) error {
	var err error
	switch v := v.(type) {
	case nil:
		*c.d = domain.Date{}
	case string:
		*c.d, err = storedDate(v)
	case []byte:
		*c.d, err = storedDate(string(v))
	default:
		err = fmt.Errorf("the database holds %v (%T) where a date belongs: the file is damaged", v, v)
	}
	return err
}
