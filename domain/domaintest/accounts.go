package domaintest

import (
	"context"
	"strings"

	"kontor/domain"
)

// FindAccountByID returns a copy of one account.
func (s *Store) FindAccountByID(ctx context.Context, id domain.AccountID) (*domain.Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.accounts[id]
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "account.not_found", "no such account: {{.Key}}", map[string]any{"Key": id})
	}
	c := copyAccount(a)
	c.LastContact = s.lastContact(id)
	return c, ctxErr(ctx)
}

// FindAccountByCode returns the account with this code, ignoring case.
func (s *Store) FindAccountByCode(ctx context.Context, code string) (*domain.Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.byCode(code); a != nil {
		c := copyAccount(a)
		c.LastContact = s.lastContact(a.ID)
		return c, ctxErr(ctx)
	}
	return nil, domain.Errorf(domain.ENotFound, "account.not_found", "no such account: {{.Key}}", map[string]any{"Key": code})
}

func (s *Store) byCode(code string) *domain.Account {
	code = strings.TrimSpace(code)
	for _, a := range s.accounts {
		if strings.EqualFold(a.Code, code) {
			return a
		}
	}
	return nil
}

func (s *Store) filtered(f domain.AccountFilter) []*domain.Account {
	all := s.sortedAccounts(func(a *domain.Account) bool {
		return (f.IncludeArchived || !a.Archived) && (f.ParentID == 0 || a.ParentID == f.ParentID)
	})
	s.sortByLastContact(all, f.Sort)
	return all
}

// FindAccounts lists accounts in Polish name order with the total matching f.
func (s *Store) FindAccounts(ctx context.Context, f domain.AccountFilter) ([]*domain.Account, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := s.filtered(f)
	var out []*domain.Account
	for _, a := range page(all, f.Offset, f.Limit) {
		c := copyAccount(a)
		c.LastContact = s.lastContact(a.ID)
		out = append(out, c)
	}
	return out, len(all), ctxErr(ctx)
}

// ListAccountRows is FindAccounts as list rows.
func (s *Store) ListAccountRows(ctx context.Context, f domain.AccountFilter) ([]domain.AccountRow, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := s.filtered(f)
	var out []domain.AccountRow
	for _, a := range page(all, f.Offset, f.Limit) {
		out = append(out, s.rowOf(a))
	}
	return out, len(all), ctxErr(ctx)
}

// SearchAccounts returns account hits in name order, then contact hits by
// contact name, up to q.Limit, matching every folded token as a word prefix.
func (s *Store) SearchAccounts(ctx context.Context, q domain.SearchQuery) ([]domain.AccountRow, error) {
	tokens := searchTokens(q.Text)
	if len(tokens) == 0 {
		return nil, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = domain.DefaultSearchLimit
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.AccountRow
	for _, a := range s.sortedAccounts(func(a *domain.Account) bool {
		return (q.IncludeArchived || !a.Archived) && domain.MatchesPrefixes(tokens, accountText(&a.AccountFields))
	}) {
		out = append(out, s.rowOf(a))
	}
	var people []*domain.Contact
	for _, c := range s.contacts {
		a := s.accounts[c.AccountID]
		if (q.IncludeArchived || !a.Archived) && domain.MatchesPrefixes(tokens, contactText(&c.ContactFields)) {
			people = append(people, c)
		}
	}
	s.sortContacts(people)
	for _, c := range people {
		r := s.rowOf(s.accounts[c.AccountID])
		r.Kind, r.ContactID, r.ContactName = domain.HitContact, c.ID, c.FullName()
		out = append(out, r)
	}
	return page(out, 0, limit), ctxErr(ctx)
}

// CreateAccount validates and stores a new account.
func (s *Store) CreateAccount(ctx context.Context, f domain.AccountFields) (*domain.Account, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	a := &domain.Account{ID: domain.AccountID(s.newID()), Version: 1, CreatedAt: s.now(), UpdatedAt: s.now()}
	if err := s.apply(a, f); err != nil {
		return nil, err
	}
	s.accounts[a.ID] = a
	s.Writes++
	return copyAccount(a), nil
}

// UpdateAccount replaces an account's fields unless it changed since upd.Version.
func (s *Store) UpdateAccount(ctx context.Context, id domain.AccountID, upd domain.AccountUpdate) (*domain.Account, error) {
	f := upd.AccountFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	a, ok := s.accounts[id]
	if !ok {
		return nil, notFound()
	}
	if upd.Version != 0 && upd.Version != a.Version {
		return nil, changed()
	}
	next := *a
	if err := s.apply(&next, f); err != nil {
		return nil, err
	}
	next.Version++
	next.UpdatedAt = s.now()
	*a = next
	s.Writes++
	return copyAccount(a), nil
}

// apply checks the rules that need the other records in the store's order
// (known parent, no loop, then unique code) and stores f into a.
func (s *Store) apply(a *domain.Account, f domain.AccountFields) error {
	parentID, parentName := domain.AccountID(0), ""
	if f.ParentCode != "" {
		p := s.byCode(f.ParentCode)
		if p == nil {
			return parentError("parent.unknown", "there is no account with code {{.Value}}", f.ParentCode)
		}
		for cur := p; cur != nil; cur = s.accounts[cur.ParentID] {
			if cur.ID == a.ID {
				return parentError("parent.loop", "{{.Value}} is already below this account: the head office chain would loop", f.ParentCode)
			}
		}
		parentID, parentName = p.ID, p.Name
		f.ParentCode = p.Code
	}
	if other := s.byCode(f.Code); other != nil && other.ID != a.ID {
		return &domain.Error{Code: domain.EConflict, Key: "account.code_taken", Msg: "the account code is already used",
			Fields: []domain.FieldError{{Field: domain.FieldCode, Key: "code.taken",
				Msg: "{{.Value}} is already used by another account", Args: map[string]any{"Value": f.Code}}}}
	}
	a.AccountFields, a.ParentID, a.ParentName = f, parentID, parentName
	return nil
}

func parentError(key, msg, code string) error {
	return &domain.Error{Code: domain.EInvalid, Key: "account.invalid", Msg: "the account is not valid",
		Fields: []domain.FieldError{{Field: domain.FieldParentCode, Key: key, Msg: msg, Args: map[string]any{"Value": code}}}}
}

// SetAccountArchived archives or restores an account.
func (s *Store) SetAccountArchived(ctx context.Context, id domain.AccountID, archived bool) (*domain.Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.accounts[id]
	if !ok {
		return nil, notFound()
	}
	a.Archived = archived
	a.Version++
	a.UpdatedAt = s.now()
	s.Writes++
	return copyAccount(a), ctxErr(ctx)
}

// DeleteAccount removes an account and its contacts, refusing one with
// branches or history: live activities, or records of it in the catalog,
// documents or ledger. Its deleted activities go with it.
func (s *Store) DeleteAccount(ctx context.Context, id domain.AccountID) error {
	s.mu.Lock()
	refs := s.refs
	s.mu.Unlock()
	held := false
	for _, r := range refs { // outside s.mu: the other fakes lock themselves, then the store
		held = held || r(id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.accounts[id]; !ok {
		return notFound()
	}
	branches := 0
	for _, a := range s.accounts {
		if a.ParentID == id {
			branches++
		}
	}
	if branches > 0 {
		return domain.Errorf(domain.EConflict, "account.has_branches",
			"the account is the head office of {{.Count}} branches; move or delete them first, or archive it", map[string]any{"Count": branches})
	}
	for _, st := range s.activities {
		held = held || st.a.AccountID == id && !st.deleted
	}
	if held || s.history[id] {
		return domain.Errorf(domain.EConflict, "account.has_history", "the account has history, so it cannot be deleted; archive it instead", nil)
	}
	delete(s.accounts, id)
	for cid, c := range s.contacts {
		if c.AccountID == id {
			delete(s.contacts, cid)
		}
	}
	for aid, st := range s.activities {
		if st.a.AccountID == id {
			delete(s.activities, aid)
		}
	}
	s.Writes++
	return ctxErr(ctx)
}
