package settings

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/language"
)

// TestKSeFSettings: the letterhead is checked for KSeF as it is typed, and
// the KSeF settings are saved through the service.
func TestKSeFSettings(t *testing.T) {
	cat := domaintest.NewCatalog(domaintest.New())
	k := domaintest.NewKSeF(domaintest.NewLedger(domaintest.NewDocuments(cat)))
	s, _ := newScreen(t, Deps{Company: cat, KSeF: k})
	kv, l := s.ksef, s.company
	if kv == nil || kv.seller.Importance != widget.WarningImportance || !strings.Contains(kv.seller.Text, "NIP") {
		t.Fatalf("an empty letterhead: %q", kv.seller.Text)
	}
	set := func(field, text string) { l.fields[field].Entry.SetText(text) }
	set(domain.FieldName, "Kontor Hurt Sp. z o.o.")
	set(domain.FieldTaxID, "526-000-12-47")
	if !strings.Contains(kv.seller.Text, "check digit") {
		t.Errorf("a bad NIP: %q", kv.seller.Text)
	}
	set(domain.FieldTaxID, "526-000-12-46")
	set(domain.FieldStreet, "ul. Piotrkowska 1")
	set(domain.FieldCity, "Łódź")
	if kv.seller.Importance != widget.SuccessImportance {
		t.Errorf("a complete letterhead: %q", kv.seller.Text)
	}
	// The settings as stored; then a new environment, start and basis.
	if kv.env.Selected != environmentLabel(domain.KSeFProduction) || kv.start.Text() != "01.04.2026" && kv.start.Text() != "1 Apr 2026" {
		t.Errorf("defaults: %q %q", kv.env.Selected, kv.start.Text())
	}
	kv.start.Entry.SetText("30.02.2026")
	test.Tap(s.save)
	if k.Saved != 0 || kv.start.Problem() == "" {
		t.Fatalf("a date that is not one: saved %d, problem %q", k.Saved, kv.start.Problem())
	}
	kv.env.SetSelected(environmentLabel(domain.KSeFTest))
	kv.start.Entry.SetText(language.Locale().FormatDate(domain.NewDate(2026, 2, 1))) // as the form shows dates
	kv.basis.Entry.SetText("  art. 43 ust. 1 pkt 37   ustawy o VAT ")
	kv.place.Entry.SetText("Łódź")
	test.Tap(s.save)
	got, _ := k.FindKSeFSettings(t.Context())
	if k.Saved != 1 || *got != (domain.KSeFSettings{Environment: domain.KSeFTest, Start: domain.NewDate(2026, 2, 1),
		ExemptionBasis: "art. 43 ust. 1 pkt 37 ustawy o VAT", PlaceOfIssue: "Łódź"}) || s.saveStatus.Text != "Saved." {
		t.Errorf("saved %d: %+v, status %q", k.Saved, got, s.saveStatus.Text)
	}
}
