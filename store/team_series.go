package store

import (
	"context"
	"database/sql"
	"strings"

	"kontor/domain"
)

// In a team (store/team), this file's person numbers documents from their
// own series, so that numbers made offline on different machines never
// collide: the team's prefix, then the person's (kontor.members.series_prefix,
// unique team-wide), "OF/AN/2026/00012", "FV/BO/2026/11/0001". store/team
// keeps the person's prefix and role in team_state.

// Keys of team_state the store reads.
const (
	teamStateSeries = "series_prefix"
	teamStateRole   = "role"
)

// teamState reads one value of team_state ("" when the file is not in a team).
func teamState(ctx context.Context, q queryer, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM team_state WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

// personalSeries returns the series s as this file's person numbers it in a
// team, and the person's prefix; s itself and "" outside a team.
func personalSeries(ctx context.Context, q queryer, s domain.NumberSeries) (domain.NumberSeries, string, error) {
	person, err := teamState(ctx, q, teamStateSeries)
	if err != nil || person == "" {
		return s, "", err
	}
	sep := "/"
	if s.Prefix == "" || strings.ContainsAny(s.Prefix[len(s.Prefix)-1:], "/-_.") {
		sep = ""
	}
	if s.Prefix != "" {
		s.Prefix += sep
	}
	s.Prefix += person + "/"
	return s, person, nil
}

// teamCounter reads the counter of a person's series (0 when none was handed out).
func teamCounter(ctx context.Context, q queryer, kind, person string, period int) (int64, error) {
	var last int64
	err := q.QueryRowContext(ctx, `SELECT last FROM team_series WHERE kind = ? AND series = ? AND period = ?`, kind, person, period).Scan(&last)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return last, err
}

// saveTeamCounter records that a person's series handed out numbers up to
// last; a counter never goes back.
func saveTeamCounter(ctx context.Context, tx *sql.Tx, kind, person string, period int, last int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO team_series (kind, series, period, last) VALUES (?, ?, ?, ?)
		ON CONFLICT (kind, series, period) DO UPDATE SET last = max(last, excluded.last)`, kind, person, period, last)
	return err
}

// requireBackOffice refuses, in a team, what only the back office does
// (issuing invoices and credit notes, recording payments): the team server
// would refuse it anyway, and the file would hold what the team never gets.
// Outside a team everything is allowed.
func requireBackOffice(ctx context.Context, q queryer, key, msg string) error {
	role, err := teamState(ctx, q, teamStateRole)
	if err != nil {
		return err
	}
	if role != "" && role != string(domain.RoleBackoffice) {
		return domain.Errorf(domain.EInvalid, key, msg, nil)
	}
	return nil
}

// Messages of requireBackOffice.
const (
	backOfficeDeliversKey = "team.backoffice_delivers"
	backOfficeDeliversMsg = "in a team, only the back office delivers orders and issues their invoices"
	backOfficeCreditsKey  = "team.backoffice_credits"
	backOfficeCreditsMsg  = "in a team, only the back office issues credit notes"
	backOfficePaysKey     = "team.backoffice_payments"
	backOfficePaysMsg     = "in a team, only the back office records payments"
)
