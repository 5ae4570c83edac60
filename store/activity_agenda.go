package store

import (
	"context"
	"database/sql"

	"kontor/domain"
)

// openTasks is the condition of activities_open_tasks; repeated word for word
// so that the planner uses that index.
const openTasks = `t.kind = 'task' AND t.done = 0 AND t.deleted_at IS NULL`

// agendaSection is one section of the Today screen: open tasks of active
// accounts with due_on in [?1, ?2], by due date then id, up to ?3.
const agendaSection = `SELECT t.id, t.account_id, a.code, a.name, coalesce(c.first_name || ' ' || c.last_name, ''),
	t.subject, t.due_on, t.logged_by, t.version
	FROM activities t CROSS JOIN accounts a ON a.id = t.account_id LEFT JOIN contacts c ON c.id = t.contact_id
	WHERE ` + openTasks + ` AND t.due_on BETWEEN ?1 AND ?2 AND a.archived = 0
	ORDER BY t.due_on, t.id LIMIT ?3`

const agendaCount = `SELECT count(*) FROM activities t CROSS JOIN accounts a ON a.id = t.account_id
	WHERE ` + openTasks + ` AND t.due_on BETWEEN ?1 AND ?2 AND a.archived = 0`

// TodayAgenda lists the open tasks overdue, due today and due in the next
// AgendaWindowDays days, across active accounts.
func (s *ActivityService) TodayAgenda(ctx context.Context, today domain.Date, limit int) (*domain.Agenda, error) {
	if limit <= 0 {
		limit = domain.DefaultAgendaLimit
	}
	out := &domain.Agenda{Today: today}
	sections := []struct {
		from, to string
		items    *[]domain.AgendaItem
		total    *int
	}{
		{"0000-00-00", today.AddDays(-1).String(), &out.Overdue, &out.OverdueTotal},
		{today.String(), today.String(), &out.DueToday, &out.DueTodayTotal},
		{today.AddDays(1).String(), domain.AgendaEnd(today).String(), &out.Upcoming, &out.UpcomingTotal},
	}
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		for _, sec := range sections {
			items, err := agendaItems(ctx, tx, sec.from, sec.to, limit)
			if err != nil {
				return err
			}
			*sec.items = items
			*sec.total = len(items)
			if len(items) == limit {
				if err := tx.QueryRowContext(ctx, agendaCount, sec.from, sec.to).Scan(sec.total); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrap("today agenda", err)
	}
	return out, nil
}

func agendaItems(ctx context.Context, tx *sql.Tx, from, to string, limit int) ([]domain.AgendaItem, error) {
	rows, err := tx.QueryContext(ctx, agendaSection, from, to, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.AgendaItem
	for rows.Next() {
		var it domain.AgendaItem
		if err := rows.Scan(&it.ID, &it.AccountID, &it.AccountCode, &it.AccountName, &it.ContactName, &it.Subject,
			onDate(&it.Due), &it.LoggedBy, &it.Version); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// goingColdWhere selects active accounts last contacted before ?1, or never
// and created before it (one added since is new, not cold):
// accounts_by_last_contact serves it in order, NULLs (never) first.
const goingColdWhere = ` FROM accounts a WHERE a.archived = 0 AND
	(a.last_contact_at IS NULL AND a.created_at < ?1 OR a.last_contact_at < ?1)`

// goingColdCount counts them as two ranges of accounts_by_last_contact, the
// contacted ones read from the index alone (an OR would merge two index
// scans and read the rows).
const goingColdCount = `SELECT (SELECT count(*) FROM accounts WHERE archived = 0 AND last_contact_at IS NULL AND created_at < ?1) +
	(SELECT count(*) FROM accounts WHERE archived = 0 AND last_contact_at < ?1)`

// GoingCold lists active accounts with no call, meeting or e-mail for more than
// days days before today: never contacted first, then oldest contact first.
func (s *ActivityService) GoingCold(ctx context.Context, today domain.Date, days, limit int) ([]domain.ColdAccount, int, error) {
	cutoff := dayStart(domain.ColdCutoff(today, days))
	var out []domain.ColdAccount
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		page := ""
		if limit > 0 {
			page = ` LIMIT ` + itoa(limit)
		}
		rows, err := tx.QueryContext(ctx, `SELECT a.id, a.code, a.name, a.city, a.owner, a.last_contact_at`+goingColdWhere+
			` ORDER BY a.last_contact_at, a.name_key`+page, cutoff)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c domain.ColdAccount
			if err := rows.Scan(&c.AccountID, &c.Code, &c.Name, &c.City, &c.Owner, onLocalDay(&c.LastContact)); err != nil {
				return err
			}
			out = append(out, c)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		total = len(out)
		if limit > 0 && len(out) == limit {
			return tx.QueryRowContext(ctx, goingColdCount, cutoff).Scan(&total)
		}
		return nil
	})
	if err != nil {
		return nil, 0, wrap("going cold", err)
	}
	return out, total, nil
}

// LastActivityDay is the local date of the latest activity, zero when there
// is none: the day a history generated long ago ends, whose Today screen
// shows it as it was.
func (s *ActivityService) LastActivityDay(ctx context.Context) (domain.Date, error) {
	var last domain.Date
	err := s.db.r.QueryRowContext(ctx, `SELECT max(occurred_at) FROM activities`).Scan(onLocalDay(&last))
	return last, wrap("last activity", err)
}
