-- Kontor schema 5: receivables. Invoices issued on delivery, credit notes,
-- payments, and how payments and credit notes settle invoices.
-- Amounts are INTEGER grosze (*_minor), unit prices ×10⁴, quantities ×10³,
-- percentages ×10²; civil dates YYYY-MM-DD TEXT (*_on); moments RFC 3339 TEXT (*_at).

-- The counters of the invoice and credit-note series: the last number handed out
-- per kind and period (NumberSeries.Period: 0, the year, or year×100+month). The
-- series' format lives in settings under documents.invoices.* / credit_notes.*.
CREATE TABLE invoice_series (
	kind   TEXT NOT NULL CHECK (kind IN ('invoice', 'credit')),
	period INTEGER NOT NULL,
	last   INTEGER NOT NULL,
	PRIMARY KEY (kind, period)
) STRICT, WITHOUT ROWID;

-- Invoices and credit notes, never changed once issued except open_minor, which
-- the allocation (store reallocate, domain.Allocate over everything recorded)
-- keeps current: what is still open of an invoice; for a credit note, minus
-- what of it no invoice took (credit on account, like a payment's unapplied
-- amount), so an account's balance is Σ open_minor − Σ payments.unapplied_minor.
-- A credit note's amounts are negative: the ledger reads it as a negative invoice.
CREATE TABLE invoices (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('invoice', 'credit')),
	number      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (number <> ''),
	account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
	order_id    INTEGER REFERENCES orders (id) ON DELETE RESTRICT,
	corrects_id INTEGER REFERENCES invoices (id) ON DELETE RESTRICT,
	reason      TEXT NOT NULL DEFAULT '',
	issued_on   TEXT NOT NULL,
	due_on      TEXT NOT NULL CHECK (due_on >= issued_on),
	terms_days  INTEGER NOT NULL CHECK (terms_days BETWEEN 0 AND 365),
	terms_eom   INTEGER NOT NULL CHECK (terms_eom IN (0, 1)),
	currency    TEXT NOT NULL CHECK (length(currency) = 3),
	net_minor   INTEGER NOT NULL,
	vat_minor   INTEGER NOT NULL,
	gross_minor INTEGER NOT NULL,
	open_minor  INTEGER NOT NULL,
	created_at  TEXT NOT NULL,
	CHECK (kind = 'invoice' AND corrects_id IS NULL AND gross_minor >= 0 AND open_minor BETWEEN 0 AND gross_minor
		OR kind = 'credit' AND corrects_id IS NOT NULL AND reason <> '' AND gross_minor <= 0 AND open_minor BETWEEN gross_minor AND 0)
) STRICT;

-- An order is invoiced once.
CREATE UNIQUE INDEX invoices_by_order ON invoices (order_id) WHERE kind = 'invoice';
-- The foreign key's lookup of an order's invoices and credit notes, which the
-- partial index above cannot serve: SQLite searches the child table on every
-- insert of an order while a deferred foreign key is pending (the orders import
-- writes lines ahead of their orders), and without it each order scanned every invoice.
CREATE INDEX invoices_of_order ON invoices (order_id);
-- An account's ledger and invoice list; a month's movement (statements).
CREATE INDEX invoices_by_account ON invoices (account_id, issued_on, gross_minor);
-- The invoice list newest first over every account.
CREATE INDEX invoices_by_date ON invoices (issued_on);
-- Credit notes of an invoice.
CREATE INDEX invoices_by_corrects ON invoices (corrects_id) WHERE corrects_id IS NOT NULL;
-- Receivables and credit control read only what is open: of ~240,000 invoices
-- most are paid, so this index is small and holds everything the aging needs.
CREATE INDEX invoices_open ON invoices (account_id, due_on, open_minor, kind) WHERE open_minor <> 0;

-- An invoice's lines: its order's lines as delivered (a credit note's: the
-- credited quantities, line_no the original line's). product_id is kept without
-- a foreign key: the order's line already holds the product, and an invoice
-- says what was sold whatever the catalog does later.
CREATE TABLE invoice_lines (
	invoice_id  INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
	line_no     INTEGER NOT NULL,
	product_id  INTEGER NOT NULL,
	sku         TEXT NOT NULL,
	name        TEXT NOT NULL,
	unit        TEXT NOT NULL,
	qty_e3      INTEGER NOT NULL CHECK (qty_e3 > 0),
	price_e4    INTEGER NOT NULL CHECK (price_e4 >= 0),
	discount_e2 INTEGER NOT NULL DEFAULT 0 CHECK (discount_e2 BETWEEN 0 AND 10000),
	vat_rate    TEXT NOT NULL CHECK (vat_rate IN ('23', '8', '5', '0', 'zw')),
	net_minor   INTEGER NOT NULL,
	PRIMARY KEY (invoice_id, line_no)
) STRICT, WITHOUT ROWID;

-- Payments. invoice_id is the invoice a user said it pays; unapplied_minor is
-- what no invoice took of it (kept by the allocation, like invoices.open_minor).
CREATE TABLE payments (
	id              INTEGER PRIMARY KEY,
	account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
	paid_on         TEXT NOT NULL,
	amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
	reference       TEXT NOT NULL DEFAULT '',
	invoice_id      INTEGER REFERENCES invoices (id) ON DELETE RESTRICT,
	unapplied_minor INTEGER NOT NULL CHECK (unapplied_minor BETWEEN 0 AND amount_minor),
	created_at      TEXT NOT NULL
) STRICT;

CREATE INDEX payments_by_account ON payments (account_id, paid_on, amount_minor);
CREATE INDEX payments_by_date ON payments (paid_on);
CREATE INDEX payments_by_invoice ON payments (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX payments_unapplied ON payments (account_id, unapplied_minor) WHERE unapplied_minor <> 0;

-- Which payment or credit note settled how much of which invoice, as the last
-- allocation left it; rewritten per account by every allocation.
CREATE TABLE settlements (
	account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
	invoice_id     INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
	payment_id     INTEGER REFERENCES payments (id) ON DELETE CASCADE,
	credit_note_id INTEGER REFERENCES invoices (id) ON DELETE CASCADE,
	amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
	CHECK ((payment_id IS NULL) <> (credit_note_id IS NULL))
) STRICT;

CREATE INDEX settlements_by_account ON settlements (account_id, invoice_id);
CREATE INDEX settlements_by_payment ON settlements (payment_id) WHERE payment_id IS NOT NULL;

-- The credit override given when an order was confirmed despite a warning.
ALTER TABLE orders ADD COLUMN credit_override TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN credit_override_by TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN credit_override_at TEXT;

-- Orders delivered before this schema get their invoices now, numbered from the
-- default series (FV/YYYY/MM/NNNN, domain.DefaultDocumentSettings) per month of
-- delivery in order of delivery date, then order number; dated the delivery day,
-- due by the order's terms (net N: + N days; N EOM: the month's last day + N
-- days); totals from the order header (kept by the per-rate rule); nothing is
-- paid yet (there were no payments), so open = gross.
INSERT INTO invoices (kind, number, account_id, order_id, issued_on, due_on, terms_days, terms_eom, currency,
		net_minor, vat_minor, gross_minor, open_minor, created_at)
	SELECT 'invoice',
		'FV/' || substr(delivered_on, 1, 4) || '/' || substr(delivered_on, 6, 2) || '/' ||
			printf('%04d', row_number() OVER (PARTITION BY substr(delivered_on, 1, 7) ORDER BY delivered_on, number)),
		account_id, id, delivered_on,
		CASE WHEN terms_eom = 1
			THEN date(delivered_on, 'start of month', '+1 month', '-1 day', '+' || terms_days || ' days')
			ELSE date(delivered_on, '+' || terms_days || ' days') END,
		terms_days, terms_eom, currency, net_minor, vat_minor, gross_minor, gross_minor,
		strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
	FROM orders WHERE status = 'delivered'
	ORDER BY delivered_on, number;

INSERT INTO invoice_lines (invoice_id, line_no, product_id, sku, name, unit, qty_e3, price_e4, discount_e2, vat_rate, net_minor)
	SELECT i.id, l.line_no, l.product_id, l.sku, l.name, l.unit, l.qty_e3, l.price_e4, l.discount_e2, l.vat_rate, l.net_minor
	FROM invoices i JOIN order_lines l ON l.order_id = i.order_id;

INSERT INTO invoice_series (kind, period, last)
	SELECT 'invoice', CAST(substr(issued_on, 1, 4) AS INTEGER) * 100 + CAST(substr(issued_on, 6, 2) AS INTEGER), count(*)
	FROM invoices GROUP BY 2;
