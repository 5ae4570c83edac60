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
	if got := rowText(e.lines, 0); !strings.Contains(got, "WKR-440 | Wkręt do drewna 4×40 ocynkowany | 6\u00a0szt | 0,25\u2007\u2007\u00a0zł | list | 10\u00a0% | 1,35\u00a0zł | 23\u00a0%") {
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

	// Up from the SKU entry selects the last line, Up again the one above,
	// with the keyboard in its quantity; what is typed applies at once.
	f.press(fyne.KeyUp)
	f.press(fyne.KeyUp)
	if e.lines.sel != 1 || f.focused() != e.lines.qty.Entry || e.lines.qty.Text() != "2" {
		t.Fatalf("selected line %d, focus %T, quantity %q; want line 2's quantity", e.lines.sel, f.focused(), e.lines.qty.Text())
	}
	f.press(fyne.KeyEnd)
	f.typeKeys("0") // 2 → 20 buckets, before any Enter
	if got := e.lines.lines[1].Quantity; got != 20_000 {
		t.Errorf("quantity not taken live: %v", got)
	}
	if got := e.lines.Totals().ByRate[1].Net; got != 1798_00 {
		t.Errorf("8 %% net after typing 20 = %v, want 1 798,00", got)
	}
	f.press(fyne.KeyEscape)
	if e.lines.sel != -1 || f.focused() != e.lines.sku.Entry {
		t.Errorf("Escape did not go back to a new line")
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

// TestPasteWithOneBadSKU pastes three lines, one with a SKU nobody sells:
// two are added and priced, the third stays in the dialog with why.
func TestPasteWithOneBadSKU(t *testing.T) {
	f := newFixture(t)
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	test.Tap(e.lines.paste)
	p := e.lines.lastPaste
	if p == nil || f.focused() != p.shown {
		t.Fatal("the paste dialog did not open with the keyboard in its text")
	}
	p.text.SetText("WKR-440\t12\nNIE-MA;3\nklej-5;2\n\n")
	test.Tap(p.addBtn)
	if len(e.lines.lines) != 2 || e.lines.lines[0].SKU != "WKR-440" || e.lines.lines[1].SKU != "KLEJ-5" {
		t.Fatalf("lines after the paste: %+v", e.lines.lines)
	}
	// 12 screws reach the agreement's tier from 10.
	if l := e.lines.lines[0]; l.Price != 2000 || l.Source != domain.SourceAccount || l.Quantity != 12_000 {
		t.Errorf("pasted screws: %v × %v from %s, want 12 × 0,20 from the account", l.Quantity, l.Price, l.Source)
	}
	if p.text.Text != "NIE-MA;3" {
		t.Errorf("the dialog keeps %q, want only the unrecognised line", p.text.Text)
	}
	if !strings.Contains(p.problems.Text, "1 line was not added") || !strings.Contains(p.problems.Text, "Line 2: no product with SKU NIE-MA") {
		t.Errorf("problems shown: %q", p.problems.Text)
	}
	if !strings.Contains(e.lines.note.Text, "2 lines added, 1 waiting") {
		t.Errorf("status: %q", e.lines.note.Text)
	}
	// Corrected, it is added too and the dialog closes.
	p.text.SetText("KAB-1;2,5")
	test.Tap(p.addBtn)
	if len(e.lines.lines) != 3 || e.lines.lines[2].Quantity != 2_500 {
		t.Fatalf("the corrected line was not added: %+v", e.lines.lines)
	}
	if p.text.Text != "KAB-1;2,5" && len(f.w.Canvas().Overlays().List()) != 0 {
		t.Error("the dialog stays open after everything was added")
	}
}

// TestQuoteValidationNextToFields shows a bad date and a manual price without
// a reason where they were typed, and saves nothing.
func TestQuoteValidationNextToFields(t *testing.T) {
	f := newFixture(t)
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	f.addLine("KLEJ-5", "1,5") // a piece is counted whole
	if len(e.lines.lines) != 0 || e.lines.qty.Problem() == "" {
		t.Fatalf("1,5 of a piece was taken (problem %q)", e.lines.qty.Problem())
	}
	e.lines.qty.Entry.SetText("1")
	e.lines.price.Entry.SetText("80")
	e.lines.submit()
	if len(e.lines.lines) != 0 || !strings.Contains(e.lines.reason.Problem(), "reason") {
		t.Fatalf("a manual price without a reason was taken (problem %q)", e.lines.reason.Problem())
	}
	e.lines.reason.Entry.SetText("stały klient")
	e.lines.submit()
	if l := e.lines.lines[0]; !l.IsManual() || l.Price != 80_0000 || l.EnginePrice != 89_9000 {
		t.Fatalf("manual line: %+v", l)
	}
	e.head.fields[domain.FieldValidUntil].Entry.SetText("01.11.2026")
	f.s.SaveQuote()
	if got := e.head.fields[domain.FieldValidUntil].Problem(); !strings.Contains(got, "before the quote date") {
		t.Errorf("valid-until problem: %q", got)
	}
	if f.docs.Writes != 0 {
		t.Error("an invalid quote was saved")
	}
}

// TestQuoteLifecycleRevisionAndConversion sends a quote, edits it into R2
// (R1 stays readable), accepts it and makes it an order with its prices.
func TestQuoteLifecycleRevisionAndConversion(t *testing.T) {
	f := newFixture(t)
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	f.addLine("WKR-440", "20")
	f.s.SaveQuote()
	test.Tap(e.sendBtn)
	if e.q.Status != domain.QuoteSent || e.acceptBtn.Disabled() {
		t.Fatalf("after send: %s", e.q.Status)
	}
	e.lines.list.Select(0)
	e.lines.qty.Entry.SetText("30")
	if !strings.Contains(e.state.Text, "revision R2") {
		t.Errorf("no word that saving makes R2: %q", e.state.Text)
	}
	f.s.SaveQuote()
	if e.q.Revision != 2 || e.q.Status != domain.QuoteDraft || e.title.Text != "OF/2026/00001 R2" {
		t.Fatalf("after editing the sent quote: R%d %s %q", e.q.Revision, e.q.Status, e.title.Text)
	}
	r1, err := f.docs.FindQuoteRevision(context.Background(), e.q.ID, 1)
	if err != nil || r1.Lines[0].Quantity != 20_000 || r1.Status != domain.QuoteSent {
		t.Fatalf("R1 as sent: %+v, %v", r1, err)
	}
	e.revisions.SetSelectedIndex(1) // R1, read only
	old := f.quote()
	if !old.readOnly || old.lines.lines[0].Quantity != 20_000 || !old.lines.locked || !old.saveBtn.Disabled() {
		t.Fatalf("R1 is not shown read only: %+v", old.lines.lines)
	}
	test.Tap(old.currentBtn)
	e = f.quote()
	test.Tap(e.sendBtn)
	test.Tap(e.acceptBtn)
	if e.q.Status != domain.QuoteAccepted || e.convertBtn.Disabled() {
		t.Fatalf("accepted quote: %s, convert disabled %v", e.q.Status, e.convertBtn.Disabled())
	}
	test.Tap(e.convertBtn)
	if f.shown != domain.KindOrder {
		t.Error("the order did not open in the Orders section")
	}
	o := f.order()
	if o.o == nil || o.o.QuoteID != e.q.ID || o.o.Status != domain.OrderDraft || len(o.lines.lines) != 1 ||
		o.lines.lines[0].Price != e.q.Lines[0].Price || o.lines.lines[0].Quantity != 30_000 {
		t.Fatalf("order from the quote: %+v", o.o)
	}
	if !strings.Contains(o.quoteBtn.Text, "OF/2026/00001") {
		t.Errorf("the order does not link its quote: %q", o.quoteBtn.Text)
	}
}

// TestQuoteConflictKeepsEdits saves over a quote changed elsewhere: nothing
// is overwritten and the edits stay.
func TestQuoteConflictKeepsEdits(t *testing.T) {
	f := newFixture(t)
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	f.addLine("KLEJ-5", "1")
	f.s.SaveQuote()
	f.docs.TouchQuote(e.q.ID)
	e.head.fields[domain.FieldDeliveryTerms].Entry.SetText("DAP Łódź")
	writes := f.docs.Writes
	f.s.SaveQuote()
	if f.docs.Writes != writes || !strings.Contains(e.state.Text, "changed in another window") || !e.dirty {
		t.Errorf("conflict: writes %d→%d, state %q, dirty %v", writes, f.docs.Writes, e.state.Text, e.dirty)
	}
	if e.head.text(domain.FieldDeliveryTerms) != "DAP Łódź" {
		t.Error("the edit was lost")
	}
}

// TestDuplicateForAnotherAccount copies a quote for K2: prices are resolved
// for K2 (no agreement there), the changed line is marked, nothing is saved
// until the user saves.
func TestDuplicateForAnotherAccount(t *testing.T) {
	f := newFixture(t)
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	f.addLine("WKR-440", "12")
	f.addLine("KLEJ-5", "1")
	f.s.SaveQuote()
	writes := f.docs.Writes
	test.Tap(e.dupBtn)
	f.typeKeys("muller")
	f.press(fyne.KeyReturn)
	d := f.quote()
	if d == e || d.q != nil || d.acc.ID != f.other.ID || !d.dirty || f.docs.Writes != writes {
		t.Fatalf("the duplicate is not a new unsaved quote for K2 (account %s, writes %d→%d)", d.acc.Code, writes, f.docs.Writes)
	}
	if l := d.lines.lines[0]; l.Price != 2500 || l.Source != domain.SourceList {
		t.Errorf("screws for K2: %v from %s, want the list price", l.Price, l.Source)
	}
	if got := rowText(d.lines, 0); !strings.Contains(got, "0,25\u00a0zł (was 0,20\u00a0zł)") {
		t.Errorf("the re-resolved line is not marked: %q", got)
	}
	if !strings.Contains(d.lines.priceNote, "1 line has a different price today") {
		t.Errorf("note %q", d.lines.priceNote)
	}
	f.s.SaveQuote()
	if d.q == nil || d.q.Number != "OF/2026/00002" || d.q.AccountID != f.other.ID {
		t.Fatalf("the duplicate was not saved for K2: %+v", d.q)
	}
}

// TestExpiredQuoteShowsItsStatus: a sent quote past its valid-until date
// lists as expired with its real status, and the expired filter finds it.
func TestExpiredQuoteShowsItsStatus(t *testing.T) {
	f := newFixture(t)
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	f.addLine("KLEJ-5", "1")
	f.s.SaveQuote()
	test.Tap(e.sendBtn)
	f.s.d.Today = func() domain.Date { return domain.NewDate(2027, 1, 5) } // after valid-until, 27.12.2026
	l := f.s.quotes.list
	l.refresh()
	if got := l.rowTexts(0)[3]; got != "expired (sent)" {
		t.Errorf("status shown %q", got)
	}
	if r, _ := l.pages.Row(0); !r.warn {
		t.Error("an expired quote is not marked")
	}
	l.status.SetSelectedIndex(5) // expired
	if l.pages.Total() != 1 {
		t.Errorf("expired quotes: %d", l.pages.Total())
	}
	l.status.SetSelectedIndex(2) // sent and not expired
	if l.pages.Total() != 0 {
		t.Errorf("sent quotes not expired: %d", l.pages.Total())
	}
	f.s.OpenQuote(e.q.ID)
	if got := f.quote().subtitle.Text; !strings.Contains(got, "expired (sent)") {
		t.Errorf("the open quote says %q", got)
	}
}

// TestWhyThisPrice explains a line's price at the SKU's total on the
// document, in the words of the Prices tab.
func TestWhyThisPrice(t *testing.T) {
	f := newFixture(t)
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	f.addLine("WKR-440", "4")
	f.addLine("WKR-440", "8")
	f.press(fyne.KeyUp)
	test.Tap(e.lines.why)
	got := e.lines.lastWhy.Text
	for _, want := range []string{"0,20\u00a0zł net per szt", "this account", "from quantity 10"} {
		if !strings.Contains(got, want) {
			t.Errorf("the explanation lacks %q:\n%s", want, got)
		}
	}
}

// TestEnglishDatesReadBack: in English the date entries show "27 Nov 2026",
// and a date typed that way is taken.
func TestEnglishDatesReadBack(t *testing.T) {
	f := newFixture(t)
	f.s.d.Locale = domain.English
	f.s.NewQuoteFor(f.lodz.ID)
	e := f.quote()
	if got := e.head.fields[domain.FieldDate].Text(); got != "27 Nov 2026" {
		t.Errorf("quote date shown as %q", got)
	}
	f.addLine("WKR-440", "10")
	e.head.fields[domain.FieldValidUntil].Entry.SetText("15 Dec 2026")
	f.s.SaveQuote()
	if p := e.head.fields[domain.FieldValidUntil].Problem(); p != "" || f.docs.Writes != 1 {
		t.Fatalf("valid until 15 Dec 2026: problem %q, %d saves", p, f.docs.Writes)
	}
	if q := e.q; q == nil || q.ValidUntil != domain.NewDate(2026, 12, 15) {
		t.Errorf("saved quote %+v", q)
	}
}
