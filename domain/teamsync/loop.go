// Package teamsync runs team sync rounds in the background: a few seconds
// after a local change, every minute otherwise, less often while the server
// cannot be reached. It knows only domain.TeamService, so the desktop app
// (cmd/kontor starts it) and tests (with a fake service) use the same loop,
// and it never touches widgets: the app learns of each round through
// OnRound and refreshes its screens from there (with fyne.Do).
//
// Local work never waits for the loop: a round runs in the loop's own
// goroutine, and the file is written only in the round's short transactions.
package teamsync

import (
	"context"
	"sync"
	"time"

	"kontor/domain"
)

// Options tune a Loop; zero values take the defaults.
type Options struct {
	// Check is how often the loop looks at the file for waiting changes
	// (a local read); a change waiting is pushed at the next check.
	// Default 3 s.
	Check time.Duration
	// Idle is how often a round runs when nothing waits locally, to pull
	// what others changed. Default 1 minute.
	Idle time.Duration
	// OfflineFirst is the wait before trying again after the server could
	// not be reached; it doubles up to Idle. Default 10 s.
	OfflineFirst time.Duration
	// OnRound is called after every round, from the loop's goroutine, with
	// the round's result or error and the status after it. The ui
	// refreshes the status area and, when res.Pulled > 0, the open screens.
	OnRound func(res *domain.SyncResult, err error, st *domain.TeamStatus)
	// Now is the clock (tests).
	Now func() time.Time
}

// Loop is the background sync of one file.
type Loop struct {
	svc  domain.TeamService
	opt  Options
	now  chan struct{}
	stop chan struct{}
	done chan struct{}

	mu        sync.Mutex
	lastRound time.Time
	retryAt   time.Time
	backoff   time.Duration
	started   bool
}

// New returns a loop over svc; Start runs it.
func New(svc domain.TeamService, opt Options) *Loop {
	if opt.Check <= 0 {
		opt.Check = 3 * time.Second
	}
	if opt.Idle <= 0 {
		opt.Idle = time.Minute
	}
	if opt.OfflineFirst <= 0 {
		opt.OfflineFirst = 10 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Loop{svc: svc, opt: opt, now: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
}

// Start runs the loop in its own goroutine until Stop or ctx ends. A file
// that is not joined costs one local read per check.
func (l *Loop) Start(ctx context.Context) {
	l.mu.Lock()
	if l.started {
		l.mu.Unlock()
		return
	}
	l.started = true
	l.mu.Unlock()
	go func() {
		defer close(l.done)
		t := time.NewTicker(l.opt.Check)
		defer t.Stop()
		l.Step(ctx, false)
		for {
			select {
			case <-ctx.Done():
				return
			case <-l.stop:
				return
			case <-l.now:
				l.Step(ctx, true)
			case <-t.C:
				l.Step(ctx, false)
			}
		}
	}()
}

// SyncNow asks for a round at once (the status area's button, after
// joining); it does not wait for it.
func (l *Loop) SyncNow() {
	select {
	case l.now <- struct{}{}:
	default: // one is asked for already
	}
}

// Stop ends the loop and waits for a running round to finish.
func (l *Loop) Stop() {
	l.mu.Lock()
	started := l.started
	l.mu.Unlock()
	select {
	case <-l.stop:
	default:
		close(l.stop)
	}
	if started {
		<-l.done
	}
}

// Step decides whether a round is due and runs it: forced, or changes
// waiting, or Idle passed since the last round — but never before the
// offline back-off ends unless forced. It reports whether a round ran.
// Start calls it on every check; tests call it with their own clock.
func (l *Loop) Step(ctx context.Context, force bool) bool {
	st, err := l.svc.Status(ctx)
	if err != nil || !st.Joined {
		return false
	}
	now := l.opt.Now()
	l.mu.Lock()
	due := force || (now.After(l.retryAt) || now.Equal(l.retryAt)) && (st.Waiting > 0 || now.Sub(l.lastRound) >= l.opt.Idle)
	l.mu.Unlock()
	if !due {
		return false
	}
	res, err := l.svc.Sync(ctx)
	l.mu.Lock()
	l.lastRound = l.opt.Now()
	switch {
	case err == nil:
		l.backoff, l.retryAt = 0, time.Time{}
	default:
		// The server is down or refused: wait before trying again, longer
		// each time, up to Idle; a person's fix (a new password) comes with
		// SyncNow.
		if l.backoff == 0 {
			l.backoff = l.opt.OfflineFirst
		} else {
			l.backoff = min(2*l.backoff, l.opt.Idle)
		}
		l.retryAt = l.lastRound.Add(l.backoff)
	}
	l.mu.Unlock()
	if l.opt.OnRound != nil {
		after, _ := l.svc.Status(ctx)
		l.opt.OnRound(res, err, after)
	}
	return true
}
