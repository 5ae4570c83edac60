-- Kontor team server, schema 1: members, the team's data (accounts, contacts,
-- activities and tasks, customer groups, products, price agreements, team
-- settings), the change log, and who may see and change what.
--
-- {{.Member}}, {{.Rep}}, {{.Manager}} and {{.Backoffice}} are the database's
-- group roles (roles are global to a cluster, so they are named after the
-- database); every person's login is a member of one of the last three.
--
-- Every data row has a rev: the seq of the change that last wrote it. Seqs come
-- from the one row of kontor.head, updated by the trigger of every logged
-- write, so a writing transaction holds that row from its first change to its
-- commit: seq order is commit order, and a snapshot that sees head = H sees
-- every change up to H and none after. A client's cursor is the head of its
-- last pull, and "rev > cursor" never skips a change that commits later.
--
-- Text columns hold the same text as the laptops' files (dates YYYY-MM-DD,
-- moments RFC 3339 UTC); money and prices are exact integers as there
-- (grosze, ×10⁴, ×10³, ×10²).

CREATE SCHEMA kontor;
REVOKE ALL ON SCHEMA kontor FROM PUBLIC;
GRANT USAGE ON SCHEMA kontor TO {{.Member}};

CREATE TABLE kontor.meta (
	singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	version   integer NOT NULL
);
GRANT SELECT ON kontor.meta TO {{.Member}};

CREATE TABLE kontor.head (
	singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	seq       bigint NOT NULL
);
INSERT INTO kontor.head VALUES (true, 0);
GRANT SELECT ON kontor.head TO {{.Member}};

-- The people of the team: their login, the name accounts' owner holds, their
-- role, and the prefix of their document series (unique team-wide, so the
-- numbers people see never collide).
CREATE TABLE kontor.members (
	login         text PRIMARY KEY,
	display_name  text NOT NULL UNIQUE CHECK (display_name <> ''),
	role          text NOT NULL CHECK (role IN ('rep', 'manager', 'backoffice')),
	series_prefix text NOT NULL UNIQUE CHECK (series_prefix ~ '^[A-Z0-9]{1,8}$'),
	created_at    timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE kontor.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON kontor.members FOR SELECT TO {{.Member}} USING (true);
GRANT SELECT ON kontor.members TO {{.Member}};

-- The name the session's login stands for, and its role: what the policies
-- compare rows with. SECURITY DEFINER, so they read members whatever the
-- caller may; session_user, because inside them current_user is their owner.
CREATE FUNCTION kontor.me() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = kontor, pg_temp
	AS $$ SELECT display_name FROM kontor.members WHERE login = session_user $$;
CREATE FUNCTION kontor.my_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = kontor, pg_temp
	AS $$ SELECT role FROM kontor.members WHERE login = session_user $$;
REVOKE ALL ON FUNCTION kontor.me(), kontor.my_role() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kontor.me(), kontor.my_role() TO {{.Member}};

CREATE TABLE kontor.customer_groups (
	uid  uuid PRIMARY KEY,
	name text NOT NULL UNIQUE CHECK (name <> ''),
	rev  bigint NOT NULL DEFAULT 0
);
CREATE INDEX customer_groups_rev ON kontor.customer_groups (rev);

CREATE TABLE kontor.accounts (
	uid                uuid PRIMARY KEY,
	code               text NOT NULL CHECK (code <> ''),
	name               text NOT NULL CHECK (name <> ''),
	tax_id             text NOT NULL DEFAULT '',
	street             text NOT NULL DEFAULT '',
	postal_code        text NOT NULL DEFAULT '',
	city               text NOT NULL DEFAULT '',
	country            text NOT NULL DEFAULT 'PL' CHECK (length(country) = 2),
	ship_street        text NOT NULL DEFAULT '',
	ship_postal_code   text NOT NULL DEFAULT '',
	ship_city          text NOT NULL DEFAULT '',
	ship_country       text NOT NULL DEFAULT '',
	phone              text NOT NULL DEFAULT '',
	email              text NOT NULL DEFAULT '',
	currency           text NOT NULL DEFAULT 'PLN' CHECK (length(currency) = 3),
	terms_days         integer NOT NULL DEFAULT 30 CHECK (terms_days BETWEEN 0 AND 365),
	terms_eom          boolean NOT NULL DEFAULT false,
	credit_limit_minor bigint NOT NULL DEFAULT 0 CHECK (credit_limit_minor >= 0),
	customer_group     text NOT NULL DEFAULT '',
	parent_uid         uuid REFERENCES kontor.accounts (uid) ON DELETE RESTRICT,
	owner              text NOT NULL DEFAULT '',
	notes              text NOT NULL DEFAULT '',
	archived           boolean NOT NULL DEFAULT false,
	rev                bigint NOT NULL DEFAULT 0
);
-- Codes are unique ignoring case, as in the files (COLLATE NOCASE).
CREATE UNIQUE INDEX accounts_code ON kontor.accounts (lower(code));
CREATE INDEX accounts_owner ON kontor.accounts (owner, uid);
CREATE INDEX accounts_parent ON kontor.accounts (parent_uid) WHERE parent_uid IS NOT NULL;
CREATE INDEX accounts_rev ON kontor.accounts (rev);

CREATE TABLE kontor.contacts (
	uid         uuid PRIMARY KEY,
	account_uid uuid NOT NULL REFERENCES kontor.accounts (uid) ON DELETE CASCADE,
	first_name  text NOT NULL CHECK (first_name <> ''),
	last_name   text NOT NULL CHECK (last_name <> ''),
	role        text NOT NULL DEFAULT '',
	email       text NOT NULL DEFAULT '',
	phone       text NOT NULL DEFAULT '',
	rev         bigint NOT NULL DEFAULT 0
);
CREATE INDEX contacts_account ON kontor.contacts (account_uid);
CREATE INDEX contacts_rev ON kontor.contacts (rev);

CREATE TABLE kontor.activities (
	uid         uuid PRIMARY KEY,
	account_uid uuid NOT NULL REFERENCES kontor.accounts (uid) ON DELETE RESTRICT,
	contact_uid uuid REFERENCES kontor.contacts (uid) ON DELETE RESTRICT,
	kind        text NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'note', 'task')),
	occurred_at text NOT NULL CHECK (occurred_at ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'),
	subject     text NOT NULL CHECK (subject <> ''),
	notes       text NOT NULL DEFAULT '',
	outcome     text NOT NULL DEFAULT '',
	logged_by   text NOT NULL DEFAULT '',
	due_on      text CHECK (due_on IS NULL OR (kind = 'task' AND due_on ~ '^\d{4}-\d\d-\d\d$')),
	done        boolean NOT NULL DEFAULT false CHECK (NOT done OR kind = 'task'),
	deleted_at  text,
	rev         bigint NOT NULL DEFAULT 0
);
CREATE INDEX activities_account ON kontor.activities (account_uid);
CREATE INDEX activities_contact ON kontor.activities (contact_uid) WHERE contact_uid IS NOT NULL;
CREATE INDEX activities_rev ON kontor.activities (rev);

CREATE TABLE kontor.products (
	uid           uuid PRIMARY KEY,
	sku           text NOT NULL CHECK (sku <> ''),
	name          text NOT NULL CHECK (name <> ''),
	description   text NOT NULL DEFAULT '',
	unit          text NOT NULL DEFAULT 'szt' CHECK (unit <> ''),
	list_price_e4 bigint NOT NULL CHECK (list_price_e4 >= 0),
	vat_rate      text NOT NULL CHECK (vat_rate IN ('23', '8', '5', '0', 'zw')),
	active        boolean NOT NULL DEFAULT true,
	rev           bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX products_sku ON kontor.products (lower(sku));
CREATE INDEX products_rev ON kontor.products (rev);

CREATE TABLE kontor.price_agreements (
	uid         uuid PRIMARY KEY,
	product_uid uuid NOT NULL REFERENCES kontor.products (uid) ON DELETE RESTRICT,
	account_uid uuid REFERENCES kontor.accounts (uid) ON DELETE RESTRICT,
	group_uid   uuid REFERENCES kontor.customer_groups (uid) ON DELETE RESTRICT,
	min_qty_e3  bigint NOT NULL CHECK (min_qty_e3 > 0),
	price_e4    bigint CHECK (price_e4 >= 0),
	discount_e2 bigint CHECK (discount_e2 BETWEEN 0 AND 10000),
	starts_on   text,
	ends_on     text,
	created_by  text NOT NULL,
	created_at  text NOT NULL,
	ended_by    text NOT NULL DEFAULT '',
	ended_at    text NOT NULL DEFAULT '',
	replaced_by uuid REFERENCES kontor.price_agreements (uid) ON DELETE SET NULL,
	rev         bigint NOT NULL DEFAULT 0,
	CHECK ((account_uid IS NULL) <> (group_uid IS NULL)),
	CHECK ((price_e4 IS NULL) <> (discount_e2 IS NULL)),
	CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
);
CREATE UNIQUE INDEX price_agreements_key ON kontor.price_agreements
	(product_uid, coalesce(account_uid, group_uid), min_qty_e3, coalesce(starts_on, ''));
CREATE INDEX price_agreements_account ON kontor.price_agreements (account_uid) WHERE account_uid IS NOT NULL;
CREATE INDEX price_agreements_rev ON kontor.price_agreements (rev);

-- Settings that belong to the team: company data, letterhead, bank account,
-- document series (the files' settings rows under company.* and documents.*).
CREATE TABLE kontor.team_settings (
	key   text PRIMARY KEY CHECK (key LIKE 'company.%' OR key LIKE 'documents.%'),
	value text NOT NULL,
	rev   bigint NOT NULL DEFAULT 0
);
CREATE INDEX team_settings_rev ON kontor.team_settings (rev);

-- The change log: who changed which fields of which row, and when. Written
-- only by kontor.log_change (nobody may insert), read under row-level
-- security like the rows themselves. owners are the account owners the
-- change concerned (both, when it moved an account from one to another), so
-- the previous owner learns that an account left them.
CREATE TABLE kontor.changes (
	seq         bigint PRIMARY KEY,
	change_id   uuid,
	tbl         text NOT NULL,
	row_key     text NOT NULL,
	account_uid uuid,
	owners      text[] NOT NULL DEFAULT '{}',
	op          text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
	fields      jsonb,
	author      text NOT NULL,
	at          timestamptz NOT NULL
);
CREATE INDEX changes_row ON kontor.changes (tbl, row_key, seq);
CREATE INDEX changes_account ON kontor.changes (account_uid, seq) WHERE account_uid IS NOT NULL;

-- What a push did with each change it took, so that a push repeated after a
-- timeout or a killed process applies nothing twice and reports the same.
CREATE TABLE kontor.receipts (
	change_id uuid PRIMARY KEY,
	login     text NOT NULL DEFAULT session_user,
	outcome   jsonb NOT NULL,
	at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX receipts_at ON kontor.receipts (at);

-- A push takes the head first, before any row: writers then always lock in
-- the same order (head, then rows), so two pushes, or a push and another
-- writer, wait for each other instead of deadlocking.
CREATE FUNCTION kontor.begin_push() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = kontor, pg_temp AS $$
BEGIN
	PERFORM 1 FROM kontor.head FOR UPDATE;
END $$;
REVOKE ALL ON FUNCTION kontor.begin_push() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kontor.begin_push() TO {{.Member}};

-- Every logged write takes the next seq, stamps the row's rev and logs the
-- fields that changed (an update that changes nothing is no change).
CREATE FUNCTION kontor.log_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = kontor, pg_temp AS $$
DECLARE
	s bigint;
	o jsonb;
	n jsonb;
	f jsonb;
	k text;
	acct uuid;
	who text[];
BEGIN
	IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD) - 'rev'; END IF;
	IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW) - 'rev'; END IF;
	IF TG_OP = 'UPDATE' THEN
		SELECT jsonb_object_agg(e.key, e.value) INTO f FROM jsonb_each(n) e WHERE o -> e.key IS DISTINCT FROM e.value;
		IF f IS NULL THEN RETURN NEW; END IF;
	ELSIF TG_OP = 'INSERT' THEN
		f := n;
	END IF;
	UPDATE kontor.head SET seq = seq + 1 RETURNING seq INTO s;
	k := coalesce(n, o) ->> CASE WHEN TG_TABLE_NAME = 'team_settings' THEN 'key' ELSE 'uid' END;
	IF TG_TABLE_NAME = 'accounts' THEN
		acct := k::uuid;
		who := ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[o ->> 'owner', n ->> 'owner']) x WHERE x IS NOT NULL);
	ELSE
		acct := (coalesce(n, o) ->> 'account_uid')::uuid;
		IF acct IS NOT NULL THEN
			who := ARRAY(SELECT a.owner FROM kontor.accounts a WHERE a.uid = acct);
		END IF;
	END IF;
	INSERT INTO kontor.changes (seq, change_id, tbl, row_key, account_uid, owners, op, fields, author, at)
		VALUES (s, nullif(current_setting('kontor.change_id', true), '')::uuid, TG_TABLE_NAME, k, acct,
			coalesce(who, '{}'), lower(TG_OP), f, session_user, now());
	IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
	NEW.rev := s;
	RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION kontor.log_change() FROM PUBLIC;

CREATE TRIGGER customer_groups_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.customer_groups
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();
CREATE TRIGGER accounts_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.accounts
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();
CREATE TRIGGER contacts_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.contacts
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();
CREATE TRIGGER activities_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.activities
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();
CREATE TRIGGER products_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.products
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();
CREATE TRIGGER price_agreements_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.price_agreements
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();
CREATE TRIGGER team_settings_log BEFORE INSERT OR UPDATE OR DELETE ON kontor.team_settings
	FOR EACH ROW EXECUTE FUNCTION kontor.log_change();

-- Row-level security on every table a person can read. Policies name the
-- group roles, so they apply to every login that is a member. The owner of
-- the schema (the administrator who ran team init) is not subject to them:
-- kontor.log_change runs as that owner and must see every account.
ALTER TABLE kontor.customer_groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.activities ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.products ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.price_agreements ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.team_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE kontor.receipts ENABLE ROW LEVEL SECURITY;

-- Accounts: a rep the ones they own (and may create only their own, without a
-- credit limit); a manager and the back office all.
CREATE POLICY rep_read ON kontor.accounts FOR SELECT TO {{.Rep}} USING (owner = kontor.me());
CREATE POLICY rep_insert ON kontor.accounts FOR INSERT TO {{.Rep}}
	WITH CHECK (owner = kontor.me() AND credit_limit_minor = 0);
CREATE POLICY rep_update ON kontor.accounts FOR UPDATE TO {{.Rep}}
	USING (owner = kontor.me()) WITH CHECK (owner = kontor.me());
CREATE POLICY rep_delete ON kontor.accounts FOR DELETE TO {{.Rep}} USING (owner = kontor.me());
CREATE POLICY all_rows ON kontor.accounts FOR ALL TO {{.Manager}}, {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON kontor.accounts TO {{.Member}};
-- Column privileges: credit limit and payment terms are the back office's;
-- the owner is a manager's to change. Nobody changes a uid or a rev.
GRANT UPDATE (code, name, tax_id, street, postal_code, city, country, ship_street, ship_postal_code, ship_city,
	ship_country, phone, email, currency, customer_group, parent_uid, notes, archived) ON kontor.accounts TO {{.Rep}};
GRANT UPDATE (code, name, tax_id, street, postal_code, city, country, ship_street, ship_postal_code, ship_city,
	ship_country, phone, email, currency, customer_group, parent_uid, notes, archived, owner) ON kontor.accounts TO {{.Manager}};
GRANT UPDATE (code, name, tax_id, street, postal_code, city, country, ship_street, ship_postal_code, ship_city,
	ship_country, phone, email, currency, customer_group, parent_uid, notes, archived, owner,
	terms_days, terms_eom, credit_limit_minor) ON kontor.accounts TO {{.Backoffice}};

-- Contacts and activities: those of the accounts the person sees (the
-- subquery on accounts is itself filtered by the accounts' policies).
CREATE POLICY rep_rows ON kontor.contacts FOR ALL TO {{.Rep}}
	USING (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = contacts.account_uid))
	WITH CHECK (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = contacts.account_uid));
CREATE POLICY all_rows ON kontor.contacts FOR ALL TO {{.Manager}}, {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON kontor.contacts TO {{.Member}};
GRANT UPDATE (account_uid, first_name, last_name, role, email, phone) ON kontor.contacts TO {{.Member}};

CREATE POLICY rep_rows ON kontor.activities FOR ALL TO {{.Rep}}
	USING (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = activities.account_uid))
	WITH CHECK (EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = activities.account_uid));
CREATE POLICY all_rows ON kontor.activities FOR ALL TO {{.Manager}}, {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON kontor.activities TO {{.Member}};
GRANT UPDATE (account_uid, contact_uid, kind, occurred_at, subject, notes, outcome, logged_by, due_on, done, deleted_at)
	ON kontor.activities TO {{.Member}};

-- The catalog and groups: everyone reads; managers and the back office write.
CREATE POLICY read_all ON kontor.customer_groups FOR SELECT TO {{.Member}} USING (true);
CREATE POLICY write_all ON kontor.customer_groups FOR ALL TO {{.Manager}}, {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT ON kontor.customer_groups TO {{.Member}};
GRANT INSERT, DELETE, UPDATE (name) ON kontor.customer_groups TO {{.Manager}}, {{.Backoffice}};

CREATE POLICY read_all ON kontor.products FOR SELECT TO {{.Member}} USING (true);
CREATE POLICY write_all ON kontor.products FOR ALL TO {{.Manager}}, {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT ON kontor.products TO {{.Member}};
GRANT INSERT, DELETE, UPDATE (sku, name, description, unit, list_price_e4, vat_rate, active)
	ON kontor.products TO {{.Manager}}, {{.Backoffice}};

-- Price agreements: a rep reads those of their accounts and the groups';
-- managers and the back office write them.
CREATE POLICY rep_read ON kontor.price_agreements FOR SELECT TO {{.Rep}}
	USING (account_uid IS NULL OR EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = price_agreements.account_uid));
CREATE POLICY all_rows ON kontor.price_agreements FOR ALL TO {{.Manager}}, {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT ON kontor.price_agreements TO {{.Member}};
GRANT INSERT, DELETE, UPDATE (product_uid, account_uid, group_uid, min_qty_e3, price_e4, discount_e2, starts_on, ends_on,
	created_by, created_at, ended_by, ended_at, replaced_by) ON kontor.price_agreements TO {{.Manager}}, {{.Backoffice}};

-- Team settings: everyone reads; the back office writes.
CREATE POLICY read_all ON kontor.team_settings FOR SELECT TO {{.Member}} USING (true);
CREATE POLICY write_all ON kontor.team_settings FOR ALL TO {{.Backoffice}} USING (true) WITH CHECK (true);
GRANT SELECT ON kontor.team_settings TO {{.Member}};
GRANT INSERT, DELETE, UPDATE (value) ON kontor.team_settings TO {{.Backoffice}};

-- The change log: a rep reads the entries of the accounts they see, of the
-- accounts they owned when the change was made, and of what belongs to no
-- account (catalog, groups, settings).
CREATE POLICY rep_read ON kontor.changes FOR SELECT TO {{.Rep}}
	USING (account_uid IS NULL OR kontor.me() = ANY (owners)
		OR EXISTS (SELECT 1 FROM kontor.accounts a WHERE a.uid = changes.account_uid));
CREATE POLICY all_rows ON kontor.changes FOR SELECT TO {{.Manager}}, {{.Backoffice}} USING (true);
GRANT SELECT ON kontor.changes TO {{.Member}};

CREATE POLICY own_rows ON kontor.receipts FOR ALL TO {{.Member}}
	USING (login = session_user) WITH CHECK (login = session_user);
GRANT SELECT, INSERT ON kontor.receipts TO {{.Member}};
