-- Kontor schema 3: the catalog, customer groups, price agreements.
-- Unit prices are INTEGER ×10⁴ (*_e4), quantities ×10³ (*_e3), percentages ×10² (*_e2):
-- exact and summable in SQL. Civil dates are YYYY-MM-DD TEXT (*_on), NULL for an open end.
--
-- Products are searched like accounts (see 0001_init.sql): search_text is the Go-folded
-- SKU, name and description, indexed by FTS5 with rowid = name_rank * 2^24 + id so that
-- matches come out in name order.

CREATE TABLE products (
	id            INTEGER PRIMARY KEY,
	sku           TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (sku <> ''),
	name          TEXT NOT NULL CHECK (name <> ''),
	name_key      BLOB NOT NULL,
	description   TEXT NOT NULL DEFAULT '',
	unit          TEXT NOT NULL DEFAULT 'szt' CHECK (unit <> ''),
	list_price_e4 INTEGER NOT NULL CHECK (list_price_e4 >= 0),
	vat_rate      TEXT NOT NULL CHECK (vat_rate IN ('23', '8', '5', '0', 'zw')),
	active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	search_text   TEXT NOT NULL,
	version       INTEGER NOT NULL DEFAULT 1,
	name_rank     INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	CHECK (id < 16777216)
) STRICT;

CREATE INDEX products_by_name ON products (name_key);
CREATE INDEX products_active_by_name ON products (name_key) WHERE active = 1;

CREATE VIRTUAL TABLE products_fts USING fts5 (
	search_text, content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
-- The rank of a row placed between its neighbours in (name_key, id) order.
CREATE TRIGGER products_search_insert AFTER INSERT ON products BEGIN
	UPDATE products SET name_rank = (SELECT CASE
			WHEN p IS NULL AND s IS NULL THEN 274877906944
			WHEN p IS NULL THEN s - min(4194304, s / 2)
			WHEN s IS NULL THEN p + min(4194304, (549755813887 - p) / 2)
			ELSE p + (s - p) / 2 END
		FROM (SELECT
			(SELECT name_rank FROM products WHERE (name_key, id) < (new.name_key, new.id) ORDER BY name_key DESC, id DESC LIMIT 1) AS p,
			(SELECT name_rank FROM products WHERE (name_key, id) > (new.name_key, new.id) ORDER BY name_key, id LIMIT 1) AS s))
	WHERE id = new.id;
	INSERT INTO products_fts (rowid, search_text) SELECT name_rank * 16777216 + id, search_text FROM products WHERE id = new.id;
END;
CREATE TRIGGER products_search_update AFTER UPDATE OF name_key, search_text ON products BEGIN
	DELETE FROM products_fts WHERE rowid = old.name_rank * 16777216 + old.id;
	UPDATE products SET name_rank = (SELECT CASE
			WHEN p IS NULL AND s IS NULL THEN 274877906944
			WHEN p IS NULL THEN s - min(4194304, s / 2)
			WHEN s IS NULL THEN p + min(4194304, (549755813887 - p) / 2)
			ELSE p + (s - p) / 2 END
		FROM (SELECT
			(SELECT name_rank FROM products WHERE (name_key, id) < (new.name_key, new.id) ORDER BY name_key DESC, id DESC LIMIT 1) AS p,
			(SELECT name_rank FROM products WHERE (name_key, id) > (new.name_key, new.id) ORDER BY name_key, id LIMIT 1) AS s))
	WHERE id = new.id AND new.name_key IS NOT old.name_key;
	INSERT INTO products_fts (rowid, search_text) SELECT name_rank * 16777216 + id, search_text FROM products WHERE id = new.id;
END;
CREATE TRIGGER products_search_delete AFTER DELETE ON products BEGIN
	DELETE FROM products_fts WHERE rowid = old.name_rank * 16777216 + old.id;
END;

-- Customer groups. An account belongs to the group its customer_group names; the
-- triggers below create a group the first time an account names it, so agreements
-- can always refer to a group row. Groups are few: they sort by the polish collation.
CREATE TABLE customer_groups (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
	created_at TEXT NOT NULL
) STRICT;

INSERT INTO customer_groups (name, created_at)
	SELECT DISTINCT customer_group, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM accounts WHERE customer_group <> ''
	ORDER BY customer_group;

CREATE TRIGGER accounts_group_insert AFTER INSERT ON accounts WHEN new.customer_group <> '' BEGIN
	INSERT INTO customer_groups (name, created_at) VALUES (new.customer_group, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT (name) DO NOTHING;
END;
CREATE TRIGGER accounts_group_update AFTER UPDATE OF customer_group ON accounts
	WHEN new.customer_group <> '' AND new.customer_group IS NOT old.customer_group BEGIN
	INSERT INTO customer_groups (name, created_at) VALUES (new.customer_group, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
		ON CONFLICT (name) DO NOTHING;
END;

-- Price agreements, never edited in place: a change ends the old row (ends_on, ended_by,
-- ended_at, replaced_by) and inserts a new one. Exactly one target, exactly one of a fixed
-- price and a discount.
CREATE TABLE price_agreements (
	id          INTEGER PRIMARY KEY,
	product_id  INTEGER NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
	account_id  INTEGER REFERENCES accounts (id) ON DELETE RESTRICT,
	group_id    INTEGER REFERENCES customer_groups (id) ON DELETE RESTRICT,
	min_qty_e3  INTEGER NOT NULL CHECK (min_qty_e3 > 0),
	price_e4    INTEGER CHECK (price_e4 >= 0),
	discount_e2 INTEGER CHECK (discount_e2 BETWEEN 0 AND 10000),
	starts_on   TEXT,
	ends_on     TEXT,
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	ended_by    TEXT NOT NULL DEFAULT '',
	ended_at    TEXT NOT NULL DEFAULT '',
	replaced_by INTEGER REFERENCES price_agreements (id) ON DELETE SET NULL,
	CHECK ((account_id IS NULL) <> (group_id IS NULL)),
	CHECK ((price_e4 IS NULL) <> (discount_e2 IS NULL)),
	CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
) STRICT;

-- Price resolution has a budget of 100 µs a line over random accounts and products, so
-- what it reads is kept in small covering indexes: their pages stay in the page cache
-- where the wide rows would not. A resolution reads one product's agreements for a few
-- accounts and one group; a price sheet or a repriced document reads all of them for
-- those targets.
CREATE INDEX price_agreements_by_account ON price_agreements
	(account_id, product_id, min_qty_e3, price_e4, discount_e2, starts_on, ends_on) WHERE account_id IS NOT NULL;
CREATE INDEX price_agreements_by_group ON price_agreements
	(group_id, product_id, min_qty_e3, price_e4, discount_e2, starts_on, ends_on) WHERE group_id IS NOT NULL;
CREATE INDEX products_for_pricing ON products (sku, unit, list_price_e4);
CREATE INDEX accounts_price_chain ON accounts (id, parent_id, customer_group, code, name);
-- One agreement per product, target, tier and start: the key a prices import matches rows by.
-- A change starts later, so it never collides with the agreement it ends.
CREATE UNIQUE INDEX price_agreements_key ON price_agreements
	(product_id, coalesce(account_id, 0), coalesce(group_id, 0), min_qty_e3, coalesce(starts_on, ''));
