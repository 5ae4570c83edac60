-- Kontor schema 6: what a file needs to sync with a team server (store/team).
--
-- uid is a row's identity across the team (a UUID; references travel as the
-- referenced row's uid). It stays NULL in a single-user file: joining or
-- publishing gives every row one, and from then on the outbox triggers
-- (installed by store/team when the file joins, not here, so a single user
-- pays nothing) give each new row its uid as it is inserted.

ALTER TABLE accounts ADD COLUMN uid TEXT;
ALTER TABLE contacts ADD COLUMN uid TEXT;
ALTER TABLE activities ADD COLUMN uid TEXT;
ALTER TABLE customer_groups ADD COLUMN uid TEXT;
ALTER TABLE products ADD COLUMN uid TEXT;
ALTER TABLE price_agreements ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX accounts_uid ON accounts (uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX contacts_uid ON contacts (uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX activities_uid ON activities (uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX customer_groups_uid ON customer_groups (uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX products_uid ON products (uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX price_agreements_uid ON price_agreements (uid) WHERE uid IS NOT NULL;

-- Where the file stands with its team: server URL (never with a password),
-- login, name, role, cursor (the server's head at the last pull), last sync.
CREATE TABLE team_state (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Local changes waiting to be pushed, written by the outbox triggers in the
-- same transaction as the change. old and new are JSON objects of the row's
-- synced fields before and after (references as uids); a push sends only the
-- fields that differ. change_id makes a push that is repeated apply once.
-- No index besides the rowid: the outbox is read whole, and every index
-- would be one more write on each local change.
CREATE TABLE team_outbox (
	id        INTEGER PRIMARY KEY,
	change_id TEXT NOT NULL,
	tbl       TEXT NOT NULL,
	row_key   TEXT NOT NULL,
	op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
	old       TEXT,
	new       TEXT,
	at        TEXT NOT NULL
) STRICT;

-- Holds one row while pulled changes are written, inside that transaction
-- only: the outbox triggers skip what the server sent.
CREATE TABLE team_applying (applying INTEGER PRIMARY KEY) STRICT;

-- The Conflicts list: values that lost, with the value that stands and who
-- made it. resolved_at is set when a person chose.
CREATE TABLE team_conflicts (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('field', 'deleted', 'joined')),
	tbl         TEXT NOT NULL,
	row_key     TEXT NOT NULL,
	record      TEXT NOT NULL,
	field       TEXT NOT NULL,
	kept        TEXT,
	lost        TEXT,
	kept_text   TEXT NOT NULL,
	lost_text   TEXT NOT NULL,
	who         TEXT NOT NULL,
	at          TEXT NOT NULL,
	resolved_at TEXT
) STRICT;
CREATE INDEX team_conflicts_open ON team_conflicts (id) WHERE resolved_at IS NULL;

-- Local changes the server refused, with its reason, set aside so that they
-- never block the changes behind them.
CREATE TABLE team_refused (
	id        INTEGER PRIMARY KEY,
	change_id TEXT NOT NULL,
	tbl       TEXT NOT NULL,
	row_key   TEXT NOT NULL,
	record    TEXT NOT NULL,
	op        TEXT NOT NULL,
	old       TEXT,
	new       TEXT,
	reason    TEXT NOT NULL,
	at        TEXT NOT NULL
) STRICT;

-- Accounts reassigned away from this person, removed from the file once
-- their pending changes have been pushed.
CREATE TABLE team_departures (account_uid TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

-- Rows whose local change the server refused: the next pull takes the
-- server's version of them again, whatever their rev.
CREATE TABLE team_refetch (
	tbl     TEXT NOT NULL,
	row_key TEXT NOT NULL,
	PRIMARY KEY (tbl, row_key)
) STRICT, WITHOUT ROWID;

-- While a file that already holds data joins: the rows matched with the
-- team's so far (emptied when the join ends).
CREATE TABLE team_joined (
	tbl     TEXT NOT NULL,
	row_key TEXT NOT NULL,
	PRIMARY KEY (tbl, row_key)
) STRICT, WITHOUT ROWID;
