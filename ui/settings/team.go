package settings

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// teamSettings is Settings → Team server: joining this file to a team (the
// server's address, the login and the first password the administrator
// gave), where it is joined, and changing the password. The password goes
// to the team service, which keeps it in the system keyring or a private
// file beside the data file, never in the data file.
type teamSettings struct {
	s       *Screen
	state   *widget.Label // where the file stands
	problem *widget.Label // why the last round failed, when the person must act

	url, login, password *xwidget.Field
	join                 *widget.Button
	joining              *widget.ProgressBarInfinite
	joinForm             *fyne.Container

	newPassword, repeat *xwidget.Field
	change              *widget.Button
	syncNow             *widget.Button
	passwordForm        *fyne.Container

	status  *widget.Label
	content fyne.CanvasObject
	st      *domain.TeamStatus
}

func newTeamSettings(s *Screen) *teamSettings {
	t := &teamSettings{s: s}
	heading := widget.NewLabelWithStyle(lang.X("settings.team.title", "Team server"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Importance = widget.HighImportance
	hint := widget.NewLabel(lang.X("settings.team.hint",
		"Work as a team: Kontor exchanges this file's changes with your company's PostgreSQL server in the background, and keeps working without it."))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	apart := widget.NewLabel(lang.X("settings.team.apart", "Joining and a new password take effect at once with their own buttons, not with Save."))
	apart.Importance = widget.LowImportance
	apart.Wrapping = fyne.TextWrapWord
	t.state = widget.NewLabel("")
	t.state.Wrapping = fyne.TextWrapWord
	t.problem = widget.NewLabel("")
	t.problem.Wrapping = fyne.TextWrapWord
	t.problem.Importance = widget.WarningImportance
	t.problem.Hide()

	t.url, t.login = xwidget.NewEntryField(), xwidget.NewEntryField()
	t.password = xwidget.NewField(widget.NewPasswordEntry())
	t.url.Entry.SetPlaceHolder("postgres://server:5432/kontor_team?sslmode=require")
	t.login.Entry.SetPlaceHolder(lang.X("settings.team.login.placeholder", "e.g. anna"))
	for _, f := range []*xwidget.Field{t.url, t.login, t.password} {
		f.Entry.OnChanged = func(string) { f.SetProblem(""); t.status.SetText("") }
	}
	t.password.Entry.OnSubmitted = func(string) { t.onJoin() }
	t.join = widget.NewButtonWithIcon(lang.X("settings.team.join", "Join the team"), theme.LoginIcon(), t.onJoin)
	t.join.Importance = widget.HighImportance
	t.joining = widget.NewProgressBarInfinite()
	t.joining.Stop()
	t.joining.Hide()
	joinHint := widget.NewLabel(lang.X("settings.team.join.hint",
		"Joining brings everything you may see into this file; a large team takes a minute. Records this file already holds are matched by account code, SKU and group name, and every difference is listed under Conflicts."))
	joinHint.Importance = widget.LowImportance
	joinHint.Wrapping = fyne.TextWrapWord
	t.joinForm = container.NewVBox(
		container.New(layout.NewFormLayout(),
			label(lang.X("settings.team.url", "Server address")), t.url,
			label(lang.X("settings.team.login", "Login")), t.login,
			label(lang.X("settings.team.password", "Password")), t.password),
		joinHint, container.NewHBox(t.join), t.joining)

	t.newPassword = xwidget.NewField(widget.NewPasswordEntry())
	t.repeat = xwidget.NewField(widget.NewPasswordEntry())
	for _, f := range []*xwidget.Field{t.newPassword, t.repeat} {
		f.Entry.OnChanged = func(string) { f.SetProblem(""); t.status.SetText("") }
	}
	t.repeat.Entry.OnSubmitted = func(string) { t.onChangePassword() }
	t.change = widget.NewButtonWithIcon(lang.X("settings.team.change_password", "Change password"), theme.AccountIcon(), t.onChangePassword)
	t.syncNow = widget.NewButtonWithIcon(lang.X("settings.team.sync_now", "Sync now"), theme.ViewRefreshIcon(), func() {
		if s.d.TeamSyncNow != nil {
			s.d.TeamSyncNow()
			t.status.SetText(lang.X("settings.team.syncing", "Syncing in the background…"))
		}
	})
	if s.d.TeamSyncNow == nil {
		t.syncNow.Hide()
	}
	keyring := widget.NewLabel(lang.X("settings.team.keyring",
		"Your password is kept in the system keyring where there is one, otherwise in a private file beside the data file — never in the data file."))
	keyring.Importance = widget.LowImportance
	keyring.Wrapping = fyne.TextWrapWord
	t.passwordForm = container.NewVBox(
		container.NewHBox(t.syncNow),
		container.New(layout.NewFormLayout(),
			label(lang.X("settings.team.new_password", "New password")), t.newPassword,
			label(lang.X("settings.team.repeat_password", "Repeat it")), t.repeat),
		keyring, container.NewHBox(t.change))
	t.passwordForm.Hide()
	t.joinForm.Hide()

	t.status = widget.NewLabel("")
	t.status.Wrapping = fyne.TextWrapWord
	t.content = container.NewVBox(widget.NewSeparator(), heading, hint, apart, t.state, t.problem, t.joinForm, t.passwordForm, t.status)
	t.Reload()
	return t
}

// Reload reads where the file stands with its team, off the Fyne goroutine.
func (t *teamSettings) Reload() {
	t.s.d.Run(func() {
		st, err := t.s.d.Team.Status(context.Background())
		fyne.Do(func() {
			if err != nil {
				alert.Error(t.s.d.Window, err)
				return
			}
			t.show(st)
		})
	})
}

func (t *teamSettings) show(st *domain.TeamStatus) {
	t.st = st
	if !st.Joined {
		t.state.SetText(lang.X("settings.team.not_joined", "This file is not joined to a team."))
		t.problem.Hide()
		t.passwordForm.Hide()
		t.joinForm.Show()
		return
	}
	t.state.SetText(lang.X("settings.team.joined", "Joined to {{.Server}} as {{.Login}} ({{.Name}}, {{.Role}}).",
		map[string]any{"Server": st.Server, "Login": st.Login, "Name": st.Name, "Role": teamRoleName(st.Role)}))
	if st.LastError != nil && !st.Offline() {
		t.problem.SetText(alert.Message(st.LastError))
		t.problem.Show()
	} else {
		t.problem.Hide()
	}
	t.joinForm.Hide()
	t.passwordForm.Show()
}

// teamRoleName names a team role.
func teamRoleName(r domain.TeamRole) string {
	switch r {
	case domain.RoleRep:
		return lang.X("team.role.rep", "sales rep")
	case domain.RoleManager:
		return lang.X("team.role.manager", "manager")
	case domain.RoleBackoffice:
		return lang.X("team.role.backoffice", "back office")
	}
	return string(r)
}

// onJoin joins the file with what was typed, behind a running bar: joining a
// large team takes a while and the window stays usable meanwhile.
func (t *teamSettings) onJoin() {
	j := domain.TeamJoin{URL: strings.TrimSpace(t.url.Text()), Login: strings.TrimSpace(t.login.Text()), Password: t.password.Text()}
	required := lang.X("settings.team.required", "required")
	ok := true
	for _, f := range []struct {
		field *xwidget.Field
		value string
	}{{t.url, j.URL}, {t.login, j.Login}, {t.password, j.Password}} {
		if f.value == "" {
			f.field.SetProblem(required)
			ok = false
		}
	}
	if !ok || t.join.Disabled() {
		return
	}
	t.join.Disable()
	t.joining.Show()
	t.joining.Start()
	t.status.SetText(lang.X("settings.team.joining", "Joining the team…"))
	t.s.d.Run(func() {
		res, err := t.s.d.Team.Join(context.Background(), j)
		fyne.Do(func() {
			t.joining.Stop()
			t.joining.Hide()
			t.join.Enable()
			if err != nil {
				t.status.SetText("")
				alert.Error(t.s.d.Window, err)
				return
			}
			t.password.Entry.SetText("")
			t.status.SetText(lang.XN("settings.team.joined_now", "Joined: {{.Count}} records came from the team.", res.Pulled,
				map[string]any{"Count": res.Pulled}))
			t.Reload()
			if t.s.d.TeamJoined != nil {
				t.s.d.TeamJoined()
			}
		})
	})
}

// onChangePassword changes the person's password on the server and where
// Kontor keeps it.
func (t *teamSettings) onChangePassword() {
	pw := t.newPassword.Text()
	if pw != t.repeat.Text() {
		t.repeat.SetProblem(lang.X("settings.team.passwords_differ", "the two passwords differ"))
		return
	}
	if t.change.Disabled() {
		return
	}
	t.change.Disable()
	t.s.d.Run(func() {
		err := t.s.d.Team.ChangePassword(context.Background(), pw)
		fyne.Do(func() {
			t.change.Enable()
			if err != nil {
				if e, ok := domain.AsError(err); ok && e.Key == "team.weak_password" {
					t.newPassword.SetProblem(alert.Message(err))
					return
				}
				alert.Error(t.s.d.Window, err)
				return
			}
			t.newPassword.Entry.SetText("")
			t.repeat.Entry.SetText("")
			t.status.SetText(lang.X("settings.team.password_changed", "Password changed."))
			t.Reload()
		})
	})
}
