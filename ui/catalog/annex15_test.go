package catalog

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestAnnex15Flag: the Annex 15 check box is saved with the product.
func TestAnnex15Flag(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.mka.ID)
	e := f.s.editor
	if e.annex15.Checked {
		t.Fatal("a new catalog's product is Annex 15 goods")
	}
	test.Tap(e.annex15)
	if !f.s.Dirty() {
		t.Error("ticking Annex 15 leaves the product unchanged")
	}
	f.s.Save()
	if p, err := f.cat.FindProductByID(t.Context(), f.mka.ID); err != nil || !p.Annex15 {
		t.Fatalf("saved %+v, %v", p, err)
	}
	f.s.Open(f.mka.ID)
	if !f.s.editor.annex15.Checked || f.s.Dirty() {
		t.Error("the flag is not shown as saved")
	}
}
