-- Kontor schema 2: activities (the contact history of an account) and each
-- account's last contact.
--
-- occurred_at is UTC written 'YYYY-MM-DDTHH:MM:SSZ' (fixed width, so text order
-- is time order); due_on is a civil date 'YYYY-MM-DD'. A deleted activity keeps
-- its row with deleted_at set until it is purged, so Undo can restore it; every
-- list and search skips such rows.
--
-- History search is newest first, so the FTS5 index is keyed in time order: an
-- activity's FTS rowid is unixepoch(occurred_at) * 2^28 + id (ids stay below
-- 2^28). FTS5 walks matches in rowid order, and ORDER BY rowid DESC LIMIT n
-- reads about n entries however many activities match. The index holds live
-- activities only. Its text is '_a<account id> ' followed by domain.Fold of
-- subject and notes (computed by the kontor_fold function the store registers
-- with the driver): a search within one account adds the account's token and
-- intersects with its few entries instead of filtering every match. Fold never
-- writes '_', so no folded word or typed prefix is an account token. The search
-- needs no phrases, positions or column filters, so the index keeps none
-- (detail = none): half the size and half the time to build.

ALTER TABLE accounts ADD COLUMN last_contact_at TEXT; -- the latest live call, meeting or e-mail; kept by the triggers below

-- The accounts list by last contact (either way) and going cold, over active
-- accounts; archived is there too so that a count reads no rows (SQLite reads
-- the columns of an index's WHERE from the table unless the index holds them),
-- after id so that the order still ends with it.
CREATE INDEX accounts_by_last_contact ON accounts (last_contact_at, name_key, id, archived) WHERE archived = 0;
CREATE INDEX accounts_by_last_contact_desc ON accounts (last_contact_at DESC, name_key, id, archived) WHERE archived = 0;
-- Whether an account is archived, for the Today screen's thousands of tasks:
-- an index small enough to stay in cache instead of a row read per task.
CREATE INDEX accounts_archived ON accounts (id, archived);

CREATE TABLE activities (
	id          INTEGER PRIMARY KEY,
	account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
	contact_id  INTEGER REFERENCES contacts (id) ON DELETE RESTRICT,
	kind        TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'note', 'task')),
	occurred_at TEXT NOT NULL CHECK (length(occurred_at) = 20 AND unixepoch(occurred_at) IS NOT NULL),
	subject     TEXT NOT NULL CHECK (subject <> ''),
	notes       TEXT NOT NULL DEFAULT '',
	outcome     TEXT NOT NULL DEFAULT '',
	logged_by   TEXT NOT NULL DEFAULT '',
	due_on      TEXT CHECK (due_on IS NULL OR (kind = 'task' AND date(due_on) = due_on)),
	done        INTEGER NOT NULL DEFAULT 0 CHECK (done = 0 OR (done = 1 AND kind = 'task')),
	deleted_at  TEXT,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	CHECK (id < 268435456)
) STRICT;

-- The timeline, newest first (live rows: deleted_at IS NULL, so a count needs
-- no table lookups), and the foreign key check when an account is deleted.
CREATE INDEX activities_timeline ON activities (account_id, deleted_at, occurred_at);
-- The foreign key check when a contact is deleted.
CREATE INDEX activities_by_contact ON activities (contact_id);
-- The Today screen: open tasks by due date, with their account so that a
-- section is counted from the index alone (SQLite reads the columns of the
-- index's WHERE from the table unless the index holds them too).
CREATE INDEX activities_open_tasks ON activities (due_on, account_id, kind, done, deleted_at)
	WHERE kind = 'task' AND done = 0 AND deleted_at IS NULL;
-- Purging deleted activities.
CREATE INDEX activities_deleted ON activities (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE VIRTUAL TABLE activities_fts USING fts5 (
	body, content = '', contentless_delete = 1, detail = none,
	tokenize = 'unicode61 remove_diacritics 0 tokenchars ''_''', prefix = '1 2 3'
);
CREATE TRIGGER activities_fts_insert AFTER INSERT ON activities WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO activities_fts (rowid, body) VALUES ((unixepoch(new.occurred_at) << 28) | new.id,
		'_a' || new.account_id || ' ' || kontor_fold(new.subject || ' ' || new.notes));
END;
CREATE TRIGGER activities_fts_update AFTER UPDATE OF account_id, occurred_at, subject, notes, deleted_at ON activities BEGIN
	DELETE FROM activities_fts WHERE old.deleted_at IS NULL AND rowid = (unixepoch(old.occurred_at) << 28) | old.id;
	INSERT INTO activities_fts (rowid, body) SELECT (unixepoch(new.occurred_at) << 28) | new.id,
		'_a' || new.account_id || ' ' || kontor_fold(new.subject || ' ' || new.notes) WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER activities_fts_delete AFTER DELETE ON activities WHEN old.deleted_at IS NULL BEGIN
	DELETE FROM activities_fts WHERE rowid = (unixepoch(old.occurred_at) << 28) | old.id;
END;

-- Every distinct folded word of four characters or more in the subject or notes
-- of any activity, live or deleted (a word is never removed; one no activity
-- has any more just finds nothing). FTS5 answers a prefix query by merging the
-- whole lists of every word with that prefix, unless the prefix is one of the
-- indexed lengths (1 to 3 characters): "dost"* over a million notes takes half
-- a second. The store turns a longer typed prefix into the words it starts
-- (("dostawa" OR "dostawy" OR …)), which FTS5 walks lazily, newest first, and
-- stops after the first page. The store adds the words of every activity it
-- writes.
CREATE TABLE activity_words (word TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

-- accounts.last_contact_at follows the live calls, meetings and e-mails. A new
-- one can only move it later; any other change looks the latest up again (the
-- timeline index, newest first, stops at the first contact).
CREATE TRIGGER activities_contact_insert AFTER INSERT ON activities
	WHEN new.deleted_at IS NULL AND new.kind IN ('call', 'meeting', 'email') BEGIN
	UPDATE accounts SET last_contact_at = new.occurred_at
		WHERE id = new.account_id AND (last_contact_at IS NULL OR last_contact_at < new.occurred_at);
END;
CREATE TRIGGER activities_contact_update AFTER UPDATE OF account_id, occurred_at, kind, deleted_at ON activities BEGIN
	UPDATE accounts SET last_contact_at = (SELECT occurred_at FROM activities
			WHERE account_id = accounts.id AND deleted_at IS NULL AND kind IN ('call', 'meeting', 'email')
			ORDER BY occurred_at DESC LIMIT 1)
		WHERE id IN (old.account_id, new.account_id);
END;
CREATE TRIGGER activities_contact_delete AFTER DELETE ON activities
	WHEN old.deleted_at IS NULL AND old.kind IN ('call', 'meeting', 'email') BEGIN
	UPDATE accounts SET last_contact_at = (SELECT occurred_at FROM activities
			WHERE account_id = accounts.id AND deleted_at IS NULL AND kind IN ('call', 'meeting', 'email')
			ORDER BY occurred_at DESC LIMIT 1)
		WHERE id = old.account_id;
END;

-- Deleted activities waiting for purge must not keep a contact or an account
-- from being deleted: the foreign keys only see live history.
CREATE TRIGGER contacts_purge_deleted_activities BEFORE DELETE ON contacts BEGIN
	DELETE FROM activities WHERE contact_id = old.id AND deleted_at IS NOT NULL;
END;
CREATE TRIGGER accounts_purge_deleted_activities BEFORE DELETE ON accounts BEGIN
	DELETE FROM activities WHERE account_id = old.id AND deleted_at IS NOT NULL;
END;
