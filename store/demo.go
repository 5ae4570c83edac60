package store

import (
	"context"
	"database/sql"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"kontor/domain"
)

// DemoOptions shape GenerateDemo.
type DemoOptions struct {
	Accounts int       // how many accounts; 0: DefaultDemoAccounts
	Seed     int64     // same seed and size: the same data, row for row
	Now      time.Time // the day the data is generated "on"; zero: time.Now
}

// DefaultDemoAccounts is the size of the demo database a new user sees.
const DefaultDemoAccounts = 300

// demoStep generates one kind of record. Later entities (activities, products,
// orders, …) add a step; each step draws from its own random stream, so adding
// one does not change what the steps before it generate.
type demoStep struct {
	name   string
	tables []string          // tables it fills: their triggers are suspended while the steps run
	units  func(g *demo) int // progress units this step reports
	run    func(ctx context.Context, g *demo, tx *sql.Tx, tick func(int)) error
}

// demoSteps run in this order, each seeing what the earlier ones made. The
// index steps come last: they build in one pass what the suspended triggers
// would have maintained row by row.
var demoSteps = []demoStep{
	{name: "accounts", tables: []string{"accounts"}, units: func(g *demo) int { return g.opt.Accounts }, run: genAccounts},
	{name: "contacts", tables: []string{"contacts"}, units: func(g *demo) int { return g.opt.Accounts * 3 }, run: genContacts},
	{name: "activities", units: demoActivityCount, run: genActivities},
	{name: "history index", units: func(g *demo) int { return demoActivityCount(g) / 2 }, run: indexDemoHistory},
	{name: "search index", units: func(g *demo) int { return g.opt.Accounts / 2 },
		run: func(ctx context.Context, g *demo, tx *sql.Tx, tick func(int)) error { return rerankSearch(ctx, tx) }},
	{name: "company", units: func(g *demo) int { return 1 }, run: genCompany},
	{name: "products", tables: []string{"products"}, units: func(g *demo) int { return demoProductCount(g.opt.Accounts) }, run: genProducts},
	{name: "price agreements", units: func(g *demo) int { return demoAgreementUnits(g.opt.Accounts) }, run: genAgreements},
	{name: "catalog search index", units: func(g *demo) int { return demoProductCount(g.opt.Accounts) / 4 },
		run: func(ctx context.Context, g *demo, tx *sql.Tx, tick func(int)) error {
			return rerankSearch(ctx, tx, "products")
		}},
	{name: "orders and quotes", units: func(g *demo) int { return demoOrderCount(g) * 2 }, run: genOrders},
	{name: "invoices and payments", units: demoOrderCount, run: genInvoices},
}

// demo is the state shared by the steps of one generation.
type demo struct {
	opt      DemoOptions
	now      time.Time
	accounts []demoAccount // in id order
	products []demoProduct // in id order
}

// rng returns the random stream of the named step: a pure function of the seed
// and the name.
func (g *demo) rng(step string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(step))
	return rand.New(rand.NewPCG(uint64(g.opt.Seed), h.Sum64()))
}

// GenerateDemo fills an empty database with realistic Polish B2B data, the same
// for the same options. It refuses a database that already has accounts.
// Everything is written in one transaction: on any error nothing is kept.
// progress, when set, is called with work done out of total as it goes.
func (db *DB) GenerateDemo(ctx context.Context, opt DemoOptions, progress func(done, total int)) error {
	if opt.Accounts == 0 {
		opt.Accounts = DefaultDemoAccounts
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
	endBulk, err := db.bulkWriteMode(ctx)
	if err != nil {
		return err
	}
	defer endBulk()
	return db.write(ctx, func(tx *sql.Tx) error {
		var has int
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM accounts)`).Scan(&has); err != nil {
			return err
		}
		if has != 0 {
			return domain.Errorf(domain.EInvalid, "demo.not_empty",
				"{{.Path}} already has accounts; demo data goes only into an empty database. Choose a new file.",
				map[string]any{"Path": db.path})
		}
		var tables []string
		for _, s := range demoSteps {
			tables = append(tables, s.tables...)
		}
		// The steps write rows in any order; the search triggers would write
		// an index segment per row (see bulkSearch). The index steps rebuild
		// the indexes in one pass instead.
		restoreTriggers, err := suspendTriggers(ctx, tx, tables...)
		if err != nil {
			return err
		}
		for _, s := range demoSteps {
			start := done
			if err := s.run(ctx, g, tx, report); err != nil {
				return wrap("demo "+s.name, err)
			}
			// A step may make a few more or fewer rows than it planned for.
			if rest := start + s.units(g) - done; rest > 0 {
				report(rest)
			}
		}
		// The accounts' trigger stamps the groups it makes with SQLite's
		// clock; the demo's day, so a seed and a day give the same file.
		if _, err := tx.ExecContext(ctx, `UPDATE customer_groups SET created_at = ?`, stamp(g.now)); err != nil {
			return err
		}
		return restoreTriggers()
	})
}

// bulkWriteMode gives the writer connection a large page cache while the demo
// is written: the name and parent indexes are filled in random order, and with
// SQLite's default 2 MB cache a quarter of the time goes to spilling and
// re-reading pages (20,000 accounts: 6.1 s with it, 4.4 s without).
func (db *DB) bulkWriteMode(ctx context.Context) (restore func(), err error) {
	var old int64
	if err := db.w.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&old); err != nil {
		return nil, wrap("read cache size", err)
	}
	if _, err := db.w.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
		return nil, wrap("set cache size", err)
	}
	// A statement that may fail halfway (foreign keys, checks) over several
	// rows or tables keeps a statement journal, and so do the temporary
	// tables of bulk writers; in a file, every first change of a page is a
	// write(2) (100,000 activities inserted with their triggers: half the time).
	if _, err := db.w.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
		return nil, wrap("set temp store", err)
	}
	return func() {
		db.w.ExecContext(context.Background(), `PRAGMA cache_size = `+itoa(int(old)))
		db.w.ExecContext(context.Background(), `PRAGMA temp_store = DEFAULT`)
	}, nil
}

// demoBatch is how many rows the producer of insertRows hands over at a time.
const demoBatch = 256

// insertRows runs query on tx for every argument list produce emits. produce
// runs on its own goroutine, so building rows (random draws, sort keys, folded
// search text) overlaps SQLite's work on the other core; it must not touch tx.
// emit reports false once inserting has failed: produce should then return.
// inserted, when set, is called on this goroutine with each new row's id.
func insertRows(ctx context.Context, tx *sql.Tx, query string, produce func(emit func(args []any) bool) error,
	inserted func(id int64) error) error {
	batches := make(chan [][]any, 4)
	stop := make(chan struct{})
	var produceErr error
	go func() {
		defer close(batches)
		batch := make([][]any, 0, demoBatch)
		send := func() bool {
			select {
			case batches <- batch:
				batch = make([][]any, 0, demoBatch)
				return true
			case <-stop:
				return false
			}
		}
		produceErr = produce(func(args []any) bool {
			batch = append(batch, args)
			return len(batch) < demoBatch || send()
		})
		if produceErr == nil && len(batch) > 0 {
			send()
		}
	}()
	err := prepared(ctx, tx, query, func(st *sql.Stmt) error {
		for batch := range batches {
			for _, args := range batch {
				res, err := st.ExecContext(ctx, args...)
				if err != nil {
					return err
				}
				if inserted != nil {
					id, err := res.LastInsertId()
					if err != nil {
						return err
					}
					if err := inserted(id); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		close(stop)
		for range batches { // let the producer finish
		}
		return err
	}
	return produceErr // read after batches closed: the producer is done
}

// prepared runs fn with a statement prepared on tx, closed afterwards.
func prepared(ctx context.Context, tx *sql.Tx, query string, fn func(*sql.Stmt) error) error {
	st, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}
