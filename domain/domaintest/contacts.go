package domaintest

import (
	"context"
	"slices"

	"kontor/domain"
)

// sortContacts orders people by last name, then first name, the Polish way.
func (s *Store) sortContacts(cs []*domain.Contact) {
	slices.SortFunc(cs, func(a, b *domain.Contact) int {
		if c := s.coll.CompareString(a.LastName+" "+a.FirstName, b.LastName+" "+b.FirstName); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
}

// FindContactByID returns a copy of one contact.
func (s *Store) FindContactByID(ctx context.Context, id domain.ContactID) (*domain.Contact, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.contacts[id]
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "contact.not_found", "the contact no longer exists", nil)
	}
	return copyContact(c), ctxErr(ctx)
}

// FindContacts lists an account's contacts by last name, then first name.
func (s *Store) FindContacts(ctx context.Context, account domain.AccountID) ([]*domain.Contact, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*domain.Contact
	for _, c := range s.contacts {
		if c.AccountID == account {
			out = append(out, copyContact(c))
		}
	}
	s.sortContacts(out)
	return out, ctxErr(ctx)
}

// CreateContact adds a person to an account.
func (s *Store) CreateContact(ctx context.Context, account domain.AccountID, f domain.ContactFields) (*domain.Contact, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.accounts[account]; !ok {
		return nil, notFound()
	}
	c := &domain.Contact{ID: domain.ContactID(s.newID()), AccountID: account, ContactFields: f, Version: 1,
		CreatedAt: s.now(), UpdatedAt: s.now()}
	s.contacts[c.ID] = c
	s.Writes++
	return copyContact(c), ctxErr(ctx)
}

// UpdateContact replaces a contact's fields unless it changed since upd.Version.
func (s *Store) UpdateContact(ctx context.Context, id domain.ContactID, upd domain.ContactUpdate) (*domain.Contact, error) {
	f := upd.ContactFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.contacts[id]
	if !ok {
		return nil, notFound()
	}
	if upd.Version != 0 && upd.Version != c.Version {
		return nil, changed()
	}
	c.ContactFields = f
	c.Version++
	c.UpdatedAt = s.now()
	s.Writes++
	return copyContact(c), ctxErr(ctx)
}

// DeleteContact removes a contact, refusing one that live activities name.
// Its deleted activities go with it; quotes and orders that named it keep
// no contact.
func (s *Store) DeleteContact(ctx context.Context, id domain.ContactID) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.contacts[id]; !ok {
		return notFound()
	}
	for _, st := range s.activities {
		if st.a.ContactID == id && !st.deleted {
			return domain.Errorf(domain.EConflict, "contact.has_history", "the contact has history, so it cannot be deleted", nil)
		}
	}
	for aid, st := range s.activities {
		if st.a.ContactID == id {
			delete(s.activities, aid)
		}
	}
	delete(s.contacts, id)
	s.Writes++
	return ctxErr(ctx)
}
