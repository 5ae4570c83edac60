package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"kontor/domain"
)

// ActivityService implements domain.ActivityService.
type ActivityService struct{ db *DB }

// NewActivityService returns the activity service over db.
func NewActivityService(db *DB) *ActivityService { return &ActivityService{db: db} }

var _ domain.ActivityService = (*ActivityService)(nil)

// dayStart is the stored form of the first moment of a local date.
func dayStart(d domain.Date) string { return moment(domain.LocalDayStart(d, time.Local)) }

// contactKinds is the SQL list of the kinds that count as contact.
const contactKinds = `('call', 'meeting', 'email')`

const activityColumns = `t.id, t.account_id, a.code, a.name, coalesce(t.contact_id, 0), coalesce(c.email, ''),
	coalesce(c.first_name || ' ' || c.last_name, ''), t.occurred_at, t.kind, t.subject, t.notes, t.outcome, t.logged_by,
	coalesce(t.due_on, ''), t.done, t.version, t.created_at, t.updated_at`

const activityJoins = ` CROSS JOIN accounts a ON a.id = t.account_id LEFT JOIN contacts c ON c.id = t.contact_id `

func scanActivity(sc interface{ Scan(...any) error }, extra ...any) (*domain.Activity, error) {
	var a domain.Activity
	err := sc.Scan(append([]any{&a.ID, &a.AccountID, &a.AccountCode, &a.AccountName, &a.ContactID, &a.ContactEmail,
		&a.ContactName, atLocalTime(&a.OccurredAt), &a.Kind, &a.Subject, &a.Notes, &a.Outcome, &a.LoggedBy, onDate(&a.Due), &a.Done,
		&a.Version, atTime(&a.CreatedAt), atTime(&a.UpdatedAt)}, extra...)...)
	if err != nil {
		return nil, err
	}
	return &a, nil
}

func findActivity(ctx context.Context, q queryer, id int64) (*domain.Activity, error) {
	a, err := scanActivity(q.QueryRowContext(ctx, `SELECT `+activityColumns+` FROM activities t`+activityJoins+
		`WHERE t.id = ? AND t.deleted_at IS NULL`, id))
	if err == sql.ErrNoRows {
		return nil, domain.Errorf(domain.ENotFound, "activity.not_found", "the activity no longer exists", nil)
	}
	return a, wrap("find activity", err)
}

// FindActivityByID returns one live activity.
func (s *ActivityService) FindActivityByID(ctx context.Context, id domain.ActivityID) (*domain.Activity, error) {
	return findActivity(ctx, s.db.r, int64(id))
}

// activityInsertColumns are the columns of activityArgs and the two stamps.
const activityInsertColumns = `account_id, contact_id, kind, occurred_at, subject, notes, outcome, logged_by, due_on, done,
	created_at, updated_at`

var insertActivitySQL = insertSQL("activities", activityInsertColumns, 1)

// activityArgs are the column values of f, in activityInsertColumns order without the stamps.
func activityArgs(f *domain.ActivityFields) []any {
	var contact, due any
	if f.ContactID != 0 {
		contact = int64(f.ContactID)
	}
	if !f.Due.IsZero() {
		due = f.Due.String()
	}
	return []any{int64(f.AccountID), contact, string(f.Kind), moment(f.OccurredAt), f.Subject, f.Notes, f.Outcome,
		f.LoggedBy, due, boolInt(f.Done)}
}

// CreateActivity validates and stores a new activity.
func (s *ActivityService) CreateActivity(ctx context.Context, f domain.ActivityFields) (*domain.Activity, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out *domain.Activity
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := resolveActivityRefs(ctx, tx, &f); err != nil {
			return err
		}
		now := moment(s.db.now())
		res, err := tx.ExecContext(ctx, insertActivitySQL, append(activityArgs(&f), now, now)...)
		if err != nil {
			return err
		}
		if err := addHistoryWords(ctx, tx, historyWords(f.Subject, f.Notes)); err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		out, err = findActivity(ctx, tx, id)
		return err
	})
	return out, err
}

// UpdateActivity replaces an activity's fields, refusing when it changed since
// upd.Version or was deleted.
func (s *ActivityService) UpdateActivity(ctx context.Context, id domain.ActivityID, upd domain.ActivityUpdate) (*domain.Activity, error) {
	f := upd.ActivityFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out *domain.Activity
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkActivity(ctx, tx, int64(id), upd.Version); err != nil {
			return err
		}
		if err := resolveActivityRefs(ctx, tx, &f); err != nil {
			return err
		}
		args := append(activityArgs(&f), moment(s.db.now()), int64(id))
		if _, err := tx.ExecContext(ctx, `UPDATE activities SET account_id = ?, contact_id = ?, kind = ?, occurred_at = ?,
			subject = ?, notes = ?, outcome = ?, logged_by = ?, due_on = ?, done = ?, version = version + 1, updated_at = ?
			WHERE id = ?`, args...); err != nil {
			return err
		}
		if err := addHistoryWords(ctx, tx, historyWords(f.Subject, f.Notes)); err != nil {
			return err
		}
		var err error
		out, err = findActivity(ctx, tx, int64(id))
		return err
	})
	return out, err
}

// checkActivity is checkVersion for activities: a deleted one is gone.
func checkActivity(ctx context.Context, tx *sql.Tx, id, want int64) error {
	var have int64
	err := tx.QueryRowContext(ctx, `SELECT version FROM activities WHERE id = ? AND deleted_at IS NULL`, id).Scan(&have)
	if err == sql.ErrNoRows {
		return domain.Errorf(domain.ENotFound, "record.deleted", "it was deleted elsewhere since you opened it", nil)
	}
	if err != nil {
		return err
	}
	if want != 0 && have != want {
		return domain.Errorf(domain.EConflict, "record.changed",
			"it was changed elsewhere since you opened it; nothing was saved. Reopen it to see the changes, then edit again.", nil)
	}
	return nil
}

// resolveActivityRefs fills f.AccountID from f.AccountCode and f.ContactID from
// f.ContactEmail when they are not set, checks that a contact belongs to the
// account, and fills the text references from the IDs.
func resolveActivityRefs(ctx context.Context, tx *sql.Tx, f *domain.ActivityFields) error {
	refErr := func(field, key, msg string, args map[string]any) error {
		return &domain.Error{Code: domain.EInvalid, Key: "activity.invalid", Msg: "the activity is not valid",
			Fields: []domain.FieldError{{Field: field, Key: key, Msg: msg, Args: args}}}
	}
	if f.AccountID == 0 {
		err := tx.QueryRowContext(ctx, `SELECT id, code FROM accounts WHERE code = ?`, f.AccountCode).Scan(&f.AccountID, &f.AccountCode)
		if err == sql.ErrNoRows {
			return refErr(domain.FieldAccountCode, "account.unknown", "there is no account with code {{.Value}}",
				map[string]any{"Value": f.AccountCode})
		}
		if err != nil {
			return err
		}
	} else {
		err := tx.QueryRowContext(ctx, `SELECT code FROM accounts WHERE id = ?`, int64(f.AccountID)).Scan(&f.AccountCode)
		if err == sql.ErrNoRows {
			return domain.Errorf(domain.ENotFound, "account.gone", "the account no longer exists", nil)
		}
		if err != nil {
			return err
		}
	}
	switch {
	case f.ContactID != 0:
		var account int64
		err := tx.QueryRowContext(ctx, `SELECT account_id, email FROM contacts WHERE id = ?`, int64(f.ContactID)).Scan(&account, &f.ContactEmail)
		if err == sql.ErrNoRows || err == nil && account != int64(f.AccountID) {
			return refErr(domain.FieldContactEmail, "activity.contact_gone", "the contact is no longer at this account", nil)
		}
		return err
	case f.ContactEmail != "":
		id, err := contactByEmail(ctx, tx, int64(f.AccountID), f.ContactEmail)
		if err != nil {
			if fe, ok := err.(*domain.FieldError); ok {
				return refErr(fe.Field, fe.Key, fe.Msg, fe.Args)
			}
			return err
		}
		f.ContactID = domain.ContactID(id)
	}
	return nil
}

// contactByEmail finds the one contact of account with email (any case); a
// missing or ambiguous address is a *domain.FieldError.
func contactByEmail(ctx context.Context, q queryer, account int64, email string) (int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM contacts WHERE account_id = ? AND email = ? COLLATE NOCASE AND email <> ''`,
		account, strings.TrimSpace(email))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	switch len(ids) {
	case 1:
		return ids[0], nil
	case 0:
		return 0, &domain.FieldError{Field: domain.FieldContactEmail, Key: "activity.contact_unknown",
			Msg: "the account has no contact with the e-mail {{.Value}}", Args: map[string]any{"Value": email}}
	}
	return 0, &domain.FieldError{Field: domain.FieldContactEmail, Key: "contact.ambiguous_email",
		Msg: "several contacts of this account have the e-mail {{.Value}}; change them in Kontor first", Args: map[string]any{"Value": email}}
}

// purgeAfter is how long a deleted activity can still be restored. Undo is
// offered until the user's next action; this only bounds how long the rows wait.
const purgeAfter = 24 * time.Hour

// DeleteActivity marks an activity deleted (RestoreActivity undoes it) and
// purges activities deleted more than purgeAfter ago.
func (s *ActivityService) DeleteActivity(ctx context.Context, id domain.ActivityID) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkActivity(ctx, tx, int64(id), 0); err != nil {
			return err
		}
		// deleted_at is fixed-width (moment), so that its text order is time order.
		now := s.db.now()
		if _, err := tx.ExecContext(ctx, `DELETE FROM activities WHERE deleted_at IS NOT NULL AND deleted_at < ?`,
			moment(now.Add(-purgeAfter))); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE activities SET deleted_at = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			moment(now), moment(now), int64(id))
		return err
	})
}

// RestoreActivity brings back a deleted activity; restoring a live one changes nothing.
func (s *ActivityService) RestoreActivity(ctx context.Context, id domain.ActivityID) (*domain.Activity, error) {
	var out *domain.Activity
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE activities SET deleted_at = NULL, version = version + 1, updated_at = ?
			WHERE id = ? AND deleted_at IS NOT NULL`, moment(s.db.now()), int64(id)); err != nil {
			return err
		}
		var err error
		out, err = findActivity(ctx, tx, int64(id))
		if domain.ErrorCode(err) == domain.ENotFound {
			return domain.Errorf(domain.ENotFound, "activity.purged", "the activity can no longer be restored", nil)
		}
		return err
	})
	return out, err
}

// SetTaskDone marks a task done or open.
func (s *ActivityService) SetTaskDone(ctx context.Context, id domain.ActivityID, done bool) (*domain.Activity, error) {
	return s.changeTask(ctx, id, `done = ?`, boolInt(done))
}

// RescheduleTask gives a task a new due date.
func (s *ActivityService) RescheduleTask(ctx context.Context, id domain.ActivityID, due domain.Date) (*domain.Activity, error) {
	if due.IsZero() {
		return nil, &domain.Error{Code: domain.EInvalid, Key: "activity.invalid", Msg: "the activity is not valid",
			Fields: []domain.FieldError{{Field: domain.FieldDueDate, Key: "field.required", Msg: "required"}}}
	}
	return s.changeTask(ctx, id, `due_on = ?`, due.String())
}

func (s *ActivityService) changeTask(ctx context.Context, id domain.ActivityID, set string, arg any) (*domain.Activity, error) {
	var out *domain.Activity
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		a, err := findActivity(ctx, tx, int64(id))
		if err != nil {
			return err
		}
		if a.Kind != domain.KindTask {
			return domain.Errorf(domain.EInvalid, "activity.not_task", "only a task has a due date and can be done", nil)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE activities SET `+set+`, version = version + 1, updated_at = ? WHERE id = ?`,
			arg, moment(s.db.now()), int64(id)); err != nil {
			return err
		}
		out, err = findActivity(ctx, tx, int64(id))
		return err
	})
	return out, err
}
