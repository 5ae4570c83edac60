package team

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"testing"

	"github.com/jackc/pgx/v5"

	"kontor/domain"
)

// TestLedgersConverge: random work on two reps' and two back offices'
// machines — orders confirmed, the same order delivered on one or both back
// offices, payments recorded (the same bank line often on both), credit
// notes — synced at random moments. Once every machine has synced, each
// one's ledger, allocation and statement of every account it sees equal the
// server's, to the grosz.
func TestLedgersConverge(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			convergeLedgers(t, seed)
		})
	}
}

type bankLine struct {
	code   string
	on     domain.Date
	amount domain.Amount
	ref    string
}

func convergeLedgers(t *testing.T, seed int64) {
	ctx := context.Background()
	dt := newDocTeam(t)
	rng := rand.New(rand.NewSource(seed))
	reps := map[string][]string{"anna": {"A1", "A2"}, "bob": {"B1"}}
	backs := []string{"beata", "celina"}
	var bank []bankLine
	recorded := map[string]map[int]bool{"beata": {}, "celina": {}}
	everyone := []string{"anna", "bob", "beata", "celina", "maria"}
	for step := 0; step < 60; step++ {
		switch r := rng.Intn(100); {
		case r < 20: // a rep takes an order and confirms it
			who := []string{"anna", "bob"}[rng.Intn(2)]
			d := dt.desks[who]
			codes := reps[who]
			a := d.account(codes[rng.Intn(len(codes))])
			f := domain.NewOrderFields(a, docDay.AddDays(-20))
			f.Lines = d.lines(a, []string{"MAK-1", "OL-5"}[rng.Intn(2)], int64(1+rng.Intn(20)))
			o, err := d.orders.CreateOrder(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			d.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed, CreditOverride: "stały klient"})
		case r < 35: // a back office delivers an order it knows confirmed
			d := dt.desks[backs[rng.Intn(2)]]
			number := d.pick(rng, `SELECT number FROM orders WHERE status = 'confirmed' ORDER BY number`)
			if number == "" {
				continue
			}
			if _, err := d.setStatus(number, domain.OrderStatusChange{Status: domain.OrderDelivered,
				Delivered: docDay.AddDays(-rng.Intn(20))}); err != nil {
				t.Fatalf("%s delivers %s: %v", d.who.name, number, err)
			}
		case r < 50: // a new bank line, recorded by one back office
			who := backs[rng.Intn(2)]
			d := dt.desks[who]
			code := []string{"A1", "A2", "B1"}[rng.Intn(3)]
			ref := "przelew"
			if rng.Intn(2) == 0 {
				if n := d.pick(rng, `SELECT i.number FROM invoices i JOIN accounts a ON a.id = i.account_id
					WHERE a.code = ? AND i.kind = 'invoice' ORDER BY i.number`, code); n != "" {
					ref = n
				}
			}
			bank = append(bank, bankLine{code, docDay.AddDays(-rng.Intn(15)), domain.Amount(100 * (1 + rng.Intn(300))), ref})
			if _, err := d.pay(code, bank[len(bank)-1].amount, bank[len(bank)-1].on, ref); err != nil {
				t.Fatal(err)
			}
			recorded[who][len(bank)-1] = true
		case r < 58: // the same bank line recorded on the other back office
			if len(bank) == 0 {
				continue
			}
			who := backs[rng.Intn(2)]
			i := rng.Intn(len(bank))
			if recorded[who][i] {
				continue
			}
			b := bank[i]
			if _, err := dt.desks[who].pay(b.code, b.amount, b.on, b.ref); err != nil {
				t.Fatal(err)
			}
			recorded[who][i] = true
		case r < 64: // a credit note of one unit of an invoice's first line (one back office credits)
			d := dt.desks["beata"]
			var id int64
			fmt.Sscan(d.pick(rng, `SELECT id FROM invoices WHERE kind = 'invoice' ORDER BY number`), &id)
			if id == 0 {
				continue
			}
			_, err := d.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: domain.InvoiceID(id), Date: docDay,
				Reason: "reklamacja", Lines: []domain.CreditLine{{LineNo: 1, Quantity: 1000}}})
			if err != nil && domain.ErrorCode(err) != domain.EInvalid {
				t.Fatal(err)
			}
		default:
			dt.desks[everyone[rng.Intn(len(everyone))]].sync()
		}
	}
	for pass := 0; pass < 2; pass++ {
		for _, who := range everyone {
			if res := dt.desks[who].sync(); res.Refused != 0 {
				ref, _ := dt.desks[who].svc.Refused(ctx)
				t.Fatalf("%s: refused %+v", who, ref)
			}
		}
	}
	admin := dt.admin(t)
	t.Logf("the server holds %d invoices (%d credit notes, %d repeating their order's), %d payments",
		count(t, admin, `SELECT count(*) FROM kontor.invoices`), count(t, admin, `SELECT count(*) FROM kontor.invoices WHERE kind = 'credit'`),
		count(t, admin, `SELECT count(*) FROM kontor.invoices WHERE repeats_order`), count(t, admin, `SELECT count(*) FROM kontor.payments`))
	// A new machine joining now takes the same ledgers whole.
	fresh := newDesk(t, dt.people["maria"])
	fresh.join(dt.testTeam)
	dt.desks["maria's new laptop"] = fresh
	for _, who := range append(everyone, "maria's new laptop") {
		d := dt.desks[who]
		codes := []string{"A1", "A2", "B1"}
		if c, ok := reps[who]; ok {
			codes = c
		}
		for _, code := range codes {
			l, acct := serverLedger(t, admin, code)
			for _, day := range []domain.Date{docDay, docDay.AddDays(40), docDay.AddDays(100)} {
				if got, want := d.receivables(code, day), renderAllocation(l, day); got != want {
					t.Errorf("%s's %s on %s:\n%s\nthe server's:\n%s", d.who.name, code, day, got, want)
				}
			}
			for _, m := range []domain.Month{{Year: 2026, Month: 10}, {Year: 2026, Month: 11}} {
				got := d.statement(code, m)
				want := renderStatement(domain.BuildStatementOn(acct, m, l, docDay))
				if got != want {
					t.Errorf("%s's statement of %s for %s:\n%s\nthe server's:\n%s", d.who.name, code, m, got, want)
				}
			}
		}
	}
}

// serverLedger reads an account and its ledger from the server as the
// administrator: ids in the order read, payments keyed by uid.
func serverLedger(t *testing.T, admin *pgx.Conn, code string) (domain.Ledger, *domain.Account) {
	t.Helper()
	ctx := context.Background()
	acct := &domain.Account{}
	f := &acct.AccountFields
	var uid string
	var limit int64
	if err := admin.QueryRow(ctx, `SELECT uid::text, code, name, tax_id, street, city, credit_limit_minor, terms_days, terms_eom
		FROM kontor.accounts WHERE code = $1`, code).Scan(&uid, &f.Code, &f.Name, &f.TaxID, &f.Street, &f.City, &limit,
		&f.PaymentTerms.Days, &f.PaymentTerms.EOM); err != nil {
		t.Fatal(err)
	}
	f.CreditLimit = domain.Amount(limit)
	var l domain.Ledger
	ids := map[string]domain.InvoiceID{}
	corrects := map[domain.InvoiceID]string{}
	rows, err := admin.Query(ctx, `SELECT i.uid::text, i.kind, i.number, coalesce(o.number, ''), coalesce(i.corrects_uid::text, ''),
		i.issued_on, i.due_on, i.gross_minor FROM kontor.invoices i LEFT JOIN kontor.orders o ON o.uid = i.order_uid
		WHERE i.account_uid = $1 ORDER BY i.uid`, uid)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var inv domain.LedgerInvoice
		var iu, cu, issued, due string
		var gross int64
		if err := rows.Scan(&iu, &inv.Kind, &inv.Number, &inv.OrderNumber, &cu, &issued, &due, &gross); err != nil {
			t.Fatal(err)
		}
		inv.ID = domain.InvoiceID(len(l.Invoices) + 1)
		inv.Date, _ = domain.ParseDate(issued)
		inv.Due, _ = domain.ParseDate(due)
		inv.Gross = domain.Amount(gross)
		if inv.Kind == domain.KindCreditNote {
			inv.OrderNumber = ""
			corrects[inv.ID] = cu
		}
		ids[iu] = inv.ID
		l.Invoices = append(l.Invoices, inv)
	}
	rows.Close()
	for i := range l.Invoices {
		if cu, ok := corrects[l.Invoices[i].ID]; ok {
			l.Invoices[i].Corrects = ids[cu]
		}
	}
	rows, err = admin.Query(ctx, `SELECT uid::text, paid_on, amount_minor, reference, coalesce(invoice_uid::text, '')
		FROM kontor.payments WHERE account_uid = $1 ORDER BY uid`, uid)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p domain.LedgerPayment
		var paid, inv string
		var amount int64
		if err := rows.Scan(&p.Key, &paid, &amount, &p.Reference, &inv); err != nil {
			t.Fatal(err)
		}
		p.ID = domain.PaymentID(len(l.Payments) + 1)
		p.Date, _ = domain.ParseDate(paid)
		p.Amount = domain.Amount(amount)
		p.Invoice = ids[inv]
		l.Payments = append(l.Payments, p)
	}
	rows.Close()
	return l, acct
}

// renderAllocation renders a ledger allocated as the store keeps it (over
// everything recorded) with the aging on day, as desk.receivables does.
func renderAllocation(l domain.Ledger, day domain.Date) string {
	a := domain.Allocate(l, domain.Date{})
	used := map[domain.InvoiceID]domain.Amount{}
	for _, s := range a.Settlements {
		if s.CreditNote != 0 {
			used[s.CreditNote] += s.Amount
		}
	}
	r := &domain.AccountReceivables{Unapplied: a.Unapplied, Settlements: a.Settlements}
	for _, inv := range l.Invoices {
		open := a.Open[inv.ID]
		if inv.Kind == domain.KindCreditNote {
			open = inv.Gross + used[inv.ID]
			r.Aging.Credit -= open
		} else if open != 0 {
			r.Aging.AddOpen(open, inv.Due, day)
		}
		r.Invoices = append(r.Invoices, domain.InvoiceRow{ID: inv.ID, Number: inv.Number, Date: inv.Date, Due: inv.Due, Gross: inv.Gross, Open: open})
	}
	for _, p := range l.Payments {
		r.Aging.Credit += a.Unapplied[p.ID]
		r.Payments = append(r.Payments, domain.Payment{ID: p.ID,
			PaymentFields: domain.PaymentFields{Date: p.Date, Amount: p.Amount, Reference: p.Reference}})
	}
	return ledgerText(r)
}

// pick returns one of the values query lists, chosen by rng ("" for none).
func (d *desk) pick(rng *rand.Rand, query string, args ...any) string {
	d.t.Helper()
	var all []string
	err := d.db.ReadTx(context.Background(), func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(context.Background(), query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				return err
			}
			all = append(all, v)
		}
		return rows.Err()
	})
	if err != nil {
		d.t.Fatal(err)
	}
	if len(all) == 0 {
		return ""
	}
	return all[rng.Intn(len(all))]
}
