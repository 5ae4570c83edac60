package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

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
