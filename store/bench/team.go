package bench

import (
	"context"
	"fmt"
	"io"

	"kontor/store"
	"kontor/store/team"
)

// Names and targets of the team server figures. The back office's join
// carries every document and ledger (4 min on the large dataset); without
// them (accounts, contacts, activities, the catalog, agreements) it is 90 s.
const (
	NameJoinAll     = "team: back office joins the whole team with its documents and ledgers"
	NameJoinBase    = "team: back office joins all but the documents (accounts, contacts, activities, catalog, agreements)"
	NameJoinRep     = "team: a rep with 500 accounts joins"
	NameDayRound    = "team: round after a day of a rep's work (30 quotes, 20 orders, 100 activities)"
	NameRound       = "team: round pushing 1,000 and pulling 10,000 changes"
	NameIdleRound   = "team: idle sync round, median"
	NameOutbox      = "team: outbox cost on local writes"
	TargetJoinAllS  = 240
	TargetJoinBaseS = 90
	TargetJoinRepS  = 5
	TargetDayRoundS = 2
	TargetRoundS    = 5
	TargetIdleMS    = 50
	TargetOutboxPc  = 10
)

// TeamNotMeasured are the team figures when they cannot be taken, and why.
func TeamNotMeasured(why string) []Figure {
	return []Figure{
		NotMeasured(NameJoinAll, "s", TargetJoinAllS, why),
		NotMeasured(NameJoinBase, "s", TargetJoinBaseS, why),
		NotMeasured(NameJoinRep, "s", TargetJoinRepS, why),
		NotMeasured(NameDayRound, "s", TargetDayRoundS, why),
		NotMeasured(NameRound, "s", TargetRoundS, why),
		NotMeasured(NameIdleRound, "ms", TargetIdleMS, why),
		NotMeasured(NameOutbox, "%", TargetOutboxPc, why),
	}
}

// Team publishes db to the empty PostgreSQL database adminURL names and
// measures the team figures there (team.Bench).
func Team(ctx context.Context, db *store.DB, adminURL string, progress io.Writer) ([]Figure, error) {
	return TeamThen(ctx, db, adminURL, progress, nil)
}

// TeamThen is Team that also hands the back office's joined file to
// backOffice before it is removed (team.BenchThen).
func TeamThen(ctx context.Context, db *store.DB, adminURL string, progress io.Writer, backOffice func(*store.DB) error) ([]Figure, error) {
	r, err := team.BenchThen(ctx, db, adminURL, progress, backOffice)
	if err != nil {
		return nil, err
	}
	return TeamFigures(r), nil
}

// TeamFigures presents what team.Bench measured as figures against their targets.
func TeamFigures(r *team.BenchResult) []Figure {
	note := func(f Figure, n string) Figure { f.Note = n; return f }
	return []Figure{
		note(measured(NameJoinAll, "s", TargetJoinAllS, r.JoinAll.Seconds()), r.Documents),
		measured(NameJoinBase, "s", TargetJoinBaseS, r.JoinBase.Seconds()),
		note(measured(NameJoinRep, "s", TargetJoinRepS, r.JoinRep.Seconds()), fmt.Sprintf("%d accounts", r.RepAccounts)),
		note(measured(NameDayRound, "s", TargetDayRoundS, r.DayRound.Seconds()), fmt.Sprintf("pushed %d", r.DayPushed)),
		note(measured(NameRound, "s", TargetRoundS, r.Round.Seconds()), fmt.Sprintf("pushed %d, pulled %d", r.Pushed, r.Pulled)),
		note(measured(NameIdleRound, "ms", TargetIdleMS, float64(r.IdleRound.Microseconds())/1000), "connecting included"),
		note(measured(NameOutbox, "%", TargetOutboxPc, r.OutboxPercent), "logging activities and editing accounts, beside an unjoined file; median of alternating slices in process CPU time"),
	}
}
