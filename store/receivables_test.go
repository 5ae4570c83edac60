package store_test

import (
	"fmt"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

// TestCreditOverride: confirming an order beyond the credit limit, or for an
// account with an invoice over 30 days overdue, needs a reason, which is kept.
func TestCreditOverride(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t) // today: 2026-03-10
	k3 := mustCreate(t, f.accounts, "K3", "Limitowana", "Opole", func(a *domain.AccountFields) { a.CreditLimit = 30000 })
	first := f.delivered(t, k3, domain.NewDate(2026, 3, 1), domain.NewDate(2026, 3, 1), 20000) // 246.00, due 31 March
	if first.CreditOverride != "" {
		t.Errorf("within the limit, no override is recorded: %q", first.CreditOverride)
	}
	of := domain.NewOrderFields(k3, f.day)
	of.Lines = f.priced(t, k3.ID, f.day, []string{"MAK"}, []int64{10000}) // 123.00
	o, err := f.orders.CreateOrder(ctx, of)
	if err != nil {
		t.Fatal(err)
	}
	check, err := f.receivables.CheckCredit(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if *check != (domain.CreditCheck{Limit: 30000, Balance: 24600, ThisOrder: 12300}) || fmt.Sprint(check.Warnings()) != "[over_limit]" {
		t.Errorf("check %+v %v", check, check.Warnings())
	}
	_, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version})
	e := wantErr(t, err, domain.EInvalid, "credit.override_required")
	if _, ok := e.Field(domain.FieldCreditOverride); !ok || e.Args["Exposure"] != domain.Amount(36900) {
		t.Errorf("override error %+v", e)
	}
	if o, _ := f.orders.FindOrderByID(ctx, o.ID); o.Status != domain.OrderDraft {
		t.Errorf("refused confirmation changed the order: %s", o.Status)
	}
	o, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version,
		CreditOverride: "  stały klient, płaci w piątek ", OverrideBy: "anna"})
	if err != nil {
		t.Fatal(err)
	}
	if o.CreditOverride != "stały klient, płaci w piątek" || o.CreditOverrideBy != "anna" ||
		!o.CreditOverrideAt.Equal(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)) || o.Status != domain.OrderConfirmed {
		t.Errorf("override recorded: %q by %q at %v", o.CreditOverride, o.CreditOverrideBy, o.CreditOverrideAt)
	}
	// The confirmed order counts as undelivered for the next one.
	o2, _ := f.orders.CreateOrder(ctx, of)
	if c, err := f.receivables.CheckCredit(ctx, o2.ID); err != nil || c.Undelivered != 12300 || c.Exposure() != 24600+12300+12300 {
		t.Errorf("undelivered: %+v %v", c, err)
	}

	// An invoice more than 30 days overdue holds an account without a limit.
	k4 := mustCreate(t, f.accounts, "K4", "Spóźniona", "Opole")
	late := f.delivered(t, k4, domain.NewDate(2026, 1, 1), domain.NewDate(2026, 1, 1), 1000) // due 31 January: 38 days late
	of = domain.NewOrderFields(k4, f.day)
	of.Lines = f.priced(t, k4.ID, f.day, []string{"MAK"}, []int64{1000})
	o, _ = f.orders.CreateOrder(ctx, of)
	check, err = f.receivables.CheckCredit(ctx, o.ID)
	if err != nil || check.OldestLate != 38 || check.LateAmount != 1230 || fmt.Sprint(check.Warnings()) != "[overdue]" {
		t.Errorf("overdue check %+v %v", check, err)
	}
	_, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version})
	wantErr(t, err, domain.EInvalid, "credit.override_required")
	f.pay(t, domain.PaymentFields{AccountID: k4.ID, Date: f.day, Amount: 1230, Reference: late.InvoiceNumber})
	if o, err = f.orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version}); err != nil ||
		o.CreditOverride != "" {
		t.Errorf("paid up, the order confirms without override: %v %q", err, o.CreditOverride)
	}
}

// TestReceivablesList: every account with something open or credit, the
// longest unpaid first, credit-only last; filters; totals.
func TestReceivablesList(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t) // today: 2026-03-10
	// K2 (owner piotr, 14 EOM): due 14 January, 55 days late.
	f.delivered(t, f.other, domain.NewDate(2025, 12, 10), domain.NewDate(2025, 12, 10), 10000)
	// K1 (group Hurt, net 30): due 31 March, not yet due; and a partial payment.
	f.delivered(t, f.branch, domain.NewDate(2026, 3, 1), domain.NewDate(2026, 3, 1), 12000)
	f.pay(t, domain.PaymentFields{AccountID: f.branch.ID, Date: f.day, Amount: 2000})
	// HQ: only credit.
	f.pay(t, domain.PaymentFields{AccountID: f.hq.ID, Date: f.day, Amount: 1000})
	// K5: paid in full, not listed.
	k5 := mustCreate(t, f.accounts, "K5", "Zapłacona", "Opole")
	paid := f.delivered(t, k5, domain.NewDate(2026, 1, 5), domain.NewDate(2026, 1, 5), 1000)
	f.pay(t, domain.PaymentFields{AccountID: k5.ID, Date: domain.NewDate(2026, 1, 20), Amount: 1230, Reference: paid.InvoiceNumber})

	rows, total, err := f.receivables.FindReceivables(ctx, domain.ReceivablesFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var sum domain.Aging
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s %s %s/%s/%s cr %s", r.Code, r.OldestDue, r.Aging.Current, r.Aging.D1_30, r.Aging.D31_60, r.Aging.Credit))
		sum.Add(r.Aging)
	}
	want := []string{"K2 2026-01-14 0.00/0.00/123.00 cr 0.00", "K1 2026-03-31 105.46/0.00/0.00 cr 0.00", "HQ  0.00/0.00/0.00 cr 10.00"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("receivables\n got %v\nwant %v", got, want)
	}
	if sum != total || total.Balance() != 12300+12546-2000-1000 {
		t.Errorf("totals %+v, sum of rows %+v", total, sum)
	}
	if rows, _, _ := f.receivables.FindReceivables(ctx, domain.ReceivablesFilter{Owner: "piotr"}); len(rows) != 1 || rows[0].Code != "K2" {
		t.Errorf("owner filter: %+v", rows)
	}
	g, err := store.NewGroupService(f.db).FindGroupByName(ctx, "Hurt")
	if err != nil {
		t.Fatal(err)
	}
	if rows, _, _ := f.receivables.FindReceivables(ctx, domain.ReceivablesFilter{Group: g.ID}); len(rows) != 1 || rows[0].Code != "K1" {
		t.Errorf("group filter: %+v", rows)
	}
	// Aging as of another day moves K1's invoice into 1–30 and K2's over 90.
	rows, _, _ = f.receivables.FindReceivables(ctx, domain.ReceivablesFilter{AsOf: domain.NewDate(2026, 4, 15)})
	if rows[0].Aging.Over90 != 12300 || rows[1].Aging.D1_30 != 10546 {
		t.Errorf("as of 15 April: %+v", rows)
	}
}

// TestStatementFromStore: a statement's closing is the opening plus the
// month's lines and equals its aging's balance; StatementAccounts lists the
// accounts with movement or a balance.
func TestStatementFromStore(t *testing.T) {
	t.Parallel()
	f := newRecvFixture(t)
	k2 := f.other
	f.pay(t, domain.PaymentFields{AccountID: k2.ID, Date: domain.NewDate(2026, 2, 1), Amount: 5000, Reference: "zaliczka"})
	o1 := f.delivered(t, k2, domain.NewDate(2026, 2, 9), domain.NewDate(2026, 2, 10), 10000) // 123.00
	f.delivered(t, k2, domain.NewDate(2026, 2, 19), domain.NewDate(2026, 2, 20), 20000)      // 246.00
	f.pay(t, domain.PaymentFields{AccountID: k2.ID, Date: domain.NewDate(2026, 3, 2), Amount: 40000, Reference: o1.InvoiceNumber})
	// K1: invoiced and paid in January, nothing since.
	k1 := f.delivered(t, f.branch, domain.NewDate(2026, 1, 5), domain.NewDate(2026, 1, 5), 1000)
	f.pay(t, domain.PaymentFields{AccountID: f.branch.ID, Date: domain.NewDate(2026, 1, 25), Amount: 1107, Reference: k1.Number})

	feb, err := f.receivables.Statement(ctx, k2.ID, domain.Month{Year: 2026, Month: time.February})
	if err != nil {
		t.Fatal(err)
	}
	if feb.Opening != 0 || feb.Closing != 31900 || len(feb.Lines) != 3 || feb.Aging.Balance() != feb.Closing ||
		feb.Aging.Current != 31900 || feb.Account.Code != "K2" || feb.Date != domain.NewDate(2026, 2, 28) {
		t.Errorf("February %+v", feb)
	}
	mar, err := f.receivables.Statement(ctx, k2.ID, domain.Month{Year: 2026, Month: time.March})
	if err != nil {
		t.Fatal(err)
	}
	if mar.Opening != feb.Closing || mar.Closing != mar.Opening+mar.Invoiced-mar.Paid || mar.Closing != -8100 ||
		mar.Aging.Balance() != mar.Closing || mar.Aging.Credit != 8100 {
		t.Errorf("March %+v", mar)
	}
	// The stored balance (what the receivables list shows) agrees with the statement.
	ar, _ := f.receivables.AccountReceivables(ctx, k2.ID, domain.NewDate(2026, 3, 31))
	if ar.Aging != mar.Aging {
		t.Errorf("stored aging %+v, statement's %+v", ar.Aging, mar.Aging)
	}
	for _, tc := range []struct {
		m    domain.Month
		want string
	}{
		{domain.Month{Year: 2025, Month: time.December}, "[]"},
		{domain.Month{Year: 2026, Month: time.January}, "[K1]"},
		{domain.Month{Year: 2026, Month: time.February}, "[K2]"},
		{domain.Month{Year: 2026, Month: time.April}, "[K2]"}, // no movement, a balance (credit)
	} {
		ids, err := f.receivables.StatementAccounts(ctx, tc.m)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, id := range ids {
			a, _ := f.accounts.FindAccountByID(ctx, id)
			codes = append(codes, a.Code)
		}
		if fmt.Sprint(codes) != tc.want {
			t.Errorf("%s: %v, want %s", tc.m, codes, tc.want)
		}
	}
	if _, err := f.receivables.Statement(ctx, 9999, domain.Month{Year: 2026, Month: time.March}); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("unknown account: %v", err)
	}
}
