package team

import (
	"context"
	"fmt"
	"math/rand"
	"testing"

	"kontor/domain"
)

// TestRandomInterleavingsConverge: random edits on three laptops, synced at
// random moments. Once every laptop has synced, all files hold the same
// data, and every value a laptop last wrote to a field either reached the
// server (its change log has it) or is in that laptop's Conflicts list.
func TestRandomInterleavingsConverge(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for seed := int64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			tt := newTeam(t,
				person{login: "maria", name: "Maria Wiśniewska", role: domain.RoleManager},
				person{login: "mike", name: "Mike Nowicki", role: domain.RoleManager},
				person{login: "beata", name: "Beata Zając", role: domain.RoleBackoffice},
			)
			bo := newLaptop(t, tt.people["beata"])
			for _, code := range []string{"A1", "A2", "A3"} {
				bo.createAccount(code, "Firma "+code, "Maria Wiśniewska")
			}
			if _, err := Publish(ctx, bo.db, tt.db.AdminURL()); err != nil {
				t.Fatal(err)
			}
			laptops := []*laptop{bo, newLaptop(t, tt.people["maria"]), newLaptop(t, tt.people["mike"])}
			for _, l := range laptops {
				l.join(tt)
			}
			rng := rand.New(rand.NewSource(seed))
			fields := []string{"phone", "email", "notes", "city", "archived"}
			type cell struct{ code, field string }
			last := make([]map[cell]string, len(laptops))
			for i := range last {
				last[i] = map[cell]string{}
			}
			for step := 0; step < 80; step++ {
				i := rng.Intn(len(laptops))
				l := laptops[i]
				if rng.Intn(10) < 3 {
					l.sync()
					continue
				}
				c := cell{code: []string{"A1", "A2", "A3"}[rng.Intn(3)], field: fields[rng.Intn(len(fields))]}
				v := fmt.Sprintf("L%d-%d", i, step)
				if c.field == "archived" {
					v = fmt.Sprint(rng.Intn(2))
				}
				if l.value(`SELECT `+c.field+` FROM accounts WHERE code = ?`, c.code) == v {
					continue
				}
				l.exec(`UPDATE accounts SET `+c.field+` = ? WHERE code = ?`, v, c.code)
				last[i][c] = v
			}
			for pass := 0; pass < 2; pass++ {
				for _, l := range laptops {
					l.sync()
				}
			}
			want := laptops[0].dump("")
			for _, l := range laptops[1:] {
				if got := l.dump(""); got != want {
					t.Fatalf("%s's file differs from the back office's:\n%s\nvs\n%s", l.who.name, got, want)
				}
			}
			admin := tt.admin(t)
			for i, l := range laptops {
				lost := map[string]bool{}
				for _, c := range l.conflicts() {
					lost[c.Record[:2]+"/"+c.Field+"/"+c.Lost] = true
				}
				for c, v := range last[i] {
					uid := l.value(`SELECT uid FROM accounts WHERE code = ?`, c.code)
					shown := v
					if c.field == "archived" {
						shown = map[string]string{"0": "no", "1": "yes"}[v]
					}
					var logged bool
					if err := admin.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM kontor.changes WHERE tbl = 'accounts' AND row_key = $1
						AND fields ->> $2 = $3)`, uid, c.field, map[bool]string{true: map[string]string{"0": "false", "1": "true"}[v], false: v}[c.field == "archived"]).Scan(&logged); err != nil {
						t.Fatal(err)
					}
					// A value the server already had when the change came
					// is no loss: for archived, the published 0 has no log entry.
					initial := c.field == "archived" && v == "0"
					if !logged && !initial && !lost[c.code+"/"+c.field+"/"+shown] {
						t.Errorf("%s's last %s of %s, %q, neither reached the server nor is in the Conflicts list", l.who.name, c.field, c.code, v)
					}
				}
			}
		})
	}
}
