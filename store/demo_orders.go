package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"kontor/domain"
)

// The demo's orders: about twelve an account over three years (240,000 for
// the large dataset), five lines each on average, drawn from each account's
// usual basket of products and priced by the engine on the order's date.
// None is invoiced: invoices are another step's business.
const (
	demoOrdersPerAccount = 12
	demoOrderDays        = 3 * 365
	demoQuotePct         = 25  // accounts with an open (or recently answered) quote
	demoQuoteDays        = 45  // how far back quotes go: those older than their 30 days' validity show expired
	demoTenderLines      = 200 // lines of a tender quote, one per thousand accounts (the bench opens them)
	demoRowsPerInsert    = 64  // rows per multi-row INSERT: the driver's cost per statement paid once per group
)

func demoOrderCount(g *demo) int { return g.opt.Accounts * demoOrdersPerAccount }

// demoTarget is an account's chain and group from the generated accounts.
func demoTarget(g *demo, p *bulkPricer, i int) *priceTarget {
	t := &priceTarget{}
	a := &g.accounts[i]
	if id := p.groups[a.fields.CustomerGroup]; id != 0 {
		t.group = domain.GroupRef{ID: domain.GroupID(id), Name: a.fields.CustomerGroup}
	}
	for k := i; len(t.chain) < 64; {
		acc := &g.accounts[k]
		t.chain = append(t.chain, domain.AccountRef{ID: domain.AccountID(acc.id), Code: acc.fields.Code})
		if acc.head == 0 {
			break
		}
		k = acc.head - 1
	}
	return t
}

// demoDoc is a planned document: whose, on which day, and its draw.
type demoDoc struct {
	account int32
	seq     int32
	day     domain.Date
}

// planDemoOrders spreads demoOrdersPerAccount × accounts orders over the
// accounts in proportion to how long each has bought (up to three years, from
// when it became a customer) and a random appetite; then sorts them by day, so
// numbers and ids run in date order as they would have been entered.
func planDemoOrders(g *demo, today domain.Date) []demoDoc {
	r := g.rng("orders")
	first := today.AddDays(-demoOrderDays)
	spans := make([]int, len(g.accounts))
	weights := make([]int, len(g.accounts))
	sum := 0
	for i := range g.accounts {
		start := domain.DateOf(g.accounts[i].created.In(demoZone))
		if start.Before(first) {
			start = first
		}
		spans[i] = max(1, today.DaysSince(start))
		weights[i] = spans[i] * (50 + r.IntN(101))
		sum += weights[i]
	}
	want := demoOrderCount(g)
	plan := make([]demoDoc, 0, want+len(g.accounts))
	carry := 0
	for i := range g.accounts {
		share := want*weights[i] + carry
		n := share / max(1, sum)
		carry = share % max(1, sum)
		for k := 0; k < n; k++ {
			plan = append(plan, demoDoc{account: int32(i), seq: int32(k), day: today.AddDays(-r.IntN(spans[i]))})
		}
	}
	slices.SortFunc(plan, func(a, b demoDoc) int {
		return cmp.Or(a.day.Compare(b.day), cmp.Compare(a.account, b.account), cmp.Compare(a.seq, b.seq))
	})
	return plan
}

// demoBasket is the products an account usually buys: popular products first,
// the same for the same account and seed.
func demoBasket(g *demo, i int, products int) []int {
	r := rand.New(rand.NewPCG(uint64(g.opt.Seed)^0x62736b74, uint64(i)))
	n := min(products, 8+r.IntN(25))
	basket := make([]int, 0, n)
	for len(basket) < n {
		u := r.Float64()
		k := int(float64(products) * u * u * u)
		if !slices.Contains(basket, k) {
			basket = append(basket, k)
		}
	}
	return basket
}

// demoLineDraw draws a document's lines from the account's basket, priced.
type demoLineDraw struct {
	g       *demo
	pricer  *bulkPricer
	targets map[int32]*priceTarget
	baskets map[int32][]int
	buf     []*domain.Agreement
}

func (d *demoLineDraw) lines(r *rand.Rand, account int32, on domain.Date, most int) []domain.DocumentLine {
	basket, ok := d.baskets[account]
	if !ok {
		basket = demoBasket(d.g, int(account), len(d.pricer.list))
		d.baskets[account] = basket
	}
	t := d.targets[account]
	if t == nil {
		t = demoTarget(d.g, d.pricer, int(account))
		d.targets[account] = t
	}
	n := min(len(basket), 1+r.IntN(most))
	out := make([]domain.DocumentLine, 0, n)
	used := make([]bool, len(basket))
	for len(out) < n {
		k := r.IntN(len(basket))
		if used[k] {
			continue
		}
		used[k] = true
		c := &d.pricer.list[basket[k]]
		q := demoQuantity(r, c.unit)
		// Each product once per document: its total is the line's quantity.
		price, src := d.pricer.price(t, c, q, on, d.buf)
		l := domain.DocumentLine{ProductID: c.id, SKU: c.sku, Name: c.name, Unit: c.unit, Quantity: q,
			Price: price, EnginePrice: price, Source: src, VATRate: c.vat}
		switch x := r.IntN(100); {
		case x < 8:
			l.Discount = domain.Percent([]int64{200, 300, 500}[r.IntN(3)])
		case x < 9:
			l.SetManualPrice(domain.UnitPrice(int64(price)*95/100), pick(r, demoManualReasons))
		}
		out = append(out, l)
	}
	return out
}

// tender draws n lines of distinct products from the whole catalog, popular
// ones more often, priced on each line's quantity (one line per product).
func (d *demoLineDraw) tender(r *rand.Rand, account int32, on domain.Date, n int) []domain.DocumentLine {
	t := d.targets[account]
	if t == nil {
		t = demoTarget(d.g, d.pricer, int(account))
		d.targets[account] = t
	}
	n = min(n, len(d.pricer.list))
	used := make(map[int]bool, n)
	out := make([]domain.DocumentLine, 0, n)
	for len(out) < n {
		u := r.Float64()
		k := int(float64(len(d.pricer.list)) * u * u)
		if used[k] {
			continue
		}
		used[k] = true
		c := &d.pricer.list[k]
		q := demoQuantity(r, c.unit)
		price, src := d.pricer.price(t, c, q, on, d.buf)
		out = append(out, domain.DocumentLine{ProductID: c.id, SKU: c.sku, Name: c.name, Unit: c.unit, Quantity: q,
			Price: price, EnginePrice: price, Source: src, VATRate: c.vat})
	}
	return out
}

var demoManualReasons = []string{"uzgodnione telefonicznie", "wyrównanie do oferty konkurencji", "towar z końcówki serii",
	"rabat za odbiór własny", "reklamacja poprzedniej dostawy"}

// demoQuantity is how much of a product a wholesale customer orders.
func demoQuantity(r *rand.Rand, u domain.Unit) domain.Quantity {
	switch u.Decimals() {
	case 3:
		return domain.Quantity((1 + r.IntN(120)) * 500) // 0.5 to 60 kg or l, in halves
	case 2:
		return domain.Quantity((1 + r.IntN(400)) * 250) // 0.25 to 100 m
	}
	n := 1 + r.IntN(24)
	if r.IntN(5) == 0 {
		n *= 10
	}
	return domain.Quantity(n) * domain.One
}

const demoOrderColumns = `number, status, account_id, ordered_on, requested_on, delivered_on, cancel_reason,
	delivery_street, delivery_postal, delivery_city, delivery_country, customer_po, terms_days, terms_eom, notes, owner,
	currency, net_minor, vat_minor, gross_minor, line_count, created_at, updated_at`

func multiInsertSQL(table, columns string, rows int) string {
	n := strings.Count(columns, ",") + 1
	one := "(" + placeholders(n) + ")"
	return `INSERT INTO ` + table + ` (` + columns + `) VALUES ` + strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// groupedInsert runs produce's rows through multi-row INSERTs of
// demoRowsPerInsert rows (the rest one by one) and ticks per row.
func groupedInsert(ctx context.Context, tx *sql.Tx, table, columns string, produce func(emit func([]any) bool) error, tick func(int)) error {
	var rest [][]any
	group := []any{}
	inGroup := 0
	err := insertRows(ctx, tx, multiInsertSQL(table, columns, demoRowsPerInsert), func(emit func([]any) bool) error {
		err := produce(func(row []any) bool {
			group = append(group, row...)
			if inGroup++; inGroup < demoRowsPerInsert {
				return true
			}
			out := group
			group, inGroup = make([]any, 0, len(out)), 0
			return emit(out)
		})
		if inGroup > 0 {
			n := len(group) / inGroup
			for k := 0; k < inGroup; k++ {
				rest = append(rest, group[k*n:(k+1)*n])
			}
		}
		return err
	}, func(int64) error { tick(demoRowsPerInsert); return nil })
	if err != nil {
		return err
	}
	single := multiInsertSQL(table, columns, 1)
	for _, row := range rest {
		if _, err := tx.ExecContext(ctx, single, row...); err != nil {
			return err
		}
		tick(1)
	}
	return nil
}

// demoSeries counts the numbers handed out per kind and year, so the series
// go on from them.
type demoSeries map[[2]any]int64

func (s demoSeries) next(kind domain.DocumentKind, set domain.NumberSeries, on domain.Date) string {
	year := 0
	if set.Yearly {
		year = on.Year
	}
	k := [2]any{string(kind), year}
	s[k]++
	return set.Format(on.Year, s[k])
}

func (s demoSeries) save(ctx context.Context, tx *sql.Tx) error {
	for k, n := range s {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_series (kind, year, last) VALUES (?, ?, ?)
			ON CONFLICT (kind, year) DO UPDATE SET last = max(last, excluded.last)`, k[0], k[1], n); err != nil {
			return err
		}
	}
	return nil
}

func genOrders(ctx context.Context, g *demo, tx *sql.Tx, tick func(int)) error {
	if len(g.accounts) == 0 {
		return nil
	}
	pricer, err := loadBulkPricer(ctx, tx, false, nil)
	if err != nil || len(pricer.list) == 0 {
		return err
	}
	today := domain.DateOf(g.now.In(demoZone))
	plan := planDemoOrders(g, today)
	set := domain.DefaultDocumentSettings()
	series := demoSeries{}
	draw := &demoLineDraw{g: g, pricer: pricer, targets: map[int32]*priceTarget{}, baskets: map[int32][]int{}}
	// Lines are drawn twice from the same stream, for the header's totals and
	// then for the lines' rows, instead of holding 1,200,000 of them in memory.
	orderRNG := func(p demoDoc) *rand.Rand {
		return rand.New(rand.NewPCG(uint64(g.opt.Seed)^0x6f72646572, uint64(p.account)<<32|uint64(p.seq)))
	}
	// The indexes are built once the rows are in, and the daily counts with one GROUP BY.
	restoreTriggers, err := suspendSchema(ctx, tx, "orders", "trigger")
	if err != nil {
		return err
	}
	restoreIndexes, err := suspendSchema(ctx, tx, "orders", "index")
	if err != nil {
		return err
	}
	// Orders go in date order into an empty table: the k-th gets id k+1.
	err = groupedInsert(ctx, tx, "orders", demoOrderColumns, func(emit func([]any) bool) error {
		for _, p := range plan {
			r := orderRNG(p)
			lines := draw.lines(r, p.account, p.day, 9)
			if !emit(demoOrderRow(r, &g.accounts[p.account], p.day, today, series.next(domain.KindOrder, set.Orders, p.day), lines)) {
				return nil
			}
		}
		return nil
	}, tick)
	if err != nil {
		return err
	}
	if err := restoreIndexes(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO order_counts (ordered_on, status, owner, n)
		SELECT ordered_on, status, owner, count(*) FROM orders GROUP BY 1, 2, 3`); err != nil {
		return err
	}
	if err := restoreTriggers(); err != nil {
		return err
	}
	restore, err := suspendSchema(ctx, tx, "order_lines", "index")
	if err != nil {
		return err
	}
	err = groupedInsert(ctx, tx, "order_lines", "order_id, line_no, "+lineColumns, func(emit func([]any) bool) error {
		for k, p := range plan {
			lines := draw.lines(orderRNG(p), p.account, p.day, 9)
			for i := range lines {
				if !emit(append([]any{int64(k + 1), i + 1}, lineArgs(&lines[i])...)) {
					return nil
				}
			}
		}
		return nil
	}, func(n int) { tick(n / 5) })
	if err != nil {
		return err
	}
	if err := restore(); err != nil {
		return err
	}
	if err := genQuotes(ctx, g, tx, draw, series, set, today); err != nil {
		return err
	}
	return series.save(ctx, tx)
}

func demoOrderRow(r *rand.Rand, a *demoAccount, day, today domain.Date, number string, lines []domain.DocumentLine) []any {
	f := &a.fields
	age := today.DaysSince(day)
	status, delivered, reason := domain.OrderDelivered, any(nil), ""
	switch x := r.IntN(100); {
	case x < 3:
		status, reason = domain.OrderCancelled, pick(r, demoCancelReasons)
	case age <= 2:
		status = []domain.OrderStatus{domain.OrderDraft, domain.OrderConfirmed, domain.OrderConfirmed}[r.IntN(3)]
	case age <= 10 && r.IntN(2) == 0:
		status = domain.OrderConfirmed
	}
	if status == domain.OrderDelivered {
		d := day.AddDays(1 + r.IntN(4))
		if today.Before(d) {
			d = today
		}
		delivered = d.String()
	}
	var requested any
	if r.IntN(10) < 6 {
		requested = day.AddDays(2 + r.IntN(6)).String()
	}
	po := ""
	if r.IntN(10) < 3 {
		po = fmt.Sprintf("PO/%d/%04d", day.Year, r.IntN(10000))
	}
	addr := f.Street + f.City
	street, postal, city, country := f.Street, f.PostalCode, f.City, f.Country
	if f.ShipStreet != "" && addr != "" {
		street, postal, city = f.ShipStreet, f.ShipPostal, f.ShipCity
		if f.ShipCountry != "" {
			country = f.ShipCountry
		}
	}
	t := domain.ComputeTotals(lines)
	at := stamp(day.Time().Add(8*time.Hour + time.Duration(r.IntN(9*3600))*time.Second))
	return []any{number, string(status), a.id, day.String(), requested, delivered, reason, street, postal, city, country, po,
		f.PaymentTerms.Days, boolInt(f.PaymentTerms.EOM), "", f.Owner, domain.CatalogCurrency, int64(t.Net), int64(t.VAT), int64(t.Gross),
		len(lines), at, at}
}

var demoCancelReasons = []string{"klient zrezygnował", "brak towaru u dostawcy", "zdublowane zamówienie",
	"zmiana terminu — nowe zamówienie", "przekroczony limit kredytowy"}

const demoQuoteColumns = `number, revision, status, account_id, quoted_on, valid_until, terms_days, terms_eom, delivery_terms, notes,
	owner, currency, net_minor, vat_minor, gross_minor, line_count, created_at, updated_at`

// genQuotes writes recent quotes for a quarter of the accounts: drafts, sent,
// accepted and rejected, valid thirty days, so the older open ones show expired.
func genQuotes(ctx context.Context, g *demo, tx *sql.Tx, draw *demoLineDraw, series demoSeries, set domain.DocumentSettings, today domain.Date) error {
	r := g.rng("quotes")
	var plan []demoDoc
	for i := range g.accounts {
		if g.accounts[i].archived || r.IntN(100) >= demoQuotePct {
			continue
		}
		plan = append(plan, demoDoc{account: int32(i), day: today.AddDays(-r.IntN(demoQuoteDays))})
	}
	// Tenders: a large quote of many products, for one account in a thousand.
	for k := 0; k < max(1, len(g.accounts)/1000); k++ {
		plan = append(plan, demoDoc{account: int32(r.IntN(len(g.accounts))), seq: 1, day: today.AddDays(-r.IntN(20))})
	}
	slices.SortStableFunc(plan, func(a, b demoDoc) int { return a.day.Compare(b.day) })
	lines := make([][]domain.DocumentLine, len(plan))
	// A quarter of the quotes sent were revised once: R1 as sent, one line
	// fewer and another quantity, is kept readable beside R2.
	type first struct {
		k     int
		at    string
		lines []domain.DocumentLine
	}
	var revised []first
	err := groupedInsert(ctx, tx, "quotes", demoQuoteColumns, func(emit func([]any) bool) error {
		for k, p := range plan {
			qr := rand.New(rand.NewPCG(uint64(g.opt.Seed)^0x71756f7465, uint64(p.account)<<1|uint64(p.seq)))
			a := &g.accounts[p.account]
			if p.seq == 1 {
				lines[k] = draw.tender(qr, p.account, p.day, demoTenderLines)
			} else {
				lines[k] = draw.lines(qr, p.account, p.day, 14)
			}
			status := []domain.QuoteStatus{domain.QuoteDraft, domain.QuoteSent, domain.QuoteSent, domain.QuoteAccepted,
				domain.QuoteRejected}[qr.IntN(5)]
			terms := []string{"", "DAP magazyn klienta", "odbiór własny", "EXW Poznań", "dostawa w 48 h"}[qr.IntN(5)]
			t := domain.ComputeTotals(lines[k])
			at := stamp(p.day.Time().Add(9 * time.Hour))
			revision := 1
			if status != domain.QuoteDraft && len(lines[k]) > 1 && qr.IntN(4) == 0 {
				r1 := append([]domain.DocumentLine(nil), lines[k][:len(lines[k])-1]...)
				r1[0].Quantity += r1[0].Quantity / 2
				revised = append(revised, first{k, at, r1})
				revision, at = 2, stamp(p.day.Time().Add(14*time.Hour))
			}
			if !emit([]any{series.next(domain.KindQuote, set.Quotes, p.day), revision, string(status), a.id, p.day.String(),
				p.day.AddDays(set.QuoteValidDays).String(), a.fields.PaymentTerms.Days, boolInt(a.fields.PaymentTerms.EOM), terms, "",
				a.fields.Owner, domain.CatalogCurrency, int64(t.Net), int64(t.VAT), int64(t.Gross), len(lines[k]), at, at}) {
				return nil
			}
		}
		return nil
	}, func(int) {})
	if err != nil {
		return err
	}
	current := make([]int, len(plan))
	for i := range current {
		current[i] = 1
	}
	for _, r1 := range revised {
		current[r1.k] = 2
		t := domain.ComputeTotals(r1.lines)
		if _, err := tx.ExecContext(ctx, `INSERT INTO quote_revisions (quote_id, revision, status, account_id, currency, contact_id,
			quoted_on, valid_until, terms_days, terms_eom, delivery_terms, notes, owner, net_minor, vat_minor, gross_minor,
			line_count, saved_at)
			SELECT id, 1, 'sent', account_id, currency, contact_id, quoted_on, valid_until, terms_days, terms_eom, delivery_terms,
			notes, owner, ?, ?, ?, ?, ? FROM quotes WHERE id = ?`,
			int64(t.Net), int64(t.VAT), int64(t.Gross), len(r1.lines), r1.at, r1.k+1); err != nil {
			return err
		}
	}
	return groupedInsert(ctx, tx, "quote_lines", "quote_id, revision, line_no, "+lineColumns, func(emit func([]any) bool) error {
		for k := range lines {
			for i := range lines[k] {
				if !emit(append([]any{int64(k + 1), current[k], i + 1}, lineArgs(&lines[k][i])...)) {
					return nil
				}
			}
		}
		for _, r1 := range revised {
			for i := range r1.lines {
				if !emit(append([]any{int64(r1.k + 1), 1, i + 1}, lineArgs(&r1.lines[i])...)) {
					return nil
				}
			}
		}
		return nil
	}, func(int) {})
}
