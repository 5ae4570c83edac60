package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
)

// The demo history: about 50 activities per account over the three years
// before Options.Now (fewer for younger accounts, none after an archived
// account was retired), a few key accounts with demoHeavyActivities each,
// written by the account's owner; tasks due one to fourteen days after they
// were logged, all of those due two months ago done, some recent ones overdue, some
// due this week.

const (
	demoHistoryYears    = 3
	demoActivitiesFull  = 66   // activities of an ordinary account active for the whole three years
	demoHeavyActivities = 5000 // a key account's history: the timeline must scroll through it smoothly
	demoHeavyPer        = 2000 // one key account per this many accounts
	demoHeavyFrom       = 250  // at least one from this many accounts (the default demo has one; small test data none)
)

// demoHeavyAccounts is how many key accounts a demo of n accounts has.
func demoHeavyAccounts(n int) int {
	if n < demoHeavyFrom {
		return 0
	}
	return max(1, n/demoHeavyPer)
}

// demoZone is the wall clock of generated activities: Polish winter time all
// year, so a seed gives the same rows wherever it runs.
var demoZone = time.FixedZone("CET", 3600)

// demoActivity is one planned activity: when, of which account, which kind.
// The rest is drawn when it is written, from a stream of its own.
type demoActivity struct {
	minute  int32 // minutes since the Unix epoch
	account int32 // index in demo.accounts
	seq     int32 // the account's n-th activity
	kind    uint8 // index in domain.ActivityKinds
}

// demoKindWeights are the shares of call, meeting, email, note, task.
var demoKindWeights = []int{35, 10, 25, 15, 15}

// demoContactRef is what an activity needs of a contact.
type demoContactRef struct {
	id   int64
	name string
}

// demoActivityCount is about how many activities the demo makes, for progress
// (planned before the accounts exist).
func demoActivityCount(g *demo) int {
	return g.opt.Accounts*demoActivitiesFull*3/4 + demoHeavyAccounts(g.opt.Accounts)*demoHeavyActivities
}

// planActivities draws every account's activity times and kinds and sorts
// them by time, so rows get ids in time order: the history index is keyed in
// time order and is then written in one ascending pass.
func planActivities(g *demo) []demoActivity {
	r := g.rng("activities")
	start := g.now.AddDate(-demoHistoryYears, 0, 0)
	full := g.now.Sub(start)
	heavy := map[int]bool{}
	for n := demoHeavyAccounts(len(g.accounts)); len(heavy) < n; {
		if i := r.IntN(len(g.accounts)); !g.accounts[i].archived {
			heavy[i] = true
		}
	}
	levels := []float64{0.3, 0.6, 0.8, 1, 1, 1.2, 1.5, 2}
	plan := make([]demoActivity, 0, demoActivityCount(g))
	for i := range g.accounts {
		a := &g.accounts[i]
		from, to := start, g.now
		if a.created.After(from) {
			from = a.created
		}
		if a.archived {
			to = g.now.AddDate(-1, 0, 0)
		}
		if !to.After(from) {
			continue
		}
		n := int(math.Round(demoActivitiesFull * levels[r.IntN(len(levels))] * float64(to.Sub(from)) / float64(full) * (0.7 + 0.6*r.Float64())))
		if heavy[i] {
			n = demoHeavyActivities
		}
		used := make(map[int32]bool, n)
		for seq := 0; seq < n; seq++ {
			kind := uint8(demoPick(r, []int{0, 1, 2, 3, 4}, func(k int) int { return demoKindWeights[k] }))
			var m int32
			for try := 0; try < 20; try++ {
				m = demoMinute(r, from, to, kind)
				if !used[m] {
					break
				}
			}
			if used[m] {
				continue // a crowded account: one activity fewer
			}
			used[m] = true
			plan = append(plan, demoActivity{minute: m, account: int32(i), seq: int32(seq), kind: kind})
		}
	}
	slices.SortFunc(plan, func(x, y demoActivity) int {
		if x.minute != y.minute {
			return int(x.minute - y.minute)
		}
		return int(x.account - y.account)
	})
	return plan
}

// demoMinute draws a moment in [from, to) on a working day: calls and
// meetings in office hours, e-mails into the evening, in demoZone.
func demoMinute(r *rand.Rand, from, to time.Time, kind uint8) int32 {
	span := to.Sub(from)
	t := from.Add(time.Duration(r.Int64N(int64(span)))).In(demoZone)
	switch t.Weekday() {
	case time.Saturday:
		t = t.AddDate(0, 0, -1)
	case time.Sunday:
		t = t.AddDate(0, 0, 1)
	}
	hour, minute := 8+r.IntN(9), r.IntN(60)
	if domain.ActivityKinds[kind] == domain.KindEmail && r.IntN(5) == 0 {
		hour = 17 + r.IntN(5)
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), hour, minute, 0, 0, demoZone)
	if !t.Before(to) {
		t = to.Add(-time.Duration(1+r.IntN(600)) * time.Minute).Truncate(time.Minute)
	}
	if t.Before(from) {
		t = from.Truncate(time.Minute).Add(time.Minute)
	}
	return int32(t.Unix() / 60)
}

func genActivities(g *demo, b *store.Bulk, tick func(int)) error {
	plan := planActivities(g)
	today := domain.DateOf(g.now.In(demoZone))
	restore, err := b.SuspendTriggers(store.Activities)
	if err != nil {
		return err
	}
	restoreIndexes, err := b.SuspendIndexes(store.Activities)
	if err != nil {
		return err
	}
	// The table is empty (there are no accounts): the ids are 1, 2, 3, … in
	// the plan's time order.
	err = produced(b, tick, func(emit func(store.Row, int) bool) error {
		var text demoText
		for k, p := range plan {
			f := demoActivityFields(g, &text, p, g.contacts[p.account], today)
			if err := f.Validate(); err != nil {
				return fmt.Errorf("generated activity %q of %s: %w", f.Subject, g.accounts[p.account].fields.Code, err)
			}
			a := &domain.Activity{ID: domain.ActivityID(k + 1), ActivityFields: f, CreatedAt: f.OccurredAt, UpdatedAt: f.OccurredAt}
			if !emit(store.ActivityRow(a), 1) {
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := b.Flush(); err != nil { // the rows and their words for the history search
		return err
	}
	if err := restoreIndexes(); err != nil {
		return err
	}
	return restore()
}

// indexDemoHistory builds what the triggers suspended while the activities
// were written would have kept: the history index and each account's last contact.
func indexDemoHistory(g *demo, b *store.Bulk, tick func(int)) error {
	// planActivities sorted the rows by time before they got their ids.
	if err := b.RebuildHistoryIndex(true); err != nil {
		return err
	}
	return b.RefreshLastContact()
}

// demoActivityFields draws the content of a planned activity from its own
// stream: the same seed gives the same text whatever else changes.
func demoActivityFields(g *demo, b *demoText, p demoActivity, contacts []demoContactRef, today domain.Date) domain.ActivityFields {
	r := rand.New(rand.NewPCG(uint64(g.opt.Seed)^0x6b6f6e746f72, uint64(p.account)<<32|uint64(p.seq)))
	a := &g.accounts[p.account]
	kind := domain.ActivityKinds[p.kind]
	f := domain.ActivityFields{AccountID: domain.AccountID(a.id), Kind: kind,
		OccurredAt: time.Unix(int64(p.minute)*60, 0).In(demoZone), LoggedBy: a.fields.Owner}
	if r.IntN(10) == 0 {
		f.LoggedBy = pick(r, demoOwners) // a colleague covering, or the previous owner
	}
	b.reset(r, a, contacts)
	withContact := r.IntN(100) < 40
	if kind.IsContact() {
		withContact = r.IntN(100) < 85
	}
	if withContact && len(contacts) > 0 {
		// The buyer (second contact) and the owner are called most.
		k := 0
		switch n := r.IntN(10); {
		case n < 5 && len(contacts) > 1:
			k = 1
		case n < 8:
			k = 0
		default:
			k = r.IntN(len(contacts))
		}
		f.ContactID, b.name = domain.ContactID(contacts[k].id), contacts[k].name
	}
	f.Subject = b.fill(pick(r, demoSubjects[string(kind)]))
	if n := r.IntN(100); n >= 12 || kind == domain.KindNote {
		own, shared := demoSentences[string(kind)], demoSentences[""]
		parts := 2 + r.IntN(3)
		sentences := make([]string, 0, parts)
		for i := 0; i < parts; i++ {
			pool := own
			if i > 0 && r.IntN(3) == 0 {
				pool = shared
			}
			s := b.fill(pick(r, pool))
			if !slices.Contains(sentences, s) {
				sentences = append(sentences, s)
			}
		}
		f.Notes = strings.Join(sentences, " ")
	}
	if outcomes := demoOutcomes[string(kind)]; len(outcomes) > 0 && r.IntN(100) < 60 {
		f.Outcome = pick(r, outcomes)
	}
	if kind == domain.KindTask {
		f.Due = domain.DateOf(f.OccurredAt).AddDays(1 + r.IntN(14))
		switch {
		case f.Due.Before(today.AddDays(-60)):
			f.Done = true // a forgotten task is cleaned up within two months
		case f.Due.Before(today.AddDays(-14)):
			f.Done = r.IntN(100) < 97
		case f.Due.Before(today):
			f.Done = r.IntN(100) < 50
		default:
			f.Done = r.IntN(100) < 10
		}
	}
	return f
}

// demoText fills the slots of activity texts for one activity, so that a
// subject and its notes speak of the same product and invoice.
type demoText struct {
	r                 *rand.Rand
	product, product2 string
	name, city        string
	slots             map[string]string // drawn at the first slot filled
	out               strings.Builder
}

func (b *demoText) reset(r *rand.Rand, a *demoAccount, contacts []demoContactRef) {
	b.r = r
	b.product, b.product2 = pick(r, demoProducts), pick(r, demoProducts)
	b.name = ""
	clear(b.slots)
	if len(contacts) > 0 {
		b.name = contacts[r.IntN(len(contacts))].name
	}
	b.city = a.fields.City
	if b.city == "" {
		b.city = "Warszawa"
	}
}

// fill replaces the slots of s; the activity's date and numbers are drawn once.
func (b *demoText) fill(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	if len(b.slots) == 0 {
		r := b.r
		year := 2024 + r.IntN(3)
		name := b.name
		if name == "" {
			name = "kierownik zakupów"
		}
		if b.slots == nil {
			b.slots = map[string]string{}
		}
		for k, v := range map[string]string{"product": b.product, "product2": b.product2, "qty": pick(r, demoQtys),
			"day": pick(r, demoDaysGen), "date": fmt.Sprintf("%02d.%02d", 1+r.IntN(28), 1+r.IntN(12)),
			"pct": pick(r, demoPcts), "amount": pick(r, demoAmounts),
			"invoice": fmt.Sprintf("FV/%d/%02d/%04d", year, 1+r.IntN(12), 1+r.IntN(3000)),
			"order":   fmt.Sprintf("ZAM/%d/%05d", year, 1+r.IntN(40000)), "name": name, "city": b.city, "year": strconv.Itoa(year + 1)} {
			b.slots[k] = v
		}
	}
	b.out.Reset()
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '}')
		b.out.WriteString(s[:open])
		b.out.WriteString(b.slots[s[open+1:open+end]])
		s = s[open+end+1:]
	}
	b.out.WriteString(s)
	return b.out.String()
}
