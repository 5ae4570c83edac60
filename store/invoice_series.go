package store

import (
	"context"
	"database/sql"
	"strconv"

	"kontor/domain"
)

// The invoice and credit-note series live in settings beside the quote and
// order series (documents.invoices.*, documents.credit_notes.*).
var invoiceSeriesKeys = []struct {
	name   string
	series func(*domain.DocumentSettings) *domain.NumberSeries
}{
	{"invoices.", func(d *domain.DocumentSettings) *domain.NumberSeries { return &d.Invoices }},
	{"credit_notes.", func(d *domain.DocumentSettings) *domain.NumberSeries { return &d.CreditNotes }},
}

// readSeriesSetting applies one saved setting of the invoice series, if key is one.
func readSeriesSetting(d *domain.DocumentSettings, key, value string, n int) {
	for _, k := range invoiceSeriesKeys {
		s := k.series(d)
		switch key {
		case k.name + domain.FieldPrefix:
			s.Prefix = value
		case k.name + domain.FieldYearly:
			s.Yearly = value == "true"
		case k.name + domain.FieldMonthly:
			s.Monthly = value == "true"
		case k.name + domain.FieldDigits:
			s.Digits = n
		}
	}
}

// seriesSettingValues adds the invoice series' settings to what is saved.
func seriesSettingValues(values map[string]string, d *domain.DocumentSettings) {
	for _, k := range invoiceSeriesKeys {
		s := k.series(d)
		values[k.name+domain.FieldPrefix] = s.Prefix
		values[k.name+domain.FieldYearly] = strconv.FormatBool(s.Yearly)
		values[k.name+domain.FieldMonthly] = strconv.FormatBool(s.Monthly)
		values[k.name+domain.FieldDigits] = strconv.Itoa(s.Digits)
	}
}

// invoiceNumbers hands out invoice or credit-note numbers inside the
// transaction that saves them. Invoices are never deleted, so a series has no
// gaps: a rolled back save hands out nothing. A number already taken (a prefix
// changed and changed back) is skipped. One value serves a whole import: the
// series' counters are read once and written back by save.
type invoiceNumbers struct {
	tx     *sql.Tx
	set    *domain.DocumentSettings
	taken  *sql.Stmt
	last   map[invoiceCounter]int64
	loaded map[invoiceCounter]bool
}

type invoiceCounter struct {
	kind   domain.InvoiceKind
	period int
}

func newInvoiceNumbers(ctx context.Context, tx *sql.Tx) (*invoiceNumbers, error) {
	set, err := findDocumentSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	taken, err := tx.PrepareContext(ctx, `SELECT count(*) FROM invoices WHERE number = ?`)
	if err != nil {
		return nil, err
	}
	return &invoiceNumbers{tx: tx, set: set, taken: taken, last: map[invoiceCounter]int64{}, loaded: map[invoiceCounter]bool{}}, nil
}

func (n *invoiceNumbers) series(kind domain.InvoiceKind) domain.NumberSeries {
	if kind == domain.KindCreditNote {
		return n.set.CreditNotes
	}
	return n.set.Invoices
}

// next returns the next number of kind's series for a document dated on.
func (n *invoiceNumbers) next(ctx context.Context, kind domain.InvoiceKind, on domain.Date) (string, error) {
	s := n.series(kind)
	c := invoiceCounter{kind, s.Period(on)}
	if !n.loaded[c] {
		var last int64
		err := n.tx.QueryRowContext(ctx, `SELECT last FROM invoice_series WHERE kind = ? AND period = ?`, string(kind), c.period).Scan(&last)
		if err != nil && err != sql.ErrNoRows {
			return "", err
		}
		n.last[c], n.loaded[c] = last, true
	}
	for {
		n.last[c]++
		num := s.FormatOn(on, n.last[c])
		var taken int
		if err := n.taken.QueryRowContext(ctx, num).Scan(&taken); err != nil {
			return "", err
		}
		if taken == 0 {
			return num, nil
		}
	}
}

// save writes the counters handed out back to invoice_series and releases
// the prepared statement.
func (n *invoiceNumbers) save(ctx context.Context) error {
	defer n.taken.Close()
	for c, last := range n.last {
		if err := saveSeries(ctx, n.tx, "invoice_series", "period", string(c.kind), c.period, last); err != nil {
			return err
		}
	}
	return nil
}
