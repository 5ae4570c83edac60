// Package demo generates Kontor's demo data: a Polish food and household
// wholesaler's accounts, contacts, history, catalog, price agreements, orders,
// quotes, invoices and payments, realistic and the same for the same seed. It
// writes through the store's bulk API (store.Bulk), as the imports do; the
// desktop app fills a new database with it, kontorctl demo any empty one, and
// the performance suite the large dataset.
package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"kontor/domain"
	"kontor/store"
)

// Options shape Generate.
type Options struct {
	Accounts int       // how many accounts; 0: DefaultAccounts
	Seed     int64     // same seed and size: the same data, row for row
	Now      time.Time // the day the data is generated "on"; zero: time.Now
}

// DefaultAccounts is the size of the demo database a new user sees.
const DefaultAccounts = 300

// demoStep generates one kind of record. Each step draws from its own random
// stream, so adding one does not change what the steps before it generate.
type demoStep struct {
	name  string
	units func(g *demo) int // progress units this step reports
	run   func(g *demo, b *store.Bulk, tick func(int)) error
}

// demoSteps run in this order, each seeing what the earlier ones made. The
// index steps come last: they build in one pass what the suspended triggers
// would have maintained row by row.
var demoSteps = []demoStep{
	{name: "accounts", units: func(g *demo) int { return g.opt.Accounts }, run: genAccounts},
	{name: "contacts", units: func(g *demo) int { return g.opt.Accounts * 3 }, run: genContacts},
	{name: "activities", units: demoActivityCount, run: genActivities},
	{name: "history index", units: func(g *demo) int { return demoActivityCount(g) / 2 }, run: indexDemoHistory},
	{name: "search index", units: func(g *demo) int { return g.opt.Accounts / 2 },
		run: func(g *demo, b *store.Bulk, tick func(int)) error {
			return b.RerankSearch(store.Accounts, store.Contacts)
		}},
	{name: "company", units: func(g *demo) int { return 1 }, run: genCompany},
	{name: "products", units: func(g *demo) int { return demoProductCount(g.opt.Accounts) }, run: genProducts},
	{name: "price agreements", units: func(g *demo) int { return demoAgreementUnits(g.opt.Accounts) }, run: genAgreements},
	{name: "catalog search index", units: func(g *demo) int { return demoProductCount(g.opt.Accounts) / 4 },
		run: func(g *demo, b *store.Bulk, tick func(int)) error { return b.RerankSearch(store.Products) }},
	{name: "orders and quotes", units: func(g *demo) int { return demoOrderCount(g) * 2 }, run: genOrders},
	{name: "invoices and payments", units: demoOrderCount, run: genInvoices},
}

// demo is the state shared by the steps of one generation.
type demo struct {
	opt       Options
	now       time.Time
	accounts  []demoAccount      // in id order
	contacts  [][]demoContactRef // by account index, in id order
	products  []demoProduct      // in id order
	orders    []demoDoc          // in id order
	draw      *demoLineDraw      // the orders' lines, drawn again for a credit note
	delivered []demoDelivery     // the delivered orders, in id order
}

// rng returns the random stream of the named step: a pure function of the seed
// and the name.
func (g *demo) rng(step string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(step))
	return rand.New(rand.NewPCG(uint64(g.opt.Seed), h.Sum64()))
}

// Generate fills an empty database with realistic Polish B2B data, the same
// for the same options. It refuses a database that already has accounts.
// Everything is written in one transaction: on any error nothing is kept.
// progress, when set, is called with work done out of total as it goes.
func Generate(ctx context.Context, db *store.DB, opt Options, progress func(done, total int)) error {
	if opt.Accounts == 0 {
		opt.Accounts = DefaultAccounts
	}
	if opt.Accounts < 0 || opt.Accounts > 1_000_000 {
		return domain.Errorf(domain.EInvalid, "demo.size", "the number of demo accounts must be between 1 and 1000000, not {{.N}}",
			map[string]any{"N": opt.Accounts})
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	g := &demo{opt: opt, now: opt.Now.UTC()}
	total := 0
	for _, s := range demoSteps {
		total += s.units(g)
	}
	// Progress is reported about every 0.1%, so a slow callback cannot slow
	// the generation down.
	done, next, step := 0, 0, max(1, total/1000)
	report := func(n int) {
		done += n
		if progress != nil && (done >= next || done >= total) {
			progress(min(done, total), total)
			next = done + step
		}
	}
	return db.BulkLoad(ctx, func(b *store.Bulk) error {
		has, err := b.HasAccounts()
		if err != nil {
			return err
		}
		if has {
			return domain.Errorf(domain.EInvalid, "demo.not_empty",
				"{{.Path}} already has accounts; demo data goes only into an empty database. Choose a new file.",
				map[string]any{"Path": db.Path()})
		}
		// The steps write rows in any order; the search triggers would write
		// an index segment per row. The index steps rebuild the indexes in one
		// pass instead.
		restoreSearch, err := b.SuspendSearch(store.Accounts, store.Contacts, store.Products)
		if err != nil {
			return err
		}
		for _, s := range demoSteps {
			start := done
			if err := s.run(g, b, report); err != nil {
				return fmt.Errorf("demo %s: %w", s.name, err)
			}
			if err := b.Flush(); err != nil {
				return fmt.Errorf("demo %s: %w", s.name, err)
			}
			// A step may make a few more or fewer rows than it planned for.
			if rest := start + s.units(g) - done; rest > 0 {
				report(rest)
			}
		}
		return restoreSearch()
	})
}

// demoRow is a generated row and the progress units it completes.
type demoRow struct {
	row   store.Row
	units int
}

// demoBatch is how many rows the producer of produced hands over at a time.
const demoBatch = 256

// produced writes the rows produce emits, each with the progress units it
// completes. produce runs on its own goroutine, so building rows (random
// draws, sort keys, folded search text) overlaps SQLite's work on the other
// core; it must touch neither b nor tick. emit reports false once writing has
// failed: produce should then return.
func produced(b *store.Bulk, tick func(int), produce func(emit func(r store.Row, units int) bool) error) error {
	batches := make(chan []demoRow, 4)
	stop := make(chan struct{})
	var produceErr error
	go func() {
		defer close(batches)
		batch := make([]demoRow, 0, demoBatch)
		send := func() bool {
			select {
			case batches <- batch:
				batch = make([]demoRow, 0, demoBatch)
				return true
			case <-stop:
				return false
			}
		}
		produceErr = produce(func(r store.Row, units int) bool {
			batch = append(batch, demoRow{r, units})
			return len(batch) < demoBatch || send()
		})
		if produceErr == nil && len(batch) > 0 {
			send()
		}
	}()
	err := func() error {
		for batch := range batches {
			for _, r := range batch {
				if err := b.Add(r.row); err != nil {
					return err
				}
				if r.units > 0 {
					tick(r.units)
				}
			}
		}
		return nil
	}()
	if err != nil {
		close(stop)
		for range batches { // let the producer finish
		}
		return err
	}
	return produceErr // read after batches closed: the producer is done
}
