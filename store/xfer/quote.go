package xfer

import (
	"fmt"
	"io"
	"strings"

	"kontor/domain"
)

// A quote as a spreadsheet, for buyers who paste it into their own systems:
// one row a line, then the totals. It is an export only, written for people
// (headers in their language) with cells in the machine form, so numbers stay
// exact. Lines carry no VAT or gross of their own: VAT is due on each rate's
// sum, not on each line, so those two columns are filled on the totals rows only.

// quoteWords are a quote spreadsheet's words in one language.
type quoteWords struct {
	sheet   string
	columns [10]string
	total   string // "Razem" per rate ("Razem 23%") and for the quote
	quote   string // the closing row: number, date, validity
}

var quoteSheetWords = map[domain.Locale]quoteWords{
	domain.Polish: {sheet: "Oferta", columns: [10]string{"Indeks", "Nazwa", "Ilość", "J.m.", "Cena netto", "Rabat %",
		"Wartość netto", "Stawka VAT", "VAT", "Wartość brutto"}, total: "Razem",
		quote: "Oferta %s z dnia %s, ważna do %s"},
	domain.English: {sheet: "Quote", columns: [10]string{"SKU", "Name", "Quantity", "Unit", "Net price", "Discount %",
		"Net value", "VAT rate", "VAT", "Gross value"}, total: "Total",
		quote: "Quote %s of %s, valid until %s"},
}

// quoteTypes and quoteWidths (in characters) are how a spreadsheet shows each
// column: the name wide enough for a product's, numbers for their amounts.
var (
	quoteTypes  = [10]Type{Text, Text, Number, Text, Number, Number, Amount, Text, Amount, Amount}
	quoteWidths = [10]int{14, 60, 10, 7, 12, 10, 14, 11, 12, 14}
)

// QuoteSchema returns the columns of a quote spreadsheet in loc's words.
func QuoteSchema(loc domain.Locale) Schema {
	w := wordsFor(loc)
	s := Schema{Kind: w.sheet}
	for i, name := range w.columns {
		s.Columns = append(s.Columns, Column{Name: name, Type: quoteTypes[i], Width: quoteWidths[i]})
	}
	return s
}

func wordsFor(loc domain.Locale) quoteWords {
	if w, ok := quoteSheetWords[loc]; ok {
		return w
	}
	return quoteSheetWords[domain.Polish]
}

// QuoteRows returns a quote's rows in QuoteSchema order: its lines, a blank
// row, one total per VAT rate, the quote's total (its label names the
// currency), and a row naming the quote, its date and validity.
func QuoteRows(q *domain.Quote, loc domain.Locale) [][]string {
	w := wordsFor(loc)
	rows := make([][]string, 0, len(q.Lines)+6)
	for i := range q.Lines {
		l := &q.Lines[i]
		rows = append(rows, []string{l.SKU, l.Name, l.Quantity.String(), string(l.Unit), l.Price.String(), l.Discount.String(),
			l.Net().String(), string(l.VATRate), "", ""})
	}
	t := q.Totals()
	rows = append(rows, make([]string, 10))
	for _, v := range t.ByRate {
		rate := string(v.Rate)
		if v.Rate != domain.VATExempt {
			rate += "%"
		}
		rows = append(rows, []string{"", w.total + " " + rate, "", "", "", "", v.Net.String(), string(v.Rate),
			v.VAT.String(), v.Gross.String()})
	}
	currency := q.Currency
	if currency == "" {
		currency = "PLN"
	}
	rows = append(rows, []string{"", w.total + " (" + currency + ")", "", "", "", "", t.Net.String(), "", t.VAT.String(),
		t.Gross.String()})
	number := strings.TrimSpace(q.Number + " " + q.RevisionLabel())
	rows = append(rows, []string{"", fmt.Sprintf(w.quote, number, q.Date, q.ValidUntil), "", "", "", "", "", "", "", ""})
	return rows
}

// WriteQuote writes a quote's spreadsheet in format. A CSV starts with a
// byte order mark: unlike the contract's exports it goes to people, and
// spreadsheet programs read UTF-8 without one as their local code page.
func WriteQuote(w io.Writer, format Format, q *domain.Quote, loc domain.Locale) error {
	if format == CSV {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
	}
	xw, err := NewWriter(format, w, QuoteSchema(loc))
	if err != nil {
		return err
	}
	for _, r := range QuoteRows(q, loc) {
		if err := xw.Write(r); err != nil {
			return err
		}
	}
	return xw.Close()
}
