package team

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"kontor/domain"
)

// session is one person's connection to the team server, checked before
// anything is read or written: the server's schema is the one this Kontor
// speaks, and the login is a member of the team.
type session struct {
	conn  *pgx.Conn
	login string
	name  string
	role  domain.TeamRole
}

func openSession(ctx context.Context, url, login, password string) (*session, error) {
	conn, err := connect(ctx, url, login, password)
	if err != nil {
		return nil, err
	}
	s := &session{conn: conn}
	if err := s.check(ctx); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return s, nil
}

func (s *session) close() { s.conn.Close(context.Background()) }

func (s *session) check(ctx context.Context) error {
	var version int
	err := s.conn.QueryRow(ctx, `SELECT version FROM kontor.meta`).Scan(&version)
	if err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && (pe.Code == "42P01" || pe.Code == "3F000") {
			return notInitialised()
		}
		if errors.As(err, &pe) && pe.Code == "42501" {
			return notMember(s.conn.Config().User)
		}
		if errors.Is(err, pgx.ErrNoRows) {
			return notInitialised()
		}
		return serverError("read the schema version", err)
	}
	if version > schemaVersion {
		return newerServer(version)
	}
	if version < schemaVersion {
		return olderServer(version)
	}
	var name, role *string
	if err := s.conn.QueryRow(ctx, `SELECT session_user, kontor.me(), kontor.my_role()`).Scan(&s.login, &name, &role); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "42501" {
			return notMember(s.conn.Config().User)
		}
		return serverError("read the member", err)
	}
	if name == nil || role == nil {
		return notMember(s.login)
	}
	s.name, s.role = *name, domain.TeamRole(*role)
	return nil
}

func notMember(login string) error {
	return domain.Errorf(domain.EInvalid, "team.not_member",
		"login {{.Login}} is not a member of this Kontor team: the administrator adds people with kontorctl team adduser",
		map[string]any{"Login": login})
}
