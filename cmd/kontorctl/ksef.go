package main

import (
	"sort"
	"strings"
)

func init() {
	commands["ksef"] = command{usage: "ksef (export|upo|link|status) …",
		help: "KSeF e-invoices: export FA(3) files, record KSeF numbers from a receipt (UPO), print a KOD I link, count statuses",
		run:  runKSeF}
}

// ksefCommands are ksef's subcommands, filled by the init functions of ksef_*.go.
var ksefCommands = map[string]command{}

func runKSeF(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("ksef needs a subcommand: %s", ksefNames())
	}
	sub, ok := ksefCommands[args[0]]
	if !ok {
		return usagef("ksef has no subcommand %q: %s", args[0], ksefNames())
	}
	err := sub.run(e, args[1:])
	if ue, ok := err.(usageError); ok {
		return usageError{ue.msg + "\nusage: kontorctl ksef " + sub.usage}
	}
	return err
}

func ksefNames() string {
	var names []string
	for n := range ksefCommands {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
