package main

import (
	"context"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"kontor/domain"
	"kontor/domain/teamsync"
	"kontor/store"
	"kontor/store/team"
	"kontor/ui"
)

// teamSync is the team server of the open file: its service, the state it
// was in when the file opened, and the background sync, which runs while
// the file is joined (from the start, or from a join in Settings) and
// reports each round to the window.
type teamSync struct {
	svc    domain.TeamService
	state  *domain.TeamStatus
	loop   *teamsync.Loop
	ctx    context.Context
	cancel context.CancelFunc
	shell  atomic.Pointer[ui.Shell]
}

// openTeam is called off the Fyne goroutine after the file opened: finding
// the system keyring and reading the file's team state are quick, but not
// the window's work.
func openTeam(db *store.DB) *teamSync {
	t := &teamSync{svc: team.New(db, team.CredentialsFor(db.Path()))}
	t.ctx, t.cancel = context.WithCancel(context.Background())
	if st, err := t.svc.Status(t.ctx); err == nil {
		t.state = st
	} else {
		fyne.LogError("read the team status", err)
	}
	t.loop = teamsync.New(t.svc, teamsync.Options{OnRound: t.round})
	return t
}

// round hands a finished round to the window, on the Fyne goroutine.
func (t *teamSync) round(res *domain.SyncResult, err error, st *domain.TeamStatus) {
	fyne.Do(func() {
		if sh := t.shell.Load(); sh != nil {
			sh.TeamRound(res, err, st)
		}
	})
}

// deps fills the shell's team fields.
func (t *teamSync) deps(d *ui.Deps) {
	d.Team, d.TeamState = t.svc, t.state
	d.SyncNow = func() {
		t.loop.Start(t.ctx)
		t.loop.SyncNow()
	}
	d.TeamJoined = func() { t.loop.Start(t.ctx) }
	d.TeamEvery = 5 * time.Second
}

// attach starts the background sync when the file is joined; its rounds go
// to sh.
func (t *teamSync) attach(sh *ui.Shell) {
	t.shell.Store(sh)
	if t.state != nil && t.state.Joined {
		t.loop.Start(t.ctx)
	}
}

// stop ends the background sync: a round running is called off (nothing is
// lost: the next start pushes again) and waited for.
func (t *teamSync) stop() {
	t.cancel()
	t.loop.Stop()
}
