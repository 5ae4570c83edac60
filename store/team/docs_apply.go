package team

import (
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

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
	if err == nil {
		a.conf++ // the round's count of new entries: the window reads the list again
	}
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
	if err == nil {
		a.conf++
	}
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
	after []func() error // what must follow the group's rows (their lines)
}

// afterGroup runs fn once the rows grouped for table so far are written
// (now, when none waits).
func (a *applier) afterGroup(table string, fn func() error) error {
	if g := a.groups[table]; g != nil && g.rows > 0 {
		g.after = append(g.after, fn)
		return nil
	}
	return fn()
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
	if g.rows > 0 {
		if _, err := a.exec(g.sql(g.rows), g.args...); err != nil {
			return fmt.Errorf("write %s: %w", g.table, err)
		}
		g.args, g.rows = g.args[:0], 0
	}
	after := g.after
	g.after = nil
	for _, fn := range after {
		if err := fn(); err != nil {
			return err
		}
	}
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
	p := rowParser{s: text}
	rows, err := p.rows()
	if err != nil {
		return nil, fmt.Errorf("lines %.40q: %w", text, err)
	}
	return rows, nil
}

// rowParser reads the JSON of virtual columns: an array of arrays of
// strings, integers and nulls (as SQLite's json_array writes them; a nested
// array inside, read through a subquery, is a string). A new file reads
// millions of lines: encoding/json's reflection cost more than writing them.
type rowParser struct {
	s string
	i int
}

func (p *rowParser) rows() ([][]any, error) {
	if !p.take('[') {
		return nil, p.fail("an array")
	}
	var out [][]any
	if p.take(']') {
		return out, p.end()
	}
	for {
		if !p.take('[') {
			return nil, p.fail("an array")
		}
		var row []any
		if !p.take(']') {
			for {
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				row = append(row, v)
				if p.take(']') {
					break
				}
				if !p.take(',') {
					return nil, p.fail("a comma")
				}
			}
		}
		out = append(out, row)
		if p.take(']') {
			return out, p.end()
		}
		if !p.take(',') {
			return nil, p.fail("a comma")
		}
	}
}

// space skips white space.
func (p *rowParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\n' || p.s[p.i] == '\t' || p.s[p.i] == '\r') {
		p.i++
	}
}

// take skips white space and then c, if it is there.
func (p *rowParser) take(c byte) bool {
	p.space()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *rowParser) end() error {
	if p.space(); p.i != len(p.s) {
		return p.fail("the end")
	}
	return nil
}

func (p *rowParser) fail(want string) error { return fmt.Errorf("at %d: want %s", p.i, want) }

func (p *rowParser) value() (any, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, p.fail("a value")
	}
	switch c := p.s[p.i]; {
	case c == '"':
		return p.str()
	case c == 'n' && strings.HasPrefix(p.s[p.i:], "null"):
		p.i += 4
		return nil, nil
	case c == '-' || c >= '0' && c <= '9':
		j := p.i + 1
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		n, err := strconv.ParseInt(p.s[p.i:j], 10, 64)
		if err != nil || j < len(p.s) && (p.s[j] == '.' || p.s[j] == 'e' || p.s[j] == 'E') {
			return nil, p.fail("an integer")
		}
		p.i = j
		return n, nil
	case c == '[':
		// A nested array (json_array of a JSON value): kept as its text.
		start, depth, inStr := p.i, 0, false
		for ; p.i < len(p.s); p.i++ {
			switch ch := p.s[p.i]; {
			case inStr && ch == '\\':
				p.i++
			case ch == '"':
				inStr = !inStr
			case !inStr && ch == '[':
				depth++
			case !inStr && ch == ']':
				depth--
				if depth == 0 {
					p.i++
					return p.s[start:p.i], nil
				}
			}
		}
		return nil, p.fail("the end of an array")
	}
	return nil, p.fail("a string, an integer or null")
}

// str reads a JSON string; one without escapes is a slice of the text.
func (p *rowParser) str() (string, error) {
	p.i++ // the opening quote
	start := p.i
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '"':
			v := p.s[start:p.i]
			p.i++
			return v, nil
		case '\\':
			return p.escaped(start)
		}
		p.i++
	}
	return "", p.fail("the end of a string")
}

func (p *rowParser) escaped(start int) (string, error) {
	var b strings.Builder
	b.WriteString(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '"' {
			p.i++
			return b.String(), nil
		}
		if c != '\\' {
			b.WriteByte(c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			break
		}
		p.i += 2
		switch e := p.s[p.i-1]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.fail("four hex digits")
			}
			if utf16.IsSurrogate(r) && strings.HasPrefix(p.s[p.i:], "\\u") {
				p.i += 2
				r2, ok := p.hex4()
				if !ok {
					return "", p.fail("four hex digits")
				}
				r = utf16.DecodeRune(r, r2)
			}
			b.WriteRune(r)
		default:
			return "", p.fail("an escape")
		}
	}
	return "", p.fail("the end of a string")
}

func (p *rowParser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}

// productID is the file's id of a line's product: by uid, else by SKU.
func (a *applier) productID(uid, sku any) (int64, error) {
	if u, ok := uid.(string); ok {
		id, err := a.localID("products", u)
		if err != nil || id != 0 {
			return id, err
		}
	}
	var id int64
	row, err := a.queryRow(`SELECT coalesce((SELECT id FROM products WHERE sku = ?), 0)`, sku)
	if err != nil {
		return 0, err
	}
	return id, row.Scan(&id)
}

// documentLines writes a quote's or order's lines (the JSON of docLineValues)
// under key (the key columns' values, before line_no).
func (a *applier) documentLines(table, keyCols string, key []any, text any) error {
	rows, err := jsonRows(text)
	if err != nil {
		return err
	}
	cols := keyCols + `, line_no, product_id, sku, name, unit, qty_e3, price_e4, engine_price_e4, source, manual_reason, discount_e2, vat_rate, net_minor`
	for i, r := range rows {
		if len(r) != 12 {
			return fmt.Errorf("a line of %s has %d values, want 12", table, len(r))
		}
		product, err := a.productID(r[0], r[1])
		if err != nil {
			return err
		}
		vals := append(append([]any{}, key...), int64(i+1), product)
		if err := a.addRow(table, cols, append(vals, r[1:]...)...); err != nil {
			return err
		}
	}
	return nil
}

func writeOrderChildren(a *applier, id int64, vals map[string]any, changed map[string]bool, fresh bool) error {
	if !changed["lines"] {
		return nil
	}
	if !fresh {
		if _, err := a.exec(`DELETE FROM order_lines WHERE order_id = ?`, id); err != nil {
			return err
		}
	}
	return a.documentLines("order_lines", "order_id", []any{id}, vals["lines"])
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
	revs, err := jsonRows(vals["revisions"])
	if err != nil {
		return err
	}
	for _, r := range revs {
		if len(r) != 18 {
			return fmt.Errorf("a revision of a quote has %d values, want 18", len(r))
		}
		account, contact := r[2], r[4]
		if u, ok := account.(string); ok {
			if account, err = a.localID("accounts", u); err != nil {
				return err
			}
		}
		if u, ok := contact.(string); ok {
			n, err := a.localID("contacts", u)
			if err != nil {
				return err
			}
			contact = nil
			if n != 0 {
				contact = n
			}
		}
		if err := a.addRow("quote_revisions", `quote_id, revision, status, account_id, currency, contact_id, quoted_on, valid_until,
			terms_days, terms_eom, delivery_terms, notes, owner, net_minor, vat_minor, gross_minor, line_count, saved_at`,
			id, r[0], r[1], account, r[3], contact, r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15], r[16]); err != nil {
			return err
		}
		if err := a.documentLines("quote_lines", "quote_id, revision", []any{id, r[0]}, r[17]); err != nil {
			return err
		}
	}
	return a.documentLines("quote_lines", "quote_id, revision", []any{id, vals["revision"]}, vals["lines"])
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
		rows, err := jsonRows(vals["lines"])
		if err != nil {
			return err
		}
		for _, r := range rows {
			if len(r) != 10 {
				return fmt.Errorf("a line of an invoice has %d values, want 10", len(r))
			}
			product, err := a.productID(r[1], r[2])
			if err != nil {
				return err
			}
			if err := a.addRow("invoice_lines", `invoice_id, line_no, product_id, sku, name, unit, qty_e3, price_e4, discount_e2, vat_rate, net_minor`,
				id, r[0], product, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]); err != nil {
				return err
			}
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
