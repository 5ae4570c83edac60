-- A joined file's edit of a synced row no longer writes a change of its own
-- into team_outbox: the row keeps, in team_old, its synced fields as they
-- were before its first edit since the last push (written by the outbox
-- trigger, in the row's own page, which the edit writes anyway), and
-- team_marks names the tables holding such rows. The push turns each into
-- one change (store/team's materialise). NULL everywhere in a single-user
-- file.
ALTER TABLE accounts ADD COLUMN team_old TEXT;
ALTER TABLE contacts ADD COLUMN team_old TEXT;
ALTER TABLE activities ADD COLUMN team_old TEXT;
ALTER TABLE customer_groups ADD COLUMN team_old TEXT;
ALTER TABLE products ADD COLUMN team_old TEXT;
ALTER TABLE price_agreements ADD COLUMN team_old TEXT;

CREATE TABLE team_marks (tbl TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
