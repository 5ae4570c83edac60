package team

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

func TestMain(m *testing.M) { uitest.Main(m) }

const teamURL = "postgres://db.example:5432/kontor_team?sslmode=require"

var now = uitest.At(14, 30)

// joinedTeam is a file joined as Anna Nowak, a rep, to a server the test
// can take down.
func joinedTeam(t *testing.T) (*domaintest.Team, *domaintest.TeamServer) {
	t.Helper()
	srv := domaintest.NewTeamServer(teamURL)
	srv.AddMember("anna", "pierwsze-Hasło1", "Anna Nowak", domain.RoleRep)
	tm := domaintest.NewTeam(srv, func() time.Time { return now })
	if _, err := tm.Join(t.Context(), domain.TeamJoin{URL: teamURL, Login: "anna", Password: "pierwsze-Hasło1"}); err != nil {
		t.Fatal(err)
	}
	return tm, srv
}

func TestStatusLine(t *testing.T) {
	loc := domain.Locale("en")
	st := &domain.TeamStatus{Joined: true, LastSync: now.Add(-2 * time.Minute), Waiting: 3, Conflicts: 1}
	for _, c := range []struct {
		name    string
		st      domain.TeamStatus
		syncing bool
		want    string
		loud    bool
	}{
		{"synced", *st, false, "Synced 2 min ago · 3 changes waiting · 1 conflict", false},
		{"one waiting", domain.TeamStatus{Joined: true, LastSync: now.Add(-20 * time.Second), Waiting: 1}, false, "Synced just now · 1 change waiting", false},
		{"hours", domain.TeamStatus{Joined: true, LastSync: now.Add(-3 * time.Hour)}, false, "Synced 3 h ago", false},
		{"days", domain.TeamStatus{Joined: true, LastSync: now.Add(-50 * time.Hour)}, false, "Synced on ", false},
		{"never", domain.TeamStatus{Joined: true}, false, "Not synced yet", false},
		{"offline", domain.TeamStatus{Joined: true, LastSync: now.Add(-time.Hour), Waiting: 41,
			LastError: domain.Errorf(domain.EUnavailable, "team.unreachable", "cannot reach {{.Server}}", map[string]any{"Server": "x"})},
			false, "Offline — 41 changes waiting · Synced 1 h ago", false},
		{"disabled", domain.TeamStatus{Joined: true, LastSync: now.Add(-time.Hour), Refused: 2,
			LastError: domain.Errorf(domain.EInvalid, "team.login_disabled", "login {{.Login}} is disabled", map[string]any{"Login": "anna"})},
			false, "Not syncing: Login anna is disabled on the team server", true},
		{"syncing", *st, true, "Syncing… · 3 changes waiting · 1 conflict", false},
	} {
		got, importance := statusLine(&c.st, now, loc, c.syncing)
		if !strings.HasPrefix(got, c.want) || (importance == widget.WarningImportance) != c.loud {
			t.Errorf("%s: %q (importance %v), want %q (loud %v)", c.name, got, importance, c.want, c.loud)
		}
	}
	if got, _ := statusLine(&domain.TeamStatus{}, now, loc, false); got != "" {
		t.Errorf("a file not joined says %q", got)
	}
}

func newStatus(t *testing.T, tm *domaintest.Team) (*Status, *int, *int, *int) {
	t.Helper()
	w := uitest.Window(t, 1024, 80)
	var asked, opened, settings int
	s := NewStatus(Deps{Window: w, Team: tm, Run: worker.Inline, Now: func() time.Time { return now }, Locale: "en",
		SyncNow: func() { asked++ }, OpenConflicts: func() { opened++ }, OpenSettings: func() { settings++ }})
	w.SetContent(s.Content())
	return s, &asked, &opened, &settings
}

func TestStatusAreaFollowsTheFile(t *testing.T) {
	srv := domaintest.NewTeamServer(teamURL)
	srv.AddMember("anna", "pierwsze-Hasło1", "Anna Nowak", domain.RoleRep)
	tm := domaintest.NewTeam(srv, func() time.Time { return now })
	s, asked, opened, settings := newStatus(t, tm)
	s.Reload()
	if s.Content().Visible() {
		t.Fatalf("a file not joined shows the status area: %q", s.Text())
	}
	if _, err := tm.Join(t.Context(), domain.TeamJoin{URL: teamURL, Login: "anna", Password: "pierwsze-Hasło1"}); err != nil {
		t.Fatal(err)
	}
	tm.Change(3)
	s.Reload()
	if !s.Content().Visible() || s.Text() != "Synced just now · 3 changes waiting" {
		t.Fatalf("joined with 3 changes: visible %v, %q", s.Content().Visible(), s.Text())
	}

	// The button asks the background sync for a round and says so until
	// the round ends; the window never waits for it.
	test.Tap(s.sync)
	if *asked != 1 || !strings.HasPrefix(s.Text(), "Syncing…") {
		t.Errorf("sync now: asked %d, %q", *asked, s.Text())
	}
	srv.SetDown(true)
	tm.Change(38)
	_, err := tm.Sync(t.Context())
	st, _ := tm.Status(t.Context())
	s.Round(st)
	if err == nil || s.Text() != "Offline — 41 changes waiting · Synced just now" || s.text.Importance == widget.WarningImportance || s.fix.Visible() {
		t.Errorf("offline: %v, %q, importance %v, fix shown %v", err, s.Text(), s.text.Importance, s.fix.Visible())
	}

	// Back online, a conflict came with the round.
	srv.SetDown(false)
	tm.AddConflict(domain.Conflict{Kind: domain.ConflictField, Table: "accounts", Record: "K0001 Hurtownia Łódź", Field: "name",
		Kept: "Hurtownia Łódź S.A.", Lost: "Hurtownia Łódź sp. z o.o.", Who: "Beata Zając"})
	tm.Sync(t.Context())
	st, _ = tm.Status(t.Context())
	s.Round(st)
	if s.Text() != "Synced just now · 1 conflict" || !s.conflicts.Visible() {
		t.Errorf("after the round: %q, conflicts button %v", s.Text(), s.conflicts.Visible())
	}
	test.Tap(s.conflicts)
	if *opened != 1 {
		t.Error("the conflicts button did not open the Conflicts screen")
	}

	// A disabled login is the person's to act on: said plainly, with the
	// way to Settings; the file goes on working.
	srv.SetDisabled("anna", true)
	tm.Sync(t.Context())
	st, _ = tm.Status(t.Context())
	s.Round(st)
	if !strings.Contains(s.Text(), "disabled") || s.text.Importance != widget.WarningImportance || !s.fix.Visible() {
		t.Fatalf("disabled login: %q, importance %v, fix %v", s.Text(), s.text.Importance, s.fix.Visible())
	}
	test.Tap(s.fix)
	if *settings != 1 {
		t.Error("the settings button did not open Settings")
	}
}

func TestStatusAreaTimePassing(t *testing.T) {
	tm, _ := joinedTeam(t)
	clock := now
	w := uitest.Window(t, 1024, 80)
	s := NewStatus(Deps{Window: w, Team: tm, Run: worker.Inline, Now: func() time.Time { return clock }, Locale: "en"})
	s.Reload()
	clock = clock.Add(5 * time.Minute)
	s.Refresh()
	if s.Text() != "Synced 5 min ago" || s.sync.Visible() {
		t.Errorf("five minutes later: %q, sync button without SyncNow %v", s.Text(), s.sync.Visible())
	}
}

func newConflicts(t *testing.T, tm *domaintest.Team) (*Conflicts, fyne.Window, *int) {
	t.Helper()
	w := uitest.Window(t, 1024, 700)
	resolved := 0
	c := NewConflicts(Deps{Window: w, Team: tm, Run: worker.Inline, Now: func() time.Time { return now }, Locale: "en",
		Resolved: func() { resolved++ }})
	w.SetContent(c.Content())
	c.Reload()
	return c, w, &resolved
}

// row is the conflict row shown for item i.
func row(t *testing.T, c *Conflicts, i int) *conflictRow {
	t.Helper()
	o := newConflictRow()
	c.updateConflict(i, o)
	return o.(*conflictRow)
}

func TestConflictsShowBothValuesAndKeepEither(t *testing.T) {
	tm, _ := joinedTeam(t)
	at := time.Date(2026, 11, 26, 9, 15, 0, 0, time.Local)
	name := tm.AddConflict(domain.Conflict{Kind: domain.ConflictField, Table: "accounts", Record: "K0001 Hurtownia Łódź", Field: "name",
		Kept: "Hurtownia Łódź S.A.", Lost: "Hurtownia Łódź sp. z o.o.", Who: "Beata Zając", When: at})
	tm.AddConflict(domain.Conflict{Kind: domain.ConflictField, Table: "accounts", Record: "K0002 Młyn", Field: "credit_limit",
		Kept: "5000.00", Lost: "", Who: "Beata Zając", When: at.Add(time.Hour)})
	tm.AddConflict(domain.Conflict{Kind: domain.ConflictDeleted, Table: "contacts", Record: "Jan Kowalski (K0001)",
		Lost: "phone: +48 600 100 200", Who: "Beata Zając", When: at.Add(-time.Hour)})
	c, _, resolved := newConflicts(t, tm)
	if len(c.Items()) != 3 || c.empty.Visible() {
		t.Fatalf("%d conflicts shown, empty note %v", len(c.Items()), c.empty.Visible())
	}
	r := row(t, c, 1)
	if r.title.Text != "K0001 Hurtownia Łódź — Name" || r.theirs.Text != "Team: Hurtownia Łódź S.A. (Beata Zając, 26 Nov 2026 09:15)" ||
		r.mine.Text != "Yours: Hurtownia Łódź sp. z o.o." {
		t.Errorf("name conflict row: %q / %q / %q", r.title.Text, r.theirs.Text, r.mine.Text)
	}
	if r := row(t, c, 0); r.title.Text != "K0002 Młyn — Credit limit" || r.mine.Text != "Yours: (empty)" {
		t.Errorf("newest first, an empty value said: %q / %q", r.title.Text, r.mine.Text)
	}
	if r := row(t, c, 2); r.theirs.Text != "Team: deleted on the team server (Beata Zając, 26 Nov 2026 08:15)" ||
		r.mine.Text != "Yours: edited here: phone: +48 600 100 200" || r.title.Text != "Jan Kowalski (K0001) — the whole record" {
		t.Errorf("deleted there, edited here: %q / %q / %q", r.title.Text, r.theirs.Text, r.mine.Text)
	}

	// One click keeps mine: a new change waits to be pushed and the screens
	// read the record again.
	r = row(t, c, 1)
	test.Tap(r.keepMin)
	st, _ := tm.Status(t.Context())
	if len(c.Items()) != 2 || st.Waiting != 1 || st.Conflicts != 2 || *resolved != 1 {
		t.Errorf("after keeping mine: %d shown, status %+v, screens told %d", len(c.Items()), st, *resolved)
	}
	for _, k := range c.Items() {
		if k.ID == name {
			t.Error("the resolved conflict is still listed")
		}
	}
	// Keeping the team's value changes nothing here.
	test.Tap(row(t, c, 0).keepTheirs)
	st, _ = tm.Status(t.Context())
	if len(c.Items()) != 1 || st.Waiting != 1 || *resolved != 1 {
		t.Errorf("after keeping theirs: %d shown, status %+v, screens told %d", len(c.Items()), st, *resolved)
	}
	test.Tap(row(t, c, 0).keepTheirs)
	if len(c.Items()) != 0 || !c.empty.Visible() {
		t.Errorf("all settled: %d shown, empty note %v", len(c.Items()), c.empty.Visible())
	}
}

func TestRefusedChangesWithTheirReason(t *testing.T) {
	tm, _ := joinedTeam(t)
	tm.AddRefused(domain.RefusedChange{Table: "accounts", Record: "K0007 Piekarnia", Op: "update", Fields: map[string]string{"credit_limit": "50000.00"},
		Reason: "your role may not make this change (permission denied for table accounts)", ReasonKey: "team.refused.role",
		ReasonArgs: map[string]any{"Detail": "permission denied for table accounts"}, At: time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)})
	tm.AddRefused(domain.RefusedChange{Table: "products", Record: "MAK-1", Op: "insert",
		Reason: "another record already has this SKU (duplicate key)", ReasonKey: "team.refused.duplicate",
		ReasonArgs: map[string]any{"Field": "sku", "Detail": "duplicate key"}})
	tm.AddRefused(domain.RefusedChange{Table: "accounts", Record: "K0008", Op: "delete", Reason: "something the server said"})
	c, w, _ := newConflicts(t, tm)
	if len(c.Refused()) != 3 || c.refHead.Text != "Refused by the team server (3)" {
		t.Fatalf("%d refused, heading %q", len(c.Refused()), c.refHead.Text)
	}
	text := func(i int) (string, string) {
		o := newRefusedRow()
		c.updateRefused(i, o)
		r := o.(*refusedRow)
		return r.title.Text, r.why.Text
	}
	if title, why := text(2); title != "K0007 Piekarnia: changed Credit limit 50000.00 · 27 Nov 2026 10:00" || why != "Your role may not make this change (permission denied for table accounts)" {
		t.Errorf("role refusal: %q / %q", title, why)
	}
	if _, why := text(1); why != "Another record already has this SKU (duplicate key)" {
		t.Errorf("duplicate: %q", why)
	}
	if title, why := text(0); !strings.HasPrefix(title, "K0008: deleted · ") || why != "Something the server said" {
		t.Errorf("server's words: %q / %q", title, why)
	}
	if !strings.Contains(uitest.Text(w.Content()), "No conflicts") {
		t.Error("no conflicts, yet no word of it")
	}
}
