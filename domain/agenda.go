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
// of day ("2026-11-27 14:05", "27.11.2026 14:05:30", "2026-11-27T14:05") in
// loc, or an RFC 3339 moment with its own offset. A date alone is midnight. The
// empty string is the zero time.
func ParseDateTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	bad := Errorf(EInvalid, "datetime.invalid", "{{.Value}} is not a date and time (use YYYY-MM-DD HH:MM or DD.MM.YYYY HH:MM)",
		map[string]any{"Value": s})
	datePart, clock, _ := strings.Cut(strings.Replace(s, "T", " ", 1), " ")
	d, err := ParseDate(datePart)
	if err != nil {
		return time.Time{}, bad
	}
	clock = strings.TrimSpace(clock)
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

// LocalDayStart is midnight in loc at the start of d: the first moment a
// timeline's From date lets in, the first moment after a To date's day ends.
func LocalDayStart(d Date, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}
