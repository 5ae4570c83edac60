package documents

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
)

// TestOrderInvoicePDF: a delivered order offers its invoice's PDF.
func TestOrderInvoicePDF(t *testing.T) {
	var opened []string
	f := newFixture(t, func(f *fixture, d *Deps) {
		domaintest.NewLedger(f.docs) // delivering issues the invoice
		d.InvoicePDF = func(id domain.InvoiceID, number string) { opened = append(opened, number) }
	})
	f.w.SetContent(f.s.OrdersContent())
	f.s.NewOrderFor(f.lodz.ID)
	e := f.order()
	f.addLine("KLEJ-5", "3")
	f.s.SaveOrder()
	test.Tap(e.confirmBtn)
	if e.pdfBtn.Visible() {
		t.Error("Invoice PDF before delivery")
	}
	test.Tap(e.deliverBtn)
	e.prompt.field.Entry.SetText("30.11.2026")
	test.Tap(e.prompt.okBtn)
	if e.o.Status != domain.OrderDelivered || e.o.InvoiceNumber == "" || !e.pdfBtn.Visible() {
		t.Fatalf("delivered %s, invoice %q, Invoice PDF shown %v", e.o.Status, e.o.InvoiceNumber, e.pdfBtn.Visible())
	}
	test.Tap(e.pdfBtn)
	if len(opened) != 1 || opened[0] != e.o.InvoiceNumber {
		t.Errorf("opened %v", opened)
	}
}
