-- Kontor schema 1: settings, accounts and contacts.
-- Money is INTEGER minor units; *_at are UTC RFC 3339 TEXT; *_on are YYYY-MM-DD TEXT.
-- name_key is a Polish collation sort key (store/collation.go); search_text is Go-folded
-- text (domain.Fold) indexed by FTS5 through the triggers below.
--
-- Search returns hits in name order, so the FTS5 indexes are keyed in name order:
-- a row's FTS rowid is name_rank * 2^24 + id, where name_rank is an integer that
-- never decreases along (name_key, id). FTS5 walks matches in rowid order, so the
-- first 50 matches are the first 50 by name (ties in name_rank are sorted by
-- name_key, see store/search.go) and a search reads about 50 index entries however
-- many rows match. A new or renamed row gets the midpoint of its neighbours'
-- ranks; when a gap is used up it shares its neighbour's rank, which costs
-- speed, never order. store.rerankSearch spaces the ranks out again. ids stay
-- below 2^24 so the rowid cannot overflow.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
	id                 INTEGER PRIMARY KEY,
	code               TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (code <> ''),
	name               TEXT NOT NULL CHECK (name <> ''),
	name_key           BLOB NOT NULL,
	tax_id             TEXT NOT NULL DEFAULT '',
	street             TEXT NOT NULL DEFAULT '',
	postal_code        TEXT NOT NULL DEFAULT '',
	city               TEXT NOT NULL DEFAULT '',
	country            TEXT NOT NULL DEFAULT 'PL' CHECK (length(country) = 2),
	ship_street        TEXT NOT NULL DEFAULT '',
	ship_postal_code   TEXT NOT NULL DEFAULT '',
	ship_city          TEXT NOT NULL DEFAULT '',
	ship_country       TEXT NOT NULL DEFAULT '',
	phone              TEXT NOT NULL DEFAULT '',
	email              TEXT NOT NULL DEFAULT '',
	currency           TEXT NOT NULL DEFAULT 'PLN' CHECK (length(currency) = 3),
	terms_days         INTEGER NOT NULL DEFAULT 30 CHECK (terms_days BETWEEN 0 AND 365),
	terms_eom          INTEGER NOT NULL DEFAULT 0 CHECK (terms_eom IN (0, 1)),
	credit_limit_minor INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit_minor >= 0),
	customer_group     TEXT NOT NULL DEFAULT '',
	parent_id          INTEGER REFERENCES accounts (id) ON DELETE RESTRICT,
	owner              TEXT NOT NULL DEFAULT '',
	notes              TEXT NOT NULL DEFAULT '',
	archived           INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	search_text        TEXT NOT NULL,
	version            INTEGER NOT NULL DEFAULT 1,
	name_rank          INTEGER NOT NULL DEFAULT 0,
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL,
	CHECK (id < 16777216)
) STRICT;

CREATE INDEX accounts_by_name ON accounts (name_key);
CREATE INDEX accounts_active_by_name ON accounts (name_key) WHERE archived = 0;
CREATE INDEX accounts_by_parent ON accounts (parent_id, name_key) WHERE parent_id IS NOT NULL;
CREATE INDEX accounts_by_group ON accounts (customer_group) WHERE customer_group <> '';

CREATE VIRTUAL TABLE accounts_fts USING fts5 (
	search_text, content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
-- The rank of a row placed between its neighbours in (name_key, id) order.
CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts BEGIN
	UPDATE accounts SET name_rank = (SELECT CASE
			WHEN p IS NULL AND s IS NULL THEN 274877906944
			WHEN p IS NULL THEN s - min(4194304, s / 2)
			WHEN s IS NULL THEN p + min(4194304, (549755813887 - p) / 2)
			ELSE p + (s - p) / 2 END
		FROM (SELECT
			(SELECT name_rank FROM accounts WHERE (name_key, id) < (new.name_key, new.id) ORDER BY name_key DESC, id DESC LIMIT 1) AS p,
			(SELECT name_rank FROM accounts WHERE (name_key, id) > (new.name_key, new.id) ORDER BY name_key, id LIMIT 1) AS s))
	WHERE id = new.id;
	INSERT INTO accounts_fts (rowid, search_text) SELECT name_rank * 16777216 + id, search_text FROM accounts WHERE id = new.id;
END;
CREATE TRIGGER accounts_search_update AFTER UPDATE OF name_key, search_text ON accounts BEGIN
	DELETE FROM accounts_fts WHERE rowid = old.name_rank * 16777216 + old.id;
	UPDATE accounts SET name_rank = (SELECT CASE
			WHEN p IS NULL AND s IS NULL THEN 274877906944
			WHEN p IS NULL THEN s - min(4194304, s / 2)
			WHEN s IS NULL THEN p + min(4194304, (549755813887 - p) / 2)
			ELSE p + (s - p) / 2 END
		FROM (SELECT
			(SELECT name_rank FROM accounts WHERE (name_key, id) < (new.name_key, new.id) ORDER BY name_key DESC, id DESC LIMIT 1) AS p,
			(SELECT name_rank FROM accounts WHERE (name_key, id) > (new.name_key, new.id) ORDER BY name_key, id LIMIT 1) AS s))
	WHERE id = new.id AND new.name_key IS NOT old.name_key;
	INSERT INTO accounts_fts (rowid, search_text) SELECT name_rank * 16777216 + id, search_text FROM accounts WHERE id = new.id;
END;
CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts BEGIN
	DELETE FROM accounts_fts WHERE rowid = old.name_rank * 16777216 + old.id;
END;

CREATE TABLE contacts (
	id          INTEGER PRIMARY KEY,
	account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	first_name  TEXT NOT NULL CHECK (first_name <> ''),
	last_name   TEXT NOT NULL CHECK (last_name <> ''),
	name_key    BLOB NOT NULL,
	role        TEXT NOT NULL DEFAULT '',
	email       TEXT NOT NULL DEFAULT '',
	phone       TEXT NOT NULL DEFAULT '',
	search_text TEXT NOT NULL,
	version     INTEGER NOT NULL DEFAULT 1,
	name_rank   INTEGER NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	CHECK (id < 16777216)
) STRICT;

CREATE INDEX contacts_by_account ON contacts (account_id, name_key);
CREATE INDEX contacts_by_name ON contacts (name_key);
CREATE INDEX contacts_by_email ON contacts (account_id, email COLLATE NOCASE) WHERE email <> '';

CREATE VIRTUAL TABLE contacts_fts USING fts5 (
	search_text, content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
-- The rank of a row placed between its neighbours in (name_key, id) order.
CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
	UPDATE contacts SET name_rank = (SELECT CASE
			WHEN p IS NULL AND s IS NULL THEN 274877906944
			WHEN p IS NULL THEN s - min(4194304, s / 2)
			WHEN s IS NULL THEN p + min(4194304, (549755813887 - p) / 2)
			ELSE p + (s - p) / 2 END
		FROM (SELECT
			(SELECT name_rank FROM contacts WHERE (name_key, id) < (new.name_key, new.id) ORDER BY name_key DESC, id DESC LIMIT 1) AS p,
			(SELECT name_rank FROM contacts WHERE (name_key, id) > (new.name_key, new.id) ORDER BY name_key, id LIMIT 1) AS s))
	WHERE id = new.id;
	INSERT INTO contacts_fts (rowid, search_text) SELECT name_rank * 16777216 + id, search_text FROM contacts WHERE id = new.id;
END;
CREATE TRIGGER contacts_search_update AFTER UPDATE OF name_key, search_text ON contacts BEGIN
	DELETE FROM contacts_fts WHERE rowid = old.name_rank * 16777216 + old.id;
	UPDATE contacts SET name_rank = (SELECT CASE
			WHEN p IS NULL AND s IS NULL THEN 274877906944
			WHEN p IS NULL THEN s - min(4194304, s / 2)
			WHEN s IS NULL THEN p + min(4194304, (549755813887 - p) / 2)
			ELSE p + (s - p) / 2 END
		FROM (SELECT
			(SELECT name_rank FROM contacts WHERE (name_key, id) < (new.name_key, new.id) ORDER BY name_key DESC, id DESC LIMIT 1) AS p,
			(SELECT name_rank FROM contacts WHERE (name_key, id) > (new.name_key, new.id) ORDER BY name_key, id LIMIT 1) AS s))
	WHERE id = new.id AND new.name_key IS NOT old.name_key;
	INSERT INTO contacts_fts (rowid, search_text) SELECT name_rank * 16777216 + id, search_text FROM contacts WHERE id = new.id;
END;
CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
	DELETE FROM contacts_fts WHERE rowid = old.name_rank * 16777216 + old.id;
END;
