package store

import (
	"context"
	"database/sql"

	"kontor/domain"
)

// GroupService implements domain.GroupService. Groups are named by accounts'
// customer_group field; a trigger (migrations/0003_catalog.sql) creates the
// group row the first time an account names it.
type GroupService struct{ db *DB }

// NewGroupService returns the customer group service over db.
func NewGroupService(db *DB) *GroupService { return &GroupService{db: db} }

var _ domain.GroupService = (*GroupService)(nil)

// Member counts use accounts_by_group; groups are few, so sorting them with
// the polish collation on the fly is cheap.
const groupSelect = `SELECT g.id, g.name, g.created_at,
	(SELECT count(*) FROM accounts a WHERE a.customer_group = g.name) FROM customer_groups g `

func scanGroup(sc interface{ Scan(...any) error }) (*domain.CustomerGroup, error) {
	var g domain.CustomerGroup
	if err := sc.Scan(&g.ID, &g.Name, atTime(&g.CreatedAt), &g.Members); err != nil {
		return nil, err
	}
	return &g, nil
}

func findGroup(ctx context.Context, q queryer, where string, arg any) (*domain.CustomerGroup, error) {
	g, err := scanGroup(q.QueryRowContext(ctx, groupSelect+`WHERE `+where, arg))
	if err == sql.ErrNoRows {
		return nil, domain.Errorf(domain.ENotFound, "group.not_found", "no such customer group: {{.Key}}", map[string]any{"Key": arg})
	}
	return g, wrap("find group", err)
}

// FindGroups lists every group in Polish order.
func (s *GroupService) FindGroups(ctx context.Context) ([]domain.CustomerGroup, error) {
	rows, err := s.db.r.QueryContext(ctx, groupSelect+`ORDER BY g.name COLLATE `+polishCollation+`, g.id`)
	if err != nil {
		return nil, wrap("find groups", err)
	}
	defer rows.Close()
	var out []domain.CustomerGroup
	for rows.Next() {
		g, err := scanGroup(rows)
		if err != nil {
			return nil, wrap("find groups", err)
		}
		out = append(out, *g)
	}
	return out, wrap("find groups", rows.Err())
}

// FindGroupByID returns one group.
func (s *GroupService) FindGroupByID(ctx context.Context, id domain.GroupID) (*domain.CustomerGroup, error) {
	return findGroup(ctx, s.db.r, `g.id = ?`, int64(id))
}

// FindGroupByName returns the group with exactly this name.
func (s *GroupService) FindGroupByName(ctx context.Context, name string) (*domain.CustomerGroup, error) {
	return findGroup(ctx, s.db.r, `g.name = ?`, name)
}

// CreateGroup adds a group with no members.
func (s *GroupService) CreateGroup(ctx context.Context, name string) (*domain.CustomerGroup, error) {
	n, err := domain.ValidateGroupName(name)
	if err != nil {
		return nil, err
	}
	var out *domain.CustomerGroup
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO customer_groups (name, created_at) VALUES (?, ?)`, n, moment(s.db.now()))
		if err != nil {
			return groupTakenOr(err, n)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		out, err = findGroup(ctx, tx, `g.id = ?`, id)
		return err
	})
	return out, err
}

func groupTakenOr(err error, name string) error {
	if e, ok := domain.AsError(mapError(err)); ok && e.Key == "db.duplicate" {
		return &domain.Error{Code: domain.EConflict, Key: "group.name_taken", Msg: "the group name is already used",
			Fields: []domain.FieldError{{Field: domain.FieldName, Key: "group.taken",
				Msg: "there is already a group named {{.Value}}", Args: map[string]any{"Value": name}}}}
	}
	return err
}

// RenameGroup renames a group and its members' customer_group, bumping their
// versions so that an account open in an editor reloads rather than writing
// the old name back.
func (s *GroupService) RenameGroup(ctx context.Context, id domain.GroupID, name string) (*domain.CustomerGroup, error) {
	n, err := domain.ValidateGroupName(name)
	if err != nil {
		return nil, err
	}
	var out *domain.CustomerGroup
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		old, err := findGroup(ctx, tx, `g.id = ?`, int64(id))
		if err != nil {
			return err
		}
		if old.Name == n {
			out = old
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customer_groups SET name = ? WHERE id = ?`, n, int64(id)); err != nil {
			return groupTakenOr(err, n)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET customer_group = ?, version = version + 1, updated_at = ?
			WHERE customer_group = ?`, n, moment(s.db.now()), old.Name); err != nil {
			return err
		}
		out, err = findGroup(ctx, tx, `g.id = ?`, int64(id))
		return err
	})
	return out, err
}

// FindGroupMembers lists a group's accounts in Polish name order.
func (s *GroupService) FindGroupMembers(ctx context.Context, id domain.GroupID, offset, limit int) ([]domain.AccountRow, int, error) {
	var out []domain.AccountRow
	var total int
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		g, err := findGroup(ctx, tx, `g.id = ?`, int64(id))
		if err != nil {
			return err
		}
		total = g.Members
		out, err = queryRows(ctx, tx, `SELECT `+rowColumns+` FROM accounts a WHERE a.customer_group = ?
			ORDER BY a.name_key, a.id`+pageClause(offset, limit), nil, g.Name)
		return err
	})
	return out, total, wrap("find group members", err)
}

// DeleteGroup removes a group no account and no agreement refers to.
func (s *GroupService) DeleteGroup(ctx context.Context, id domain.GroupID) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		g, err := findGroup(ctx, tx, `g.id = ?`, int64(id))
		if err != nil {
			return err
		}
		if g.Members > 0 {
			return domain.Errorf(domain.EConflict, "group.has_members",
				"{{.Count}} accounts are in the group; move them to another group first", map[string]any{"Count": g.Members})
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM customer_groups WHERE id = ?`, int64(id))
		if e, ok := domain.AsError(mapError(err)); ok && e.Key == "db.referenced" {
			return domain.Errorf(domain.EConflict, "group.has_agreements",
				"price agreements refer to the group, so it cannot be deleted", nil)
		}
		return err
	})
}
