package domain

import (
	"strconv"
	"strings"
	"time"
)

// TaskBucket says where an open task stands on a given day.
type TaskBucket string

// Task buckets; the first three are the Today screen's sections.
const (
	BucketOverdue  TaskBucket = "overdue"  // not done, due before today
	BucketToday    TaskBucket = "today"    // not done, due today
	BucketUpcoming TaskBucket = "upcoming" // not done, due within AgendaWindowDays after today
	BucketLater    TaskBucket = "later"    // not done, due after that
	BucketDone     TaskBucket = "done"
	BucketNone     TaskBucket = "" // not a task
)

// Bucket places the activity on today's agenda. The clock is the caller's.
func (f *ActivityFields) Bucket(today Date) TaskBucket {
	if f.Kind != KindTask {
		return BucketNone
	}
	return TaskBucketOf(f.Due, f.Done, today)
}

// TaskBucketOf places a task due on due on today's agenda.
func TaskBucketOf(due Date, done bool, today Date) TaskBucket {
	switch {
	case done:
		return BucketDone
	case due.Before(today):
		return BucketOverdue
	case due == today:
		return BucketToday
	case !AgendaEnd(today).Before(due):
		return BucketUpcoming
	}
	return BucketLater
}

// AgendaEnd is the last due date the Today screen lists.
func AgendaEnd(today Date) Date { return today.AddDays(AgendaWindowDays) }

// ColdCutoff is the earliest last-contact date that keeps an account warm: an
// account last contacted before it is going cold.
func ColdCutoff(today Date, days int) Date { return today.AddDays(-days) }

// IsGoingColdSince is IsGoingCold for an account created on created: one
// never contacted is going cold only once it is older than days (an account
// added minutes ago is new, not cold).
func IsGoingColdSince(last, created, today Date, days int) bool {
	if last.IsZero() {
		return created.Before(ColdCutoff(today, days))
	}
	return last.Before(ColdCutoff(today, days))
}

// IsGoingCold reports whether an account last contacted on last (zero: never)
// has gone more than days days without a call, meeting or e-mail.
func IsGoingCold(last, today Date, days int) bool {
	return last.IsZero() || last.Before(ColdCutoff(today, days))
}

// ParseDateTime reads a date as ParseDate does, optionally followed by a time
// of day ("2026-11-27 14:05", "27.11.2026 14:05:30", "2026-11-27T14:05") and
// a UTC offset ("+01:00", "+0100", "Z") — without an offset in loc —, or an
// RFC 3339 moment. A date alone is midnight. The empty string is the zero time.
func ParseDateTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		// The years a date may have hold here too (RFC 3339 takes 0000).
		if _, err := ParseDate(t.Format("2006-01-02")); err != nil {
			return time.Time{}, err
		}
		return t, nil
	}
	bad := Errorf(EInvalid, "datetime.invalid", "{{.Value}} is not a date and time (use YYYY-MM-DD HH:MM or DD.MM.YYYY HH:MM, optionally with the UTC offset, +01:00)",
		map[string]any{"Value": s})
	if i := strings.IndexByte(s, 'T'); i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
		s = s[:i] + " " + s[i+1:] // 2026-11-27T14:05
	}
	datePart, clock, _ := strings.Cut(s, " ")
	d, err := ParseDate(datePart)
	if err != nil {
		if e, ok := AsError(err); ok && e.Key == "date.year_range" {
			return time.Time{}, err
		}
		return time.Time{}, bad
	}
	clock = strings.TrimSpace(clock)
	if c, zone, ok := cutOffset(clock); ok {
		off, ok := parseOffset(zone)
		if !ok || c == "" {
			return time.Time{}, bad
		}
		clock, loc = c, time.FixedZone("", off)
	}
	var hms [3]int
	if clock != "" {
		parts := strings.Split(clock, ":")
		if len(parts) < 2 || len(parts) > 3 {
			return time.Time{}, bad
		}
		limits := [3]int{23, 59, 59}
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil || len(p) > 2 || n < 0 || n > limits[i] {
				return time.Time{}, bad
			}
			hms[i] = n
		}
	}
	return time.Date(d.Year, d.Month, d.Day, hms[0], hms[1], hms[2], 0, loc), nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// MomentLayout is how a moment is written in files: the time of day in a
// zone, with that zone's UTC offset, so any reader knows the moment exactly.
const MomentLayout = "2006-01-02 15:04 -07:00"

// FormatMoment writes t as MomentLayout in loc.
func FormatMoment(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(MomentLayout)
}

// cutOffset splits a time of day from a UTC offset after it ("14:05 +01:00",
// "14:05+0100", "14:05Z"); ok is false when there is none.
func cutOffset(clock string) (c, zone string, ok bool) {
	if i := strings.LastIndexAny(clock, "+-Z "); i > 0 {
		if clock[i] == ' ' {
			return strings.TrimSpace(clock[:i]), strings.TrimSpace(clock[i+1:]), true
		}
		return strings.TrimSpace(clock[:i]), clock[i:], true
	}
	return clock, "", false
}

// parseOffset reads "Z", "UTC", "+01:00", "+0100" or "+01" as seconds east of UTC.
func parseOffset(z string) (int, bool) {
	if z == "Z" || strings.EqualFold(z, "UTC") {
		return 0, true
	}
	if len(z) < 3 || z[0] != '+' && z[0] != '-' {
		return 0, false
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	if len(digits) != 2 && len(digits) != 4 || !allDigits(digits) {
		return 0, false
	}
	h, _ := strconv.Atoi(digits[:2])
	m := 0
	if len(digits) == 4 {
		m, _ = strconv.Atoi(digits[2:])
	}
	if h > 14 || m > 59 {
		return 0, false
	}
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return off, true
}

// LocalDayStart is midnight in loc at the start of d: the first moment a
// timeline's From date lets in, the first moment after a To date's day ends.
func LocalDayStart(d Date, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}
