package team

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"kontor/domain"
	"kontor/domain/servicetest"
	"kontor/store"
	"kontor/store/storetest"
)

// TestTeamConformance runs the TeamService suite against the store on a
// real PostgreSQL: domaintest's fake passes the same suite.
func TestTeamConformance(t *testing.T) {
	t.Parallel()
	servicetest.Team(t, func(t *testing.T) servicetest.TeamFixture {
		ctx := context.Background()
		pg := storetest.Postgres(t)
		if _, err := Init(ctx, pg.AdminURL()); err != nil {
			t.Fatal(err)
		}
		login, other := storetest.UniqueRole("anna"), storetest.UniqueRole("beata")
		pw, err := AddUser(ctx, pg.AdminURL(), login, "Anna Nowak", domain.RoleBackoffice, "")
		if err != nil {
			t.Fatal(err)
		}
		otherPW, err := AddUser(ctx, pg.AdminURL(), other, "Beata Zając", domain.RoleBackoffice, "")
		if err != nil {
			t.Fatal(err)
		}
		open := func() (*store.DB, *Service) {
			path := storetest.Path(t)
			db := storetest.OpenAt(t, path, store.Options{})
			return db, New(db, FileCredentials{Path: filepath.Join(filepath.Dir(path), filepath.Base(path)+".team-secret")})
		}
		db, svc := open()
		url := pg.URL("", "")
		rename := func(db *store.DB, name string) {
			t.Helper()
			accounts := store.NewAccountService(db)
			a, err := accounts.FindAccountByCode(ctx, "K1")
			if err != nil {
				t.Fatal(err)
			}
			f := a.AccountFields
			f.Name = name
			if _, err := accounts.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: f, Version: a.Version}); err != nil {
				t.Fatal(err)
			}
		}
		var otherDB *store.DB
		var otherSvc *Service
		clashes := 0
		return servicetest.TeamFixture{
			Team: svc, URL: url, Login: login, Password: pw, Name: "Anna Nowak", Role: domain.RoleBackoffice,
			Unreachable: "postgres://127.0.0.1:1/kontor_team?sslmode=disable&connect_timeout=5",
			Disable: func(t *testing.T, disabled bool) {
				conn, err := connect(ctx, pg.AdminURL(), "", "")
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close(ctx)
				how := "LOGIN"
				if disabled {
					how = "NOLOGIN"
				}
				if _, err := conn.Exec(ctx, `ALTER ROLE `+login+` `+how); err != nil {
					t.Fatal(err)
				}
			},
			Clash: func(t *testing.T) (string, string) {
				if otherSvc == nil {
					// The account both change: made here and sent, then
					// Beata joins with it.
					_, err := store.NewAccountService(db).CreateAccount(ctx, domain.AccountFields{Code: "K1", Name: "Hurtownia Łódź",
						Country: "PL", Currency: "PLN", PaymentTerms: domain.PaymentTerms{Days: 30}})
					if err != nil {
						t.Fatal(err)
					}
					if _, err := svc.Sync(ctx); err != nil {
						t.Fatal(err)
					}
					otherDB, otherSvc = open()
					if _, err := otherSvc.Join(ctx, domain.TeamJoin{URL: url, Login: other, Password: otherPW}); err != nil {
						t.Fatal(err)
					}
				}
				clashes++
				kept, lost := fmt.Sprintf("Hurtownia Łódź %d S.A.", clashes), fmt.Sprintf("Hurtownia Łódź %d sp. z o.o.", clashes)
				if _, err := otherSvc.Sync(ctx); err != nil {
					t.Fatal(err)
				}
				rename(otherDB, kept)
				if _, err := otherSvc.Sync(ctx); err != nil {
					t.Fatal(err)
				}
				rename(db, lost)
				return kept, lost
			},
		}
	})
}
