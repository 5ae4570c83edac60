package settings

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

// fakeCollections keeps the reminder settings and the user's rate periods
// with the store's rules (domain's validation).
type fakeCollections struct {
	domain.CollectionsService
	rs    domain.ReminderSettings
	added []domain.RatePeriod
}

func (f *fakeCollections) ReminderSettings(context.Context) (domain.ReminderSettings, error) {
	return f.rs, nil
}

func (f *fakeCollections) SaveReminderSettings(_ context.Context, rs domain.ReminderSettings) error {
	if err := rs.Validate(); err != nil {
		return err
	}
	f.rs = rs
	return nil
}

func (f *fakeCollections) InterestRates(context.Context) (domain.RateTable, error) {
	return domain.StatutoryRates.WithPeriods(f.added), nil
}

func (f *fakeCollections) AddInterestRate(_ context.Context, p domain.RatePeriod) error {
	if err := domain.StatutoryRates.WithPeriods(append(f.added, p)).Validate(); err != nil {
		return err
	}
	f.added = append(f.added, p)
	return nil
}

func (f *fakeCollections) DeleteInterestRate(context.Context, domain.Date) error {
	f.added = f.added[:len(f.added)-1]
	return nil
}

func TestCollectionsSettings(t *testing.T) {
	fc := &fakeCollections{rs: domain.DefaultReminderSettings()}
	imported := ""
	s, _ := newScreen(t, Deps{Collections: fc, ImportRates: func(_ context.Context, path string) (int, int, error) {
		imported = path
		return 2, 70, nil
	}})
	c := s.collections
	if len(c.rows) != 3 || c.rows[2].days.Text != "45" || !c.rows[2].interest.Checked || c.deadline.Text != "7" {
		t.Fatalf("levels shown: %d rows", len(c.rows))
	}
	// Levels out of order are refused with the reason; nothing saved.
	c.rows[1].days.SetText("5")
	test.Tap(s.save)
	if !strings.Contains(c.status.Text, "level 2") || fc.rs.Levels[1].Days != 21 {
		t.Errorf("out of order: %q, stored %d", c.status.Text, fc.rs.Levels[1].Days)
	}
	c.rows[1].days.SetText("30")
	c.rows[0].interest.SetChecked(true)
	test.Tap(s.save)
	if fc.rs.Levels[1].Days != 30 || !fc.rs.Levels[0].AddInterest {
		t.Errorf("saved %+v", fc.rs.Levels)
	}
	// The next half-year follows the table's last day; a gap is refused.
	if c.from.Text != "1 Jan 2027" { // the tests' language is English
		t.Errorf("proposed start %q", c.from.Text)
	}
	c.from.SetText("02.01.2027")
	c.to.SetText("30.06.2027")
	c.rate.SetText("13,50")
	test.Tap(c.addBtn)
	if len(fc.added) != 0 || !strings.Contains(c.status.Text, "There is no rate between") {
		t.Errorf("a gap: %q", c.status.Text)
	}
	c.from.SetText("01.01.2027")
	test.Tap(c.addBtn)
	if len(fc.added) != 1 || !strings.Contains(c.rates.Text, "1 Jan 2027 – 30 Jun 2027: 13.50 % (added)") || c.dropBtn.Disabled() {
		t.Errorf("added: %v, %q", fc.added, c.rates.Text)
	}
	test.Tap(c.dropBtn)
	if len(fc.added) != 0 || !c.dropBtn.Disabled() {
		t.Errorf("dropped: %v", fc.added)
	}
	c.ImportFile("/tmp/a.json")
	if imported != "/tmp/a.json" || !strings.Contains(c.nbpState.Text, "2 NBP tables imported, 70 rates") {
		t.Errorf("import: %q %q", imported, c.nbpState.Text)
	}
}
