-- Kontor schema 6: collections. NBP exchange rates, the user's statutory
-- interest periods, reminders and interest notes sent, promises to pay, and
-- the activity kind `document` (statements, reminders and notes sent or
-- printed, on the account's history).
-- Amounts are INTEGER grosze (*_minor), rates ×10⁸ (*_e8) or ×10⁴ (*_e4);
-- civil dates YYYY-MM-DD TEXT (*_on); moments RFC 3339 TEXT (*_at).

-- NBP table A mid rates, keyed on the table's effective date as NBP gives it.
CREATE TABLE nbp_rates (
	code         TEXT NOT NULL CHECK (length(code) = 3),
	effective_on TEXT NOT NULL CHECK (date(effective_on) = effective_on),
	table_no     TEXT NOT NULL,
	mid_e8       INTEGER NOT NULL CHECK (mid_e8 > 0),
	PRIMARY KEY (code, effective_on)
) STRICT, WITHOUT ROWID;

-- Statutory interest periods a user added after the ones Kontor ships
-- (domain.StatutoryRates): percent a year ×10⁴, both days included.
CREATE TABLE interest_rates (
	from_on TEXT PRIMARY KEY CHECK (date(from_on) = from_on),
	to_on   TEXT NOT NULL CHECK (date(to_on) = to_on AND to_on >= from_on),
	rate_e4 INTEGER NOT NULL CHECK (rate_e4 BETWEEN 0 AND 1000000)
) STRICT, WITHOUT ROWID;

-- Payment reminders sent: the level an account reached on a day, so that a
-- level is sent once (`reminders --date` sends the highest one not yet sent).
CREATE TABLE reminders_sent (
	id           INTEGER PRIMARY KEY,
	account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 9),
	sent_on      TEXT NOT NULL CHECK (date(sent_on) = sent_on),
	deadline_on  TEXT NOT NULL CHECK (date(deadline_on) = deadline_on),
	amount_minor INTEGER NOT NULL,
	file         TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX reminders_sent_by_account ON reminders_sent (account_id, level, sent_on);

-- Invoices already claimed on an interest note: a later note leaves them out.
CREATE TABLE interest_claims (
	invoice_id         INTEGER PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
	account_id         INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	noted_on           TEXT NOT NULL CHECK (date(noted_on) = noted_on),
	interest_minor     INTEGER NOT NULL,
	compensation_minor INTEGER NOT NULL,
	created_at         TEXT NOT NULL
) STRICT;

CREATE INDEX interest_claims_by_account ON interest_claims (account_id);

-- Promises to pay: an amount by a day, logged with an activity on the
-- account's history. A promise is kept when the account's payments from
-- the day it was made to its due day add up to the amount.
CREATE TABLE promises (
	id           INTEGER PRIMARY KEY,
	account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	activity_id  INTEGER REFERENCES activities (id) ON DELETE SET NULL,
	made_on      TEXT NOT NULL CHECK (date(made_on) = made_on),
	due_on       TEXT NOT NULL CHECK (date(due_on) = due_on AND due_on >= made_on),
	amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
	created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX promises_by_account ON promises (account_id, due_on);
CREATE INDEX promises_by_due ON promises (due_on);

-- The activity kind `document`. SQLite cannot alter a CHECK constraint; the
-- documented way for a change every stored row already satisfies (a kind
-- more is allowed) is to edit the table's definition in sqlite_schema. The
-- CREATE statements above change the schema cookie in this same
-- transaction, so every connection reads the new definition.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
	SET sql = replace(sql, 'CHECK (kind IN (''call'', ''meeting'', ''email'', ''note'', ''task''))',
		'CHECK (kind IN (''call'', ''meeting'', ''email'', ''note'', ''task'', ''document''))')
	WHERE type = 'table' AND name = 'activities';
PRAGMA writable_schema = OFF;
