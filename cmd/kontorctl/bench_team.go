package main

import (
	"kontor/domain"
	"kontor/store"
	"kontor/store/bench"
)

// Month-end on the back office's replica of everyone's ledgers: the same
// batch as the local figure, on the file the back office joined with.
const nameTeamMonthEnd = "team: a month's statements on the back office's replica, 2 cores"

// teamFigures measures the team server figures when bench has a server; a
// failure there is a note, so the other figures still print.
func teamFigures(e *env, db *store.DB, url string) []bench.Figure {
	if url == "" {
		return append(bench.TeamNotMeasured("no --team-url server"),
			bench.NotMeasured(nameTeamMonthEnd, "s", targetStatementBatchS, "no --team-url server"))
	}
	var monthEnd bench.Figure
	figs, err := bench.TeamThen(e.ctx, db, url, e.stderr, func(bo *store.DB) error {
		m := domain.MonthOf(bo.Today()).Prev()
		f, err := statementBatchFigure(e, store.NewReceivablesService(bo), store.NewCompanyService(bo), m)
		f.Name = nameTeamMonthEnd
		monthEnd = f
		return err
	})
	if err != nil {
		return append(bench.TeamNotMeasured(err.Error()), bench.NotMeasured(nameTeamMonthEnd, "s", targetStatementBatchS, err.Error()))
	}
	return append(figs, monthEnd)
}
