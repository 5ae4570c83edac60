package pdf_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/store/pdf"
)

// letterLedger: two invoices of account K-ŁĘ/7 (the statement tests'
// baker): FV/2025/07/0001 10,000.00 due 1 August 2025, 4,000.00 paid on 16
// August, the rest on 1 September; FV/2025/08/0001 60,000.00 due 31 August,
// unpaid.
func letterLedger() (*domain.Account, domain.Ledger) {
	d := domain.NewDate
	a := handStatement().Account
	amt := func(s string) domain.Amount { v, _ := domain.ParseAmount(s); return v }
	return a, domain.Ledger{Invoices: []domain.LedgerInvoice{
		{ID: 1, Kind: domain.KindInvoice, Number: "FV/2025/07/0001", Date: d(2025, 7, 2), Due: d(2025, 8, 1), Gross: amt("10000.00")},
		{ID: 2, Kind: domain.KindInvoice, Number: "FV/2025/08/0001", Date: d(2025, 8, 1), Due: d(2025, 8, 31), Gross: amt("60000.00")},
	}, Payments: []domain.LedgerPayment{
		{ID: 1, Date: d(2025, 8, 16), Amount: amt("4000.00"), Reference: "FV/2025/07/0001"},
		{ID: 2, Date: d(2025, 9, 1), Amount: amt("6000.00"), Reference: "FV/2025/07/0001"},
	}}
}

func handNote(t testing.TB) *domain.InterestNote {
	a, l := letterLedger()
	eur := func(day domain.Date) (decimal.Decimal, domain.Date, error) {
		return decimal.RequireFromString("4.2345"), day.AddDays(-1), nil
	}
	n, err := domain.BuildInterestNote(a, l, domain.NewDate(2025, 9, 30), domain.StatutoryRates, eur, nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func handReminder(t testing.TB, level int) *domain.Reminder {
	a, l := letterLedger()
	rs := domain.DefaultReminderSettings()
	on := domain.NewDate(2025, 9, 30)
	s := domain.BuildStatementOn(a, domain.MonthOf(on), l, on)
	r := &domain.Reminder{Account: a, Level: level, Final: level == 3, Setting: rs.Levels[level-1], Date: on, Deadline: on.AddDays(7),
		Items: s.OpenItems, Overdue: s.OpenTotal()}
	r.ToPay = r.Overdue
	if r.Setting.AddInterest {
		r.Note = handNote(t)
		r.ToPay += r.Note.Total
	}
	return r
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		out := filepath.Join(t.TempDir(), name)
		os.WriteFile(out, got, 0o600)
		t.Fatalf("%s differs from %s (%d bytes, want %d); the new one is %s", t.Name(), path, len(got), len(want), out)
	}
}

func renderLetter(t testing.TB, fn func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	return b.Bytes()
}

// TestInterestNoteGolden: the note of the hand-computed ledger (domain's
// TestBuildInterestNote): 58.49 + 40.11 on the paid-late invoice, 752.05 on
// the open one, 70 and 100 EUR at 4.2345.
func TestInterestNoteGolden(t *testing.T) {
	opt := pdf.Options{Created: time.Date(2025, 9, 30, 8, 0, 0, 0, time.UTC)}
	n := handNote(t)
	got := renderLetter(t, func(w io.Writer) error { return pdf.InterestNote(w, stmtSeller(), n, opt) })
	golden(t, "interest_note.golden.pdf", got)
	cells := plain(strings.Join(pdfCells(t, got), " "))
	for _, want := range []string{"NOTA ODSETKOWA", "Łódź, 30.09.2025", "Piekarnia „Źdźbło” Łęczyca",
		"Faktura FV/2025/07/0001 z 02.07.2025, termin 01.08.2025, kwota 10 000,00 zł; zapłacona 01.09.2025",
		"02.08.2025 – 15.08.2025", "14", "10 000,00", "15,25 %", "58,49", "16.08.2025 – 31.08.2025", "6 000,00", "40,11", "98,60",
		"Rekompensata 70 EUR × 4,2345 (kurs średni NBP, tabela A z 30.07.2025)", "296,42",
		"niezapłacona, pozostało 60 000,00 zł", "01.09.2025 – 30.09.2025", "30", "752,05", "423,45",
		"Razem odsetki:", "850,65 zł", "Razem rekompensata:", "719,87 zł", "Razem do zapłaty:", "1 570,52 zł",
		"PL61 1090 1014 0000 0712 1981 2874", "07.10.2025", "Strona 1 z 1"} {
		if !strings.Contains(cells, plain(want)) {
			t.Errorf("the note lacks %q", want)
		}
	}
	en := plain(strings.Join(pdfCells(t, renderLetter(t, func(w io.Writer) error {
		return pdf.InterestNote(w, stmtSeller(), n, pdf.Options{Locale: domain.English})
	})), " "))
	for _, want := range []string{"INTEREST NOTE", "Period of delay", "Compensation EUR 100 × 4.2345", "Total to pay:", "1,570.52 PLN"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English note lacks %q", want)
		}
	}
}

// TestReminderGolden: the final demand of the same ledger on 30 September
// 2025 — 60,000.00 overdue plus the note's 1,570.52 — and a first reminder.
func TestReminderGolden(t *testing.T) {
	opt := pdf.Options{Created: time.Date(2025, 9, 30, 8, 0, 0, 0, time.UTC)}
	r := handReminder(t, 3)
	got := renderLetter(t, func(w io.Writer) error { return pdf.Reminder(w, stmtSeller(), r, opt) })
	golden(t, "reminder.golden.pdf", got)
	cells := plain(strings.Join(pdfCells(t, got), " "))
	for _, want := range []string{"OSTATECZNE PRZEDSĄDOWE WEZWANIE DO ZAPŁATY", "Ostatecznie wzywamy do zapłaty",
		"FV/2025/08/0001", "01.08.2025", "31.08.2025", "30", "60 000,00", "Razem zaległość:", "Odsetki i rekompensata (stan na 30.09.2025)",
		"FV/2025/07/0001", "01.09.2025", "98,60", "296,42", "752,05", "423,45",
		"Odsetki ustawowe za opóźnienie w transakcjach handlowych:", "850,65 zł", "719,87 zł", "Do zapłaty:", "61 570,52 zł",
		"Prosimy o zapłatę kwoty 61 570,52 zł w terminie do 07.10.2025 na rachunek PL61 1090 1014 0000 0712 1981 2874 (Bank Śląski).",
		"Z poważaniem", "Strona 1 z 1"} {
		if !strings.Contains(cells, plain(want)) {
			t.Errorf("the reminder lacks %q", want)
		}
	}
	first := plain(strings.Join(pdfCells(t, renderLetter(t, func(w io.Writer) error {
		return pdf.Reminder(w, stmtSeller(), handReminder(t, 1), pdf.Options{Locale: domain.English})
	})), " "))
	for _, want := range []string{"PAYMENT REMINDER no. 1", "friendly reminder", "Amount to pay:", "60,000.00 PLN", "by 7 Oct 2025"} {
		if !strings.Contains(first, want) {
			t.Errorf("the first reminder lacks %q", want)
		}
	}
	if strings.Contains(first, "Statutory interest") {
		t.Error("a first reminder claims interest")
	}
}

// BenchmarkInterestNote is the PDF half of "one interest note, data + PDF"
// (≤ 30 ms median).
func BenchmarkInterestNote(b *testing.B) {
	n, c := handNote(b), stmtSeller()
	for b.Loop() {
		if err := pdf.InterestNote(io.Discard, c, n, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
