package main

import (
	"kontor/store"
	"kontor/store/bench"
)

// teamFigures measures the team server figures when bench has a server; a
// failure there is a note, so the other figures still print.
func teamFigures(e *env, db *store.DB, url string) []bench.Figure {
	if url == "" {
		return bench.TeamNotMeasured("no --team-url server")
	}
	figs, err := bench.Team(e.ctx, db, url, e.stderr)
	if err != nil {
		return bench.TeamNotMeasured(err.Error())
	}
	return figs
}
