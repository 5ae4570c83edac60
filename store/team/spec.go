package team

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// kind is how a column's value travels. Values in Go are nil, int64 or string
// everywhere (a boolean is 0 or 1, as in the file).
type kind int

const (
	kText kind = iota // TEXT in the file, text on the server
	kInt              // INTEGER, bigint
	kBool             // INTEGER 0/1, boolean
	kRef              // a local INTEGER id of another synced row; on the server that row's uid
)

// show is how a value is written for a person (the Conflicts list).
type show int

const (
	showPlain show = iota
	showMinor      // grosze → 1234.56
	showE4         // ×10⁴ → 12.3456
	showE3         // ×10³ → 1.5
	showE2         // ×10² → 12.5
	showBool       // yes / no
)

// column is one synced column.
type column struct {
	local  string // the file's column (for kRef the integer id column)
	server string // the server's column
	kind   kind
	ref    string // kRef: the referenced table's spec name
	show   show
	field  string // the name people see (as in the CSV contract)
	// expr makes the column virtual: its value in the file is this SQL
	// expression over alias t (a document's lines as JSON text), written by
	// its spec's doc.write, not as a column of the table.
	expr string
	// pullOnly: the server sets the column (an order delivered twice); the
	// file takes it from pulls and never sends it.
	pullOnly bool
}

// tableSpec describes one synced table; documents and ledgers are more of them.
type tableSpec struct {
	name    string // the spec's name: the file's table
	server  string // the server's table (in schema kontor)
	keyCol  string // the file's identity column: uid, or key for settings
	cols    []column
	account string // the server column naming the row's account ("uid" for accounts), "" for none
	// natural is the file's columns that identify a row to a person, matched
	// when an existing file joins (account code, SKU, group name …).
	natural []string
	// state is a column that archives or deletes a row softly: a change of it
	// on one side and an edit on the other is a conflict.
	state string
	// linked are fields that conflict with each other (a task ticked done on
	// one side, rescheduled on the other).
	linked [][]string
	// where limits the file's rows that sync (SQL over alias t), "" for all.
	where string
	// label is a SQL expression over alias t naming the row for a person.
	label string
	// stamps are the file's bookkeeping columns set to the moment a pulled
	// row is first written; touch: the file keeps updated_at and version
	// (bumped when a pulled change lands, so an open editor sees it changed).
	stamps []string
	touch  bool
	// doc is what a document adds (docs.go): tables of its lines, lifecycle
	// rules, nil for the other specs.
	doc *docSpec
	// inOrderOf is a text column a pull writes the rows in the order of, ""
	// for the server's order (see specs' activities).
	inOrderOf string
	// foundNew: a new row is not logged when it is written; the push finds
	// it by its missing uid (kept.go). Only for a table no synced row
	// refers to, whose rows the file never makes while applying a pull.
	foundNew bool
}

func ref(local, server, table, field string) column {
	return column{local: local, server: server, kind: kRef, ref: table, field: field}
}

func text(name string) column { return column{local: name, server: name, kind: kText, field: name} }

func integer(name, field string, sh show) column {
	return column{local: name, server: name, kind: kInt, show: sh, field: field}
}

func boolean(name string) column {
	return column{local: name, server: name, kind: kBool, show: showBool, field: name}
}

// specs are the synced tables in the order their rows depend on each other.
var specs = append([]*tableSpec{
	{
		name: "customer_groups", server: "customer_groups", keyCol: "uid", stamps: []string{"created_at"},
		cols:    []column{text("name")},
		natural: []string{"name"},
		label:   `t.name`,
	},
	{
		name: "accounts", server: "accounts", keyCol: "uid", stamps: []string{"created_at", "updated_at"}, touch: true, account: "uid",
		cols: []column{
			text("code"), text("name"), text("tax_id"), text("street"), text("postal_code"), text("city"), text("country"),
			text("ship_street"), text("ship_postal_code"), text("ship_city"), text("ship_country"), text("phone"), text("email"),
			text("currency"), integer("terms_days", "payment_terms_days", showPlain), boolean("terms_eom"),
			integer("credit_limit_minor", "credit_limit", showMinor), text("customer_group"),
			ref("parent_id", "parent_uid", "accounts", "parent_code"), text("owner"), text("notes"), boolean("archived"),
		},
		natural: []string{"code"},
		state:   "archived",
		label:   `t.code || ' ' || t.name`,
	},
	{
		name: "contacts", server: "contacts", keyCol: "uid", stamps: []string{"created_at", "updated_at"}, touch: true, account: "account_uid",
		cols: []column{
			ref("account_id", "account_uid", "accounts", "account_code"), text("first_name"), text("last_name"),
			text("role"), text("email"), text("phone"),
		},
		natural: []string{"account_id", "last_name", "first_name"},
		label:   `t.first_name || ' ' || t.last_name || ' (' || coalesce((SELECT a.code FROM accounts a WHERE a.id = t.account_id), '') || ')'`,
	},
	{
		name: "activities", server: "activities", keyCol: "uid", stamps: []string{"created_at", "updated_at"}, touch: true, account: "account_uid",
		// The history index is keyed by date, then id: new activities
		// written in falling dates (a day's calls logged last first) would
		// each start a new index segment, and merging a hundred of them
		// reached the million-row one (2.7 s of a round).
		inOrderOf: "occurred_at",
		foundNew:  true,
		cols: []column{
			ref("account_id", "account_uid", "accounts", "account_code"), ref("contact_id", "contact_uid", "contacts", "contact"),
			text("kind"), text("occurred_at"), text("subject"), text("notes"), text("outcome"), text("logged_by"),
			text("due_on"), boolean("done"), text("deleted_at"),
		},
		natural: []string{"account_id", "occurred_at", "kind", "subject"},
		state:   "deleted_at",
		linked:  [][]string{{"done", "due_on"}},
		label:   `t.kind || ': ' || t.subject || ' (' || coalesce((SELECT a.code FROM accounts a WHERE a.id = t.account_id), '') || ')'`,
	},
	{
		name: "products", server: "products", keyCol: "uid", stamps: []string{"created_at", "updated_at"}, touch: true,
		cols: []column{
			text("sku"), text("name"), text("description"), text("unit"), integer("list_price_e4", "list_price", showE4),
			text("vat_rate"), boolean("active"),
		},
		natural: []string{"sku"},
		state:   "active",
		label:   `t.sku || ' ' || t.name`,
	},
	{
		name: "price_agreements", server: "price_agreements", keyCol: "uid", account: "account_uid",
		cols: []column{
			ref("product_id", "product_uid", "products", "sku"), ref("account_id", "account_uid", "accounts", "account_code"),
			ref("group_id", "group_uid", "customer_groups", "customer_group"), integer("min_qty_e3", "min_qty", showE3),
			integer("price_e4", "price", showE4), integer("discount_e2", "discount_pct", showE2), text("starts_on"), text("ends_on"),
			text("created_by"), text("created_at"), text("ended_by"), text("ended_at"),
			ref("replaced_by", "replaced_by", "price_agreements", "replaced_by"),
		},
		natural: []string{"product_id", "account_id", "group_id", "min_qty_e3", "starts_on"},
		label: `coalesce((SELECT p.sku FROM products p WHERE p.id = t.product_id), '') || ' – ' || coalesce((SELECT a.code FROM accounts a WHERE a.id = t.account_id),
			(SELECT g.name FROM customer_groups g WHERE g.id = t.group_id), '')`,
	},
	{
		name: "settings", server: "team_settings", keyCol: "key",
		cols:  []column{text("value")},
		where: `(t.key LIKE 'company.%' OR t.key LIKE 'documents.%')`,
		label: `t.key`,
	},
}, documentSpecs...)

var specByName = func() map[string]*tableSpec {
	m := map[string]*tableSpec{}
	for _, s := range specs {
		m[s.name] = s
	}
	return m
}()

// col returns the column whose file name or server name is name.
func (s *tableSpec) col(name string) *column {
	for i := range s.cols {
		if s.cols[i].local == name || s.cols[i].server == name {
			return &s.cols[i]
		}
	}
	return nil
}

// serverKey is the server's identity column.
func (s *tableSpec) serverKey() string {
	if s.keyCol == "key" {
		return "key"
	}
	return "uid"
}

// serverSelect is the select list of a server row: key first, then the
// columns in spec order, as text/bigint/boolean so that every value scans
// into nil, string, int64 or bool.
func (s *tableSpec) serverSelect(alias string) string {
	parts := []string{alias + "." + s.serverKey() + "::text"}
	for _, c := range s.cols {
		parts = append(parts, serverExpr(alias, c))
	}
	return strings.Join(parts, ", ")
}

func serverExpr(alias string, c column) string {
	switch c.kind {
	case kRef:
		return alias + "." + c.server + "::text"
	case kInt:
		return alias + "." + c.server + "::bigint"
	}
	return alias + "." + c.server
}

// serverParam is a bind parameter cast to the column's server type.
func serverParam(n int, c column) string {
	switch c.kind {
	case kRef:
		return fmt.Sprintf("$%d::text::uuid", n)
	case kInt:
		return fmt.Sprintf("$%d::bigint", n)
	case kBool:
		return fmt.Sprintf("$%d::boolean", n)
	}
	return fmt.Sprintf("$%d::text", n)
}

// toServer converts a value of the file to a bind argument for its column.
func toServer(c column, v any) any {
	if v == nil {
		return nil
	}
	if c.kind == kBool {
		return v.(int64) != 0
	}
	return v
}

// fromServer converts a scanned server value to the file's form.
func fromServer(v any) any {
	switch x := v.(type) {
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	}
	return v
}

// display writes a value for a person.
func (c column) display(v any) string {
	if c.expr != "" {
		return summarise(c.local, v)
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		switch c.show {
		case showMinor:
			return decimal.New(x, -2).StringFixed(2)
		case showE4:
			return decimal.New(x, -4).String()
		case showE3:
			return decimal.New(x, -3).String()
		case showE2:
			return decimal.New(x, -2).String()
		case showBool:
			if x != 0 {
				return "yes"
			}
			return "no"
		}
		return strconv.FormatInt(x, 10)
	}
	return fmt.Sprint(v)
}

// sameValue compares two values of the file's form.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case int64:
		y, ok := b.(int64)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	}
	return false
}
