package team

import (
	"context"
	"fmt"
	"testing"
)

// TestFoundNewTablesAreNotReferenced: a new row of a foundNew table has no
// uid until it is pushed, so no synced row may refer to it meanwhile.
func TestFoundNewTablesAreNotReferenced(t *testing.T) {
	for _, s := range specs {
		for _, c := range s.cols {
			if c.kind == kRef && specByName[c.ref].foundNew {
				t.Errorf("%s.%s refers to %s, whose new rows have no uid until pushed", s.name, c.local, c.ref)
			}
		}
	}
}

// TestOlderOutboxUpgraded: a file joined by a Kontor whose activities' insert
// trigger wrote the new activity's change with its row id (schema 13) gets
// today's triggers at its next round, and what the old trigger left waiting
// reaches the server once.
func TestOlderOutboxUpgraded(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	anna := newLaptop(t, tt.people["anna"])
	anna.join(tt)
	anna.exec(`DELETE FROM team_state WHERE key IN ('outbox', 'new_after.activities')`)
	anna.exec(`DROP TRIGGER ` + triggerName("activities", "update"))
	anna.exec(fmt.Sprintf(`CREATE TRIGGER %s AFTER INSERT ON activities WHEN %s BEGIN
	INSERT INTO team_outbox (change_id, tbl, row_key, op, new, at, row_id)
		VALUES ('', 'activities', %s, 'insert', %s, %s, new.id);
END`, triggerName("activities", "insert"), notApplying, uidSQL, specByName["activities"].rowArray("new"), nowSQL))
	anna.exec(`INSERT INTO activities (account_id, kind, occurred_at, subject, created_at, updated_at)
		SELECT id, 'call', '2026-11-06T10:00:00Z', 'Stary Kontor', '2026-11-06T10:00:00Z', '2026-11-06T10:00:00Z' FROM accounts WHERE code = 'A1'`)
	named := anna.value(`SELECT row_key FROM team_outbox WHERE row_id IS NOT NULL`)
	if st, err := anna.svc.Status(context.Background()); err != nil || st.Waiting != 1 {
		t.Fatalf("before the upgrade: %d changes waiting (%v), want 1", st.Waiting, err)
	}
	if res := anna.sync(); res.Pushed != 1 {
		t.Errorf("the round pushed %d changes, want the new activity", res.Pushed)
	}
	if got := anna.value(`SELECT uid FROM activities WHERE subject = 'Stary Kontor'`); got != named || named == "" {
		t.Errorf("the activity's uid is %q, its waiting insert named %q", got, named)
	}
	if n := anna.count(`SELECT count(*) FROM sqlite_schema WHERE name = ?`, triggerName("activities", "insert")); n != 0 {
		t.Error("the older insert trigger is still installed")
	}
	anna.exec(`INSERT INTO activities (account_id, kind, occurred_at, subject, created_at, updated_at)
		SELECT id, 'call', '2026-11-07T10:00:00Z', 'Nowy Kontor', '2026-11-07T10:00:00Z', '2026-11-07T10:00:00Z' FROM accounts WHERE code = 'A1'`)
	anna.exec(`UPDATE activities SET notes = 'Poprawione' WHERE subject = 'Stary Kontor'`)
	if res := anna.sync(); res.Pushed != 2 {
		t.Errorf("the round after the upgrade pushed %d changes, want 2", res.Pushed)
	}
	bo.sync()
	got := bo.value(`SELECT group_concat(subject || ' ' || coalesce(notes, ''), ' | ') FROM (SELECT subject, notes FROM activities
		WHERE subject LIKE '% Kontor' ORDER BY subject)`)
	if got != "Nowy Kontor  | Stary Kontor Poprawione" {
		t.Errorf("the back office has %q", got)
	}
}
