package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"

	"kontor/domain"
)

// storedLedger is an account's ledger with the open and unapplied amounts the
// last allocation stored, so reallocate writes only what changed.
type storedLedger struct {
	domain.Ledger
	open      map[domain.InvoiceID]domain.Amount
	unapplied map[domain.PaymentID]domain.Amount
	settled   []domain.Settlement // as stored, in the order made
}

func newStoredLedger() *storedLedger {
	return &storedLedger{open: map[domain.InvoiceID]domain.Amount{}, unapplied: map[domain.PaymentID]domain.Amount{}}
}

// readLedger reads an account's invoices, credit notes and payments dated up
// to upTo (zero: all).
func readLedger(ctx context.Context, q queryer, account domain.AccountID, upTo domain.Date) (*storedLedger, error) {
	ls, err := readLedgers(ctx, q, `= ?`, int64(account), upTo, false)
	if err != nil {
		return nil, err
	}
	if l := ls[account]; l != nil {
		return l, nil
	}
	return newStoredLedger(), nil
}

// readLedgers reads the ledgers of the accounts whose id matches cond (an SQL
// condition on the account id with one argument), with their stored
// settlements when settled is set.
func readLedgers(ctx context.Context, q queryer, cond string, arg any, upTo domain.Date, settled bool) (map[domain.AccountID]*storedLedger, error) {
	last := "9999-12-31"
	if !upTo.IsZero() {
		last = upTo.String()
	}
	out := map[domain.AccountID]*storedLedger{}
	get := func(id domain.AccountID) *storedLedger {
		l := out[id]
		if l == nil {
			l = newStoredLedger()
			out[id] = l
		}
		return l
	}
	// An invoice's order number matters only to a payment whose reference
	// is that number: rather than join every invoice to its (wide) order row,
	// the orders named by references are looked up afterwards.
	orderOf := map[int64][]invoiceAt{} // two when an order was delivered on two machines of a team
	err := EachRow(ctx, q, `SELECT account_id, id, kind, number, coalesce(order_id, 0), coalesce(corrects_id, 0),
		issued_on, due_on, gross_minor, open_minor
		FROM invoices INDEXED BY invoices_by_account WHERE account_id `+cond+` AND issued_on <= ?`, func(rows *sql.Rows) error {
		var account domain.AccountID
		var inv domain.LedgerInvoice
		var order int64
		var open domain.Amount
		if err := rows.Scan(&account, &inv.ID, &inv.Kind, &inv.Number, &order, &inv.Corrects, onDate(&inv.Date), onDate(&inv.Due),
			&inv.Gross, &open); err != nil {
			return err
		}
		l := get(account)
		l.Invoices = append(l.Invoices, inv)
		l.open[inv.ID] = open
		if order != 0 && inv.Kind == domain.KindInvoice {
			orderOf[order] = append(orderOf[order], invoiceAt{l, len(l.Invoices) - 1})
		}
		return nil
	}, arg, last)
	if err != nil {
		return nil, err
	}
	err = EachRow(ctx, q, `SELECT account_id, id, paid_on, amount_minor, reference, coalesce(invoice_id, 0), unapplied_minor,
		coalesce(uid, '') FROM payments INDEXED BY payments_by_account WHERE account_id `+cond+` AND paid_on <= ?`, func(rows *sql.Rows) error {
		var account domain.AccountID
		var p domain.LedgerPayment
		var unapplied domain.Amount
		if err := rows.Scan(&account, &p.ID, onDate(&p.Date), &p.Amount, &p.Reference, &p.Invoice, &unapplied, &p.Key); err != nil {
			return err
		}
		l := get(account)
		l.Payments = append(l.Payments, p)
		l.unapplied[p.ID] = unapplied
		return nil
	}, arg, last)
	if err != nil {
		return nil, err
	}
	if err := readReferencedOrders(ctx, q, out, orderOf); err != nil {
		return nil, err
	}
	if !settled {
		return out, nil
	}
	err = EachRow(ctx, q, `SELECT account_id, invoice_id, coalesce(payment_id, 0), coalesce(credit_note_id, 0), amount_minor
		FROM settlements WHERE account_id `+cond+` ORDER BY account_id, rowid`, func(rows *sql.Rows) error {
		var account domain.AccountID
		var st domain.Settlement
		if err := rows.Scan(&account, &st.Invoice, &st.Payment, &st.CreditNote, &st.Amount); err != nil {
			return err
		}
		l := get(account)
		l.settled = append(l.settled, st)
		return nil
	}, arg)
	return out, err
}

// invoiceAt is an invoice in a ledger being read.
type invoiceAt struct {
	ledger *storedLedger
	index  int
}

// readReferencedOrders sets the OrderNumber of the invoices whose order's
// number is a payment's reference (compared as domain.Allocate does: trimmed,
// any case; the orders' number index ignores ASCII case).
func readReferencedOrders(ctx context.Context, q queryer, ledgers map[domain.AccountID]*storedLedger, orderOf map[int64][]invoiceAt) error {
	var refs []string
	seen := map[string]bool{}
	for _, l := range ledgers {
		numbers := make(map[string]bool, len(l.Invoices))
		for _, inv := range l.Invoices {
			numbers[strings.ToUpper(inv.Number)] = true
		}
		for _, p := range l.Payments {
			k := strings.ToUpper(strings.TrimSpace(p.Reference))
			if k != "" && p.Invoice == 0 && !numbers[k] && !seen[k] {
				seen[k] = true
				refs = append(refs, k)
			}
		}
	}
	if len(refs) == 0 {
		return nil
	}
	b, _ := json.Marshal(refs)
	return EachRow(ctx, q, `SELECT id, number FROM orders WHERE number IN (SELECT value FROM json_each(?))`, func(rows *sql.Rows) error {
		var id int64
		var number string
		if err := rows.Scan(&id, &number); err != nil {
			return err
		}
		for _, at := range orderOf[id] { // none: not invoiced (yet)
			at.ledger.Invoices[at.index].OrderNumber = number
		}
		return nil
	}, string(b))
}

// reallocate allocates everything recorded for the account (domain.Allocate
// as of no particular day) and stores the result: each invoice's open amount,
// each credit note's unapplied part (as a negative open amount), each
// payment's unapplied amount, and the settlements. It runs in the transaction
// that changed the ledger, so stored amounts are never stale.
func reallocate(ctx context.Context, tx *sql.Tx, account domain.AccountID) error {
	return reallocateAccounts(ctx, tx, []domain.AccountID{account})
}

// reallocateAccounts is reallocate for many accounts (an import's), reading
// their ledgers with a few statements and writing only what changed.
func reallocateAccounts(ctx context.Context, tx *sql.Tx, accounts []domain.AccountID) error {
	return reallocateMany(ctx, tx, accounts, true)
}

// reallocateAfterInvoices is reallocateAccounts for accounts whose ledgers
// changed only by invoices added (fully open, as insertInvoice stores them).
// Their stored settlements are not read: if no open or unapplied amount
// changes, no payment or credit note reached a new invoice, so each settled
// what it settled before; otherwise the account's settlements are rewritten.
func reallocateAfterInvoices(ctx context.Context, tx *sql.Tx, accounts []domain.AccountID) error {
	return reallocateMany(ctx, tx, accounts, false)
}

func reallocateMany(ctx context.Context, tx *sql.Tx, accounts []domain.AccountID, readSettled bool) error {
	if len(accounts) == 0 {
		return nil
	}
	cond, arg := `= ?`, any(int64(accounts[0]))
	if len(accounts) > 1 {
		b, _ := json.Marshal(accounts)
		cond, arg = `IN (SELECT value FROM json_each(?))`, string(b)
	}
	ledgers, err := readLedgers(ctx, tx, cond, arg, domain.Date{}, readSettled)
	if err != nil {
		return err
	}
	w := &allocationWriter{ctx: ctx, tx: tx, settlements: newBatch(settlementRows)}
	defer w.close()
	for _, id := range accounts {
		if l := ledgers[id]; l != nil {
			if err := w.store(id, l, readSettled); err != nil {
				return err
			}
		}
	}
	return w.settlements.flush(ctx, tx)
}

// allocationWriter writes allocations with statements prepared on first use,
// the settlements several rows a statement: one statement a row cost more
// than SQLite's own work when an import re-allocates 14,000 accounts.
type allocationWriter struct {
	ctx         context.Context
	tx          *sql.Tx
	stmts       map[string]*sql.Stmt // by query
	settlements *batch
}

func (w *allocationWriter) exec(query string, args ...any) error {
	st := w.stmts[query]
	if st == nil {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, query); err != nil {
			return err
		}
		if w.stmts == nil {
			w.stmts = map[string]*sql.Stmt{}
		}
		w.stmts[query] = st
	}
	_, err := st.ExecContext(w.ctx, args...)
	return err
}

// update sets column of table's rows from pairs of id and value, a statement
// a row (an UPDATE … FROM VALUES of many rows was slower).
func (w *allocationWriter) update(table, column string, pairs []any) error {
	for i := 0; i < len(pairs); i += 2 {
		if err := w.exec(`UPDATE `+table+` SET `+column+` = ?2 WHERE id = ?1`, pairs[i:i+2]...); err != nil {
			return err
		}
	}
	return nil
}

func (w *allocationWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
	w.settlements.close()
}

// allocate allocates a ledger (as of no particular day) and returns, with the
// allocation, the open amount each of its invoices stores: an invoice's open
// amount, and for a credit note, absent from a.Open, what is left of it: the
// credit it still gives, as a negative amount (its gross plus what it settled).
func allocate(l domain.Ledger) (domain.Allocation, map[domain.InvoiceID]domain.Amount) {
	a := domain.Allocate(l, domain.Date{})
	open := make(map[domain.InvoiceID]domain.Amount, len(l.Invoices))
	for _, s := range a.Settlements {
		if s.CreditNote != 0 {
			open[s.CreditNote] += s.Amount
		}
	}
	for _, inv := range l.Invoices {
		if inv.Kind == domain.KindCreditNote {
			open[inv.ID] += inv.Gross
		} else {
			open[inv.ID] = a.Open[inv.ID]
		}
	}
	return a, open
}

// store allocates one account's ledger and writes what differs from what is stored.
// Without knownSettled, the settlements are rewritten only when an amount changed.
func (w *allocationWriter) store(account domain.AccountID, l *storedLedger, knownSettled bool) error {
	if !l.Ledger.WithinBounds() {
		var code string
		if err := w.tx.QueryRowContext(w.ctx, `SELECT code FROM accounts WHERE id = ?`, int64(account)).Scan(&code); err != nil {
			return err
		}
		return domain.ErrLedgerTooLarge(code)
	}
	a, open := allocate(l.Ledger)
	var opens, unapplied []any // id, value, id, value …
	for _, inv := range l.Invoices {
		if o := open[inv.ID]; o != l.open[inv.ID] {
			opens = append(opens, int64(inv.ID), int64(o))
		}
	}
	for _, p := range l.Payments {
		if u := a.Unapplied[p.ID]; u != l.unapplied[p.ID] {
			unapplied = append(unapplied, int64(p.ID), int64(u))
		}
	}
	changed := len(opens) > 0 || len(unapplied) > 0
	if err := w.update("invoices", "open_minor", opens); err != nil {
		return err
	}
	if err := w.update("payments", "unapplied_minor", unapplied); err != nil {
		return err
	}
	if knownSettled && slices.Equal(a.Settlements, l.settled) || !knownSettled && !changed {
		return nil
	}
	// The account's new settlements join those queued for the accounts
	// before it (a statement writes 32, whoever's): its DELETE touches only
	// its own rows, none of them queued yet.
	if err := w.exec(`DELETE FROM settlements WHERE account_id = ?`, int64(account)); err != nil {
		return err
	}
	for i := range a.Settlements {
		if err := w.settlements.add(w.ctx, w.tx, SettlementRow(account, &a.Settlements[i]).vals); err != nil {
			return err
		}
	}
	return nil
}
