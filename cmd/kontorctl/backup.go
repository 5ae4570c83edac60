package main

import (
	"encoding/json"
	"fmt"

	"kontor/store"
)

func init() {
	commands["backup"] = command{usage: "backup FILE",
		help: "write a consistent copy of the database to FILE, whole or not at all (safe while Kontor runs)", run: runBackup}
	commands["restore"] = command{usage: "restore FILE",
		help: "replace the database with the backup FILE; the current file is kept aside", run: runRestore}
	commands["check"] = command{usage: "check [--json] [--quick]",
		help: "check the database for damage (SQLite's integrity check), reading only", run: runCheck}
}

func runBackup(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("backup needs FILE")
	}
	db, err := e.openRead()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(e.ctx, args[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", printable(db.Path()), printable(args[0]))
	return nil
}

func runRestore(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("restore needs FILE")
	}
	aside, err := store.Restore(e.ctx, e.dbPath, args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s from %s\n", printable(e.dbPath), printable(args[0]))
	if aside != "" {
		fmt.Fprintf(e.stdout, "the file it replaced is kept as %s\n", printable(aside))
	}
	return nil
}

func runCheck(e *env, args []string) error {
	fs := flags("check")
	asJSON := fs.Bool("json", false, "print JSON")
	quick := fs.Bool("quick", false, "leave out comparing each index with its table (much faster on a large file)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("check takes no arguments; name the database with --db")
	}
	check := store.Check
	if *quick {
		check = store.QuickCheck
	}
	r, err := check(e.ctx, e.dbPath)
	if err != nil {
		return err
	}
	if *asJSON {
		problems := r.Problems
		if problems == nil {
			problems = []string{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"path": r.Path, "schema": r.Version, "ok": len(problems) == 0, "problems": problems}); err != nil {
			return err
		}
	} else if len(r.Problems) == 0 {
		fmt.Fprintf(e.stdout, "%s: no damage found (schema %d)\n", printable(r.Path), r.Version)
	} else {
		for _, p := range r.Problems {
			fmt.Fprintf(e.stdout, "%s: %s\n", printable(r.Path), printable(p))
		}
	}
	if len(r.Problems) > 0 {
		return store.Damaged(r.Path, fmt.Sprintf("%d problems found", len(r.Problems)))
	}
	return nil
}
