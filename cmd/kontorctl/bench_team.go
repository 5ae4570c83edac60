package main

import (
	"kontor/store"
	"kontor/store/team"
)

// teamFigures measures the team server figures when bench has a server; a
// failure there is a note, so the other figures still print.
func teamFigures(e *env, db *store.DB, url string) []store.Figure {
	if url == "" {
		return team.NotMeasuredFigures("no --team-url server")
	}
	figs, err := team.Bench(e.ctx, db, url, e.stderr)
	if err != nil {
		return team.NotMeasuredFigures(err.Error())
	}
	return figs
}
