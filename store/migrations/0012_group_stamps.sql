-- Schema 12: a customer group that an account's row brings into being is
-- stamped with that row's own moment (created_at on insert, updated_at on a
-- change), not SQLite's clock: the program's clock is the one that stamps
-- rows, so the same rows written at another time (the demo for a seed and a
-- day, a test with a fixed clock) give the same file.

DROP TRIGGER accounts_group_insert;
DROP TRIGGER accounts_group_update;
CREATE TRIGGER accounts_group_insert AFTER INSERT ON accounts WHEN new.customer_group <> '' BEGIN
	INSERT INTO customer_groups (name, created_at) VALUES (new.customer_group, new.created_at)
		ON CONFLICT (name) DO NOTHING;
END;
CREATE TRIGGER accounts_group_update AFTER UPDATE OF customer_group ON accounts
	WHEN new.customer_group <> '' AND new.customer_group IS NOT old.customer_group BEGIN
	INSERT INTO customer_groups (name, created_at) VALUES (new.customer_group, new.updated_at)
		ON CONFLICT (name) DO NOTHING;
END;
