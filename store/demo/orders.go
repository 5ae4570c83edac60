package demo

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"time"

	"kontor/domain"
	"kontor/store"
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
)

func demoOrderCount(g *demo) int { return g.opt.Accounts * demoOrdersPerAccount }

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
	pricer  *store.Pricer
	baskets map[int32][]int
}

func (d *demoLineDraw) lines(r *rand.Rand, account int32, on domain.Date, most int) []domain.DocumentLine {
	basket, ok := d.baskets[account]
	if !ok {
		basket = demoBasket(d.g, int(account), d.pricer.Products())
		d.baskets[account] = basket
	}
	id := domain.AccountID(d.g.accounts[account].id)
	n := min(len(basket), 1+r.IntN(most))
	out := make([]domain.DocumentLine, 0, n)
	used := make([]bool, len(basket))
	for len(out) < n {
		k := r.IntN(len(basket))
		if used[k] {
			continue
		}
		used[k] = true
		q := demoQuantity(r, d.pricer.Unit(basket[k]))
		// Each product once per document: its total is the line's quantity.
		l := d.pricer.Line(id, basket[k], q, on)
		switch x := r.IntN(100); {
		case x < 8:
			l.Discount = domain.Percent([]int64{200, 300, 500}[r.IntN(3)])
		case x < 9:
			l.SetManualPrice(domain.UnitPrice(int64(l.Price)*95/100), pick(r, demoManualReasons))
		}
		out = append(out, l)
	}
	return out
}

// tender draws n lines of distinct products from the whole catalog, popular
// ones more often, priced on each line's quantity (one line per product).
func (d *demoLineDraw) tender(r *rand.Rand, account int32, on domain.Date, n int) []domain.DocumentLine {
	id := domain.AccountID(d.g.accounts[account].id)
	n = min(n, d.pricer.Products())
	used := make(map[int]bool, n)
	out := make([]domain.DocumentLine, 0, n)
	for len(out) < n {
		u := r.Float64()
		k := int(float64(d.pricer.Products()) * u * u)
		if used[k] {
			continue
		}
		used[k] = true
		out = append(out, d.pricer.Line(id, k, demoQuantity(r, d.pricer.Unit(k)), on))
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

// demoSeries counts the numbers handed out per kind and year, so the series
// go on from them.
type demoSeries map[demoCounter]int64

type demoCounter struct {
	kind domain.DocumentKind
	year int
}

func (s demoSeries) next(kind domain.DocumentKind, set domain.NumberSeries, on domain.Date) string {
	year := 0
	if set.Yearly {
		year = on.Year
	}
	k := demoCounter{kind, year}
	s[k]++
	return set.Format(on.Year, s[k])
}

// save writes the counters in order of kind and year: in a map's order the
// file's pages would differ from run to run (a seed and a day give
// the same file).
func (s demoSeries) save(b *store.Bulk) error {
	keys := slices.SortedFunc(maps.Keys(s), func(x, y demoCounter) int {
		return cmp.Or(cmp.Compare(x.kind, y.kind), cmp.Compare(x.year, y.year))
	})
	for _, k := range keys {
		if err := b.SaveDocumentSeries(k.kind, k.year, s[k]); err != nil {
			return err
		}
	}
	return nil
}

// demoDelivery is what the invoice of a delivered order takes from it.
type demoDelivery struct {
	order     domain.OrderID
	account   int64
	number    string
	delivered domain.Date
	terms     domain.PaymentTerms
	totals    domain.Totals
}

// orderRNG is the random stream of a planned order: its lines, then its header.
func (g *demo) orderRNG(p demoDoc) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.opt.Seed)^0x6f72646572, uint64(p.account)<<32|uint64(p.seq)))
}

func genOrders(g *demo, b *store.Bulk, tick func(int)) error {
	if len(g.accounts) == 0 {
		return nil
	}
	pricer, err := b.Pricer()
	if err != nil || pricer.Products() == 0 {
		return err
	}
	today := domain.DateOf(g.now.In(demoZone))
	g.orders = planDemoOrders(g, today)
	set := domain.DefaultDocumentSettings()
	series := demoSeries{}
	g.draw = &demoLineDraw{g: g, pricer: pricer, baskets: map[int32][]int{}}
	// The indexes are built once the rows are in, and the daily counts with one GROUP BY.
	restoreTriggers, err := b.SuspendTriggers(store.Orders)
	if err != nil {
		return err
	}
	restoreIndexes, err := b.SuspendIndexes(store.Orders)
	if err != nil {
		return err
	}
	restoreLines, err := b.SuspendIndexes(store.OrderLines)
	if err != nil {
		return err
	}
	// Orders go in date order into an empty table: the k-th gets id k+1.
	linesDone := 0
	err = produced(b, tick, func(emit func(store.Row, int) bool) error {
		for k, p := range g.orders {
			r := g.orderRNG(p)
			lines := g.draw.lines(r, p.account, p.day, 9)
			o := demoOrder(r, &g.accounts[p.account], p.day, today, series.next(domain.KindOrder, set.Orders, p.day), lines)
			o.ID = domain.OrderID(k + 1)
			if o.Status == domain.OrderDelivered {
				g.delivered = append(g.delivered, demoDelivery{order: o.ID, account: int64(o.AccountID), number: o.Number,
					delivered: o.DeliveredOn, terms: o.PaymentTerms, totals: o.Totals()})
			}
			// The order before its lines (see store.Bulk); a line is a fifth
			// of an order's progress.
			if !emit(store.OrderRow(o), 1) {
				return nil
			}
			for i := range o.Lines {
				done := (linesDone+i+1)/5 - (linesDone+i)/5
				if !emit(store.OrderLineRow(o.ID, i+1, &o.Lines[i]), done) {
					return nil
				}
			}
			linesDone += len(o.Lines)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := b.Flush(); err != nil {
		return err
	}
	if err := restoreIndexes(); err != nil {
		return err
	}
	if err := b.CountOrders(0); err != nil {
		return err
	}
	if err := restoreTriggers(); err != nil {
		return err
	}
	if err := restoreLines(); err != nil {
		return err
	}
	if err := genQuotes(g, b, series, set, today); err != nil {
		return err
	}
	return series.save(b)
}

// demoOrder is a planned order with its lines: its status by its age, the
// delivery address, the terms and the owner of its account.
func demoOrder(r *rand.Rand, a *demoAccount, day, today domain.Date, number string, lines []domain.DocumentLine) *domain.Order {
	f := &a.fields
	age := today.DaysSince(day)
	o := &domain.Order{Number: number, Status: domain.OrderDelivered, Currency: domain.CatalogCurrency}
	switch x := r.IntN(100); {
	case x < 3:
		o.Status, o.CancelReason = domain.OrderCancelled, pick(r, demoCancelReasons)
	case age <= 2:
		o.Status = []domain.OrderStatus{domain.OrderDraft, domain.OrderConfirmed, domain.OrderConfirmed}[r.IntN(3)]
	case age <= 10 && r.IntN(2) == 0:
		o.Status = domain.OrderConfirmed
	}
	if o.Status == domain.OrderDelivered {
		d := day.AddDays(1 + r.IntN(4))
		if today.Before(d) {
			d = today
		}
		o.DeliveredOn = d
	}
	if r.IntN(10) < 6 {
		o.RequestedDelivery = day.AddDays(2 + r.IntN(6))
	}
	if r.IntN(10) < 3 {
		o.CustomerPO = fmt.Sprintf("PO/%d/%04d", day.Year, r.IntN(10000))
	}
	addr := domain.Address{Street: f.Street, PostalCode: f.PostalCode, City: f.City, Country: f.Country}
	if f.ShipStreet != "" && f.Street+f.City != "" {
		addr.Street, addr.PostalCode, addr.City = f.ShipStreet, f.ShipPostal, f.ShipCity
		if f.ShipCountry != "" {
			addr.Country = f.ShipCountry
		}
	}
	o.AccountID, o.Date, o.DeliveryAddress, o.PaymentTerms, o.Owner, o.Lines = domain.AccountID(a.id), day, addr, f.PaymentTerms,
		f.Owner, lines
	o.CreatedAt = day.Time().Add(8*time.Hour + time.Duration(r.IntN(9*3600))*time.Second)
	o.UpdatedAt = o.CreatedAt
	return o
}

var demoCancelReasons = []string{"klient zrezygnował", "brak towaru u dostawcy", "zdublowane zamówienie",
	"zmiana terminu — nowe zamówienie", "przekroczony limit kredytowy"}

// genQuotes writes recent quotes for a quarter of the accounts: drafts, sent,
// accepted and rejected, valid thirty days, so the older open ones show expired.
func genQuotes(g *demo, b *store.Bulk, series demoSeries, set domain.DocumentSettings, today domain.Date) error {
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
	// The k-th quote gets id k+1. A quarter of the quotes sent were revised
	// once: R1 as sent, one line fewer and another quantity, is kept readable
	// beside R2.
	for k, p := range plan {
		qr := rand.New(rand.NewPCG(uint64(g.opt.Seed)^0x71756f7465, uint64(p.account)<<1|uint64(p.seq)))
		a := &g.accounts[p.account]
		var lines []domain.DocumentLine
		if p.seq == 1 {
			lines = g.draw.tender(qr, p.account, p.day, demoTenderLines)
		} else {
			lines = g.draw.lines(qr, p.account, p.day, 14)
		}
		q := &domain.Quote{ID: domain.QuoteID(k + 1), Revision: 1, Currency: domain.CatalogCurrency}
		q.Status = []domain.QuoteStatus{domain.QuoteDraft, domain.QuoteSent, domain.QuoteSent, domain.QuoteAccepted,
			domain.QuoteRejected}[qr.IntN(5)]
		q.DeliveryTerms = []string{"", "DAP magazyn klienta", "odbiór własny", "EXW Poznań", "dostawa w 48 h"}[qr.IntN(5)]
		q.AccountID, q.Date, q.ValidUntil, q.PaymentTerms, q.Owner = domain.AccountID(a.id), p.day, p.day.AddDays(set.QuoteValidDays),
			a.fields.PaymentTerms, a.fields.Owner
		q.CreatedAt = p.day.Time().Add(9 * time.Hour)
		var r1 *domain.Quote
		if q.Status != domain.QuoteDraft && len(lines) > 1 && qr.IntN(4) == 0 {
			r1 = new(domain.Quote)
			*r1 = *q
			r1.Status, r1.Lines = domain.QuoteSent, append([]domain.DocumentLine(nil), lines[:len(lines)-1]...)
			r1.Lines[0].Quantity += r1.Lines[0].Quantity / 2
			q.Revision, q.CreatedAt = 2, p.day.Time().Add(14*time.Hour)
		}
		q.Number, q.Lines, q.UpdatedAt = series.next(domain.KindQuote, set.Quotes, p.day), lines, q.CreatedAt
		// The quote before its lines and its earlier revision (see store.Bulk).
		rows := []store.Row{store.QuoteRow(q)}
		for i := range lines {
			rows = append(rows, store.QuoteLineRow(q.ID, q.Revision, i+1, &lines[i]))
		}
		if r1 != nil {
			rows = append(rows, store.QuoteRevisionRow(r1, r1.CreatedAt))
			for i := range r1.Lines {
				rows = append(rows, store.QuoteLineRow(q.ID, 1, i+1, &r1.Lines[i]))
			}
		}
		for _, row := range rows {
			if err := b.Add(row); err != nil {
				return err
			}
		}
	}
	return nil
}
