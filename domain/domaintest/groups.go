package domaintest

import (
	"context"
	"slices"

	"kontor/domain"
)

// memberCounts counts the accounts naming each customer group, archived ones included.
func (s *Store) memberCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := map[string]int{}
	for _, a := range s.accounts {
		if a.CustomerGroup != "" {
			n[a.CustomerGroup]++
		}
	}
	return n
}

// members lists the accounts of a group in name order.
func (s *Store) members(group string) []domain.AccountRow {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.AccountRow
	for _, a := range s.sortedAccounts(func(a *domain.Account) bool { return a.CustomerGroup == group }) {
		out = append(out, s.rowOf(a))
	}
	return out
}

// renameGroup moves every member of group from to group to, as the store's
// rename does in its transaction: a new version, so that an editor open on a
// member does not write the old name back.
func (s *Store) renameGroup(from, to string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.accounts {
		if a.CustomerGroup == from {
			a.CustomerGroup = to
			a.Version++
			a.UpdatedAt = s.now()
		}
	}
}

// sync creates the groups that accounts name but that do not exist yet (the
// store creates them when such an account is saved) and refreshes the member
// counts. The caller holds c.mu.
func (c *Catalog) sync() {
	counts := c.accounts.memberCounts()
	for name := range counts {
		if c.groupByName(name) == nil {
			g := &domain.CustomerGroup{ID: domain.GroupID(c.newID()), Name: name, CreatedAt: c.now()}
			c.groups[g.ID] = g
		}
	}
	for _, g := range c.groups {
		g.Members = counts[g.Name]
	}
}

func (c *Catalog) groupByName(name string) *domain.CustomerGroup {
	for _, g := range c.groups {
		if g.Name == name {
			return g
		}
	}
	return nil
}

func groupNotFound(key any) error {
	return domain.Errorf(domain.ENotFound, "group.not_found", "no such customer group: {{.Key}}", map[string]any{"Key": key})
}

// FindGroups lists every group in Polish name order with its member count.
func (c *Catalog) FindGroups(ctx context.Context) ([]domain.CustomerGroup, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync()
	var out []domain.CustomerGroup
	for _, g := range c.groups {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b domain.CustomerGroup) int {
		if r := c.accounts.coll.CompareString(a.Name, b.Name); r != 0 {
			return r
		}
		return int(a.ID - b.ID)
	})
	return out, ctxErr(ctx)
}

// FindGroupByID returns one group.
func (c *Catalog) FindGroupByID(ctx context.Context, id domain.GroupID) (*domain.CustomerGroup, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync()
	g, ok := c.groups[id]
	if !ok {
		return nil, groupNotFound(int64(id))
	}
	out := *g
	return &out, ctxErr(ctx)
}

// FindGroupByName returns the group with exactly this name.
func (c *Catalog) FindGroupByName(ctx context.Context, name string) (*domain.CustomerGroup, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync()
	if g := c.groupByName(name); g != nil {
		out := *g
		return &out, ctxErr(ctx)
	}
	return nil, groupNotFound(name)
}

func groupTaken(name string) error {
	return &domain.Error{Code: domain.EConflict, Key: "group.name_taken", Msg: "the group name is already used",
		Fields: []domain.FieldError{{Field: domain.FieldName, Key: "group.taken",
			Msg: "there is already a group named {{.Value}}", Args: map[string]any{"Value": name}}}}
}

// CreateGroup adds a group with a new name.
func (c *Catalog) CreateGroup(ctx context.Context, name string) (*domain.CustomerGroup, error) {
	n, err := domain.ValidateGroupName(name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync()
	if c.groupByName(n) != nil {
		return nil, groupTaken(n)
	}
	g := &domain.CustomerGroup{ID: domain.GroupID(c.newID()), Name: n, CreatedAt: c.now()}
	c.groups[g.ID] = g
	c.Writes++
	out := *g
	return &out, ctxErr(ctx)
}

// RenameGroup renames a group and its members' customer_group field;
// agreements follow, as they name the group by ID.
func (c *Catalog) RenameGroup(ctx context.Context, id domain.GroupID, name string) (*domain.CustomerGroup, error) {
	n, err := domain.ValidateGroupName(name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync()
	g, ok := c.groups[id]
	if !ok {
		return nil, groupNotFound(int64(id))
	}
	if g.Name != n {
		if other := c.groupByName(n); other != nil {
			return nil, groupTaken(n)
		}
		c.accounts.renameGroup(g.Name, n)
		g.Name = n
		c.Writes++
	}
	out := *g
	return &out, ctxErr(ctx)
}

// FindGroupMembers lists a group's accounts in name order, paged, with the total.
func (c *Catalog) FindGroupMembers(ctx context.Context, id domain.GroupID, offset, limit int) ([]domain.AccountRow, int, error) {
	c.mu.Lock()
	g, ok := c.groups[id]
	name := ""
	if ok {
		name = g.Name
	}
	c.mu.Unlock()
	if !ok {
		return nil, 0, groupNotFound(int64(id))
	}
	all := c.accounts.members(name)
	return page(all, offset, limit), len(all), ctxErr(ctx)
}

// DeleteGroup removes a group with no members and no agreements.
func (c *Catalog) DeleteGroup(ctx context.Context, id domain.GroupID) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync()
	g, ok := c.groups[id]
	if !ok {
		return groupNotFound(int64(id))
	}
	if g.Members > 0 {
		return domain.Errorf(domain.EConflict, "group.has_members",
			"{{.Count}} accounts are in the group; move them to another group first", map[string]any{"Count": g.Members})
	}
	for _, a := range c.agreements {
		if a.GroupID == id {
			return domain.Errorf(domain.EConflict, "group.has_agreements", "price agreements refer to the group, so it cannot be deleted", nil)
		}
	}
	delete(c.groups, id)
	c.Writes++
	return ctxErr(ctx)
}
