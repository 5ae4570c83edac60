-- Kontor team server, schema 2: documents and money — quotes and orders,
-- invoices and credit notes with their FA(3) files, payments.
--
-- A document's lines (a quote's earlier revisions, an invoice's FA(3) file
-- with its KSeF status) travel in its row as the JSON text the laptops'
-- files make of them, kept as text so that every machine compares the same
-- bytes. Numbers are unique team-wide (each person numbers from their own
-- series, members.series_prefix). Invoices, credit notes and payments are
-- written by the back office only; invoices are never changed except their
-- FA(3) file's KSeF status, and never deleted.

CREATE TABLE kontor.quotes (
	uid            uuid PRIMARY KEY,
	number         text NOT NULL CHECK (number <> ''),
	revision       integer NOT NULL CHECK (revision >= 1),
	status         text NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'rejected')),
	account_uid    uuid NOT NULL REFERENCES kontor.accounts (uid) ON DELETE RESTRICT,
	contact_uid    uuid REFERENCES kontor.contacts (uid) ON DELETE SET NULL,
	quoted_on      text NOT NULL CHECK (quoted_on ~ '^\d{4}-\d\d-\d\d$'),
	valid_until    text NOT NULL CHECK (valid_until >= quoted_on),
	terms_days     integer NOT NULL CHECK (terms_days BETWEEN 0 AND 365),
	terms_eom      boolean NOT NULL,
	delivery_terms text NOT NULL DEFAULT '',
	notes          text NOT NULL DEFAULT '',
	owner          text NOT NULL DEFAULT '',
	currency       text NOT NULL CHECK (length(currency) = 3),
	-- The order it became; no foreign key: quotes and orders refer to each
	-- other, and a quote arrives before its order.
	order_uid      uuid,
	net_minor      bigint NOT NULL,
	vat_minor      bigint NOT NULL,
	gross_minor    bigint NOT NULL,
	line_count     integer NOT NULL,
	lines          text NOT NULL DEFAULT '[]',
	revisions      text NOT NULL DEFAULT '[]',
	rev            bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX quotes_number ON kontor.quotes (lower(number));
CREATE INDEX quotes_account ON kontor.quotes (account_uid);
CREATE INDEX quotes_rev ON kontor.quotes (rev);

CREATE TABLE kontor.orders (
	uid                   uuid PRIMARY KEY,
	number                text NOT NULL CHECK (number <> ''),
	status                text NOT NULL CHECK (status IN ('draft', 'confirmed', 'delivered', 'cancelled')),
	account_uid           uuid NOT NULL REFERENCES kontor.accounts (uid) ON DELETE RESTRICT,
	contact_uid           uuid REFERENCES kontor.contacts (uid) ON DELETE SET NULL,
	ordered_on            text NOT NULL CHECK (ordered_on ~ '^\d{4}-\d\d-\d\d$'),
	requested_on          text,
	delivered_on          text,
	cancel_reason         text NOT NULL DEFAULT '',
	delivery_street       text NOT NULL DEFAULT '',
	delivery_postal       text NOT NULL DEFAULT '',
	delivery_city         text NOT NULL DEFAULT '',
	delivery_country      text NOT NULL DEFAULT '',
	customer_po           text NOT NULL DEFAULT '',
	terms_days            integer NOT NULL CHECK (terms_days BETWEEN 0 AND 365),
	terms_eom             boolean NOT NULL,
	notes                 text NOT NULL DEFAULT '',
	owner                 text NOT NULL DEFAULT '',
	currency              text NOT NULL CHECK (length(currency) = 3),
	quote_uid             uuid REFERENCES kontor.quotes (uid) ON DELETE SET NULL,
	net_minor             bigint NOT NULL,
	vat_minor             bigint NOT NULL,
	gross_minor           bigint NOT NULL,
	line_count            integer NOT NULL,
	credit_override       text NOT NULL DEFAULT '',
	credit_override_by    text NOT NULL DEFAULT '',
	credit_override_at    text,
	lines                 text NOT NULL DEFAULT '[]',
	-- Set by the server: delivered on two machines (two invoices); the
	-- account's exposure here when the confirmation arrived, if over the limit.
	delivered_twice       boolean NOT NULL DEFAULT false,
	credit_exposure_minor bigint,
	rev                   bigint NOT NULL DEFAULT 0,
	CHECK ((status = 'delivered') = (delivered_on IS NOT NULL)),
	CHECK ((status = 'cancelled') = (cancel_reason <> ''))
);
CREATE UNIQUE INDEX orders_number ON kontor.orders (lower(number));
CREATE INDEX orders_account ON kontor.orders (account_uid, status);
CREATE INDEX orders_quote ON kontor.orders (quote_uid) WHERE quote_uid IS NOT NULL;
CREATE INDEX orders_rev ON kontor.orders (rev);

-- Invoices and credit notes. No unique order → invoice: an order delivered
-- on two machines before either synced has two invoices, both kept (numbers
-- are never withdrawn); the later one repeats_order, and its order is
-- delivered_twice.
CREATE TABLE kontor.invoices (
	uid           uuid PRIMARY KEY,
	kind          text NOT NULL CHECK (kind IN ('invoice', 'credit')),
	number        text NOT NULL CHECK (number <> ''),
	account_uid   uuid NOT NULL REFERENCES kontor.accounts (uid) ON DELETE RESTRICT,
	order_uid     uuid REFERENCES kontor.orders (uid) ON DELETE RESTRICT,
	corrects_uid  uuid REFERENCES kontor.invoices (uid) ON DELETE RESTRICT,
	reason        text NOT NULL DEFAULT '',
	issued_on     text NOT NULL CHECK (issued_on ~ '^\d{4}-\d\d-\d\d$'),
	due_on        text NOT NULL CHECK (due_on >= issued_on),
	terms_days    integer NOT NULL CHECK (terms_days BETWEEN 0 AND 365),
	terms_eom     boolean NOT NULL,
	currency      text NOT NULL CHECK (length(currency) = 3),
	net_minor     bigint NOT NULL,
	vat_minor     bigint NOT NULL,
	gross_minor   bigint NOT NULL,
	created_at    text NOT NULL,
	lines         text NOT NULL DEFAULT '[]',
	ksef          text,
	repeats_order boolean NOT NULL DEFAULT false,
	rev           bigint NOT NULL DEFAULT 0,
	CHECK (kind = 'invoice' AND corrects_uid IS NULL AND gross_minor >= 0
		OR kind = 'credit' AND corrects_uid IS NOT NULL AND reason <> '' AND gross_minor <= 0)
);
CREATE UNIQUE INDEX invoices_number ON kontor.invoices (lower(number));
CREATE INDEX invoices_account ON kontor.invoices (account_uid);
CREATE INDEX invoices_order ON kontor.invoices (order_uid) WHERE order_uid IS NOT NULL;
CREATE INDEX invoices_corrects ON kontor.invoices (corrects_uid) WHERE corrects_uid IS NOT NULL;
CREATE INDEX invoices_rev ON kontor.invoices (rev);

-- Payments. A bank transfer has no key: the n-th payment of an account with
-- one date, amount and reference is one transfer (repeat_no = n), whichever
-- machine recorded it.
CREATE TABLE kontor.payments (
	uid          uuid PRIMARY KEY,
	account_uid  uuid NOT NULL REFERENCES kontor.accounts (uid) ON DELETE RESTRICT,
	paid_on      text NOT NULL CHECK (paid_on ~ '^\d{4}-\d\d-\d\d$'),
	amount_minor bigint NOT NULL CHECK (amount_minor > 0),
	reference    text NOT NULL DEFAULT '',
	invoice_uid  uuid REFERENCES kontor.invoices (uid) ON DELETE RESTRICT,
	repeat_no    integer NOT NULL DEFAULT 1 CHECK (repeat_no >= 1),
	created_at   text NOT NULL,
	rev          bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX payments_transfer ON kontor.payments (account_uid, paid_on, amount_minor, reference, repeat_no);
CREATE INDEX payments_rev ON kontor.payments (rev);

-- The rules of documents, checked before the change is logged (triggers on
-- one event fire in name order: *_check before *_log). SECURITY DEFINER:
-- they read and mark rows whatever the writer may see.

-- A quote: an accepted or rejected quote is closed; a sent quote's lines
-- change only with a new revision.
CREATE FUNCTION kontor.check_quote() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = kontor, pg_temp AS $$
BEGIN
	IF OLD.status IN ('accepted', 'rejected') AND (NEW.lines IS DISTINCT FROM OLD.lines OR NEW.revision IS DISTINCT FROM OLD.revision
		OR NEW.account_uid IS DISTINCT FROM OLD.account_uid OR NEW.gross_minor IS DISTINCT FROM OLD.gross_minor) THEN
		RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'quotes_closed',
			MESSAGE = format('quote %s is %s: it cannot be edited', OLD.number, OLD.status);
	END IF;
	IF OLD.status = 'sent' AND NEW.lines IS DISTINCT FROM OLD.lines AND NEW.revision <= OLD.revision THEN
		RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'quotes_sent',
			MESSAGE = format('quote %s was sent: its lines change only in a new revision', OLD.number);
	END IF;
	RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION kontor.check_quote() FROM PUBLIC;
CREATE TRIGGER quotes_check BEFORE UPDATE ON kontor.quotes FOR EACH ROW EXECUTE FUNCTION kontor.check_quote();

-- An order: a confirmed order's lines and account are locked, a delivered or
-- cancelled one is closed; only the back office delivers (the delivery issues
-- the invoice). A confirmation is checked against the account's credit limit
-- with what the server holds: balance (invoices − payments) plus the other
-- confirmed orders plus this one; over the limit, the exposure is recorded
-- on the order for everyone to see.
CREATE FUNCTION kontor.check_order() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = kontor, pg_temp AS $$
DECLARE
	lim bigint;
	exposure bigint;
BEGIN
	IF TG_OP = 'UPDATE' THEN
		IF OLD.status IN ('delivered', 'cancelled') AND (NEW.lines IS DISTINCT FROM OLD.lines OR NEW.status IS DISTINCT FROM OLD.status
			OR NEW.account_uid IS DISTINCT FROM OLD.account_uid OR NEW.gross_minor IS DISTINCT FROM OLD.gross_minor) THEN
			RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_closed',
				MESSAGE = format('order %s is %s: it cannot be changed', OLD.number, OLD.status);
		END IF;
		IF OLD.status = 'confirmed' AND (NEW.lines IS DISTINCT FROM OLD.lines OR NEW.account_uid IS DISTINCT FROM OLD.account_uid
			OR NEW.gross_minor IS DISTINCT FROM OLD.gross_minor) THEN
			RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_confirmed',
				MESSAGE = format('order %s is confirmed: its lines are locked', OLD.number);
		END IF;
	END IF;
	IF NEW.status = 'delivered' AND (TG_OP = 'INSERT' OR OLD.status <> 'delivered')
		AND kontor.my_role() IS DISTINCT FROM 'backoffice' THEN
		RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
			MESSAGE = format('only the back office delivers orders (%s)', NEW.number);
	END IF;
	IF NEW.status = 'confirmed' AND (TG_OP = 'INSERT' OR OLD.status <> 'confirmed') THEN
		NEW.credit_exposure_minor := NULL;
		SELECT credit_limit_minor INTO lim FROM kontor.accounts WHERE uid = NEW.account_uid;
		IF lim > 0 THEN
			exposure := coalesce((SELECT sum(gross_minor) FROM kontor.invoices WHERE account_uid = NEW.account_uid), 0)
				- coalesce((SELECT sum(amount_minor) FROM kontor.payments WHERE account_uid = NEW.account_uid), 0)
				+ coalesce((SELECT sum(gross_minor) FROM kontor.orders WHERE account_uid = NEW.account_uid AND status = 'confirmed'
					AND uid <> NEW.uid), 0)
				+ NEW.gross_minor;
			IF exposure > lim THEN
				NEW.credit_exposure_minor := exposure;
			END IF;
		END IF;
	END IF;
	RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION kontor.check_order() FROM PUBLIC;
CREATE TRIGGER orders_check BEFORE INSERT OR UPDATE ON kontor.orders FOR EACH ROW EXECUTE FUNCTION kontor.check_order();

-- An invoice or credit note: a second invoice of an order is kept and
-- marked (with its order); a credit note may credit no more than is left of
-- its invoice after the credit notes the server holds.
CREATE FUNCTION kontor.check_invoice() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = kontor, pg_temp AS $$
DECLARE
	orig bigint;
	credited bigint;
	orig_number text;
BEGIN
	IF TG_OP = 'UPDATE' THEN
		IF (to_jsonb(NEW) - 'ksef' - 'rev') IS DISTINCT FROM (to_jsonb(OLD) - 'ksef' - 'rev') THEN
			RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_issued',
				MESSAGE = format('invoice %s is issued: only its KSeF status changes; correct it with a credit note', OLD.number);
		END IF;
		RETURN NEW;
	END IF;
	NEW.repeats_order := false;
	IF NEW.kind = 'invoice' AND NEW.order_uid IS NOT NULL THEN
		IF EXISTS (SELECT 1 FROM kontor.invoices WHERE order_uid = NEW.order_uid AND kind = 'invoice') THEN
			NEW.repeats_order := true;
			UPDATE kontor.orders SET delivered_twice = true WHERE uid = NEW.order_uid AND NOT delivered_twice;
		END IF;
	ELSIF NEW.kind = 'credit' THEN
		SELECT gross_minor, number INTO orig, orig_number FROM kontor.invoices WHERE uid = NEW.corrects_uid;
		credited := coalesce((SELECT -sum(gross_minor) FROM kontor.invoices WHERE corrects_uid = NEW.corrects_uid), 0);
		IF orig IS NOT NULL AND credited - NEW.gross_minor > orig THEN
			RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_credit_left',
				MESSAGE = format('credit note %s (%s) would credit more than is left of invoice %s (%s of %s credited already)',
					NEW.number, to_char(-NEW.gross_minor / 100.0, 'FM999999999990.00'), orig_number,
					to_char(credited / 100.0, 'FM999999999990.00'), to_char(orig / 100.0, 'FM999999999990.00'));
		END IF;
	END IF;
	RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION kontor.check_invoice() FROM PUBLIC;
CREATE TRIGGER invoices_check BEFORE INSERT OR UPDATE ON kontor.invoices FOR EACH ROW EXECUTE FUNCTION kontor.check_invoice();

CREATE TRIGGER quotes_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.quotes
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();
CREATE TRIGGER orders_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.orders
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();
CREATE TRIGGER invoices_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.invoices
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();
CREATE TRIGGER payments_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.payments
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();

ALTER TABLE kontor.quotes ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.payments ENABLE ROW LEVEL SECURITY;

-- Quotes and orders: a rep those of the accounts they see; a manager and the
-- back office all. Nobody sets what the server sets.
CREATE POLICY rep_rows ON kontor.quotes FOR ALL TO {{.Rep}}
	USING (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = quotes.account_uid))
	WITH CHECK (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = quotes.account_uid));
CREATE POLICY all_rows ON kontor.quotes FOR ALL TO {{.Manager}}, {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT, DELETE ON kontor.quotes TO {{.Member}};
GRANT INSERT (uid, number, revision, status, account_uid, contact_uid, quoted_on, valid_until, terms_days, terms_eom, delivery_terms,
	notes, owner, currency, order_uid, net_minor, vat_minor, gross_minor, line_count, lines, revisions) ON kontor.quotes TO {{.Member}};
GRANT UPDATE (number, revision, status, account_uid, contact_uid, quoted_on, valid_until, terms_days, terms_eom, delivery_terms,
	notes, owner, currency, order_uid, net_minor, vat_minor, gross_minor, line_count, lines, revisions) ON kontor.quotes TO {{.Member}};

CREATE POLICY rep_rows ON kontor.orders FOR ALL TO {{.Rep}}
	USING (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = orders.account_uid))
	WITH CHECK (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = orders.account_uid));
CREATE POLICY all_rows ON kontor.orders FOR ALL TO {{.Manager}}, {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT, DELETE ON kontor.orders TO {{.Member}};
GRANT INSERT (uid, number, status, account_uid, contact_uid, ordered_on, requested_on, delivered_on, cancel_reason, delivery_street,
	delivery_postal, delivery_city, delivery_country, customer_po, terms_days, terms_eom, notes, owner, currency, quote_uid,
	net_minor, vat_minor, gross_minor, line_count, credit_override, credit_override_by, credit_override_at, lines) ON kontor.orders TO {{.Member}};
GRANT UPDATE (number, status, account_uid, contact_uid, ordered_on, requested_on, delivered_on, cancel_reason, delivery_street,
	delivery_postal, delivery_city, delivery_country, customer_po, terms_days, terms_eom, notes, owner, currency, quote_uid,
	net_minor, vat_minor, gross_minor, line_count, credit_override, credit_override_by, credit_override_at, lines) ON kontor.orders TO {{.Member}};

-- Invoices, credit notes and payments: everyone reads those of the accounts
-- they see; only the back office writes them. An invoice changes only in
-- its FA(3) file's KSeF status and is never deleted; a payment recorded in
-- error is deleted.
CREATE POLICY rep_read ON kontor.invoices FOR SELECT TO {{.Rep}}
	USING (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = invoices.account_uid));
CREATE POLICY all_read ON kontor.invoices FOR SELECT TO {{.Manager}} USING (true);
CREATE POLICY all_rows ON kontor.invoices FOR ALL TO {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT ON kontor.invoices TO {{.Member}};
GRANT INSERT (uid, kind, number, account_uid, order_uid, corrects_uid, reason, issued_on, due_on, terms_days, terms_eom, currency,
	net_minor, vat_minor, gross_minor, created_at, lines, ksef) ON kontor.invoices TO {{.Backoffice}};
GRANT UPDATE (ksef) ON kontor.invoices TO {{.Backoffice}};

CREATE POLICY rep_read ON kontor.payments FOR SELECT TO {{.Rep}}
	USING (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = payments.account_uid));
CREATE POLICY all_read ON kontor.payments FOR SELECT TO {{.Manager}} USING (true);
CREATE POLICY all_rows ON kontor.payments FOR ALL TO {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT ON kontor.payments TO {{.Member}};
GRANT INSERT, DELETE ON kontor.payments TO {{.Backoffice}};
