package pdf_test

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store/pdf"
)

var update = flag.Bool("update", false, "rewrite the golden PDFs in testdata")

// stmtSeller is the letterhead with the remittance text and a bank name.
func stmtSeller() domain.CompanySettings {
	c := seller
	c.BankName = "Bank Śląski"
	c.Remittance = "Prosimy o wpłatę salda w terminie, z numerem faktury w tytule przelewu.\nPytania: księgowość, tel. 42 123 45 67."
	return c
}

// handStatement is November 2026 of an account on net 30, worked out by hand
// from this ledger:
//
//	FV/2026/07/0003  15.07  due 14.08  3 075,00  (a payment of 1 000,00 on 30.09 settles part, 75,00 on 28.11 more)
//	FV/2026/09/0021  10.09  due 10.10  2 460,00  (paid 10.11 by reference)
//	FV/2026/10/0009  08.10  due 07.11    500,00  (open, 23 days late)
//	opening 3 075,00 + 2 460,00 + 500,00 − 1 000,00 = 5 035,00
//
// November's lines and balances are below; aging on 30.11: FV/07/0003 2 000,00
// over 90 days, FV/10/0009 500,00 1–30 days, FV/11/0012 12 345,67 − 345,67
// (its credit note) and FV/11/0031 1 000 000,01 not yet due.
func handStatement() *domain.Statement {
	d := func(day, month int) domain.Date { return domain.NewDate(2026, time.Month(month), day) }
	return &domain.Statement{
		Account: &domain.Account{AccountFields: domain.AccountFields{Code: "K-ŁĘ/7",
			Name:   "Piekarnia „Źdźbło” Łęczyca — Café Garçon & Müller Söhne",
			Street: "ul. Kościuszki 5/7", PostalCode: "99-100", City: "Łęczyca", Country: "PL", TaxID: "7251801126",
			Currency: "PLN", PaymentTerms: domain.PaymentTerms{Days: 30}, CreditLimit: 5000000}},
		Month: domain.Month{Year: 2026, Month: time.November}, Date: d(30, 11),
		Opening: 503500,
		Lines: []domain.StatementLine{
			{Date: d(3, 11), Kind: domain.LineInvoice, Number: "FV/2026/11/0012", Due: d(3, 12), Amount: 1234567, Balance: 1738067},
			{Date: d(10, 11), Kind: domain.LinePayment, Number: "FV/2026/09/0021", Amount: -246000, Balance: 1492067,
				Settles: []string{"FV/2026/09/0021"}},
			{Date: d(14, 11), Kind: domain.LineInvoice, Credit: true, Number: "KOR/2026/11/0002", Amount: -34567, Balance: 1457500,
				Settles: []string{"FV/2026/11/0012"}},
			{Date: d(20, 11), Kind: domain.LineInvoice, Number: "FV/2026/11/0031", Due: d(20, 12), Amount: 100000001, Balance: 101457501},
			{Date: d(28, 11), Kind: domain.LinePayment, Number: "Przelew — Café Garçon Müller, ąęłóśżźćń", Amount: -7500,
				Balance: 101450001, Settles: []string{"FV/2026/07/0003"}},
		},
		Closing: 101450001, Invoiced: 101200001, Paid: 253500,
		Aging: domain.Aging{Current: 101200001, D1_30: 50000, Over90: 200000},
		OpenItems: []domain.OpenItem{
			{Number: "FV/2026/07/0003", Date: d(15, 7), Due: d(14, 8), DaysOverdue: 108, Gross: 307500, Open: 200000},
			{Number: "FV/2026/10/0009", Date: d(8, 10), Due: d(7, 11), DaysOverdue: 23, Gross: 50000, Open: 50000},
			{Number: "FV/2026/11/0012", Date: d(3, 11), Due: d(3, 12), Gross: 1234567, Open: 1200000},
			{Number: "FV/2026/11/0031", Date: d(20, 11), Due: d(20, 12), Gross: 100000001, Open: 100000001},
		},
	}
}

// TestHandStatementAddsUp keeps the hand-made figures honest: were they not
// a consistent statement, the PDF tests would check a fiction.
func TestHandStatementAddsUp(t *testing.T) {
	s := handStatement()
	bal, inv, paid := s.Opening, domain.Amount(0), domain.Amount(0)
	for _, ln := range s.Lines {
		bal += ln.Amount
		if ln.Balance != bal {
			t.Errorf("%s: balance %s, running %s", ln.Number, ln.Balance, bal)
		}
		if ln.Kind == domain.LinePayment {
			paid -= ln.Amount
		} else {
			inv += ln.Amount
		}
	}
	if bal != s.Closing || s.Opening+inv-paid != s.Closing || inv != s.Invoiced || paid != s.Paid || s.Aging.Balance() != s.Closing ||
		s.OpenTotal()-s.Aging.Credit != s.Closing {
		t.Errorf("closing %s, running %s, invoiced %s/%s, paid %s/%s, aging %s", s.Closing, bal, inv, s.Invoiced, paid, s.Paid,
			s.Aging.Balance())
	}
}

func renderStatement(t *testing.T, c domain.CompanySettings, s *domain.Statement, opt pdf.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := pdf.Statement(&b, c, s, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:min(20, b.Len())])
	}
	return b.Bytes()
}

// TestStatementGolden: a statement with a fixed creation date renders to the
// same bytes every time. Run with -update after a deliberate change, look at
// the new file, and commit it.
func TestStatementGolden(t *testing.T) {
	opt := pdf.Options{Created: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)}
	got := renderStatement(t, stmtSeller(), handStatement(), opt)
	path := filepath.Join("testdata", "statement.golden.pdf")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run TestStatementGolden -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		out := filepath.Join(t.TempDir(), "statement.pdf")
		os.WriteFile(out, got, 0o600)
		t.Fatalf("the statement differs from %s (%d bytes, want %d); the new one is %s", path, len(got), len(want), out)
	}
	if !bytes.Contains(got, []byte("/CreationDate (D:20261201080000")) {
		t.Error("Created is not the creation date")
	}
	if again := renderStatement(t, stmtSeller(), handStatement(), pdf.Options{}); !bytes.Contains(again,
		[]byte("/CreationDate (D:20261130000000")) {
		t.Error("without Created the creation date is not the statement date")
	}
}

// TestStatementContent reads the text the PDF draws from its content streams
// (no pdftotext needed): Polish and other Latin letters, every amount and
// balance as the Polish locale writes it.
func TestStatementContent(t *testing.T) {
	// Cells joined by spaces: the name and the terms may wrap in their boxes.
	cells := strings.Join(pdfCells(t, renderStatement(t, stmtSeller(), handStatement(), pdf.Options{})), " ")
	for _, want := range []string{
		// letterhead
		"Hurtownia Żółw sp. z o.o.", "ul. Źródlana 5", "90-001 Łódź", "NIP: 526-000-12-46",
		// title, dates
		"ZESTAWIENIE ROZRACHUNKÓW", "Data zestawienia: 30.11.2026", "Okres: 01.11.2026 – 30.11.2026", "Kwoty w PLN",
		// account block
		"Piekarnia „Źdźbło” Łęczyca — Café Garçon & Müller Söhne", "Kod klienta: K-ŁĘ/7", "ul. Kościuszki 5/7",
		"99-100 Łęczyca", "NIP: 725-180-11-26", "Warunki płatności:", "przelew, 30 dni od daty faktury",
		"Limit kredytowy:", "50 000,00 zł",
		// table
		"Data", "Dokument", "Numer / tytuł", "Termin płatności", "Kwota", "Saldo",
		"Saldo otwarcia na 01.11.2026", "5 035,00",
		"03.11.2026", "Faktura", "FV/2026/11/0012", "03.12.2026", "12 345,67", "17 380,67",
		"10.11.2026", "Wpłata", "FV/2026/09/0021", "-2 460,00", "14 920,67",
		"14.11.2026", "Korekta", "KOR/2026/11/0002", "-345,67", "14 575,00",
		"20.11.2026", "FV/2026/11/0031", "20.12.2026", "1 000 000,01", "1 014 575,01",
		"28.11.2026", "Przelew — Café Garçon Müller, ąęłóśżźćń", "-75,00", "1 014 500,01",
		"Saldo zamknięcia na 30.11.2026",
		"Obroty okresu: faktury i korekty 1 012 000,01, wpłaty 2 535,00",
		// aging
		"Wiekowanie należności", "stan na 30.11.2026", "Bieżące", "1–30 dni", "31–60 dni", "61–90 dni", "Ponad 90 dni",
		"Nadpłata", "1 012 000,01", "500,00", "0,00", "2 000,00",
		"Nierozliczone wpłaty i korekty (nadpłata na koncie): 0,00 zł", "Do zapłaty: 1 014 500,01 zł",
		// remittance and bank
		// what payments settled; the open items
		"rozlicza: FV/2026/09/0021", "rozlicza: FV/2026/11/0012", "rozlicza: FV/2026/07/0003",
		"Nierozliczone faktury na 30.11.2026", "Dni zwłoki", "Brutto", "Do zapłaty",
		"FV/2026/07/0003", "15.07.2026", "14.08.2026", "108", "3 075,00", "FV/2026/10/0009", "23", "12 000,00",
		"Prosimy o wpłatę salda w terminie, z numerem faktury w tytule przelewu.", "Pytania: księgowość, tel. 42 123 45 67.",
		"Wpłaty prosimy kierować na rachunek: PL61 1090 1014 0000 0712 1981 2874 (Bank Śląski)",
		"Strona 1 z 1",
	} {
		if !strings.Contains(cells, plain(want)) {
			t.Errorf("the statement lacks %q", want)
		}
	}
	// A credit note has no due date; the aging's credit column is written negative.
	if strings.Count(cells, "-0,00") > 0 {
		t.Error("a zero is printed with a sign")
	}
}

func TestStatementEnglishAndCredit(t *testing.T) {
	s := handStatement()
	// A payment of 1 014 600,01 on the last day leaves 100,00 credit on account.
	s.Lines = append(s.Lines, domain.StatementLine{Date: s.Date, Kind: domain.LinePayment, Number: "SWIFT 42",
		Amount: -101460001, Balance: -10000})
	s.Closing, s.Paid = -10000, s.Paid+101460001
	s.Aging = domain.Aging{Credit: 10000}
	s.OpenItems = nil
	s.Account.PaymentTerms = domain.PaymentTerms{Days: 14, EOM: true}
	s.Account.CreditLimit = 0
	cells := strings.Join(pdfCells(t, renderStatement(t, stmtSeller(), s, pdf.Options{Locale: domain.English})), " ")
	for _, want := range []string{"STATEMENT OF ACCOUNT", "Statement date: 30 Nov 2026", "Period: 1 Nov 2026 – 30 Nov 2026",
		"Customer code: K-ŁĘ/7", "Tax ID: 725-180-11-26", "bank transfer, 14 days after the end of the invoice month",
		"Credit limit:", "no limit", "Opening balance on 1 Nov 2026", "5,035.00", "Invoice", "Credit note", "Payment",
		"-1,014,600.01", "-100.00", "Closing balance on 30 Nov 2026", "Not yet due", "Over 90 days", "Credit",
		"Unapplied payments and credit notes (credit on account): 100.00 PLN", "Credit on your account: 100.00 PLN",
		"Please pay to the bank account: PL61", "Page 1 of 1", "Open items as of 30 Nov 2026", "No open invoices."} {
		if !strings.Contains(cells, want) {
			t.Errorf("the English statement lacks %q", want)
		}
	}
}

func TestStatementNoMovement(t *testing.T) {
	s := &domain.Statement{Account: &domain.Account{AccountFields: domain.AccountFields{Code: "K0", Name: "Cisza Sp. z o.o."}},
		Month: domain.Month{Year: 2026, Month: time.February}, Date: domain.NewDate(2026, 2, 28)}
	cells := strings.Join(pdfCells(t, renderStatement(t, domain.CompanySettings{}, s, pdf.Options{})), "\n")
	for _, want := range []string{"uzupełnij dane firmy", "Okres: 01.02.2026 – 28.02.2026", "Brak faktur i wpłat w tym okresie.",
		"Konto jest rozliczone.", "Strona 1 z 1"} {
		if !strings.Contains(cells, want) {
			t.Errorf("an empty statement lacks %q:\n%s", want, cells)
		}
	}
	if strings.Contains(cells, "Wpłaty prosimy kierować") {
		t.Error("no bank account, yet a bank line")
	}
}

// longStatement has n payments and invoices in the month, every one
// numbered, with the running balance.
func longStatement(n int) *domain.Statement {
	s := handStatement()
	s.Lines = nil
	bal := s.Opening
	s.Invoiced, s.Paid = 0, 0
	for i := 0; i < n; i++ {
		day := domain.NewDate(2026, 11, 1+i*30/n)
		ln := domain.StatementLine{Date: day, Kind: domain.LineInvoice, Number: fmt.Sprintf("FV/2026/11/%04d", i),
			Due: day.AddDays(30), Amount: domain.Amount(10000 + i)}
		if i%4 == 3 {
			ln = domain.StatementLine{Date: day, Kind: domain.LinePayment, Number: fmt.Sprintf("FV/2026/11/%04d", i), Amount: -5000}
			s.Paid += 5000
		} else {
			s.Invoiced += ln.Amount
		}
		bal += ln.Amount
		ln.Balance = bal
		s.Lines = append(s.Lines, ln)
	}
	s.Closing = bal
	s.Aging = domain.Aging{Current: bal}
	s.OpenItems = []domain.OpenItem{{Number: "FV/2026/10/0001", Date: domain.NewDate(2026, 10, 1), Due: domain.NewDate(2026, 12, 31),
		Gross: bal, Open: bal}}
	return s
}

// TestStatementPages: a long statement breaks between rows, every page's
// table starts with its header, every page is numbered of the total, and
// every line appears once, in order.
func TestStatementPages(t *testing.T) {
	s := longStatement(150)
	pages := pdfPages(t, renderStatement(t, stmtSeller(), s, pdf.Options{}))
	if len(pages) < 3 {
		t.Fatalf("%d pages for 150 lines", len(pages))
	}
	next := 0
	for p, cells := range pages {
		text := strings.Join(cells, "\n")
		if want := fmt.Sprintf("Strona %d z %d", p+1, len(pages)); !strings.Contains(text, want) {
			t.Errorf("page %d lacks %q", p+1, want)
		}
		header, rows := -1, 0
		for i, c := range cells {
			if c == "Termin płatności" && header < 0 {
				header = i
			}
			if !strings.HasPrefix(c, "FV/2026/11/") {
				continue
			}
			rows++
			if header < 0 {
				t.Errorf("page %d: a row before the table header", p+1)
			}
			if want := fmt.Sprintf("FV/2026/11/%04d", next); c != want {
				t.Fatalf("page %d: %s where %s belongs", p+1, c, want)
			}
			// The row's amount and balance follow its number on the same page.
			ln := s.Lines[next]
			rest := strings.Join(cells[i:min(len(cells), i+4)], "|")
			if !strings.Contains(rest, plain(domain.Polish.FormatDecimal(ln.Balance.Decimal(), 2))) {
				t.Errorf("row %d without its balance on page %d: %s", next, p+1, rest)
			}
			next++
		}
		if rows == 0 && p < len(pages)-1 {
			t.Errorf("page %d has no rows", p+1)
		}
	}
	if next != len(s.Lines) {
		t.Errorf("%d of %d lines printed", next, len(s.Lines))
	}
	last := strings.Join(pages[len(pages)-1], "\n")
	if !strings.Contains(last, "Saldo zamknięcia") || !strings.Contains(last, "Wiekowanie należności") {
		t.Error("the closing balance and aging are not on the last page")
	}
}

// TestStatementBook: statements in one file, each starting on its own page
// with its own page numbering.
func TestStatementBook(t *testing.T) {
	b := pdf.NewStatementBook(stmtSeller(), pdf.Options{})
	var buf bytes.Buffer
	if err := b.Output(&buf); err == nil {
		t.Error("an empty book was written")
	}
	long := longStatement(150)
	long.Account = &domain.Account{AccountFields: domain.AccountFields{Code: "K2", Name: "Długi Sp. z o.o."}}
	for _, s := range []*domain.Statement{handStatement(), long, handStatement()} {
		if err := b.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Output(&buf); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, buf.Bytes())
	n := len(pdfPages(t, renderStatement(t, stmtSeller(), long, pdf.Options{})))
	if len(pages) != n+2 {
		t.Fatalf("%d pages, want 1 + %d + 1", len(pages), n)
	}
	want := []string{"Strona 1 z 1"}
	for p := 1; p <= n; p++ {
		want = append(want, fmt.Sprintf("Strona %d z %d", p, n))
	}
	want = append(want, "Strona 1 z 1")
	for p, cells := range pages {
		text := strings.Join(cells, "\n")
		if !strings.Contains(text, want[p]) {
			t.Errorf("page %d lacks %q", p+1, want[p])
		}
		first := p == 0 || p == 1 || p == n+1
		if strings.Contains(text, "Data zestawienia") != first {
			t.Errorf("page %d: letterhead %v, want %v", p+1, !first, first)
		}
	}
}

func TestStatementOddText(t *testing.T) {
	s := handStatement()
	s.Account.Name = "Kwiaciarnia 🌷\tRóża"
	s.Lines[1].Number = strings.Repeat("Bardzo długi tytuł przelewu ", 8)
	cells := strings.Join(pdfCells(t, renderStatement(t, stmtSeller(), s, pdf.Options{})), "\n")
	if !strings.Contains(cells, "Kwiaciarnia \uFFFD Róża") {
		t.Errorf("emoji and tab not cleaned:\n%s", cells)
	}
	if !strings.Contains(cells, "Bardzo długi tytuł przelewu Bardzo") || !strings.Contains(cells, "…") {
		t.Error("a long reference is not shortened to its column")
	}
	c := stmtSeller()
	c.Logo = filepath.Join(t.TempDir(), "brak.png")
	if err := pdf.Statement(&bytes.Buffer{}, c, s, pdf.Options{}); domain.ErrorCode(err) != domain.EInvalid ||
		!strings.Contains(err.Error(), "brak.png") {
		t.Errorf("a missing logo: %v", err)
	}
	c.Logo = writeLogo(t, "logo.png")
	if doc := renderStatement(t, c, s, pdf.Options{}); !bytes.Contains(doc, []byte("/Subtype /Image")) {
		t.Error("the logo is not in the PDF")
	}
}

// BenchmarkStatement is the PDF half of the "one statement, data + PDF"
// figure (its target: ≤ 30 ms in all).
func BenchmarkStatement(b *testing.B) {
	s, c := handStatement(), stmtSeller()
	for b.Loop() {
		if err := pdf.Statement(io.Discard, c, s, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
