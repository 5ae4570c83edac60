package domain

import (
	"context"
	"slices"
	"sort"
)

// PriceSource says where a resolved price came from.
type PriceSource string

// Price sources, most specific first.
const (
	SourceAccount PriceSource = "account" // an agreement for the account itself
	SourceParent  PriceSource = "parent"  // an agreement for its head office, or further up the chain
	SourceGroup   PriceSource = "group"   // an agreement for the account's customer group
	SourceList    PriceSource = "list"    // no agreement applies: the product's list price
)

// LossReason says why a candidate agreement did not set the price. The checks
// run in this order and the first that tells the candidate from the winner is
// reported.
type LossReason string

// Loss reasons.
const (
	LostExpired      LossReason = "expired"        // valid_to is before the date
	LostNotYetValid  LossReason = "not_yet_valid"  // valid_from is after the date
	LostTierAbove    LossReason = "tier_above"     // min_qty is above the document's quantity
	LostLessSpecific LossReason = "less_specific"  // a nearer level (account, head office, group) has an agreement that applies
	LostSmallerTier  LossReason = "smaller_tier"   // same level, a higher tier that the quantity reaches wins
	LostOlder        LossReason = "older"          // same level and tier, one that started later wins
	LostDearer       LossReason = "dearer"         // same level, tier and start: the lowest price wins
	LostTie          LossReason = "entered_before" // identical in all of the above: the agreement entered later (higher id) wins
)

// Reason is a translatable sentence: Key selects the translation, Msg is the
// English text/template over Args. Args hold typed values (UnitPrice, Quantity,
// Date, AgreementID, strings), so a translation can format them for its locale;
// a zero Date means "open".
type Reason struct {
	Key  string
	Msg  string
	Args map[string]any
}

// String renders the English sentence.
func (r Reason) String() string { return Render(r.Msg, r.Args) }

// AccountRef names an account in a price chain.
type AccountRef struct {
	ID   AccountID
	Code string
	Name string
}

// GroupRef names a customer group.
type GroupRef struct {
	ID   GroupID
	Name string
}

// PriceInput is everything one resolution needs; ResolvePrice reads nothing else.
type PriceInput struct {
	SKU       string
	ListPrice UnitPrice
	Quantity  Quantity // the document's total quantity of the SKU (tiers compare with it)
	Date      Date
	// Chain is the account first, then its head office, that one's head office, …
	Chain []AccountRef
	Group GroupRef // the account's customer group; zero ID for none
	// Agreements are the candidates: agreements for the SKU. Those that target
	// neither an account of Chain nor Group are ignored, so a caller may pass more.
	Agreements []*Agreement
}

// Candidate is one agreement considered by a resolution.
type Candidate struct {
	Agreement *Agreement
	Source    PriceSource
	Level     int        // 0 the account, 1 its head office, …, len(Chain) the group
	Holder    string     // the code of the account or the name of the group it is for
	Price     UnitPrice  // the price it would give
	Lost      LossReason // "" for the winner
	Why       Reason     // why it won or lost, one sentence
	applies   bool       // valid on the date and tier reached
	validFrom int        // dayNumber(valid_from), for ordering
	validTo   int        // endNumber(valid_to)
}

// Resolution is a resolved price with its explanation.
type Resolution struct {
	SKU       string
	Quantity  Quantity
	Date      Date
	ListPrice UnitPrice
	Price     UnitPrice
	Source    PriceSource
	Winner    *Candidate  // nil when the list price applies
	Others    []Candidate // every other candidate, nearest level first, each with why it lost
	Reason    Reason      // why this price, one sentence
}

// Explain is the full English explanation: the reason, then one sentence per losing candidate.
func (r *Resolution) Explain() string {
	s := r.Reason.String()
	for _, c := range r.Others {
		s += " " + c.Why.String()
	}
	return s
}

// ResolvePrice resolves the net unit price:
// the candidates are the agreements valid on the date (either end open) whose
// min_qty ≤ the quantity. The nearest level wins: the account, then its head
// office, then further up the chain, then the customer group, else the list
// price. Within a level the highest min_qty wins, then the latest valid_from
// (an open start counts as the earliest), then the lowest resulting price, and
// finally — so that ties never fail — the agreement entered last (highest id).
// A discount applies to the list price, rounded half away from zero to 4 places.
func ResolvePrice(in PriceInput) Resolution {
	cands := candidates(in)
	res := Resolution{SKU: in.SKU, Quantity: in.Quantity, Date: in.Date, ListPrice: in.ListPrice,
		Price: in.ListPrice, Source: SourceList}
	best := winner(cands)
	if best >= 0 {
		w := cands[best]
		res.Price, res.Source = w.Price, w.Source
		w.Why = wonReason(&w, in.ListPrice)
		res.Winner = &w
		res.Reason = w.Why
	} else {
		res.Reason = Reason{Key: "price.reason.list",
			Msg:  "List price {{.Price}}: no agreement for this account, its head offices or its group applies on {{.Date}} at quantity {{.Qty}}.",
			Args: map[string]any{"Price": in.ListPrice, "Date": in.Date, "Qty": in.Quantity}}
	}
	if len(cands) > 1 {
		res.Others = make([]Candidate, 0, len(cands)-1)
	}
	for i := range cands {
		if i == best {
			continue
		}
		c := cands[i]
		c.Lost, c.Why = lostReason(&c, res.Winner, in)
		res.Others = append(res.Others, c)
	}
	return res
}

// BestPrice is ResolvePrice without the explanation: the price, its source and
// the winning agreement (nil for the list price). Price sheets use it.
func BestPrice(in PriceInput) (UnitPrice, PriceSource, *Agreement) {
	cands := candidates(in)
	if best := winner(cands); best >= 0 {
		return cands[best].Price, cands[best].Source, cands[best].Agreement
	}
	return in.ListPrice, SourceList, nil
}

// candidates places every relevant agreement on its level, ordered by level and
// then by the within-level rules, so the first that applies is the winner.
func candidates(in PriceInput) []Candidate {
	out := make([]Candidate, 0, len(in.Agreements))
	day := dayNumber(in.Date)
	for _, a := range in.Agreements {
		c := Candidate{Agreement: a, Level: -1}
		switch {
		case a.AccountID != 0:
			for i, ref := range in.Chain {
				if ref.ID == a.AccountID {
					c.Level, c.Holder = i, ref.Code
					c.Source = SourceParent
					if i == 0 {
						c.Source = SourceAccount
					}
					break
				}
			}
		case a.GroupID != 0 && a.GroupID == in.Group.ID:
			c.Level, c.Holder, c.Source = len(in.Chain), in.Group.Name, SourceGroup
		}
		if c.Level < 0 || (a.SKU != "" && in.SKU != "" && a.SKU != in.SKU) {
			continue
		}
		c.Price = a.NetPrice(in.ListPrice)
		c.validFrom, c.validTo = dayNumber(a.ValidFrom), endNumber(a.ValidTo)
		c.applies = c.validFrom <= day && day <= c.validTo && a.MinQty <= in.Quantity
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		switch {
		case precedes(&a, &b):
			return -1
		case precedes(&b, &a):
			return 1
		}
		return 0
	})
	return out
}

// precedes orders candidates: level, then min_qty down, valid_from down, price up, id down.
func precedes(a, b *Candidate) bool {
	switch {
	case a.Level != b.Level:
		return a.Level < b.Level
	case a.Agreement.MinQty != b.Agreement.MinQty:
		return a.Agreement.MinQty > b.Agreement.MinQty
	case a.validFrom != b.validFrom:
		return a.validFrom > b.validFrom
	case a.Price != b.Price:
		return a.Price < b.Price
	}
	return a.Agreement.ID > b.Agreement.ID
}

// winner is the index of the first candidate that applies, -1 for none.
func winner(cands []Candidate) int {
	for i := range cands {
		if cands[i].applies {
			return i
		}
	}
	return -1
}

// dayNumber orders dates without building a time.Time; an open start sorts
// before every date.
func dayNumber(d Date) int {
	if d.IsZero() {
		return -1 << 31
	}
	return d.Year*512 + int(d.Month)*32 + d.Day
}

// endNumber is dayNumber for a last day: open sorts after every date.
func endNumber(d Date) int {
	if d.IsZero() {
		return 1 << 31
	}
	return dayNumber(d)
}

func wonReason(c *Candidate, list UnitPrice) Reason {
	a := c.Agreement
	args := map[string]any{"ID": a.ID, "Holder": c.Holder, "Price": c.Price, "ListPrice": list, "MinQty": a.MinQty,
		"Discount": a.Discount, "From": a.ValidFrom, "To": a.ValidTo}
	key, msg := "price.reason."+string(c.Source), ""
	switch c.Source {
	case SourceAccount:
		msg = "Agreement #{{.ID}} for this account"
	case SourceParent:
		msg = "Agreement #{{.ID}} for head office {{.Holder}}"
	case SourceGroup:
		msg = "Agreement #{{.ID}} for customer group {{.Holder}}"
	}
	if a.HasPrice {
		key += ".fixed"
		msg += ": a fixed price of {{.Price}}"
	} else {
		key += ".discount"
		msg += ": {{.Discount}}% off the list price {{.ListPrice}} = {{.Price}}"
	}
	return Reason{Key: key, Msg: msg + ", from quantity {{.MinQty}}, valid " + validityMsg + ".", Args: args}
}

// validityMsg renders an agreement's validity, open ends included.
const validityMsg = `{{if .From.IsZero}}from the start{{else}}from {{.From}}{{end}}` +
	` {{if .To.IsZero}}with no end{{else}}to {{.To}}{{end}}`

// lostMsgs are the English sentences of the loss reasons. Their Args are at
// most eight, so each map stays one small allocation: a resolution builds one
// per candidate, inside a budget of 100 µs.
var lostMsgs = map[LossReason]string{
	LostExpired:      "#{{.ID}} ({{.Holder}}) expired on {{.To}}.",
	LostNotYetValid:  "#{{.ID}} ({{.Holder}}) is valid only from {{.From}}.",
	LostTierAbove:    "#{{.ID}} ({{.Holder}}) needs quantity {{.MinQty}}; the document has {{.Qty}}.",
	LostLessSpecific: "#{{.ID}} ({{.Holder}}) is less specific than #{{.WinnerID}} ({{.WinnerHolder}}).",
	LostSmallerTier:  "#{{.ID}} ({{.Holder}}) is a smaller tier (from {{.MinQty}}) than #{{.WinnerID}} (from {{.WinnerMinQty}}).",
	LostOlder:        "#{{.ID}} ({{.Holder}}) started earlier ({{if .From.IsZero}}open start{{else}}{{.From}}{{end}}) than #{{.WinnerID}} ({{.WinnerFrom}}).",
	LostDearer:       "#{{.ID}} ({{.Holder}}) gives a higher price ({{.Price}}) than #{{.WinnerID}} ({{.WinnerPrice}}).",
	LostTie:          "#{{.ID}} ({{.Holder}}) ties with #{{.WinnerID}} on level, tier, start and price; the one entered later wins.",
}

var lostKeys = func() map[LossReason]string {
	m := map[LossReason]string{}
	for l := range lostMsgs {
		m[l] = "price.lost." + string(l)
	}
	return m
}()

// lostReason says why c did not set the price: the first rule, in the order of
// LossReason, that tells it from the winner w (nil when nothing applies).
func lostReason(c *Candidate, w *Candidate, in PriceInput) (LossReason, Reason) {
	a := c.Agreement
	args := map[string]any{"ID": a.ID, "Holder": c.Holder, "Price": c.Price}
	day := dayNumber(in.Date)
	var l LossReason
	switch {
	case c.validTo < day:
		l, args["To"] = LostExpired, a.ValidTo
	case c.validFrom > day:
		l, args["From"] = LostNotYetValid, a.ValidFrom
	case a.MinQty > in.Quantity:
		l, args["MinQty"], args["Qty"] = LostTierAbove, a.MinQty, in.Quantity
	case w == nil:
		l = LostTie // unreachable: a candidate that applies would have won
	default:
		args["WinnerID"] = w.Agreement.ID
		switch {
		case c.Level > w.Level:
			l, args["WinnerHolder"] = LostLessSpecific, w.Holder
		case a.MinQty < w.Agreement.MinQty:
			l, args["MinQty"], args["WinnerMinQty"] = LostSmallerTier, a.MinQty, w.Agreement.MinQty
		case c.validFrom < w.validFrom:
			l, args["From"], args["WinnerFrom"] = LostOlder, a.ValidFrom, w.Agreement.ValidFrom
		case c.Price > w.Price:
			l, args["WinnerPrice"] = LostDearer, w.Price
		default:
			l = LostTie
		}
	}
	return l, Reason{Key: lostKeys[l], Msg: lostMsgs[l], Args: args}
}

// PriceLine is one line of a document to price: a SKU and its quantity.
type PriceLine struct {
	SKU      string
	Quantity Quantity
}

// PriceBreak is the price from a quantity on.
type PriceBreak struct {
	MinQty    Quantity
	Price     UnitPrice
	Source    PriceSource
	Agreement AgreementID // 0 for the list price
}

// PriceSheetLine is one product of a customer's price sheet.
type PriceSheetLine struct {
	ProductID ProductID
	SKU       string
	Name      string
	Unit      Unit
	VATRate   VATRate
	ListPrice UnitPrice
	Breaks    []PriceBreak // the first at quantity 1, then each tier break that changes the price
}

// PriceSheet is what an account pays for every active product on a date.
type PriceSheet struct {
	Account *Account
	Date    Date
	Lines   []PriceSheetLine // in Polish name order
}

// PriceSheetProduct is a product as BuildPriceSheetLine needs it.
type PriceSheetProduct struct {
	ID        ProductID
	SKU       string
	Name      string
	Unit      Unit
	VATRate   VATRate
	ListPrice UnitPrice
}

// BuildPriceSheetLine prices one product for a price sheet: at quantity 1 and at
// every min_qty above 1 of an agreement in the chain or group that is valid on
// the date; a break that gives the same price as the one before it is left out.
func BuildPriceSheetLine(p PriceSheetProduct, date Date, chain []AccountRef, group GroupRef, agreements []*Agreement) PriceSheetLine {
	line := PriceSheetLine{ProductID: p.ID, SKU: p.SKU, Name: p.Name, Unit: p.Unit, VATRate: p.VATRate, ListPrice: p.ListPrice}
	in := PriceInput{SKU: p.SKU, ListPrice: p.ListPrice, Date: date, Chain: chain, Group: group, Agreements: agreements}
	qtys := []Quantity{One}
	for _, a := range agreements {
		if a.MinQty > One && a.ValidOn(date) {
			qtys = append(qtys, a.MinQty)
		}
	}
	sort.Slice(qtys, func(i, j int) bool { return qtys[i] < qtys[j] })
	for i, q := range qtys {
		if i > 0 && q == qtys[i-1] {
			continue
		}
		in.Quantity = q
		price, src, a := BestPrice(in)
		if n := len(line.Breaks); n > 0 && line.Breaks[n-1].Price == price {
			continue
		}
		b := PriceBreak{MinQty: q, Price: price, Source: src}
		if a != nil {
			b.Agreement = a.ID
		}
		line.Breaks = append(line.Breaks, b)
	}
	return line
}

// PriceService resolves prices over stored agreements.
type PriceService interface {
	// Resolve prices one SKU for an account. qty is the document's total of the
	// SKU; it must be positive and suit the product's unit. An unknown account or
	// SKU is ENotFound.
	Resolve(ctx context.Context, account AccountID, sku string, qty Quantity, on Date) (*Resolution, error)
	// Reprice prices every line of a document, comparing tiers with each SKU's
	// total over the document's lines. Results are in line order.
	Reprice(ctx context.Context, account AccountID, on Date, lines []PriceLine) ([]Resolution, error)
	// PriceSheet prices every active product for the account on a date.
	PriceSheet(ctx context.Context, account AccountID, on Date) (*PriceSheet, error)
}
