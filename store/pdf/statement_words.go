package pdf

import (
	"fmt"
	"strconv"

	"kontor/domain"
)

// statementWords are the words of a printed statement of account in one
// language. Like the other documents, a statement carries its own two
// languages: kontorctl prints it without the desktop's translation files.
type statementWords struct {
	title, date, period, currency, customer, code, taxID, terms, limit, noLimit, bank, noCompany string
	colDate, colKind, colNumber, colDue, colAmount, colBalance                                   string
	invoice, creditNote, payment, opening, closing, turnover, noLines                            string
	aging, agingAsOf, current, d1_30, d31_60, d61_90, over90, credit, total                      string
	unapplied, toPay, overpaid, settled, remitTo, page, of                                       string
	termsNow, termsNet, termsEOM, day, days                                                      string
	settles, openItems, colDays, colGross, colOpen, openCredit, noOpen, colOpenDue               string
}

var statementLabels = map[domain.Locale]statementWords{
	domain.Polish: {title: "ZESTAWIENIE ROZRACHUNKÓW", date: "Data zestawienia", period: "Okres",
		currency: "Kwoty w %s", customer: "Klient", code: "Kod klienta", taxID: "NIP", terms: "Warunki płatności",
		limit: "Limit kredytowy", noLimit: "bez limitu", bank: "Konto", noCompany: "(uzupełnij dane firmy w Ustawieniach)",
		colDate: "Data", colKind: "Dokument", colNumber: "Numer / tytuł", colDue: "Termin płatności", colAmount: "Kwota",
		colBalance: "Saldo", invoice: "Faktura", creditNote: "Korekta", payment: "Wpłata",
		opening: "Saldo otwarcia na %s", closing: "Saldo zamknięcia na %s",
		turnover: "Obroty okresu: faktury i korekty %s, wpłaty %s", noLines: "Brak faktur i wpłat w tym okresie.",
		aging: "Wiekowanie należności", agingAsOf: "stan na %s", current: "Bieżące", d1_30: "1–30 dni",
		d31_60: "31–60 dni", d61_90: "61–90 dni", over90: "Ponad 90 dni", credit: "Nadpłata", total: "Saldo",
		unapplied: "Nierozliczone wpłaty i korekty (nadpłata na koncie): %s", toPay: "Do zapłaty: %s",
		overpaid: "Nadpłata na Państwa koncie: %s", settled: "Konto jest rozliczone.",
		remitTo: "Wpłaty prosimy kierować na rachunek", page: "Strona", of: "z",
		termsNow: "płatność natychmiastowa", termsNet: "przelew, %s od daty faktury",
		termsEOM: "przelew, %s od końca miesiąca wystawienia faktury", day: "dzień", days: "dni",
		settles: "rozlicza: %s", openItems: "Nierozliczone faktury na %s", colDays: "Dni zwłoki", colOpenDue: "Termin", colGross: "Brutto",
		colOpen: "Do zapłaty", openCredit: "Nierozliczone wpłaty i korekty (nadpłata)", noOpen: "Brak nierozliczonych faktur."},
	domain.English: {title: "STATEMENT OF ACCOUNT", date: "Statement date", period: "Period",
		currency: "Amounts in %s", customer: "Customer", code: "Customer code", taxID: "Tax ID", terms: "Payment terms",
		limit: "Credit limit", noLimit: "no limit", bank: "Bank account", noCompany: "(fill in the company details in Settings)",
		colDate: "Date", colKind: "Document", colNumber: "Number / reference", colDue: "Due date", colAmount: "Amount",
		colBalance: "Balance", invoice: "Invoice", creditNote: "Credit note", payment: "Payment",
		opening: "Opening balance on %s", closing: "Closing balance on %s",
		turnover: "Month's movement: invoices and credit notes %s, payments %s", noLines: "No invoices or payments in this period.",
		aging: "Aged balance", agingAsOf: "as of %s", current: "Not yet due", d1_30: "1–30 days",
		d31_60: "31–60 days", d61_90: "61–90 days", over90: "Over 90 days", credit: "Credit", total: "Balance",
		unapplied: "Unapplied payments and credit notes (credit on account): %s", toPay: "Amount due: %s",
		overpaid: "Credit on your account: %s", settled: "The account is settled.",
		remitTo: "Please pay to the bank account", page: "Page", of: "of",
		termsNow: "payment due immediately", termsNet: "bank transfer, %s from the invoice date",
		termsEOM: "bank transfer, %s after the end of the invoice month", day: "day", days: "days",
		settles: "settles: %s", openItems: "Open items as of %s", colDays: "Days late", colOpenDue: "Due", colGross: "Gross",
		colOpen: "Open", openCredit: "Unapplied payments and credit notes (credit)", noOpen: "No open invoices."},
}

// paymentTerms says the terms in words: "przelew, 30 dni od daty faktury".
func (l *statementWords) paymentTerms(p domain.PaymentTerms) string {
	if p.Days == 0 && !p.EOM {
		return l.termsNow
	}
	days := strconv.Itoa(p.Days) + " " + l.days
	if p.Days == 1 {
		days = "1 " + l.day
	}
	if p.EOM {
		return fmt.Sprintf(l.termsEOM, days)
	}
	return fmt.Sprintf(l.termsNet, days)
}

// kind names a statement line's document.
func (l *statementWords) kind(ln *domain.StatementLine) string {
	switch {
	case ln.Kind == domain.LinePayment:
		return l.payment
	case ln.Credit:
		return l.creditNote
	}
	return l.invoice
}
