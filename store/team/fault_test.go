package team

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kontor/domain"
	"kontor/store"
)

// helperSync is the child process of the kill tests: what `kontorctl team
// sync` does (open the file, one round), in a process the test can kill -9.
func helperSync() int {
	ctx := context.Background()
	path := os.Getenv("KONTOR_DB")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	if _, err := New(db, FileCredentials{Path: path + ".team-secret"}).Sync(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func init() {
	if os.Getenv("KONTOR_TEAM_HELPER") == "sync" {
		os.Exit(helperSync())
	}
}

// killedRounds runs sync rounds of the file at path in child processes,
// killing each with SIGKILL after a random moment, until one finishes.
func killedRounds(t *testing.T, rng *rand.Rand, path string, maxDelay time.Duration) (killed int) {
	t.Helper()
	for i := 0; i < 200; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "KONTOR_TEAM_HELPER=sync", "KONTOR_DB="+path)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		delay := time.Duration(rng.Int63n(int64(maxDelay)))
		if i >= 40 {
			delay = time.Minute // enough tries: let one finish
		}
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("sync child failed: %v\n%s", err, stderr.String())
			}
			return killed
		case <-time.After(delay):
			_ = cmd.Process.Signal(syscall.SIGKILL)
			if err := <-done; err == nil {
				return killed // it finished first
			}
			killed++
		}
	}
	t.Fatal("no round finished")
	return killed
}

// TestKillDuringSyncConverges: a laptop with many waiting changes, and a
// server with many changes for it, synced by processes killed at random
// moments: once a round finishes, the server has every change once and the
// file has everything once.
func TestKillDuringSyncConverges(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	maria := newLaptop(t, tt.people["maria"])
	maria.join(tt)
	for seed := int64(1); seed <= 3; seed++ {
		rng := rand.New(rand.NewSource(seed))
		// Waiting on the laptop: new activities (a duplicate would show) and edits.
		for i := 0; i < 60; i++ {
			maria.exec(`INSERT INTO activities (account_id, kind, occurred_at, subject, created_at, updated_at)
				SELECT id, 'note', '2026-11-03T10:00:00Z', ?, '2026-11-03T10:00:00Z', '2026-11-03T10:00:00Z' FROM accounts WHERE code = 'A1'`,
				fmt.Sprintf("s%d-note-%d", seed, i))
			maria.exec(`UPDATE accounts SET notes = ? WHERE code = 'A2'`, fmt.Sprintf("s%d-notes-%d", seed, i))
		}
		// Waiting on the server for the laptop.
		for i := 0; i < 60; i++ {
			bo.exec(`INSERT INTO contacts (account_id, first_name, last_name, name_key, search_text, created_at, updated_at)
				SELECT id, 'Kontakt', ?, x'00', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM accounts WHERE code = 'B1'`,
				fmt.Sprintf("s%d-%d", seed, i))
		}
		bo.sync()
		killed := killedRounds(t, rng, maria.db.Path(), 250*time.Millisecond)
		t.Logf("seed %d: %d rounds killed before one finished", seed, killed)
	}
	maria.sync()
	bo.sync()
	if n := bo.count(`SELECT count(*) FROM activities WHERE subject LIKE 's%-note-%'`); n != 180 {
		t.Errorf("the back office has %d of the 180 notes pushed", n)
	}
	if n := bo.count(`SELECT count(DISTINCT subject) FROM activities WHERE subject LIKE 's%-note-%'`); n != 180 {
		t.Errorf("the back office has %d distinct notes", n)
	}
	if n := maria.count(`SELECT count(*) FROM contacts WHERE first_name = 'Kontakt'`); n != 180 {
		t.Errorf("the laptop has %d of the 180 contacts pulled", n)
	}
	if got := bo.value(`SELECT notes FROM accounts WHERE code = 'A2'`); got != "s3-notes-59" {
		t.Errorf("A2's notes on the back office: %q", got)
	}
	if n := maria.count(`SELECT count(*) FROM team_outbox`); n != 0 {
		t.Errorf("%d changes still waiting", n)
	}
	if c := maria.conflicts(); len(c) != 0 {
		t.Errorf("conflicts from repeated pushes: %+v", c)
	}
	if bo.dump("") != maria.dump("") {
		t.Error("the laptop and the back office differ after the killed rounds")
	}
}

// TestConnectionDroppedMidSync: the server ends the person's sessions at
// random moments of rounds; every round either finishes or fails as
// unavailable, and the data converges.
func TestConnectionDroppedMidSync(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	maria := newLaptop(t, tt.people["maria"])
	maria.join(tt)
	rng := rand.New(rand.NewSource(7))
	failures := 0
	for round := 0; round < 12; round++ {
		for i := 0; i < 30; i++ {
			maria.exec(`INSERT INTO activities (account_id, kind, occurred_at, subject, created_at, updated_at)
				SELECT id, 'call', '2026-11-04T10:00:00Z', ?, '2026-11-04T10:00:00Z', '2026-11-04T10:00:00Z' FROM accounts WHERE code = 'A1'`,
				fmt.Sprintf("r%d-%d", round, i))
			bo.exec(`UPDATE accounts SET phone = ? WHERE code = 'B1'`, fmt.Sprintf("r%d-%d", round, i))
		}
		bo.sync()
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(rng.Intn(300)) * time.Millisecond)
			_, _ = tt.db.Cluster.TerminateBackends(tt.people["maria"].login)
		}()
		_, err := maria.svc.Sync(context.Background())
		wg.Wait()
		if err != nil {
			failures++
			if domain.ErrorCode(err) != domain.EUnavailable {
				t.Fatalf("round %d: %v, want an unavailable server", round, err)
			}
			st, _ := maria.svc.Status(context.Background())
			if !st.Offline() {
				t.Errorf("after a dropped connection the status is not offline: %+v", st)
			}
			if e, ok := domain.AsError(st.LastError); !ok || e.Key == "" || e.Error() != err.Error() {
				t.Errorf("status error %v, want the round's %v with its key", st.LastError, err)
			}
		}
	}
	t.Logf("%d of 12 rounds lost their connection", failures)
	maria.sync()
	bo.sync()
	if n := bo.count(`SELECT count(DISTINCT subject) FROM activities WHERE kind = 'call'`); n != 360 {
		t.Errorf("the back office has %d of 360 calls", n)
	}
	if n := bo.count(`SELECT count(*) FROM activities WHERE kind = 'call'`); n != 360 {
		t.Errorf("the back office has %d call rows, want 360", n)
	}
	if bo.dump("") != maria.dump("") {
		t.Error("files differ after dropped connections")
	}
}

// TestJoinDroppedMidway: a join whose connection the server drops at a
// random moment fails as the server being unavailable and leaves the file
// as it was, not joined (or, dropped in the round after its rows were in,
// joined, with the next round finishing it); the next join takes everything.
func TestJoinDroppedMidway(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	maria := newLaptop(t, tt.people["maria"])
	rng := rand.New(rand.NewSource(11))
	failures := 0
	for attempt := 0; attempt < 8 && failures < 3; attempt++ {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(rng.Intn(40)) * time.Millisecond)
			_, _ = tt.db.Cluster.TerminateBackends(tt.people["maria"].login)
		}()
		_, err := maria.svc.Join(context.Background(), domain.TeamJoin{URL: tt.db.URL("", ""), Login: maria.who.login, Password: maria.who.password})
		wg.Wait()
		if err == nil {
			maria = newLaptop(t, tt.people["maria"]) // joined before the drop: try again on a new file
			continue
		}
		failures++
		if domain.ErrorCode(err) != domain.EUnavailable {
			t.Fatalf("attempt %d: %v, want an unavailable server", attempt, err)
		}
		if st, _ := maria.svc.Status(context.Background()); st.Joined {
			// Dropped in the round that ends a join, after its rows were in.
			maria.sync()
			bo.sync()
			if bo.dump("") != maria.dump("") {
				t.Errorf("attempt %d: the file joined before the drop differs from the back office's after a round", attempt)
			}
			maria = newLaptop(t, tt.people["maria"])
			continue
		}
		if n := maria.count(`SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM activities) + (SELECT count(*) FROM products)`); n != 0 {
			t.Fatalf("attempt %d: a failed join left %d rows", attempt, n)
		}
	}
	t.Logf("%d joins lost their connection", failures)
	if failures == 0 {
		t.Fatal("no join was dropped midway: the test proved nothing")
	}
	maria.join(tt)
	bo.sync()
	if bo.dump("") != maria.dump("") {
		t.Error("the file joined after the dropped ones differs from the back office's")
	}
}

// TestServerRestartMidSync (not parallel: it restarts the shared server).
func TestServerRestartMidSync(t *testing.T) {
	tt, bo := publishedTeam(t)
	maria := newLaptop(t, tt.people["maria"])
	maria.join(tt)
	for i := 0; i < 300; i++ {
		maria.exec(`UPDATE accounts SET notes = ? WHERE code = 'A1'`, fmt.Sprintf("n%d", i))
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(30 * time.Millisecond)
		if err := tt.db.Cluster.Restart(); err != nil {
			t.Errorf("restart: %v", err)
		}
	}()
	_, err := maria.svc.Sync(context.Background())
	wg.Wait()
	if err != nil && domain.ErrorCode(err) != domain.EUnavailable {
		t.Fatalf("sync across a restart: %v", err)
	}
	// The server is back: the next rounds finish.
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, err := maria.svc.Sync(context.Background())
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("sync after the restart: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	bo.sync()
	if got := bo.value(`SELECT notes FROM accounts WHERE code = 'A1'`); got != "n299" {
		t.Errorf("after the restart the back office has notes %q", got)
	}
}

// TestCursorNeverSkipsALaterCommit: a transaction that took its seq first
// but commits last is still pulled — the head row makes the second writer
// wait, so seq order is commit order.
func TestCursorNeverSkipsALaterCommit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tt, bo := publishedTeam(t)
	maria := newLaptop(t, tt.people["maria"])
	maria.join(tt)
	first, err := pgx.Connect(ctx, tt.people["beata"].url(tt))
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close(ctx)
	tx1, err := first.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustExecTx(t, tx1, `UPDATE kontor.accounts SET phone = 'first' WHERE code = 'A1'`)
	second := make(chan error, 1)
	go func() {
		conn, err := pgx.Connect(ctx, tt.people["maria"].url(tt))
		if err != nil {
			second <- err
			return
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, `UPDATE kontor.accounts SET phone = 'second' WHERE code = 'A2'`)
		second <- err
	}()
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-second:
		t.Fatalf("the second writer committed while the first held its seq (err %v)", err)
	default:
	}
	maria.sync() // sees neither
	if err := tx1.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	maria.sync()
	if got := maria.value(`SELECT group_concat(phone, ',') FROM (SELECT phone FROM accounts WHERE code IN ('A1', 'A2') ORDER BY code)`); got != "first,second" {
		t.Errorf("after both commits the laptop has phones %q", got)
	}
	_ = bo
}

func mustExecTx(t *testing.T, tx pgx.Tx, sql string, args ...any) {
	t.Helper()
	if _, err := tx.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// TestConcurrentWritersAndPuller: writers on several logins commit in
// random order while a laptop pulls over and over; in the end it has every
// row, and two laptops pushing at the same moment both land.
func TestConcurrentWritersAndPuller(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tt, bo := publishedTeam(t)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 16)
	for w, who := range []string{"maria", "beata", "maria", "beata"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := pgx.Connect(ctx, tt.people[who].url(tt))
			if err != nil {
				errs <- err
				return
			}
			defer conn.Close(ctx)
			rng := rand.New(rand.NewSource(int64(w)))
			for i := 0; i < 25; i++ {
				tx, err := conn.Begin(ctx)
				if err != nil {
					errs <- err
					return
				}
				if _, err := tx.Exec(ctx, `INSERT INTO kontor.activities (uid, account_uid, kind, occurred_at, subject)
					SELECT gen_random_uuid(), uid, 'note', '2026-11-05T08:00:00Z', $1 FROM kontor.accounts WHERE code = 'A1'`,
					fmt.Sprintf("w%d-%d", w, i)); err != nil {
					errs <- err
					return
				}
				time.Sleep(time.Duration(rng.Intn(5)) * time.Millisecond)
				if err := tx.Commit(ctx); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	pulls := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := bo.svc.Sync(ctx); err != nil {
				errs <- err
				return
			}
			pulls++
		}
	}()
	// Two laptops pushing at once.
	anna := newLaptop(t, tt.people["anna"])
	anna.join(tt)
	maria := newLaptop(t, tt.people["maria"])
	maria.join(tt)
	anna.exec(`UPDATE accounts SET phone = 'anna' WHERE code = 'A1'`)
	maria.exec(`UPDATE accounts SET email = 'maria@x.pl' WHERE code = 'A1'`)
	var both sync.WaitGroup
	for _, l := range []*laptop{anna, maria} {
		both.Add(1)
		go func() {
			defer both.Done()
			if _, err := l.svc.Sync(ctx); err != nil {
				errs <- err
			}
		}()
	}
	both.Wait()
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	bo.sync()
	if n := bo.count(`SELECT count(*) FROM activities WHERE subject LIKE 'w%'`); n != 100 {
		t.Errorf("after %d pulls during the writes the laptop has %d of 100 rows", pulls, n)
	}
	if got := bo.value(`SELECT phone || ' ' || email FROM accounts WHERE code = 'A1'`); got != "anna maria@x.pl" {
		t.Errorf("two laptops pushing at once: A1 = %q", got)
	}
}
