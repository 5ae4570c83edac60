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
	"strconv"
	"strings"
	_ "time/tzdata" // the company's time zone by name, on systems without a zone database

	"kontor/domain"
	"kontor/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses, one per class of failure (README, "Exit statuses").
const (
	exitOK          = 0
	exitInternal    = 1   // a bug or an unexpected failure: the message has the details
	exitUsage       = 2   // the command line is wrong
	exitInvalid     = 3   // the input breaks a rule (a bad row, a bad value)
	exitNotFound    = 4   // what was named does not exist
	exitConflict    = 5   // it clashes with stored data
	exitBusy        = 6   // another program is writing the database: try again
	exitUnusable    = 7   // the database file cannot be used: not Kontor's, damaged, newer, not a file
	exitReadOnly    = 8   // Kontor may not write where it has to
	exitFull        = 9   // the disk is full: nothing was saved
	exitUnavailable = 10  // a server the command needs cannot be reached: try again later
	exitInterrupted = 130 // stopped by Ctrl+C: nothing was half-written
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

// openRead opens the database for a command that only reads it: as open
// does, or read-only where Kontor may not write (a read-only disk, a file of
// another user), so search, export and backup work there too. It never
// creates a database.
func (e *env) openRead() (*store.DB, error) {
	if _, err := os.Stat(e.dbPath); err != nil {
		return store.Open(e.ctx, e.dbPath, store.Options{ReadOnly: true}) // says there is none
	}
	db, err := store.Open(e.ctx, e.dbPath, store.Options{})
	if domain.ErrorCode(err) == domain.EReadOnly {
		return store.Open(e.ctx, e.dbPath, store.Options{ReadOnly: true})
	}
	return db, err
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
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		fmt.Fprintln(stderr, "kontorctl: interrupted; nothing was half-written")
		return exitInterrupted
	}
	fmt.Fprintln(stderr, "kontorctl:", printable(strings.TrimSpace(err.Error())))
	return exitStatus(err)
}

// exitStatus is the exit status of a failed command.
func exitStatus(err error) int {
	switch domain.ErrorCode(err) {
	case domain.EInvalid:
		return exitInvalid
	case domain.ENotFound:
		return exitNotFound
	case domain.EConflict:
		return exitConflict
	case domain.EBusy:
		return exitBusy
	case domain.EUnusable:
		return exitUnusable
	case domain.EReadOnly:
		return exitReadOnly
	case domain.EFull:
		return exitFull
	case domain.EUnavailable:
		return exitUnavailable
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

// printable makes text from the database or a file safe to print on a
// terminal: control characters (ESC would start an escape sequence, a newline
// would break one-record-a-line output) are written as Go escapes, \x1b, \n.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !isControl(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r) // '\x1b', '\n'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// isControl reports C0 and C1 control characters, DEL, and the invisible
// marks that reorder text (bidi overrides), which would make a printed line
// lie about what it holds.
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
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
