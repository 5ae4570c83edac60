package xwidget

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

func TestParseDatesAsShown(t *testing.T) {
	want := domain.NewDate(2026, 11, 27)
	for _, in := range []string{"27.11.2026", "2026-11-27", "27 Nov 2026", " 27 November 2026 ", domain.English.FormatDate(want), domain.Polish.FormatDate(want)} {
		if got, err := ParseDate(in); err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseDate("31.11.2026"); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("31.11.2026: %v", err)
	}
	at := time.Date(2026, 11, 27, 14, 5, 0, 0, time.Local)
	for _, in := range []string{domain.English.FormatDateTime(at), domain.Polish.FormatDateTime(at), "2026-11-27 14:05", "27 Nov 2026  14:05"} {
		if got, err := ParseDateTime(in); err != nil || !got.Equal(at) {
			t.Errorf("ParseDateTime(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseDateTime("27.11.2026 25:00"); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("25:00: %v", err)
	}
}

func TestDateEntryCommits(t *testing.T) {
	test.NewTempApp(t)
	e := NewDateEntry(domain.Polish)
	w := test.NewTempWindow(t, e)
	var got []domain.Date
	var bad []error
	e.OnDate = func(d domain.Date) { got = append(got, d) }
	e.OnInvalid = func(err error) { bad = append(bad, err) }
	e.SetDate(domain.NewDate(2026, 12, 4))
	if e.Text != "04.12.2026" {
		t.Fatalf("shown as %q", e.Text)
	}
	e.OnSubmitted(e.Text) // unchanged: nothing to commit
	w.Canvas().Focus(e)
	e.SetText("2026-12-9")
	w.Canvas().Unfocus() // leaving the entry commits
	if len(got) != 1 || got[0] != domain.NewDate(2026, 12, 9) || e.Text != "09.12.2026" {
		t.Errorf("committed %v, shows %q", got, e.Text)
	}
	e.SetText("")
	e.OnSubmitted("")
	if len(bad) != 1 {
		t.Errorf("an empty required date was taken: %v", got)
	}
	e.Optional = true
	e.OnSubmitted("")
	if len(got) != 2 || !got[1].IsZero() {
		t.Errorf("an optional entry cleared: %v", got)
	}
}
