package team

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Documents and money: quotes and orders, invoices and credit
// notes with their FA(3) files, payments. They are specs like the others;
// what they add is in docSpec:
//
//   - A document's lines (a quote's revisions, an invoice's FA(3) file) live
//     in tables of their own and travel in the document's row as JSON text:
//     virtual columns, read by an SQL expression and written by doc.write.
//     Lines are written around the header, so a document's changes are
//     marked (team_dirty) by triggers on the header and on those tables and
//     read whole when pushed (dirty.go): the outbox then holds one change per
//     document, its old value the document before its first change. Payments
//     are read the same way, so that they follow the invoices they name.
//   - Lifecycle moves merge like fields, but a move clashes with any other
//     move of the same document (one confirms, another cancels): every field
//     of the move becomes a conflict, never a silent winner.
//   - A state locks fields: a confirmed order's lines, everything of a
//     delivered or cancelled order or of an accepted or rejected quote. An
//     edit that reaches the server after the lock is a conflict (the server's
//     triggers refuse it from anyone else).
//   - Invoices and payments are insert-only on the server (credit notes
//     correct invoices; a payment recorded in error is deleted). A payment is
//     one bank transfer: a second machine's record of the same transfer is
//     taken as the first (identity).
//   - Invoices and payments make ledgers: a pull that brings some allocates
//     the accounts again, as the store does after its own writes.

// docSpec is what a document adds to its table spec.
type docSpec struct {
	// children are the tables whose rows belong to a document: a change of
	// one of them is a change of the document. A spec with children is
	// marked dirty instead of logging each write (dirty.go).
	children []child
	// write writes the virtual columns named in changed of the file's row id
	// (vals holds every column, local names); fresh: the row was just
	// inserted and has no child rows yet.
	write func(a *applier, id int64, vals map[string]any, changed map[string]bool, fresh bool) error
	// lifecycle are the fields a lifecycle move changes together (status,
	// the delivery date, the cancel reason).
	lifecycle []string
	// locks are the fields a state of the server's row freezes.
	locks []lock
	// identity are the server columns that make two rows one (a payment's
	// account, date, amount, reference and repeat number): an insert that
	// finds a row with the same values takes that row's uid instead.
	identity []string
	// initial are the file's columns a new row takes from another of its
	// columns (an invoice is open for its gross until allocated).
	initial map[string]string
	// ledger: the rows are invoices or payments of an account's ledger.
	ledger bool
	// insertOnly: rows are inserted and deleted, never updated (payments).
	insertOnly bool
	// order is the order (SQL over alias x) the server's rows are written
	// in, when a row must follow another of its table (a credit note its
	// invoice: the file refuses one without it).
	order string
}

// child is a table whose rows belong to a document: parent is its column
// holding the document's id.
type child struct{ table, parent string }

// lock freezes fields of a row while the server's row has column state at
// one of the values in when: fields (nil: every field but except).
type lock struct {
	state  string
	when   []string
	fields []string
	except []string
}

// locks reports whether server field k is frozen by the server's row.
func (d *docSpec) locked(row map[string]any, k string) bool {
	if d == nil {
		return false
	}
	for _, l := range d.locks {
		st, _ := row[l.state].(string)
		if !contains(l.when, st) {
			continue
		}
		if l.fields == nil && !contains(l.except, k) || contains(l.fields, k) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// lazy reports whether s's changes are marked dirty and read whole: every
// document's are, payments' too, so that they reach the server after the
// invoices they name (dirty documents are read in spec order).
func (s *tableSpec) lazy() bool { return s.doc != nil }

func virtualCol(name, expr string) column {
	return column{local: name, server: name, kind: kText, field: name, expr: expr}
}

func pullOnly(c column) column {
	c.pullOnly = true
	return c
}

// A line travels as a JSON array of its columns in this order, the product
// as its uid; a document's lines as an array of them by line number.
const docLineValues = `(SELECT p.uid FROM products p WHERE p.id = l.product_id), l.sku, l.name, l.unit, l.qty_e3, l.price_e4,
	l.engine_price_e4, l.source, l.manual_reason, l.discount_e2, l.vat_rate, l.net_minor`

const (
	quoteLinesSQL = `SELECT json_group_array(json_array(` + docLineValues + `) ORDER BY l.line_no)
		FROM quote_lines l WHERE l.quote_id = t.id AND l.revision = t.revision`
	// A quote's earlier revisions, each its header and lines.
	quoteRevisionsSQL = `SELECT json_group_array(json_array(r.revision, r.status, (SELECT a.uid FROM accounts a WHERE a.id = r.account_id),
		r.currency, (SELECT c.uid FROM contacts c WHERE c.id = r.contact_id), r.quoted_on, r.valid_until, r.terms_days, r.terms_eom,
		r.delivery_terms, r.notes, r.owner, r.net_minor, r.vat_minor, r.gross_minor, r.line_count, r.saved_at,
		(SELECT json_group_array(json_array(` + docLineValues + `) ORDER BY l.line_no) FROM quote_lines l
			WHERE l.quote_id = r.quote_id AND l.revision = r.revision)) ORDER BY r.revision)
		FROM quote_revisions r WHERE r.quote_id = t.id`
	orderLinesSQL = `SELECT json_group_array(json_array(` + docLineValues + `) ORDER BY l.line_no)
		FROM order_lines l WHERE l.order_id = t.id`
	invoiceLinesSQL = `SELECT json_group_array(json_array(l.line_no, (SELECT p.uid FROM products p WHERE p.id = l.product_id), l.sku,
		l.name, l.unit, l.qty_e3, l.price_e4, l.discount_e2, l.vat_rate, l.net_minor) ORDER BY l.line_no)
		FROM invoice_lines l WHERE l.invoice_id = t.id`
	// An invoice's FA(3) file with its KSeF status (NULL: none), the bytes in hex.
	invoiceKSeFSQL = `SELECT json_array(k.status, hex(k.xml), k.sha256, k.seller_nip, k.reasons, k.built_at, k.ksef_number,
		k.assigned_at, k.recorded_at) FROM ksef_files k WHERE k.invoice_id = t.id`
)

const accountCodeOf = `coalesce((SELECT a.code FROM accounts a WHERE a.id = t.account_id), '')`

// The writers of virtual columns are set here: they use the applier, which
// knows the specs, so naming them in documentSpecs would make the specs'
// initialisation depend on itself.
func init() {
	specByName["quotes"].doc.write = writeQuoteChildren
	specByName["orders"].doc.write = writeOrderChildren
	specByName["invoices"].doc.write = writeInvoiceChildren
}

var documentSpecs = []*tableSpec{
	{
		name: "quotes", server: "quotes", keyCol: "uid", stamps: []string{"created_at", "updated_at"}, touch: true, account: "account_uid",
		cols: []column{
			text("number"), integer("revision", "revision", showPlain), text("status"), ref("account_id", "account_uid", "accounts", "account_code"),
			ref("contact_id", "contact_uid", "contacts", "contact"), text("quoted_on"), text("valid_until"),
			integer("terms_days", "payment_terms_days", showPlain), boolean("terms_eom"), text("delivery_terms"), text("notes"), text("owner"),
			text("currency"), ref("order_id", "order_uid", "orders", "order"), integer("net_minor", "net", showMinor),
			integer("vat_minor", "vat", showMinor), integer("gross_minor", "gross", showMinor), integer("line_count", "line_count", showPlain),
			virtualCol("lines", quoteLinesSQL), virtualCol("revisions", quoteRevisionsSQL),
		},
		natural: []string{"number"},
		label:   `t.number || ' (' || ` + accountCodeOf + ` || ')'`,
		doc: &docSpec{
			children:  []child{{"quote_lines", "quote_id"}, {"quote_revisions", "quote_id"}},
			lifecycle: []string{"status"},
			// An accepted or rejected quote is closed; converting it to an
			// order still links the order.
			locks: []lock{{state: "status", when: []string{"accepted", "rejected"}, except: []string{"order_uid"}}},
		},
	},
	{
		name: "orders", server: "orders", keyCol: "uid", stamps: []string{"created_at", "updated_at"}, touch: true, account: "account_uid",
		cols: []column{
			text("number"), text("status"), ref("account_id", "account_uid", "accounts", "account_code"),
			ref("contact_id", "contact_uid", "contacts", "contact"), text("ordered_on"), text("requested_on"), text("delivered_on"),
			text("cancel_reason"), text("delivery_street"), text("delivery_postal"), text("delivery_city"), text("delivery_country"),
			text("customer_po"), integer("terms_days", "payment_terms_days", showPlain), boolean("terms_eom"), text("notes"), text("owner"),
			text("currency"), ref("quote_id", "quote_uid", "quotes", "quote"), integer("net_minor", "net", showMinor),
			integer("vat_minor", "vat", showMinor), integer("gross_minor", "gross", showMinor), integer("line_count", "line_count", showPlain),
			text("credit_override"), text("credit_override_by"), text("credit_override_at"),
			virtualCol("lines", orderLinesSQL),
			pullOnly(boolean("delivered_twice")), pullOnly(integer("credit_exposure_minor", "credit_exposure", showMinor)),
		},
		natural: []string{"number"},
		label:   `t.number || ' (' || ` + accountCodeOf + ` || ')'`,
		doc: &docSpec{
			children:  []child{{"order_lines", "order_id"}},
			lifecycle: []string{"status", "delivered_on", "cancel_reason"},
			locks: []lock{
				{state: "status", when: []string{"confirmed"}, fields: []string{"lines", "net_minor", "vat_minor", "gross_minor", "line_count", "account_uid"}},
				{state: "status", when: []string{"delivered", "cancelled"}, except: []string{"notes", "cancel_reason"}},
			},
		},
	},
	{
		name: "invoices", server: "invoices", keyCol: "uid", account: "account_uid",
		cols: []column{
			text("kind"), text("number"), ref("account_id", "account_uid", "accounts", "account_code"), ref("order_id", "order_uid", "orders", "order"),
			ref("corrects_id", "corrects_uid", "invoices", "corrects"), text("reason"), text("issued_on"), text("due_on"),
			integer("terms_days", "payment_terms_days", showPlain), boolean("terms_eom"), text("currency"), integer("net_minor", "net", showMinor),
			integer("vat_minor", "vat", showMinor), integer("gross_minor", "gross", showMinor), text("created_at"),
			virtualCol("lines", invoiceLinesSQL), virtualCol("ksef", invoiceKSeFSQL),
			pullOnly(boolean("repeats_order")),
		},
		natural: []string{"number"},
		label:   `t.number || ' (' || ` + accountCodeOf + ` || ')'`,
		doc: &docSpec{
			children: []child{{"invoice_lines", "invoice_id"}, {"ksef_files", "invoice_id"}},
			order:    `x.kind = 'credit'`,
			initial:  map[string]string{"open_minor": "gross_minor"},
			ledger:   true,
		},
	},
	{
		name: "payments", server: "payments", keyCol: "uid", account: "account_uid",
		cols: []column{
			ref("account_id", "account_uid", "accounts", "account_code"), text("paid_on"), integer("amount_minor", "amount", showMinor),
			text("reference"), ref("invoice_id", "invoice_uid", "invoices", "invoice"), integer("repeat_no", "repeat_no", showPlain),
			text("created_at"),
		},
		natural: []string{"account_id", "paid_on", "amount_minor", "reference", "repeat_no"},
		label: accountCodeOf + ` || ' ' || t.paid_on || ' ' || (t.amount_minor / 100) || ',' || printf('%02d', t.amount_minor % 100) ||
			' ' || t.reference`,
		doc: &docSpec{
			identity:   []string{"account_uid", "paid_on", "amount_minor", "reference", "repeat_no"},
			initial:    map[string]string{"unapplied_minor": "amount_minor"},
			ledger:     true,
			insertOnly: true,
		},
	},
}

// summarise writes a virtual column's value for a person (the Conflicts
// list): a document's lines as SKU × quantity, a quote's earlier revisions
// by number, an FA(3) file by its KSeF status.
func summarise(name string, v any) string {
	if name == "ksef" {
		var k []any
		if s, _ := v.(string); s != "" && json.Unmarshal([]byte(s), &k) == nil && len(k) == 9 {
			if n, _ := k[6].(string); n != "" {
				return fmt.Sprintf("%v %s", k[0], n)
			}
			return fmt.Sprint(k[0])
		}
		return ""
	}
	rows, err := jsonRows(v)
	if err != nil {
		s, _ := v.(string)
		return s
	}
	qty := func(x any) string {
		n, _ := x.(int64)
		return column{show: showE3}.display(n)
	}
	var parts []string
	switch name {
	case "lines":
		for _, r := range rows {
			switch len(r) {
			case 12: // a quote's or order's line
				parts = append(parts, fmt.Sprintf("%v × %s", r[1], qty(r[4])))
			case 10: // an invoice's
				parts = append(parts, fmt.Sprintf("%v × %s", r[2], qty(r[5])))
			}
		}
	case "revisions":
		for _, r := range rows {
			if len(r) > 1 {
				parts = append(parts, fmt.Sprintf("R%v %v", r[0], r[1]))
			}
		}
	}
	return strings.Join(parts, ", ")
}
