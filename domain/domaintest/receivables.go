package domaintest

import (
	"context"
	"slices"
	"strings"

	"kontor/domain"
)

// allocated allocates an account's ledger over everything recorded, as the
// store keeps it allocated, to be aged as of on. The caller holds l.mu.
func (l *Ledger) allocated(id domain.AccountID, on domain.Date) (domain.Ledger, domain.Allocation) {
	led := l.ledgerOf(id)
	a := domain.Allocate(led, domain.Date{})
	a.AsOf = on
	return led, a
}

// FindReceivables lists the accounts with an open balance or credit, most
// overdue first: the oldest open due date, then the larger overdue amount,
// then the code; accounts with credit only come last.
func (l *Ledger) FindReceivables(ctx context.Context, f domain.ReceivablesFilter) ([]domain.ReceivableRow, domain.Aging, error) {
	asOf := f.AsOf
	if asOf.IsZero() {
		asOf = l.today()
	}
	group := ""
	if f.Group != 0 {
		g, err := l.docs.cat.FindGroupByID(ctx, f.Group)
		if domain.ErrorCode(err) == domain.ENotFound {
			return nil, domain.Aging{}, ctxErr(ctx)
		}
		if err != nil {
			return nil, domain.Aging{}, err
		}
		group = g.Name
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	ids := map[domain.AccountID]bool{}
	for _, inv := range l.invoices {
		ids[inv.AccountID] = true
	}
	for _, p := range l.payments {
		ids[p.AccountID] = true
	}
	var rows []domain.ReceivableRow
	var total domain.Aging
	for id := range ids {
		acc, err := l.accounts().FindAccountByID(ctx, id)
		if err != nil {
			return nil, domain.Aging{}, err
		}
		if f.Owner != "" && acc.Owner != f.Owner || f.Group != 0 && acc.CustomerGroup != group {
			continue
		}
		led, a := l.allocated(id, asOf)
		g := a.Aging()
		if f.KSeF != "" {
			if !l.hasKSeF(led, f.KSeF) {
				continue
			}
		} else if g.Open() == 0 && g.Credit == 0 {
			continue
		}
		r := domain.ReceivableRow{AccountID: id, Code: acc.Code, Name: acc.Name, Owner: acc.Owner, Group: acc.CustomerGroup,
			CreditLimit: acc.CreditLimit, Aging: g}
		for _, inv := range led.Invoices {
			if inv.Kind == domain.KindInvoice && a.Open[inv.ID] != 0 && (r.OldestDue.IsZero() || inv.Due.Before(r.OldestDue)) {
				r.OldestDue = inv.Due
			}
		}
		rows = append(rows, r)
		total.Add(g)
	}
	slices.SortFunc(rows, func(a, b domain.ReceivableRow) int {
		switch {
		case a.OldestDue.IsZero() != b.OldestDue.IsZero():
			if a.OldestDue.IsZero() {
				return 1
			}
			return -1
		case a.OldestDue != b.OldestDue:
			return a.OldestDue.Compare(b.OldestDue)
		case a.Aging.Overdue() != b.Aging.Overdue():
			if a.Aging.Overdue() > b.Aging.Overdue() {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Code, b.Code)
	})
	return rows, total, ctxErr(ctx)
}

// hasKSeF reports whether an invoice of the ledger stands in status (the
// KSeF fake made over l says; without one, none does). The caller holds l.mu,
// so the invoices are read from l directly, not through the fake's lookups.
func (l *Ledger) hasKSeF(led domain.Ledger, status domain.KSeFStatus) bool {
	k := l.ksef
	if k == nil {
		return false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, li := range led.Invoices {
		if inv := l.invoices[li.ID]; inv != nil && k.standing(inv).Status == status {
			return true
		}
	}
	return false
}

// AccountReceivables returns an account's invoices with what is paid and open
// of them (over every payment recorded), its payments and settlements, and
// the open amounts aged as of asOf (zero: today).
func (l *Ledger) AccountReceivables(ctx context.Context, id domain.AccountID, asOf domain.Date) (*domain.AccountReceivables, error) {
	if asOf.IsZero() {
		asOf = l.today()
	}
	acc, err := l.accounts().FindAccountByID(ctx, id)
	if err != nil {
		return nil, err
	}
	undelivered := l.docs.undelivered(id, 0)
	l.mu.Lock()
	defer l.mu.Unlock()
	_, a := l.allocated(id, asOf)
	out := &domain.AccountReceivables{AsOf: asOf, Aging: a.Aging(), CreditLimit: acc.CreditLimit, Undelivered: undelivered,
		Unapplied: a.Unapplied, Settlements: a.Settlements}
	for _, inv := range l.invoices {
		if inv.AccountID == id {
			out.Invoices = append(out.Invoices, l.rowOf(inv, &a))
		}
	}
	slices.SortFunc(out.Invoices, func(a, b domain.InvoiceRow) int { return latestFirst(a.Date, b.Date, int64(a.ID), int64(b.ID)) })
	for _, p := range l.payments {
		if p.AccountID == id {
			out.Payments = append(out.Payments, *l.viewPayment(p))
		}
	}
	slices.SortFunc(out.Payments, func(a, b domain.Payment) int { return latestFirst(a.Date, b.Date, int64(a.ID), int64(b.ID)) })
	return out, ctxErr(ctx)
}

// CheckCredit returns the account's exposure if the order were confirmed today.
func (l *Ledger) CheckCredit(ctx context.Context, order domain.OrderID) (*domain.CreditCheck, error) {
	o, err := l.docs.FindOrderByID(ctx, order)
	if err != nil {
		return nil, err
	}
	acc, err := l.accounts().FindAccountByID(ctx, o.AccountID)
	if err != nil {
		return nil, err
	}
	return l.check(acc, o, l.docs.undelivered(o.AccountID, o.ID)), ctxErr(ctx)
}

// check computes a credit check as of today. It takes l.mu; the caller may
// hold the documents' lock (the lock order is documents, then ledger).
func (l *Ledger) check(acc *domain.Account, o *domain.Order, undelivered domain.Amount) *domain.CreditCheck {
	today := l.today()
	l.mu.Lock()
	led, a := l.allocated(acc.ID, today)
	l.mu.Unlock()
	c := &domain.CreditCheck{Limit: acc.CreditLimit, Balance: a.Aging().Balance(), Undelivered: undelivered,
		ThisOrder: domain.ComputeTotals(o.Lines).Gross, OldestLate: a.OldestOverdue()}
	for _, inv := range led.Invoices {
		if open := a.Open[inv.ID]; open > 0 && today.DaysSince(inv.Due) > domain.OverdueHoldDays {
			c.LateAmount += open
		}
	}
	return c
}

func monthRequired() error {
	return domain.Errorf(domain.EInvalid, "month.required", "choose a month", nil)
}

// Statement computes one account's statement with domain.BuildStatementOn, as of the fake's today.
func (l *Ledger) Statement(ctx context.Context, id domain.AccountID, m domain.Month) (*domain.Statement, error) {
	if m.IsZero() {
		return nil, monthRequired()
	}
	acc, err := l.accounts().FindAccountByID(ctx, id)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	led := l.ledgerOf(id)
	l.mu.Unlock()
	return domain.BuildStatementOn(acc, m, led, l.today()), ctxErr(ctx)
}

// StatementAccounts lists, by code, the accounts with movement or a balance in m.
func (l *Ledger) StatementAccounts(ctx context.Context, m domain.Month) ([]domain.AccountID, error) {
	if m.IsZero() {
		return nil, monthRequired()
	}
	l.mu.Lock()
	ids := map[domain.AccountID]bool{}
	for _, inv := range l.invoices {
		ids[inv.AccountID] = true
	}
	for _, p := range l.payments {
		ids[p.AccountID] = true
	}
	l.mu.Unlock()
	type coded struct {
		id   domain.AccountID
		code string
	}
	var out []coded
	for id := range ids {
		st, err := l.Statement(ctx, id, m)
		if err != nil {
			return nil, err
		}
		if st.HasMovement() {
			out = append(out, coded{id, st.Account.Code})
		}
	}
	slices.SortFunc(out, func(a, b coded) int { return strings.Compare(strings.ToUpper(a.code), strings.ToUpper(b.code)) })
	ids2 := make([]domain.AccountID, len(out))
	for i, c := range out {
		ids2[i] = c.id
	}
	return ids2, ctxErr(ctx)
}
