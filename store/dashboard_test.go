package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/storetest"
)

// TestDashboardAgainstTheInvoices: on a small demo file, every figure of the
// dashboard, for the whole file and for one rep, equals what a query written
// by hand over the invoices and quotes themselves gives (not over the
// sales_months summary the service reads), and the summary the triggers keep
// equals the invoices it sums.
func TestDashboardAgainstTheInvoices(t *testing.T) {
	db := storetest.Demo(t, storetest.DemoKey{Accounts: 40, Seed: 7})
	raw := rawDB(t, db)
	svc := store.NewDashboardService(db)
	today := domain.NewDate(2026, 11, 27)

	var owner string
	if err := raw.QueryRow(`SELECT owner FROM accounts WHERE owner <> '' GROUP BY owner ORDER BY count(*) DESC, owner LIMIT 1`).Scan(&owner); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"", owner} {
		t.Run("owner="+who, func(t *testing.T) {
			d, err := svc.Dashboard(context.Background(), domain.DashboardQuery{Today: today, Owner: who})
			if err != nil {
				t.Fatal(err)
			}
			mine := `(?1 = '' OR account_id IN (SELECT id FROM accounts WHERE owner = ?1))`

			// Sales: the net of invoices and credit notes issued each month.
			if len(d.Sales) != domain.DashboardMonths || d.Sales[12].Month != (domain.Month{Year: 2026, Month: 11}) ||
				d.Sales[0].Month != (domain.Month{Year: 2025, Month: 11}) {
				t.Fatalf("sales months %v … %v (%d)", d.Sales[0].Month, d.Sales[len(d.Sales)-1].Month, len(d.Sales))
			}
			var any bool
			for _, s := range d.Sales {
				for _, c := range []struct {
					m   domain.Month
					got domain.Amount
				}{{s.Month, s.Net}, {domain.Month{Year: s.Month.Year - 1, Month: s.Month.Month}, s.LastYear}} {
					var want domain.Amount
					if err := raw.QueryRow(`SELECT coalesce(sum(net_minor), 0) FROM invoices
						WHERE issued_on LIKE ?2 || '-%' AND currency = 'PLN' AND `+mine, who, c.m.String()).Scan(&want); err != nil {
						t.Fatal(err)
					}
					if c.got != want {
						t.Errorf("sales of %v = %v, the invoices say %v", c.m, c.got, want)
					}
					list, err := svc.SalesInvoices(context.Background(), domain.DashboardQuery{Today: today, Owner: who}, c.m)
					if err != nil {
						t.Fatal(err)
					}
					var sum domain.Amount
					for _, r := range list {
						sum += r.Net
					}
					if sum != want {
						t.Errorf("the invoices behind %v add up to %v, the figure is %v", c.m, sum, want)
					}
					any = any || want != 0
				}
			}
			if !any {
				t.Error("no sales at all: the fixture tests nothing")
			}

			// The pipeline: open quotes by status, expired past their validity;
			// a rep's are the quotes they own.
			for _, p := range d.Pipeline {
				cond := `status = ?2 AND valid_until >= ?3`
				if p.Stage == domain.StageExpired {
					cond = `status IN ('draft', 'sent') AND valid_until < ?3 AND ?2 = 'expired'`
				}
				var n int
				var net domain.Amount
				if err := raw.QueryRow(`SELECT count(*), coalesce(sum(net_minor), 0) FROM quotes WHERE `+cond+
					` AND (?1 = '' OR owner = ?1)`, who, string(p.Stage), today.String()).Scan(&n, &net); err != nil {
					t.Fatal(err)
				}
				if p.Count != n || p.Net != net {
					t.Errorf("%s quotes: %d for %v, the quotes say %d for %v", p.Stage, p.Count, p.Net, n, net)
				}
			}

			// Overdue: open invoices by days past due.
			for _, o := range d.Overdue {
				lo, hi := []int{1, 31, 61, 91}[o.Bucket], []int{30, 60, 90, 100000}[o.Bucket]
				var n, accounts int
				var open domain.Amount
				if err := raw.QueryRow(`SELECT count(*), count(DISTINCT account_id), coalesce(sum(open_minor), 0) FROM invoices
					WHERE kind = 'invoice' AND open_minor > 0 AND julianday(?2) - julianday(due_on) BETWEEN ?3 AND ?4 AND `+mine,
					who, today.String(), lo, hi).Scan(&n, &accounts, &open); err != nil {
					t.Fatal(err)
				}
				if o.Invoices != n || o.Accounts != accounts || o.Open != open {
					t.Errorf("overdue %d–%d days: %d invoices of %d accounts, %v open; the invoices say %d, %d, %v",
						lo, hi, o.Invoices, o.Accounts, o.Open, n, accounts, open)
				}
			}

			// The top accounts by net sales this year.
			rows, err := raw.Query(`SELECT a.code, sum(i.net_minor) AS net FROM invoices i JOIN accounts a ON a.id = i.account_id
				WHERE i.issued_on LIKE '2026-%' AND i.currency = 'PLN'
				AND (?1 = '' OR a.owner = ?1) GROUP BY a.id HAVING net > 0 ORDER BY net DESC, a.code LIMIT 10`, who)
			if err != nil {
				t.Fatal(err)
			}
			var want, got []string
			for rows.Next() {
				var code string
				var net domain.Amount
				if err := rows.Scan(&code, &net); err != nil {
					t.Fatal(err)
				}
				want = append(want, fmt.Sprintf("%s %v", code, net))
			}
			rows.Close()
			for _, a := range d.Top {
				got = append(got, fmt.Sprintf("%s %v", a.Code, a.Net))
			}
			if !slices.Equal(got, want) || len(got) == 0 {
				t.Errorf("top accounts:\n%v\nthe invoices say:\n%v", got, want)
			}
		})
	}

	checkSalesSummaries(t, raw)
}

// checkSalesSummaries fails t when a summary the triggers keep differs from
// the invoices it sums, row for row, either way (a row summed to zero may
// stay).
func checkSalesSummaries(t *testing.T, raw *sql.DB) {
	t.Helper()
	from := `invoices i JOIN accounts a ON a.id = i.account_id`
	for _, c := range []struct{ table, by, key string }{
		{"sales_totals", "substr(i.issued_on, 1, 7), i.currency", "month, currency"},
		{"sales_months", "substr(i.issued_on, 1, 7), i.currency, i.account_id", "month, currency, account_id"},
		{"sales_years", "substr(i.issued_on, 1, 4), i.currency, i.account_id", "year, currency, account_id"},
		{"sales_owners", "a.owner, substr(i.issued_on, 1, 7), i.currency", "owner, month, currency"},
	} {
		sums := `SELECT ` + c.by + `, sum(i.net_minor) FROM ` + from + ` GROUP BY ` + c.by
		kept := `SELECT ` + c.key + `, net_minor FROM ` + c.table + ` WHERE net_minor <> 0`
		var missing, extra int
		if err := raw.QueryRow(`SELECT count(*) FROM (` + sums + ` EXCEPT ` + kept + `)`).Scan(&missing); err != nil {
			t.Fatal(err)
		}
		if err := raw.QueryRow(`SELECT count(*) FROM (` + kept + ` EXCEPT ` + sums + `)`).Scan(&extra); err != nil {
			t.Fatal(err)
		}
		if missing != 0 || extra != 0 {
			t.Errorf("%s misses or misstates %d rows of the invoices and has %d they do not", c.table, missing, extra)
		}
	}
}

// TestSalesFollowTheAccountsOwner: an account given to another rep takes its
// sales to that rep's dashboard; new invoices and credit notes add to the
// summaries as they are issued.
func TestSalesFollowTheAccountsOwner(t *testing.T) {
	f := newRecvFixture(t)
	raw := rawDB(t, f.db)
	accounts := store.NewAccountService(f.db)
	acc := f.branch
	upd := domain.AccountUpdate{AccountFields: acc.AccountFields, Version: acc.Version}
	upd.Owner = "Ewa Rep"
	acc, err := accounts.UpdateAccount(ctx, acc.ID, upd)
	if err != nil {
		t.Fatal(err)
	}
	*f.clock = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) // both deliveries below have happened
	f.delivered(t, acc, domain.NewDate(2026, 10, 5), domain.NewDate(2026, 10, 6), 3000)
	f.delivered(t, acc, domain.NewDate(2026, 11, 5), domain.NewDate(2026, 11, 6), 2000)
	acc, err = accounts.FindAccountByID(ctx, acc.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkSalesSummaries(t, raw)
	svc := store.NewDashboardService(f.db)
	sales := func(owner string) domain.Amount {
		d, err := svc.Dashboard(ctx, domain.DashboardQuery{Today: domain.NewDate(2026, 11, 27), Owner: owner})
		if err != nil {
			t.Fatal(err)
		}
		var sum domain.Amount
		for _, m := range d.Sales {
			sum += m.Net
		}
		return sum
	}
	before := sales("Ewa Rep")
	if before <= 0 {
		t.Fatalf("Ewa's sales %v", before)
	}
	upd = domain.AccountUpdate{AccountFields: acc.AccountFields, Version: acc.Version}
	upd.Owner = "Jan Rep"
	if _, err := accounts.UpdateAccount(ctx, acc.ID, upd); err != nil {
		t.Fatal(err)
	}
	checkSalesSummaries(t, raw)
	if got, moved := sales("Ewa Rep"), sales("Jan Rep"); got != 0 || moved != before {
		t.Errorf("after the account moved: Ewa %v, Jan %v (was %v)", got, moved, before)
	}
}
