package catalog

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

func TestChangesFromTheTeamReachTheOpenProduct(t *testing.T) {
	f := newFixture(t)
	e := f.open(f.mka)
	elsewhere := func(name string) {
		p, err := f.cat.FindProductByID(context.Background(), f.mka.ID)
		if err != nil {
			t.Fatal(err)
		}
		fields := p.ProductFields
		fields.Name = name
		if _, err := f.cat.UpdateProduct(context.Background(), p.ID, domain.ProductUpdate{ProductFields: fields, Version: p.Version}); err != nil {
			t.Fatal(err)
		}
	}
	f.s.RemoteChanged()
	if f.s.editor != e {
		t.Error("nothing changed, yet the product opened again")
	}
	elsewhere("Mąka pszenna 650")
	f.s.RemoteChanged()
	if got := f.s.editor.fields[domain.FieldName].Text(); got != "Mąka pszenna 650" {
		t.Fatalf("the open product shows %q after a pulled change", got)
	}
	if !strings.Contains(strings.Join(f.row(1), " "), "Mąka pszenna 650") {
		t.Errorf("the list did not read the change: %v", f.row(1))
	}
	// Typed here: kept, with a warning.
	f.s.editor.fields[domain.FieldUnit].Entry.SetText("worek")
	elsewhere("Mąka typ 650")
	f.s.RemoteChanged()
	e = f.s.editor
	if e.fields[domain.FieldUnit].Text() != "worek" || e.fields[domain.FieldName].Text() != "Mąka pszenna 650" ||
		e.status.Importance != widget.WarningImportance {
		t.Errorf("unsaved changes: unit %q, name %q, status %q", e.fields[domain.FieldUnit].Text(), e.fields[domain.FieldName].Text(), e.status.Text)
	}
}
