-- Kontor schema 11: what a file needs to sync documents and money with its team
-- (store/team): quotes, orders, invoices and credit notes with their FA(3)
-- files, payments.
--
-- As for accounts (schema 8), uid is a row's identity across the team, NULL
-- in a single-user file.

ALTER TABLE quotes ADD COLUMN uid TEXT;
ALTER TABLE orders ADD COLUMN uid TEXT;
ALTER TABLE invoices ADD COLUMN uid TEXT;
ALTER TABLE payments ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX quotes_uid ON quotes (uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX orders_uid ON orders (uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX invoices_uid ON invoices (uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX payments_uid ON payments (uid) WHERE uid IS NOT NULL;

-- An order delivered on two machines before either synced has two invoices:
-- numbers are never withdrawn, so the team keeps both. The file can no longer
-- refuse a second invoice of an order (the store still refuses to issue one
-- itself); the team server marks the order delivered twice and the later
-- invoice as repeating its order's, and the Conflicts list offers the credit
-- note that cancels it. invoices_of_order still finds an order's invoices.
DROP INDEX invoices_by_order;
ALTER TABLE orders ADD COLUMN delivered_twice INTEGER NOT NULL DEFAULT 0 CHECK (delivered_twice IN (0, 1));
ALTER TABLE invoices ADD COLUMN repeats_order INTEGER NOT NULL DEFAULT 0 CHECK (repeats_order IN (0, 1));

-- The team server's exposure of the account when an order's confirmation
-- reached it, set by the server when that is over the credit limit (an
-- override made offline, checked again there); NULL otherwise.
ALTER TABLE orders ADD COLUMN credit_exposure_minor INTEGER;

-- The n-th payment of its account with this date, amount and reference: a
-- bank transfer has no key, so the same transfer recorded on two machines
-- (a bank export imported on both, or typed on one and imported on the
-- other) is the same account, date, amount, reference and n, and is one
-- payment of the team.
ALTER TABLE payments ADD COLUMN repeat_no INTEGER NOT NULL DEFAULT 1 CHECK (repeat_no >= 1);

-- Documents changed since the last push, marked by the team's triggers: a
-- document's lines live in their own table and are written around its
-- header, so the change is read whole (header and lines) when it is pushed,
-- against old, the document as it was before its first change. row_id is
-- the header's id in tbl.
CREATE TABLE team_dirty (
	tbl    TEXT NOT NULL,
	row_id INTEGER NOT NULL,
	op     TEXT NOT NULL CHECK (op IN ('insert', 'update')),
	old    TEXT,
	at     TEXT NOT NULL,
	PRIMARY KEY (tbl, row_id)
) STRICT;

-- In a team, each person numbers documents from their own series (the
-- team's prefix, then theirs: OF/AN/2026/00012, FV/BO/2026/11/0001), so
-- numbers never collide; these are those series' counters, by kind (quote,
-- order, invoice, credit), the person's prefix and the period.
CREATE TABLE team_series (
	kind   TEXT NOT NULL,
	series TEXT NOT NULL,
	period INTEGER NOT NULL,
	last   INTEGER NOT NULL,
	PRIMARY KEY (kind, series, period)
) STRICT, WITHOUT ROWID;

-- The Conflicts list gets two kinds that are not values that lost:
--   delivered_twice: an order delivered on two machines, row_key the later
--                    invoice (the one the team server marked as repeating
--                    its order's); resolved by the credit note that cancels it
--   credit:          an order confirmed offline whose account's exposure on
--                    the team server was over its credit limit when the
--                    confirmation arrived; resolved once someone has seen it
CREATE TABLE team_conflicts_new (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('field', 'deleted', 'joined', 'delivered_twice', 'credit')),
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
INSERT INTO team_conflicts_new SELECT * FROM team_conflicts;
DROP TABLE team_conflicts;
ALTER TABLE team_conflicts_new RENAME TO team_conflicts;
CREATE INDEX team_conflicts_open ON team_conflicts (id) WHERE resolved_at IS NULL;
