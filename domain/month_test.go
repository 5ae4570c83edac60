package domain

import (
	"testing"
	"time"
)

func TestParseMonth(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Month
	}{
		{"2026-11", Month{2026, time.November}},
		{" 2026-01 ", Month{2026, time.January}},
		{"2026-1", Month{2026, time.January}},
		{"11.2026", Month{2026, time.November}}, // how Polish users write it
		{"2.2028", Month{2028, time.February}},
	} {
		got, err := ParseMonth(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"2026-13", "2026-00", "abc", "", "2026", "26-11", "2026-011", "2026-11-01", "-2026-11", "2026/11",
		"13.2026", "0.2026", "1899-12", "2026-x1", "2026-+1"} {
		got, err := ParseMonth(in)
		if ErrorCode(err) != EInvalid || !got.IsZero() {
			t.Errorf("ParseMonth(%q) = %v, %v; want an EInvalid error", in, got, err)
		} else if e, _ := AsError(err); e.Key != "month.invalid" {
			t.Errorf("ParseMonth(%q): key %s", in, e.Key)
		}
	}
}

func TestMonthDays(t *testing.T) {
	for _, c := range []struct {
		m                  Month
		first, last        Date
		prev, next, string string
	}{
		{Month{2028, time.February}, day(2028, 2, 1), day(2028, 2, 29), "2028-01", "2028-03", "2028-02"},
		{Month{2027, time.February}, day(2027, 2, 1), day(2027, 2, 28), "2027-01", "2027-03", "2027-02"},
		{Month{2026, time.December}, day(2026, 12, 1), day(2026, 12, 31), "2026-11", "2027-01", "2026-12"},
		{Month{2026, time.January}, day(2026, 1, 1), day(2026, 1, 31), "2025-12", "2026-02", "2026-01"},
	} {
		m := c.m
		if m.First() != c.first || m.Last() != c.last || m.Prev().String() != c.prev || m.Next().String() != c.next ||
			m.String() != c.string {
			t.Errorf("%v: %v %v %v %v", c.string, m.First(), m.Last(), m.Prev(), m.Next())
		}
		if !m.Contains(c.first) || !m.Contains(c.last) || m.Contains(c.last.AddDays(1)) || m.Contains(c.first.AddDays(-1)) {
			t.Errorf("%v: Contains is wrong at its ends", m)
		}
		if MonthOf(c.last) != m {
			t.Errorf("MonthOf(%v) = %v", c.last, MonthOf(c.last))
		}
		back, err := ParseMonth(m.String())
		if err != nil || back != m {
			t.Errorf("%v does not read back: %v %v", m, back, err)
		}
	}
	if !(Month{}).IsZero() || (Month{2026, 1}).IsZero() {
		t.Error("IsZero")
	}
}
