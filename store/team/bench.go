package team

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"kontor/domain"
	"kontor/store"
)

// Names and targets of the team figures (issue 12).
const (
	NameJoinAll    = "team: back office joins the whole team"
	NameJoinRep    = "team: a rep with 500 accounts joins"
	NameRound      = "team: round pushing 1,000 and pulling 10,000 changes"
	NameIdleRound  = "team: idle sync round, median"
	NameOutbox     = "team: outbox cost on local writes"
	TargetJoinAllS = 90
	TargetJoinRepS = 5
	TargetRoundS   = 5
	TargetIdleMS   = 50
	TargetOutboxPc = 10
)

// NotMeasuredFigures are the team figures when no server was given.
func NotMeasuredFigures(why string) []store.Figure {
	return []store.Figure{
		store.NotMeasured(NameJoinAll, "s", TargetJoinAllS, why),
		store.NotMeasured(NameJoinRep, "s", TargetJoinRepS, why),
		store.NotMeasured(NameRound, "s", TargetRoundS, why),
		store.NotMeasured(NameIdleRound, "ms", TargetIdleMS, why),
		store.NotMeasured(NameOutbox, "%", TargetOutboxPc, why),
	}
}

func figure(name, unit string, target, value float64, note string) store.Figure {
	holds := value <= target
	return store.Figure{Name: name, Unit: unit, Target: target, Value: &value, Holds: &holds, Note: note}
}

// Bench measures the team figures on the file at db through an empty team
// database whose administrator's URL is adminURL: it publishes the file
// there, joins it as a back office and as a rep given 500 accounts (each
// into a new file in a temporary folder), times a round that pushes 1,000
// local changes and pulls 10,000, an idle round, and the outbox's cost on
// the store's write paths. It leaves the team it made on the server.
func Bench(ctx context.Context, db *store.DB, adminURL string, progress io.Writer) ([]store.Figure, error) {
	return bench(ctx, db, adminURL, progress, 2000)
}

// bench is Bench timing outboxWrites local writes for the outbox figure.
func bench(ctx context.Context, db *store.DB, adminURL string, progress io.Writer, outboxWrites int) ([]store.Figure, error) {
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
	join := func(name, login, pw string) (*store.DB, *Service, time.Duration, error) {
		path := filepath.Join(dir, name+".db")
		ldb, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			return nil, nil, 0, err
		}
		svc := New(ldb, FileCredentials{Path: path + ".team-secret"})
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
	say("a rep joins")
	repDB, _, tRep, err := join("rep", repLogin, repPW)
	if err != nil {
		return nil, err
	}
	var repAccounts int
	_ = repDB.ReadTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts`).Scan(&repAccounts)
	})
	repDB.Close()
	figs := []store.Figure{
		figure(NameJoinAll, "s", TargetJoinAllS, tAll.Seconds(), ""),
		figure(NameJoinRep, "s", TargetJoinRepS, tRep.Seconds(), fmt.Sprintf("%d accounts", repAccounts)),
	}
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
	res, err := bo.Sync(ctx)
	if err != nil {
		return nil, err
	}
	figs = append(figs, figure(NameRound, "s", TargetRoundS, time.Since(start).Seconds(),
		fmt.Sprintf("pushed %d, pulled %d", res.Pushed, res.Pulled)))
	var idle []float64
	for i := 0; i < 7; i++ {
		start := time.Now()
		if _, err := bo.Sync(ctx); err != nil {
			return nil, err
		}
		idle = append(idle, float64(time.Since(start).Microseconds())/1000)
	}
	sort.Float64s(idle)
	figs = append(figs, figure(NameIdleRound, "ms", TargetIdleMS, idle[len(idle)/2], "connecting included"))
	pc, err := outboxCost(ctx, dir, outboxWrites)
	if err != nil {
		return nil, err
	}
	return append(figs, figure(NameOutbox, "%", TargetOutboxPc, pc, "logging activities and editing accounts, beside an unjoined file")), nil
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
		for i := 0; i < 100; i++ {
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
		a, err := svc.FindAccountByID(ctx, ids[i%len(ids)])
		if err != nil {
			return err
		}
		a.Notes = fmt.Sprint("uwagi ", i)
		_, err = svc.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: a.AccountFields, Version: a.Version})
		return err
	}
	var tBare, tJoined time.Duration
	for i := 0; i < writes; i += 50 {
		for side := 0; side < 2; side++ {
			db, ids, total := bare, bareIDs, &tBare
			if side == 1 {
				db, ids, total = joined, joinedIDs, &tJoined
			}
			start := time.Now()
			for j := i; j < i+50; j++ {
				if err := write(db, ids, j); err != nil {
					return 0, err
				}
			}
			*total += time.Since(start)
		}
	}
	return 100 * (float64(tJoined)/float64(tBare) - 1), nil
}
