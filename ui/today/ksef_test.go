package today

import (
	"strings"
	"testing"

	"kontor/domain"
	"kontor/domain/domaintest"
)

// TestKSeFWarning: the start page warns of invoices past the offline24
// deadline and of files that cannot be built, and says nothing when all is sent.
func TestKSeFWarning(t *testing.T) {
	f := newFixture(t, func(*testing.T, *domaintest.Store) {})
	if f.s.ksef.Visible() {
		t.Fatal("a KSeF warning without the service")
	}
	k := domaintest.NewKSeF(domaintest.NewLedger(domaintest.NewDocuments(domaintest.NewCatalog(f.db))))
	f.s.d.KSeF = k
	k.Counts = &domain.KSeFCounts{Waiting: 5, Late: 3, CannotBuild: 1}
	f.s.Refresh()
	got := f.s.ksef.Text
	if !f.s.ksef.Visible() || !strings.Contains(got, "3 invoices are not in KSeF") || !strings.Contains(got, "1 invoice cannot be built") {
		t.Errorf("warning %q", got)
	}
	// A rep in a team does not send invoices: the back office does.
	f.s.d.NotBackOffice = func() bool { return true }
	f.s.Refresh()
	if f.s.ksef.Visible() {
		t.Errorf("a rep is warned: %q", f.s.ksef.Text)
	}
	f.s.d.NotBackOffice = func() bool { return false }
	k.Counts = &domain.KSeFCounts{Waiting: 2, Sent: 40}
	f.s.Refresh()
	if f.s.ksef.Visible() {
		t.Errorf("a warning with nothing late: %q", f.s.ksef.Text)
	}
}
