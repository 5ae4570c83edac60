package receivables

import (
	"os"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/domain/domaintest"
)

// ksefFixture is the fixture with the KSeF fake and a text invoice printer.
func ksefFixture(t *testing.T) (*fixture, *domaintest.KSeF, *domaintest.InvoicePrinter) {
	f := newFixture(t)
	k, p := domaintest.NewKSeF(f.ledger), &domaintest.InvoicePrinter{L: f.ledger}
	f.d.KSeF, f.d.InvoicePDF = k, p
	return f, k, p
}

// TestInvoicesTabKSeF: each invoice's KSeF status in its column; the
// selected one's standing under the list, with what an unbuildable one needs;
// Invoice PDF opens the PDF in the viewer.
func TestInvoicesTabKSeF(t *testing.T) {
	f, k, p := ksefFixture(t)
	old := f.deliver(f.lodz, domain.NewDate(2026, 3, 20), "KLEJ-5 1")  // before the start: not for KSeF
	nov := f.deliver(f.lodz, domain.NewDate(2026, 11, 20), "KLEJ-5 2") // waiting
	bad := f.deliver(f.lodz, domain.NewDate(2026, 11, 25), "KLEJ-5 3")
	k.Files[bad.Invoice] = &domain.InvoiceKSeF{Invoice: bad.Invoice, Number: bad.InvoiceNumber, Date: bad.DeliveredOn,
		Status: domain.KSeFCannotBuild, Reasons: []domain.KSeFReason{{Code: "seller_nip", Key: "ksef.reason.seller_nip",
			Msg: "the company's NIP is missing or not a valid Polish NIP: fill it in Settings"}}}
	tab := f.tab(f.lodz)
	want := map[string]string{old.InvoiceNumber: "not for KSeF", nov.InvoiceNumber: "waiting", bad.InvoiceNumber: "cannot be built"}
	for i := 0; i < tab.invoiceCount(); i++ {
		row := tab.invoiceRow(i)
		if row[colKSeF] != want[row[0]] {
			t.Errorf("%s: KSeF %q, want %q", row[0], row[colKSeF], want[row[0]])
		}
	}
	if tab.pdfBtn.Disabled() == false {
		t.Error("Invoice PDF is enabled with nothing selected")
	}
	tab.invoices.Select(0) // newest first: the unbuildable one
	if got := tab.settled.Text; !strings.Contains(got, "cannot be built yet") || !strings.Contains(got, "NIP is missing") {
		t.Errorf("under the list: %q", got)
	}
	tab.invoices.Select(1)
	if got := tab.settled.Text; !strings.Contains(got, "waits to be sent") {
		t.Errorf("under the list: %q", got)
	}
	tab.onInvoicePDF()
	if len(f.urls) != 1 || !strings.HasSuffix(f.urls[0], "/FV_2026_11_0001.pdf") {
		t.Fatalf("opened %v", f.urls)
	}
	data, err := os.ReadFile(strings.TrimPrefix(f.urls[0], "file://"))
	if err != nil || string(data) != "invoice FV/2026/11/0001 pl\n" || len(p.Printed) != 1 {
		t.Errorf("the PDF: %q %v, printed %v", data, err, p.Printed)
	}
}

// TestReceivablesKSeFFilter: the KSeF filter lists the accounts with an
// invoice in the status chosen, whatever their balance.
func TestReceivablesKSeFFilter(t *testing.T) {
	f, k, _ := ksefFixture(t)
	k2, _ := threeAccounts(f) // October: waiting, every one
	paid := f.db.AddAccount(t, "K4", "Opłacone", "Radom")
	o := f.deliver(paid, domain.NewDate(2026, 11, 2), "KLEJ-5 1")
	f.ledger.AddPayment(t, paid.ID, domain.NewDate(2026, 11, 3), "123", "")
	k.Files[o.Invoice] = &domain.InvoiceKSeF{Invoice: o.Invoice, Status: domain.KSeFCannotBuild}
	s := New(f.d)
	f.w.SetContent(s.Content())
	s.Refresh()
	if !s.ksef.Visible() || len(s.rows) != 3 {
		t.Fatalf("unfiltered: %d rows, filter shown %v", len(s.rows), s.ksef.Visible())
	}
	s.ksef.SetSelected(KSeFStatusText(domain.KSeFCannotBuild))
	if len(s.rows) != 1 || s.rows[0].Code != "K4" {
		t.Errorf("cannot be built: %+v", s.rows)
	}
	s.ksef.SetSelected(KSeFStatusText(domain.KSeFSent))
	if len(s.rows) != 0 || !s.empty.Visible() || !strings.Contains(s.empty.Text, "KSeF status") {
		t.Errorf("sent: %d rows, %q", len(s.rows), s.empty.Text)
	}
	s.ksef.SetSelectedIndex(0)
	if len(s.rows) != 3 || s.rows[1].Code != k2.Code {
		t.Errorf("any status: %+v", s.rows)
	}
	// Without the service, no filter.
	f.d.KSeF = nil
	if s := New(f.d); s.ksef.Visible() {
		t.Error("a KSeF filter without the service")
	}
}
