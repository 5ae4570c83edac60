package domaintest

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"kontor/domain"
)

// TeamServer is an in-memory team server that Team files join: the people
// it knows (login, password, name, role), whether it can be reached, and
// which logins are disabled. Tests change it directly.
type TeamServer struct {
	mu sync.Mutex
	// URL is where the team is; a join must name it (with any user or
	// password in it ignored, as the store does).
	URL string
	// Down makes every connection fail as an unreachable server does.
	Down    bool
	members map[string]*teamMember
}

type teamMember struct {
	password string
	name     string
	role     domain.TeamRole
	disabled bool
}

// NewTeamServer returns a server at url that knows nobody yet.
func NewTeamServer(url string) *TeamServer {
	return &TeamServer{URL: url, members: map[string]*teamMember{}}
}

// AddMember adds a person with their login and password.
func (s *TeamServer) AddMember(login, password, name string, role domain.TeamRole) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[login] = &teamMember{password: password, name: name, role: role}
}

// SetDisabled disables or enables a login, as NOLOGIN does.
func (s *TeamServer) SetDisabled(login string, disabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.members[login]; m != nil {
		m.disabled = disabled
	}
}

// SetDown makes the server unreachable (true) or reachable again.
func (s *TeamServer) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Down = down
}

// login checks a connection as the store's session does, returning the
// member or the error the store would.
func (s *TeamServer) login(server, login, password string) (*teamMember, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	want, _ := serverOf(s.URL)
	if s.Down || server != want {
		return nil, domain.Errorf(domain.EUnavailable, "team.unreachable",
			"cannot reach the team server at {{.Server}}: it is down, or the address is wrong, or this computer is offline",
			map[string]any{"Server": server})
	}
	m := s.members[login]
	if m == nil || m.password != password {
		return nil, domain.Errorf(domain.EInvalid, "team.bad_password",
			"the team server refused login {{.Login}}: wrong login or password", map[string]any{"Login": login})
	}
	if m.disabled {
		return nil, domain.Errorf(domain.EInvalid, "team.login_disabled",
			"login {{.Login}} is disabled on the team server: this file still works, but it no longer syncs; ask the administrator",
			map[string]any{"Login": login})
	}
	return m, nil
}

// serverOf is a URL as a file remembers it: without user or password.
func serverOf(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", domain.Errorf(domain.EInvalid, "team.bad_url",
			"{{.URL}} is not a PostgreSQL URL (postgres://host:port/database)", map[string]any{"URL": raw})
	}
	u.User = nil
	q := u.Query()
	q.Del("password")
	q.Del("user")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Team is an in-memory domain.TeamService: one file's side of a team. It
// keeps what the store keeps — where the file is joined, the last round,
// its error, the changes waiting, the Conflicts list and the refused
// changes — and talks to a TeamServer. Tests put changes, conflicts and
// refused changes in directly (Change, AddConflict, AddRefused) and say
// what the next rounds pull (Pulls).
type Team struct {
	mu     sync.Mutex
	server *TeamServer
	now    func() time.Time

	status    domain.TeamStatus
	password  string
	conflicts []domain.Conflict
	refused   []domain.RefusedChange
	nextID    int64
	// Pulls are what the next rounds pull from others, one a round (the
	// rows written into this file); a round with none left pulls nothing.
	Pulls []int
	// Rounds counts the rounds tried; Joins the joins tried.
	Rounds, Joins int
	// Block, when set, is waited on by every Sync and Join before it
	// answers: a test holds a round open to see what the window does
	// meanwhile.
	Block chan struct{}
}

var _ domain.TeamService = (*Team)(nil)

// NewTeam returns a file that is not joined, whose clock is now, next to
// server.
func NewTeam(server *TeamServer, now func() time.Time) *Team {
	if now == nil {
		now = time.Now
	}
	return &Team{server: server, now: now}
}

// Change records n local changes waiting to be pushed, as the outbox
// triggers do when the file is joined.
func (t *Team) Change(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.status.Joined {
		t.status.Waiting += n
	}
}

// AddConflict puts an entry on the Conflicts list and returns its id.
func (t *Team) AddConflict(c domain.Conflict) domain.ConflictID {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.nextID++
	c.ID = domain.ConflictID(t.nextID)
	if c.When.IsZero() {
		c.When = t.now()
	}
	t.conflicts = append([]domain.Conflict{c}, t.conflicts...) // newest first
	return c.ID
}

// AddRefused sets a refused change aside, as a push does.
func (t *Team) AddRefused(r domain.RefusedChange) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.nextID++
	r.ID = t.nextID
	if r.At.IsZero() {
		r.At = t.now()
	}
	t.refused = append([]domain.RefusedChange{r}, t.refused...)
}

// Status implements domain.TeamService.
func (t *Team) Status(context.Context) (*domain.TeamStatus, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := t.status
	if st.Joined {
		st.Conflicts, st.Refused = len(t.conflicts), len(t.refused)
	}
	return &st, nil
}

func (t *Team) wait() {
	if t.Block != nil {
		<-t.Block
	}
}

// Sync implements domain.TeamService: the waiting changes are pushed and
// the next of Pulls pulled, or the server's error recorded.
func (t *Team) Sync(context.Context) (*domain.SyncResult, error) {
	t.wait()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.Rounds++
	if !t.status.Joined {
		return nil, notJoinedTeam()
	}
	start := t.now()
	t.status.LastAttempt = start
	if _, err := t.server.login(t.status.Server, t.status.Login, t.password); err != nil {
		t.status.LastError = err
		return nil, err
	}
	res := &domain.SyncResult{Pushed: t.status.Waiting}
	if len(t.Pulls) > 0 {
		res.Pulled, t.Pulls = t.Pulls[0], t.Pulls[1:]
	}
	t.status.Waiting, t.status.LastError, t.status.LastSync = 0, nil, t.now()
	return res, nil
}

func notJoinedTeam() error {
	return domain.Errorf(domain.EInvalid, "team.not_joined",
		"this file is not joined to a team: kontorctl team join --url … --login …, or Settings → Team server", nil)
}

// Conflicts implements domain.TeamService.
func (t *Team) Conflicts(context.Context) ([]domain.Conflict, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]domain.Conflict(nil), t.conflicts...), nil
}

// Resolve implements domain.TeamService: keeping mine is one more change
// waiting.
func (t *Team) Resolve(_ context.Context, id domain.ConflictID, choice domain.ConflictChoice) error {
	if choice != domain.KeepMine && choice != domain.KeepTheirs {
		return domain.Errorf(domain.EInvalid, "team.bad_choice", "choose mine or theirs", nil)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, c := range t.conflicts {
		if c.ID == id {
			t.conflicts = append(t.conflicts[:i], t.conflicts[i+1:]...)
			if choice == domain.KeepMine {
				t.status.Waiting++
			}
			return nil
		}
	}
	return domain.Errorf(domain.ENotFound, "team.no_conflict", "the conflict was already resolved", nil)
}

// Refused implements domain.TeamService.
func (t *Team) Refused(context.Context) ([]domain.RefusedChange, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]domain.RefusedChange(nil), t.refused...), nil
}

// Join implements domain.TeamService.
func (t *Team) Join(_ context.Context, j domain.TeamJoin) (*domain.SyncResult, error) {
	t.wait()
	server, err := serverOf(j.URL)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.Joins++
	login := j.Login
	m, err := t.server.login(server, login, j.Password)
	if err != nil {
		return nil, err
	}
	if t.status.Joined && (t.status.Server != server || t.status.Login != login) {
		return nil, domain.Errorf(domain.EConflict, "team.joined_elsewhere",
			"this file is already joined to {{.Server}} as {{.Login}}; use a new file to join another team",
			map[string]any{"Server": t.status.Server, "Login": t.status.Login})
	}
	t.password = j.Password
	now := t.now()
	t.status = domain.TeamStatus{Joined: true, Server: server, Login: login, Name: m.name, Role: m.role,
		LastSync: now, LastAttempt: now}
	res := &domain.SyncResult{}
	if len(t.Pulls) > 0 {
		res.Pulled, t.Pulls = t.Pulls[0], t.Pulls[1:]
	}
	return res, nil
}

// ChangePassword implements domain.TeamService.
func (t *Team) ChangePassword(_ context.Context, newPassword string) error {
	if utf8.RuneCountInString(newPassword) < 8 || strings.ContainsAny(newPassword, "\x00\n\r") {
		return domain.Errorf(domain.EInvalid, "team.weak_password", "a password needs at least 8 characters, on one line", nil)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.status.Joined {
		return notJoinedTeam()
	}
	m, err := t.server.login(t.status.Server, t.status.Login, t.password)
	if err != nil {
		return err
	}
	t.server.mu.Lock()
	m.password = newPassword
	t.server.mu.Unlock()
	t.password = newPassword
	return nil
}
