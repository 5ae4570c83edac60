package domaintest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"kontor/domain"
)

var _ domain.ActivityService = (*Store)(nil)

// snippetWidth is about how many runes a history hit's snippet holds.
const snippetWidth = 120

// activityState is an activity as the fake keeps it: deleted ones stay, so
// that RestoreActivity can bring them back.
type activityState struct {
	a       domain.Activity
	deleted bool
}

// FindActivityByID returns a copy of one activity; a deleted one is not found.
func (s *Store) FindActivityByID(ctx context.Context, id domain.ActivityID) (*domain.Activity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.activities[id]
	if !ok || st.deleted {
		return nil, activityNotFound()
	}
	return s.viewActivity(st), ctxErr(ctx)
}

func activityNotFound() error {
	return domain.Errorf(domain.ENotFound, "activity.not_found", "the activity no longer exists", nil)
}

// Timeline returns a page of an account's activities, newest first by
// (OccurredAt, ID), after the cursor or, with Newer, before it.
func (s *Store) Timeline(ctx context.Context, q domain.TimelineQuery) (*domain.TimelinePage, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = domain.DefaultTimelinePage
	}
	tokens := domain.FoldTokens(q.Text)
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []*activityState
	for _, st := range s.activities {
		a := &st.a
		if st.deleted || a.AccountID != q.Account || (len(q.Kinds) > 0 && !slices.Contains(q.Kinds, a.Kind)) {
			continue
		}
		day := domain.DateOf(a.OccurredAt.In(time.Local))
		if (!q.From.IsZero() && day.Before(q.From)) || (!q.To.IsZero() && q.To.Before(day)) {
			continue
		}
		if len(tokens) > 0 && !domain.MatchesPrefixes(tokens, activityText(a)) {
			continue
		}
		all = append(all, st)
	}
	slices.SortFunc(all, func(x, y *activityState) int { return newestFirst(&x.a, &y.a) })
	total := len(all)
	var page []*activityState
	more := false
	switch {
	case q.After.IsZero():
		page, more = all[:min(limit, len(all))], len(all) > limit
	case q.Newer:
		// The activities newer than the cursor, the nearest ones: the end of the newer run.
		n := 0
		for n < len(all) && newerThan(&all[n].a, q.After) {
			n++
		}
		page, more = all[max(0, n-limit):n], n > limit
	default:
		i := 0
		for i < len(all) && !olderThan(&all[i].a, q.After) {
			i++
		}
		rest := all[i:]
		page, more = rest[:min(limit, len(rest))], len(rest) > limit
	}
	out := &domain.TimelinePage{More: more, Total: -1}
	if q.After.IsZero() {
		out.Total = total
	}
	for _, st := range page {
		out.Activities = append(out.Activities, s.viewActivity(st))
	}
	return out, ctxErr(ctx)
}

// newestFirst orders activities by (OccurredAt, ID), descending.
func newestFirst(x, y *domain.Activity) int {
	if c := y.OccurredAt.Compare(x.OccurredAt); c != 0 {
		return c
	}
	return int(y.ID - x.ID)
}

// olderThan reports whether a comes after the cursor in a timeline.
func olderThan(a *domain.Activity, c domain.ActivityCursor) bool {
	return a.OccurredAt.Before(c.OccurredAt) || (a.OccurredAt.Equal(c.OccurredAt) && a.ID < c.ID)
}

// newerThan reports whether a comes before the cursor in a timeline.
func newerThan(a *domain.Activity, c domain.ActivityCursor) bool {
	return a.OccurredAt.After(c.OccurredAt) || (a.OccurredAt.Equal(c.OccurredAt) && a.ID > c.ID)
}

// activityText is what history search matches an activity by.
func activityText(a *domain.Activity) string { return domain.Fold(a.Subject + " " + a.Notes) }

// CreateActivity validates and stores a new activity.
func (s *Store) CreateActivity(ctx context.Context, f domain.ActivityFields) (*domain.Activity, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	st := &activityState{a: domain.Activity{ID: domain.ActivityID(s.newID()), Version: 1, CreatedAt: s.now(), UpdatedAt: s.now()}}
	if err := s.applyActivity(&st.a, f); err != nil {
		return nil, err
	}
	if s.activities == nil {
		s.activities = map[domain.ActivityID]*activityState{}
	}
	s.activities[st.a.ID] = st
	s.Writes++
	return s.viewActivity(st), nil
}

// UpdateActivity replaces an activity's fields unless it was deleted or
// changed since upd.Version.
func (s *Store) UpdateActivity(ctx context.Context, id domain.ActivityID, upd domain.ActivityUpdate) (*domain.Activity, error) {
	f := upd.ActivityFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.liveActivity(id, upd.Version)
	if err != nil {
		return nil, err
	}
	next := st.a
	if err := s.applyActivity(&next, f); err != nil {
		return nil, err
	}
	next.Version++
	next.UpdatedAt = s.now()
	st.a = next
	s.Writes++
	return s.viewActivity(st), ctxErr(ctx)
}

// liveActivity is the activity with id unless it was deleted or, for a
// version other than 0, saved since that version.
func (s *Store) liveActivity(id domain.ActivityID, version int64) (*activityState, error) {
	st, ok := s.activities[id]
	if !ok || st.deleted {
		return nil, activityGone()
	}
	if version != 0 && version != st.a.Version {
		return nil, changed()
	}
	return st, nil
}

// applyActivity resolves the account and contact of f and stores f into a:
// an account by ID must still exist (ENotFound), one by code is a field error;
// a contact by ID must be the account's, one by e-mail the only one with it.
func (s *Store) applyActivity(a *domain.Activity, f domain.ActivityFields) error {
	var acc *domain.Account
	if f.AccountID != 0 {
		if acc = s.accounts[f.AccountID]; acc == nil {
			return domain.Errorf(domain.ENotFound, "account.gone", "the account no longer exists", nil)
		}
	} else if acc = s.byCode(f.AccountCode); acc == nil {
		return activityFieldError(domain.FieldAccountCode, "account.unknown", "there is no account with code {{.Value}}", f.AccountCode)
	}
	f.AccountID, f.AccountCode = acc.ID, acc.Code
	switch {
	case f.ContactID != 0:
		c, ok := s.contacts[f.ContactID]
		if !ok || c.AccountID != acc.ID {
			return &domain.Error{Code: domain.EInvalid, Key: "activity.invalid", Msg: "the activity is not valid",
				Fields: []domain.FieldError{{Field: domain.FieldContactEmail, Key: "activity.contact_gone", Msg: "the contact is no longer at this account"}}}
		}
		f.ContactEmail = c.Email
	case f.ContactEmail != "":
		var found []*domain.Contact
		for _, c := range s.contacts {
			if c.AccountID == acc.ID && c.Email != "" && strings.EqualFold(c.Email, strings.TrimSpace(f.ContactEmail)) {
				found = append(found, c)
			}
		}
		switch len(found) {
		case 0:
			return activityFieldError(domain.FieldContactEmail, "activity.contact_unknown",
				"the account has no contact with the e-mail {{.Value}}", f.ContactEmail)
		case 1:
			f.ContactID = found[0].ID
		default:
			return activityFieldError(domain.FieldContactEmail, "contact.ambiguous_email",
				"several contacts of this account have the e-mail {{.Value}}; change them in Kontor first", f.ContactEmail)
		}
	}
	a.ActivityFields = f
	return nil
}

// viewActivity is a copy of an activity with its account's code and name and
// its contact's name and e-mail as they are now, as the store joins them.
// The caller holds s.mu.
func (s *Store) viewActivity(st *activityState) *domain.Activity {
	a := st.a
	if acc, ok := s.accounts[a.AccountID]; ok {
		a.AccountCode, a.AccountName = acc.Code, acc.Name
	}
	a.ContactName, a.ContactEmail = "", ""
	if c, ok := s.contacts[a.ContactID]; ok && a.ContactID != 0 {
		a.ContactName, a.ContactEmail = c.FirstName+" "+c.LastName, c.Email
	}
	return &a
}

func activityFieldError(field, key, msg, value string) error {
	return &domain.Error{Code: domain.EInvalid, Key: "activity.invalid", Msg: "the activity is not valid",
		Fields: []domain.FieldError{{Field: field, Key: key, Msg: msg, Args: map[string]any{"Value": value}}}}
}

// activityGone is the store's error for a change to an activity deleted elsewhere.
func activityGone() error {
	return domain.Errorf(domain.ENotFound, "record.deleted", "it was deleted elsewhere since you opened it", nil)
}

// DeleteActivity hides an activity until RestoreActivity brings it back.
func (s *Store) DeleteActivity(ctx context.Context, id domain.ActivityID) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.liveActivity(id, 0)
	if err != nil {
		return err
	}
	st.deleted = true
	st.a.Version++
	st.a.UpdatedAt = s.now()
	s.Writes++
	return ctxErr(ctx)
}

// RestoreActivity brings a deleted activity back.
func (s *Store) RestoreActivity(ctx context.Context, id domain.ActivityID) (*domain.Activity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.activities[id]
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "activity.purged", "the activity can no longer be restored", nil)
	}
	if st.deleted {
		st.deleted = false
		st.a.Version++
		st.a.UpdatedAt = s.now()
		s.Writes++
	}
	return s.viewActivity(st), ctxErr(ctx)
}

// TodayAgenda lists the open tasks of active accounts by bucket, each by due
// date then ID, up to limit per bucket.
func (s *Store) TodayAgenda(ctx context.Context, today domain.Date, limit int) (*domain.Agenda, error) {
	if limit <= 0 {
		limit = domain.DefaultAgendaLimit
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var tasks []*domain.Activity
	for _, st := range s.activities {
		if !st.deleted && st.a.Kind == domain.KindTask && !st.a.Done && !s.accounts[st.a.AccountID].Archived {
			tasks = append(tasks, s.viewActivity(st))
		}
	}
	slices.SortFunc(tasks, func(x, y *domain.Activity) int {
		if c := x.Due.Compare(y.Due); c != 0 {
			return c
		}
		return int(x.ID - y.ID)
	})
	ag := &domain.Agenda{Today: today}
	for _, t := range tasks {
		item := domain.AgendaItem{ID: t.ID, AccountID: t.AccountID, AccountCode: t.AccountCode, AccountName: t.AccountName,
			ContactName: t.ContactName, Subject: t.Subject, Due: t.Due, LoggedBy: t.LoggedBy, Version: t.Version}
		add := func(list *[]domain.AgendaItem, total *int) {
			*total++
			if len(*list) < limit {
				*list = append(*list, item)
			}
		}
		switch t.Bucket(today) {
		case domain.BucketOverdue:
			add(&ag.Overdue, &ag.OverdueTotal)
		case domain.BucketToday:
			add(&ag.DueToday, &ag.DueTodayTotal)
		case domain.BucketUpcoming:
			add(&ag.Upcoming, &ag.UpcomingTotal)
		}
	}
	return ag, ctxErr(ctx)
}

// SetTaskDone marks a task done or open again.
func (s *Store) SetTaskDone(ctx context.Context, id domain.ActivityID, done bool) (*domain.Activity, error) {
	return s.changeTask(ctx, id, func(a *domain.Activity) { a.Done = done })
}

// RescheduleTask gives a task a new due date.
func (s *Store) RescheduleTask(ctx context.Context, id domain.ActivityID, due domain.Date) (*domain.Activity, error) {
	if due.IsZero() {
		return nil, activityFieldError(domain.FieldDueDate, "field.required", "required", "")
	}
	return s.changeTask(ctx, id, func(a *domain.Activity) { a.Due = due })
}

func (s *Store) changeTask(ctx context.Context, id domain.ActivityID, change func(*domain.Activity)) (*domain.Activity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.activities[id]
	if !ok || st.deleted {
		return nil, activityNotFound()
	}
	if st.a.Kind != domain.KindTask {
		return nil, domain.Errorf(domain.EInvalid, "activity.not_task", "only a task has a due date and can be done", nil)
	}
	change(&st.a)
	st.a.Version++
	st.a.UpdatedAt = s.now()
	s.Writes++
	return s.viewActivity(st), ctxErr(ctx)
}

// GoingCold lists active accounts going cold: never contacted first, then by
// the moment of the last contact, oldest first, names breaking ties.
func (s *Store) GoingCold(ctx context.Context, today domain.Date, days, limit int) ([]domain.ColdAccount, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := s.sortedAccounts(func(a *domain.Account) bool {
		return !a.Archived && domain.IsGoingColdSince(s.lastContact(a.ID), domain.DateOf(a.CreatedAt.Local()), today, days)
	})
	s.sortByLastContact(all, domain.SortByLastContactOldest)
	var out []domain.ColdAccount
	for _, a := range all {
		out = append(out, domain.ColdAccount{AccountID: a.ID, Code: a.Code, Name: a.Name, City: a.City, Owner: a.Owner,
			LastContact: s.lastContact(a.ID)})
	}
	return page(out, 0, limit), len(out), ctxErr(ctx)
}

// lastContactAt is the moment of an account's latest live call, meeting or
// e-mail; zero when none.
func (s *Store) lastContactAt(id domain.AccountID) time.Time {
	var last time.Time
	for _, st := range s.activities {
		if !st.deleted && st.a.AccountID == id && st.a.Kind.IsContact() && st.a.OccurredAt.After(last) {
			last = st.a.OccurredAt
		}
	}
	return last
}

// lastContact is the local date of lastContactAt.
func (s *Store) lastContact(id domain.AccountID) domain.Date {
	if t := s.lastContactAt(id); !t.IsZero() {
		return domain.DateOf(t.In(time.Local))
	}
	return domain.Date{}
}

// sortByLastContact reorders accounts already in name order by the moment of
// their last contact, as sort asks.
func (s *Store) sortByLastContact(all []*domain.Account, sort domain.AccountSort) {
	last := map[domain.AccountID]time.Time{}
	for _, a := range all {
		last[a.ID] = s.lastContactAt(a.ID)
	}
	// Never contacted sorts as the earliest moment of all.
	oldestFirst := func(x, y *domain.Account) int { return last[x.ID].Compare(last[y.ID]) }
	switch sort {
	case domain.SortByLastContact:
		slices.SortStableFunc(all, func(x, y *domain.Account) int { return -oldestFirst(x, y) })
	case domain.SortByLastContactOldest:
		slices.SortStableFunc(all, oldestFirst)
	}
}

// SearchHistory finds activities of active accounts whose subject or notes
// have words starting with every folded word of query, newest first.
func (s *Store) SearchHistory(ctx context.Context, query string, limit int) ([]domain.HistoryHit, error) {
	tokens := domain.FoldTokens(query)
	if len(tokens) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = domain.DefaultSearchLimit
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var found []*domain.Activity
	for _, st := range s.activities {
		if !st.deleted && domain.MatchesPrefixes(tokens, activityText(&st.a)) {
			found = append(found, s.viewActivity(st))
		}
	}
	slices.SortFunc(found, newestFirst)
	var out []domain.HistoryHit
	for _, a := range page(found, 0, limit) {
		snippet, marks := hitSnippet(a.Subject, a.Notes, tokens)
		out = append(out, domain.HistoryHit{ID: a.ID, AccountID: a.AccountID, AccountCode: a.AccountCode, AccountName: a.AccountName,
			OccurredAt: a.OccurredAt, Kind: a.Kind, Subject: a.Subject, Snippet: snippet, Marks: marks})
	}
	return out, ctxErr(ctx)
}

// hitSnippet shows the notes around the first match, or the subject when only
// the subject matches (or there are no notes).
func hitSnippet(subject, notes string, tokens []string) (string, []domain.Span) {
	if notes != "" {
		if s, marks := domain.Snippet(notes, tokens, snippetWidth); len(marks) > 0 {
			return s, marks
		}
	}
	s, marks := domain.Snippet(subject, tokens, snippetWidth)
	if len(marks) == 0 && notes != "" {
		return domain.Snippet(notes, tokens, snippetWidth)
	}
	return s, marks
}

// TouchActivity bumps an activity's version as a save elsewhere would.
func (s *Store) TouchActivity(id domain.ActivityID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.activities[id]; ok {
		st.a.Version++
	}
}

// DeleteActivityElsewhere deletes an activity as another window or kontorctl
// would, behind the screen's back.
func (s *Store) DeleteActivityElsewhere(id domain.ActivityID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.activities[id]; ok {
		st.deleted = true
	}
}

// AddActivity stores an activity of kind on account at the given moment,
// changed further by set, and fails the test when the store refuses it.
func (s *Store) AddActivity(t testing.TB, account domain.AccountID, kind domain.ActivityKind, at time.Time, subject string,
	set ...func(*domain.ActivityFields)) *domain.Activity {
	t.Helper()
	f := domain.NewActivityFields(account, kind, at)
	f.Subject = subject
	for _, fn := range set {
		fn(&f)
	}
	a, err := s.CreateActivity(context.Background(), f)
	if err != nil {
		t.Fatalf("add activity %q: %v", subject, err)
	}
	return a
}
