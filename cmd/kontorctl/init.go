package main

import (
	"fmt"

	"kontor/store"
)

func init() {
	commands["init"] = command{usage: "init", help: "create or migrate the database", run: runInit}
}

func runInit(e *env, args []string) error {
	if len(args) > 0 {
		return usagef("init takes no arguments")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	verb := "up to date"
	if db.Created {
		verb = "created"
	}
	fmt.Fprintf(e.stdout, "%s: %s (schema %d)\n", db.Path(), verb, store.SchemaVersion())
	return nil
}
