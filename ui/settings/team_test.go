package settings

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
)

const teamURL = "postgres://db.example:5432/kontor_team"

func TestJoinTheTeamFromSettings(t *testing.T) {
	srv := domaintest.NewTeamServer(teamURL)
	srv.AddMember("anna", "pierwsze-Hasło1", "Anna Nowak", domain.RoleRep)
	tm := domaintest.NewTeam(srv, func() time.Time { return uitest.At(9, 0) })
	tm.Pulls = []int{1234}
	joined := 0
	s, w := newScreen(t, Deps{Team: tm, TeamJoined: func() { joined++ }})
	ts := s.team
	if !ts.joinForm.Visible() || ts.passwordForm.Visible() || ts.state.Text != "This file is not joined to a team." {
		t.Fatalf("not joined: join form %v, password form %v, %q", ts.joinForm.Visible(), ts.passwordForm.Visible(), ts.state.Text)
	}
	// Nothing typed: each field says so, nothing is tried.
	test.Tap(ts.join)
	if ts.url.Problem() == "" || ts.login.Problem() == "" || ts.password.Problem() == "" || tm.Joins != 0 {
		t.Fatalf("an empty form: problems %q %q %q, joins %d", ts.url.Problem(), ts.login.Problem(), ts.password.Problem(), tm.Joins)
	}
	test.Type(ts.url.Entry, teamURL)
	test.Type(ts.login.Entry, "anna")
	test.Type(ts.password.Entry, "złe-hasło")
	test.Tap(ts.join)
	if !strings.Contains(uitest.OverlayText(w), "wrong login or password") || ts.join.Disabled() || ts.joining.Visible() {
		t.Fatalf("a wrong password: dialog %q, button disabled %v", uitest.OverlayText(w), ts.join.Disabled())
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	ts.password.Entry.SetText("pierwsze-Hasło1")
	test.Tap(ts.join)
	if joined != 1 || ts.status.Text != "Joined: 1,234 records came from the team." && ts.status.Text != "Joined: 1234 records came from the team." {
		t.Fatalf("joined: told the shell %d times, status %q", joined, ts.status.Text)
	}
	if ts.joinForm.Visible() || !ts.passwordForm.Visible() || ts.password.Text() != "" ||
		ts.state.Text != "Joined to "+teamURL+" as anna (Anna Nowak, sales rep)." {
		t.Errorf("after joining: join form %v, password form %v, password left %q, %q", ts.joinForm.Visible(), ts.passwordForm.Visible(),
			ts.password.Text(), ts.state.Text)
	}
}

func TestChangeTeamPassword(t *testing.T) {
	srv := domaintest.NewTeamServer(teamURL)
	srv.AddMember("anna", "pierwsze-Hasło1", "Anna Nowak", domain.RoleRep)
	tm := domaintest.NewTeam(srv, nil)
	if _, err := tm.Join(t.Context(), domain.TeamJoin{URL: teamURL, Login: "anna", Password: "pierwsze-Hasło1"}); err != nil {
		t.Fatal(err)
	}
	s, _ := newScreen(t, Deps{Team: tm})
	ts := s.team
	test.Type(ts.newPassword.Entry, "nowe-Hasło-2026")
	test.Type(ts.repeat.Entry, "nowe-Hasło-2025")
	test.Tap(ts.change)
	if ts.repeat.Problem() != "the two passwords differ" {
		t.Errorf("different passwords: %q", ts.repeat.Problem())
	}
	ts.newPassword.Entry.SetText("krótkie")
	ts.repeat.Entry.SetText("krótkie")
	test.Tap(ts.change)
	if !strings.Contains(ts.newPassword.Problem(), "at least 8 characters") {
		t.Errorf("a short password: %q", ts.newPassword.Problem())
	}
	ts.newPassword.Entry.SetText("nowe-Hasło-2026")
	ts.repeat.Entry.SetText("nowe-Hasło-2026")
	test.Tap(ts.change)
	if ts.status.Text != "Password changed." || ts.newPassword.Text() != "" {
		t.Fatalf("changed: %q, entry left %q", ts.status.Text, ts.newPassword.Text())
	}
	// The next round logs in with the new password; the old one is refused.
	if _, err := tm.Sync(t.Context()); err != nil {
		t.Errorf("a round after the change: %v", err)
	}
	other := domaintest.NewTeam(srv, nil)
	if _, err := other.Join(t.Context(), domain.TeamJoin{URL: teamURL, Login: "anna", Password: "pierwsze-Hasło1"}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("the old password still works: %v", err)
	}
}

func TestDisabledLoginIsSaidInSettings(t *testing.T) {
	srv := domaintest.NewTeamServer(teamURL)
	srv.AddMember("anna", "pierwsze-Hasło1", "Anna Nowak", domain.RoleRep)
	tm := domaintest.NewTeam(srv, nil)
	if _, err := tm.Join(t.Context(), domain.TeamJoin{URL: teamURL, Login: "anna", Password: "pierwsze-Hasło1"}); err != nil {
		t.Fatal(err)
	}
	srv.SetDisabled("anna", true)
	tm.Sync(t.Context())
	s, _ := newScreen(t, Deps{Team: tm})
	if !s.team.problem.Visible() || !strings.Contains(s.team.problem.Text, "disabled") {
		t.Errorf("disabled login: shown %v, %q", s.team.problem.Visible(), s.team.problem.Text)
	}
	// Offline is not the person's to fix: no warning here.
	srv.SetDisabled("anna", false)
	srv.SetDown(true)
	tm.Sync(t.Context())
	s.ReloadTeam()
	if s.team.problem.Visible() {
		t.Errorf("offline shows a problem: %q", s.team.problem.Text)
	}
}
