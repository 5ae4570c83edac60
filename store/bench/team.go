package bench

import (
	"context"
	"fmt"
	"io"

	"kontor/store"
	"kontor/store/team"
)

// Names and targets of the team server figures.
const (
	NameJoinAll    = "team: back office joins the whole team"
	NameJoinRep    = "team: a rep with 500 accounts joins"
	NameRound      = "team: round pushing 1,000 and pulling 10,000 changes"
	NameIdleRound  = "team: idle sync round, median"
	NameOutbox     = "team: outbox cost on local writes"
	TargetJoinAllS = 90
	TargetJoinRepS = 5
	TargetRoundS   = 5
	TargetIdleMS   = 50
	TargetOutboxPc = 10
)

// TeamNotMeasured are the team figures when they cannot be taken, and why.
func TeamNotMeasured(why string) []Figure {
	return []Figure{
		NotMeasured(NameJoinAll, "s", TargetJoinAllS, why),
		NotMeasured(NameJoinRep, "s", TargetJoinRepS, why),
		NotMeasured(NameRound, "s", TargetRoundS, why),
		NotMeasured(NameIdleRound, "ms", TargetIdleMS, why),
		NotMeasured(NameOutbox, "%", TargetOutboxPc, why),
	}
}

// Team publishes db to the empty PostgreSQL database adminURL names and
// measures the team figures there (team.Bench).
func Team(ctx context.Context, db *store.DB, adminURL string, progress io.Writer) ([]Figure, error) {
	r, err := team.Bench(ctx, db, adminURL, progress)
	if err != nil {
		return nil, err
	}
	return TeamFigures(r), nil
}

// TeamFigures presents what team.Bench measured as figures against their targets.
func TeamFigures(r *team.BenchResult) []Figure {
	note := func(f Figure, n string) Figure { f.Note = n; return f }
	return []Figure{
		measured(NameJoinAll, "s", TargetJoinAllS, r.JoinAll.Seconds()),
		note(measured(NameJoinRep, "s", TargetJoinRepS, r.JoinRep.Seconds()), fmt.Sprintf("%d accounts", r.RepAccounts)),
		note(measured(NameRound, "s", TargetRoundS, r.Round.Seconds()), fmt.Sprintf("pushed %d, pulled %d", r.Pushed, r.Pulled)),
		note(measured(NameIdleRound, "ms", TargetIdleMS, float64(r.IdleRound.Microseconds())/1000), "connecting included"),
		note(measured(NameOutbox, "%", TargetOutboxPc, r.OutboxPercent), "logging activities and editing accounts, beside an unjoined file; median of alternating slices in process CPU time"),
	}
}
