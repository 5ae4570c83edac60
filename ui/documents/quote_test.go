package documents

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
)

// TestBuildQuoteWithKeyboard builds and saves a quote without the mouse:
// the account found by typing, a product found by part of its name, another
// by SKU, quantities, a discount, Ctrl+S.
func TestBuildQuoteWithKeyboard(t *testing.T) {
	f := newFixture(t)
	f.s.NewQuote()
	f.typeKeys("lodz") // folded: finds Łódź
	f.press(fyne.KeyReturn)
	e := f.quote()
	if e.acc.ID != f.lodz.ID || f.focused() != e.lines.sku.Entry {
		t.Fatalf("a new quote for K1 with the keyboard in the SKU entry; got account %v, focus %T", e.acc.Code, f.focused())
	}
	if got := e.head.text(domain.FieldValidUntil); got != "27.12.2026" {
		t.Errorf("valid until = %q, want the quote date + 30 days", got)
	}
	if got := e.head.text(domain.FieldPaymentTerms); got != "net 14" {
		t.Errorf("payment terms = %q, want the account's", got)
	}

	// Part of a name and Enter opens the picker; Down, Enter picks.
	f.typeKeys("wkret drew")
	f.press(fyne.KeyReturn)
	f.press(fyne.KeyDown)
	f.press(fyne.KeyReturn)
	if e.lines.sku.Text() != "WKR-440" || f.focused() != e.lines.qty.Entry {
		t.Fatalf("picked %q, focus on %T; want WKR-440 and the quantity", e.lines.sku.Text(), f.focused())
	}
	f.typeKeys("6")
	f.press(fyne.KeyTab)
	f.typeKeys("10")
	f.press(fyne.KeyReturn)
	f.addLine("klej-5", "2")
	if len(e.lines.lines) != 2 || f.focused() != e.lines.sku.Entry {
		t.Fatalf("lines = %d, focus %T; want 2 lines and the SKU entry again", len(e.lines.lines), f.focused())
	}
	// 6 × 0,25 − 10 % = 1,35 at 23 %; 2 × 89,90 = 179,80 at 8 %.
	if got := rowText(e.lines, 0); !strings.Contains(got, "WKR-440 | Wkręt do drewna 4×40 ocynkowany | 6\u00a0szt | 0,25\u00a0zł | list | 10\u00a0% | 1,35\u00a0zł | 23\u00a0%") {
		t.Errorf("line 1 = %q", got)
	}
	want := "VAT rate | Net | VAT | Gross | 23\u00a0% | 1,35\u00a0zł | 0,31\u00a0zł | 1,66\u00a0zł | 8\u00a0% | 179,80\u00a0zł | 14,38\u00a0zł | 194,18\u00a0zł | Total | 181,15\u00a0zł | 14,69\u00a0zł | 195,84\u00a0zł"
	if got := totalsText(e.lines); got != want {
		t.Errorf("totals\n got %s\nwant %s", got, want)
	}

	// A second line of screws takes the SKU's total to 12: both lines move to
	// the agreement's tier from 10, and are marked.
	f.addLine("WKR-440", "6")
	for i := range []int{0, 2} {
		if got := e.lines.lines[[]int{0, 2}[i]]; got.Price != 2000 || got.Source != domain.SourceAccount {
			t.Errorf("screw line %d: %v from %s, want 0,20 from the account's agreement", i, got.Price, got.Source)
		}
	}
	if got := rowText(e.lines, 0); !strings.Contains(got, "0,20\u00a0zł (was 0,25\u00a0zł)") {
		t.Errorf("the repriced line is not marked: %q", got)
	}

	// Editing a quantity updates the totals as it is typed.
	e.lines.list.Select(1)
	if f.focused() != nil && e.lines.qty.Text() != "2" {
		t.Fatalf("the bar shows line 2's quantity, got %q", e.lines.qty.Text())
	}
	e.lines.qty.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(e.lines.qty.Entry, "0") // 2 → 20 buckets, before any Enter
	if got := e.lines.lines[1].Quantity; got != 20_000 {
		t.Errorf("quantity not taken live: %v", got)
	}
	if got := e.lines.Totals().ByRate[1].Net; got != 1798_00 {
		t.Errorf("8 %% net after typing 20 = %v, want 1 798,00", got)
	}

	f.s.SaveQuote()
	q, err := f.docs.FindQuoteByID(context.Background(), e.q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if q.Number != "OF/2026/00001" || len(q.Lines) != 3 || q.Owner != "Anna Nowak" || q.Status != domain.QuoteDraft {
		t.Errorf("stored %s with %d lines, owner %q, %s", q.Number, len(q.Lines), q.Owner, q.Status)
	}
	if e.title.Text != "OF/2026/00001" || e.dirty {
		t.Errorf("after the save the title is %q and dirty is %v", e.title.Text, e.dirty)
	}
}
