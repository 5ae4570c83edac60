package store_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store/xfer"
)

// TestCreditNote: a credit note is numbered from its own series, settles its
// invoice first, can credit no more than is left, and what it gives beyond
// the invoice's open amount is credit on account.
func TestCreditNote(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	o := f.delivered(t, f.other, domain.NewDate(2026, 3, 1), domain.NewDate(2026, 3, 2), 10000) // 10 × 10.00 + 23 % = 123.00
	_, err := f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: o.Invoice, Date: domain.NewDate(2026, 3, 5)})
	wantFieldErr(t, err, domain.EInvalid, domain.FieldCreditReason, "credit.reason_required")
	note, err := f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: o.Invoice, Date: domain.NewDate(2026, 3, 5),
		Reason: "zwrot 4 opakowań", Lines: []domain.CreditLine{{LineNo: 1, Quantity: 4000}}})
	if err != nil {
		t.Fatal(err)
	}
	if note.Number != "KOR/2026/03/0001" || note.Kind != domain.KindCreditNote || note.Corrects != o.Invoice ||
		note.CorrectsNumber != o.InvoiceNumber || note.Totals.Gross != -4920 || len(note.Lines) != 1 || note.Lines[0].Quantity != 4000 ||
		note.Totals.ByRate[0].Gross != -4920 || note.OrderNumber != o.Number {
		t.Errorf("note %+v", note)
	}
	open, _, settled, ar := f.ledgerText(t, f.other.ID)
	if open[o.InvoiceNumber] != 7380 || open[note.Number] != 0 || len(settled) != 1 || settled[0] != o.InvoiceNumber+"<-"+note.Number+" 49.20" {
		t.Errorf("the note settles its invoice: %v %v", open, settled)
	}
	if ar.Aging.Balance() != 7380 {
		t.Errorf("balance %+v", ar.Aging)
	}

	// More than is left of the line is refused, and nothing is numbered.
	_, err = f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: o.Invoice, Date: domain.NewDate(2026, 3, 6),
		Reason: "za dużo", Lines: []domain.CreditLine{{LineNo: 1, Quantity: 7000}}})
	wantFieldErr(t, err, domain.EInvalid, domain.LineField(0, domain.FieldQuantity), "credit.more_than_invoiced")
	_, err = f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: note.ID, Date: domain.NewDate(2026, 3, 6), Reason: "x"})
	wantErr(t, err, domain.EInvalid, "credit.of_credit")

	// Paid in full, then the rest credited: the note becomes credit on account.
	f.pay(t, domain.PaymentFields{AccountID: f.other.ID, Date: domain.NewDate(2026, 3, 7), Amount: 7380, Reference: o.InvoiceNumber})
	rest, err := f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: o.Invoice, Date: domain.NewDate(2026, 3, 8), Reason: "reszta"})
	if err != nil {
		t.Fatal(err)
	}
	if rest.Number != "KOR/2026/03/0002" || rest.Totals.Gross != -7380 {
		t.Errorf("the rest: %+v", rest)
	}
	open, _, _, ar = f.ledgerText(t, f.other.ID)
	if open[rest.Number] != -7380 || ar.Aging.Credit != 7380 || ar.Aging.Balance() != -7380 {
		t.Errorf("unapplied note: open %v aging %+v", open, ar.Aging)
	}
	_, err = f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: o.Invoice, Date: domain.NewDate(2026, 3, 9), Reason: "jeszcze"})
	wantFieldErr(t, err, domain.EInvalid, domain.FieldLines, "credit.nothing_left")
	rows, n, err := f.invoices.FindInvoices(ctx, domain.InvoiceFilter{Account: f.other.ID, OpenOnly: true})
	if err != nil || n != 1 || rows[0].Number != rest.Number {
		t.Errorf("open only: %d %v %+v", n, err, rows)
	}
}

// TestImportDeliveredOrdersInvoiced: an orders file's delivered orders get
// their invoices in file order; importing the file again invoices nothing
// twice; changing a delivered order's delivery date is refused.
func TestImportDeliveredOrdersInvoiced(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	file := "order_no,account_code,order_date,sku,quantity,unit_price,status,delivered_date\n" +
		"Z/9,K2,2026-03-01,MAK,1,10,delivered,2026-03-04\n" +
		"Z/3,K1,2026-03-01,MAK,2,,delivered,2026-03-02\n" +
		"Z/3,K1,2026-03-01,SER,1,,delivered,2026-03-02\n" +
		"Z/5,K2,2026-03-01,MAK,3,10,confirmed,\n"
	if _, err := importOrders(t, f.db, "zam.csv", file); err != nil {
		t.Fatal(err)
	}
	for number, want := range map[string]string{"Z/9": "FV/2026/03/0001", "Z/3": "FV/2026/03/0002", "Z/5": ""} {
		o, err := f.orders.FindOrderByNumber(ctx, number)
		if err != nil || o.InvoiceNumber != want {
			t.Errorf("%s: invoice %q, want %q (%v)", number, o.InvoiceNumber, want, err)
		}
	}
	o3, _ := f.orders.FindOrderByNumber(ctx, "Z/3")
	inv, err := f.invoices.FindInvoiceByOrder(ctx, o3.ID)
	if err != nil || len(inv.Lines) != 2 || inv.Totals.Gross != o3.Totals().Gross || inv.Due != domain.NewDate(2026, 4, 1) {
		t.Errorf("Z/3's invoice %+v %v", inv, err)
	}
	if _, err := importOrders(t, f.db, "zam.csv", file); err != nil {
		t.Fatal(err)
	}
	// Z/5 delivered by a later file; Z/9's date changed: refused, nothing written.
	again := strings.Replace(file, "confirmed,", "delivered,2026-03-06", 1)
	if _, err := importOrders(t, f.db, "zam.csv", again); err != nil {
		t.Fatal(err)
	}
	_, err = importOrders(t, f.db, "zam2.csv", strings.Replace(again, "2026-03-04", "2026-03-05", 1))
	var errs xfer.Errors
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Line != 2 || !strings.Contains(errs[0].Error(), "delivered and invoiced (FV/2026/03/0001)") {
		t.Errorf("changed delivered order: %v", err)
	}
	rows, n, err := f.invoices.FindInvoices(ctx, domain.InvoiceFilter{})
	if err != nil || n != 3 || rows[0].Number != "FV/2026/03/0003" || rows[0].OrderNumber != "Z/5" {
		t.Errorf("invoices after re-imports: %d %v %+v", n, err, rows)
	}
}

// TestInvoiceSeriesSettings: the invoice and credit-note series are saved
// with the other document settings and number the next invoice.
func TestInvoiceSeriesSettings(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	s, err := f.settings.FindDocumentSettings(ctx)
	if err != nil || s.Invoices != domain.DefaultDocumentSettings().Invoices || s.CreditNotes.Prefix != "KOR/" {
		t.Fatalf("defaults %+v %v", s, err)
	}
	s.Invoices = domain.NumberSeries{Prefix: " F/ ", Yearly: true, Digits: 3}
	s.CreditNotes = domain.NumberSeries{Prefix: "K/", Monthly: true, Digits: 2}
	if _, err := f.settings.SaveDocumentSettings(ctx, *s); err != nil {
		t.Fatal(err)
	}
	back, err := f.settings.FindDocumentSettings(ctx)
	if err != nil || back.Invoices != (domain.NumberSeries{Prefix: "F/", Yearly: true, Digits: 3}) ||
		back.CreditNotes != (domain.NumberSeries{Prefix: "K/", Monthly: true, Digits: 2}) {
		t.Errorf("read back %+v %+v", back.Invoices, back.CreditNotes)
	}
	o := f.delivered(t, f.other, f.day, f.day, 1000)
	if o.InvoiceNumber != "F/2026/001" {
		t.Errorf("invoice numbered %q", o.InvoiceNumber)
	}
	s.CreditNotes.Prefix = "F/"
	_, err = f.settings.SaveDocumentSettings(ctx, *s)
	wantFieldErr(t, err, domain.EInvalid, "credit_notes."+domain.FieldPrefix, "series.same_prefix_credit")
}

// TestImportInvoicesReallocate: invoices an import issues take part in the
// allocation at once: a payment made earlier naming the order settles its
// invoice, and an invoice older than those paid takes the oldest-first
// payment, reopening a newer one.
func TestImportInvoicesReallocate(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	i1 := f.delivered(t, f.other, domain.NewDate(2026, 2, 1), domain.NewDate(2026, 2, 1), 10000) // 123.00
	f.pay(t, domain.PaymentFields{AccountID: f.other.ID, Date: domain.NewDate(2026, 2, 20), Amount: 12300, Reference: "przelew"})
	f.pay(t, domain.PaymentFields{AccountID: f.other.ID, Date: domain.NewDate(2026, 3, 1), Amount: 5000, Reference: "z/7"})
	if _, err := importOrders(t, f.db, "zam.csv", "order_no,account_code,order_date,sku,quantity,unit_price,status,delivered_date\n"+
		"Z/6,K2,2026-01-10,MAK,1,10,delivered,2026-01-15\n"+
		"Z/7,K2,2026-03-01,MAK,10,10,delivered,2026-03-02\n"); err != nil {
		t.Fatal(err)
	}
	z6, _ := f.orders.FindOrderByNumber(ctx, "Z/6")
	z7, _ := f.orders.FindOrderByNumber(ctx, "Z/7")
	open, unapplied, settled, ar := f.ledgerText(t, f.other.ID)
	want := []string{z7.InvoiceNumber + "<-z/7 50.00", z6.InvoiceNumber + "<-przelew 12.30", i1.InvoiceNumber + "<-przelew 110.70"}
	if fmt.Sprint(settled) != fmt.Sprint(want) {
		t.Errorf("settlements\n got %v\nwant %v", settled, want)
	}
	if open[z6.InvoiceNumber] != 0 || open[i1.InvoiceNumber] != 1230 || open[z7.InvoiceNumber] != 7300 || unapplied["z/7"] != 0 ||
		ar.Aging.Balance() != 1230+7300 {
		t.Errorf("open %v unapplied %v aging %+v", open, unapplied, ar.Aging)
	}
}

// TestLastCreditNoteRatesAsIssued: the note that credits the last of an
// invoice takes exactly what is left per rate, which can be a grosz off what
// its lines compute; read back, its per-rate table is what it was issued with
// (the FA(3) file and the PDF print it), so the rates add up to its totals.
func TestLastCreditNoteRatesAsIssued(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	// Two lines of 0.03 at 23 %: the invoice's VAT is round(0.06 × 23 %) = 0.01,
	// each line alone would make round(0.03 × 23 %) = 0.01.
	if _, err := importOrders(t, f.db, "z.csv", "order_no,account_code,order_date,sku,quantity,unit_price,status,delivered_date\n"+
		"Z/G,K2,2026-03-01,MAK,1,0.03,delivered,2026-03-02\nZ/G,K2,2026-03-01,MAK,1,0.03,delivered,2026-03-02\n"); err != nil {
		t.Fatal(err)
	}
	inv, err := f.invoices.FindInvoiceByNumber(ctx, "FV/2026/03/0001")
	if err != nil {
		t.Fatal(err)
	}
	if inv.Totals.VAT != 1 || len(inv.Lines) != 2 {
		t.Fatalf("invoice %+v", inv.Totals)
	}
	first, err := f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: inv.ID, Date: domain.NewDate(2026, 3, 5),
		Reason: "zwrot", Lines: []domain.CreditLine{{LineNo: 1, Quantity: 1000}}})
	if err != nil || first.Totals.VAT != -1 {
		t.Fatalf("first note %+v, %v", first, err)
	}
	last, err := f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: inv.ID, Date: domain.NewDate(2026, 3, 6), Reason: "reszta"})
	if err != nil {
		t.Fatal(err)
	}
	if last.Totals.Net != -3 || last.Totals.VAT != 0 || last.Totals.Gross != -3 {
		t.Fatalf("last note takes what is left: %+v", last.Totals)
	}
	for _, read := range []func() (*domain.Invoice, error){
		func() (*domain.Invoice, error) { return f.invoices.FindInvoiceByID(ctx, last.ID) },
		func() (*domain.Invoice, error) { return f.invoices.FindInvoiceByNumber(ctx, last.Number) },
	} {
		got, err := read()
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Totals.ByRate) != 1 || got.Totals.ByRate[0] != (domain.VATTotal{Rate: got.Totals.ByRate[0].Rate, Net: -3, VAT: 0, Gross: -3}) {
			t.Errorf("read back, the last note's rates are %+v, want net -0.03 VAT 0 gross -0.03", got.Totals.ByRate)
		}
	}
}
