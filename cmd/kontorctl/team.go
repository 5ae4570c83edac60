package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store/team"
)

func init() {
	commands["team"] = command{usage: "team init|adduser|publish|join|sync|status|conflicts …",
		help: "the team server: set it up, join it, sync with it (kontorctl team help)", run: runTeam}
}

type teamCommand struct {
	usage, help string
	run         func(e *env, args []string) error
}

// teamCommands are the subcommands of team, filled by the team_*.go files.
var teamCommands = map[string]teamCommand{}

func runTeam(e *env, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		names := make([]string, 0, len(teamCommands))
		for n := range teamCommands {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(e.stdout, "  team %-60s %s\n", teamCommands[n].usage, teamCommands[n].help)
		}
		if len(args) == 0 {
			return usagef("team needs a subcommand")
		}
		return nil
	}
	c, ok := teamCommands[args[0]]
	if !ok {
		return usagef("unknown team subcommand %q", args[0])
	}
	err := c.run(e, args[1:])
	if ue, ok := err.(usageError); ok {
		return usagef("%s (usage: kontorctl team %s)", ue.msg, c.usage)
	}
	return err
}

func init() {
	teamCommands["init"] = teamCommand{usage: "init --url URL",
		help: "create or migrate Kontor's schema on a PostgreSQL server (URL of a role that may create roles)", run: runTeamInit}
	teamCommands["adduser"] = teamCommand{usage: "adduser LOGIN --name NAME --role rep|manager|backoffice [--prefix P] [--url URL]",
		help: "a person with their own PostgreSQL login; prints the one-time password alone on the last line", run: runTeamAddUser}
}

func runTeamInit(e *env, args []string) error {
	fs := flags("team init")
	url := fs.String("url", "", "the administrator's PostgreSQL URL")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *url == "" {
		return usagef("team init needs --url and nothing else")
	}
	v, err := team.Init(e.ctx, *url)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "team server ready (server schema %d)\n", v)
	return nil
}

func runTeamAddUser(e *env, args []string) error {
	fs := flags("team adduser")
	url := fs.String("url", "", "the administrator's PostgreSQL URL (default: $KONTOR_TEAM_ADMIN_URL)")
	name := fs.String("name", "", "the person's name, as accounts' owner")
	role := fs.String("role", "", "rep, manager or backoffice")
	prefix := fs.String("prefix", "", "their document series prefix (default: their initials)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("team adduser needs one LOGIN")
	}
	if *url == "" {
		*url = envTeamAdminURL()
	}
	if *url == "" || *name == "" || *role == "" {
		return usagef("team adduser needs --name, --role and --url (or $KONTOR_TEAM_ADMIN_URL)")
	}
	r := domain.TeamRole(strings.ToLower(*role))
	pw, err := team.AddUser(e.ctx, *url, pos[0], *name, r, strings.ToUpper(*prefix))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s (%s, %s); their password until they change it in Settings:\n", pos[0], *name, r)
	fmt.Fprintln(e.stdout, pw)
	return nil
}

func envTeamAdminURL() string { return os.Getenv("KONTOR_TEAM_ADMIN_URL") }

func init() {
	teamCommands["publish"] = teamCommand{usage: "publish --url URL",
		help: "upload this file as the team's starting data (administrator's URL; refused when the server holds data)", run: runTeamPublish}
	teamCommands["join"] = teamCommand{usage: "join --url URL --login LOGIN",
		help: "join this file to the team; the password from the URL, $PGPASSWORD or a prompt, never stored in the database", run: runTeamJoin}
	teamCommands["sync"] = teamCommand{usage: "sync [--json]", help: "one sync round: push, then pull", run: runTeamSync}
	teamCommands["status"] = teamCommand{usage: "status [--json]", help: "where this file stands with its team", run: runTeamStatus}
	teamCommands["conflicts"] = teamCommand{usage: "conflicts [--json]", help: "the values that lost a conflict", run: runTeamConflicts}
}

func runTeamPublish(e *env, args []string) error {
	fs := flags("team publish")
	url := fs.String("url", "", "the administrator's PostgreSQL URL (default: $KONTOR_TEAM_ADMIN_URL)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *url == "" {
		*url = envTeamAdminURL()
	}
	if len(pos) > 0 || *url == "" {
		return usagef("team publish needs --url and nothing else")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := team.Publish(e.ctx, db, *url)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(res))
	for n := range res {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(e.stdout, "%-18s %d\n", n, res[n])
	}
	fmt.Fprintln(e.stdout, "published: people join with kontorctl team join --url … --login …")
	return nil
}

func runTeamJoin(e *env, args []string) error {
	fs := flags("team join")
	rawURL := fs.String("url", "", "the team server's URL (postgres://host:port/database)")
	login := fs.String("login", "", "your login")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *rawURL == "" {
		return usagef("team join needs --url and --login")
	}
	pw := ""
	if u, err := url.Parse(*rawURL); err == nil && u.User != nil {
		pw, _ = u.User.Password()
		if *login == "" {
			*login = u.User.Username()
		}
	}
	if *login == "" {
		return usagef("team join needs --login")
	}
	if pw == "" {
		pw = os.Getenv("PGPASSWORD")
	}
	if pw == "" {
		if pw, err = promptPassword(e, "password for "+*login+": "); err != nil {
			return err
		}
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	svc := team.New(db, team.CredentialsFor(db.Path()))
	res, err := svc.Join(e.ctx, domain.TeamJoin{URL: *rawURL, Login: *login, Password: pw})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "joined: %d rows pulled, %d pushed, %d conflicts (kontorctl team conflicts), %d refused\n",
		res.Pulled, res.Pushed, res.Conflicts, res.Refused)
	return nil
}

// promptPassword reads a password from the terminal (not echoed where the
// system allows) or one line of standard input.
func promptPassword(e *env, prompt string) (string, error) {
	fmt.Fprint(e.stderr, prompt)
	restore := noEcho(os.Stdin)
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	restore()
	fmt.Fprintln(e.stderr)
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err != nil && err != io.EOF {
			return "", err
		}
		return "", usagef("no password given (the URL, $PGPASSWORD or the prompt)")
	}
	return line, nil
}

func openTeam(e *env) (*team.Service, func(), error) {
	db, err := e.open()
	if err != nil {
		return nil, nil, err
	}
	return team.New(db, team.CredentialsFor(db.Path())), func() { db.Close() }, nil
}

func runTeamSync(e *env, args []string) error {
	fs := flags("team sync")
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parseInterspersed(fs, args); err != nil || len(pos) > 0 {
		return usagef("team sync takes only --json")
	}
	svc, done, err := openTeam(e)
	if err != nil {
		return err
	}
	defer done()
	res, err := svc.Sync(e.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, map[string]any{"pushed": res.Pushed, "pulled": res.Pulled, "conflicts": res.Conflicts,
			"refused": res.Refused, "removed": res.Removed, "seconds": json.Number(fmt.Sprintf("%.3f", res.Duration.Seconds()))})
	}
	fmt.Fprintf(e.stdout, "pushed %d, pulled %d, %d new conflicts, %d refused, %d accounts removed, %.2f s\n",
		res.Pushed, res.Pulled, res.Conflicts, res.Refused, res.Removed, res.Duration.Seconds())
	return nil
}

func runTeamStatus(e *env, args []string) error {
	fs := flags("team status")
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parseInterspersed(fs, args); err != nil || len(pos) > 0 {
		return usagef("team status takes only --json")
	}
	svc, done, err := openTeam(e)
	if err != nil {
		return err
	}
	defer done()
	st, err := svc.Status(e.ctx)
	if err != nil {
		return err
	}
	var last any
	if !st.LastSync.IsZero() {
		last = st.LastSync.UTC().Format(time.RFC3339)
	}
	if *asJSON {
		var lastErr any
		if st.LastError != nil {
			lastErr = st.LastError.Error()
		}
		var server any
		if st.Joined {
			server = st.Server
		}
		return writeJSON(e.stdout, map[string]any{"server": server, "login": st.Login, "name": st.Name, "role": st.Role,
			"last_sync": last, "waiting": st.Waiting, "conflicts": st.Conflicts, "refused": st.Refused, "last_error": lastErr})
	}
	if !st.Joined {
		fmt.Fprintln(e.stdout, "not joined to a team")
		return nil
	}
	fmt.Fprintf(e.stdout, "server:    %s\nlogin:     %s (%s, %s)\n", st.Server, st.Login, st.Name, st.Role)
	if last == nil {
		last = "never"
	}
	fmt.Fprintf(e.stdout, "last sync: %v\nwaiting:   %d\nconflicts: %d\nrefused:   %d\n", last, st.Waiting, st.Conflicts, st.Refused)
	if st.LastError != nil {
		fmt.Fprintf(e.stdout, "last try:  %s\n", st.LastError.Error())
	}
	return nil
}

func runTeamConflicts(e *env, args []string) error {
	fs := flags("team conflicts")
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parseInterspersed(fs, args); err != nil || len(pos) > 0 {
		return usagef("team conflicts takes only --json")
	}
	svc, done, err := openTeam(e)
	if err != nil {
		return err
	}
	defer done()
	list, err := svc.Conflicts(e.ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]map[string]any, 0, len(list))
		for _, c := range list {
			out = append(out, map[string]any{"id": int64(c.ID), "kind": c.Kind, "table": c.Table, "record": c.Record, "field": c.Field,
				"kept": c.Kept, "lost": c.Lost, "who": c.Who, "when": c.When.UTC().Format(time.RFC3339),
				"deleted_here": c.DeletedHere})
		}
		return writeJSON(e.stdout, out)
	}
	for _, c := range list {
		fmt.Fprintln(e.stdout, conflictLine(c))
	}
	return nil
}

// conflictLine is a Conflicts entry on one line: id, record, field, the value
// kept (who, when) and the value lost; an order delivered twice and a
// confirmation over the credit limit say what they are, as the app does.
func conflictLine(c domain.Conflict) string {
	field, kept, lost, who := c.Field, c.Kept, c.Lost, c.Who
	if field == "" {
		field = "(record)"
	}
	if who == "" {
		who = "the team server"
	}
	at := c.When.Local().Format("2006-01-02 15:04")
	switch c.Kind {
	case domain.ConflictDeleted:
		kept, lost = "deleted on the team server", "edited here: "+c.Lost
		if c.DeletedHere {
			kept, lost = "edited on the team server", "deleted here"
		}
	case domain.ConflictDeliveredTwice:
		return fmt.Sprintf("%d\torder %s\tdelivered twice, invoiced twice: first invoice %s, later invoice %s (%s); "+
			"a credit note cancels the later one (Conflicts in the app)", c.ID, c.Record, c.Kept, c.Lost, at)
	case domain.ConflictCredit:
		return fmt.Sprintf("%d\torder %s\tconfirmed while the account was over its credit limit on the team server: "+
			"exposure %s (%s, %s), credit limit %s", c.ID, c.Record, c.Kept, who, at, c.Lost)
	}
	return fmt.Sprintf("%d\t%s\t%s\tkept %q (%s, %s)\tlost %q", c.ID, c.Record, field, kept, who, at, lost)
}
