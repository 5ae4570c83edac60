package catalog

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

type fixture struct {
	t   *testing.T
	cat *domaintest.Catalog
	w   fyne.Window
	s   *Screen
	mka *domain.Product
}

func newFixture(t *testing.T, seed ...func(*domaintest.Catalog)) *fixture {
	t.Helper()
	cat := domaintest.NewCatalog(domaintest.New())
	f := &fixture{t: t, cat: cat, w: uitest.Window(t, 1400, 900)}
	f.mka = cat.AddProduct(t, "MKA-650", "Mąka pszenna typ 650", "3,2", func(p *domain.ProductFields) {
		p.Unit, p.VATRate, p.Description = "kg", domain.VAT5, "Młyn Łańcut, worek 25 kg"
	})
	cat.AddProduct(t, "CUK-1", "Cukier biały", "4,1234")
	cat.AddProduct(t, "OLJ-OLD", "Olej rzepakowy (wycofany)", "9,99", func(p *domain.ProductFields) { p.Active = false })
	for _, fn := range seed {
		fn(cat)
	}
	f.s = New(Deps{Window: f.w, Products: cat, Run: worker.Inline, Locale: domain.Polish})
	f.w.SetContent(f.s.Content())
	return f
}

func (f *fixture) row(i int) []string {
	o := columns.Row(right...)
	f.s.list.updateItem(i, o)
	return xwidget.RowTexts(o)
}

func (f *fixture) skus() []string {
	var out []string
	for i := range f.s.list.rows.Total() {
		out = append(out, f.row(i)[0])
	}
	return out
}

func (f *fixture) answer(label string) {
	f.t.Helper()
	uitest.Answer(f.t, f.s.question, label)
}

func TestSearchFiltersTheCatalog(t *testing.T) {
	f := newFixture(t)
	if got := f.skus(); strings.Join(got, " ") != "CUK-1 MKA-650" {
		t.Fatalf("active products in name order = %v", got)
	}
	// A price in whole grosze leaves the room of two more decimals (figure
	// spaces), so the decimals line up with a 4-decimal price's.
	if got := f.row(1); got[3] != "3,20\u2007\u2007\u00a0zł" || got[2] != "kg" || got[4] != "5\u00a0%" || got[5] != "active" {
		t.Errorf("row shows %q", got)
	}
	if got := f.row(0)[3]; got != "4,1234\u00a0zł" {
		t.Errorf("a 4-decimal price shows as %q", got)
	}
	for _, c := range []struct{ query, want string }{
		{"maka psz", "MKA-650"}, // folded, word prefixes of the name
		{"lancut", "MKA-650"},   // the description
		{"cuk-1", "CUK-1"},      // the SKU
		{"olej", ""},            // inactive: not in the active filter
	} {
		query, want := c.query, c.want
		f.s.list.search.SetText("")
		test.Type(f.s.list.search, query)
		if got := strings.Join(f.skus(), " "); got != want {
			t.Errorf("search %q shows %q, want %q", query, got, want)
		}
	}
	if !f.s.list.empty.Visible() || !strings.Contains(f.s.list.empty.Text, "olej") {
		t.Errorf("no hits: empty state %q", f.s.list.empty.Text)
	}
	f.s.list.filter.SetSelectedIndex(2) // all
	if got := strings.Join(f.skus(), " "); got != "OLJ-OLD" {
		t.Errorf("olej among all products = %q", got)
	}
	if !f.s.list.empty.Hidden || !strings.Contains(f.s.list.status.Text, "1 hit") {
		t.Errorf("status %q", f.s.list.status.Text)
	}
	f.s.list.search.SetText("")
	if f.s.list.rows.Total() != 3 || !strings.Contains(f.s.list.status.Text, "3 products") {
		t.Errorf("all products: %d rows, status %q", f.s.list.rows.Total(), f.s.list.status.Text)
	}
}

func TestStaleCatalogSearchIsDropped(t *testing.T) {
	f := newFixture(t)
	var later []func()
	f.s.d.Run = func(job func()) { later = append(later, job) }
	f.s.list.rows.Run = f.s.d.Run
	f.s.list.search.SetText("maka")
	f.s.list.search.SetText("cukier")
	for i := len(later) - 1; i >= 0; i-- { // the older search finishes last
		later[i]()
	}
	if got := strings.Join(f.skus(), " "); got != "CUK-1" {
		t.Errorf("list shows %q, want only the last search's hit", got)
	}
}

func TestCatalogPagesLazily(t *testing.T) {
	f := newFixture(t, func(c *domaintest.Catalog) {
		for i := range 250 {
			c.AddProduct(t, fmt.Sprintf("P%04d", i), fmt.Sprintf("Produkt %04d", i), "1")
		}
	})
	if f.s.list.rows.Total() != 252 {
		t.Fatalf("total %d", f.s.list.rows.Total())
	}
	if got := f.row(2 + 205)[0]; got != "P0205" {
		t.Errorf("row 207 = %q", got)
	}
}

// editorOf opens the product and returns its editor.
func (f *fixture) open(p *domain.Product) *editor {
	f.t.Helper()
	f.s.Open(p.ID)
	if f.s.editor == nil || f.s.editor.p.ID != p.ID {
		f.t.Fatalf("product %s did not open", p.SKU)
	}
	return f.s.editor
}

func TestProductEditorValidation(t *testing.T) {
	f := newFixture(t)
	e := f.open(f.mka)
	if got := e.fields[domain.FieldListPrice].Text(); got != "3,20" {
		t.Errorf("list price in the entry = %q", got)
	}
	if !strings.Contains(e.unitHint.Text, "3 decimals") {
		t.Errorf("unit hint for kg = %q", e.unitHint.Text)
	}
	writes := f.cat.Writes
	set := func(name, text string) { e.fields[name].Entry.SetText(text) }
	set(domain.FieldListPrice, "-1")
	if p := e.problem(domain.FieldListPrice); !strings.Contains(p, "negative") {
		t.Errorf("negative price: problem %q", p)
	}
	set(domain.FieldListPrice, "3,12345")
	if p := e.problem(domain.FieldListPrice); !strings.Contains(p, "4 decimal places") {
		t.Errorf("over-precise price: problem %q", p)
	}
	set(domain.FieldVATRate, "7")
	if p := e.problem(domain.FieldVATRate); !strings.Contains(p, "not a VAT rate") {
		t.Errorf("VAT 7: problem %q", p)
	}
	set(domain.FieldUnit, "beczka")
	if p := e.problem(domain.FieldUnit); !strings.Contains(p, "not a unit") || e.unitHint.Text != "" {
		t.Errorf("unknown unit: problem %q, hint %q", p, e.unitHint.Text)
	}
	set(domain.FieldUnit, "szt")
	if !strings.Contains(e.unitHint.Text, "whole numbers") {
		t.Errorf("unit hint for szt = %q", e.unitHint.Text)
	}
	f.s.Save()
	if f.cat.Writes != writes || !strings.Contains(e.status.Text, "Not saved") {
		t.Fatalf("an invalid product was saved (status %q)", e.status.Text)
	}
	if p := e.problem(domain.FieldName); p != "" {
		t.Errorf("a valid field shows %q", p)
	}

	set(domain.FieldListPrice, "3,1234")
	set(domain.FieldVATRate, "zw")
	set(domain.FieldSKU, "cuk-1") // another product's SKU, other case
	f.s.Save()
	if p := e.problem(domain.FieldSKU); !strings.Contains(p, "already used") {
		t.Errorf("duplicate SKU: problem %q", p)
	}
	set(domain.FieldSKU, "MKA-650")
	f.s.Save()
	got, _ := f.cat.FindProductByID(t.Context(), f.mka.ID)
	if got.ListPrice != 31234 || got.VATRate != domain.VATExempt || got.Unit != "szt" {
		t.Errorf("saved %+v", got.ProductFields)
	}
	if f.s.Dirty() || e.problem(domain.FieldSKU) != "" {
		t.Error("still unsaved or marked after a good save")
	}
	if got := f.row(1)[3]; got != "3,1234\u00a0zł" {
		t.Errorf("the list was not refreshed: %q", got)
	}
}

func TestNewProductAndUnsavedPrompt(t *testing.T) {
	f := newFixture(t)
	f.s.NewProduct()
	e := f.s.editor
	if e.fields[domain.FieldUnit].Text() != "szt" || e.fields[domain.FieldVATRate].Text() != "23" || !e.active.Checked {
		t.Errorf("new product defaults: unit %q, VAT %q", e.fields[domain.FieldUnit].Text(), e.fields[domain.FieldVATRate].Text())
	}
	if f.w.Canvas().Focused() != e.fields[domain.FieldSKU].Focusable() {
		t.Error("Ctrl+N did not put the cursor in the SKU")
	}
	test.Type(e.fields[domain.FieldSKU].Entry, "SOL-1")
	e.fields[domain.FieldName].Entry.SetText("Sól kuchenna")

	f.s.Open(f.mka.ID)
	f.answer("Cancel")
	if f.s.editor != e {
		t.Fatal("Cancel left the new product")
	}
	f.s.Open(f.mka.ID)
	f.answer("Save")
	if p := e.problem(domain.FieldListPrice); !strings.Contains(p, "Required") {
		t.Errorf("saving without a price: problem %q", p)
	}
	if f.s.editor != e {
		t.Fatal("a failed save went on to the other product")
	}
	e.fields[domain.FieldListPrice].Entry.SetText("1 234,5")
	f.s.Open(f.mka.ID)
	f.answer("Save")
	p, err := f.cat.FindProductBySKU(t.Context(), "SOL-1")
	if err != nil || p.ListPrice != 12345000 || p.Name != "Sól kuchenna" {
		t.Fatalf("saved %+v, %v", p, err)
	}
	if f.s.OpenID() != f.mka.ID {
		t.Error("after saving, the product asked for did not open")
	}

	e = f.s.editor
	test.Tap(e.active)
	f.s.Close()
	f.answer("Discard changes")
	if f.s.editor != nil {
		t.Error("Discard did not close the product")
	}
	if got, _ := f.cat.FindProductByID(t.Context(), f.mka.ID); !got.Active {
		t.Error("Discard saved the active flag")
	}
}
