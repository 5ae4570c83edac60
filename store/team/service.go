package team

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"kontor/domain"
	"kontor/store"
)

// Service implements domain.TeamService over a Kontor file.
type Service struct {
	db    *store.DB
	creds Credentials
	mu    sync.Mutex // one round at a time
	// joinSpecs is what a join reads, nil for every spec: the bench also
	// times a join of all but the documents.
	joinSpecs []*tableSpec
}

var _ domain.TeamService = (*Service)(nil)

// New returns the team service of db, keeping passwords in creds
// (CredentialsFor(db.Path()) in the app and kontorctl).
func New(db *store.DB, creds Credentials) *Service { return &Service{db: db, creds: creds} }

func notJoined() error {
	return domain.Errorf(domain.EInvalid, "team.not_joined",
		"this file is not joined to a team: kontorctl team join --url … --login …, or Settings → Team server", nil)
}

// serverURL is url without user, password or password parameter: what the file remembers.
func serverURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", domain.Errorf(domain.EInvalid, "team.bad_url",
			"{{.URL}} is not a PostgreSQL URL (postgres://host:port/database)", map[string]any{"URL": redact(raw)})
	}
	u.User = nil
	q := u.Query()
	q.Del("password")
	q.Del("user")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Status implements domain.TeamService.
func (s *Service) Status(ctx context.Context) (*domain.TeamStatus, error) {
	var st domain.TeamStatus
	err := s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		m, err := readState(ctx, tx)
		if err != nil {
			return err
		}
		if m[stateURL] == "" {
			return nil
		}
		st.Joined, st.Server, st.Login, st.Name, st.Role = true, m[stateURL], m[stateLogin], m[stateName], domain.TeamRole(m[stateRole])
		st.LastSync, _ = time.Parse(time.RFC3339Nano, m[stateLastSync])
		st.LastAttempt, _ = time.Parse(time.RFC3339Nano, m[stateAttempt])
		if m[stateError] != "" {
			e := &domain.Error{Code: domain.Code(m[stateErrCode]), Key: m[stateErrorKey], Msg: m[stateError]}
			if m[stateErrArgs] != "" {
				// The English template and its arguments, so the ui can
				// translate the key; the rendered text otherwise.
				var saved struct {
					Msg  string
					Args map[string]any
				}
				if json.Unmarshal([]byte(m[stateErrArgs]), &saved) == nil {
					e.Msg, e.Args = saved.Msg, saved.Args
				}
			}
			st.LastError = e
		}
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM team_outbox) + (SELECT count(*) FROM team_dirty),
			(SELECT count(*) FROM team_conflicts WHERE resolved_at IS NULL),
			(SELECT count(*) FROM team_refused)`).Scan(&st.Waiting, &st.Conflicts, &st.Refused); err != nil {
			return err
		}
		inRows, err := waitingInRows(ctx, tx)
		st.Waiting += inRows
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the team status: %w", err)
	}
	return &st, nil
}

// session opens the person's session with the remembered URL and login.
func (s *Service) session(ctx context.Context) (*session, map[string]string, error) {
	var m map[string]string
	err := s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = readState(ctx, tx)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if m[stateURL] == "" {
		return nil, nil, notJoined()
	}
	pw, err := s.creds.Password(m[stateURL], m[stateLogin])
	if err != nil {
		return nil, nil, err
	}
	sess, err := openSession(ctx, m[stateURL], m[stateLogin], pw)
	return sess, m, err
}

// Sync implements domain.TeamService: push, then pull.
func (s *Service) Sync(ctx context.Context) (*domain.SyncResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	res, err := s.round(ctx)
	if res != nil {
		res.Duration = time.Since(start)
	}
	s.recordAttempt(start, err)
	return res, err
}

func (s *Service) round(ctx context.Context) (*domain.SyncResult, error) {
	sess, m, err := s.session(ctx)
	if err != nil {
		return nil, err
	}
	defer sess.close()
	if m[stateLogin] != sess.login {
		return nil, notJoined()
	}
	ps, err := push(ctx, sess, s.db)
	if err != nil {
		return nil, err
	}
	pl, err := pull(ctx, sess, s.db)
	if err != nil {
		return nil, err
	}
	if sess.name != m[stateName] || string(sess.role) != m[stateRole] || sess.series != m[stateSeries] {
		err = s.db.WriteTx(ctx, func(tx *sql.Tx) error {
			return setState(ctx, tx, map[string]string{stateName: sess.name, stateRole: string(sess.role), stateSeries: sess.series})
		})
		if err != nil {
			return nil, err
		}
	}
	return &domain.SyncResult{Pushed: ps.pushed, Pulled: pl.pulled, Conflicts: ps.conflicts + pl.conflicts, Refused: ps.refused,
		Removed: pl.removed}, nil
}

func (s *Service) recordAttempt(start time.Time, err error) {
	kv := map[string]string{stateAttempt: start.UTC().Format(time.RFC3339Nano), stateError: "", stateErrorKey: "", stateErrCode: "", stateErrArgs: ""}
	if err == nil {
		kv[stateLastSync] = time.Now().UTC().Format(time.RFC3339Nano)
	} else {
		kv[stateError] = err.Error()
		kv[stateErrCode] = string(domain.ErrorCode(err))
		if e, ok := domain.AsError(err); ok {
			kv[stateErrorKey] = e.Key
			kv[stateError] = e.Error()
			b, _ := json.Marshal(struct {
				Msg  string
				Args map[string]any
			}{e.Msg, e.Args})
			kv[stateErrArgs] = string(b)
		}
	}
	// The attempt is recorded even when the caller's context is done.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = s.db.WriteTx(ctx, func(tx *sql.Tx) error {
		var joined int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM team_state WHERE key = ?`, stateURL).Scan(&joined); err != nil || joined == 0 {
			return err
		}
		return setState(ctx, tx, kv)
	})
}

// Conflicts implements domain.TeamService.
func (s *Service) Conflicts(ctx context.Context) ([]domain.Conflict, error) {
	var out []domain.Conflict
	err := s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, kind, tbl, record, field, kept_text, lost_text, who, at, coalesce(lost, 'null') = 'null'
			FROM team_conflicts WHERE resolved_at IS NULL ORDER BY id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c domain.Conflict
			var at, field string
			var lostNull bool
			if err := rows.Scan(&c.ID, &c.Kind, &c.Table, &c.Record, &field, &c.Kept, &c.Lost, &c.Who, &at, &lostNull); err != nil {
				return err
			}
			switch c.Kind {
			case domain.ConflictJoined:
				c.Who = "" // the team's data, made by no one in particular
			case domain.ConflictDeleted:
				// The texts merge wrote say which side deleted; the ui words
				// that itself, and Lost keeps only the fields edited here.
				c.DeletedHere = lostNull
				c.Kept = ""
				if c.DeletedHere {
					c.Lost = ""
				} else {
					c.Lost = strings.TrimPrefix(c.Lost, editedHere)
				}
			}
			if sp := specByName[c.Table]; sp != nil && field != "" {
				if col := sp.col(field); col != nil {
					field = col.field
				}
			}
			c.Field = field
			c.When, _ = time.Parse(time.RFC3339, at)
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	return out, nil
}

// Refused implements domain.TeamService.
func (s *Service) Refused(ctx context.Context) ([]domain.RefusedChange, error) {
	var out []domain.RefusedChange
	err := s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, tbl, record, op, old, new, reason, at FROM team_refused ORDER BY id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r domain.RefusedChange
			var old, nw sql.NullString
			var at string
			if err := rows.Scan(&r.ID, &r.Table, &r.Record, &r.Op, &old, &nw, &r.Reason, &at); err != nil {
				return err
			}
			r.Fields = map[string]string{}
			if sp := specByName[r.Table]; sp != nil {
				o, _ := decodeFields(sp, old)
				n, _ := decodeFields(sp, nw)
				for _, c := range sp.cols {
					if v, ok := n[c.server]; ok && (r.Op == "insert" || !sameValue(o[c.server], v)) {
						r.Fields[c.field] = c.display(v)
					}
				}
			}
			r.ReasonKey, r.ReasonArgs = reasonKey(r.Reason)
			r.At, _ = time.Parse("2006-01-02T15:04:05.000Z", at)
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// Resolve implements domain.TeamService.
func (s *Service) Resolve(ctx context.Context, id domain.ConflictID, choice domain.ConflictChoice) error {
	if choice != domain.KeepMine && choice != domain.KeepTheirs && choice != domain.IssueCreditNote {
		return domain.Errorf(domain.EInvalid, "team.bad_choice", "choose mine or theirs", nil)
	}
	if handled, err := s.resolveNotice(ctx, id, choice); handled || err != nil {
		return err
	}
	if choice == domain.IssueCreditNote {
		return domain.Errorf(domain.EInvalid, "team.bad_choice", "choose mine or theirs", nil)
	}
	return s.db.WriteTx(ctx, func(tx *sql.Tx) error {
		var kind, tbl, key, field string
		var lost sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT kind, tbl, row_key, field, lost FROM team_conflicts WHERE id = ? AND resolved_at IS NULL`,
			int64(id)).Scan(&kind, &tbl, &key, &field, &lost)
		if err == sql.ErrNoRows {
			return domain.Errorf(domain.ENotFound, "team.no_conflict", "the conflict was already resolved", nil)
		}
		if err != nil {
			return err
		}
		if choice == domain.KeepMine {
			if sp := specByName[tbl]; sp != nil && sp.doc != nil && kind == string(domain.ConflictField) {
				if handled, err := keepMineDocument(ctx, tx, sp, key, field); handled || err != nil {
					return err
				}
			}
			if err := keepMine(ctx, tx, specByName[tbl], kind, key, field, lost.String); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE team_conflicts SET resolved_at = ? WHERE id = ?`, stampNow(), int64(id))
		return err
	})
}

// keepMine writes the lost value again as an ordinary local change, which
// the outbox triggers record and the next round pushes.
func keepMine(ctx context.Context, tx *sql.Tx, s *tableSpec, kind, key, field, lostJSON string) error {
	if s == nil {
		return fmt.Errorf("conflict of an unknown table")
	}
	var lost any
	dec := json.NewDecoder(strings.NewReader(lostJSON))
	dec.UseNumber()
	if err := dec.Decode(&lost); err != nil {
		return fmt.Errorf("conflict value: %w", err)
	}
	if kind == "deleted" && field == "" {
		if m, ok := lost.(map[string]any); ok {
			// Edited here, deleted there: the row comes back.
			vals := map[string]any{}
			for k, v := range m {
				vals[k] = normalise(v)
			}
			return reinsert(ctx, tx, s, key, vals)
		}
		// Deleted here, edited there: delete it again.
		_, err := tx.ExecContext(ctx, `DELETE FROM `+s.name+` WHERE `+s.keyCol+` = ?`, key)
		return err
	}
	c := s.col(field)
	if c == nil {
		return fmt.Errorf("conflict of an unknown field %s", field)
	}
	v := normalise(lost)
	if c.kind == kRef && v != nil {
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM `+specByName[c.ref].name+` WHERE uid = ?`, v).Scan(&id); err != nil {
			return domain.Errorf(domain.ENotFound, "team.ref_gone", "the record the value referred to is no longer in this file", nil)
		}
		v = id
	}
	a := &applier{ctx: ctx, tx: tx, now: time.Now().UTC().Format(time.RFC3339Nano)}
	id, local, err := a.readLocal(s, "t."+s.keyCol+" = ?", key)
	if err != nil {
		return err
	}
	if local == nil {
		return domain.Errorf(domain.ENotFound, "team.row_gone", "the record is no longer in this file", nil)
	}
	vals := map[string]any{}
	for k, x := range local {
		vals[k] = x
	}
	vals[c.local] = v
	return a.update(s, id, key, local, vals, nil)
}

func reinsert(ctx context.Context, tx *sql.Tx, s *tableSpec, key string, byServer map[string]any) error {
	a := &applier{ctx: ctx, tx: tx, now: time.Now().UTC().Format(time.RFC3339Nano), ids: map[string]map[string]int64{}}
	r := serverRow{key: key, vals: make([]any, len(s.cols))}
	for i, c := range s.cols {
		r.vals[i] = byServer[c.server]
	}
	vals, _, err := a.toLocal(s, r)
	if err != nil {
		return err
	}
	_, err = a.insert(s, key, vals)
	return err
}

// ChangePassword implements domain.TeamService.
func (s *Service) ChangePassword(ctx context.Context, newPassword string) error {
	if utf8.RuneCountInString(newPassword) < 8 || strings.ContainsAny(newPassword, "\x00\n\r") {
		return domain.Errorf(domain.EInvalid, "team.weak_password", "a password needs at least 8 characters, on one line", nil)
	}
	sess, m, err := s.session(ctx)
	if err != nil {
		return err
	}
	defer sess.close()
	// The server gets the SCRAM verifier, never the password (statements
	// may be logged); ALTER ROLE takes no parameters, and the verifier is
	// base64 and $ : only.
	verifier, err := scramVerifier(newPassword)
	if err != nil {
		return err
	}
	if _, err := sess.conn.Exec(ctx, `ALTER ROLE CURRENT_USER PASSWORD '`+verifier+`'`); err != nil {
		return serverError("change the password", err)
	}
	return s.creds.SetPassword(m[stateURL], m[stateLogin], newPassword)
}
