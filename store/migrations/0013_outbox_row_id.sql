-- A new row of a table no other synced row refers to (an activity) gets its
-- uid when it is pushed, not when it is written: the outbox's change names
-- the uid and the row's id, and the push writes the uid into the row. A local
-- write then changes neither the row a second time nor the uid index.
ALTER TABLE team_outbox ADD COLUMN row_id INTEGER;
