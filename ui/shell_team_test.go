package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/language"
	"kontor/ui/settings"
	"kontor/ui/uitest"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

const teamURL = "postgres://db.example:5432/kontor_team"

// newTeamShell is the shell over a fake store and a fake team file (joined
// when join), as cmd/kontor builds it.
func newTeamShell(t *testing.T, join bool) (*Shell, *domaintest.Store, *domaintest.Team, *int) {
	s, db, tm, asked, _ := newTeamShellJoins(t, join)
	return s, db, tm, asked
}

func newTeamShellJoins(t *testing.T, join bool) (*Shell, *domaintest.Store, *domaintest.Team, *int, *int) {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(k, "")
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString(settings.PrefLanguage, "en")
	Prepare(a)
	t.Cleanup(func() { language.Apply("") })
	db := domaintest.New()
	db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź")
	srv := domaintest.NewTeamServer(teamURL)
	srv.AddMember("anna", "pierwsze-Hasło1", "Anna Nowak", domain.RoleRep)
	tm := domaintest.NewTeam(srv, func() time.Time { return shellNow })
	if join {
		if _, err := tm.Join(t.Context(), domain.TeamJoin{URL: teamURL, Login: "anna", Password: "pierwsze-Hasło1"}); err != nil {
			t.Fatal(err)
		}
		tm.AddConflict(domain.Conflict{Kind: domain.ConflictField, Table: "accounts", Record: "K1 Hurtownia Łódź", Field: "city",
			Kept: "Łódź", Lost: "Lodz", Who: "Beata Zając"})
	}
	st, _ := tm.Status(t.Context())
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1280, 800))
	cat := domaintest.NewCatalog(db)
	asked, started := 0, 0
	s := New(Deps{App: a, Window: w, Accounts: db, Contacts: db, DataPath: "/data/kontor.db", Run: worker.Inline,
		Activities: db, Now: func() time.Time { return shellNow },
		Products: cat, Groups: cat, Agreements: cat, Prices: cat, Company: cat,
		Team: tm, TeamState: st, SyncNow: func() { asked++ }, TeamJoined: func() { started++ }})
	return s, db, tm, &asked, &started
}

func TestShellWithATeam(t *testing.T) {
	s, db, tm, asked := newTeamShell(t, true)
	if s.nav.Length() != 10 || *s.conflictsName != "Conflicts (1)" {
		t.Fatalf("sidebar: %d sections, conflicts named %q", s.nav.Length(), *s.conflictsName)
	}
	if !s.teamStatus.Content().Visible() || s.teamStatus.Text() != "Synced just now · 1 conflict" {
		t.Fatalf("status area: visible %v, %q", s.teamStatus.Content().Visible(), s.teamStatus.Text())
	}
	s.nav.Select(sectionConflicts)
	if s.body.Objects[0] != s.conflicts.Content() || len(s.conflicts.Items()) != 1 ||
		!strings.Contains(uitest.Text(s.conflicts.Content()), "Team: Łódź (Beata Zając") {
		t.Fatalf("the Conflicts section: %d items, %q", len(s.conflicts.Items()), uitest.Text(s.conflicts.Content()))
	}
	test.Tap(uitest.Button(t, s.d.Window.Content(), "Sync now"))
	if *asked != 1 || !strings.HasPrefix(s.teamStatus.Text(), "Syncing…") {
		t.Errorf("sync now: asked %d, %q", *asked, s.teamStatus.Text())
	}

	// A round pulls a change to the open account: it shows without a
	// restart, and the status area says the round ended.
	k1, err := db.FindAccountByCode(t.Context(), "K1")
	if err != nil {
		t.Fatal(err)
	}
	s.openAccount(k1.ID)
	f := k1.AccountFields
	f.Phone = "+48 42 111 22 33"
	if _, err := db.UpdateAccount(t.Context(), k1.ID, domain.AccountUpdate{AccountFields: f, Version: k1.Version}); err != nil {
		t.Fatal(err)
	}
	tm.Pulls = []int{1}
	res, err := tm.Sync(t.Context())
	st, _ := tm.Status(t.Context())
	s.TeamRound(res, err, st)
	if !entryHolds(s.body, "+48 42 111 22 33") {
		t.Error("the pulled phone number did not reach the open account")
	}
	if s.teamStatus.Text() != "Synced just now · 1 conflict" {
		t.Errorf("after the round: %q", s.teamStatus.Text())
	}

	// Keeping mine settles the conflict: the count goes from the sidebar.
	s.nav.Select(sectionConflicts)
	test.Tap(uitest.Button(t, s.conflicts.Content(), "Keep mine"))
	if *s.conflictsName != "Conflicts" || s.teamStatus.Text() != "Synced just now · 1 change waiting" {
		t.Errorf("after keeping mine: sidebar %q, status %q", *s.conflictsName, s.teamStatus.Text())
	}
}

// entryHolds reports whether an entry shown under o holds text.
func entryHolds(o fyne.CanvasObject, text string) bool {
	return findEntry(o, func(e *widget.Entry) bool { return e.Text == text }) != nil
}

// findEntry is the first entry under o that match accepts, nil for none.
func findEntry(o fyne.CanvasObject, match func(*widget.Entry) bool) *widget.Entry {
	switch x := o.(type) {
	case *widget.Entry:
		if match(x) {
			return x
		}
		return nil
	case *xwidget.Entry: // Kontor's entry for forms: Fyne's with its keys
		if match(&x.Entry) {
			return &x.Entry
		}
		return nil
	case *fyne.Container:
		for _, c := range x.Objects {
			if e := findEntry(c, match); e != nil {
				return e
			}
		}
		return nil
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			if e := findEntry(c, match); e != nil {
				return e
			}
		}
	}
	return nil
}

func TestJoiningFromSettingsBringsTheTeamToTheWindow(t *testing.T) {
	s, _, _, _, started := newTeamShellJoins(t, false)
	if s.nav.Length() != 9 || s.teamStatus.Content().Visible() {
		t.Fatalf("a single-user file: %d sections, status area shown %v", s.nav.Length(), s.teamStatus.Content().Visible())
	}
	s.nav.Select(sectionSettings)
	content := s.settings.Content()
	url := findEntry(content, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, "postgres://") })
	login := findEntry(content, func(e *widget.Entry) bool { return e.PlaceHolder == "e.g. anna" })
	password := findEntry(content, func(e *widget.Entry) bool { return e.Password })
	if url == nil || login == nil || password == nil {
		t.Fatal("Settings shows no team server form")
	}
	test.Type(url, teamURL)
	test.Type(login, "anna")
	test.Type(password, "pierwsze-Hasło1")
	test.Tap(uitest.Button(t, content, "Join the team"))
	if *started != 1 || s.nav.Length() != 10 || !s.teamStatus.Content().Visible() || s.section != sectionSettings {
		t.Errorf("after joining: sync started %d, %d sections, status area shown %v, section %d", *started, s.nav.Length(),
			s.teamStatus.Content().Visible(), s.section)
	}
}
