// Command kontorctl is Kontor's headless companion: it shares the desktop
// app's database and domain, and builds without cgo or Fyne.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"

	"kontor/domain"
	"kontor/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses by error code.
const (
	exitOK       = 0
	exitInternal = 1
	exitUsage    = 2
	exitInvalid  = 3
	exitNotFound = 4
	exitConflict = 5
)

// env is what every subcommand gets.
type env struct {
	ctx    context.Context
	dbPath string
	stdout io.Writer
	stderr io.Writer
}

// open opens the database named by --db, $KONTOR_DB or the default path.
func (e *env) open() (*store.DB, error) {
	return store.Open(e.ctx, e.dbPath, store.Options{})
}

type command struct {
	usage string
	help  string
	run   func(e *env, args []string) error
}

// commands is filled by the init functions of the subcommand files.
var commands = map[string]command{}

// usageError is a wrong invocation: exit status 2 and the command's usage.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("kontorctl", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	dbPath := global.String("db", store.DefaultPath(), "database file")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) { // -h and --help stop the flag parser before the check below
			printUsage(stdout)
			return exitOK
		}
		fmt.Fprintln(stderr, "kontorctl:", err)
		printUsage(stderr)
		return exitUsage
	}
	rest := global.Args()
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help" {
		printUsage(stdout)
		if len(rest) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "kontorctl: unknown command %q\n", rest[0])
		printUsage(stderr)
		return exitUsage
	}
	e := &env{ctx: ctx, dbPath: *dbPath, stdout: stdout, stderr: stderr}
	err := cmd.run(e, rest[1:])
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "kontorctl:", err)
		}
		fmt.Fprintf(stderr, "usage: kontorctl [--db PATH] %s\n", cmd.usage)
		return exitUsage
	}
	fmt.Fprintln(stderr, "kontorctl:", strings.TrimSpace(err.Error()))
	switch domain.ErrorCode(err) {
	case domain.EInvalid:
		return exitInvalid
	case domain.ENotFound:
		return exitNotFound
	case domain.EConflict:
		return exitConflict
	}
	return exitInternal
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: kontorctl [--db PATH] COMMAND [ARGS]")
	fmt.Fprintf(w, "database: --db, else $KONTOR_DB, else %s\n\ncommands:\n", store.DefaultPath())
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-58s %s\n", commands[n].usage, commands[n].help)
	}
}

// flags returns a flag set for a subcommand that reports errors instead of exiting.
func flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseInterspersed parses flags that may come before or after positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// writeJSON prints v as indented JSON, as every --json output is printed.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// pdfOrJSON checks the output flags of a command that writes either a PDF
// (--out FILE.pdf) or JSON (--json).
func pdfOrJSON(cmd, out string, asJSON bool) error {
	switch {
	case (out == "") == !asJSON:
		return usagef("%s needs either --out FILE.pdf or --json", cmd)
	case out != "" && !strings.EqualFold(filepath.Ext(out), ".pdf"):
		return usagef("--out must end in .pdf")
	}
	return nil
}
