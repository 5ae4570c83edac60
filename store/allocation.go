package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"
	"time"

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
	orderOf := map[int64]invoiceAt{}
	err := collectArgs(ctx, q, `SELECT account_id, id, kind, number, coalesce(order_id, 0), coalesce(corrects_id, 0),
		issued_on, due_on, gross_minor, open_minor
		FROM invoices INDEXED BY invoices_by_account WHERE account_id `+cond+` AND issued_on <= ?`, func(rows *sql.Rows) error {
		var account domain.AccountID
		var inv domain.LedgerInvoice
		var order int64
		var issued, due string
		var open domain.Amount
		if err := rows.Scan(&account, &inv.ID, &inv.Kind, &inv.Number, &order, &inv.Corrects, &issued, &due, &inv.Gross, &open); err != nil {
			return err
		}
		inv.Date, inv.Due = storedDate(issued), storedDate(due)
		l := get(account)
		l.Invoices = append(l.Invoices, inv)
		l.open[inv.ID] = open
		if order != 0 && inv.Kind == domain.KindInvoice {
			orderOf[order] = invoiceAt{l, len(l.Invoices) - 1}
		}
		return nil
	}, arg, last)
	if err != nil {
		return nil, err
	}
	err = collectArgs(ctx, q, `SELECT account_id, id, paid_on, amount_minor, reference, coalesce(invoice_id, 0), unapplied_minor
		FROM payments INDEXED BY payments_by_account WHERE account_id `+cond+` AND paid_on <= ?`, func(rows *sql.Rows) error {
		var account domain.AccountID
		var p domain.LedgerPayment
		var paid string
		var unapplied domain.Amount
		if err := rows.Scan(&account, &p.ID, &paid, &p.Amount, &p.Reference, &p.Invoice, &unapplied); err != nil {
			return err
		}
		p.Date = storedDate(paid)
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
	err = collectArgs(ctx, q, `SELECT account_id, invoice_id, coalesce(payment_id, 0), coalesce(credit_note_id, 0), amount_minor
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
func readReferencedOrders(ctx context.Context, q queryer, ledgers map[domain.AccountID]*storedLedger, orderOf map[int64]invoiceAt) error {
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
	return collectArgs(ctx, q, `SELECT id, number FROM orders WHERE number IN (SELECT value FROM json_each(?))`, func(rows *sql.Rows) error {
		var id int64
		var number string
		if err := rows.Scan(&id, &number); err != nil {
			return err
		}
		if at, ok := orderOf[id]; ok { // else not invoiced (yet)
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
	w := &allocationWriter{ctx: ctx, tx: tx}
	defer w.close()
	for _, id := range accounts {
		if l := ledgers[id]; l != nil {
			if err := w.store(id, l, readSettled); err != nil {
				return err
			}
		}
	}
	return nil
}

// allocationWriter writes allocations with statements prepared on first use,
// several rows a statement: one statement a row cost more than SQLite's own
// work when an import re-allocates 14,000 accounts.
type allocationWriter struct {
	ctx        context.Context
	tx         *sql.Tx
	delSettled *sql.Stmt
	batched    map[string]*sql.Stmt // by query
}

// rowsPerStatement is how many rows one batched statement writes.
const rowsPerStatement = 32

func (w *allocationWriter) exec(st **sql.Stmt, query string, args ...any) error {
	if *st == nil {
		var err error
		if *st, err = w.tx.PrepareContext(w.ctx, query); err != nil {
			return err
		}
	}
	_, err := (*st).ExecContext(w.ctx, args...)
	return err
}

// execRows runs query(n) over args, width values a row, at most
// rowsPerStatement rows a statement.
func (w *allocationWriter) execRows(query func(n int) string, width int, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/width, rowsPerStatement)
		q := query(n)
		st := w.batched[q]
		if st == nil {
			var err error
			if st, err = w.tx.PrepareContext(w.ctx, q); err != nil {
				return err
			}
			if w.batched == nil {
				w.batched = map[string]*sql.Stmt{}
			}
			w.batched[q] = st
		}
		if _, err := st.ExecContext(w.ctx, args[:n*width]...); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}

// update sets column of table's rows from pairs of id and value, a statement
// a row (an UPDATE … FROM VALUES of many rows was slower).
func (w *allocationWriter) update(table, column string, pairs []any) error {
	for i := 0; i < len(pairs); i += 2 {
		if err := w.execRows(func(int) string {
			return `UPDATE ` + table + ` SET ` + column + ` = ?2 WHERE id = ?1`
		}, 2, pairs[i:i+2]); err != nil {
			return err
		}
	}
	return nil
}

// rowPlaceholders is n rows of width question marks: "(?, ?), (?, ?)".
func rowPlaceholders(n, width int) string {
	row := "(" + placeholders(width) + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

func (w *allocationWriter) close() {
	if w.delSettled != nil {
		w.delSettled.Close()
	}
	for _, st := range w.batched {
		st.Close()
	}
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
	a := domain.Allocate(l.Ledger, domain.Date{})
	// A credit note is absent from a.Open: what is left of it is the credit it
	// still gives, so its settlements are summed to find that.
	noteUsed := map[domain.InvoiceID]domain.Amount{}
	for _, s := range a.Settlements {
		if s.CreditNote != 0 {
			noteUsed[s.CreditNote] += s.Amount
		}
	}
	var opens, unapplied []any // id, value, id, value …
	for _, inv := range l.Invoices {
		open := a.Open[inv.ID]
		if inv.Kind == domain.KindCreditNote {
			open = inv.Gross + noteUsed[inv.ID]
		}
		if open != l.open[inv.ID] {
			opens = append(opens, int64(inv.ID), int64(open))
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
	if err := w.exec(&w.delSettled, `DELETE FROM settlements WHERE account_id = ?`, int64(account)); err != nil {
		return err
	}
	return w.insertSettlements(account, a.Settlements)
}

func (w *allocationWriter) insertSettlements(account domain.AccountID, all []domain.Settlement) error {
	args := make([]any, 0, 5*len(all))
	for _, s := range all {
		args = append(args, int64(account), int64(s.Invoice), nullID(int64(s.Payment)), nullID(int64(s.CreditNote)), int64(s.Amount))
	}
	return w.execRows(func(n int) string {
		return `INSERT INTO settlements (account_id, invoice_id, payment_id, credit_note_id, amount_minor) VALUES ` + rowPlaceholders(n, 5)
	}, 5, args)
}

// storedDate reads a *_on column. The store writes them as YYYY-MM-DD, which
// is read here without domain.ParseDate's leniency (and its cost: ledgers,
// lists and the receivables screen read tens of thousands of dates).
func storedDate(s string) domain.Date {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		n := func(p string) int {
			v := 0
			for i := 0; i < len(p); i++ {
				if p[i] < '0' || p[i] > '9' {
					return -1
				}
				v = v*10 + int(p[i]-'0')
			}
			return v
		}
		y, m, d := n(s[:4]), n(s[5:7]), n(s[8:])
		if y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			return domain.Date{Year: y, Month: time.Month(m), Day: d}
		}
	}
	out, _ := domain.ParseDate(s)
	return out
}
