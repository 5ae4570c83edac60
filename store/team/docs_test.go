package team

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/storetest"
	"kontor/store/xfer"
)

// The documents and money tests run a team of two reps (Anna,
// Bob), two back-office people (Beata, Celina: two back-office machines) and
// a manager (Maria) against the real PostgreSQL, every clock at 16 November
// 2026 09:00 UTC.

var docDay = domain.NewDate(2026, 11, 16)

func docClock() time.Time { return time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC) }

var docPeople = []person{
	{login: "anna", name: "Anna Nowak", role: domain.RoleRep},
	{login: "bob", name: "Bob Kowalski", role: domain.RoleRep},
	{login: "beata", name: "Beata Zając", role: domain.RoleBackoffice},
	{login: "celina", name: "Celina Wrona", role: domain.RoleBackoffice},
	{login: "maria", name: "Maria Wiśniewska", role: domain.RoleManager},
}

// docPrefixes are the people's series prefixes (the issue's examples).
var docPrefixes = map[string]string{"anna": "AN", "bob": "BK", "beata": "BO", "celina": "CW", "maria": "MW"}

// docTeam is a team whose back office (Beata) published a file with the
// seller's details, three accounts (A1, A2 of Anna's, B1 of Bob's; A2 with
// a credit limit of 1,000.00) and two products; everyone has joined.
type docTeam struct {
	*testTeam
	desks map[string]*desk
}

// desk is one person's machine with the store's services.
type desk struct {
	*laptop
	accounts *store.AccountService
	products *store.ProductService
	prices   *store.PriceService
	quotes   *store.QuoteService
	orders   *store.OrderService
	invoices *store.InvoiceService
	payments *store.PaymentService
	recv     *store.ReceivablesService
}

func newDesk(t *testing.T, who person) *desk {
	l := newLaptop(t, who)
	l.db.SetClock(docClock)
	prices := store.NewPriceService(l.db)
	return &desk{laptop: l, accounts: store.NewAccountService(l.db), products: store.NewProductService(l.db), prices: prices,
		quotes: store.NewQuoteService(l.db, prices), orders: store.NewOrderService(l.db, prices), invoices: store.NewInvoiceService(l.db),
		payments: store.NewPaymentService(l.db), recv: store.NewReceivablesService(l.db)}
}

func newDocTeam(t *testing.T) *docTeam {
	t.Helper()
	ctx := context.Background()
	tt := &testTeam{db: storetest.Postgres(t), people: map[string]person{}}
	if _, err := Init(ctx, tt.db.AdminURL()); err != nil {
		t.Fatalf("init: %v", err)
	}
	for _, p := range docPeople {
		key := p.login
		p.login = storetest.UniqueRole(p.login)
		pw, err := AddUser(ctx, tt.db.AdminURL(), p.login, p.name, p.role, docPrefixes[key])
		if err != nil {
			t.Fatalf("adduser %s: %v", key, err)
		}
		p.password = pw
		tt.people[key] = p
	}
	dt := &docTeam{testTeam: tt, desks: map[string]*desk{}}
	bo := newDesk(t, tt.people["beata"])
	if _, err := store.NewCompanyService(bo.db).SaveCompany(ctx, domain.CompanySettings{Name: "Hurtownia „Złoty Łan” Sp. z o.o.",
		Street: "ul. Źródłowa 12", PostalCode: "90-001", City: "Łódź", Country: "PL", TaxID: "526-000-12-46",
		BankAccount: "PL61109010140000071219812874"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct{ code, name, owner, nip string }{
		{"A1", "Hurtownia Łódź", "Anna Nowak", "7251801126"},
		{"A2", "Sklep Żyrardów", "Anna Nowak", "5213017228"},
		{"B1", "Bobex", "Bob Kowalski", "1132853869"},
	} {
		f := domain.AccountFields{Code: a.code, Name: a.name, Owner: a.owner, TaxID: a.nip, Street: "ul. Długa 5", PostalCode: "90-001",
			City: "Łódź", Country: "PL", Currency: "PLN", PaymentTerms: domain.PaymentTerms{Days: 30}}
		if a.code == "A2" {
			f.CreditLimit = 100000
		}
		if _, err := bo.accounts.CreateAccount(ctx, f); err != nil {
			t.Fatalf("account %s: %v", a.code, err)
		}
	}
	for _, p := range []domain.ProductFields{
		{SKU: "MAK-1", Name: "Mąka pszenna 1 kg", Unit: "szt", ListPrice: 35000, VATRate: "5", Active: true},
		{SKU: "OL-5", Name: "Olej rzepakowy 5 l", Unit: "szt", ListPrice: 425000, VATRate: "23", Active: true},
	} {
		if _, err := bo.products.CreateProduct(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Publish(ctx, bo.db, tt.db.AdminURL()); err != nil {
		t.Fatalf("publish: %v", err)
	}
	dt.desks["beata"] = bo
	bo.join(tt)
	for _, p := range docPeople {
		if p.login == "beata" {
			continue
		}
		d := newDesk(t, tt.people[p.login])
		d.join(tt)
		dt.desks[p.login] = d
	}
	return dt
}

func (d *desk) account(code string) *domain.Account {
	d.t.Helper()
	a, err := d.accounts.FindAccountByCode(context.Background(), code)
	if err != nil {
		d.t.Fatalf("%s: account %s: %v", d.who.name, code, err)
	}
	return a
}

// lines prices qty (whole units) of each SKU for the account.
func (d *desk) lines(account *domain.Account, sku string, qty int64, more ...any) []domain.DocumentLine {
	d.t.Helper()
	ctx := context.Background()
	type want struct {
		sku string
		qty int64
	}
	ws := []want{{sku, qty}}
	for i := 0; i+1 < len(more); i += 2 {
		ws = append(ws, want{more[i].(string), int64(more[i+1].(int))})
	}
	var out []domain.DocumentLine
	for _, w := range ws {
		p, err := d.products.FindProductBySKU(ctx, w.sku)
		if err != nil {
			d.t.Fatal(err)
		}
		out = append(out, domain.NewDocumentLine(p, domain.Quantity(w.qty*1000)))
	}
	res, err := d.prices.Reprice(ctx, account.ID, docDay, domain.PriceLines(out))
	if err != nil {
		d.t.Fatal(err)
	}
	domain.ApplyPrices(out, res)
	return out
}

func (d *desk) quote(code string, sku string, qty int64) *domain.Quote {
	d.t.Helper()
	a := d.account(code)
	f := domain.NewQuoteFields(a, docDay, 30)
	f.Lines = d.lines(a, sku, qty)
	q, err := d.quotes.CreateQuote(context.Background(), f)
	if err != nil {
		d.t.Fatalf("%s creates a quote: %v", d.who.name, err)
	}
	return q
}

func (d *desk) order(code string, sku string, qty int64) *domain.Order {
	d.t.Helper()
	a := d.account(code)
	f := domain.NewOrderFields(a, docDay)
	f.Lines = d.lines(a, sku, qty)
	o, err := d.orders.CreateOrder(context.Background(), f)
	if err != nil {
		d.t.Fatalf("%s creates an order: %v", d.who.name, err)
	}
	return o
}

func (d *desk) orderByNumber(number string) *domain.Order {
	d.t.Helper()
	o, err := d.orders.FindOrderByNumber(context.Background(), number)
	if err != nil {
		d.t.Fatalf("%s: order %s: %v", d.who.name, number, err)
	}
	return o
}

func (d *desk) setStatus(number string, c domain.OrderStatusChange) (*domain.Order, error) {
	o := d.orderByNumber(number)
	c.Version = o.Version
	return d.orders.SetOrderStatus(context.Background(), o.ID, c)
}

func (d *desk) mustStatus(number string, c domain.OrderStatusChange) *domain.Order {
	d.t.Helper()
	o, err := d.setStatus(number, c)
	if err != nil {
		d.t.Fatalf("%s: %s → %s: %v", d.who.name, number, c.Status, err)
	}
	return o
}

func (d *desk) pay(code string, amount domain.Amount, on domain.Date, ref string) (*domain.Payment, error) {
	return d.payments.RecordPayment(context.Background(), domain.PaymentFields{AccountID: d.account(code).ID, Date: on, Amount: amount,
		Reference: ref})
}

// receivables renders an account's ledger as this machine allocates it on
// day: every invoice with what is open of it, every payment with what it
// settled, the aging — by numbers and uids, never the file's ids.
func (d *desk) receivables(code string, day domain.Date) string {
	d.t.Helper()
	ctx := context.Background()
	r, err := d.recv.AccountReceivables(ctx, d.account(code).ID, day)
	if err != nil {
		d.t.Fatal(err)
	}
	return ledgerText(r)
}

// ledgerText renders a ledger by invoice numbers and payment dates, amounts
// and references, never the file's ids.
func ledgerText(r *domain.AccountReceivables) string {
	var rows []string
	numbers := map[domain.InvoiceID]string{}
	for _, inv := range r.Invoices {
		numbers[inv.ID] = inv.Number
		rows = append(rows, fmt.Sprintf("invoice %s %s due %s gross %s open %s", inv.Number, inv.Date, inv.Due, inv.Gross, inv.Open))
	}
	pays := map[domain.PaymentID]string{}
	for _, p := range r.Payments {
		pays[p.ID] = fmt.Sprintf("%s %s %q", p.Date, p.Amount, p.Reference)
		rows = append(rows, fmt.Sprintf("payment %s unapplied %s", pays[p.ID], r.Unapplied[p.ID]))
	}
	for _, st := range r.Settlements {
		by := pays[st.Payment]
		if st.CreditNote != 0 {
			by = numbers[st.CreditNote]
		}
		rows = append(rows, fmt.Sprintf("settles %s by %s: %s", numbers[st.Invoice], by, st.Amount))
	}
	sort.Strings(rows)
	var b strings.Builder
	b.WriteString(strings.Join(rows, "\n") + "\n")
	g := r.Aging
	fmt.Fprintf(&b, "aging %s %s %s %s %s credit %s balance %s overdue %s\n", g.Current, g.D1_30, g.D31_60, g.D61_90, g.Over90, g.Credit,
		g.Balance(), g.Overdue())
	return b.String()
}

// statement renders an account's statement for a month: every line, the
// totals, the aging and the open items.
func (d *desk) statement(code string, m domain.Month) string {
	d.t.Helper()
	s, err := d.recv.Statement(context.Background(), d.account(code).ID, m)
	if err != nil {
		d.t.Fatal(err)
	}
	return renderStatement(s)
}

func renderStatement(s *domain.Statement) string {
	var b strings.Builder
	a := s.Account
	fmt.Fprintf(&b, "%s %s %s %s %s limit %s terms %v date %s\n", a.Code, a.Name, a.TaxID, a.Street, a.City, a.CreditLimit, a.PaymentTerms, s.Date)
	fmt.Fprintf(&b, "opening %s invoiced %s paid %s closing %s\n", s.Opening, s.Invoiced, s.Paid, s.Closing)
	for _, l := range s.Lines {
		fmt.Fprintf(&b, "%s %s %v %s due %s %s balance %s settles %v\n", l.Date, l.Kind, l.Credit, l.Number, l.Due, l.Amount, l.Balance, l.Settles)
	}
	g := s.Aging
	fmt.Fprintf(&b, "aging %s %s %s %s %s credit %s\n", g.Current, g.D1_30, g.D31_60, g.D61_90, g.Over90, g.Credit)
	for _, o := range s.OpenItems {
		fmt.Fprintf(&b, "open %s %s %s %d %s %s\n", o.Number, o.Date, o.Due, o.DaysOverdue, o.Gross, o.Open)
	}
	return b.String()
}

// docDump renders the documents of a file by uid and number: headers, lines
// and FA(3) files as the team sees them, for comparing files.
func (d *desk) docDump(accounts ...string) string {
	d.t.Helper()
	var lines []string
	err := d.db.ReadTx(context.Background(), func(tx *sql.Tx) error {
		for _, s := range documentSpecs {
			var sel []string
			for _, c := range s.cols {
				sel = append(sel, "'"+c.server+"', "+c.localExpr("t"))
			}
			q := `SELECT t.uid, json_object(` + strings.Join(sel, ", ") + `) FROM ` + s.name + ` t
				WHERE (SELECT a.code FROM accounts a WHERE a.id = t.account_id) IN (SELECT value FROM json_each(?))`
			rows, err := tx.QueryContext(context.Background(), q, encodeJSON(accounts))
			if err != nil {
				return err
			}
			for rows.Next() {
				var k, v string
				if err := rows.Scan(&k, &v); err != nil {
					rows.Close()
					return err
				}
				lines = append(lines, s.name+" "+k+" "+v)
			}
			rows.Close()
		}
		return nil
	})
	if err != nil {
		d.t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func (d *desk) conflictsOf(kind domain.ConflictKind) []domain.Conflict {
	var out []domain.Conflict
	for _, c := range d.conflicts() {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out
}

// TestOfflineQuotesNeverCollide: two reps quote offline on the same days;
// each numbers from their own series, so nothing collides; once synced the
// back office has every quote with its lines, and the reps' files and the
// back office's agree on each rep's documents.
func TestOfflineQuotesNeverCollide(t *testing.T) {
	t.Parallel()
	dt := newDocTeam(t)
	anna, bob, bo := dt.desks["anna"], dt.desks["bob"], dt.desks["beata"]
	var numbers []string
	for i := 0; i < 3; i++ {
		numbers = append(numbers, anna.quote("A1", "MAK-1", int64(10+i)).Number, bob.quote("B1", "OL-5", int64(2+i)).Number)
	}
	o := anna.order("A2", "OL-5", 3)
	numbers = append(numbers, o.Number, bob.order("B1", "MAK-1", 40).Number)
	want := []string{"OF/AN/2026/00001", "OF/BK/2026/00001", "OF/AN/2026/00002", "OF/BK/2026/00002", "OF/AN/2026/00003",
		"OF/BK/2026/00003", "ZAM/AN/2026/00001", "ZAM/BK/2026/00001"}
	if strings.Join(numbers, " ") != strings.Join(want, " ") {
		t.Fatalf("numbers %v, want %v", numbers, want)
	}
	if st, _ := anna.svc.Status(context.Background()); st.Waiting != 4 {
		t.Errorf("Anna has %d changes waiting, want 4 (one per document)", st.Waiting)
	}
	for _, r := range []*desk{anna, bob} {
		if res := r.sync(); res.Refused != 0 || res.Conflicts != 0 {
			t.Errorf("%s's round: %+v", r.who.name, res)
		}
	}
	bo.sync()
	if n := bo.count(`SELECT count(*) FROM quotes`); n != 6 {
		t.Errorf("the back office has %d quotes, want 6", n)
	}
	if n := bo.count(`SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.number = ?`, o.Number); n != 1 {
		t.Errorf("order %s has %d lines on the back office", o.Number, n)
	}
	if anna.docDump("A1", "A2") != bo.docDump("A1", "A2") || bob.docDump("B1") != bo.docDump("B1") {
		t.Errorf("documents differ:\n%s\n---\n%s", anna.docDump("A1", "A2"), bo.docDump("A1", "A2"))
	}
	if anna.count(`SELECT count(*) FROM quotes`) != 3 {
		t.Error("Anna's file has quotes that are not hers to see")
	}
	// Editing a draft's lines offline and sending it: one change each, merged.
	q, err := anna.quotes.FindQuoteByNumber(context.Background(), "OF/AN/2026/00002", 0)
	if err != nil {
		t.Fatal(err)
	}
	qf := q.QuoteFields
	qf.Lines = anna.lines(anna.account("A1"), "MAK-1", 25, "OL-5", 1)
	q, err = anna.quotes.UpdateQuote(context.Background(), q.ID, domain.QuoteUpdate{QuoteFields: qf, Version: q.Version})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := anna.quotes.SetQuoteStatus(context.Background(), q.ID, q.Version, domain.QuoteSent); err != nil {
		t.Fatal(err)
	}
	anna.sync()
	bo.sync()
	if got := bo.value(`SELECT status || ' ' || line_count || ' ' || (SELECT count(*) FROM quote_lines l WHERE l.quote_id = q.id)
		FROM quotes q WHERE number = 'OF/AN/2026/00002'`); got != "sent 2 2" {
		t.Errorf("the edited quote on the back office: %q", got)
	}
	// A second revision of a sent quote travels with the first.
	q, _ = anna.quotes.FindQuoteByNumber(context.Background(), "OF/AN/2026/00002", 0)
	qf = q.QuoteFields
	qf.Lines = anna.lines(anna.account("A1"), "MAK-1", 30)
	if _, err := anna.quotes.UpdateQuote(context.Background(), q.ID, domain.QuoteUpdate{QuoteFields: qf, Version: q.Version}); err != nil {
		t.Fatal(err)
	}
	anna.sync()
	bo.sync()
	if anna.docDump("A1", "A2") != bo.docDump("A1", "A2") {
		t.Errorf("after a revision the documents differ:\n%s\n---\n%s", anna.docDump("A1"), bo.docDump("A1"))
	}
	if got := bo.value(`SELECT revision || ' ' || (SELECT count(*) FROM quote_revisions r WHERE r.quote_id = q.id) || ' ' ||
		(SELECT count(*) FROM quote_lines l WHERE l.quote_id = q.id) FROM quotes q WHERE number = 'OF/AN/2026/00002'`); got != "2 1 3" {
		t.Errorf("revision, earlier revisions and lines of all revisions on the back office: %q, want 2 1 3", got)
	}
	// A new file of the back office takes every document whole.
	fresh := newDesk(t, dt.people["beata"])
	fresh.join(dt.testTeam)
	if fresh.docDump("A1", "A2", "B1") != bo.docDump("A1", "A2", "B1") {
		t.Errorf("a new file's documents differ:\n%s\n---\n%s", fresh.docDump("A1", "A2", "B1"), bo.docDump("A1", "A2", "B1"))
	}
}

// TestDeliveryReachesTheRep: a quote made offline on Anna's laptop is synced,
// converted and delivered by the back office; its invoice (numbered from the
// back office's series, with its FA(3) file byte for byte and its KSeF
// status) and then its payment reach Anna's laptop, where the account shows
// the same balance, aging, allocation and statement as on the back office.
func TestDeliveryReachesTheRep(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dt := newDocTeam(t)
	anna, bo := dt.desks["anna"], dt.desks["beata"]
	q := anna.quote("A1", "OL-5", 4)
	q, err := anna.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := anna.quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteAccepted); err != nil {
		t.Fatal(err)
	}
	anna.sync()
	bo.sync()
	bq, err := bo.quotes.FindQuoteByNumber(ctx, q.Number, 0)
	if err != nil {
		t.Fatalf("the quote did not reach the back office: %v", err)
	}
	o, err := bo.quotes.ConvertQuote(ctx, bq.ID, bq.Version)
	if err != nil {
		t.Fatal(err)
	}
	bo.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed})
	o = bo.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: docDay})
	if o.InvoiceNumber != "FV/BO/2026/11/0001" || o.Number != "ZAM/BO/2026/00001" {
		t.Fatalf("order %s invoiced as %s, want ZAM/BO/2026/00001 and FV/BO/2026/11/0001", o.Number, o.InvoiceNumber)
	}
	bo.sync()
	anna.sync()
	ao := anna.orderByNumber(o.Number)
	if ao.Status != domain.OrderDelivered || ao.InvoiceNumber != o.InvoiceNumber || ao.QuoteNumber != q.Number {
		t.Fatalf("Anna's order: %s, invoice %q, quote %q", ao.Status, ao.InvoiceNumber, ao.QuoteNumber)
	}
	if got := anna.value(`SELECT q.number FROM quotes q JOIN orders o ON o.id = q.order_id WHERE o.number = ?`, o.Number); got != q.Number {
		t.Errorf("Anna's quote is not linked to its order: %q", got)
	}
	kb, err := store.NewKSeFService(bo.db).InvoiceKSeFByNumber(ctx, o.InvoiceNumber)
	if err != nil {
		t.Fatal(err)
	}
	ka, err := store.NewKSeFService(anna.db).InvoiceKSeFByNumber(ctx, o.InvoiceNumber)
	if err != nil {
		t.Fatal(err)
	}
	if kb.Status != domain.KSeFWaiting || string(ka.XML) != string(kb.XML) || ka.Status != kb.Status || ka.Link != kb.Link || ka.Hash != kb.Hash {
		t.Errorf("FA(3) on Anna's laptop: %s %d bytes %s; on the back office: %s %d bytes %s", ka.Status, len(ka.XML), ka.Link,
			kb.Status, len(kb.XML), kb.Link)
	}
	for _, m := range []domain.Month{{Year: 2026, Month: 11}, {Year: 2026, Month: 12}} {
		for _, day := range []domain.Date{docDay, docDay.AddDays(45)} {
			if a, b := anna.receivables("A1", day), bo.receivables("A1", day); a != b {
				t.Errorf("receivables on %s differ:\nAnna:\n%s\nback office:\n%s", day, a, b)
			}
		}
		if a, b := anna.statement("A1", m), bo.statement("A1", m); a != b {
			t.Errorf("statements of %s differ:\nAnna:\n%s\nback office:\n%s", m, a, b)
		}
	}
	// The payment: recorded by the back office, seen by Anna.
	if _, err := bo.pay("A1", o.Totals().Gross-1000, docDay.AddDays(3), o.InvoiceNumber); err != nil {
		t.Fatal(err)
	}
	if res := bo.sync(); res.Pushed != 1 || res.Refused != 0 {
		ref, _ := bo.svc.Refused(ctx)
		t.Errorf("the back office's round with the payment: %+v %+v", res, ref)
	}
	if res := anna.sync(); res.Pulled == 0 {
		t.Errorf("Anna's round after the payment: %+v", res)
	}
	if a, b := anna.receivables("A1", docDay.AddDays(40)), bo.receivables("A1", docDay.AddDays(40)); a != b || !strings.Contains(a, "balance 10.00 overdue 10.00") {
		t.Errorf("after the payment:\nAnna:\n%s\nback office:\n%s", a, b)
	}
	if a, b := anna.statement("A1", domain.Month{Year: 2026, Month: 11}), bo.statement("A1", domain.Month{Year: 2026, Month: 11}); a != b {
		t.Errorf("statements differ after the payment:\nAnna:\n%s\nback office:\n%s", a, b)
	}
	// A KSeF number recorded on the back office reaches Anna with its status.
	bo.exec(`UPDATE ksef_files SET status = 'sent', ksef_number = '5260001246-20261116-0123456789AB-CD', assigned_at = '2026-11-16T10:00:00Z',
		recorded_at = '2026-11-16T10:05:00Z' WHERE invoice_id = (SELECT id FROM invoices WHERE number = ?)`, o.InvoiceNumber)
	bo.sync()
	anna.sync()
	if got := anna.value(`SELECT status || ' ' || ksef_number FROM ksef_files WHERE invoice_id = (SELECT id FROM invoices WHERE number = ?)`,
		o.InvoiceNumber); got != "sent 5260001246-20261116-0123456789AB-CD" {
		t.Errorf("Anna's KSeF status: %q", got)
	}
	// Last prices see the colleague's documents: the back office's order
	// is what A1 last paid for OL-5 on Anna's laptop.
	lp, err := anna.orders.LastPrices(ctx, anna.account("A1").ID, []string{"OL-5"})
	if err != nil || len(lp) != 1 || lp[0].Ordered.Number != o.Number || lp[0].Quoted.Number != q.Number {
		t.Errorf("Anna's last prices: %+v %v", lp, err)
	}
	// Anna may not deliver, issue or record money: her file says so at
	// once, and the server refuses it through her login anyway.
	ao2 := anna.order("A1", "MAK-1", 5)
	anna.mustStatus(ao2.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed})
	if _, err := anna.setStatus(ao2.Number, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: docDay}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("Anna delivering: %v", err)
	}
	if _, err := anna.pay("A1", 100, docDay, "x"); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("Anna recording a payment: %v", err)
	}
	anna.sync()
	conn := dt.as(t, "anna")
	var a1 string
	if err := conn.QueryRow(ctx, `SELECT uid::text FROM kontor.accounts WHERE code = 'A1'`).Scan(&a1); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO kontor.invoices (uid, kind, number, account_uid, issued_on, due_on, terms_days, terms_eom, currency, net_minor, vat_minor,
			gross_minor, created_at) VALUES (gen_random_uuid(), 'invoice', 'FV/X/1', '` + a1 + `', '2026-11-16', '2026-11-16', 0, false, 'PLN', 1, 0, 1, 'x')`,
		`INSERT INTO kontor.payments (uid, account_uid, paid_on, amount_minor, created_at) VALUES (gen_random_uuid(), '` + a1 + `', '2026-11-16', 1, 'x')`,
		`UPDATE kontor.orders SET status = 'delivered', delivered_on = '2026-11-16' WHERE number = '` + ao2.Number + `'`,
	} {
		if _, err := conn.Exec(ctx, q); sqlState(err) != "42501" {
			t.Errorf("Anna's login: %.60s…: %v, want refused (42501)", q, err)
		}
	}
}

// invoiced sums, on a machine, the net of the invoices and credit notes of
// an order.
func (d *desk) invoiced(order string) string {
	return d.value(`SELECT printf('%d/%d', coalesce(sum(i.net_minor), 0), (SELECT net_minor FROM orders WHERE number = ?1))
		FROM invoices i WHERE i.order_id = (SELECT id FROM orders WHERE number = ?1)`, order)
}

// TestDeliveredTwice: an order confirmed and synced is delivered on both
// back-office machines before either syncs. The server keeps both invoices
// (nothing deleted, no series has a gap), marks the order delivered twice and
// the later invoice as repeating it; the Conflicts list of each back office
// offers the credit note that cancels the later one; issued on one machine,
// it settles the entry everywhere, and the same credit note made on the other
// machine before that one synced is refused by the server, as it would
// credit more than is left.
func TestDeliveredTwice(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dt := newDocTeam(t)
	anna, beata, celina := dt.desks["anna"], dt.desks["beata"], dt.desks["celina"]
	o := anna.order("A1", "OL-5", 10)
	anna.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed})
	anna.sync()
	beata.sync()
	celina.sync()
	ob := beata.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: docDay})
	oc := celina.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: docDay})
	if ob.InvoiceNumber != "FV/BO/2026/11/0001" || oc.InvoiceNumber != "FV/CW/2026/11/0001" {
		t.Fatalf("invoices %s and %s", ob.InvoiceNumber, oc.InvoiceNumber)
	}
	beata.sync()
	res := celina.sync()
	if res.Refused != 0 {
		ref, _ := celina.svc.Refused(ctx)
		t.Fatalf("Celina's round: %+v %+v", res, ref)
	}
	if res := beata.sync(); res.Conflicts != 1 {
		t.Errorf("Beata's round that learnt of the second invoice counts %d new conflicts, want 1", res.Conflicts)
	}
	anna.sync()
	admin := dt.admin(t)
	var twice bool
	var invoices, repeats int
	if err := admin.QueryRow(ctx, `SELECT o.delivered_twice, (SELECT count(*) FROM kontor.invoices i WHERE i.order_uid = o.uid),
		(SELECT count(*) FROM kontor.invoices i WHERE i.order_uid = o.uid AND i.repeats_order AND i.number = $2)
		FROM kontor.orders o WHERE o.number = $1`, o.Number, oc.InvoiceNumber).Scan(&twice, &invoices, &repeats); err != nil {
		t.Fatal(err)
	}
	if !twice || invoices != 2 || repeats != 1 {
		t.Fatalf("on the server: delivered twice %v, %d invoices, later one marked %d", twice, invoices, repeats)
	}
	for _, d := range []*desk{beata, celina} {
		c := d.conflictsOf(domain.ConflictDeliveredTwice)
		if len(c) != 1 || c[0].Record != o.Number || c[0].Kept != ob.InvoiceNumber || c[0].Lost != oc.InvoiceNumber {
			t.Fatalf("%s's conflicts: %+v", d.who.name, d.conflicts())
		}
		if !d.orderByNumber(o.Number).DeliveredTwice {
			t.Errorf("%s's order is not marked delivered twice", d.who.name)
		}
	}
	if len(anna.conflictsOf(domain.ConflictDeliveredTwice)) != 0 || !anna.orderByNumber(o.Number).DeliveredTwice {
		t.Errorf("Anna: conflicts %+v (the back office's to settle), order marked %v", anna.conflicts(), anna.orderByNumber(o.Number).DeliveredTwice)
	}
	if err := beata.svc.Resolve(ctx, beata.conflictsOf(domain.ConflictDeliveredTwice)[0].ID, domain.KeepMine); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("keep mine on an order delivered twice: %v", err)
	}
	// Both settle it before syncing: Celina's credit note reaches the
	// server first; Beata's would credit the invoice twice.
	if err := celina.svc.Resolve(ctx, celina.conflictsOf(domain.ConflictDeliveredTwice)[0].ID, domain.IssueCreditNote); err != nil {
		t.Fatal(err)
	}
	if err := beata.svc.Resolve(ctx, beata.conflictsOf(domain.ConflictDeliveredTwice)[0].ID, domain.IssueCreditNote); err != nil {
		t.Fatal(err)
	}
	celina.sync()
	res = beata.sync()
	ref, _ := beata.svc.Refused(ctx)
	if res.Refused != 1 || len(ref) != 1 || !strings.Contains(ref[0].Reason, "more than is left") {
		t.Errorf("Beata's second credit note: %+v %+v", res, ref)
	}
	celina.sync()
	anna.sync()
	for _, d := range []*desk{anna, celina} {
		if got := d.invoiced(o.Number); got != "42500/42500" {
			t.Errorf("%s: the order's invoiced net / net %s, want 42500/42500", d.who.name, got)
		}
		if got := d.value(`SELECT group_concat(number, ' ') FROM (SELECT number FROM invoices ORDER BY number)`); got != "FV/BO/2026/11/0001 FV/CW/2026/11/0001 KOR/CW/2026/11/0001" {
			t.Errorf("%s's invoices: %s", d.who.name, got)
		}
	}
	if n := len(celina.conflictsOf(domain.ConflictDeliveredTwice)); n != 0 {
		t.Errorf("Celina still lists %d orders delivered twice", n)
	}
	if len(beata.conflictsOf(domain.ConflictDeliveredTwice)) != 0 {
		t.Errorf("Beata's entry is still open once the credit note reached her: %+v", beata.conflicts())
	}
	var total, credits int
	if err := admin.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE kind = 'credit') FROM kontor.invoices`).Scan(&total, &credits); err != nil {
		t.Fatal(err)
	}
	if total != 3 || credits != 1 {
		t.Errorf("the server has %d invoices, %d credit notes: want 3 and 1", total, credits)
	}
	if a, c := anna.receivables("A1", docDay.AddDays(60)), celina.receivables("A1", docDay.AddDays(60)); a != c {
		t.Errorf("receivables differ:\n%s\n%s", a, c)
	}
}

// TestOneTransferOnePayment: the same bank transfer recorded on two
// back-office machines — imported on one, typed on the other — is one
// payment of the team; a second, real transfer of the same amount the same
// day stays a second payment.
func TestOneTransferOnePayment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dt := newDocTeam(t)
	beata, celina, anna := dt.desks["beata"], dt.desks["celina"], dt.desks["anna"]
	file := "account_code,date,amount,reference\nA1,2026-11-12,150.00,zapłata za towar\nA1,2026-11-12,150.00,zapłata za towar\nB1,2026-11-13,99.99,\n"
	pf, err := xfer.ReadPayments("wyciąg.csv", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewTransfer(beata.db).ImportPayments(ctx, pf); err != nil {
		t.Fatal(err)
	}
	if _, err := celina.pay("A1", 15000, domain.NewDate(2026, 11, 12), "zapłata za towar"); err != nil {
		t.Fatal(err)
	}
	celina.sync()
	beata.sync()
	celina.sync()
	anna.sync()
	admin := dt.admin(t)
	if n := count(t, admin, `SELECT count(*) FROM kontor.payments`); n != 3 {
		t.Errorf("the server has %d payments, want 3 (two transfers to A1, one to B1)", n)
	}
	for _, d := range []*desk{beata, celina} {
		if n := d.count(`SELECT count(*) FROM payments`); n != 3 {
			t.Errorf("%s has %d payments, want 3", d.who.name, n)
		}
	}
	if a, b, c := anna.receivables("A1", docDay), beata.receivables("A1", docDay), celina.receivables("A1", docDay); a != b || b != c ||
		!strings.Contains(a, "credit 300.00") {
		t.Errorf("A1's receivables:\nAnna:\n%s\nBeata:\n%s\nCelina:\n%s", a, b, c)
	}
	// The same file imported again on Celina's machine changes nothing.
	if _, err := store.NewTransfer(celina.db).ImportPayments(ctx, pf); err != nil {
		t.Fatal(err)
	}
	celina.sync()
	if n := count(t, admin, `SELECT count(*) FROM kontor.payments`); n != 3 {
		t.Errorf("after a repeated import the server has %d payments", n)
	}
}

// TestLifecycleClash: two people move one order to different states offline
// (Anna confirms, the manager cancels): the server's move stands, the other
// is on its author's Conflicts list, never a silent winner; and lines edited
// offline on a draft that was confirmed meanwhile stay locked everywhere.
func TestLifecycleClash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dt := newDocTeam(t)
	anna, maria, bo := dt.desks["anna"], dt.desks["maria"], dt.desks["beata"]
	o1 := anna.order("A1", "MAK-1", 10)
	o2 := anna.order("A1", "OL-5", 2)
	anna.sync()
	maria.sync()
	maria.mustStatus(o1.Number, domain.OrderStatusChange{Status: domain.OrderCancelled, Reason: "klient zrezygnował"})
	anna.mustStatus(o1.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed})
	// o2: Maria confirms; Anna, offline, changes its lines.
	maria.mustStatus(o2.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed})
	ao2 := anna.orderByNumber(o2.Number)
	f := ao2.OrderFields
	f.Lines = anna.lines(anna.account("A1"), "OL-5", 7)
	f.Notes = "dostawa rano"
	if _, err := anna.orders.UpdateOrder(ctx, ao2.ID, domain.OrderUpdate{OrderFields: f, Version: ao2.Version}); err != nil {
		t.Fatal(err)
	}
	maria.sync()
	res := anna.sync()
	if res.Refused != 0 || res.Conflicts == 0 {
		t.Errorf("Anna's round: %+v", res)
	}
	maria.sync()
	bo.sync()
	got := map[string]domain.Conflict{}
	for _, c := range anna.conflicts() {
		got[c.Record[:len(o1.Number)]+" "+c.Field] = c
	}
	if c, ok := got[o1.Number+" status"]; !ok || c.Kept != "cancelled" || c.Lost != "confirmed" || c.Who != "Maria Wiśniewska" {
		t.Errorf("the clash of moves: %+v", got)
	}
	if c, ok := got[o2.Number+" lines"]; !ok || c.Who != "Maria Wiśniewska" || c.Kept != "OL-5 × 2" || c.Lost != "OL-5 × 7" {
		t.Errorf("the locked lines: %+v", got)
	}
	if c, ok := got[o1.Number+" cancel_reason"]; !ok || c.Kept != "klient zrezygnował" || c.Lost != "" {
		t.Errorf("the clash of moves loses the whole move: %+v", got)
	}
	// Neither can be kept: the order is cancelled, the other's lines locked.
	for _, k := range []string{o1.Number + " status", o2.Number + " lines"} {
		if err := anna.svc.Resolve(ctx, got[k].ID, domain.KeepMine); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("keep mine on %s: %v", k, err)
		}
	}
	for _, d := range []*desk{anna, maria, bo} {
		if got := d.value(`SELECT status FROM orders WHERE number = ?`, o1.Number); got != "cancelled" {
			t.Errorf("%s: %s is %s", d.who.name, o1.Number, got)
		}
		if got := d.value(`SELECT status || ' ' || line_count || ' ' || net_minor || ' ' || notes || ' ' ||
			(SELECT sum(qty_e3) FROM order_lines l WHERE l.order_id = o.id) FROM orders o WHERE number = ?`, o2.Number); got != "confirmed 1 8500 dostawa rano 2000" {
			t.Errorf("%s: %s is %q, want confirmed with its 2 units (the notes merged)", d.who.name, o2.Number, got)
		}
	}
	if anna.docDump("A1") != bo.docDump("A1") || maria.docDump("A1") != bo.docDump("A1") {
		t.Error("the files differ after the clash")
	}
	// Two cancellations with different reasons: the one that lost is kept.
	o4 := anna.order("A1", "MAK-1", 4)
	anna.mustStatus(o4.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed})
	anna.sync()
	maria.sync()
	maria.mustStatus(o4.Number, domain.OrderStatusChange{Status: domain.OrderCancelled, Reason: "klient dzwonił"})
	bo.sync()
	bo.mustStatus(o4.Number, domain.OrderStatusChange{Status: domain.OrderCancelled, Reason: "brak towaru"})
	bo.sync()
	maria.sync()
	var lost domain.Conflict
	for _, c := range maria.conflicts() {
		if strings.HasPrefix(c.Record, o4.Number) && c.Field == "cancel_reason" {
			lost = c
		}
	}
	if lost.Lost != "klient dzwonił" {
		t.Fatalf("Maria's conflicts: %+v", maria.conflicts())
	}
	if err := maria.svc.Resolve(ctx, lost.ID, domain.KeepMine); err != nil {
		t.Fatal(err)
	}
	maria.sync()
	bo.sync()
	if got := bo.value(`SELECT status || ' ' || cancel_reason FROM orders WHERE number = ?`, o4.Number); got != "cancelled klient dzwonił" {
		t.Errorf("after keeping Maria's reason: %q", got)
	}
	// The server's rules hold for anyone: lines of a confirmed order.
	conn := dt.as(t, "maria")
	if _, err := conn.Exec(ctx, `UPDATE kontor.orders SET lines = '[]' WHERE number = $1`, o2.Number); sqlState(err) != "23514" {
		t.Errorf("changing a confirmed order's lines on the server: %v", err)
	}
}

// TestCreditRecheckedOnTheServer: an order confirmed offline with a credit
// override reaches the server, where the account's exposure (invoices the
// rep had not seen yet) is over the limit: the order is marked, and both
// the rep and the back office are told.
func TestCreditRecheckedOnTheServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dt := newDocTeam(t)
	anna, bo := dt.desks["anna"], dt.desks["beata"]
	// A2's limit is 1,000.00. The back office delivers 850.00 gross.
	big := bo.order("A2", "OL-5", 16) // 16 × 42.50 = 680.00 net, 836.40 gross
	bo.mustStatus(big.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed, CreditOverride: "x"})
	bo.mustStatus(big.Number, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: docDay})
	// Offline, Anna confirms 5 × 42.50 (261.38 gross): under the limit on her laptop.
	o := anna.order("A2", "OL-5", 5)
	anna.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed})
	bo.sync()
	anna.sync()
	bo.sync()
	for _, d := range []*desk{anna, bo} {
		c := d.conflictsOf(domain.ConflictCredit)
		if len(c) != 1 || !strings.HasPrefix(c[0].Record, o.Number) || c[0].Kept != "1097.78" || c[0].Lost != "1000.00" {
			t.Errorf("%s's conflicts: %+v", d.who.name, d.conflicts())
			continue
		}
		if err := d.svc.Resolve(ctx, c[0].ID, domain.KeepMine); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("keep mine on a credit notice: %v", err)
		}
		if err := d.svc.Resolve(ctx, c[0].ID, domain.KeepTheirs); err != nil {
			t.Error(err)
		}
	}
	if got := bo.value(`SELECT credit_exposure_minor FROM orders WHERE number = ?`, o.Number); got != "109778" {
		t.Errorf("the order's exposure on the back office: %q", got)
	}
}

// TestReassignedAccountTakesItsDocuments: an account with quotes, orders,
// invoices and payments moves from Anna to Bob: his file gets all of it
// (whatever their revs), hers lets it go, and his ledger is the back office's.
func TestReassignedAccountTakesItsDocuments(t *testing.T) {
	t.Parallel()
	dt := newDocTeam(t)
	anna, bob, maria, bo := dt.desks["anna"], dt.desks["bob"], dt.desks["maria"], dt.desks["beata"]
	anna.quote("A2", "MAK-1", 8)
	o := anna.order("A2", "OL-5", 3)
	anna.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed, CreditOverride: "ok"})
	anna.sync()
	bo.sync()
	bo.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: docDay})
	if _, err := bo.pay("A2", 5000, docDay, "zaliczka"); err != nil {
		t.Fatal(err)
	}
	bo.sync()
	anna.sync()
	maria.sync()
	maria.exec(`UPDATE accounts SET owner = 'Bob Kowalski' WHERE code = 'A2'`)
	maria.sync()
	if res := anna.sync(); res.Removed != 1 {
		t.Errorf("Anna's round: %+v, want A2 removed", res)
	}
	for _, q := range []string{`SELECT count(*) FROM orders`, `SELECT count(*) FROM invoices`, `SELECT count(*) FROM payments`,
		`SELECT count(*) FROM quotes`, `SELECT count(*) FROM accounts WHERE code = 'A2'`} {
		if n := anna.count(q); n != 0 {
			t.Errorf("Anna's file after A2 left: %s = %d", q, n)
		}
	}
	bob.sync()
	if bob.docDump("A2") != bo.docDump("A2") || bob.docDump("A2") == "" {
		t.Errorf("Bob's documents of A2 differ from the back office's:\n%s\n---\n%s", bob.docDump("A2"), bo.docDump("A2"))
	}
	if a, b := bob.receivables("A2", docDay), bo.receivables("A2", docDay); a != b {
		t.Errorf("A2's receivables:\nBob:\n%s\nback office:\n%s", a, b)
	}
}

// TestKilledRoundsKeepDocumentsWhole: a back office with deliveries,
// payments and a credit note waiting is synced by processes killed at random
// moments: once a round finishes, the server has every document once, whole
// (header and lines), and the other back office's file equals this one.
func TestKilledRoundsKeepDocumentsWhole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dt := newDocTeam(t)
	anna, beata, celina := dt.desks["anna"], dt.desks["beata"], dt.desks["celina"]
	var numbers []string
	for i := 0; i < 6; i++ {
		o := anna.order([]string{"A1", "A2"}[i%2], []string{"MAK-1", "OL-5"}[i%2], int64(2+i))
		anna.mustStatus(o.Number, domain.OrderStatusChange{Status: domain.OrderConfirmed, CreditOverride: "ok"})
		numbers = append(numbers, o.Number)
	}
	anna.sync()
	celina.sync()
	for i, n := range numbers {
		o := celina.mustStatus(n, domain.OrderStatusChange{Status: domain.OrderDelivered, Delivered: docDay})
		if _, err := celina.pay(o.AccountCode, domain.Amount(1000*(i+1)), docDay, o.InvoiceNumber); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := celina.invoices.IssueCreditNote(ctx, domain.CreditNoteRequest{Invoice: o.Invoice, Date: docDay, Reason: "zwrot"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	killed := killedRounds(t, rand.New(rand.NewSource(7)), celina.db.Path(), 300*time.Millisecond)
	t.Logf("%d rounds killed before one finished", killed)
	celina.sync()
	beata.sync()
	admin := dt.admin(t)
	if n, d := count(t, admin, `SELECT count(*) FROM kontor.invoices`), count(t, admin, `SELECT count(DISTINCT number) FROM kontor.invoices`); n != 7 || d != 7 {
		t.Errorf("the server has %d invoices (%d numbers), want 7", n, d)
	}
	if n := count(t, admin, `SELECT count(*) FROM kontor.payments`); n != 6 {
		t.Errorf("the server has %d payments, want 6", n)
	}
	if st, _ := celina.svc.Status(ctx); st.Waiting != 0 || st.Conflicts != 0 || st.Refused != 0 {
		t.Errorf("Celina's status: %+v", st)
	}
	if a, b := celina.docDump("A1", "A2"), beata.docDump("A1", "A2"); a != b {
		t.Errorf("the back offices' documents differ:\n%s\n---\n%s", a, b)
	}
	for _, code := range []string{"A1", "A2"} {
		if a, b := celina.receivables(code, docDay), beata.receivables(code, docDay); a != b {
			t.Errorf("%s's receivables differ:\n%s\n---\n%s", code, a, b)
		}
	}
}
