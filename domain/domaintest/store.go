// Package domaintest provides in-memory fakes of the domain services for ui and
// cmd tests. They pass the same conformance suite as the SQLite store
// (kontor/domain/servicetest), so a screen sees what it will see against the
// store: fields validated and normalised, codes unique regardless of case, the
// same error codes and keys, stale versions refused, records that others refer
// to kept, names joined live, and search over folded word prefixes.
package domaintest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"kontor/domain"
)

// Store is an in-memory AccountService and ContactService. The zero value is
// not usable; call New.
type Store struct {
	mu       sync.Mutex
	accounts map[domain.AccountID]*domain.Account
	contacts map[domain.ContactID]*domain.Contact
	history  map[domain.AccountID]bool // marked by MarkHistory
	nextID   int64
	coll     *collate.Collator
	now      func() time.Time
	// refs report whether the other fakes (catalog, documents, ledger) hold
	// records of an account, which keep it from being deleted.
	refs []func(domain.AccountID) bool

	// Writes counts successful creates, updates, archive changes and deletes,
	// so a test can assert that nothing was saved.
	Writes int

	activities map[domain.ActivityID]*activityState // deleted ones included; see activities.go
}

var (
	_ domain.AccountService = (*Store)(nil)
	_ domain.ContactService = (*Store)(nil)
)

// New returns an empty store.
func New() *Store {
	return &Store{
		accounts: map[domain.AccountID]*domain.Account{},
		contacts: map[domain.ContactID]*domain.Contact{},
		history:  map[domain.AccountID]bool{},
		coll:     collate.New(language.Polish),
		now:      func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) },
	}
}

// MarkHistory records that an account has history (activities, orders, …),
// so deleting it is refused as the store refuses it.
func (s *Store) MarkHistory(id domain.AccountID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.history[id] = true
}

// referAccount adds a check of whether another fake holds records of an account.
func (s *Store) referAccount(held func(domain.AccountID) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refs = append(s.refs, held)
}

// names are an account's code and name as the store joins them, live.
func (s *Store) names(id domain.AccountID) (code, name string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.accounts[id]
	if !ok {
		return "", "", false
	}
	return a.Code, a.Name, true
}

// account returns a copy of the account with this code (any case), or nil.
func (s *Store) account(code string) *domain.Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.byCode(code); a != nil {
		return copyAccount(a)
	}
	return nil
}

// contact returns a copy of a contact, if it still exists.
func (s *Store) contact(id domain.ContactID) (*domain.Contact, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.contacts[id]
	if !ok {
		return nil, false
	}
	return copyContact(c), true
}

// TouchAccount bumps an account's version as a save elsewhere (another window,
// kontorctl) would, so that the next update naming the old version conflicts.
func (s *Store) TouchAccount(id domain.AccountID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.accounts[id]; ok {
		a.Version++
	}
}

// TouchContact bumps a contact's version, as TouchAccount does for accounts.
func (s *Store) TouchContact(id domain.ContactID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.contacts[id]; ok {
		c.Version++
	}
}

func (s *Store) newID() int64 {
	s.nextID++
	return s.nextID
}

func notFound() error {
	return domain.Errorf(domain.ENotFound, "record.deleted", "it was deleted elsewhere since you opened it", nil)
}

func changed() error {
	return domain.Errorf(domain.EConflict, "record.changed",
		"it was changed elsewhere since you opened it; nothing was saved. Reopen it to see the changes, then edit again.", nil)
}

// copyAccount returns a copy the caller may keep: screens must never share the
// store's own records, or an edit would change them without a save.
func copyAccount(a *domain.Account) *domain.Account {
	c := *a
	return &c
}

func copyContact(c *domain.Contact) *domain.Contact {
	d := *c
	return &d
}

// accountText is what search matches an account by (code, name, tax ID, city).
func accountText(f *domain.AccountFields) string {
	return domain.Fold(strings.Join([]string{f.Code, f.Name, f.TaxID, f.City}, " "))
}

// contactText is what search matches a contact by (names and e-mail).
func contactText(f *domain.ContactFields) string {
	return domain.Fold(strings.Join([]string{f.FirstName, f.LastName, f.Email}, " "))
}

// searchTokens folds the query; a tax ID typed with a PL prefix, dashes or
// spaces becomes one run of digits, as the store stores it.
func searchTokens(text string) []string {
	t := strings.TrimSpace(text)
	if u := strings.ToUpper(t); strings.HasPrefix(u, "PL") && len(u) > 2 && strings.Trim(u[2:], "0123456789- ") == "" {
		t = t[2:]
	}
	if strings.Trim(t, "0123456789- ") == "" && strings.ContainsAny(t, "- ") {
		if d := strings.NewReplacer("-", "", " ", "").Replace(t); len(d) >= 3 {
			return []string{d}
		}
	}
	return domain.FoldTokens(t)
}

func (s *Store) rowOf(a *domain.Account) domain.AccountRow {
	return domain.AccountRow{Kind: domain.HitAccount, AccountID: a.ID, Code: a.Code, Name: a.Name, City: a.City,
		TaxID: a.TaxID, CustomerGroup: a.CustomerGroup, Owner: a.Owner, Archived: a.Archived, LastContact: s.lastContact(a.ID)}
}

// sortedAccounts returns the accounts passing keep in Polish name order.
func (s *Store) sortedAccounts(keep func(*domain.Account) bool) []*domain.Account {
	var out []*domain.Account
	for _, a := range s.accounts {
		if keep(a) {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b *domain.Account) int {
		if c := s.coll.CompareString(a.Name, b.Name); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out
}

func page[T any](all []T, offset, limit int) []T {
	if offset > len(all) {
		return nil
	}
	all = all[max(offset, 0):]
	if limit > 0 && limit < len(all) {
		all = all[:limit]
	}
	return all
}

func ctxErr(ctx context.Context) error { return ctx.Err() }

// AddAccount creates an account with defaults, code, name and city, changed
// further by set, and fails the test when the store refuses it.
func (s *Store) AddAccount(t testing.TB, code, name, city string, set ...func(*domain.AccountFields)) *domain.Account {
	t.Helper()
	f := domain.NewAccountFields()
	f.Code, f.Name, f.City = code, name, city
	for _, fn := range set {
		fn(&f)
	}
	a, err := s.CreateAccount(context.Background(), f)
	if err != nil {
		t.Fatalf("add account %s: %v", code, err)
	}
	return a
}

// AddContact creates a contact at account and fails the test when refused.
func (s *Store) AddContact(t testing.TB, account domain.AccountID, first, last, email string) *domain.Contact {
	t.Helper()
	c, err := s.CreateContact(context.Background(), account, domain.ContactFields{FirstName: first, LastName: last, Email: email})
	if err != nil {
		t.Fatalf("add contact %s %s: %v", first, last, err)
	}
	return c
}

// SetClock makes now the store's clock: what it stamps records created
// from now on with (an account added months ago is not new).
func (s *Store) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}
