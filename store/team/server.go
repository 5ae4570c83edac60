package team

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"kontor/domain"
)

//go:embed schema/*.sql
var schemaFS embed.FS

// schemaFiles returns the embedded server migrations in order; file N is
// server schema version N.
func schemaFiles() []string {
	names, err := fs.Glob(schemaFS, "schema/*.sql")
	if err != nil {
		panic(err) // the pattern is constant
	}
	sort.Strings(names)
	return names
}

// SchemaVersion is the server schema version this build speaks. A client
// refuses a server of any other version before writing anything.
func SchemaVersion() int { return schemaVersion }

var schemaVersion = len(schemaFiles())

// roles are a team database's group roles: roles are global to a cluster
// while a team is one database, so they are named after it.
type roles struct{ Member, Rep, Manager, Backoffice string }

func rolesOf(database string) roles {
	base := strings.ToLower(database)
	base = regexp.MustCompile(`[^a-z0-9_]`).ReplaceAllString(base, "_")
	if len(base) > 50 {
		base = base[:50]
	}
	return roles{Member: base + "_member", Rep: base + "_rep", Manager: base + "_manager", Backoffice: base + "_backoffice"}
}

func (r roles) of(role domain.TeamRole) string {
	switch role {
	case domain.RoleRep:
		return r.Rep
	case domain.RoleManager:
		return r.Manager
	}
	return r.Backoffice
}

// quoted returns the roles as SQL identifiers, for the schema templates.
func (r roles) quoted() roles {
	q := func(s string) string { return pgx.Identifier{s}.Sanitize() }
	return roles{Member: q(r.Member), Rep: q(r.Rep), Manager: q(r.Manager), Backoffice: q(r.Backoffice)}
}

// connectTimeout bounds how long a connection attempt waits for the server.
const connectTimeout = 10 * time.Second

// connect opens a connection to url; login and password, when given, replace
// the URL's. Failures become errors a person can act on.
func connect(ctx context.Context, rawURL, login, password string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return nil, domain.Errorf(domain.EInvalid, "team.bad_url",
			"{{.URL}} is not a PostgreSQL URL (postgres://host:port/database)", map[string]any{"URL": redact(rawURL)})
	}
	if login != "" {
		cfg.User = login
	}
	if password != "" {
		cfg.Password = password
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > connectTimeout {
		cfg.ConnectTimeout = connectTimeout
	}
	cfg.RuntimeParams["application_name"] = "kontor"
	// A sync's queries are short: compiling them costs more than it saves.
	cfg.RuntimeParams["jit"] = "off"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, connectError(rawURL, cfg.User, err)
	}
	return conn, nil
}

// redact removes the password from a URL.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unreadable URL)"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// connectError explains a failed connection by its SQLSTATE or network error,
// never by message text alone.
func connectError(rawURL, login string, err error) error {
	server := redact(rawURL)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01":
			return domain.Errorf(domain.EInvalid, "team.bad_password",
				"the team server refused login {{.Login}}: wrong login or password", map[string]any{"Login": login})
		case "28000":
			if strings.Contains(pe.Message, "no encryption") || strings.Contains(pe.Message, "SSL off") {
				return domain.Errorf(domain.EInvalid, "team.tls_needed",
					"the team server at {{.Server}} accepts only encrypted connections: add sslmode=require to the URL", map[string]any{"Server": server})
			}
			if strings.Contains(pe.Message, "not permitted to log in") {
				// NOLOGIN: the administrator disabled the person. The
				// code is shared with other refusals, so the (English)
				// message tells this one apart; a server speaking another
				// language gets login_refused with its own words.
				return loginDisabled(login)
			}
			return domain.Errorf(domain.EInvalid, "team.login_refused",
				"the team server refused login {{.Login}}: {{.Reason}}", map[string]any{"Login": login, "Reason": pe.Message})
		case "3D000":
			return domain.Errorf(domain.EInvalid, "team.no_database",
				"the team server has no such database: {{.Server}}", map[string]any{"Server": server})
		case "57P03", "57P01", "53300":
			return domain.Errorf(domain.EUnavailable, "team.server_busy",
				"the team server at {{.Server}} is starting, stopping or full; Kontor will try again", map[string]any{"Server": server})
		}
		if strings.HasPrefix(pe.Code, "28") {
			return domain.Errorf(domain.EInvalid, "team.login_refused",
				"the team server refused login {{.Login}}: {{.Reason}}", map[string]any{"Login": login, "Reason": pe.Message})
		}
	}
	msg := err.Error()
	if strings.Contains(msg, "server refused TLS connection") || strings.Contains(msg, "tls error") && strings.Contains(msg, "refused") {
		return domain.Errorf(domain.EInvalid, "team.no_tls",
			"the URL requires an encrypted connection (sslmode), but the team server at {{.Server}} does not offer TLS", map[string]any{"Server": server})
	}
	var ne net.Error
	var oe *net.OpError
	var de *net.DNSError
	if errors.As(err, &oe) || errors.As(err, &ne) || errors.As(err, &de) || errors.Is(err, context.DeadlineExceeded) ||
		strings.Contains(msg, "connect:") || strings.Contains(msg, "dial") {
		return domain.Errorf(domain.EUnavailable, "team.unreachable",
			"cannot reach the team server at {{.Server}}: it is down, or the address is wrong, or this computer is offline", map[string]any{"Server": server})
	}
	if lostConnection(err) {
		// The server closed the connection while it was being made: it is
		// restarting or shutting down.
		return domain.Errorf(domain.EUnavailable, "team.server_busy",
			"the team server at {{.Server}} is starting, stopping or full; Kontor will try again", map[string]any{"Server": server})
	}
	return fmt.Errorf("connect to the team server at %s: %w", server, err)
}

// loginDisabled is the error of a login the administrator disabled.
func loginDisabled(login string) error {
	return domain.Errorf(domain.EInvalid, "team.login_disabled",
		"login {{.Login}} is disabled on the team server: this file still works, but it no longer syncs; ask the administrator",
		map[string]any{"Login": login})
}

// Init creates or migrates Kontor's schema on the server whose administrator
// URL is given (a role that may create roles and owns, or may create in, the
// database): the group roles first, then every missing migration, each in one
// transaction with its version. Running it again changes nothing. It returns
// the schema version.
func Init(ctx context.Context, adminURL string) (int, error) {
	conn, err := connect(ctx, adminURL, "", "")
	if err != nil {
		return 0, err
	}
	defer conn.Close(context.Background())
	var database string
	if err := conn.QueryRow(ctx, `SELECT current_database()`).Scan(&database); err != nil {
		return 0, serverError("read the database name", err)
	}
	r := rolesOf(database)
	if err := ensureRoles(ctx, conn, r); err != nil {
		return 0, err
	}
	for {
		version, done, err := migrateOne(ctx, conn, r)
		if err != nil || done {
			return version, err
		}
	}
}

// ensureRoles creates the group roles that are missing; CREATE ROLE has no IF
// NOT EXISTS, and two inits at once are serialised by an advisory lock.
func ensureRoles(ctx context.Context, conn *pgx.Conn, r roles) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return serverError("begin", err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('kontor.init'))`); err != nil {
		return serverError("lock", err)
	}
	for _, name := range []string{r.Member, r.Rep, r.Manager, r.Backoffice} {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, name).Scan(&exists); err != nil {
			return serverError("read roles", err)
		}
		if exists {
			continue
		}
		if _, err := tx.Exec(ctx, `CREATE ROLE `+pgx.Identifier{name}.Sanitize()+` NOLOGIN`); err != nil {
			return adminError("create role "+name, err)
		}
	}
	for _, name := range []string{r.Rep, r.Manager, r.Backoffice} {
		if _, err := tx.Exec(ctx, `GRANT `+pgx.Identifier{r.Member}.Sanitize()+` TO `+pgx.Identifier{name}.Sanitize()); err != nil {
			return adminError("grant "+r.Member, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return adminError("create roles", err)
	}
	return nil
}

func migrateOne(ctx context.Context, conn *pgx.Conn, r roles) (version int, done bool, err error) {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, false, serverError("begin", err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('kontor.init'))`); err != nil {
		return 0, false, serverError("lock", err)
	}
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT to_regclass('kontor.meta') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, false, serverError("read the schema version", err)
	}
	if exists {
		if err := tx.QueryRow(ctx, `SELECT coalesce((SELECT version FROM kontor.meta), 0)`).Scan(&version); err != nil {
			return 0, false, serverError("read the schema version", err)
		}
	}
	files := schemaFiles()
	if version > len(files) {
		return version, false, newerServer(version)
	}
	if version == len(files) {
		return version, true, nil
	}
	name := files[version]
	if !strings.HasPrefix(strings.TrimPrefix(name, "schema/"), fmt.Sprintf("%04d_", version+1)) {
		return version, false, fmt.Errorf("server migration %s is out of sequence: want %04d_*.sql", name, version+1)
	}
	body, err := schemaFS.ReadFile(name)
	if err != nil {
		return version, false, err
	}
	t, err := template.New(name).Option("missingkey=error").Parse(string(body))
	if err != nil {
		return version, false, fmt.Errorf("server migration %s: %w", name, err)
	}
	var sql bytes.Buffer
	if err := t.Execute(&sql, r.quoted()); err != nil {
		return version, false, fmt.Errorf("server migration %s: %w", name, err)
	}
	if _, err := tx.Exec(ctx, sql.String()); err != nil {
		return version, false, adminError("apply "+name, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO kontor.meta (singleton, version) VALUES (true, $1)
		ON CONFLICT (singleton) DO UPDATE SET version = excluded.version`, version+1); err != nil {
		return version, false, serverError("set the schema version", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return version, false, serverError("commit "+name, err)
	}
	return version + 1, false, nil
}

func newerServer(found int) error {
	return domain.Errorf(domain.EInvalid, "team.server_newer",
		"the team server runs a newer Kontor (server schema {{.Found}}; this Kontor knows up to {{.Known}}): update Kontor to sync; nothing was written",
		map[string]any{"Found": found, "Known": schemaVersion})
}

func olderServer(found int) error {
	return domain.Errorf(domain.EInvalid, "team.server_older",
		"the team server runs an older Kontor schema ({{.Found}}; this Kontor needs {{.Known}}): the administrator must run kontorctl team init; nothing was written",
		map[string]any{"Found": found, "Known": schemaVersion})
}

// adminError explains what the administrator's role may not do.
func adminError(what string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return domain.Errorf(domain.EInvalid, "team.admin_privilege",
			"the role in the URL may not {{.What}}: team init and adduser need a role that may create roles and objects in the database ({{.Reason}})",
			map[string]any{"What": what, "Reason": pe.Message})
	}
	return serverError(what, err)
}

// serverError wraps a failure that happened after connecting; a connection
// that broke becomes EUnavailable (try again later; nothing is lost).
func serverError(what string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := domain.AsError(err); ok {
		return err
	}
	if lostConnection(err) {
		return domain.Errorf(domain.EUnavailable, "team.connection_lost",
			"the connection to the team server broke ({{.What}}); Kontor will try again", map[string]any{"What": what})
	}
	return fmt.Errorf("team server: %s: %w", what, err)
}

// lostConnection reports whether err means the connection is gone (the
// server restarted or ended the session, the network dropped).
func lostConnection(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03" || strings.HasPrefix(pe.Code, "08")
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "unexpected EOF") ||
		strings.Contains(msg, "broken pipe") || strings.Contains(msg, "connection reset") || strings.Contains(msg, "EOF")
}

// AddUser creates a person: a PostgreSQL login with a new random password,
// member of the role's group, and their row in kontor.members. It returns the
// password, which the person changes in Settings.
func AddUser(ctx context.Context, adminURL, login, name string, role domain.TeamRole, prefix string) (string, error) {
	login, name = strings.TrimSpace(login), strings.TrimSpace(name)
	if !regexp.MustCompile(`^[a-z_][a-z0-9_.-]{0,62}$`).MatchString(login) {
		return "", domain.Errorf(domain.EInvalid, "team.bad_login",
			"{{.Login}} is not a login Kontor accepts: lower-case letters, digits, _ . - (starting with a letter), at most 63", map[string]any{"Login": login})
	}
	if name == "" {
		return "", domain.Errorf(domain.EInvalid, "team.no_name", "a person needs a name (--name \"Anna Nowak\")", nil)
	}
	if !role.Valid() {
		return "", domain.Errorf(domain.EInvalid, "team.bad_role", "{{.Role}} is not a role: rep, manager or backoffice", map[string]any{"Role": string(role)})
	}
	conn, err := connect(ctx, adminURL, "", "")
	if err != nil {
		return "", err
	}
	defer conn.Close(context.Background())
	var database string
	var version int
	err = conn.QueryRow(ctx, `SELECT current_database(), coalesce((SELECT version FROM kontor.meta), 0)`).Scan(&database, &version)
	if err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && (pe.Code == "42P01" || pe.Code == "3F000") {
			return "", notInitialised()
		}
		return "", serverError("read the schema version", err)
	}
	if version != schemaVersion {
		if version > schemaVersion {
			return "", newerServer(version)
		}
		return "", olderServer(version)
	}
	r := rolesOf(database)
	password, err := newPassword()
	if err != nil {
		return "", err
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return "", serverError("begin", err)
	}
	defer tx.Rollback(context.Background())
	if prefix == "" {
		if prefix, err = freePrefix(ctx, tx, name); err != nil {
			return "", err
		}
	}
	verifier, err := scramVerifier(password)
	if err != nil {
		return "", err
	}
	// CREATE ROLE takes no parameters: the verifier is a literal of base64
	// and $ : characters only, so quoting it is safe.
	if _, err := tx.Exec(ctx, `CREATE ROLE `+pgx.Identifier{login}.Sanitize()+` LOGIN PASSWORD '`+verifier+`' IN ROLE `+
		pgx.Identifier{r.of(role)}.Sanitize()); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "42710" {
			return "", domain.Errorf(domain.EConflict, "team.login_taken", "login {{.Login}} already exists on this server", map[string]any{"Login": login})
		}
		return "", adminError("create login "+login, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO kontor.members (login, display_name, role, series_prefix) VALUES ($1, $2, $3, $4)`,
		login, name, string(role), prefix); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23505" {
			return "", domain.Errorf(domain.EConflict, "team.member_taken",
				"the team already has a person named {{.Name}} or series prefix {{.Prefix}}", map[string]any{"Name": name, "Prefix": prefix})
		}
		if errors.As(err, &pe) && pe.Code == "23514" {
			return "", domain.Errorf(domain.EInvalid, "team.bad_prefix",
				"{{.Prefix}} is not a series prefix: 1 to 8 capital letters or digits", map[string]any{"Prefix": prefix})
		}
		return "", serverError("add the member", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return "", serverError("commit", err)
	}
	return password, nil
}

func notInitialised() error {
	return domain.Errorf(domain.EInvalid, "team.not_initialised",
		"this database holds no Kontor team: run kontorctl team init --url with the administrator's URL first", nil)
}

// freePrefix makes a series prefix from a name's initials (Anna Nowak → AN),
// numbered when taken (AN2).
func freePrefix(ctx context.Context, tx pgx.Tx, name string) (string, error) {
	var base []rune
	for _, w := range strings.Fields(name) {
		for _, r := range domain.Fold(w) {
			if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				base = append(base, unicode.ToUpper(r))
				break
			}
		}
	}
	if len(base) == 0 {
		base = []rune("P")
	}
	if len(base) > 4 {
		base = base[:4]
	}
	for n := 1; ; n++ {
		p := string(base)
		if n > 1 {
			p += fmt.Sprint(n)
		}
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM kontor.members WHERE series_prefix = $1)`, p).Scan(&taken); err != nil {
			return "", serverError("read series prefixes", err)
		}
		if !taken {
			return p, nil
		}
	}
}

// newPassword is 20 random letters and digits (about 119 bits).
func newPassword() (string, error) {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			return "", err
		}
		b[i] = alphabet[n.Int64()]
	}
	return string(b), nil
}
