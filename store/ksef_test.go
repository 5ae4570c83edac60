package store_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/ksef"
)

var ksefSeller = domain.CompanySettings{Name: "Hurtownia „Złoty Łan” Sp. z o.o.", Street: "ul. Źródłowa 12", PostalCode: "90-001",
	City: "Łódź", Country: "PL", TaxID: "526-000-12-46", BankAccount: "PL61109010140000071219812874"}

// ksefFixture is the receivables fixture with the seller's details saved and
// K1 and K2 given NIPs and addresses, so that their invoices' files build.
type ksefFixture struct {
	*recvFixture
	ksef    *store.KSeFService
	company *store.CompanyService
}

func newKSeFFixture(t *testing.T) *ksefFixture {
	t.Helper()
	f := &ksefFixture{recvFixture: newRecvFixture(t)}
	*f.clock = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC) // the November deliveries below have happened
	f.ksef, f.company = store.NewKSeFService(f.db), store.NewCompanyService(f.db)
	if _, err := f.company.SaveCompany(ctx, ksefSeller); err != nil {
		t.Fatal(err)
	}
	f.branch = f.setBuyer(t, f.branch, "7251801126", "ul. Piotrkowska 1")
	f.other = f.setBuyer(t, f.other, "5213017228", "ul. Długa 5")
	return f
}

func (f *ksefFixture) setBuyer(t *testing.T, a *domain.Account, nip, street string) *domain.Account {
	t.Helper()
	fields := a.AccountFields
	fields.TaxID, fields.Street, fields.PostalCode = nip, street, "90-001"
	out, err := f.accounts.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: fields, Version: a.Version})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (f *ksefFixture) standing(t *testing.T, id domain.InvoiceID) *domain.InvoiceKSeF {
	t.Helper()
	st, err := f.ksef.InvoiceKSeF(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func reasonCodes(st *domain.InvoiceKSeF) []string {
	var out []string
	for _, r := range st.Reasons {
		out = append(out, r.Code)
	}
	return out
}

var nov30 = domain.NewDate(2026, 11, 30)

// TestKSeFFileOnIssue: delivering an order issues its invoice with its FA(3)
// file in the same transaction; the file is kept as built, whatever changes later.
func TestKSeFFileOnIssue(t *testing.T) {
	f := newKSeFFixture(t)
	o := f.delivered(t, f.branch, nov30.AddDays(-2), nov30, 12000)
	st := f.standing(t, o.Invoice)
	if st.Status != domain.KSeFWaiting || st.XML == nil || st.Number != o.InvoiceNumber || st.SellerNIP != "5260001246" {
		t.Fatalf("standing %+v", st)
	}
	if st.Hash != ksef.Hash(st.XML) || st.Link != ksef.Link(domain.KSeFProduction, "5260001246", nov30, st.XML) ||
		!strings.HasPrefix(st.Link, "https://qr.ksef.mf.gov.pl/invoice/5260001246/30-11-2026/") {
		t.Errorf("hash %s link %s", st.Hash, st.Link)
	}
	for _, want := range []string{"<P_2>" + o.InvoiceNumber + "</P_2>", "<NIP>7251801126</NIP>", "<P_1>2026-11-30</P_1>",
		"<DataWytworzeniaFa>2026-12-01T08:00:00Z</DataWytworzeniaFa>", "<Termin>2026-12-30</Termin>"} {
		if !bytes.Contains(st.XML, []byte(want)) {
			t.Errorf("the file lacks %s", want)
		}
	}
	// The seller moves and renames: the stored file stays, byte for byte.
	moved := ksefSeller
	moved.Name, moved.Street = "Złoty Łan S.A.", "ul. Nowa 1"
	if _, err := f.company.SaveCompany(ctx, moved); err != nil {
		t.Fatal(err)
	}
	if again := f.standing(t, o.Invoice); !bytes.Equal(again.XML, st.XML) || again.Link != st.Link {
		t.Error("the file changed after it was built")
	}
	// The environment changes the link's address, not the file.
	k := domain.DefaultKSeFSettings()
	k.Environment = domain.KSeFTest
	if _, err := f.ksef.SaveKSeFSettings(ctx, k); err != nil {
		t.Fatal(err)
	}
	if again := f.standing(t, o.Invoice); !strings.HasPrefix(again.Link, "https://qr-test.ksef.mf.gov.pl/invoice/5260001246/30-11-2026/") {
		t.Errorf("test link %s", again.Link)
	}
}

// TestKSeFMissingData: an invoice is issued whatever is missing; its status
// says what, and the file is built once it is filled in.
func TestKSeFMissingData(t *testing.T) {
	f := &ksefFixture{recvFixture: newRecvFixture(t)}
	*f.clock = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	f.ksef, f.company = store.NewKSeFService(f.db), store.NewCompanyService(f.db)
	o := f.delivered(t, f.branch, nov30.AddDays(-2), nov30, 12000)
	if o.InvoiceNumber == "" {
		t.Fatal("no invoice issued")
	}
	st := f.standing(t, o.Invoice)
	if want := []string{ksef.ReasonSellerNIP, ksef.ReasonSellerName, ksef.ReasonSellerAddress, ksef.ReasonBuyerNIP}; st.Status !=
		domain.KSeFCannotBuild || !slices.Equal(reasonCodes(st), want) || st.XML != nil || st.Link != "" {
		t.Fatalf("standing %s %v, want cannot_build %v", st.Status, reasonCodes(st), want)
	}
	if st.Reasons[3].Args["Code"] != "K1" || !strings.Contains(st.Reasons[3].String(), "K1") {
		t.Errorf("buyer reason %+v", st.Reasons[3])
	}
	if _, err := f.company.SaveCompany(ctx, ksefSeller); err != nil {
		t.Fatal(err)
	}
	if st := f.standing(t, o.Invoice); !slices.Equal(reasonCodes(st), []string{ksef.ReasonBuyerNIP}) {
		t.Fatalf("after the seller: %s %v", st.Status, reasonCodes(st))
	}
	f.setBuyer(t, f.branch, "7251801126", "ul. Piotrkowska 1")
	if st := f.standing(t, o.Invoice); st.Status != domain.KSeFWaiting || st.XML == nil {
		t.Fatalf("after the buyer: %s %v", st.Status, reasonCodes(st))
	}
	// An exempt line waits for the legal basis in the KSeF settings.
	zw := mustProduct(t, f.products, "SZK", "Szkolenie", "szt", "100", func(p *domain.ProductFields) { p.VATRate = domain.VATExempt })
	of := domain.NewOrderFields(f.branch, nov30)
	of.Lines = []domain.DocumentLine{domain.NewDocumentLine(zw, domain.One)}
	of.Lines[0].Price, of.Lines[0].Source = 1000000, domain.SourceList
	ord, err := f.orders.CreateOrder(ctx, of)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []domain.OrderStatus{domain.OrderConfirmed, domain.OrderDelivered} {
		if ord, err = f.orders.SetOrderStatus(ctx, ord.ID, domain.OrderStatusChange{Status: s, Version: ord.Version, Delivered: nov30,
			CreditOverride: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	if st := f.standing(t, ord.Invoice); !slices.Equal(reasonCodes(st), []string{ksef.ReasonExemptionBasis}) {
		t.Fatalf("exempt: %s %v", st.Status, reasonCodes(st))
	}
	k := domain.DefaultKSeFSettings()
	k.ExemptionBasis = "art. 43 ust. 1 pkt 29 lit. c ustawy o VAT"
	if _, err := f.ksef.SaveKSeFSettings(ctx, k); err != nil {
		t.Fatal(err)
	}
	if st := f.standing(t, ord.Invoice); st.Status != domain.KSeFWaiting || !bytes.Contains(st.XML, []byte("<P_19A>art. 43 ust. 1 pkt 29 lit. c ustawy o VAT</P_19A>")) {
		t.Fatalf("after the basis: %s %v", st.Status, reasonCodes(st))
	}
}

// receiptFor is KSeF's receipt for the stored files of the standings given.
func receiptFor(sts ...*domain.InvoiceKSeF) ([]byte, []string) {
	var docs []domain.UPODocument
	var numbers []string
	for i, st := range sts {
		n := ksef.NumberFor(st.SellerNIP, st.Date.AddDays(1), uint64(0xA0D6723E+i))
		numbers = append(numbers, n)
		docs = append(docs, domain.UPODocument{SellerNIP: st.SellerNIP, InvoiceNumber: st.Number, IssueDate: st.Date,
			KSeFNumber: n, Hash: st.Hash, AssignedAt: time.Date(2026, 12, 1, 10, 5, 41, 45e6, time.FixedZone("CET", 3600))})
	}
	return ksef.WriteReceipt(docs), numbers
}

// TestKSeFCreditNotes: a credit note's file names its original's KSeF number,
// so it waits for it; one of an invoice from before KSeF says so instead.
func TestKSeFCreditNotes(t *testing.T) {
	f := newKSeFFixture(t)
	o := f.delivered(t, f.branch, nov30.AddDays(-2), nov30, 12000)
	note, err := f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: o.Invoice, Date: nov30.AddDays(2), Reason: "zwrot 2 opak."})
	if err != nil {
		t.Fatal(err)
	}
	if st := f.standing(t, note.ID); !slices.Equal(reasonCodes(st), []string{ksef.ReasonOriginalWaiting}) ||
		st.Reasons[0].Args["Number"] != o.InvoiceNumber {
		t.Fatalf("credit note before its original's number: %s %+v", st.Status, st.Reasons)
	}
	receipt, numbers := receiptFor(f.standing(t, o.Invoice))
	res, err := f.ksef.RecordUPO(ctx, receipt)
	if err != nil || len(res) != 1 || res[0].Outcome != domain.UPORecorded || res[0].Invoice != o.Invoice {
		t.Fatalf("RecordUPO = %+v, %v", res, err)
	}
	orig := f.standing(t, o.Invoice)
	if orig.Status != domain.KSeFSent || orig.KSeFNumber != numbers[0] ||
		!orig.AssignedAt.Equal(time.Date(2026, 12, 1, 9, 5, 41, 0, time.UTC)) { // moments are kept to the second
		t.Errorf("original after the receipt: %+v", orig)
	}
	st := f.standing(t, note.ID)
	if st.Status != domain.KSeFWaiting || !bytes.Contains(st.XML, []byte("<NrKSeFFaKorygowanej>"+numbers[0]+"</NrKSeFFaKorygowanej>")) ||
		!bytes.Contains(st.XML, []byte("<PrzyczynaKorekty>zwrot 2 opak.</PrzyczynaKorekty>")) {
		t.Fatalf("credit note after its original's number: %s %v", st.Status, reasonCodes(st))
	}
	// An invoice from before the start date is not for KSeF; its credit note
	// from after is built at once, marked as correcting an invoice outside KSeF.
	old := f.delivered(t, f.other, domain.NewDate(2026, 3, 20), domain.NewDate(2026, 3, 25), 12000)
	if st := f.standing(t, old.Invoice); st.Status != domain.KSeFNotFor || st.XML != nil {
		t.Fatalf("March invoice: %+v", st)
	}
	oldNote, err := f.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: old.Invoice, Date: domain.NewDate(2026, 4, 10),
		Reason: "rabat posprzedażny"})
	if err != nil {
		t.Fatal(err)
	}
	if st := f.standing(t, oldNote.ID); st.Status != domain.KSeFWaiting || !bytes.Contains(st.XML, []byte("<NrKSeFN>1</NrKSeFN>")) {
		t.Fatalf("credit note of a pre-KSeF invoice: %s %v", st.Status, reasonCodes(st))
	}
}

// TestKSeFReceiptRefusals: each document that does not match is refused with
// its reason; the others are recorded; recording twice says so.
func TestKSeFReceiptRefusals(t *testing.T) {
	f := newKSeFFixture(t)
	a := f.standing(t, f.delivered(t, f.branch, nov30, nov30, 12000).Invoice)
	b := f.standing(t, f.delivered(t, f.other, nov30, nov30, 5000).Invoice)
	c := f.standing(t, f.delivered(t, f.other, nov30, nov30, 3000).Invoice)
	_, numbers := receiptFor(a, b, c)
	doc := func(st *domain.InvoiceKSeF, number string) domain.UPODocument {
		return domain.UPODocument{SellerNIP: st.SellerNIP, InvoiceNumber: st.Number, IssueDate: st.Date, KSeFNumber: number, Hash: st.Hash}
	}
	wrongHash, wrongNIP, unknown, badNumber := doc(b, numbers[1]), doc(c, numbers[2]), doc(a, numbers[0]), doc(c, numbers[2])
	wrongHash.Hash = ksef.Hash([]byte("another file"))
	wrongNIP.SellerNIP = "7251801126"
	unknown.InvoiceNumber = "FV/1999/01/0001"
	badNumber.KSeFNumber = numbers[2][:len(numbers[2])-2] + "00"
	receipt := ksef.WriteReceipt([]domain.UPODocument{doc(a, numbers[0]), wrongHash, wrongNIP, unknown, badNumber})
	res, err := f.ksef.RecordUPO(ctx, receipt)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		outcome domain.UPOOutcome
		key     string
	}{{domain.UPORecorded, ""}, {domain.UPORefused, "ksef.upo_hash_mismatch"}, {domain.UPORefused, "ksef.upo_nip_mismatch"},
		{domain.UPORefused, "ksef.upo_unknown_invoice"}, {domain.UPORefused, "ksef.number_invalid"}}
	for i, w := range want {
		r := res[i]
		key := ""
		if r.Reason != nil {
			key = r.Reason.Key
		}
		if r.Outcome != w.outcome || key != w.key {
			t.Errorf("document %d (%s): %s %s, want %s %s", i, r.Document.InvoiceNumber, r.Outcome, key, w.outcome, w.key)
		}
	}
	if st := f.standing(t, b.Invoice); st.Status != domain.KSeFWaiting || st.KSeFNumber != "" {
		t.Errorf("a refused invoice changed: %+v", st)
	}
	// Twice: the same number is no news; another number for it, or its number for another invoice, is refused.
	again, _ := f.ksef.RecordUPO(ctx, ksef.WriteReceipt([]domain.UPODocument{doc(a, numbers[0]), doc(a, numbers[1]), doc(b, numbers[0])}))
	if len(again) != 3 || again[0].Outcome != domain.UPOAlready || again[1].Reason == nil || again[1].Reason.Key != "ksef.upo_other_number" ||
		again[2].Reason == nil || again[2].Reason.Key != "ksef.upo_number_taken" {
		t.Errorf("recorded twice: %+v", again)
	}
	// Not a receipt at all.
	for _, bad := range [][]byte{[]byte("not xml"), a.XML} {
		if _, err := f.ksef.RecordUPO(ctx, bad); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("RecordUPO(%.20q) = %v", bad, err)
		}
	}
}

// TestKSeFPendingAndCounts: invoices issued while the start date was later
// have no file; they are pending until an export or a print builds them.
func TestKSeFPendingAndCounts(t *testing.T) {
	f := newKSeFFixture(t)
	later := domain.DefaultKSeFSettings()
	later.Start = domain.NewDate(2027, 1, 1)
	if _, err := f.ksef.SaveKSeFSettings(ctx, later); err != nil {
		t.Fatal(err)
	}
	var ids []domain.InvoiceID
	for _, d := range []domain.Date{domain.NewDate(2026, 11, 26), domain.NewDate(2026, 11, 27), domain.NewDate(2026, 12, 1)} {
		ids = append(ids, f.delivered(t, f.branch, d, d, 12000).Invoice)
	}
	statuses, err := f.ksef.InvoicesKSeF(ctx, ids)
	if err != nil || statuses[ids[0]] != domain.KSeFNotFor || statuses[ids[2]] != domain.KSeFNotFor {
		t.Fatalf("before the start: %v %v", statuses, err)
	}
	if _, err := f.ksef.SaveKSeFSettings(ctx, domain.DefaultKSeFSettings()); err != nil {
		t.Fatal(err)
	}
	statuses, _ = f.ksef.InvoicesKSeF(ctx, ids)
	if statuses[ids[0]] != domain.KSeFPending || statuses[ids[1]] != domain.KSeFPending {
		t.Fatalf("after moving the start: %v", statuses)
	}
	// The Receivables list filtered by KSeF status lists the accounts with such invoices.
	accountsIn := func(status domain.KSeFStatus) []string {
		rows, _, err := f.receivables.FindReceivables(ctx, domain.ReceivablesFilter{KSeF: status, AsOf: domain.NewDate(2026, 12, 1)})
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, r := range rows {
			codes = append(codes, r.Code)
			if r.Aging.Balance() <= 0 {
				t.Errorf("%s: balance %s", r.Code, r.Aging.Balance())
			}
		}
		return codes
	}
	if got := accountsIn(domain.KSeFPending); !slices.Equal(got, []string{"K1"}) {
		t.Errorf("pending accounts %v", got)
	}
	if got := accountsIn(domain.KSeFWaiting); len(got) != 0 {
		t.Errorf("waiting accounts %v", got)
	}
	// Friday 27 November's deadline is Monday 30th: on Tuesday 1 December the
	// 26th's and the 27th's are late, the 1st's is not.
	c, err := f.ksef.KSeFCounts(ctx, domain.NewDate(2026, 12, 1))
	if err != nil || c != (domain.KSeFCounts{Pending: 3, Late: 2}) {
		t.Errorf("counts %+v, %v", c, err)
	}
	n, err := f.ksef.BuildPending(ctx, store.KSeFScope{Month: domain.MonthOf(nov30)}, nil)
	if err != nil || n != 2 {
		t.Fatalf("BuildPending(November) = %d, %v", n, err)
	}
	if st := f.standing(t, ids[2]); st.Status != domain.KSeFWaiting { // built by InvoiceKSeF
		t.Errorf("December: %s", st.Status)
	}
	c, _ = f.ksef.KSeFCounts(ctx, domain.NewDate(2026, 12, 1))
	if c != (domain.KSeFCounts{Waiting: 3, Late: 2}) {
		t.Errorf("counts after building %+v", c)
	}
	if got := accountsIn(domain.KSeFWaiting); !slices.Equal(got, []string{"K1"}) {
		t.Errorf("waiting accounts %v", got)
	}
	var exported []string
	if err := f.ksef.ExportKSeF(ctx, store.KSeFScope{Waiting: true}, func(st *domain.InvoiceKSeF) error {
		exported = append(exported, st.Number)
		return nil
	}); err != nil || len(exported) != 3 {
		t.Errorf("export waiting: %v %v", exported, err)
	}
}
