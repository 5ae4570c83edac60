package team

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"kontor/domain"
	"kontor/store"
)

// BenchResult is what Bench measured of the team machinery on a file.
type BenchResult struct {
	JoinAll, JoinRep time.Duration // the back office joining everything; a rep joining their accounts
	JoinBase         time.Duration // the back office joining all but the documents
	RepAccounts      int           // how many accounts the rep got
	Round            time.Duration // one round pushing 1,000 and pulling 10,000 changes
	Pushed, Pulled   int
	IdleRound        time.Duration // an idle round, median, connecting included
	OutboxPercent    float64       // what the outbox adds to local writes
	// Documents is what the back office's file holds after joining: orders,
	// their lines, quotes, invoices, payments.
	Documents string
	// DayRound is the rep's round after a day of work (DayWork); DayPushed
	// the changes it pushed.
	DayRound  time.Duration
	DayPushed int
}

// DayWork is a day of a rep's work, as the round after it is measured.
var DayWork = struct{ Quotes, Orders, Activities, Lines int }{30, 20, 100, 5}

// Bench publishes db to the empty database adminURL names and measures
// joining, a sync round, an idle round and the outbox's cost; progress gets a
// line a step.
func Bench(ctx context.Context, db *store.DB, adminURL string, progress io.Writer) (*BenchResult, error) {
	return bench(ctx, db, adminURL, progress, 2000, nil)
}

// BenchThen is Bench that also hands the back office's joined file to
// backOffice before the file is removed (the month-end batch on the back
// office's replica of everyone's ledgers is measured there).
func BenchThen(ctx context.Context, db *store.DB, adminURL string, progress io.Writer, backOffice func(*store.DB) error) (*BenchResult, error) {
	return bench(ctx, db, adminURL, progress, 2000, backOffice)
}

// bench is Bench timing outboxWrites local writes for the outbox figure.
func bench(ctx context.Context, db *store.DB, adminURL string, progress io.Writer, outboxWrites int, backOffice func(*store.DB) error) (*BenchResult, error) {
	say := func(format string, args ...any) { fmt.Fprintf(progress, "bench: "+format+"\n", args...) }
	if _, err := Init(ctx, adminURL); err != nil {
		return nil, err
	}
	suffix := fmt.Sprint(os.Getpid())
	boLogin, repLogin := "kontor_bench_bo_"+suffix, "kontor_bench_rep_"+suffix
	boPW, err := AddUser(ctx, adminURL, boLogin, "Bench Back Office "+suffix, domain.RoleBackoffice, "")
	if err != nil {
		return nil, err
	}
	repName := "Bench Rep " + suffix
	repPW, err := AddUser(ctx, adminURL, repLogin, repName, domain.RoleRep, "")
	if err != nil {
		return nil, err
	}
	say("publishing %s", db.Path())
	start := time.Now()
	if _, err := Publish(ctx, db, adminURL); err != nil {
		return nil, err
	}
	say("published in %.1f s", time.Since(start).Seconds())
	admin, err := connect(ctx, adminURL, "", "")
	if err != nil {
		return nil, err
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(ctx, `UPDATE kontor.accounts SET owner = $1 WHERE uid IN (SELECT uid FROM kontor.accounts ORDER BY code LIMIT 500)`, repName); err != nil {
		return nil, serverError("give the bench rep 500 accounts", err)
	}
	dir, err := os.MkdirTemp("", "kontor-team-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	join := func(name, login, pw string, only ...*tableSpec) (*store.DB, *Service, time.Duration, error) {
		path := filepath.Join(dir, name+".db")
		ldb, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			return nil, nil, 0, err
		}
		svc := New(ldb, FileCredentials{Path: path + ".team-secret"})
		svc.joinSpecs = only
		start := time.Now()
		_, err = svc.Join(ctx, domain.TeamJoin{URL: adminURL, Login: login, Password: pw})
		return ldb, svc, time.Since(start), err
	}
	say("the back office joins")
	boDB, bo, tAll, err := join("backoffice", boLogin, boPW)
	if err != nil {
		return nil, err
	}
	defer boDB.Close()
	r := &BenchResult{JoinAll: tAll}
	_ = boDB.ReadTx(ctx, func(tx *sql.Tx) error {
		var orders, lines, quotes, invoices, payments int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_lines), (SELECT count(*) FROM quotes),
			(SELECT count(*) FROM invoices), (SELECT count(*) FROM payments)`).Scan(&orders, &lines, &quotes, &invoices, &payments)
		r.Documents = fmt.Sprintf("%d orders with %d lines, %d quotes, %d invoices and credit notes, %d payments", orders, lines, quotes,
			invoices, payments)
		return err
	})
	say("joined with %s in %.1f s", r.Documents, tAll.Seconds())
	say("the back office joins all but the documents")
	var base []*tableSpec
	for _, s := range specs {
		if !s.lazy() {
			base = append(base, s)
		}
	}
	baseDB, _, tBase, err := join("base", boLogin, boPW, base...)
	if err != nil {
		return nil, err
	}
	r.JoinBase = tBase
	if err := baseDB.Close(); err != nil {
		return nil, err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(filepath.Join(dir, "base.db"+suffix)) // its room on disk, now; the folder goes at the end
	}
	say("a rep joins")
	repDB, rep, tRep, err := join("rep", repLogin, repPW)
	if err != nil {
		return nil, err
	}
	defer repDB.Close()
	_ = repDB.ReadTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts`).Scan(&r.RepAccounts)
	})
	r.JoinRep = tRep
	say("a day of the rep's work, then a round")
	if err := dayOfWork(ctx, repDB); err != nil {
		return nil, err
	}
	start = time.Now()
	res, err := rep.Sync(ctx)
	if err != nil {
		return nil, err
	}
	r.DayRound, r.DayPushed = time.Since(start), res.Pushed
	say("a round of 1,000 local and 10,000 server changes")
	err = boDB.WriteTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE accounts SET notes = notes || ' (bench)' WHERE id IN (SELECT id FROM accounts ORDER BY id LIMIT 1000)`)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := serverChanges(ctx, admin, 10000); err != nil {
		return nil, err
	}
	start = time.Now()
	res, err = bo.Sync(ctx)
	if err != nil {
		return nil, err
	}
	r.Round, r.Pushed, r.Pulled = time.Since(start), res.Pushed, res.Pulled
	var idle []time.Duration
	for i := 0; i < 7; i++ {
		start := time.Now()
		if _, err := bo.Sync(ctx); err != nil {
			return nil, err
		}
		idle = append(idle, time.Since(start))
	}
	slices.Sort(idle)
	r.IdleRound = idle[len(idle)/2]
	if r.OutboxPercent, err = outboxCost(ctx, dir, outboxWrites); err != nil {
		return nil, err
	}
	if backOffice != nil {
		if err := backOffice(boDB); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// dayOfWork does a day of a rep's work on their file (DayWork): quotes and
// confirmed orders of DayWork.Lines lines each on their accounts, priced by
// the store, and logged calls.
func dayOfWork(ctx context.Context, db *store.DB) error {
	accounts, _, err := store.NewAccountService(db).FindAccounts(ctx, domain.AccountFilter{Limit: DayWork.Quotes + DayWork.Orders})
	if err != nil {
		return err
	}
	products, _, err := store.NewProductService(db).FindProducts(ctx, domain.ProductQuery{Active: domain.ActiveOnly, Limit: 200})
	if err != nil {
		return err
	}
	if len(accounts) == 0 || len(products) < DayWork.Lines {
		return fmt.Errorf("bench: the rep's file has %d accounts and %d products: too few for a day's work", len(accounts), len(products))
	}
	prices := store.NewPriceService(db)
	quotes, orders := store.NewQuoteService(db, prices), store.NewOrderService(db, prices)
	today := db.Today()
	lines := func(i int, a *domain.Account) ([]domain.DocumentLine, error) {
		var out []domain.DocumentLine
		for k := 0; k < DayWork.Lines; k++ {
			p := products[(i*DayWork.Lines+k)%len(products)]
			q := domain.Quantity(1000 * (1 + (i+k)%12))
			if p.Unit.Decimals() == 0 && q%1000 != 0 {
				q = 1000
			}
			out = append(out, domain.NewDocumentLine(p, q))
		}
		res, err := prices.Reprice(ctx, a.ID, today, domain.PriceLines(out))
		if err != nil {
			return nil, err
		}
		domain.ApplyPrices(out, res)
		return out, nil
	}
	for i := 0; i < DayWork.Quotes; i++ {
		a := accounts[i%len(accounts)]
		f := domain.NewQuoteFields(a, today, 30)
		if f.Lines, err = lines(i, a); err != nil {
			return err
		}
		if _, err := quotes.CreateQuote(ctx, f); err != nil {
			return fmt.Errorf("bench: a quote: %w", err)
		}
	}
	for i := 0; i < DayWork.Orders; i++ {
		a := accounts[(DayWork.Quotes+i)%len(accounts)]
		f := domain.NewOrderFields(a, today)
		if f.Lines, err = lines(DayWork.Quotes+i, a); err != nil {
			return err
		}
		o, err := orders.CreateOrder(ctx, f)
		if err != nil {
			return fmt.Errorf("bench: an order: %w", err)
		}
		if _, err := orders.SetOrderStatus(ctx, o.ID, domain.OrderStatusChange{Status: domain.OrderConfirmed, Version: o.Version,
			CreditOverride: "bench", OverrideBy: "bench"}); err != nil {
			return fmt.Errorf("bench: confirm an order: %w", err)
		}
	}
	activities := store.NewActivityService(db)
	for i := 0; i < DayWork.Activities; i++ {
		if _, err := activities.CreateActivity(ctx, domain.ActivityFields{AccountID: accounts[i%len(accounts)].ID, Kind: domain.KindCall,
			OccurredAt: time.Now().UTC().Add(-time.Duration(i) * time.Minute).Truncate(time.Second),
			Subject:    "Rozmowa o zamówieniu", Notes: "Klient pyta o termin dostawy i rabat"}); err != nil {
			return fmt.Errorf("bench: an activity: %w", err)
		}
	}
	return nil
}

// serverChanges makes n logged changes on the server as someone else would:
// notes of n activities.
func serverChanges(ctx context.Context, admin *pgx.Conn, n int) error {
	_, err := admin.Exec(ctx, `UPDATE kontor.activities SET notes = notes || ' (server bench)'
		WHERE uid IN (SELECT uid FROM kontor.activities ORDER BY uid LIMIT $1)`, n)
	return serverError("change activities on the server", err)
}

// outboxCost is the extra time, in percent, of the store's write paths on a
// joined file beside an unjoined one, alternating so that load falls on both.
func outboxCost(ctx context.Context, dir string, writes int) (float64, error) {
	open := func(name string, joined bool) (*store.DB, []domain.AccountID, error) {
		db, err := store.Open(ctx, filepath.Join(dir, name), store.Options{})
		if err != nil {
			return nil, nil, err
		}
		svc := store.NewAccountService(db)
		var ids []domain.AccountID
		// An account for every edit: each is an account's first since a
		// push, the one the outbox pays for (kept.go).
		for i := 0; i < max(writes/2, 100); i++ {
			a, err := svc.CreateAccount(ctx, domain.AccountFields{Code: fmt.Sprintf("K%04d", i), Name: fmt.Sprintf("Firma %d", i),
				Country: "PL", Currency: "PLN", PaymentTerms: domain.PaymentTerms{Days: 30}})
			if err != nil {
				return nil, nil, err
			}
			ids = append(ids, a.ID)
		}
		if joined {
			if err := db.WriteTx(ctx, func(tx *sql.Tx) error { return install(ctx, tx) }); err != nil {
				return nil, nil, err
			}
		}
		return db, ids, nil
	}
	bare, bareIDs, err := open("bare.db", false)
	if err != nil {
		return 0, err
	}
	defer bare.Close()
	joined, joinedIDs, err := open("joined.db", true)
	if err != nil {
		return 0, err
	}
	defer joined.Close()
	write := func(db *store.DB, ids []domain.AccountID, i int) error {
		if i%2 == 0 {
			_, err := store.NewActivityService(db).CreateActivity(ctx, domain.ActivityFields{AccountID: ids[i%len(ids)], Kind: domain.KindCall,
				OccurredAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
				Subject:    "Rozmowa o dostawie", Notes: "Klient pyta o termin i rabat"})
			return err
		}
		svc := store.NewAccountService(db)
		a, err := svc.FindAccountByID(ctx, ids[(i/2)%len(ids)])
		if err != nil {
			return err
		}
		a.Notes = fmt.Sprint("uwagi ", i)
		_, err = svc.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: a.AccountFields, Version: a.Version})
		return err
	}
	cmp, err := compareWrites(writes,
		func(i int) error { return write(bare, bareIDs, i) },
		func(i int) error { return write(joined, joinedIDs, i) })
	return cmp.pct, err
}

// writeComparison is the outbox's cost measured by compareWrites.
type writeComparison struct {
	pct         float64       // the joined file's extra time, in percent
	bare, outbx time.Duration // the mean time of one write
	cpu         bool          // measured in CPU time (else wall time)
}

// compareWrites runs writes writes on an unjoined file (bare) and on a
// joined one (joined), alternating in slices of 50 so that the machine's
// load falls on both alike, and measures each slice in the process's CPU
// time (the wall clock where that is not known), which other programs on a
// shared machine move far less. The cost is the median over the pairs of
// slices of joined/bare − 1: one slice that a burst of load or a garbage
// collection fell on moves it no more than any other.
func compareWrites(writes int, bare, joined func(i int) error) (writeComparison, error) {
	const slice = 50
	_, cpu := processCPU()
	clock := func() time.Duration {
		if cpu {
			d, _ := processCPU()
			return d
		}
		return time.Duration(time.Now().UnixNano())
	}
	var ratios []float64
	var tBare, tJoined time.Duration
	n := 0
	for i := 0; i < writes; i += slice {
		var took [2]time.Duration
		for side, write := range []func(int) error{bare, joined} {
			start := clock()
			for j := i; j < i+slice && j < writes; j++ {
				if err := write(j); err != nil {
					return writeComparison{}, err
				}
			}
			took[side] = clock() - start
		}
		tBare += took[0]
		tJoined += took[1]
		n += min(slice, writes-i)
		if took[0] > 0 {
			ratios = append(ratios, float64(took[1])/float64(took[0]))
		}
	}
	if n == 0 || len(ratios) == 0 {
		return writeComparison{}, fmt.Errorf("no writes to compare")
	}
	sort.Float64s(ratios)
	med := ratios[len(ratios)/2]
	if len(ratios)%2 == 0 {
		med = (ratios[len(ratios)/2-1] + ratios[len(ratios)/2]) / 2
	}
	return writeComparison{pct: 100 * (med - 1), bare: tBare / time.Duration(n), outbx: tJoined / time.Duration(n), cpu: cpu}, nil
}
