package team

import (
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
)

// This file writes pulled documents into the file: their lines and other
// child rows from the JSON their rows carry, and what the Conflicts list must
// hear of (an order delivered twice, a confirmation over the credit limit).

// specIndex is the position of spec name in specs (-1: none).
func specIndex(name string) int {
	for i, s := range specs {
		if s.name == name {
			return i
		}
	}
	return -1
}

func toAny(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// updateDocument writes a pulled change of a document: the header's columns
// in set (with args), then the virtual columns that changed.
func (a *applier) updateDocument(s *tableSpec, id int64, key string, set []string, args []any, merged map[string]any, virtual map[string]bool) error {
	if s.touch {
		set = append(set, "version = version + 1", "updated_at = ?")
		args = append(args, a.now)
	}
	if len(set) > 0 {
		if _, err := a.exec(`UPDATE `+s.name+` SET `+strings.Join(set, ", ")+` WHERE id = ?`, append(args, id)...); err != nil {
			return fmt.Errorf("write %s %s: %w", s.name, key, err)
		}
	}
	if len(virtual) > 0 && s.doc.write != nil {
		if err := s.doc.write(a, id, merged, virtual, false); err != nil {
			return fmt.Errorf("write %s %s: %w", s.name, key, err)
		}
	}
	return nil
}

// noticeKind is what a pulled document tells the Conflicts list.
type noticeKind int

const (
	noticeDeliveredTwice noticeKind = iota // an invoice that repeats its order's
	noticeCredit                           // an order confirmed over the credit limit on the server
)

type notice struct {
	kind noticeKind
	key  string // the invoice's or order's uid
}

// documentApplied notes what a written document means beyond its fields:
// the ledger it changed, an invoice the server marked as repeating its
// order's, an order the server found over the credit limit. local is the
// file's row before (nil: new), vals the server's.
func (a *applier) documentApplied(s *tableSpec, key string, local, vals map[string]any) {
	if s.doc.ledger {
		if id, ok := vals["account_id"].(int64); ok {
			if a.ledgers == nil {
				a.ledgers = map[int64]bool{}
			}
			a.ledgers[id] = true
		}
	}
	switch s.name {
	case "invoices":
		if sameValue(vals["repeats_order"], int64(1)) && (local == nil || !sameValue(local["repeats_order"], int64(1))) {
			a.notices = append(a.notices, notice{noticeDeliveredTwice, key})
		}
	case "orders":
		// A joining file takes what happened before as history.
		if v := vals["credit_exposure_minor"]; v != nil && !a.join && !a.fresh && (local == nil || !sameValue(local["credit_exposure_minor"], v)) {
			a.notices = append(a.notices, notice{noticeCredit, key})
		}
	}
}

// reportNotices adds the Conflicts entries of the documents written, and
// closes the entries of orders delivered twice whose later invoice has been
// credited in full since (on this machine or another). Orders delivered
// twice are the back office's to settle: only its files list them.
func (a *applier) reportNotices() error {
	var role string
	_ = a.tx.QueryRowContext(a.ctx, `SELECT value FROM team_state WHERE key = ?`, stateRole).Scan(&role)
	for _, n := range a.notices {
		var err error
		switch n.kind {
		case noticeDeliveredTwice:
			if role == string(domain.RoleBackoffice) {
				err = a.reportDeliveredTwice(n.key)
			}
		case noticeCredit:
			err = a.reportCredit(n.key)
		}
		if err != nil {
			return err
		}
	}
	a.notices = nil
	_, err := a.tx.ExecContext(a.ctx, `UPDATE team_conflicts SET resolved_at = ? WHERE resolved_at IS NULL AND kind = 'delivered_twice'
		AND (SELECT coalesce(sum(c.gross_minor), 0) + i.gross_minor FROM invoices i LEFT JOIN invoices c ON c.corrects_id = i.id
			WHERE i.uid = team_conflicts.row_key) <= 0`, stampNow())
	return err
}

// reportDeliveredTwice lists an invoice that repeats its order's, unless
// it is listed already or credited in full.
func (a *applier) reportDeliveredTwice(uid string) error {
	var order, first, later, created string
	var left int64
	err := a.tx.QueryRowContext(a.ctx, `SELECT coalesce(o.number, ''), coalesce((SELECT f.number FROM invoices f WHERE f.order_id = i.order_id
			AND f.kind = 'invoice' AND f.id <> i.id ORDER BY f.repeats_order, f.number LIMIT 1), ''), i.number, i.created_at,
			i.gross_minor + (SELECT coalesce(sum(c.gross_minor), 0) FROM invoices c WHERE c.corrects_id = i.id)
		FROM invoices i LEFT JOIN orders o ON o.id = i.order_id WHERE i.uid = ?`, uid).Scan(&order, &first, &later, &created, &left)
	if err != nil {
		return fmt.Errorf("read the invoice delivered twice: %w", err)
	}
	var listed int
	if err := a.tx.QueryRowContext(a.ctx, `SELECT count(*) FROM team_conflicts WHERE kind = 'delivered_twice' AND row_key = ?`, uid).Scan(&listed); err != nil {
		return err
	}
	if listed > 0 || left <= 0 {
		return nil
	}
	at, _ := time.Parse(time.RFC3339Nano, created)
	_, err = a.tx.ExecContext(a.ctx, `INSERT INTO team_conflicts (kind, tbl, row_key, record, field, kept, lost, kept_text, lost_text, who, at)
		VALUES ('delivered_twice', 'invoices', ?, ?, '', ?, ?, ?, ?, 'the team server', ?)`, uid, order, encodeJSON(first), encodeJSON(later),
		first, later, moment(at))
	return err
}

// reportCredit lists an order the server found over the credit limit.
func (a *applier) reportCredit(uid string) error {
	var label, by string
	var exposure, limit int64
	err := a.tx.QueryRowContext(a.ctx, `SELECT `+specByName["orders"].label+`, coalesce(t.credit_exposure_minor, 0),
		coalesce((SELECT a.credit_limit_minor FROM accounts a WHERE a.id = t.account_id), 0),
		CASE WHEN t.credit_override_by <> '' THEN t.credit_override_by ELSE t.owner END
		FROM orders t WHERE t.uid = ?`, uid).Scan(&label, &exposure, &limit, &by)
	if err != nil {
		return fmt.Errorf("read the order over its credit limit: %w", err)
	}
	show := column{show: showMinor}
	_, err = a.tx.ExecContext(a.ctx, `INSERT INTO team_conflicts (kind, tbl, row_key, record, field, kept, lost, kept_text, lost_text, who, at)
		VALUES ('credit', 'orders', ?, ?, 'credit_limit', ?, ?, ?, ?, ?, ?)`, uid, label, exposure, limit,
		show.display(exposure), show.display(limit), by, moment(time.Now()))
	return err
}

// rowGroup inserts rows of one table several at a time: a new file takes
// millions of lines.
type rowGroup struct {
	table string
	cols  int
	sql   func(n int) string
	args  []any
	rows  int
}

// groupRows is how many rows one statement of a group inserts.
const groupRows = 64

// addRow inserts a row of table (columns cols) now, or in a group while a
// new file is filled.
func (a *applier) addRow(table, cols string, vals ...any) error {
	if !a.fresh {
		_, err := a.exec(`INSERT INTO `+table+` (`+cols+`) VALUES (?`+strings.Repeat(", ?", len(vals)-1)+`)`, vals...)
		return err
	}
	if a.groups == nil {
		a.groups = map[string]*rowGroup{}
	}
	g := a.groups[table]
	if g == nil {
		width := len(vals)
		row := "(?" + strings.Repeat(", ?", width-1) + ")"
		g = &rowGroup{table: table, cols: width, sql: func(n int) string {
			return `INSERT INTO ` + table + ` (` + cols + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
		}}
		a.groups[table] = g
	}
	g.args = append(g.args, vals...)
	g.rows++
	if g.rows == groupRows {
		return a.flushGroup(g)
	}
	return nil
}

func (a *applier) flushGroup(g *rowGroup) error {
	if g.rows == 0 {
		return nil
	}
	if _, err := a.exec(g.sql(g.rows), g.args...); err != nil {
		return fmt.Errorf("write %s: %w", g.table, err)
	}
	g.args, g.rows = g.args[:0], 0
	return nil
}

// nextID gives the next id of a table a new file is filled with.
func (a *applier) nextID(table string) int64 {
	if a.lastID == nil {
		a.lastID = map[string]int64{}
	}
	if _, ok := a.lastID[table]; !ok {
		var last int64
		_ = a.tx.QueryRowContext(a.ctx, `SELECT coalesce(max(id), 0) FROM `+table).Scan(&last)
		a.lastID[table] = last
	}
	a.lastID[table]++
	return a.lastID[table]
}

// flushGroups writes the rows still grouped, parents' tables first.
func (a *applier) flushGroups() error {
	for _, t := range []string{"quotes", "orders", "invoices", "payments", "quote_revisions", "quote_lines", "order_lines", "invoice_lines", "ksef_files"} {
		if g := a.groups[t]; g != nil {
			if err := a.flushGroup(g); err != nil {
				return err
			}
		}
	}
	return nil
}

// jsonRows parses a virtual column's JSON text: an array of arrays. A nested
// array read through a subquery arrives as its text; it stays a string.
func jsonRows(v any) ([][]any, error) {
	text, _ := v.(string)
	if text == "" {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var rows [][]any
	if err := dec.Decode(&rows); err != nil {
		return nil, fmt.Errorf("lines %.40q: %w", text, err)
	}
	for _, r := range rows {
		for i, x := range r {
			if n, ok := x.(json.Number); ok {
				v, err := n.Int64()
				if err != nil {
					return nil, fmt.Errorf("lines: %s is not an integer", n)
				}
				r[i] = v
			}
		}
	}
	return rows, nil
}

// A quote's or order's lines from their JSON (docLineValues), written by
// SQLite from the text itself: a new file takes over a million.
const docLinesFromJSON = `SELECT ?1, l.key + 1, coalesce((SELECT p.id FROM products p WHERE p.uid = l.value ->> 0),
	(SELECT p.id FROM products p WHERE p.sku = l.value ->> 1)), l.value ->> 1, l.value ->> 2, l.value ->> 3, l.value ->> 4,
	l.value ->> 5, l.value ->> 6, l.value ->> 7, l.value ->> 8, l.value ->> 9, l.value ->> 10, l.value ->> 11 FROM json_each(?2) l`

const docLineColumns = `line_no, product_id, sku, name, unit, qty_e3, price_e4, engine_price_e4, source, manual_reason, discount_e2, vat_rate, net_minor`

func writeOrderChildren(a *applier, id int64, vals map[string]any, changed map[string]bool, fresh bool) error {
	if !changed["lines"] {
		return nil
	}
	if !fresh {
		if _, err := a.exec(`DELETE FROM order_lines WHERE order_id = ?`, id); err != nil {
			return err
		}
	}
	_, err := a.exec(`INSERT INTO order_lines (order_id, `+docLineColumns+`) `+docLinesFromJSON, id, lineText(vals["lines"]))
	return err
}

// lineText is a virtual column's JSON text, "[]" for none.
func lineText(v any) string {
	if s, ok := v.(string); ok && s != "" {
		return s
	}
	return "[]"
}

// writeQuoteChildren writes a quote's current lines and its earlier
// revisions (headers and lines) anew.
func writeQuoteChildren(a *applier, id int64, vals map[string]any, changed map[string]bool, fresh bool) error {
	if !changed["lines"] && !changed["revisions"] {
		return nil
	}
	if !fresh {
		for _, q := range []string{`DELETE FROM quote_lines WHERE quote_id = ?`, `DELETE FROM quote_revisions WHERE quote_id = ?`} {
			if _, err := a.exec(q, id); err != nil {
				return err
			}
		}
	}
	revisions := lineText(vals["revisions"])
	if revisions != "[]" {
		if _, err := a.exec(`INSERT INTO quote_revisions (quote_id, revision, status, account_id, currency, contact_id, quoted_on,
			valid_until, terms_days, terms_eom, delivery_terms, notes, owner, net_minor, vat_minor, gross_minor, line_count, saved_at)
			SELECT ?1, r.value ->> 0, r.value ->> 1, (SELECT x.id FROM accounts x WHERE x.uid = r.value ->> 2), r.value ->> 3,
				(SELECT x.id FROM contacts x WHERE x.uid = r.value ->> 4), r.value ->> 5, r.value ->> 6, r.value ->> 7, r.value ->> 8,
				r.value ->> 9, r.value ->> 10, r.value ->> 11, r.value ->> 12, r.value ->> 13, r.value ->> 14, r.value ->> 15, r.value ->> 16
			FROM json_each(?2) r`, id, revisions); err != nil {
			return err
		}
		if _, err := a.exec(`INSERT INTO quote_lines (quote_id, revision, `+docLineColumns+`)
			SELECT ?1, r.value ->> 0, l.key + 1, coalesce((SELECT p.id FROM products p WHERE p.uid = l.value ->> 0),
				(SELECT p.id FROM products p WHERE p.sku = l.value ->> 1)), l.value ->> 1, l.value ->> 2, l.value ->> 3, l.value ->> 4,
				l.value ->> 5, l.value ->> 6, l.value ->> 7, l.value ->> 8, l.value ->> 9, l.value ->> 10, l.value ->> 11
			FROM json_each(?2) r, json_each(r.value ->> 17) l`, id, revisions); err != nil {
			return err
		}
	}
	_, err := a.exec(`INSERT INTO quote_lines (quote_id, revision, `+docLineColumns+`)
		SELECT ?1, ?3, l.key + 1, coalesce((SELECT p.id FROM products p WHERE p.uid = l.value ->> 0),
			(SELECT p.id FROM products p WHERE p.sku = l.value ->> 1)), l.value ->> 1, l.value ->> 2, l.value ->> 3, l.value ->> 4,
			l.value ->> 5, l.value ->> 6, l.value ->> 7, l.value ->> 8, l.value ->> 9, l.value ->> 10, l.value ->> 11
		FROM json_each(?2) l`, id, lineText(vals["lines"]), vals["revision"])
	return err
}

// writeInvoiceChildren writes an invoice's lines and its FA(3) file with
// its KSeF status, byte for byte as the issuing machine built it.
func writeInvoiceChildren(a *applier, id int64, vals map[string]any, changed map[string]bool, fresh bool) error {
	if changed["lines"] {
		if !fresh {
			if _, err := a.exec(`DELETE FROM invoice_lines WHERE invoice_id = ?`, id); err != nil {
				return err
			}
		}
		if _, err := a.exec(`INSERT INTO invoice_lines (invoice_id, line_no, product_id, sku, name, unit, qty_e3, price_e4, discount_e2,
			vat_rate, net_minor) SELECT ?1, l.value ->> 0, coalesce((SELECT p.id FROM products p WHERE p.uid = l.value ->> 1),
				(SELECT p.id FROM products p WHERE p.sku = l.value ->> 2), 0), l.value ->> 2, l.value ->> 3, l.value ->> 4, l.value ->> 5,
				l.value ->> 6, l.value ->> 7, l.value ->> 8, l.value ->> 9 FROM json_each(?2) l`, id, lineText(vals["lines"])); err != nil {
			return err
		}
	}
	if !changed["ksef"] {
		return nil
	}
	if !fresh {
		if _, err := a.exec(`DELETE FROM ksef_files WHERE invoice_id = ?`, id); err != nil {
			return err
		}
	}
	text, _ := vals["ksef"].(string)
	if text == "" {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var k []any
	if err := dec.Decode(&k); err != nil || len(k) != 9 {
		return fmt.Errorf("the FA(3) file of an invoice: %.60q", text)
	}
	var xml any
	if h, _ := k[1].(string); h != "" {
		b, err := hex.DecodeString(h)
		if err != nil {
			return fmt.Errorf("the FA(3) file of an invoice: %w", err)
		}
		xml = b
	}
	return a.addRow("ksef_files", `invoice_id, status, xml, sha256, seller_nip, reasons, built_at, ksef_number, assigned_at, recorded_at`,
		id, k[0], xml, k[2], k[3], k[4], k[5], k[6], k[7], k[8])
}

// noteLedger notes the account of a ledger row about to be removed.
func (a *applier) noteLedger(s *tableSpec, key string) error {
	if s.doc == nil || !s.doc.ledger {
		return nil
	}
	var id int64
	err := a.tx.QueryRowContext(a.ctx, `SELECT account_id FROM `+s.name+` WHERE uid = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if a.ledgers == nil {
		a.ledgers = map[int64]bool{}
	}
	a.ledgers[id] = true
	return nil
}

// settle ends a pull's writes of documents: the rows still grouped, the
// ledgers allocated again, the Conflicts list told.
func (a *applier) settle() error {
	if err := a.flushGroups(); err != nil {
		return err
	}
	if len(a.ledgers) > 0 {
		ids := make([]domain.AccountID, 0, len(a.ledgers))
		for id := range a.ledgers {
			ids = append(ids, domain.AccountID(id))
		}
		slices.Sort(ids)
		if err := store.Reallocate(a.ctx, a.tx, ids); err != nil {
			return fmt.Errorf("allocate the ledgers that changed: %w", err)
		}
		a.ledgers = nil
	}
	return a.reportNotices()
}
