package store

import (
	"context"
	"database/sql"
	"regexp"
	"strings"
	"testing"
)

// TestChangesHistoryTextFollowsTheTrigger: the columns ChangesHistoryText
// names are exactly those whose update the history index's trigger follows.
func TestChangesHistoryTextFollowsTheTrigger(t *testing.T) {
	db, _, _ := openRankTest(t)
	var trigger string
	err := db.ReadTx(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow(`SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'activities_fts_update'`).Scan(&trigger)
	})
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`UPDATE OF ([a-z_, ]+) ON activities`).FindStringSubmatch(trigger)
	if m == nil {
		t.Fatalf("no column list in %s", trigger)
	}
	followed := map[string]bool{}
	for _, c := range strings.Split(m[1], ",") {
		followed[strings.TrimSpace(c)] = true
	}
	var cols []string
	err = db.ReadTx(context.Background(), func(tx *sql.Tx) error {
		return EachRow(context.Background(), tx, `SELECT name FROM pragma_table_info('activities')`, func(rows *sql.Rows) error {
			var c string
			err := rows.Scan(&c)
			cols = append(cols, c)
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		if got := ChangesHistoryText(map[string]bool{c: true}); got != followed[c] {
			t.Errorf("ChangesHistoryText(%s) = %v, the trigger follows it: %v", c, got, followed[c])
		}
	}
}
