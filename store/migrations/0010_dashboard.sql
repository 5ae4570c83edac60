-- Kontor schema 10: the start page's sales figures, kept by triggers on
-- invoices whatever writes them (issuing, imports, the demo, the team's
-- sync). Sales are the net of the invoices issued less the credit notes
-- (whose amounts are negative). The dashboard reads 25 months and a top ten
-- from these instead of summing some 170,000 invoices of a large file each
-- time it shows:
--   sales_totals  per month and currency: the whole file's months;
--   sales_owners  per owner, month and currency: one rep's months (the owner
--                 of the account now: a reassigned account moves its sales);
--   sales_months  per account, month and currency: what a reassignment moves;
--   sales_years   per account, year and currency: the top accounts of a year,
--                 read from its index by value.
CREATE TABLE sales_totals (
	month     TEXT NOT NULL, -- YYYY-MM of issued_on
	currency  TEXT NOT NULL,
	net_minor INTEGER NOT NULL,
	PRIMARY KEY (month, currency)
) STRICT, WITHOUT ROWID;

CREATE TABLE sales_owners (
	owner     TEXT NOT NULL,
	month     TEXT NOT NULL,
	currency  TEXT NOT NULL,
	net_minor INTEGER NOT NULL,
	PRIMARY KEY (owner, month, currency)
) STRICT, WITHOUT ROWID;

CREATE TABLE sales_months (
	month      TEXT NOT NULL,
	currency   TEXT NOT NULL,
	account_id INTEGER NOT NULL, -- no foreign key: an account with invoices is never deleted
	net_minor  INTEGER NOT NULL,
	PRIMARY KEY (account_id, month, currency)
) STRICT, WITHOUT ROWID;

CREATE TABLE sales_years (
	year       TEXT NOT NULL, -- YYYY of issued_on
	currency   TEXT NOT NULL,
	account_id INTEGER NOT NULL,
	net_minor  INTEGER NOT NULL,
	PRIMARY KEY (account_id, year, currency)
) STRICT, WITHOUT ROWID;

CREATE INDEX sales_years_by_value ON sales_years (year, currency, net_minor DESC, account_id);

INSERT INTO sales_totals (month, currency, net_minor)
	SELECT substr(issued_on, 1, 7), currency, sum(net_minor) FROM invoices GROUP BY 1, 2;
INSERT INTO sales_months (month, currency, account_id, net_minor)
	SELECT substr(issued_on, 1, 7), currency, account_id, sum(net_minor) FROM invoices GROUP BY 1, 2, 3;
INSERT INTO sales_years (year, currency, account_id, net_minor)
	SELECT substr(issued_on, 1, 4), currency, account_id, sum(net_minor) FROM invoices GROUP BY 1, 2, 3;
INSERT INTO sales_owners (owner, month, currency, net_minor)
	SELECT a.owner, s.month, s.currency, sum(s.net_minor) FROM sales_months s JOIN accounts a ON a.id = s.account_id
	GROUP BY 1, 2, 3;

CREATE TRIGGER invoices_sales_insert AFTER INSERT ON invoices BEGIN
	INSERT INTO sales_owners (owner, month, currency, net_minor)
		SELECT owner, substr(new.issued_on, 1, 7), new.currency, new.net_minor FROM accounts WHERE id = new.account_id
		ON CONFLICT (owner, month, currency) DO UPDATE SET net_minor = net_minor + excluded.net_minor;
	INSERT INTO sales_totals (month, currency, net_minor) VALUES (substr(new.issued_on, 1, 7), new.currency, new.net_minor)
		ON CONFLICT (month, currency) DO UPDATE SET net_minor = net_minor + excluded.net_minor;
	INSERT INTO sales_months (month, currency, account_id, net_minor)
		VALUES (substr(new.issued_on, 1, 7), new.currency, new.account_id, new.net_minor)
		ON CONFLICT (account_id, month, currency) DO UPDATE SET net_minor = net_minor + excluded.net_minor;
	INSERT INTO sales_years (year, currency, account_id, net_minor)
		VALUES (substr(new.issued_on, 1, 4), new.currency, new.account_id, new.net_minor)
		ON CONFLICT (account_id, year, currency) DO UPDATE SET net_minor = net_minor + excluded.net_minor;
END;
CREATE TRIGGER invoices_sales_delete AFTER DELETE ON invoices BEGIN
	UPDATE sales_owners SET net_minor = net_minor - old.net_minor
		WHERE owner = (SELECT owner FROM accounts WHERE id = old.account_id)
		AND month = substr(old.issued_on, 1, 7) AND currency = old.currency;
	UPDATE sales_totals SET net_minor = net_minor - old.net_minor
		WHERE month = substr(old.issued_on, 1, 7) AND currency = old.currency;
	UPDATE sales_months SET net_minor = net_minor - old.net_minor
		WHERE account_id = old.account_id AND month = substr(old.issued_on, 1, 7) AND currency = old.currency;
	UPDATE sales_years SET net_minor = net_minor - old.net_minor
		WHERE account_id = old.account_id AND year = substr(old.issued_on, 1, 4) AND currency = old.currency;
END;
CREATE TRIGGER invoices_sales_update AFTER UPDATE OF issued_on, currency, account_id, net_minor ON invoices BEGIN
	UPDATE sales_owners SET net_minor = net_minor - old.net_minor
		WHERE owner = (SELECT owner FROM accounts WHERE id = old.account_id)
		AND month = substr(old.issued_on, 1, 7) AND currency = old.currency;
	INSERT INTO sales_owners (owner, month, currency, net_minor)
		SELECT owner, substr(new.issued_on, 1, 7), new.currency, new.net_minor FROM accounts WHERE id = new.account_id
		ON CONFLICT (owner, month, currency) DO UPDATE SET net_minor = net_minor + excluded.net_minor;
	UPDATE sales_totals SET net_minor = net_minor - old.net_minor
		WHERE month = substr(old.issued_on, 1, 7) AND currency = old.currency;
	UPDATE sales_months SET net_minor = net_minor - old.net_minor
		WHERE account_id = old.account_id AND month = substr(old.issued_on, 1, 7) AND currency = old.currency;
	UPDATE sales_years SET net_minor = net_minor - old.net_minor
		WHERE account_id = old.account_id AND year = substr(old.issued_on, 1, 4) AND currency = old.currency;
	INSERT INTO sales_totals (month, currency, net_minor) VALUES (substr(new.issued_on, 1, 7), new.currency, new.net_minor)
		ON CONFLICT (month, currency) DO UPDATE SET net_minor = net_minor + excluded.net_minor;
	INSERT INTO sales_months (month, currency, account_id, net_minor)
		VALUES (substr(new.issued_on, 1, 7), new.currency, new.account_id, new.net_minor)
		ON CONFLICT (account_id, month, currency) DO UPDATE SET net_minor = net_minor + excluded.net_minor;
	INSERT INTO sales_years (year, currency, account_id, net_minor)
		VALUES (substr(new.issued_on, 1, 4), new.currency, new.account_id, new.net_minor)
		ON CONFLICT (account_id, year, currency) DO UPDATE SET net_minor = net_minor + excluded.net_minor;
END;

-- A reassigned account takes its sales to its new owner.
CREATE TRIGGER accounts_sales_owner AFTER UPDATE OF owner ON accounts WHEN new.owner IS NOT old.owner BEGIN
	UPDATE sales_owners SET net_minor = sales_owners.net_minor - s.net_minor
		FROM (SELECT month, currency, net_minor FROM sales_months WHERE account_id = new.id) AS s
		WHERE sales_owners.owner = old.owner AND sales_owners.month = s.month AND sales_owners.currency = s.currency;
	INSERT INTO sales_owners (owner, month, currency, net_minor)
		SELECT new.owner, month, currency, net_minor FROM sales_months WHERE account_id = new.id AND true
		ON CONFLICT (owner, month, currency) DO UPDATE SET net_minor = net_minor + excluded.net_minor;
END;

-- The open quotes of the pipeline, read from the index alone.
CREATE INDEX quotes_open ON quotes (status, valid_until, owner, net_minor) WHERE status IN ('draft', 'sent');

-- A rep's accounts: the dashboard's "mine", and the receivables by owner.
CREATE INDEX accounts_by_owner ON accounts (owner, id) WHERE owner <> '';
