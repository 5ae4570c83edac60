package demo

import (
	"math/rand/v2"
	"time"

	"kontor/domain"
	"kontor/store"
)

// How many agreements the demo negotiates: deals per account (2–8), extra deals
// for a head office (they apply to its branches) and, per customer group, deals
// on this share of the catalog. A deal is one agreement, or two when it was
// changed, plus its quantity tiers: about ten agreements per account overall.
const (
	demoDealsMin, demoDealsSpread = 2, 7
	demoHeadDealsMin              = 15
	demoHeadDealsSpread           = 21
	demoGroupDealsPct             = 18
)

// demoAgreementUnits estimates the rows of the agreements step, for progress.
func demoAgreementUnits(accounts int) int { return accounts * 21 / 2 }

// dealTarget is whom a deal is for: an account or a customer group.
type dealTarget struct {
	account domain.AccountID
	group   domain.GroupID
	by      string
	since   time.Time // nothing is agreed before the customer existed
}

type agreementGen struct {
	g      *demo
	r      *rand.Rand
	today  domain.Date
	nextID domain.AgreementID
	emit   func(store.Row, int) bool
}

// genAgreements writes the agreements with their whole history: a changed one
// is ended and points at the agreement that replaced it. The ids are 1, 2,
// 3, … in order, so a replaced agreement names the id its successor has.
func genAgreements(g *demo, b *store.Bulk, tick func(int)) error {
	if len(g.products) == 0 {
		return nil
	}
	groups, err := b.GroupIDs()
	if err != nil {
		return err
	}
	ag := &agreementGen{g: g, r: g.rng("agreements"), today: domain.DateOf(g.now), nextID: 1}
	return produced(b, tick, func(emit func(store.Row, int) bool) error {
		ag.emit = emit
		for i := range g.accounts {
			a := &g.accounts[i]
			n := demoDealsMin + ag.r.IntN(demoDealsSpread)
			if len(a.branches) > 0 {
				n += demoHeadDealsMin + ag.r.IntN(demoHeadDealsSpread)
			}
			if !ag.deals(dealTarget{account: domain.AccountID(a.id), by: a.fields.Owner, since: a.created}, n) {
				return nil
			}
		}
		for _, name := range []string{"Hurt", "Detal", "Sieć", "HoReCa", "Dystrybutor", "Instytucje", "Eksport"} {
			id, ok := groups[name]
			if !ok {
				continue
			}
			n := len(g.products) * demoGroupDealsPct / 100
			if !ag.deals(dealTarget{group: id, by: "dział handlowy", since: g.now.AddDate(-3, 0, 0)}, n) {
				return nil
			}
		}
		return nil
	})
}

// popular picks a product, the first ones far more often (the ids are in
// random catalog order), so that account, head office and group deals meet on
// the same products the way real price lists do.
func (ag *agreementGen) popular() int {
	u := ag.r.Float64()
	return int(float64(len(ag.g.products)) * u * u * u)
}

// deals writes n deals on distinct products for one target; false once the
// consumer stopped.
func (ag *agreementGen) deals(t dealTarget, n int) bool {
	n = min(n, len(ag.g.products))
	used := make(map[int]bool, n)
	for k := 0; k < n; k++ {
		p := ag.popular()
		for used[p] {
			p = ag.r.IntN(len(ag.g.products))
		}
		used[p] = true
		if !ag.deal(t, &ag.g.products[p]) {
			return false
		}
	}
	return true
}

// dealTerms are a deal's price terms: a discount or a fixed price.
type dealTerms struct {
	price, discount any // int64 or nil
}

func (ag *agreementGen) terms(p *demoProduct) dealTerms {
	r := ag.r
	if r.IntN(10) < 6 {
		return dealTerms{discount: int64(2+r.IntN(24))*100 + int64(r.IntN(2))*50}
	}
	return dealTerms{price: ag.round(p, int64(p.list)*(98-int64(r.IntN(24)))/100)}
}

// round keeps a price derived from a list price in grosze in grosze.
func (ag *agreementGen) round(p *demoProduct, price int64) int64 {
	if p.list%100 == 0 {
		price = price / 100 * 100
	}
	return max(price, 1)
}

// tier makes the terms of the i-th quantity break: 3 points more off per break.
func (ag *agreementGen) tier(p *demoProduct, base dealTerms, i int) dealTerms {
	if i == 0 {
		return base
	}
	if d, ok := base.discount.(int64); ok {
		return dealTerms{discount: min(d+int64(i)*300, 9000)}
	}
	return dealTerms{price: ag.round(p, base.price.(int64)*int64(100-3*i)/100)}
}

// deal writes one negotiated deal: its dates, perhaps a change that replaced
// earlier terms, perhaps quantity tiers.
func (ag *agreementGen) deal(t dealTarget, p *demoProduct) bool {
	r := ag.r
	since := domain.DateOf(t.since)
	earliest := ag.today.AddDays(-3 * 365)
	if earliest.Before(since) {
		earliest = since
	}
	span := max(1, ag.today.DaysSince(earliest))
	var from, to domain.Date
	switch x := r.IntN(10); {
	case x < 2: // open start: "as long as we have worked together"
	case x < 9:
		from = earliest.AddDays(r.IntN(span))
	default: // negotiated, not yet in force
		from = ag.today.AddDays(1 + r.IntN(60))
	}
	switch x := r.IntN(20); {
	case x < 11: // open end
	case x < 16:
		to = domain.NewDate(ag.today.Year+r.IntN(2), 12, 31)
	default: // expired
		start := from
		if start.IsZero() {
			start = earliest
		}
		if start.Before(ag.today.AddDays(-30)) {
			to = start.AddDays(30 + r.IntN(max(1, ag.today.DaysSince(start)-30)))
			if !to.Before(ag.today) {
				to = ag.today.AddDays(-1)
			}
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		to = domain.Date{}
	}
	tiers := []domain.Quantity{domain.One}
	if r.IntN(5) == 0 {
		tiers = append(tiers, ag.tierBreaks(p.unit)...)
	}
	// A deal changed once: the old terms ran until the day before the new ones.
	changed := to.IsZero() && !from.IsZero() && from.Before(ag.today.AddDays(-60)) && r.IntN(100) < 15
	base := ag.terms(p)
	var old dealTerms
	var switchOn domain.Date
	if changed {
		old = ag.terms(p)
		switchOn = from.AddDays(30 + r.IntN(max(1, ag.today.DaysSince(from)-30)))
	}
	for i, q := range tiers {
		if !changed {
			if !ag.write(t, p, q, ag.tier(p, base, i), from, to, "", time.Time{}, 0) {
				return false
			}
			continue
		}
		newID := ag.nextID
		if !ag.write(t, p, q, ag.tier(p, base, i), switchOn, to, "", time.Time{}, 0) {
			return false
		}
		ended := switchOn.AddDays(-1 - r.IntN(20)).Time().Add(time.Duration(9+r.IntN(8)) * time.Hour)
		if !ag.write(t, p, q, ag.tier(p, old, i), from, switchOn.AddDays(-1), t.by, ended, newID) {
			return false
		}
	}
	return true
}

// tierBreaks are one or two quantity breaks the unit can express.
func (ag *agreementGen) tierBreaks(u domain.Unit) []domain.Quantity {
	options := [][]domain.Quantity{{10 * domain.One}, {10 * domain.One, 50 * domain.One}, {24 * domain.One, 100 * domain.One}}
	switch u.Decimals() {
	case 3:
		options = append(options, []domain.Quantity{12500, 100 * domain.One}, []domain.Quantity{25 * domain.One})
	case 2:
		options = append(options, []domain.Quantity{50 * domain.One, 250 * domain.One}, []domain.Quantity{12500})
	}
	return options[ag.r.IntN(len(options))]
}

func (ag *agreementGen) write(t dealTarget, p *demoProduct, q domain.Quantity, terms dealTerms, from, to domain.Date,
	endedBy string, endedAt time.Time, replacedBy domain.AgreementID) bool {
	by := t.by
	if by == "" {
		by = "admin"
	}
	created := t.since
	if !from.IsZero() {
		if c := from.AddDays(-1 - ag.r.IntN(14)).Time().Add(10 * time.Hour); c.After(created) {
			created = c
		}
	}
	if created.After(ag.g.now) {
		created = ag.g.now
	}
	a := &domain.Agreement{ID: ag.nextID, ProductID: domain.ProductID(p.id), AccountID: t.account, GroupID: t.group,
		CreatedBy: by, CreatedAt: created, EndedBy: endedBy, EndedAt: endedAt, ReplacedBy: replacedBy}
	a.MinQty, a.ValidFrom, a.ValidTo = q, from, to
	if price, ok := terms.price.(int64); ok {
		a.Price, a.HasPrice = domain.UnitPrice(price), true
	}
	if discount, ok := terms.discount.(int64); ok {
		a.Discount, a.HasDiscount = domain.Percent(discount), true
	}
	ag.nextID++
	return ag.emit(store.AgreementRow(a), 1)
}
