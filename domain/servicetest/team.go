package servicetest

import (
	"testing"
	"time"

	"kontor/domain"
)

// TeamFixture is one file that is not joined yet, next to a team server
// that knows one person, for the TeamService suite.
type TeamFixture struct {
	Team domain.TeamService
	// URL is the team's address without login or password: what Status
	// reports once joined. Login and Password are the person's, Name and
	// Role as the team knows them.
	URL, Login, Password, Name string
	Role                       domain.TeamRole
	// Unreachable is a PostgreSQL URL where no server answers.
	Unreachable string
	// Disable disables the person's login on the server (true) or enables
	// it again.
	Disable func(t *testing.T, disabled bool)
	// Clash, on the joined file, makes someone else change a value on the
	// server and this file change the same value differently: the next Sync
	// lists one field conflict, kept the server's value, lost this file's.
	Clash func(t *testing.T) (kept, lost string)
}

// TeamFactory opens a new TeamFixture; what it opens is closed by
// t.Cleanup.
type TeamFactory func(t *testing.T) TeamFixture

// Team is the conformance suite of domain.TeamService: the answers of a
// file that is not joined, the refusals of a join, joining and syncing, a
// disabled login, a changed password, and settling conflicts. The store
// runs it against a real PostgreSQL; domaintest's fake passes it too, so
// the screens' tests see what people will.
func Team(t *testing.T, open TeamFactory) {
	t.Run("NotJoined", func(t *testing.T) {
		t.Parallel()
		f := open(t)
		st, err := f.Team.Status(ctx)
		check(t, "status", err)
		if st.Joined || st.Waiting != 0 || st.Conflicts != 0 || !st.LastSync.IsZero() || st.LastError != nil {
			t.Errorf("a file not joined: %+v", st)
		}
		_, err = f.Team.Sync(ctx)
		wantErr(t, "sync", err, domain.EInvalid, "team.not_joined")
		list, err := f.Team.Conflicts(ctx)
		check(t, "conflicts", err)
		equal(t, "conflicts", len(list), 0)
		refused, err := f.Team.Refused(ctx)
		check(t, "refused", err)
		equal(t, "refused", len(refused), 0)
		wantErr(t, "resolve", f.Team.Resolve(ctx, 1, domain.KeepMine), domain.ENotFound, "team.no_conflict")
		wantErr(t, "resolve with no choice", f.Team.Resolve(ctx, 1, "both"), domain.EInvalid, "team.bad_choice")
		wantErr(t, "a short password", f.Team.ChangePassword(ctx, "żółw123"), domain.EInvalid, "team.weak_password")
		wantErr(t, "a password on two lines", f.Team.ChangePassword(ctx, "dobre-hasło\ndrugie"), domain.EInvalid, "team.weak_password")
		wantErr(t, "change the password", f.Team.ChangePassword(ctx, "nowe-Hasło-2026"), domain.EInvalid, "team.not_joined")
	})

	t.Run("JoinRefused", func(t *testing.T) {
		t.Parallel()
		f := open(t)
		_, err := f.Team.Join(ctx, domain.TeamJoin{URL: "http://" + f.Login + "@example.com/", Login: f.Login, Password: f.Password})
		wantErr(t, "not a PostgreSQL URL", err, domain.EInvalid, "team.bad_url")
		_, err = f.Team.Join(ctx, domain.TeamJoin{URL: f.URL, Login: f.Login, Password: f.Password + "x"})
		wantErr(t, "a wrong password", err, domain.EInvalid, "team.bad_password")
		_, err = f.Team.Join(ctx, domain.TeamJoin{URL: f.Unreachable, Login: f.Login, Password: f.Password})
		wantErr(t, "no server", err, domain.EUnavailable, "team.unreachable")
		st, err := f.Team.Status(ctx)
		check(t, "status", err)
		if st.Joined {
			t.Errorf("a refused join left the file joined: %+v", st)
		}
	})

	t.Run("JoinAndSync", func(t *testing.T) {
		t.Parallel()
		f := open(t)
		before := time.Now().Add(-time.Second)
		_, err := f.Team.Join(ctx, domain.TeamJoin{URL: f.URL, Login: f.Login, Password: f.Password})
		check(t, "join", err)
		st, err := f.Team.Status(ctx)
		check(t, "status", err)
		if !st.Joined || st.Server != f.URL || st.Login != f.Login || st.Name != f.Name || st.Role != f.Role ||
			st.LastError != nil || st.LastSync.Before(before) || st.Offline() {
			t.Fatalf("joined: %+v", st)
		}
		res, err := f.Team.Sync(ctx)
		check(t, "sync", err)
		if res == nil || res.Pushed != 0 || res.Conflicts != 0 {
			t.Errorf("an idle round: %+v", res)
		}
		again, err := f.Team.Status(ctx)
		check(t, "status after a round", err)
		if again.LastSync.Before(st.LastSync) || again.LastError != nil || again.Waiting != 0 {
			t.Errorf("after a round: %+v", again)
		}
		// Joining again as the same person changes nothing.
		_, err = f.Team.Join(ctx, domain.TeamJoin{URL: f.URL, Login: f.Login, Password: f.Password})
		check(t, "join again", err)
	})

	t.Run("DisabledLogin", func(t *testing.T) {
		t.Parallel()
		f := open(t)
		_, err := f.Team.Join(ctx, domain.TeamJoin{URL: f.URL, Login: f.Login, Password: f.Password})
		check(t, "join", err)
		f.Disable(t, true)
		_, err = f.Team.Sync(ctx)
		wantErr(t, "sync with a disabled login", err, domain.EInvalid, "team.login_disabled")
		st, err := f.Team.Status(ctx)
		check(t, "status", err)
		if e, ok := domain.AsError(st.LastError); !ok || e.Key != "team.login_disabled" || st.Offline() || !st.Joined {
			t.Errorf("status of a disabled login: %+v", st)
		}
		f.Disable(t, false)
		_, err = f.Team.Sync(ctx)
		check(t, "sync enabled again", err)
		st, err = f.Team.Status(ctx)
		check(t, "status", err)
		if st.LastError != nil {
			t.Errorf("the error stays after a round that worked: %v", st.LastError)
		}
	})

	t.Run("ChangePassword", func(t *testing.T) {
		t.Parallel()
		f := open(t)
		_, err := f.Team.Join(ctx, domain.TeamJoin{URL: f.URL, Login: f.Login, Password: f.Password})
		check(t, "join", err)
		check(t, "change the password", f.Team.ChangePassword(ctx, "nowe'Hasło-2026"))
		_, err = f.Team.Sync(ctx)
		check(t, "a round with the new password", err)
		_, err = f.Team.Join(ctx, domain.TeamJoin{URL: f.URL, Login: f.Login, Password: f.Password})
		wantErr(t, "the old password", err, domain.EInvalid, "team.bad_password")
		_, err = f.Team.Join(ctx, domain.TeamJoin{URL: f.URL, Login: f.Login, Password: "nowe'Hasło-2026"})
		check(t, "join with the new password", err)
	})

	t.Run("Conflicts", func(t *testing.T) {
		t.Parallel()
		f := open(t)
		_, err := f.Team.Join(ctx, domain.TeamJoin{URL: f.URL, Login: f.Login, Password: f.Password})
		check(t, "join", err)
		kept, lost := f.Clash(t)
		_, err = f.Team.Sync(ctx)
		check(t, "sync", err)
		list, err := f.Team.Conflicts(ctx)
		check(t, "conflicts", err)
		if len(list) != 1 {
			t.Fatalf("%d conflicts, want 1: %+v", len(list), list)
		}
		c := list[0]
		if c.Kind != domain.ConflictField || c.Kept != kept || c.Lost != lost || c.Record == "" || c.Field == "" || c.Who == "" ||
			c.When.IsZero() || c.DeletedHere {
			t.Errorf("the conflict: %+v, want kept %q lost %q", c, kept, lost)
		}
		st, err := f.Team.Status(ctx)
		check(t, "status", err)
		equal(t, "conflicts counted", st.Conflicts, 1)
		check(t, "keep theirs", f.Team.Resolve(ctx, c.ID, domain.KeepTheirs))
		wantErr(t, "settled twice", f.Team.Resolve(ctx, c.ID, domain.KeepMine), domain.ENotFound, "team.no_conflict")
		st, err = f.Team.Status(ctx)
		check(t, "status", err)
		if st.Conflicts != 0 || st.Waiting != 0 {
			t.Errorf("after keeping theirs: %+v", st)
		}

		// Again, keeping mine this time: a new change waits, and the next
		// round sends it.
		kept, lost = f.Clash(t)
		_, err = f.Team.Sync(ctx)
		check(t, "sync", err)
		list, err = f.Team.Conflicts(ctx)
		check(t, "conflicts", err)
		if len(list) != 1 || list[0].Kept != kept || list[0].Lost != lost {
			t.Fatalf("the second conflict: %+v", list)
		}
		check(t, "keep mine", f.Team.Resolve(ctx, list[0].ID, domain.KeepMine))
		st, err = f.Team.Status(ctx)
		check(t, "status", err)
		if st.Conflicts != 0 || st.Waiting != 1 {
			t.Errorf("after keeping mine: %+v", st)
		}
		res, err := f.Team.Sync(ctx)
		check(t, "sync mine", err)
		st, err = f.Team.Status(ctx)
		check(t, "status", err)
		if res.Pushed != 1 || res.Conflicts != 0 || st.Waiting != 0 {
			t.Errorf("the round sending mine: %+v, %+v", res, st)
		}
	})
}
