package domaintest_test

import (
	"fmt"
	"testing"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/domain/servicetest"
)

// TestTeamConformance runs the TeamService suite against the fake: the
// store passes the same suite against a real PostgreSQL.
func TestTeamConformance(t *testing.T) {
	servicetest.Team(t, func(t *testing.T) servicetest.TeamFixture {
		srv := domaintest.NewTeamServer("postgres://db.example:5432/kontor_team?sslmode=require")
		srv.AddMember("anna", "pierwsze-Hasło1", "Anna Nowak", domain.RoleRep)
		tm := domaintest.NewTeam(srv, nil)
		clashes := 0
		return servicetest.TeamFixture{
			Team: tm, URL: srv.URL, Login: "anna", Password: "pierwsze-Hasło1", Name: "Anna Nowak", Role: domain.RoleRep,
			Unreachable: "postgres://127.0.0.1:1/kontor_team?sslmode=disable",
			Disable:     func(_ *testing.T, disabled bool) { srv.SetDisabled("anna", disabled) },
			Clash: func(*testing.T) (string, string) {
				clashes++
				kept, lost := fmt.Sprintf("Hurtownia Łódź %d S.A.", clashes), fmt.Sprintf("Hurtownia Łódź %d sp. z o.o.", clashes)
				tm.AddConflict(domain.Conflict{Kind: domain.ConflictField, Table: "accounts", Record: "K1 Hurtownia Łódź", Field: "name",
					Kept: kept, Lost: lost, Who: "Beata Zając"})
				return kept, lost
			},
		}
	})
}
