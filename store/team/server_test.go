package team

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"kontor/domain"
	"kontor/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// testTeam is a team database with its people, for the server tests.
type testTeam struct {
	db     *storetest.Database
	people map[string]person // by a short test name: anna, bob, maria (manager), beata (backoffice)
}

type person struct {
	login, password, name string
	role                  domain.TeamRole
}

func (p person) url(tt *testTeam) string { return tt.db.URL(p.login, p.password) }

func newTeam(t *testing.T, people ...person) *testTeam {
	t.Helper()
	ctx := context.Background()
	tt := &testTeam{db: storetest.Postgres(t), people: map[string]person{}}
	if _, err := Init(ctx, tt.db.AdminURL()); err != nil {
		t.Fatalf("init: %v", err)
	}
	if len(people) == 0 {
		people = []person{
			{login: "anna", name: "Anna Nowak", role: domain.RoleRep},
			{login: "bob", name: "Bob Kowalski", role: domain.RoleRep},
			{login: "maria", name: "Maria Wiśniewska", role: domain.RoleManager},
			{login: "beata", name: "Beata Zając", role: domain.RoleBackoffice},
		}
	}
	for _, p := range people {
		key := p.login
		p.login = storetest.UniqueRole(p.login)
		pw, err := AddUser(ctx, tt.db.AdminURL(), p.login, p.name, p.role, "")
		if err != nil {
			t.Fatalf("adduser %s: %v", key, err)
		}
		p.password = pw
		tt.people[key] = p
	}
	return tt
}

func (tt *testTeam) admin(t *testing.T) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), tt.db.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func (tt *testTeam) as(t *testing.T, who string) *pgx.Conn {
	t.Helper()
	p := tt.people[who]
	conn, err := pgx.Connect(context.Background(), p.url(tt))
	if err != nil {
		t.Fatalf("connect as %s: %v", who, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func mustExec(t *testing.T, conn *pgx.Conn, sql string, args ...any) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func count(t *testing.T, conn *pgx.Conn, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func sqlState(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

func TestInitTwiceChangesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Postgres(t)
	for i := 0; i < 2; i++ {
		v, err := Init(ctx, db.AdminURL())
		if err != nil {
			t.Fatalf("init %d: %v", i+1, err)
		}
		if v != SchemaVersion() {
			t.Fatalf("init %d: version %d, want %d", i+1, v, SchemaVersion())
		}
	}
}

// seedTwoReps writes, as the administrator, an account of Anna's and one of
// Bob's with a contact, an activity and an agreement each, through the
// logging triggers.
func seedTwoReps(t *testing.T, tt *testTeam) {
	t.Helper()
	admin := tt.admin(t)
	mustExec(t, admin, `INSERT INTO kontor.products (uid, sku, name, list_price_e4, vat_rate) VALUES
		('00000000-0000-7000-8000-0000000000a1', 'SKU-1', 'Wiertarka', 1000000, '23')`)
	for i, who := range []string{"anna", "bob"} {
		acct := []string{"00000000-0000-7000-8000-000000000001", "00000000-0000-7000-8000-000000000002"}[i]
		contact := []string{"00000000-0000-7000-8000-000000000011", "00000000-0000-7000-8000-000000000012"}[i]
		act := []string{"00000000-0000-7000-8000-000000000021", "00000000-0000-7000-8000-000000000022"}[i]
		agr := []string{"00000000-0000-7000-8000-000000000031", "00000000-0000-7000-8000-000000000032"}[i]
		mustExec(t, admin, `INSERT INTO kontor.accounts (uid, code, name, owner, credit_limit_minor) VALUES ($1, $2, $3, $4, 100000)`,
			acct, "K"+who, "Firma "+who, tt.people[who].name)
		mustExec(t, admin, `INSERT INTO kontor.contacts (uid, account_uid, first_name, last_name) VALUES ($1, $2, 'Jan', $3)`,
			contact, acct, who)
		mustExec(t, admin, `INSERT INTO kontor.activities (uid, account_uid, kind, occurred_at, subject) VALUES ($1, $2, 'call', '2026-11-02T10:00:00Z', $3)`,
			act, acct, "call "+who)
		mustExec(t, admin, `INSERT INTO kontor.price_agreements (uid, product_uid, account_uid, min_qty_e3, price_e4, created_by, created_at)
			VALUES ($1, '00000000-0000-7000-8000-0000000000a1', $2, 1000, 900000, 'admin', '2026-11-01T00:00:00Z')`, agr, acct)
	}
}

// TestRepSeesOnlyOwnAccountsWhateverTheSQL: a rep's own login, running any SQL
// they like, reads and writes only the accounts they own and what is under
// them — the change log included.
func TestRepSeesOnlyOwnAccountsWhateverTheSQL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tt := newTeam(t)
	seedTwoReps(t, tt)
	anna := tt.as(t, "anna")
	for _, q := range []string{
		`SELECT count(*) FROM kontor.accounts WHERE code = 'Kbob'`,
		`SELECT count(*) FROM kontor.accounts WHERE owner <> kontor.me()`,
		`SELECT count(*) FROM kontor.contacts WHERE account_uid = '00000000-0000-7000-8000-000000000002'`,
		`SELECT count(*) FROM kontor.activities WHERE subject = 'call bob'`,
		`SELECT count(*) FROM kontor.price_agreements WHERE account_uid = '00000000-0000-7000-8000-000000000002'`,
		`SELECT count(*) FROM kontor.changes WHERE fields::text LIKE '%bob%'`,
		`SELECT count(*) FROM kontor.receipts`,
	} {
		if n := count(t, anna, q); n != 0 {
			t.Errorf("as Anna, %s = %d, want 0", q, n)
		}
	}
	if n := count(t, anna, `SELECT count(*) FROM kontor.accounts`); n != 1 {
		t.Errorf("Anna sees %d accounts, want her 1", n)
	}
	if n := count(t, anna, `SELECT count(*) FROM kontor.changes WHERE account_uid IS NOT NULL`); n != 4 {
		t.Errorf("Anna sees %d log entries of accounts, want the 4 of hers", n)
	}
	if n := count(t, anna, `SELECT count(*) FROM kontor.products`); n != 1 {
		t.Errorf("Anna sees %d products, want the catalog's 1", n)
	}
	// Writes to Bob's rows touch nothing or are refused.
	for _, q := range []string{
		`UPDATE kontor.accounts SET name = 'mine' WHERE code = 'Kbob'`,
		`DELETE FROM kontor.contacts WHERE account_uid = '00000000-0000-7000-8000-000000000002'`,
		`UPDATE kontor.activities SET subject = 'x' WHERE account_uid = '00000000-0000-7000-8000-000000000002'`,
	} {
		tag, err := anna.Exec(ctx, q)
		if err != nil {
			t.Errorf("as Anna, %s: %v", q, err)
		} else if tag.RowsAffected() != 0 {
			t.Errorf("as Anna, %s touched %d rows", q, tag.RowsAffected())
		}
	}
	for _, c := range []struct{ sql, state string }{
		{`INSERT INTO kontor.contacts (uid, account_uid, first_name, last_name) VALUES (gen_random_uuid(), '00000000-0000-7000-8000-000000000002', 'X', 'Y')`, "42501"},
		{`INSERT INTO kontor.accounts (uid, code, name, owner) VALUES (gen_random_uuid(), 'K9', 'Cudze', 'Bob Kowalski')`, "42501"},
		{`UPDATE kontor.accounts SET owner = 'Anna Nowak' WHERE code = 'Kbob'`, "42501"},
		{`UPDATE kontor.accounts SET credit_limit_minor = 1 WHERE code = 'Kanna'`, "42501"},
		{`UPDATE kontor.accounts SET terms_days = 60 WHERE code = 'Kanna'`, "42501"},
		{`UPDATE kontor.accounts SET owner = 'Bob Kowalski' WHERE code = 'Kanna'`, "42501"},
		{`INSERT INTO kontor.changes (seq, tbl, row_key, op, author, at) VALUES (999, 'accounts', 'x', 'update', 'anna', now())`, "42501"},
		{`UPDATE kontor.products SET list_price_e4 = 1`, "42501"},
		{`INSERT INTO kontor.team_settings (key, value) VALUES ('company.name', 'Mine')`, "42501"},
		{`UPDATE kontor.members SET role = 'backoffice'`, "42501"},
		{`UPDATE kontor.head SET seq = 0`, "42501"},
	} {
		_, err := anna.Exec(ctx, c.sql)
		if sqlState(err) != c.state {
			t.Errorf("as Anna, %s: err %v, want SQLSTATE %s", c.sql, err, c.state)
		}
	}
	// Her own account she edits, except its credit terms and owner.
	mustExec(t, anna, `UPDATE kontor.accounts SET name = 'Firma Anny', notes = 'ok' WHERE code = 'Kanna'`)
	// The manager sees all, reassigns, but keeps off credit terms; the back office may.
	maria := tt.as(t, "maria")
	if n := count(t, maria, `SELECT count(*) FROM kontor.accounts`); n != 2 {
		t.Errorf("the manager sees %d accounts, want 2", n)
	}
	mustExec(t, maria, `UPDATE kontor.accounts SET owner = 'Anna Nowak' WHERE code = 'Kbob'`)
	if _, err := maria.Exec(ctx, `UPDATE kontor.accounts SET credit_limit_minor = 5 WHERE code = 'Kbob'`); sqlState(err) != "42501" {
		t.Errorf("manager changing a credit limit: %v, want refused", err)
	}
	beata := tt.as(t, "beata")
	mustExec(t, beata, `UPDATE kontor.accounts SET credit_limit_minor = 5, terms_days = 14 WHERE code = 'Kbob'`)
	mustExec(t, beata, `INSERT INTO kontor.team_settings (key, value) VALUES ('company.name', 'Hurtownia')`)
	// After the reassignment Anna sees Bob's old account, and Bob only the
	// log entry that told him it left.
	if n := count(t, anna, `SELECT count(*) FROM kontor.accounts`); n != 2 {
		t.Errorf("after the reassignment Anna sees %d accounts, want 2", n)
	}
	bob := tt.as(t, "bob")
	if n := count(t, bob, `SELECT count(*) FROM kontor.accounts`); n != 0 {
		t.Errorf("after the reassignment Bob sees %d accounts, want 0", n)
	}
	var fields string
	if err := bob.QueryRow(ctx, `SELECT fields::text FROM kontor.changes WHERE tbl = 'accounts' ORDER BY seq DESC LIMIT 1`).Scan(&fields); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fields, `"owner": "Anna Nowak"`) || strings.Contains(fields, "credit") {
		t.Errorf("Bob's last visible log entry: %s, want the owner change only", fields)
	}
}

func TestLoginChecks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tt := newTeam(t, person{login: "anna", name: "Anna Nowak", role: domain.RoleRep})
	anna := tt.people["anna"]
	s, err := openSession(ctx, anna.url(tt), "", "")
	if err != nil {
		t.Fatalf("Anna's session: %v", err)
	}
	if s.name != "Anna Nowak" || s.role != domain.RoleRep || s.login != anna.login {
		t.Errorf("session = %q %q %q", s.login, s.name, s.role)
	}
	s.close()

	stranger := storetest.UniqueRole("stranger")
	mustExec(t, tt.admin(t), `CREATE ROLE `+stranger+` LOGIN PASSWORD 'pw-stranger'`)
	cases := []struct {
		name, url string
		code      domain.Code
		key       string
	}{
		{"wrong password", tt.db.URL(anna.login, "nope"), domain.EInvalid, "team.bad_password"},
		{"no kontor role", tt.db.URL(stranger, "pw-stranger"), domain.EInvalid, "team.not_member"},
		{"server down", "postgres://anna:pw@127.0.0.1:1/x?sslmode=disable&connect_timeout=2", domain.EUnavailable, "team.unreachable"},
		{"no such database", tt.db.Cluster.URL("nonexistent_db", anna.login, anna.password), domain.EInvalid, "team.no_database"},
		{"TLS required, not offered", strings.Replace(anna.url(tt), "sslmode=disable", "sslmode=require", 1), domain.EInvalid, "team.no_tls"},
		{"not a URL", "postgres://[::1", domain.EInvalid, "team.bad_url"},
	}
	for _, c := range cases {
		_, err := openSession(ctx, c.url, "", "")
		e, ok := domain.AsError(err)
		if !ok || e.Code != c.code || e.Key != c.key {
			t.Errorf("%s: %v, want %s %s", c.name, err, c.code, c.key)
		}
	}
	// Schema versions either way: a clear message.
	admin := tt.admin(t)
	for _, v := range []int{SchemaVersion() + 1, SchemaVersion() - 1} {
		mustExec(t, admin, `UPDATE kontor.meta SET version = $1`, v)
		_, err := openSession(ctx, anna.url(tt), "", "")
		want := "team.server_newer"
		if v < SchemaVersion() {
			want = "team.server_older"
		}
		if e, ok := domain.AsError(err); !ok || e.Key != want {
			t.Errorf("server schema %d: %v, want %s", v, err, want)
		}
	}
}
