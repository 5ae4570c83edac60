package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"kontor/domain"
)

// This file holds what the quote and order services share: document lines,
// the header's account, number series and the document settings.

// lineColumns are a document line's columns after its key, in scanLine's order.
const lineColumns = `product_id, sku, name, unit, qty_e3, price_e4, engine_price_e4, source, manual_reason,
	discount_e2, vat_rate, net_minor`

// qualified prefixes each of a comma-separated column list with alias.
func qualified(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

func scanLine(sc interface{ Scan(...any) error }) (domain.DocumentLine, error) {
	var l domain.DocumentLine
	var net int64
	err := sc.Scan(&l.ProductID, &l.SKU, &l.Name, &l.Unit, &l.Quantity, &l.Price, &l.EnginePrice, &l.Source,
		&l.ManualReason, &l.Discount, &l.VATRate, &net)
	return l, err
}

func lineArgs(l *domain.DocumentLine) []any {
	return []any{int64(l.ProductID), l.SKU, l.Name, string(l.Unit), int64(l.Quantity), int64(l.Price), int64(l.EnginePrice),
		string(l.Source), l.ManualReason, int64(l.Discount), string(l.VATRate), int64(l.Net())}
}

// readLines reads the lines of one document (the key columns in where).
func readLines(ctx context.Context, q queryer, table, where string, args ...any) ([]domain.DocumentLine, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+lineColumns+` FROM `+table+` WHERE `+where+` ORDER BY line_no`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.DocumentLine
	for rows.Next() {
		l, err := scanLine(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// writeLines inserts lines under a key: keyCols name the key columns before
// line_no, key their values.
func writeLines(ctx context.Context, tx *sql.Tx, table, keyCols string, key []any, lines []domain.DocumentLine) error {
	if len(lines) == 0 {
		return nil
	}
	marks := strings.Repeat("?, ", len(key)+13)
	st, err := tx.PrepareContext(ctx, `INSERT INTO `+table+` (`+keyCols+`, line_no, `+lineColumns+`) VALUES (`+marks[:len(marks)-2]+`)`)
	if err != nil {
		return err
	}
	defer st.Close()
	args := make([]any, 0, len(key)+13)
	for i := range lines {
		args = append(append(append(args[:0], key...), i+1), lineArgs(&lines[i])...)
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// catalogEntry is what a line takes from its product.
type catalogEntry struct {
	id     domain.ProductID
	sku    string
	name   string
	unit   domain.Unit
	vat    domain.VATRate
	list   domain.UnitPrice
	active bool
}

// lookupProducts reads the products of the SKUs (compared ignoring ASCII
// case), keyed by upper-case SKU, in one statement.
func lookupProducts(ctx context.Context, q queryer, skus []string) (map[string]*catalogEntry, error) {
	b, _ := json.Marshal(skus)
	rows, err := q.QueryContext(ctx, `SELECT id, sku, name, unit, vat_rate, list_price_e4, active FROM products
		WHERE sku IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]*catalogEntry, len(skus))
	for rows.Next() {
		var c catalogEntry
		if err := rows.Scan(&c.id, &c.sku, &c.name, &c.unit, &c.vat, &c.list, &c.active); err != nil {
			return nil, err
		}
		out[strings.ToUpper(c.sku)] = &c
	}
	return out, rows.Err()
}

// completeLines ties each line to its product by SKU: the product's id and
// SKU as the catalog writes it, and its name, unit and VAT rate where the line
// has none. An unknown SKU is a field error of that line. Then the lines'
// own rules are checked (domain validation, with the unit known).
func completeLines(ctx context.Context, q queryer, lines []domain.DocumentLine) ([]domain.FieldError, error) {
	skus := make([]string, 0, len(lines))
	for i := range lines {
		lines[i].SKU = strings.TrimSpace(lines[i].SKU)
		skus = append(skus, lines[i].SKU)
	}
	cat, err := lookupProducts(ctx, q, skus)
	if err != nil {
		return nil, err
	}
	var fe []domain.FieldError
	for i := range lines {
		l := &lines[i]
		c := cat[strings.ToUpper(l.SKU)]
		if c == nil {
			if l.SKU != "" {
				fe = append(fe, domain.FieldError{Field: domain.LineField(i, domain.FieldSKU), Key: "product.unknown_sku",
					Msg: "no product with SKU {{.SKU}}", Args: map[string]any{"SKU": l.SKU}})
			}
			continue
		}
		l.ProductID, l.SKU = c.id, c.sku
		if l.Name == "" {
			l.Name = c.name
		}
		if l.Unit == "" {
			l.Unit = c.unit
		}
		if l.VATRate == "" {
			l.VATRate = c.vat
		}
		if l.Source == "" {
			l.Source, l.Price, l.EnginePrice = domain.SourceList, c.list, c.list
		}
	}
	return fe, nil
}

// invalid merges field problems found in the database with the domain's.
func invalid(key, msg string, validation error, fields []domain.FieldError) error {
	var all []domain.FieldError
	if e, ok := domain.AsError(validation); ok {
		all = append(all, e.Fields...)
	} else if validation != nil {
		return validation
	}
	all = append(all, fields...)
	if len(all) == 0 {
		return nil
	}
	return &domain.Error{Code: domain.EInvalid, Key: key, Msg: msg, Fields: all}
}

// docAccount is what a document header takes from its account.
type docAccount struct {
	id       domain.AccountID
	code     string
	name     string
	currency string
	owner    string
}

// resolveAccount finds the document's account by id, else by code; unknown is
// a field error on account_code.
func resolveAccount(ctx context.Context, q queryer, id domain.AccountID, code string) (*docAccount, *domain.FieldError, error) {
	var a docAccount
	var err error
	if id != 0 {
		err = q.QueryRowContext(ctx, `SELECT id, code, name, ?, owner FROM accounts WHERE id = ?`, domain.CatalogCurrency, int64(id)).Scan(&a.id, &a.code, &a.name, &a.currency, &a.owner)
	} else {
		err = q.QueryRowContext(ctx, `SELECT id, code, name, ?, owner FROM accounts WHERE code = ?`, domain.CatalogCurrency, strings.TrimSpace(code)).Scan(&a.id, &a.code, &a.name, &a.currency, &a.owner)
	}
	if err == sql.ErrNoRows {
		v := code
		if id != 0 {
			v = "#" + strconv.FormatInt(int64(id), 10)
		}
		return nil, &domain.FieldError{Field: domain.FieldAccountCode, Key: "account.unknown", Msg: "no account with code {{.Value}}",
			Args: map[string]any{"Value": v}}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return &a, nil, nil
}

// checkContact reports a contact that is not the account's.
func checkContact(ctx context.Context, q queryer, account domain.AccountID, contact domain.ContactID) (*domain.FieldError, error) {
	if contact == 0 {
		return nil, nil
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM contacts WHERE id = ? AND account_id = ?`, int64(contact), int64(account)).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return &domain.FieldError{Field: domain.FieldContact, Key: "document.contact_not_of_account",
			Msg: "the contact is not one of the account's people"}, nil
	}
	return nil, nil
}

// prepareHeader resolves the account and contact, completes the lines, then
// runs the domain's validation (which needs the lines' units), and returns the
// account, or an EInvalid error with every problem found.
func prepareHeader(ctx context.Context, q queryer, key, msg string, validate func() error, id *domain.AccountID, code *string,
	contact domain.ContactID, lines []domain.DocumentLine) (*docAccount, error) {
	var fields []domain.FieldError
	var acct *docAccount
	if *id != 0 || strings.TrimSpace(*code) != "" {
		a, fe, err := resolveAccount(ctx, q, *id, *code)
		if err != nil {
			return nil, err
		}
		if fe != nil {
			fields = append(fields, *fe)
		} else {
			acct, *id, *code = a, a.id, a.code
			if fe, err := checkContact(ctx, q, a.id, contact); err != nil {
				return nil, err
			} else if fe != nil {
				fields = append(fields, *fe)
			}
		}
	}
	lineProblems, err := completeLines(ctx, q, lines)
	if err != nil {
		return nil, err
	}
	fields = append(fields, lineProblems...)
	if err := invalid(key, msg, validate(), fields); err != nil {
		return nil, err
	}
	return acct, nil
}

// Settings keys of the document settings.
const documentKeyPrefix = "documents."

// DocumentSettingsService implements domain.DocumentSettingsService over the settings table.
type DocumentSettingsService struct{ db *DB }

// NewDocumentSettingsService returns the document settings service over db.
func NewDocumentSettingsService(db *DB) *DocumentSettingsService {
	return &DocumentSettingsService{db: db}
}

var _ domain.DocumentSettingsService = (*DocumentSettingsService)(nil)

// FindDocumentSettings reads the settings, the defaults where never saved.
func (s *DocumentSettingsService) FindDocumentSettings(ctx context.Context) (*domain.DocumentSettings, error) {
	return findDocumentSettings(ctx, s.db.r)
}

func findDocumentSettings(ctx context.Context, q queryer) (*domain.DocumentSettings, error) {
	d := domain.DefaultDocumentSettings()
	rows, err := q.QueryContext(ctx, `SELECT substr(key, ?), value FROM settings WHERE key BETWEEN ? AND ?`,
		len(documentKeyPrefix)+1, documentKeyPrefix, documentKeyPrefix+"\U0010FFFF")
	if err != nil {
		return nil, wrap("read document settings", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return nil, wrap("read document settings", err)
		}
		n, _ := strconv.Atoi(value)
		switch key {
		case "quotes.prefix":
			d.Quotes.Prefix = value
		case "quotes.yearly":
			d.Quotes.Yearly = value == "true"
		case "quotes.digits":
			d.Quotes.Digits = n
		case "orders.prefix":
			d.Orders.Prefix = value
		case "orders.yearly":
			d.Orders.Yearly = value == "true"
		case "orders.digits":
			d.Orders.Digits = n
		case domain.FieldQuoteValidDays:
			d.QuoteValidDays = n
		default:
			readSeriesSetting(&d, key, value, n)
		}
	}
	return &d, wrap("read document settings", rows.Err())
}

// SaveDocumentSettings validates and saves the settings. Counters are kept: a
// new prefix continues the numbering.
func (s *DocumentSettingsService) SaveDocumentSettings(ctx context.Context, d domain.DocumentSettings) (*domain.DocumentSettings, error) {
	d.Quotes.Prefix, d.Orders.Prefix = strings.TrimSpace(d.Quotes.Prefix), strings.TrimSpace(d.Orders.Prefix)
	d.Invoices.Prefix, d.CreditNotes.Prefix = strings.TrimSpace(d.Invoices.Prefix), strings.TrimSpace(d.CreditNotes.Prefix)
	if err := d.Validate(); err != nil {
		return nil, err
	}
	values := map[string]string{
		"quotes.prefix": d.Quotes.Prefix, "quotes.yearly": strconv.FormatBool(d.Quotes.Yearly), "quotes.digits": strconv.Itoa(d.Quotes.Digits),
		"orders.prefix": d.Orders.Prefix, "orders.yearly": strconv.FormatBool(d.Orders.Yearly), "orders.digits": strconv.Itoa(d.Orders.Digits),
		domain.FieldQuoteValidDays: strconv.Itoa(d.QuoteValidDays),
	}
	seriesSettingValues(values, &d)
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		for k, v := range values {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, documentKeyPrefix+k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// nextNumber hands out the next number of a series inside the transaction that
// saves the document, so a rolled back save hands out nothing: no gaps unless a
// document is deleted. A number already taken (a prefix changed back, an
// imported order) is skipped.
func nextNumber(ctx context.Context, tx *sql.Tx, kind domain.DocumentKind, on domain.Date) (string, error) {
	set, err := findDocumentSettings(ctx, tx)
	if err != nil {
		return "", err
	}
	series, table := set.Quotes, "quotes"
	if kind == domain.KindOrder {
		series, table = set.Orders, "orders"
	}
	year := 0
	if series.Yearly {
		year = on.Year
	}
	series, person, err := personalSeries(ctx, tx, series)
	if err != nil {
		return "", err
	}
	if person != "" {
		return nextTeamNumber(ctx, tx, kind, series, person, year, table, on)
	}
	var last int64
	err = tx.QueryRowContext(ctx, `SELECT last FROM document_series WHERE kind = ? AND year = ?`, string(kind), year).Scan(&last)
	if err != nil && err != sql.ErrNoRows {
		return "", err
	}
	num, last, err := firstFreeNumber(ctx, tx, series, on, table, last)
	if err != nil {
		return "", err
	}
	return num, saveSeries(ctx, tx, "document_series", "year", string(kind), year, last)
}

// nextTeamNumber is nextNumber in a team: the person's own series, with its
// counter in team_series.
func nextTeamNumber(ctx context.Context, tx *sql.Tx, kind domain.DocumentKind, series domain.NumberSeries, person string, year int,
	table string, on domain.Date) (string, error) {
	last, err := teamCounter(ctx, tx, string(kind), person, year)
	if err != nil {
		return "", err
	}
	num, last, err := firstFreeNumber(ctx, tx, series, on, table, last)
	if err != nil {
		return "", err
	}
	return num, saveTeamCounter(ctx, tx, string(kind), person, year, last)
}

// firstFreeNumber counts on from last to the first number of series that no
// row of table holds yet (one imported with its number may hold the next),
// and returns it with its counter.
func firstFreeNumber(ctx context.Context, tx *sql.Tx, series domain.NumberSeries, on domain.Date, table string,
	last int64) (string, int64, error) {
	for {
		last++
		num := series.Format(on.Year, last)
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE number = ?`, num).Scan(&taken); err != nil {
			return "", 0, err
		}
		if taken == 0 {
			return num, last, nil
		}
	}
}
