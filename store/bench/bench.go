// Package bench is Kontor's performance suite: the figures of the product's
// performance targets (search as you type, the account view, paging, the
// history, pricing, documents, receivables, imports, generating the large
// dataset, start-up), each measured on the current database beside the same
// statements run plainly (store.Plain), so that the store's own overhead
// shows. kontorctl bench prints them.
package bench

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/demo"
)

// Figure is one measurement of the performance suite against its target.
// Value is nil when the figure could not be measured, and then Holds is nil
// too: not measured is never a pass.
type Figure struct {
	Name   string   `json:"name"`
	Value  *float64 `json:"value"`
	Unit   string   `json:"unit"`
	Target float64  `json:"target"`
	Holds  *bool    `json:"holds"`
	// Bare is the same SQL run with plain database/sql on the same file, so
	// Value/Bare is the store's own overhead.
	Bare  *float64 `json:"bare,omitempty"`
	Note  string   `json:"note,omitempty"`
	Count int      `json:"count,omitempty"` // samples behind a percentile
}

// Ratio is Value/Bare, or 0 when either is missing.
func (f Figure) Ratio() float64 {
	if f.Value == nil || f.Bare == nil || *f.Bare == 0 {
		return 0
	}
	return *f.Value / *f.Bare
}

func measured(name, unit string, target, value float64) Figure {
	holds := value <= target
	return Figure{Name: name, Value: &value, Unit: unit, Target: target, Holds: &holds}
}

// NotMeasured is a figure that could not be taken, and why.
func NotMeasured(name, unit string, target float64, why string) Figure {
	return Figure{Name: name, Unit: unit, Target: target, Note: "not measured: " + why}
}

// Targets of the figures, on the large dataset (20,000 accounts). The list
// page has no product target; one frame at 60 Hz keeps scrolling smooth.
const (
	TargetSearchMS   = 5
	TargetViewMS     = 15
	TargetListPageMS = 16
	TargetStartupMS  = 1500
	TargetGenerateS  = 180 // the whole large dataset
)

// Run measures the figures that need only the database: search as you type,
// the account view and paging through the accounts list, the history,
// pricing, documents and receivables, each beside the same statements run
// plainly.
func Run(ctx context.Context, db *store.DB) ([]Figure, error) {
	plain, err := db.OpenPlain()
	if err != nil {
		return nil, err
	}
	defer plain.Close()
	var out []Figure
	for _, b := range []func(context.Context, *store.DB, *store.Plain) (Figure, error){benchSearch, benchView, benchListPages,
		benchHistorySearch, benchTodayScreen, benchTimelinePages,
		benchResolve, benchReprice, benchCatalogSearch,
		benchOpenDocument, benchRepriceDocument, benchOrderList, benchReceivables, benchDashboard} {
		f, err := b(ctx, db, plain)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

// timings collects durations and reports percentiles in milliseconds.
type timings []time.Duration

func (t *timings) time(fn func() error) error {
	start := time.Now()
	err := fn()
	*t = append(*t, time.Since(start))
	return err
}

func (t timings) pct(p float64) float64 {
	if len(t) == 0 {
		return 0
	}
	s := append(timings(nil), t...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return float64(s[max(i, 0)].Microseconds()) / 1000
}

// withBare fills a figure from the service's and the plain statements' timings.
func withBare(name string, target float64, service, bare timings, what string) Figure {
	f := measured(name, "ms", target, service.pct(95))
	b := bare.pct(95)
	f.Bare, f.Count = &b, len(service)
	f.Note = fmt.Sprintf("p50 %.2f ms, max %.2f ms over %d %s; bare p95 %.2f ms", service.pct(50), service.pct(100), len(service), what, b)
	return f
}

// SearchQueries is what a person types into the search box, keystroke by
// keystroke, drawn from the database itself (q, a plain pool on it) so it fits
// any dataset: prefixes of folded words of account names, cities, contacts'
// surnames and names, codes and NIP fragments.
func SearchQueries(ctx context.Context, q *sql.DB) ([]string, error) {
	r := rand.New(rand.NewPCG(2026, 11))
	var out []string
	typed := func(text string, from int) {
		for n := from; n <= len(text); n++ {
			if text[n-1] != ' ' {
				out = append(out, text[:n])
			}
		}
	}
	// A small database gets fewer samples: the same kinds of keystrokes, less
	// repetition. The large dataset gets the full set.
	sample := func(query string, n int, fn func(vals []string)) error {
		rows, err := q.QueryContext(ctx, query+` ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var all [][]string
		for rows.Next() {
			v := make([]string, 3)
			if err := rows.Scan(&v[0], &v[1], &v[2]); err != nil {
				return err
			}
			all = append(all, v)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		n = min(n, max(3, len(all)/10))
		for i := 0; i < n && len(all) > 0; i++ {
			fn(all[r.IntN(len(all))])
		}
		return nil
	}
	err := sample(`SELECT name, city, code FROM accounts`, 60, func(v []string) {
		words := domain.FoldTokens(v[0])
		typed(strings.Join(words[:min(2, len(words))], " "), 1) // "h", "hu", … "hurtownia s", "hurtownia sp"
		if r.IntN(3) == 0 && len(words) > 2 {
			typed(words[len(words)-1], 1) // a word from the middle or end of the name
		}
		if r.IntN(2) == 0 {
			typed(domain.Fold(v[1]), 1) // the city
		}
		if r.IntN(4) == 0 {
			typed(domain.Fold(v[2]), 2) // the code
		}
	})
	if err != nil {
		return nil, err
	}
	err = sample(`SELECT first_name, last_name, email FROM contacts`, 40, func(v []string) {
		typed(domain.Fold(v[1]), 1)
		if r.IntN(3) == 0 {
			typed(domain.Fold(v[0]+" "+v[1]), len(domain.Fold(v[0]))+2) // "jan k", "jan ko", …
		}
	})
	if err != nil {
		return nil, err
	}
	err = sample(`SELECT tax_id, country, code FROM accounts WHERE country = 'PL' AND tax_id <> ''`, 15, func(v []string) {
		typed(v[0], 3)
		if r.IntN(2) == 0 {
			typed(domain.FormatNIP(v[0]), 4) // as printed on an invoice: 526-000-12-46
		}
	})
	return out, err
}

const (
	nameSearch = "search accounts + contacts as you type, p95"
	nameView   = "account view load (account, contacts, branches, last 50 activities, open orders, balance and aging), p95"
	nameList   = "accounts list, one page of 100 rows, p95"
)

func benchSearch(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	queries, err := SearchQueries(ctx, plain.DB())
	if err != nil {
		return Figure{}, err
	}
	if len(queries) == 0 {
		return NotMeasured(nameSearch, "ms", TargetSearchMS, "the database has no accounts"), nil
	}
	s := store.NewAccountService(db)
	run := func(q string) error {
		_, err := s.SearchAccounts(ctx, domain.SearchQuery{Text: q, Limit: domain.DefaultSearchLimit})
		return err
	}
	runBare := func(q string) error { return plain.SearchAccounts(ctx, q, domain.DefaultSearchLimit) }
	var st, bt timings
	for pass := 0; pass < 2; pass++ { // the first pass warms the page cache
		st, bt = nil, nil
		for _, q := range queries {
			if err := st.time(func() error { return run(q) }); err != nil {
				return Figure{}, fmt.Errorf("search %q: %w", q, err)
			}
			if err := bt.time(func() error { return runBare(q) }); err != nil {
				return Figure{}, fmt.Errorf("bare search %q: %w", q, err)
			}
		}
	}
	return withBare(nameSearch, TargetSearchMS, st, bt, "keystrokes"), nil
}

// benchAccounts picks the accounts a view benchmark opens: a random sample plus
// every tenth head office, which load the most.
func benchAccounts(ctx context.Context, q *sql.DB, n int) ([]domain.AccountID, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, EXISTS (SELECT 1 FROM accounts b WHERE b.parent_id = a.id) FROM accounts a ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all, heads []domain.AccountID
	for rows.Next() {
		var id domain.AccountID
		var head bool
		if err := rows.Scan(&id, &head); err != nil {
			return nil, err
		}
		all = append(all, id)
		if head {
			heads = append(heads, id)
		}
	}
	r := rand.New(rand.NewPCG(2026, 12))
	var out []domain.AccountID
	for i := 0; i < min(n, len(all)); i++ {
		out = append(out, all[r.IntN(len(all))])
	}
	for i := 0; i < len(heads); i += 10 {
		out = append(out, heads[i])
	}
	return out, rows.Err()
}

func benchView(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	ids, err := benchAccounts(ctx, plain.DB(), 400)
	if err != nil {
		return Figure{}, err
	}
	if len(ids) == 0 {
		return NotMeasured(nameView, "ms", TargetViewMS, "the database has no accounts"), nil
	}
	accounts, contacts, activities := store.NewAccountService(db), store.NewContactService(db), store.NewActivityService(db)
	orders, money := store.NewOrderService(db, nil), store.NewReceivablesService(db)
	load := func(id domain.AccountID) error {
		if _, err := money.AccountReceivables(ctx, id, domain.Date{}); err != nil {
			return err
		}
		if _, _, err := orders.FindOrders(ctx, openOrders(id)); err != nil {
			return err
		}
		if _, err := accounts.FindAccountByID(ctx, id); err != nil {
			return err
		}
		if _, err := contacts.FindContacts(ctx, id); err != nil {
			return err
		}
		if _, err := activities.Timeline(ctx, domain.TimelineQuery{Account: id}); err != nil {
			return err
		}
		_, _, err := accounts.FindAccounts(ctx, domain.AccountFilter{ParentID: id, IncludeArchived: true})
		return err
	}
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for _, id := range ids {
			if err := st.time(func() error { return load(id) }); err != nil {
				return Figure{}, fmt.Errorf("account view %d: %w", id, err)
			}
			bareLoad := func() error {
				if err := plain.AccountReceivables(ctx, id); err != nil {
					return err
				}
				if err := plain.FindOrders(ctx, openOrders(id)); err != nil {
					return err
				}
				return plain.AccountView(ctx, id)
			}
			if err := bt.time(bareLoad); err != nil {
				return Figure{}, fmt.Errorf("bare account view %d: %w", id, err)
			}
		}
	}
	return withBare(nameView, TargetViewMS, st, bt, "views"), nil
}

// openOrders is the account view's list of the account's open orders.
func openOrders(account domain.AccountID) domain.OrderFilter {
	return domain.OrderFilter{Statuses: []domain.OrderStatus{domain.OrderDraft, domain.OrderConfirmed},
		DocumentFilter: domain.DocumentFilter{Account: account}}
}

// listPageSize is how many rows the accounts list fetches at a time.
const listPageSize = 100

func benchListPages(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	s := store.NewAccountService(db)
	_, total, err := s.ListAccountRows(ctx, domain.AccountFilter{Limit: 1})
	if err != nil {
		return Figure{}, err
	}
	if total == 0 {
		return NotMeasured(nameList, "ms", TargetListPageMS, "the database has no active accounts"), nil
	}
	var st, bt timings
	for pass := 0; pass < 2; pass++ {
		st, bt = nil, nil
		for off := 0; off < total; off += listPageSize {
			f := domain.AccountFilter{Offset: off, Limit: listPageSize}
			if err := st.time(func() error { _, _, err := s.ListAccountRows(ctx, f); return err }); err != nil {
				return Figure{}, err
			}
			if err := bt.time(func() error { return plain.ListAccountRows(ctx, off, listPageSize) }); err != nil {
				return Figure{}, err
			}
		}
	}
	return withBare(nameList, TargetListPageMS, st, bt, "pages (first to last)"), nil
}

// Generate times generating a fresh demo dataset of the given size into a
// new file in dir, which it removes afterwards.
func Generate(ctx context.Context, dir string, accounts int, progress func(done, total int)) (Figure, error) {
	name := fmt.Sprintf("generate %d accounts with contacts, history and orders", accounts)
	path := filepath.Join(dir, fmt.Sprintf("kontor-bench-%d.db", os.Getpid()))
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
	}()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return Figure{}, err
	}
	defer db.Close()
	start := time.Now()
	if err := demo.Generate(ctx, db, demo.Options{Accounts: accounts, Seed: 1}, progress); err != nil {
		return Figure{}, err
	}
	took := time.Since(start)
	_, contacts, err := db.Counts(ctx)
	if err != nil {
		return Figure{}, err
	}
	activities, _, err := db.HistoryCounts(ctx)
	if err != nil {
		return Figure{}, err
	}
	orders, lines, _, err := db.DocumentCounts(ctx)
	if err != nil {
		return Figure{}, err
	}
	f := measured(name, "s", TargetGenerateS, math.Round(took.Seconds()*100)/100)
	f.Note = fmt.Sprintf("%d accounts, %d contacts, %d activities, %d orders with %d lines in one transaction, %.0f rows/s", accounts, contacts,
		activities, orders, lines, float64(accounts+contacts+activities+orders+lines)/took.Seconds())
	return f, nil
}

// NameStartup is the desktop start-up figure.
const NameStartup = "desktop start to first window"

// Startup runs the desktop binary with --measure-startup on the database
// at path, three times, and reports the median of what it prints
// (startup_ms=N). Failing to run it is a figure not measured, with the reason.
func Startup(ctx context.Context, kontor, path string) Figure {
	var runs []float64
	for i := 0; i < 3; i++ {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		out, err := exec.CommandContext(ctx, kontor, "--db", path, "--measure-startup").Output()
		cancel()
		if err != nil {
			why := err.Error()
			if ee, ok := err.(*exec.ExitError); ok {
				if line := failureLine(string(ee.Stderr)); line != "" {
					why += ": " + line
				}
			}
			return NotMeasured(NameStartup, "ms", TargetStartupMS, kontor+" --measure-startup failed: "+why)
		}
		ms, ok := parseStartup(string(out))
		if !ok {
			return NotMeasured(NameStartup, "ms", TargetStartupMS, kontor+" --measure-startup printed no startup_ms=N line")
		}
		runs = append(runs, ms)
	}
	sort.Float64s(runs)
	f := measured(NameStartup, "ms", TargetStartupMS, runs[1])
	f.Note = fmt.Sprintf("median of 3 runs of %s (%.0f, %.0f, %.0f ms)", kontor, runs[0], runs[1], runs[2])
	f.Count = len(runs)
	return f
}

// failureLine picks what says why a program failed from its stderr: the panic
// line of a crash, else the last line, shortened.
func failureLine(stderr string) string {
	var last string
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "panic:") {
			last = line
			break
		}
		if line != "" {
			last = line
		}
	}
	if r := []rune(last); len(r) > 200 {
		last = string(r[:200]) + "…"
	}
	return last
}

func parseStartup(out string) (float64, bool) {
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "startup_ms="); ok {
			n, err := strconv.ParseFloat(v, 64)
			return n, err == nil && n >= 0
		}
	}
	return 0, false
}
