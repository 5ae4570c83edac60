package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
)

// demoAccount is what later steps need to know about a generated account.
type demoAccount struct {
	id       int64
	fields   domain.AccountFields
	country  *demoCountry // nil for Polish accounts
	domain   string       // company e-mail domain; "" when the firm uses free mail
	owner    [2]string    // a sole trader's first and last name
	horeca   bool         // a restaurant, hotel or the like: its staff includes a chef
	created  time.Time
	updated  time.Time
	head     int // index of the head office + 1; 0 for none
	branches []string
	archived bool
}

// Shares of the generated accounts.
const (
	demoBranchPct   = 10
	demoForeignPct  = 3
	demoArchivedPct = 2
)

// demoPick picks from weighted values.
func demoPick[T any](r *rand.Rand, items []T, weight func(T) int) T {
	total := 0
	for _, it := range items {
		total += weight(it)
	}
	n := r.IntN(total)
	for _, it := range items {
		if n -= weight(it); n < 0 {
			return it
		}
	}
	return items[len(items)-1]
}

func pickW(r *rand.Rand, items []demoWeighted) string {
	return demoPick(r, items, func(w demoWeighted) int { return w.weight }).value
}

func pick(r *rand.Rand, items []string) string { return items[r.IntN(len(items))] }

// femineSurname gives the feminine form of a Polish surname: -ski → -ska,
// -cki → -cka, -dzki → -dzka; the others do not change.
func femineSurname(s string) string {
	if strings.HasSuffix(s, "ski") || strings.HasSuffix(s, "cki") || strings.HasSuffix(s, "dzki") {
		return s[:len(s)-1] + "a"
	}
	return s
}

// asciiWord is s folded to ASCII letters and digits only, for codes and e-mail addresses.
func asciiWord(s string) string { return strings.ReplaceAll(domain.Fold(s), " ", "") }

func genAccounts(g *demo, b *store.Bulk, tick func(int)) error {
	r := g.rng("accounts")
	ag := &accountGen{g: g, r: r, codes: map[string]bool{}, domains: map[string]bool{}, nips: map[string]bool{},
		width: max(4, len(strconv.Itoa(g.opt.Accounts)))}
	g.accounts = make([]demoAccount, 0, g.opt.Accounts)
	// Which accounts are archived is known once every branch is: the rows go
	// in after all are drawn. The table is empty: the ids are 1, 2, 3, …, so a
	// branch names its head office by the id it will have.
	return produced(b, tick, func(emit func(store.Row, int) bool) error {
		for i := 0; i < g.opt.Accounts; i++ {
			a := ag.next(i)
			if err := a.fields.Validate(); err != nil {
				return fmt.Errorf("generated account %s: %w", a.fields.Code, err)
			}
			a.id = int64(i + 1)
			a.updated = a.created.Add(time.Duration(r.Int64N(int64(g.now.Sub(a.created)) + 1)))
			g.accounts = append(g.accounts, a)
		}
		archiveSome(g, r)
		for i := range g.accounts {
			a := &g.accounts[i]
			row := &domain.Account{ID: domain.AccountID(a.id), AccountFields: a.fields, Archived: a.archived,
				CreatedAt: a.created, UpdatedAt: a.updated}
			if a.head != 0 {
				row.ParentID = domain.AccountID(g.accounts[a.head-1].id)
			}
			if !emit(store.AccountRow(row), 1) {
				return nil
			}
		}
		return nil
	})
}

// archiveSome archives a few accounts that are not head offices, the way old
// customers are retired.
func archiveSome(g *demo, r *rand.Rand) {
	for i := range g.accounts {
		a := &g.accounts[i]
		if len(a.branches) > 0 || r.IntN(100) >= demoArchivedPct {
			continue
		}
		a.archived = true
	}
}

type accountGen struct {
	g       *demo
	r       *rand.Rand
	codes   map[string]bool
	domains map[string]bool
	nips    map[string]bool
	heads   []int // indexes of accounts that may get branches
	chains  []int // heads that already have branches
	width   int   // digits of the code's number
}

func (ag *accountGen) next(i int) demoAccount {
	r := ag.r
	created := ag.g.now.AddDate(0, 0, -30-r.IntN(6*365)).Add(-time.Duration(r.IntN(86400)) * time.Second)
	switch {
	case i >= 20 && len(ag.heads) > 0 && r.IntN(100) < demoBranchPct:
		return ag.branch(i, created)
	case i >= 5 && r.IntN(100) < demoForeignPct:
		return ag.foreign(i, created)
	}
	return ag.polish(i, created)
}

// polish makes a Polish company: a trade name in one of the shapes Polish firms
// use, a legal form, an address in a real city with one of its postal codes.
func (ag *accountGen) polish(i int, created time.Time) demoAccount {
	r := ag.r
	kind := demoKinds[r.IntN(len(demoKinds))]
	surname := pick(r, demoSurnames)
	legal := pickW(r, demoLegalForms)
	if kind.small && (legal == "S.A." || legal == "Sp. z o.o. sp.k.") {
		legal = "s.c." // a shop or a guesthouse is rarely a joint-stock company
	}
	sole := r.IntN(100) < 25 // a sole trader: no legal form, the owner's name in the firm
	first, last := pick(r, demoFirstMale), surname
	if r.IntN(3) == 0 {
		first, last = pick(r, demoFirstFemale), femineSurname(surname)
	}
	var name, core string
	switch p := r.IntN(100); {
	case p < 30:
		name, core = kind.name+" "+surname, surname
		if sole {
			name, core = kind.name, last
		}
	case p < 45:
		name, core = pick(r, demoAbbrevs), last
		if r.IntN(2) == 0 {
			core = ag.brand()
			name += " " + core
		} else if !sole {
			core = surname
			name += " " + core
		}
		if !sole && r.IntN(2) == 0 {
			legal = []string{"sp.j.", "s.c."}[r.IntN(2)]
		}
	case p < 63:
		core = ag.brand()
		name, sole = core, false
	case p < 73:
		core = pick(r, demoQuoted)
		name = kind.name + " „" + core + "”"
	case p < 83:
		stem := pick(r, demoRegions)
		core = map[byte]string{'m': stem + "i", 'f': stem + "a", 'n': stem + "ie"}[kind.gender]
		name, sole = core+" "+kind.name, false
	case p < 95:
		name, core, sole = kind.name, last, true
	default:
		second := pick(r, demoSurnames)
		name = kind.name + " " + femineSurname(surname) + "-" + femineSurname(second)
		core, sole = femineSurname(surname)+" "+femineSurname(second), false
	}
	if sole {
		name += " " + first + " " + last
	} else {
		name += " " + legal
	}

	f := domain.NewAccountFields()
	f.Name = name
	f.Code = ag.code(core, i)
	f.TaxID = ag.nip()
	city := demoPick(r, demoCitiesPL, func(c demoCity) int { return c.weight })
	f.City, f.PostalCode, f.Street = city.name, demoPostal(r, city), demoStreet(r)
	f.Phone = "+48 " + city.area + " " + demoDigits(r, 3) + " " + demoDigits(r, 2) + " " + demoDigits(r, 2)
	a := demoAccount{fields: f, horeca: kind.horeca, created: created}
	if sole {
		a.owner = [2]string{first, last}
	}
	if !sole || r.IntN(100) < 60 {
		a.domain = ag.domain(core, ".pl", ".com.pl", ".eu")
		a.fields.Email = pick(r, []string{"biuro", "kontakt", "zamowienia", "sklep", "info", "sekretariat"}) + "@" + a.domain
	} else {
		a.fields.Email = asciiWord(first) + "." + asciiWord(last) + "@" +
			pick(r, []string{"wp.pl", "o2.pl", "onet.pl", "interia.pl", "gmail.com"})
	}
	ag.commercial(&a.fields, kind.horeca)
	if r.IntN(100) < 12 {
		wh := demoPick(r, demoCitiesPL, func(c demoCity) int { return c.weight })
		a.fields.ShipStreet = pick(r, []string{"ul. Magazynowa", "ul. Składowa", "ul. Przemysłowa", "ul. Logistyczna"}) +
			" " + strconv.Itoa(1+r.IntN(40))
		a.fields.ShipCity, a.fields.ShipPostal = wh.name, demoPostal(r, wh)
	}
	if !sole && !kind.horeca && a.fields.CustomerGroup != "Detal" {
		ag.heads = append(ag.heads, i)
	}
	return a
}

// commercial sets group, terms, credit limit, owner rep and notes.
func (ag *accountGen) commercial(f *domain.AccountFields, horeca bool) {
	r := ag.r
	f.CustomerGroup = pickW(r, demoGroups)
	if horeca && r.IntN(3) > 0 {
		f.CustomerGroup = "HoReCa"
	}

	t := demoPick(r, demoTerms, func(t struct {
		days   int
		eom    bool
		weight int
	}) int {
		return t.weight
	})
	f.PaymentTerms = domain.PaymentTerms{Days: t.days, EOM: t.eom}
	var limits []int64
	switch f.CustomerGroup {
	case "Hurt", "Dystrybutor", "Sieć":
		limits = []int64{20_000, 50_000, 100_000, 150_000, 250_000, 500_000}
	case "Instytucje":
		limits = []int64{0, 50_000, 100_000}
	default:
		limits = []int64{0, 5_000, 10_000, 15_000, 20_000, 30_000}
	}
	f.CreditLimit = domain.Amount(limits[r.IntN(len(limits))] * 100)
	f.Owner = pick(r, demoOwners)
	if r.IntN(100) < 20 {
		f.Notes = pick(r, demoNotes)
	}
}

// branch makes a branch of an earlier head office: the same firm, tax ID and
// terms, in another city.
func (ag *accountGen) branch(i int, created time.Time) demoAccount {
	r := ag.r
	var h int
	if len(ag.chains) > 0 && r.IntN(2) == 0 {
		h = ag.chains[r.IntN(len(ag.chains))]
	} else {
		h = ag.heads[r.IntN(len(ag.heads))]
	}
	head := &ag.g.accounts[h]
	if len(head.branches) == 0 {
		ag.chains = append(ag.chains, h)
	}
	var city demoCity
	for try := 0; try < 8; try++ {
		city = demoPick(r, demoCitiesPL, func(c demoCity) int { return c.weight })
		if city.name != head.fields.City && !containsString(head.branches, city.name) {
			break
		}
	}
	head.branches = append(head.branches, city.name)

	f := head.fields
	f.Name = head.fields.Name + " — Oddział " + city.name
	f.Code = ag.unique(head.fields.Code + "-" + strings.ToUpper(asciiWord(city.name))[:3])
	f.ParentCode = head.fields.Code
	f.City, f.PostalCode, f.Street = city.name, demoPostal(r, city), demoStreet(r)
	f.ShipStreet, f.ShipPostal, f.ShipCity = "", "", ""
	f.Phone = "+48 " + city.area + " " + demoDigits(r, 3) + " " + demoDigits(r, 2) + " " + demoDigits(r, 2)
	f.CreditLimit /= 2
	f.Notes = ""
	if head.domain != "" {
		f.Email = asciiWord(city.name) + "@" + head.domain
	}
	if created.Before(head.created) {
		created = head.created.AddDate(0, 0, 1+r.IntN(200))
	}
	if created.After(ag.g.now) {
		created = ag.g.now
	}
	return demoAccount{fields: f, domain: head.domain, horeca: head.horeca, created: created, head: h + 1}
}

// foreign makes a customer abroad, written as its own country writes it.
func (ag *accountGen) foreign(i int, created time.Time) demoAccount {
	r := ag.r
	c := demoPick(r, demoCountries, func(c demoCountry) int { return c.weight })
	surname := c.surnames[r.IntN(len(c.surnames))].m
	city := c.cities[r.IntN(len(c.cities))]
	f := domain.NewAccountFields()
	f.Name = fmt.Sprintf(pick(r, c.names), surname)
	f.Code = ag.code(surname, i)
	f.Country, f.Currency = c.code, c.currency
	f.TaxID = c.taxID(r)
	f.City, f.PostalCode = city.name, city.postal
	f.Street = pick(r, c.streets) + " " + strconv.Itoa(1+r.IntN(120))
	f.Phone = c.landline(r, city.area)
	a := demoAccount{fields: f, country: &c, created: created}
	a.domain = ag.domain(surname, c.tld)
	a.fields.Email = pick(r, []string{"info", "office", "kontakt"}) + "@" + a.domain
	ag.commercial(&a.fields, false)
	if r.IntN(10) < 7 || a.fields.CustomerGroup == "" || a.fields.CustomerGroup == "Instytucje" {
		a.fields.CustomerGroup = "Eksport"
	}
	a.fields.CreditLimit = a.fields.CreditLimit / 4
	return a
}

// code makes an account code from the name's key word and the account's
// number: "WROBEL-0153".
func (ag *accountGen) code(core string, i int) string {
	w := strings.ToUpper(asciiWord(core))
	if len(w) > 8 {
		w = w[:8]
	}
	n := strconv.Itoa(i + 1)
	return ag.unique(w + "-" + strings.Repeat("0", max(0, ag.width-len(n))) + n)
}

func (ag *accountGen) unique(code string) string {
	c := code
	for n := 2; ag.codes[c]; n++ {
		c = code + strconv.Itoa(n)
	}
	ag.codes[c] = true
	return c
}

// domain makes an unused company domain from the name's key word.
func (ag *accountGen) domain(core string, tlds ...string) string {
	base := strings.ToLower(strings.Join(domain.FoldTokens(core), "-"))
	d := base + tlds[ag.r.IntN(len(tlds))]
	for n := 2; ag.domains[d]; n++ {
		d = base + strconv.Itoa(n) + tlds[0]
	}
	ag.domains[d] = true
	return d
}

// brand makes a trade name from a root and an ending: "Mlekomex".
func (ag *accountGen) brand() string {
	return pick(ag.r, demoBrandRoots) + pick(ag.r, demoBrandEnds)
}

// nip draws an unused valid NIP: a tax office prefix, six digits, the check digit.
func (ag *accountGen) nip() string {
	for {
		first9 := pick(ag.r, demoTaxOffices) + demoDigits(ag.r, 6)
		check, ok := domain.NIPCheckDigit(first9)
		if !ok || ag.nips[first9] {
			continue
		}
		ag.nips[first9] = true
		return first9 + string(check)
	}
}

// demoPostal completes one of the city's postal prefixes to NN-NNN.
func demoPostal(r *rand.Rand, c demoCity) string {
	prefixes := strings.Fields(c.postal)
	p := prefixes[r.IntN(len(prefixes))]
	return p + demoDigits(r, 6-len(p))
}

// demoStreet writes a street address: "ul. Piotrkowska 104/3", "al. Jerozolimskie 7A".
func demoStreet(r *rand.Rand) string {
	s := pick(r, demoStreetsPL) + " " + strconv.Itoa(1+r.IntN(1+r.IntN(160)))
	if r.IntN(10) == 0 {
		s += string(rune('A' + r.IntN(3)))
	}
	switch n := r.IntN(100); {
	case n < 35:
		s += "/" + strconv.Itoa(1+r.IntN(60))
	case n < 40:
		s += " lok. " + strconv.Itoa(1+r.IntN(12))
	}
	return s
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
