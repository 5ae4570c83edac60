package main

import "fmt"

func init() {
	commands["backup"] = command{usage: "backup FILE", help: "write a consistent copy of the database to FILE (safe while Kontor runs)", run: runBackup}
}

func runBackup(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("backup needs FILE")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(e.ctx, args[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", db.Path(), args[0])
	return nil
}
