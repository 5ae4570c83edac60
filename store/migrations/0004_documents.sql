-- Kontor schema 4: quotes and orders.
-- Amounts are INTEGER grosze (*_minor), unit prices ×10⁴ (*_e4), quantities ×10³ (*_e3),
-- percentages ×10² (*_e2); civil dates YYYY-MM-DD TEXT (*_on), NULL for none.
--
-- A line keeps the product's SKU, name, unit and VAT rate as they were when it was
-- priced: a document says what was offered or sold, whatever the catalog says later.
-- A header keeps its totals (net, VAT, gross by the per-rate rule) so lists sort and
-- sum by value without reading lines.

-- The counters of the number series: the last number handed out per kind and year
-- (year 0 for a series that does not restart yearly). The series' format lives in
-- settings under documents.*.
CREATE TABLE document_series (
	kind TEXT NOT NULL CHECK (kind IN ('quote', 'order')),
	year INTEGER NOT NULL,
	last INTEGER NOT NULL,
	PRIMARY KEY (kind, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE quotes (
	id             INTEGER PRIMARY KEY,
	number         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (number <> ''),
	revision       INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
	status         TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'rejected')),
	account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
	contact_id     INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
	quoted_on      TEXT NOT NULL,
	valid_until    TEXT NOT NULL CHECK (valid_until >= quoted_on),
	terms_days     INTEGER NOT NULL CHECK (terms_days BETWEEN 0 AND 365),
	terms_eom      INTEGER NOT NULL CHECK (terms_eom IN (0, 1)),
	delivery_terms TEXT NOT NULL DEFAULT '',
	notes          TEXT NOT NULL DEFAULT '',
	owner          TEXT NOT NULL DEFAULT '',
	currency       TEXT NOT NULL CHECK (length(currency) = 3),
	order_id       INTEGER REFERENCES orders (id) ON DELETE SET NULL,
	net_minor      INTEGER NOT NULL,
	vat_minor      INTEGER NOT NULL,
	gross_minor    INTEGER NOT NULL,
	line_count     INTEGER NOT NULL,
	version        INTEGER NOT NULL DEFAULT 1,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
) STRICT;

-- The quotes list: newest first by status, by account, by owner, by value; each
-- holds what the list filters on, so that a filtered count reads the index alone.
CREATE INDEX quotes_by_date ON quotes (quoted_on, status, valid_until, account_id, owner, net_minor);
CREATE INDEX quotes_by_account ON quotes (account_id, quoted_on);
CREATE INDEX quotes_by_owner ON quotes (owner, quoted_on, status, valid_until);
CREATE INDEX quotes_by_value ON quotes (net_minor, status, quoted_on, valid_until, owner);
CREATE INDEX quotes_by_contact ON quotes (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX quotes_by_order ON quotes (order_id) WHERE order_id IS NOT NULL;

-- The headers of earlier revisions (the current one is in quotes). Revision n's
-- lines are the quote_lines of revision n.
CREATE TABLE quote_revisions (
	quote_id       INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
	revision       INTEGER NOT NULL,
	status         TEXT NOT NULL,
	account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
	currency       TEXT NOT NULL,
	contact_id     INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
	quoted_on      TEXT NOT NULL,
	valid_until    TEXT NOT NULL,
	terms_days     INTEGER NOT NULL,
	terms_eom      INTEGER NOT NULL,
	delivery_terms TEXT NOT NULL,
	notes          TEXT NOT NULL,
	owner          TEXT NOT NULL,
	net_minor      INTEGER NOT NULL,
	vat_minor      INTEGER NOT NULL,
	gross_minor    INTEGER NOT NULL,
	line_count     INTEGER NOT NULL,
	saved_at       TEXT NOT NULL,
	PRIMARY KEY (quote_id, revision)
) STRICT, WITHOUT ROWID;

CREATE TABLE quote_lines (
	quote_id        INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
	revision        INTEGER NOT NULL,
	line_no         INTEGER NOT NULL,
	product_id      INTEGER NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
	sku             TEXT NOT NULL,
	name            TEXT NOT NULL,
	unit            TEXT NOT NULL,
	qty_e3          INTEGER NOT NULL CHECK (qty_e3 > 0),
	price_e4        INTEGER NOT NULL CHECK (price_e4 >= 0),
	engine_price_e4 INTEGER NOT NULL,
	source          TEXT NOT NULL CHECK (source IN ('account', 'parent', 'group', 'list', 'manual')),
	manual_reason   TEXT NOT NULL DEFAULT '' CHECK (source <> 'manual' OR manual_reason <> ''),
	discount_e2     INTEGER NOT NULL DEFAULT 0 CHECK (discount_e2 BETWEEN 0 AND 10000),
	vat_rate        TEXT NOT NULL CHECK (vat_rate IN ('23', '8', '5', '0', 'zw')),
	net_minor       INTEGER NOT NULL,
	PRIMARY KEY (quote_id, revision, line_no)
) STRICT, WITHOUT ROWID;

-- What an account was last quoted for a product; the foreign key check on a product's delete.
CREATE INDEX quote_lines_by_product ON quote_lines (product_id, quote_id);

CREATE TABLE orders (
	id               INTEGER PRIMARY KEY,
	number           TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (number <> ''),
	status           TEXT NOT NULL CHECK (status IN ('draft', 'confirmed', 'delivered', 'cancelled')),
	account_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
	contact_id       INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
	ordered_on       TEXT NOT NULL,
	requested_on     TEXT CHECK (requested_on IS NULL OR requested_on >= ordered_on),
	delivered_on     TEXT CHECK ((status = 'delivered') = (delivered_on IS NOT NULL)),
	cancel_reason    TEXT NOT NULL DEFAULT '' CHECK ((status = 'cancelled') = (cancel_reason <> '')),
	delivery_street  TEXT NOT NULL DEFAULT '',
	delivery_postal  TEXT NOT NULL DEFAULT '',
	delivery_city    TEXT NOT NULL DEFAULT '',
	delivery_country TEXT NOT NULL DEFAULT '',
	customer_po      TEXT NOT NULL DEFAULT '',
	terms_days       INTEGER NOT NULL CHECK (terms_days BETWEEN 0 AND 365),
	terms_eom        INTEGER NOT NULL CHECK (terms_eom IN (0, 1)),
	notes            TEXT NOT NULL DEFAULT '',
	owner            TEXT NOT NULL DEFAULT '',
	currency         TEXT NOT NULL CHECK (length(currency) = 3),
	quote_id         INTEGER REFERENCES quotes (id) ON DELETE SET NULL,
	net_minor        INTEGER NOT NULL,
	vat_minor        INTEGER NOT NULL,
	gross_minor      INTEGER NOT NULL,
	line_count       INTEGER NOT NULL,
	version          INTEGER NOT NULL DEFAULT 1,
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL
) STRICT;

-- The orders list over ~240,000 orders, p95 ≤ 15 ms. Each index starts with what
-- narrows most and holds every column a filter may test, so that neither the page
-- nor the count reads a row: by date (no narrower filter), by status then date
-- (a rare status), by owner, by account, and by value for the value sort.
CREATE INDEX orders_by_date ON orders (ordered_on, status, owner, account_id, net_minor);
CREATE INDEX orders_by_status ON orders (status, owner, ordered_on, net_minor);
CREATE INDEX orders_by_owner ON orders (owner, ordered_on, status, net_minor);
CREATE INDEX orders_by_account ON orders (account_id, ordered_on, status, net_minor);
CREATE INDEX orders_by_value ON orders (net_minor, ordered_on, status, owner);
CREATE INDEX orders_by_contact ON orders (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX orders_by_quote ON orders (quote_id) WHERE quote_id IS NOT NULL;

CREATE TABLE order_lines (
	order_id        INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	line_no         INTEGER NOT NULL,
	product_id      INTEGER NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
	sku             TEXT NOT NULL,
	name            TEXT NOT NULL,
	unit            TEXT NOT NULL,
	qty_e3          INTEGER NOT NULL CHECK (qty_e3 > 0),
	price_e4        INTEGER NOT NULL CHECK (price_e4 >= 0),
	engine_price_e4 INTEGER NOT NULL,
	source          TEXT NOT NULL CHECK (source IN ('account', 'parent', 'group', 'list', 'manual')),
	manual_reason   TEXT NOT NULL DEFAULT '' CHECK (source <> 'manual' OR manual_reason <> ''),
	discount_e2     INTEGER NOT NULL DEFAULT 0 CHECK (discount_e2 BETWEEN 0 AND 10000),
	vat_rate        TEXT NOT NULL CHECK (vat_rate IN ('23', '8', '5', '0', 'zw')),
	net_minor       INTEGER NOT NULL,
	PRIMARY KEY (order_id, line_no)
) STRICT, WITHOUT ROWID;

-- What an account last paid for a product; the foreign key check on a product's delete.
CREATE INDEX order_lines_by_product ON order_lines (product_id, order_id);

-- How many orders there are per day, status and owner. The orders list shows how many
-- orders match its filter; counting 230,000 index entries takes 20–35 ms, summing the
-- few thousand rows here a millisecond or two. An account's orders (a dozen) are
-- counted from the orders themselves. The triggers keep it; bulk writers (the demo)
-- suspend them and rebuild it with one GROUP BY.
CREATE TABLE order_counts (
	ordered_on TEXT NOT NULL,
	status     TEXT NOT NULL,
	owner      TEXT NOT NULL,
	n          INTEGER NOT NULL,
	PRIMARY KEY (ordered_on, status, owner)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER orders_count_insert AFTER INSERT ON orders BEGIN
	INSERT INTO order_counts (ordered_on, status, owner, n) VALUES (new.ordered_on, new.status, new.owner, 1)
		ON CONFLICT (ordered_on, status, owner) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER orders_count_delete AFTER DELETE ON orders BEGIN
	UPDATE order_counts SET n = n - 1 WHERE ordered_on = old.ordered_on AND status = old.status AND owner = old.owner;
	DELETE FROM order_counts WHERE ordered_on = old.ordered_on AND status = old.status AND owner = old.owner AND n = 0;
END;
CREATE TRIGGER orders_count_update AFTER UPDATE OF ordered_on, status, owner ON orders
	WHEN new.ordered_on IS NOT old.ordered_on OR new.status IS NOT old.status OR new.owner IS NOT old.owner BEGIN
	UPDATE order_counts SET n = n - 1 WHERE ordered_on = old.ordered_on AND status = old.status AND owner = old.owner;
	DELETE FROM order_counts WHERE ordered_on = old.ordered_on AND status = old.status AND owner = old.owner AND n = 0;
	INSERT INTO order_counts (ordered_on, status, owner, n) VALUES (new.ordered_on, new.status, new.owner, 1)
		ON CONFLICT (ordered_on, status, owner) DO UPDATE SET n = n + 1;
END;
