-- Kontor schema 1: settings, accounts and contacts.
-- Money is INTEGER minor units; *_at are UTC RFC 3339 TEXT; *_on are YYYY-MM-DD TEXT.
-- name_key is a Polish collation sort key (store/collation.go); search_text is Go-folded
-- text (domain.Fold) indexed by FTS5 through the triggers below.

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
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX accounts_by_name ON accounts (name_key);
CREATE INDEX accounts_active_by_name ON accounts (name_key) WHERE archived = 0;
CREATE INDEX accounts_by_parent ON accounts (parent_id, name_key) WHERE parent_id IS NOT NULL;
CREATE INDEX accounts_by_group ON accounts (customer_group) WHERE customer_group <> '';

CREATE VIRTUAL TABLE accounts_fts USING fts5 (
	search_text, content = 'accounts', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
CREATE TRIGGER accounts_fts_insert AFTER INSERT ON accounts BEGIN
	INSERT INTO accounts_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER accounts_fts_delete AFTER DELETE ON accounts BEGIN
	INSERT INTO accounts_fts (accounts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER accounts_fts_update AFTER UPDATE OF search_text ON accounts BEGIN
	INSERT INTO accounts_fts (accounts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
	INSERT INTO accounts_fts (rowid, search_text) VALUES (new.id, new.search_text);
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
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX contacts_by_account ON contacts (account_id, name_key);
CREATE INDEX contacts_by_name ON contacts (name_key);
CREATE INDEX contacts_by_email ON contacts (account_id, email COLLATE NOCASE) WHERE email <> '';

CREATE VIRTUAL TABLE contacts_fts USING fts5 (
	search_text, content = 'contacts', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
	INSERT INTO contacts_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
	INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search_text ON contacts BEGIN
	INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
	INSERT INTO contacts_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
