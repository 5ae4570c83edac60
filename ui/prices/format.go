package prices

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"kontor/domain"
	"kontor/ui/xwidget"
)

// Catalog prices and agreements are in złoty: the catalog has one currency.
const currency = "PLN"

// pricePlaces is how many decimals a unit price is written with. Most prices
// are whole grosze and read as money with 2 decimals ("12,50 zł"); a price
// that carries fractions of a grosz is written with all 4 ("0,0125 zł"), so
// nothing is hidden and a column never mixes 3 decimals in. The same rule is
// used everywhere a unit price is shown or put in an entry.
func pricePlaces(p domain.UnitPrice) int {
	if p%100 == 0 {
		return domain.AmountPlaces
	}
	return domain.UnitPricePlaces
}

// PriceNumber writes a unit price for an entry, without the currency:
// pl "1 234,50", en "1,234.50".
func PriceNumber(l domain.Locale, p domain.UnitPrice) string {
	return l.FormatDecimal(p.Decimal(), pricePlaces(p))
}

// Price writes a net unit price for people: pl "1 234,50 zł", en "1,234.50 PLN".
func Price(l domain.Locale, p domain.UnitPrice) string {
	sym := currency
	if l == domain.Polish {
		sym = "zł"
	}
	return PriceNumber(l, p) + "\u00a0" + sym
}

// PriceColumn is Price for a right-aligned column: a price in whole grosze
// ends with two figure spaces where a price with fractions of a grosz has
// its last two decimals, so that the decimal separators of a column line up
// and "89,90 zł" does not read as less precise than "0,7584 zł" beside it.
func PriceColumn(l domain.Locale, p domain.UnitPrice) string {
	if pricePlaces(p) == domain.UnitPricePlaces {
		return Price(l, p)
	}
	pad := strings.Repeat("\u2007", domain.UnitPricePlaces-domain.AmountPlaces)
	return PriceNumber(l, p) + pad + strings.TrimPrefix(Price(l, p), PriceNumber(l, p))
}

// Qty writes a quantity with the decimals it has: pl "1 000", "2,5"; en "2.5".
func Qty(l domain.Locale, q domain.Quantity) string {
	places := 0
	for d := int64(q); places < domain.QuantityPlaces && d%1000 != 0; d *= 10 {
		places++
	}
	return l.FormatDecimal(q.Decimal(), places)
}

// QtyUnit writes a quantity with its unit: "2,5 kg".
func QtyUnit(l domain.Locale, q domain.Quantity, u domain.Unit) string {
	if u == "" {
		return Qty(l, q)
	}
	return Qty(l, q) + "\u00a0" + string(u)
}

// Percent writes a percentage: pl "12,5 %" (Polish puts a space before the
// sign), en "12.5%".
func Percent(l domain.Locale, p domain.Percent) string {
	places := 0
	if p%100 != 0 {
		places = 1
		if p%10 != 0 {
			places = 2
		}
	}
	s := l.FormatDecimal(p.Decimal(), places)
	if l == domain.Polish {
		return s + "\u00a0%"
	}
	return s + "%"
}

// VAT writes a VAT rate: "23%", or the exempt rate in words.
func VAT(l domain.Locale, r domain.VATRate) string {
	if r == domain.VATExempt {
		return lang.X("prices.vat.exempt", "exempt")
	}
	return Percent(l, r.Percent())
}

// DateEntry writes a date for an entry as dates are shown everywhere
// (pl "27.11.2026", en "27 Nov 2026"), which xwidget.ParseDate reads back;
// "" for an open date.
func DateEntry(l domain.Locale, d domain.Date) string {
	return l.FormatDate(d)
}

// entryDate is the text of a date entry in the form domain field parsers
// read (YYYY-MM-DD), or the text itself when it is no date, so that the
// field's own message explains it.
func entryDate(text string) string {
	if d, err := xwidget.ParseDate(text); err == nil && strings.TrimSpace(text) != "" {
		return d.String()
	}
	return text
}

// DateShown writes a date for reading; an open end says so.
func DateShown(l domain.Locale, d domain.Date) string {
	if d.IsZero() {
		return lang.X("prices.date.open", "open")
	}
	return l.FormatDate(d)
}

// Validity writes an agreement's validity: "01.01.2026 – 31.12.2026",
// "from 01.01.2026", "until 31.12.2026" or "always".
func Validity(l domain.Locale, from, to domain.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return lang.X("prices.validity.always", "no time limit")
	case to.IsZero():
		return lang.X("prices.validity.from", "from {{.From}}", map[string]any{"From": l.FormatDate(from)})
	case from.IsZero():
		return lang.X("prices.validity.until", "until {{.To}}", map[string]any{"To": l.FormatDate(to)})
	}
	return l.FormatDate(from) + " – " + l.FormatDate(to)
}

// Terms writes an agreement's terms: "12,50 zł" or "10 % off the list price".
func Terms(l domain.Locale, f *domain.AgreementFields) string {
	if f.HasPrice {
		return Price(l, f.Price)
	}
	return lang.X("prices.terms.discount", "{{.Discount}} off list", map[string]any{"Discount": Percent(l, f.Discount)})
}
