package receivables

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/ui/uitest"
)

func (t *AccountTab) invoiceRow(i int) []string {
	return rowTexts(t.updateInvoice, func() fyne.CanvasObject { return newRow(invoiceColumns, invoiceRight...) }, i)
}

func (t *AccountTab) paymentRow(i int) []string {
	return rowTexts(t.updatePayment, func() fyne.CanvasObject { return newRow(paymentColumns, paymentRight...) }, i)
}

// TestRecordPayment records a payment against the overdue invoice: bad
// input is refused next to its field with nothing typed lost, then the
// invoice's open amount drops and the balance follows.
func TestRecordPayment(t *testing.T) {
	f := newFixture(t)
	f.deliver(f.lodz, domain.NewDate(2026, 10, 1), "KLEJ-5 2")  // 246,00 zł, due 15.10: overdue
	f.deliver(f.lodz, domain.NewDate(2026, 11, 20), "KLEJ-5 1") // 123,00 zł, due 04.12
	tab := f.tab(f.lodz)
	if got := tab.head.money.Text; got != "Balance 369,00\u00a0zł · overdue 246,00\u00a0zł" {
		t.Errorf("summary: %q", got)
	}
	if got := tab.head.bar.Text; got != "used 369,00\u00a0zł of 1\u00a0000,00\u00a0zł" || tab.head.bar.Value != 36900 {
		t.Errorf("credit bar: %q at %v", got, tab.head.bar.Value)
	}
	if got := tab.invoiceRow(1); got[0] != "FV/2026/10/0001" || got[2] != "246,00" || got[3] != "0,00" || got[6] != "01.10.2026" {
		t.Fatalf("October's invoice: %q", got)
	}
	tab.invoices.Select(1)
	test.Tap(tab.recordBtn)
	p := tab.payment
	if p == nil || p.fields[domain.FieldDate].Text() != "27.11.2026" || p.invoice.SelectedIndex() != 1 {
		t.Fatalf("the dialog does not propose today and the selected invoice: %+v", p)
	}
	// The chosen invoice's open amount is filled in; another invoice's
	// follows while the user has typed none of their own.
	if got := p.fields[domain.FieldAmount].Text(); got != "246,00" {
		t.Errorf("amount proposed: %q, want the invoice's open 246,00", got)
	}
	p.invoice.SetSelectedIndex(2)
	if got := p.fields[domain.FieldAmount].Text(); got != "123,00" {
		t.Errorf("amount after choosing November's invoice: %q", got)
	}
	p.invoice.SetSelectedIndex(1)
	p.fields[domain.FieldAmount].Entry.SetText("")
	p.fields[domain.FieldReference].Entry.SetText("przelew 123")
	test.Tap(p.okBtn)
	if got := p.fields[domain.FieldAmount].Problem(); !strings.Contains(got, "more than 0") {
		t.Errorf("a blank amount: %q", got)
	}
	p.fields[domain.FieldAmount].Entry.SetText("100,001")
	test.Tap(p.okBtn)
	if p.fields[domain.FieldAmount].Problem() == "" || f.ledger.Writes != 2 {
		t.Fatalf("an amount of 3 decimals was taken (%d writes)", f.ledger.Writes)
	}
	p.fields[domain.FieldDate].Entry.SetText("31.13.2026")
	if p.fields[domain.FieldDate].Problem() == "" {
		t.Error("a month 13 is not marked while typing")
	}
	p.fields[domain.FieldDate].Entry.SetText("25.11.2026")
	p.fields[domain.FieldAmount].Entry.SetText("100")
	if p.fields[domain.FieldReference].Text() != "przelew 123" {
		t.Error("the reference typed was lost")
	}
	test.Tap(p.okBtn)
	if f.ledger.Writes != 3 {
		t.Fatal("the payment was not recorded")
	}
	if got := tab.invoiceRow(1); got[2] != "146,00" || got[3] != "100,00" {
		t.Errorf("October's invoice after the payment: %q", got)
	}
	if got := tab.head.money.Text; got != "Balance 269,00\u00a0zł · overdue 146,00\u00a0zł" {
		t.Errorf("summary after the payment: %q", got)
	}
	if got := tab.paymentRow(0); got[0] != "25.11.2026" || got[2] != "100,00" || got[4] != "FV/2026/10/0001" {
		t.Errorf("payment row: %q", got)
	}
	if !strings.Contains(tab.status.Text, "100,00\u00a0zł") {
		t.Errorf("status: %q", tab.status.Text)
	}
	tab.invoices.Select(1)
	if got := tab.settled.Text; !strings.Contains(got, "100,00\u00a0zł of the payment of 25.11.2026 (przelew 123)") {
		t.Errorf("what settled it: %q", got)
	}
}

// TestDeletePaymentUndo deletes a payment after asking, then puts it back.
func TestDeletePaymentUndo(t *testing.T) {
	f := newFixture(t)
	f.deliver(f.lodz, domain.NewDate(2026, 11, 2), "KLEJ-5 1")
	f.ledger.AddPayment(t, f.lodz.ID, domain.NewDate(2026, 11, 10), "200", "") // 77,00 zł credit
	tab := f.tab(f.lodz)
	if got := tab.paymentRow(0); got[3] != "77,00" {
		t.Fatalf("unapplied: %q", got)
	}
	if !tab.deleteBtn.Disabled() {
		t.Error("delete is enabled with no payment selected")
	}
	tab.payments.Select(0)
	test.Tap(tab.deleteBtn)
	test.Tap(tab.question.Button("Delete"))
	if tab.paymentCount() != 0 || tab.invoiceRow(0)[2] != "123,00" || !tab.undo.Visible() {
		t.Fatalf("after delete: %d payments, invoice %q, undo shown %v", tab.paymentCount(), tab.invoiceRow(0), tab.undo.Visible())
	}
	test.Tap(tab.undoBtn)
	if tab.paymentCount() != 1 || tab.invoiceRow(0)[2] != "" || tab.undo.Visible() {
		t.Fatalf("after undo: %d payments, invoice %q", tab.paymentCount(), tab.invoiceRow(0))
	}
}

// TestCreditNote refuses crediting more than invoiced and a blank reason at
// their places, then issues a note for one piece.
func TestCreditNote(t *testing.T) {
	f := newFixture(t)
	f.deliver(f.lodz, domain.NewDate(2026, 11, 2), "KLEJ-5 2", "WKR-440 100")
	tab := f.tab(f.lodz)
	tab.invoices.Select(0)
	test.Tap(tab.creditBtn)
	c := tab.credit
	test.Tap(c.okBtn)
	if !c.general.Visible() {
		t.Error("a note with no line was not refused")
	}
	c.qtyBox.Entry.SetText("3") // line 1: KLEJ-5, 2 invoiced
	test.Tap(c.okBtn)
	if got := c.qtyBox.Problem(); !strings.Contains(got, "at most 2") {
		t.Errorf("more than invoiced: %q", got)
	}
	if got := c.reason.Problem(); got == "" {
		t.Error("a blank reason is not marked")
	}
	c.qtyBox.Entry.SetText("1")
	c.reason.Entry.SetText("uszkodzony")
	test.Tap(c.okBtn)
	if tab.invoiceCount() != 2 {
		t.Fatalf("no credit note: %d rows", tab.invoiceCount())
	}
	// Open invoices come first: the invoice, then the note it took in full.
	if got := tab.invoiceRow(1); got[0] != "KOR/2026/11/0001 (credit note)" || got[colGross] != "-123,00" {
		t.Errorf("credit note row: %q", got)
	}
	if got := tab.invoiceRow(0); got[2] != "184,50" { // 246 + 61,50 − 123
		t.Errorf("invoice after the note: %q", got)
	}
	// "Open only" leaves the note out.
	tab.openOnly.SetChecked(true)
	if tab.invoiceCount() != 1 || tab.invoiceRow(0)[0] != "FV/2026/11/0001" {
		t.Errorf("open only: %d rows, first %q", tab.invoiceCount(), tab.invoiceRow(0))
	}
}

// TestStatementPreview shows last month's statement and saves its PDF whole.
func TestStatementPreview(t *testing.T) {
	f := newFixture(t)
	f.deliver(f.lodz, domain.NewDate(2026, 9, 10), "KLEJ-5 1")
	f.deliver(f.lodz, domain.NewDate(2026, 10, 5), "KLEJ-5 2")
	f.ledger.AddPayment(t, f.lodz.ID, domain.NewDate(2026, 10, 20), "123", "FV/2026/09/0001")
	tab := f.tab(f.lodz)
	test.Tap(tab.stmtBtn)
	v := tab.statement
	if v.month.Selected != "October 2026" || v.st == nil {
		t.Fatalf("month %q, statement %v", v.month.Selected, v.st)
	}
	lines := func(i int) []string {
		return rowTexts(v.updateLine, func() fyne.CanvasObject { return newRow(statementColumns, statementRight...) }, i)
	}
	if got := v.opening.labels()[4].Text; got != "123,00\u00a0zł" {
		t.Errorf("opening: %q", got)
	}
	if got := lines(0); got[1] != "Invoice FV/2026/10/0001" || got[4] != "369,00\u00a0zł" {
		t.Errorf("line 1: %q", got)
	}
	if got := lines(1); got[1] != "Payment: FV/2026/09/0001" || got[3] != "-123,00\u00a0zł" || got[4] != "246,00\u00a0zł" {
		t.Errorf("line 2: %q", got)
	}
	if got := v.closing.labels()[4].Text; got != "246,00\u00a0zł" {
		t.Errorf("closing: %q", got)
	}
	f.saved = filepath.Join(t.TempDir(), "K1_2026-10.pdf")
	test.Tap(v.saveBtn)
	data, err := os.ReadFile(f.saved)
	if err != nil || !strings.HasPrefix(string(data), "statement pl K1 2026-10") {
		t.Fatalf("saved: %q %v", data, err)
	}
	test.Tap(v.openBtn)
	if len(f.urls) != 1 || !strings.HasSuffix(f.urls[0], "/K1_2026-10.pdf") {
		t.Errorf("opened: %q", f.urls)
	}
}

// TestRepSeesWhoRecordsMoney: on a file joined to a team as anyone but the
// back office, the Invoices tab offers no payment, credit note or payment
// deletion (the store and the server would refuse them) and says who
// records them; the statement and the invoice list stay.
func TestRepSeesWhoRecordsMoney(t *testing.T) {
	f := newFixture(t)
	f.deliver(f.lodz, domain.NewDate(2026, 10, 1), "KLEJ-5 2")
	backOffice := false
	f.d.NotBackOffice = func() bool { return !backOffice }
	tab := f.tab(f.lodz)
	if tab.recordBtn.Visible() || tab.creditBtn.Visible() || tab.deleteBtn.Visible() {
		t.Errorf("a rep is offered: record %v, credit note %v, delete %v", tab.recordBtn.Visible(), tab.creditBtn.Visible(), tab.deleteBtn.Visible())
	}
	if !tab.stmtBtn.Visible() || tab.invoiceRow(0)[0] != "FV/2026/10/0001" {
		t.Error("a rep lost the statement or the invoices")
	}
	if !strings.Contains(uitest.Text(tab.Content()), "Payments and credit notes are recorded by the back office.") {
		t.Error("the tab does not say who records payments")
	}
	backOffice = true
	tab = f.tab(f.lodz)
	if !tab.recordBtn.Visible() || !tab.creditBtn.Visible() || !tab.deleteBtn.Visible() {
		t.Error("the back office is not offered payments and credit notes")
	}
	if strings.Contains(uitest.Text(tab.Content()), "Payments and credit notes are recorded by the back office.") {
		t.Error("the back office is told someone else records payments")
	}
}
