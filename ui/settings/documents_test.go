package settings

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kontor/domain/domaintest"
)

// TestDocumentSettings changes how long a quote is valid and a prefix; a bad
// value is shown next to its entry and nothing is saved.
func TestDocumentSettings(t *testing.T) {
	docs := domaintest.NewDocuments(domaintest.NewCatalog(domaintest.New()))
	s, _ := newScreen(t, Deps{DataPath: "/data/kontor.db", Documents: docs})
	d := s.documents
	if d.validDays.Text() != "30" || d.quotePfx.Text() != "OF/" || !d.save.Disabled() {
		t.Fatalf("loaded %q %q, save disabled %v", d.validDays.Text(), d.quotePfx.Text(), d.save.Disabled())
	}
	d.validDays.Entry.SetText("400")
	d.orderPfx.Entry.SetText("OF/")
	test.Tap(d.save)
	if d.validDays.Problem() == "" || !strings.Contains(d.orderPfx.Problem(), "different prefixes") || docs.Writes != 0 {
		t.Fatalf("bad values: %q, %q, writes %d", d.validDays.Problem(), d.orderPfx.Problem(), docs.Writes)
	}
	d.validDays.Entry.SetText("14")
	d.orderPfx.Entry.SetText("ZS/")
	test.Tap(d.save)
	got, _ := docs.FindDocumentSettings(context.Background())
	if got.QuoteValidDays != 14 || got.Orders.Prefix != "ZS/" || d.validDays.Problem() != "" {
		t.Fatalf("saved %+v", got)
	}
}
