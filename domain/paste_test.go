package domain

import (
	"strings"
	"testing"
)

func TestParsePaste(t *testing.T) {
	text := "\ufeffMK-001\t10\r\n" + // tab
		"MK-002;2,5\n" + // semicolon, decimal comma
		"\n   \n" + // blank lines are not data
		"MK-003\tMąka pszenna typ 450\t1 000\n" + // a sheet row: SKU, name, qty
		"MK-004   12\n" + // e-mail: spaces
		"SKU\tIlość\n" + // a header row is listed, not dropped
		"MK-005\n" + // no quantity
		";5\n" + // no SKU
		"MK-006\t0\n" + // zero
		"MK-007\t1.2345\n" + // over-precise
		"MK-008\t-3\n" +
		"MK-009;\t\n" // cells but no quantity
	res := ParsePaste(text)
	type want struct {
		line int
		sku  string
		qty  Quantity
	}
	wantOK := []want{{1, "MK-001", 10 * One}, {2, "MK-002", 2500}, {5, "MK-003", 1000 * One}, {6, "MK-004", 12 * One}}
	if len(res.Lines) != len(wantOK) {
		t.Fatalf("recognised %+v", res.Lines)
	}
	for i, w := range wantOK {
		g := res.Lines[i]
		if g.Line != w.line || g.SKU != w.sku || g.Quantity != w.qty || g.Problem != nil {
			t.Errorf("line %d = %+v, want %+v", i, g, w)
		}
	}
	wantBad := map[int]string{7: "paste.bad_quantity", 8: "paste.no_quantity", 9: "paste.no_sku", 10: "paste.quantity_positive",
		11: "paste.bad_quantity", 12: "paste.quantity_positive", 13: "paste.no_quantity"}
	if len(res.Rejected) != len(wantBad) {
		t.Fatalf("rejected %+v", res.Rejected)
	}
	prev := 0
	for _, r := range res.Rejected {
		if r.Line <= prev {
			t.Errorf("rejected out of order at %d", r.Line)
		}
		prev = r.Line
		if r.Problem == nil || r.Problem.Key != wantBad[r.Line] {
			t.Errorf("line %d (%q): %v, want %s", r.Line, r.Text, r.Problem, wantBad[r.Line])
		}
		if !strings.Contains(r.Problem.Error(), "line ") {
			t.Errorf("the message does not say which line: %s", r.Problem.Error())
		}
	}
	// Nothing dropped: every non-blank line is in one list or the other.
	nonBlank := 0
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(strings.TrimPrefix(l, "\ufeff")) != "" {
			nonBlank++
		}
	}
	if len(res.Lines)+len(res.Rejected) != nonBlank {
		t.Errorf("%d + %d lines of %d", len(res.Lines), len(res.Rejected), nonBlank)
	}
}

func TestPasteMatchProducts(t *testing.T) {
	catalog := map[string]*Product{
		"MK-001": {ID: 1, ProductFields: ProductFields{SKU: "MK-001", Name: "Mąka", Unit: "kg", ListPrice: 35000, VATRate: VAT5, Active: true}},
		"MK-002": {ID: 2, ProductFields: ProductFields{SKU: "MK-002", Name: "Worek", Unit: "szt", ListPrice: 15000, VATRate: VAT23, Active: true}},
		"MK-003": {ID: 3, ProductFields: ProductFields{SKU: "MK-003", Name: "Stary", Unit: "szt", VATRate: VAT23}},
	}
	res := ParsePaste("mk-001\t2,5\nMK-002\t1,5\nXX-1\t3\nMK-003\t1\nbad\nMK-002;4")
	err := res.MatchProducts(func(sku string) (*Product, error) {
		if p := catalog[strings.ToUpper(sku)]; p != nil {
			return p, nil
		}
		return nil, Errorf(ENotFound, "product.not_found", "no product", nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Lines) != 2 || res.Lines[0].SKU != "MK-001" || res.Lines[1].Line != 6 {
		t.Errorf("recognised %+v", res.Lines)
	}
	keys := []string{}
	for _, r := range res.Rejected {
		keys = append(keys, r.Problem.Key)
	}
	if got := strings.Join(keys, " "); got != "paste.unit_decimals paste.unknown_sku paste.inactive paste.no_quantity" {
		t.Errorf("rejected in order: %s", got)
	}
	l := res.Lines[0].NewLine()
	if l.ProductID != 1 || l.Unit != "kg" || l.Quantity != 2500 || l.VATRate != VAT5 || l.Price != 35000 {
		t.Errorf("new line %+v", l)
	}
	failing := ParsePaste("A\t1")
	if err := failing.MatchProducts(func(string) (*Product, error) { return nil, Errorf(EInternal, "x", "disk", nil) }); err == nil || len(failing.Lines) != 1 {
		t.Errorf("a failing lookup must be returned and leave the result")
	}
}

func FuzzParsePaste(f *testing.F) {
	f.Add("MK-1\t10\nMK-2;2,5\n\nx")
	f.Add("a b c\t\t;")
	f.Fuzz(func(t *testing.T, s string) {
		res := ParsePaste(s)
		n := 0
		for _, l := range strings.Split(strings.ReplaceAll(strings.TrimPrefix(s, "\ufeff"), "\r\n", "\n"), "\n") {
			if strings.TrimSpace(strings.TrimSuffix(l, "\r")) != "" {
				n++
			}
		}
		if len(res.Lines)+len(res.Rejected) != n {
			t.Fatalf("%d + %d of %d lines", len(res.Lines), len(res.Rejected), n)
		}
		for _, l := range res.Lines {
			if l.Quantity <= 0 || l.SKU == "" {
				t.Fatalf("recognised %+v", l)
			}
		}
	})
}
