package domain

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// This file holds what quotes and orders share: their lines, the money rules
// for totals, document-total tier repricing, the last prices a customer saw,
// and number series.

// SourceManual marks a line whose price a user typed (with a reason) or a CSV
// file gave; repricing leaves such lines alone.
const SourceManual PriceSource = "manual"

// DocumentLine is one line of a quote or an order. Field names in comments are
// the stable names of forms, errors and the orders CSV.
type DocumentLine struct {
	ProductID ProductID
	SKU       string   // sku
	Name      string   // the product's name when the line was priced
	Unit      Unit     // the product's unit: how many decimals Quantity may use
	Quantity  Quantity // quantity: more than 0, at most 3 decimals and no more than the unit allows
	// Price is the net unit price that applies (4 decimals): the engine's price, or
	// the manual one when Source is SourceManual.
	Price  UnitPrice   // unit_price
	Source PriceSource // account, parent, group, list (the engine) or manual
	// EnginePrice is what the engine gave (for a manual line: what it would give),
	// so a user sees what a manual price departs from.
	EnginePrice  UnitPrice
	ManualReason string  // manual_reason: required when Source is SourceManual
	Discount     Percent // discount_pct: 0–100
	VATRate      VATRate // vat_rate: the product's rate when the line was added
}

// Line field names (the orders CSV uses sku, quantity, unit_price and discount_pct).
const (
	FieldQuantity     = "quantity"
	FieldUnitPrice    = "unit_price"
	FieldManualReason = "manual_reason"
	FieldLines        = "lines"
	// FieldSKU, FieldDiscountPct and FieldVATRate are shared.
)

// LineField names a field of line i (0-based) in a document's errors:
// "lines.3.quantity" for the third line as a user counts.
func LineField(i int, field string) string {
	return FieldLines + "." + strconv.Itoa(i+1) + "." + field
}

// ParseLineField splits a name made by LineField into the 0-based line index
// and the field; ok is false for a header field.
func ParseLineField(name string) (i int, field string, ok bool) {
	rest, found := strings.CutPrefix(name, FieldLines+".")
	if !found {
		return 0, "", false
	}
	num, field, found := strings.Cut(rest, ".")
	n, err := strconv.Atoi(num)
	if !found || err != nil || n < 1 {
		return 0, "", false
	}
	return n - 1, field, true
}

// Net is the line's net amount: round(quantity × price × (1 − discount/100), 2).
func (l *DocumentLine) Net() Amount { return LineNet(l.Quantity, l.Price, l.Discount) }

// IsManual reports whether a user set the price by hand.
func (l *DocumentLine) IsManual() bool { return l.Source == SourceManual }

// SetManualPrice sets a hand-typed price with its reason; Validate requires the reason.
func (l *DocumentLine) SetManualPrice(p UnitPrice, reason string) {
	l.Price, l.Source, l.ManualReason = p, SourceManual, strings.TrimSpace(reason)
}

// ClearManualPrice goes back to the engine's price.
func (l *DocumentLine) ClearManualPrice(engineSource PriceSource) {
	l.Price, l.Source, l.ManualReason = l.EnginePrice, engineSource, ""
}

// validateLine checks one line's rules that need no database.
func validateLine(fe *fieldErrors, i int, l *DocumentLine) {
	f := func(name string) string { return LineField(i, name) }
	if l.SKU == "" {
		fe.add(f(FieldSKU), "field.required", "required", nil)
	}
	switch {
	case l.Quantity <= 0:
		fe.add(f(FieldQuantity), "quantity.positive", "the quantity of {{.SKU}} must be more than 0", map[string]any{"SKU": l.SKU})
	case l.Quantity > MaxQuantity:
		fe.add(f(FieldQuantity), "quantity.too_large", "{{.Value}} is too large for a quantity", map[string]any{"Value": l.Quantity})
	case l.Unit != "":
		if err := l.Unit.Check(l.Quantity); err != nil {
			fe.addErr(f(FieldQuantity), err)
		}
	}
	if l.Price < 0 {
		fe.add(f(FieldUnitPrice), "price.negative", "a price cannot be negative", nil)
	} else if l.Price > MaxUnitPrice {
		fe.add(f(FieldUnitPrice), "price.too_large", "{{.Value}} is too large for a unit price", map[string]any{"Value": l.Price})
	}
	if l.Quantity > 0 && l.Quantity <= MaxQuantity && l.Price > 0 && l.Price <= MaxUnitPrice && l.Discount >= 0 && l.Discount <= Hundred {
		if net := lineNetDecimal(l.Quantity, l.Price, l.Discount); net.GreaterThan(MaxAmount.Decimal()) {
			fe.add(f(FieldQuantity), "line.too_large",
				"{{.SKU}}: {{.Quantity}} × {{.Price}} comes to {{.Net}}, more than one line may be ({{.Max}}); check the quantity and the price",
				map[string]any{"SKU": l.SKU, "Quantity": l.Quantity, "Price": l.Price, "Net": net.StringFixed(AmountPlaces), "Max": MaxAmount})
		}
	}
	if l.IsManual() && strings.TrimSpace(l.ManualReason) == "" {
		fe.add(f(FieldManualReason), "line.manual_reason_required", "a manual price needs a reason", nil)
	}
	fe.freeText(f(FieldManualReason), l.ManualReason, 500)
	if l.Discount < 0 || l.Discount > Hundred {
		fe.add(f(FieldDiscountPct), "discount.range", "a discount is from 0 to 100%", nil)
	}
	if !l.VATRate.Valid() {
		fe.add(f(FieldVATRate), "vat.invalid", "{{.Value}} is not a VAT rate (23, 8, 5, 0 or zw)", map[string]any{"Value": string(l.VATRate)})
	}
}

// MaxDocumentLines bounds a document (a quote of 200 lines is large; 5,000 is a mistake).
const MaxDocumentLines = 5000

func validateLines(fe *fieldErrors, lines []DocumentLine) {
	if len(lines) > MaxDocumentLines {
		fe.add(FieldLines, "document.too_many_lines", "a document has at most {{.Max}} lines", map[string]any{"Max": MaxDocumentLines})
	}
	n := len(*fe)
	for i := range lines {
		validateLine(fe, i, &lines[i])
	}
	if len(*fe) > n {
		return // a line too large already says so
	}
	if t := ComputeTotals(lines); t.Gross.TooLarge() || t.Net.TooLarge() {
		fe.add(FieldLines, "document.too_large",
			"the lines come to {{.Gross}} with VAT, more than one document may be ({{.Max}}); split it into several",
			map[string]any{"Gross": t.Gross, "Max": MaxAmount})
	}
}

// VATTotal is one VAT rate's part of a document.
type VATTotal struct {
	Rate  VATRate
	Net   Amount // Σ line nets at the rate
	VAT   Amount // round(Net × rate / 100, 2)
	Gross Amount // Net + VAT
}

// Totals are a document's totals by the Polish rule: net per VAT rate is the
// sum of its line nets, VAT per rate is round(net × rate, 2), not per line.
type Totals struct {
	ByRate []VATTotal // in the order of VATRates, only rates that occur
	Net    Amount
	VAT    Amount
	Gross  Amount // Σ (net + VAT) over rates
}

// ComputeTotals totals lines. A line with an unknown rate is left out of the
// per-rate table and the sums (Validate reports it).
func ComputeTotals(lines []DocumentLine) Totals {
	var nets [5]Amount
	var used [5]bool
	for i := range lines {
		k := rateIndex(lines[i].VATRate)
		if k < 0 {
			continue
		}
		nets[k] = saturatingPlus(nets[k], lines[i].Net())
		used[k] = true
	}
	var t Totals
	for k, r := range VATRates {
		if !used[k] {
			continue
		}
		v := VATTotal{Rate: r, Net: nets[k], VAT: VATOn(nets[k], r)}
		v.Gross = saturatingPlus(v.Net, v.VAT)
		t.ByRate = append(t.ByRate, v)
		t.Net = saturatingPlus(t.Net, v.Net)
		t.VAT = saturatingPlus(t.VAT, v.VAT)
		t.Gross = saturatingPlus(t.Gross, v.Gross)
	}
	return t
}

func rateIndex(r VATRate) int {
	for k, v := range VATRates {
		if v == r {
			return k
		}
	}
	return -1
}

// VATOn is the VAT on a net sum at rate r: round(net × rate/100, 2), half away
// from zero; 0 for 0 % and exempt.
func VATOn(net Amount, r VATRate) Amount {
	p := r.Percent()
	if p == 0 {
		return 0
	}
	d := net.Decimal().Mul(p.Decimal()).Div(decimal.NewFromInt(100))
	return AmountFromDecimal(d)
}

// SKUTotals is each SKU's total quantity over the lines (SKUs compared
// ignoring ASCII case, keyed upper case): what tiers compare with.
func SKUTotals(lines []DocumentLine) map[string]Quantity {
	m := make(map[string]Quantity, len(lines))
	for i := range lines {
		m[strings.ToUpper(lines[i].SKU)] += lines[i].Quantity
	}
	return m
}

// PriceLines are the lines as PriceService.Reprice takes them.
func PriceLines(lines []DocumentLine) []PriceLine {
	out := make([]PriceLine, len(lines))
	for i := range lines {
		out[i] = PriceLine{SKU: lines[i].SKU, Quantity: lines[i].Quantity}
	}
	return out
}

// PriceChange is a line whose price repricing changed.
type PriceChange struct {
	Line      int // 0-based index
	SKU       string
	Old, New  UnitPrice
	OldSource PriceSource
	NewSource PriceSource
}

// ApplyPrices sets the engine price of every line from res, the results of
// PriceService.Reprice in line order (each resolved on the SKU's total over the
// document). A manual line keeps its price and only learns the engine's; the
// others take the engine's price and source. It returns the lines whose price
// changed. This is the document-total tier rule: when quantities change, call
// Reprice on the whole document and apply, and exactly the lines whose tier (or
// agreement) changed get a new price.
func ApplyPrices(lines []DocumentLine, res []Resolution) []PriceChange {
	var out []PriceChange
	for i := range lines {
		if i >= len(res) {
			break
		}
		l, r := &lines[i], &res[i]
		l.EnginePrice = r.Price
		if l.IsManual() {
			continue
		}
		if l.Price != r.Price || l.Source != r.Source {
			out = append(out, PriceChange{Line: i, SKU: l.SKU, Old: l.Price, New: r.Price, OldSource: l.Source, NewSource: r.Source})
		}
		l.Price, l.Source = r.Price, r.Source
	}
	return out
}

// ReresolvePrices is ApplyPrices for a document priced afresh (a quote
// duplicated for another account, an order repeated today): manual prices are
// dropped too, since the reason given for them was about another customer or
// another day, and each dropped one is reported as a change.
func ReresolvePrices(lines []DocumentLine, res []Resolution) []PriceChange {
	var out []PriceChange
	for i := range lines {
		if i >= len(res) {
			break
		}
		l, r := &lines[i], &res[i]
		if l.Price != r.Price || l.Source != r.Source {
			out = append(out, PriceChange{Line: i, SKU: l.SKU, Old: l.Price, New: r.Price, OldSource: l.Source, NewSource: r.Source})
		}
		l.Price, l.Source, l.EnginePrice, l.ManualReason = r.Price, r.Source, r.Price, ""
	}
	return out
}

// PricePoint is a price a customer was given on a document.
type PricePoint struct {
	Price    UnitPrice
	Discount Percent
	Date     Date   // the document's date; zero when there is none
	Number   string // the quote or order number
}

// LastPrice is what an account last paid (on an order that is not a draft or
// cancelled) and was last quoted for a SKU.
type LastPrice struct {
	SKU     string
	Ordered PricePoint // zero Date: never ordered
	Quoted  PricePoint // zero Date: never quoted
}

// DocumentKind tells quotes and orders apart where they share a mechanism.
type DocumentKind string

// Document kinds.
const (
	KindQuote DocumentKind = "quote"
	KindOrder DocumentKind = "order"
)

// NumberSeries formats document numbers: Prefix, then the year and a slash when
// Yearly (the counter restarts each year), then the counter zero-padded to
// Digits: "OF/2026/00042". The store hands out numbers in order inside the
// transaction that saves the document, so a series has no gaps unless a
// document is deleted.
type NumberSeries struct {
	Prefix  string // prefix: ASCII letters, digits and . _ / -
	Yearly  bool   // yearly
	Monthly bool   // monthly: the counter restarts each month, "FV/2026/11/0001" (invoices)
	Digits  int    // digits: 1–9
}

// Number series field names.
const (
	FieldPrefix         = "prefix"
	FieldYearly         = "yearly"
	FieldMonthly        = "monthly"
	FieldDigits         = "digits"
	FieldQuoteValidDays = "quote_valid_days"
)

// Format returns the n-th number of the series in year.
func (s NumberSeries) Format(year int, n int64) string {
	num := strconv.FormatInt(n, 10)
	if pad := s.Digits - len(num); pad > 0 {
		num = strings.Repeat("0", pad) + num
	}
	if s.Yearly {
		return s.Prefix + strconv.Itoa(year) + "/" + num
	}
	return s.Prefix + num
}

// FormatOn returns the n-th number of the series in the period of day d: the
// year for a yearly series, the year and month for a monthly one.
func (s NumberSeries) FormatOn(d Date, n int64) string {
	if !s.Monthly {
		return s.Format(d.Year, n)
	}
	num := strconv.FormatInt(n, 10)
	if pad := s.Digits - len(num); pad > 0 {
		num = strings.Repeat("0", pad) + num
	}
	return fmt.Sprintf("%s%04d/%02d/%s", s.Prefix, d.Year, int(d.Month), num)
}

// Period is the counter's key for day d: 0 for a series that never restarts,
// the year, or year×100+month for a monthly series.
func (s NumberSeries) Period(d Date) int {
	switch {
	case s.Monthly:
		return d.Year*100 + int(d.Month)
	case s.Yearly:
		return d.Year
	}
	return 0
}

// DocumentSettings are the numbering and defaults of quotes and orders. They
// live in the database so kontorctl imports number orders the same way.
type DocumentSettings struct {
	Quotes         NumberSeries
	Orders         NumberSeries
	Invoices       NumberSeries // gap-free: numbers are never deleted
	CreditNotes    NumberSeries
	QuoteValidDays int // quote_valid_days: valid until = quote date + this, 1–365
}

// DefaultDocumentSettings are the settings never saved: "OF/2026/00001",
// "ZAM/2026/00001", quotes valid 30 days.
func DefaultDocumentSettings() DocumentSettings {
	return DocumentSettings{
		Quotes:         NumberSeries{Prefix: "OF/", Yearly: true, Digits: 5},
		Orders:         NumberSeries{Prefix: "ZAM/", Yearly: true, Digits: 5},
		Invoices:       NumberSeries{Prefix: "FV/", Monthly: true, Digits: 4},
		CreditNotes:    NumberSeries{Prefix: "KOR/", Monthly: true, Digits: 4},
		QuoteValidDays: 30,
	}
}

// Validate checks both series and the validity; field names are prefixed
// "quotes." and "orders." for the series.
func (s *DocumentSettings) Validate() error {
	var fe fieldErrors
	for _, x := range []struct {
		name string
		s    NumberSeries
	}{{"quotes.", s.Quotes}, {"orders.", s.Orders}, {"invoices.", s.Invoices}, {"credit_notes.", s.CreditNotes}} {
		if x.s.Prefix != "" && (!validCode(x.s.Prefix) || utf8.RuneCountInString(x.s.Prefix) > 20) {
			fe.add(x.name+FieldPrefix, "series.prefix", "a prefix uses at most 20 letters A–Z, digits and . _ / -", nil)
		}
		if x.s.Digits < 1 || x.s.Digits > 9 {
			fe.add(x.name+FieldDigits, "series.digits", "from 1 to 9 digits", nil)
		}
	}
	if s.Quotes.Prefix == s.Orders.Prefix {
		fe.add("orders."+FieldPrefix, "series.same_prefix", "quotes and orders need different prefixes", nil)
	}
	if s.Invoices.Prefix == s.CreditNotes.Prefix {
		fe.add("credit_notes."+FieldPrefix, "series.same_prefix_credit", "invoices and credit notes need different prefixes", nil)
	}
	if s.QuoteValidDays < 1 || s.QuoteValidDays > 365 {
		fe.add(FieldQuoteValidDays, "quote.valid_days", "from 1 to 365 days", nil)
	}
	return fe.err("settings.invalid", "the document settings are not valid")
}

// DocumentSort orders document lists.
type DocumentSort string

// Document orders; ties by number.
const (
	SortByDate  DocumentSort = ""      // newest first
	SortByValue DocumentSort = "value" // largest net total first
)

// DefaultDocumentPage is how many rows a document list page holds.
const DefaultDocumentPage = 100

// DocumentFilter narrows quote and order lists. Zero fields do not filter.
type DocumentFilter struct {
	Account  AccountID
	Owner    string // the owner rep, exactly
	From, To Date   // the document's date, inclusive
	Sort     DocumentSort
	Asc      bool // reverse the order: oldest or smallest first
	Offset   int
	Limit    int // 0: DefaultDocumentPage
}

// DocumentRow is one row of a quote or order list.
type DocumentRow struct {
	Number      string
	AccountID   AccountID
	AccountCode string
	AccountName string
	Owner       string
	Date        Date
	Net         Amount
	Gross       Amount
	Currency    string // CatalogCurrency
	Lines       int
}

// CatalogCurrency is the currency of list prices and agreements, and so of
// every quote and order: the catalog has one currency, and an account's own
// currency field does not convert prices.
const CatalogCurrency = "PLN"
