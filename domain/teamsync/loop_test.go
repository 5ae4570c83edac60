package teamsync

import (
	"context"
	"sync"
	"testing"
	"time"

	"kontor/domain"
)

// fakeTeam counts rounds; its status says what the test sets.
type fakeTeam struct {
	mu      sync.Mutex
	waiting int
	joined  bool
	fail    error
	rounds  int
}

func (f *fakeTeam) Status(context.Context) (*domain.TeamStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return &domain.TeamStatus{Joined: f.joined, Waiting: f.waiting}, nil
}

func (f *fakeTeam) Sync(context.Context) (*domain.SyncResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rounds++
	if f.fail != nil {
		return nil, f.fail
	}
	n := f.waiting
	f.waiting = 0
	return &domain.SyncResult{Pushed: n}, nil
}

func (f *fakeTeam) Conflicts(context.Context) ([]domain.Conflict, error) { return nil, nil }
func (f *fakeTeam) Resolve(context.Context, domain.ConflictID, domain.ConflictChoice) error {
	return nil
}
func (f *fakeTeam) Refused(context.Context) ([]domain.RefusedChange, error) { return nil, nil }
func (f *fakeTeam) Join(context.Context, domain.TeamJoin) (*domain.SyncResult, error) {
	return nil, nil
}
func (f *fakeTeam) ChangePassword(context.Context, string) error { return nil }

func TestStepSchedule(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	f := &fakeTeam{joined: true}
	var seen []int
	l := New(f, Options{Now: func() time.Time { return clock }, OnRound: func(r *domain.SyncResult, err error, _ *domain.TeamStatus) {
		if r != nil {
			seen = append(seen, r.Pushed)
		}
	}})
	tick := func(d time.Duration) bool { clock = clock.Add(d); return l.Step(ctx, false) }
	if !tick(0) {
		t.Fatal("the first check did not run a round")
	}
	if tick(3 * time.Second) {
		t.Error("a round ran with nothing waiting before a minute passed")
	}
	f.waiting = 2
	if !tick(3 * time.Second) {
		t.Error("a waiting change was not pushed at the next check")
	}
	if tick(50 * time.Second) {
		t.Error("a round ran again within the minute")
	}
	if !tick(10 * time.Second) {
		t.Error("no round after a minute idle")
	}
	// Offline: back off 10 s, 20 s, … up to a minute, even with changes waiting.
	f.fail = domain.Errorf(domain.EUnavailable, "team.unreachable", "down", nil)
	f.waiting = 1
	if !tick(60 * time.Second) {
		t.Fatal("no round")
	}
	if tick(3 * time.Second) {
		t.Error("retried at once while offline")
	}
	if !tick(7 * time.Second) {
		t.Error("no retry after the first back-off")
	}
	if tick(10 * time.Second) {
		t.Error("the back-off did not double")
	}
	if !tick(10 * time.Second) {
		t.Error("no retry after the doubled back-off")
	}
	if !l.Step(ctx, true) {
		t.Error("SyncNow's step did not run a round while backing off")
	}
	f.fail = nil
	if !tick(time.Minute) {
		t.Error("did not recover after the server came back")
	}
	if tick(3 * time.Second) {
		t.Error("after recovering, a round ran with nothing waiting")
	}
	if len(seen) < 3 || seen[1] != 2 {
		t.Errorf("rounds seen by OnRound: %v", seen)
	}
	// A file that never joined never syncs.
	g := &fakeTeam{waiting: 5}
	if New(g, Options{}).Step(ctx, true) || g.rounds != 0 {
		t.Error("an unjoined file ran a round")
	}
}

func TestStartSyncNowStop(t *testing.T) {
	f := &fakeTeam{joined: true}
	rounds := make(chan struct{}, 10)
	l := New(f, Options{Check: time.Hour, Idle: time.Hour, OnRound: func(*domain.SyncResult, error, *domain.TeamStatus) {
		rounds <- struct{}{}
	}})
	l.Start(context.Background())
	<-rounds // the first check
	l.SyncNow()
	select {
	case <-rounds:
	case <-time.After(5 * time.Second):
		t.Fatal("SyncNow ran no round")
	}
	l.Stop()
	l.Stop() // twice is harmless
}
