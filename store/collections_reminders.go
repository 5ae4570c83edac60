package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"kontor/domain"
)

// overdueOn is one account's overdue position on a day from its ledger.
type overdueOn struct {
	items   []domain.OpenItem // overdue, oldest first
	overdue domain.Amount
	credit  domain.Amount
	oldest  int // days the oldest is past due
}

func overduePosition(a *domain.Account, l domain.Ledger, day domain.Date) overdueOn {
	s := domain.BuildStatementOn(a, domain.MonthOf(day), l, day)
	var o overdueOn
	o.credit = s.Aging.Credit
	for _, it := range s.OpenItems {
		if it.DaysOverdue > 0 {
			o.items = append(o.items, it)
			o.overdue += it.Open
			o.oldest = max(o.oldest, it.DaysOverdue)
		}
	}
	return o
}

// sentLevels returns, per account, the reminders sent from a day on: the
// highest level and the day of the last one.
type sentReminder struct {
	level int
	on    domain.Date
}

func readSent(ctx context.Context, q queryer, cond string, arg any) (map[domain.AccountID][]sentReminder, error) {
	out := map[domain.AccountID][]sentReminder{}
	err := EachRow(ctx, q, `SELECT account_id, level, sent_on FROM reminders_sent WHERE account_id `+cond+
		` ORDER BY account_id, sent_on, id`, func(rows *sql.Rows) error {
		var id domain.AccountID
		var r sentReminder
		if err := rows.Scan(&id, &r.level, onDate(&r.on)); err != nil {
			return err
		}
		out[id] = append(out[id], r)
		return nil
	}, arg)
	return out, err
}

// episodeLevel is the highest level sent since the oldest overdue invoice
// fell due (its overdue episode) and the last day one was sent.
func episodeLevel(sent []sentReminder, since domain.Date) (int, domain.Date) {
	level, last := 0, domain.Date{}
	for _, r := range sent {
		if !r.on.Before(since) {
			level = max(level, r.level)
			last = r.on
		}
	}
	return level, last
}

// accountsIn is an SQL condition on an account id and its one argument: the ids as a JSON array.
func accountsIn(ids []domain.AccountID) (string, any) {
	data, _ := json.Marshal(ids)
	return `IN (SELECT value FROM json_each(?))`, string(data)
}

// DueReminders lists the accounts due a reminder on day. The stored open
// amounts are as of today; for an earlier day the accounts paid since then
// are looked at too. Each candidate's position comes from its ledger
// allocated as of day.
func (s *CollectionsService) DueReminders(ctx context.Context, day domain.Date) ([]domain.ReminderCandidate, error) {
	if err := s.checkNotFuture(day); err != nil {
		return nil, err
	}
	var out []domain.ReminderCandidate
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		rs, err := reminderSettings(ctx, tx)
		if err != nil {
			return err
		}
		var first domain.Date
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(min(issued_on), '') FROM invoices INDEXED BY invoices_by_date`).Scan(onDate(&first)); err != nil {
			return err
		}
		if first.IsZero() || day.Before(first) {
			return domain.Errorf(domain.EInvalid, "reminders.date_before_invoices",
				"no invoice is dated on or before {{.Date}}: a reminder cannot be dated before the invoices it lists", map[string]any{"Date": day.String()})
		}
		latest := day.AddDays(-rs.Levels[0].Days).String()
		var ids []domain.AccountID
		err = EachRow(ctx, tx, `SELECT DISTINCT account_id FROM invoices INDEXED BY invoices_open
			WHERE open_minor <> 0 AND open_minor > 0 AND kind = 'invoice' AND due_on <= ?1
			UNION SELECT DISTINCT account_id FROM payments INDEXED BY payments_by_date WHERE paid_on > ?2
			ORDER BY 1`, func(rows *sql.Rows) error {
			var id domain.AccountID
			err := rows.Scan(&id)
			ids = append(ids, id)
			return err
		}, latest, day.String())
		if err != nil || len(ids) == 0 {
			return err
		}
		cond, arg := accountsIn(ids)
		ledgers, err := readLedgers(ctx, tx, cond, arg, day, false)
		if err != nil {
			return err
		}
		sent, err := readSent(ctx, tx, cond, arg)
		if err != nil {
			return err
		}
		accounts := map[domain.AccountID]*domain.ReminderCandidate{}
		err = EachRow(ctx, tx, `SELECT id, code, name, email FROM accounts WHERE archived = 0 AND id `+cond, func(rows *sql.Rows) error {
			var c domain.ReminderCandidate
			err := rows.Scan(&c.AccountID, &c.Code, &c.Name, &c.Email)
			accounts[c.AccountID] = &c
			return err
		}, arg)
		if err != nil {
			return err
		}
		for _, id := range ids {
			c, l := accounts[id], ledgers[id]
			if c == nil || l == nil {
				continue
			}
			o := overduePosition(nil, l.Ledger, day)
			level := rs.LevelFor(o.oldest)
			if level == 0 || o.overdue-o.credit <= 0 {
				continue
			}
			c.LastSentLvl, c.LastSentOn = episodeLevel(sent[id], o.items[0].Due)
			if c.LastSentLvl >= level {
				continue
			}
			c.Level, c.Overdue, c.OldestDays = level, o.overdue, o.oldest
			out = append(out, *c)
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, wrap("due reminders", err)
}

// Reminder builds the account's reminder on day at level (0: the highest
// reached); a level that adds interest carries the interest note.
func (s *CollectionsService) Reminder(ctx context.Context, id domain.AccountID, day domain.Date, level int) (*domain.Reminder, error) {
	if err := s.checkNotFuture(day); err != nil {
		return nil, err
	}
	var out *domain.Reminder
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		rs, err := reminderSettings(ctx, tx)
		if err != nil {
			return err
		}
		a, err := findAccount(ctx, tx, `a.id = ?`, int64(id))
		if err != nil {
			return err
		}
		l, err := readLedger(ctx, tx, id, day)
		if err != nil {
			return err
		}
		out, err = buildReminder(ctx, tx, rs, a, l.Ledger, day, level, s.fixedEUR)
		return err
	})
	return out, wrap("reminder", err)
}

func buildReminder(ctx context.Context, q queryer, rs domain.ReminderSettings, a *domain.Account, l domain.Ledger, day domain.Date,
	level int, fixed *domain.NBPRate) (*domain.Reminder, error) {
	o := overduePosition(a, l, day)
	if len(o.items) == 0 || o.overdue-o.credit <= 0 {
		return nil, domain.Errorf(domain.EInvalid, "reminders.nothing_overdue", "{{.Code}} has nothing overdue on {{.Date}}",
			map[string]any{"Code": a.Code, "Date": day.String()})
	}
	if level == 0 {
		level = max(1, rs.LevelFor(o.oldest))
	}
	if level < 1 || level > len(rs.Levels) {
		return nil, domain.Errorf(domain.EInvalid, "reminders.no_level", "there is no reminder level {{.Level}}", map[string]any{"Level": level})
	}
	r := &domain.Reminder{Account: a, Level: level, Final: level == len(rs.Levels), Setting: rs.Levels[level-1], Date: day,
		Deadline: day.AddDays(rs.DeadlineDays), Items: o.items, Overdue: o.overdue, Credit: o.credit}
	r.ToPay = r.Overdue - r.Credit
	// Statutory interest and the compensation are claimed in złoty: a final
	// demand to an account in another currency asks for what is overdue.
	if r.Setting.AddInterest && (a.Currency == "" || a.Currency == "PLN") {
		n, err := interestNote(ctx, q, a, day, fixed)
		if err != nil {
			return nil, err
		}
		r.Note = n
		r.ToPay += n.Total
	}
	return r, nil
}

// reminderWords are the history's and the follow-up task's words.
var reminderWords = map[domain.Locale][3]string{
	domain.Polish:  {"Wezwanie do zapłaty nr %d", "Ostateczne wezwanie do zapłaty", "Sprawdzić wpłatę po wezwaniu nr %d (termin %s)"},
	domain.English: {"Payment reminder no. %d", "Final demand for payment", "Check for payment after reminder no. %d (deadline %s)"},
}

// ReminderTitle names a reminder in the account's language.
func ReminderTitle(r *domain.Reminder) string {
	w := reminderWords[domain.DocumentLanguage(r.Account)]
	if r.Final {
		return w[1]
	}
	return fmt.Sprintf(w[0], r.Level)
}

// RecordReminder records the reminder as sent, logs it on the history and
// adds a follow-up task due on its deadline, in one transaction.
func (s *CollectionsService) RecordReminder(ctx context.Context, r *domain.Reminder, log domain.DocumentLog) error {
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error { return recordReminder(ctx, tx, now, r, log) })
}

func recordReminder(ctx context.Context, tx *sql.Tx, now time.Time, r *domain.Reminder, log domain.DocumentLog) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO reminders_sent (account_id, level, sent_on, deadline_on, amount_minor, file, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, int64(r.Account.ID), r.Level, r.Date.String(), r.Deadline.String(), int64(r.ToPay), log.File,
		moment(now)); err != nil {
		return err
	}
	log.Account, log.Kind = r.Account.ID, domain.DocReminder
	if log.Title == "" {
		log.Title = ReminderTitle(r)
	}
	log.Lang = domain.DocumentLanguage(r.Account)
	if log.Amount == 0 {
		log.Amount = r.ToPay
	}
	if _, err := logDocument(ctx, tx, now, log); err != nil {
		return err
	}
	w := reminderWords[log.Lang]
	task := domain.ActivityFields{AccountID: r.Account.ID, Kind: domain.KindTask, OccurredAt: now.Truncate(time.Minute),
		Subject: fmt.Sprintf(w[2], r.Level, log.Lang.FormatDate(r.Deadline)), Due: r.Deadline}
	_, err := insertActivity(ctx, tx, now, task)
	return err
}

// ReminderWriter records reminders of a batch: each written file is
// recorded on its own, so a cancelled batch leaves what it wrote recorded.
func (s *CollectionsService) ReminderWriter() domain.RecordFunc {
	return func(ctx context.Context, r *domain.Reminder, file string) error {
		return s.RecordReminder(ctx, r, domain.DocumentLog{File: file})
	}
}

// Worklist ranks the accounts with overdue invoices (stored open amounts,
// as of today) by Σ open × days overdue, with the last reminder level sent
// in their overdue episode, their last contact and latest promise to pay.
func (s *CollectionsService) Worklist(ctx context.Context, f domain.WorklistFilter) ([]domain.WorklistRow, error) {
	on := f.AsOf
	if on.IsZero() {
		on = s.today()
	}
	byID := map[domain.AccountID]*domain.WorklistRow{}
	var ids []domain.AccountID
	var out []domain.WorklistRow
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		oldestDue := map[domain.AccountID]domain.Date{}
		err := EachRow(ctx, tx, `SELECT account_id, due_on, open_minor FROM invoices INDEXED BY invoices_open
			WHERE open_minor <> 0 AND open_minor > 0 AND kind = 'invoice' AND due_on < ?`, func(rows *sql.Rows) error {
			var id domain.AccountID
			var d domain.Date
			var open domain.Amount
			if err := rows.Scan(&id, onDate(&d), &open); err != nil {
				return err
			}
			r := byID[id]
			if r == nil {
				r = &domain.WorklistRow{AccountID: id}
				byID[id] = r
				ids = append(ids, id)
			}
			days := on.DaysSince(d)
			r.Overdue += open
			r.Score += int64(open) * int64(days)
			if days > r.OldestDays {
				r.OldestDays, oldestDue[id] = days, d
			}
			return nil
		}, on.String())
		if err != nil || len(ids) == 0 {
			return err
		}
		cond, arg := accountsIn(ids)
		keep := map[domain.AccountID]bool{}
		err = EachRow(ctx, tx, `SELECT id, code, name, owner, coalesce(last_contact_at, '') FROM accounts WHERE id `+cond,
			func(rows *sql.Rows) error {
				var id domain.AccountID
				var code, name, owner string
				var last domain.Date
				if err := rows.Scan(&id, &code, &name, &owner, onLocalDay(&last)); err != nil {
					return err
				}
				r := byID[id]
				r.Code, r.Name, r.Owner = code, name, owner
				r.LastContact = last
				keep[id] = f.Owner == "" || owner == f.Owner
				return nil
			}, arg)
		if err != nil {
			return err
		}
		sent, err := readSent(ctx, tx, cond, arg)
		if err != nil {
			return err
		}
		promises, err := readPromises(ctx, tx, `WHERE p.account_id `+cond, on, arg)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if !keep[id] {
				continue
			}
			r := byID[id]
			r.Level, r.LastSentOn = episodeLevel(sent[id], oldestDue[id])
			if ps := promises[id]; len(ps) > 0 {
				p := ps[len(ps)-1]
				r.Promise = &p
			}
			out = append(out, *r)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Code < out[j].Code
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, wrap("worklist", err)
}

// readPromises reads promises (where: a condition on p) with what the
// account paid from the day each was made to its day (or to today).
func readPromises(ctx context.Context, q queryer, where string, today domain.Date, args ...any) (map[domain.AccountID][]domain.Promise, error) {
	out := map[domain.AccountID][]domain.Promise{}
	err := EachRow(ctx, q, `SELECT p.id, p.account_id, coalesce(p.activity_id, 0), p.made_on, p.due_on, p.amount_minor,
		(SELECT coalesce(sum(amount_minor), 0) FROM payments INDEXED BY payments_by_account
			WHERE account_id = p.account_id AND paid_on BETWEEN p.made_on AND min(p.due_on, ?1))
		FROM promises p `+where+` ORDER BY p.account_id, p.made_on, p.id`, func(rows *sql.Rows) error {
		var p domain.Promise
		if err := rows.Scan(&p.ID, &p.Account, &p.Activity, onDate(&p.MadeOn), onDate(&p.Due), &p.Amount, &p.Paid); err != nil {
			return err
		}
		out[p.Account] = append(out[p.Account], p)
		return nil
	}, append([]any{today.String()}, args...)...)
	return out, err
}

// promiseWords is the history entry of a promise, in the account's language.
var promiseWords = map[domain.Locale]string{
	domain.Polish:  "Obietnica zapłaty %s do %s",
	domain.English: "Promised to pay %s by %s",
}

// RecordPromise logs "promised to pay X by D" on the account's history and
// keeps the promise for the worklist and the Today page.
func (s *CollectionsService) RecordPromise(ctx context.Context, account domain.AccountID, amount domain.Amount, due domain.Date,
	note string) (*domain.Promise, error) {
	today := s.today()
	switch {
	case amount <= 0:
		return nil, domain.Errorf(domain.EInvalid, "promise.amount", "a promise to pay needs an amount above zero", nil)
	case due.IsZero() || due.Before(today):
		return nil, domain.Errorf(domain.EInvalid, "promise.due", "a promise to pay needs a day from today on", nil)
	}
	now := s.db.now()
	var out *domain.Promise
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		a, err := findAccount(ctx, tx, `a.id = ?`, int64(account))
		if err != nil {
			return err
		}
		l := domain.DocumentLanguage(a)
		f := domain.ActivityFields{AccountID: account, Kind: domain.KindNote, OccurredAt: now.Truncate(time.Minute),
			Subject: fmt.Sprintf(promiseWords[l], l.FormatAmount(amount, a.Currency), l.FormatDate(due)), Notes: note}
		act, err := insertActivity(ctx, tx, now, f)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO promises (account_id, activity_id, made_on, due_on, amount_minor, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, int64(account), act, today.String(), due.String(), int64(amount), moment(now))
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		out = &domain.Promise{ID: id, Account: account, Activity: domain.ActivityID(act), MadeOn: today, Due: due, Amount: amount}
		return err
	})
	return out, wrap("record promise", err)
}

// BrokenPromises lists the promises due in the 30 days before today that
// were not paid, most recent first.
func (s *CollectionsService) BrokenPromises(ctx context.Context, today domain.Date) ([]domain.BrokenPromise, error) {
	if today.IsZero() {
		today = s.today()
	}
	var out []domain.BrokenPromise
	err := s.db.read(ctx, func(tx *sql.Tx) error {
		ps, err := readPromises(ctx, tx, `WHERE p.due_on < ?1 AND p.due_on >= ?2`, today, today.AddDays(-30).String())
		if err != nil {
			return err
		}
		names := map[domain.AccountID][2]string{}
		var ids []domain.AccountID
		for id := range ps {
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			return nil
		}
		cond, arg := accountsIn(ids)
		if err := EachRow(ctx, tx, `SELECT id, code, name FROM accounts WHERE id `+cond, func(rows *sql.Rows) error {
			var id domain.AccountID
			var code, name string
			err := rows.Scan(&id, &code, &name)
			names[id] = [2]string{code, name}
			return err
		}, arg); err != nil {
			return err
		}
		for id, list := range ps {
			for _, p := range list {
				if p.Broken(today) {
					out = append(out, domain.BrokenPromise{Promise: p, Code: names[id][0], Name: names[id][1]})
				}
			}
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Due != out[j].Due {
			return out[j].Due.Before(out[i].Due)
		}
		return out[i].Code < out[j].Code
	})
	return out, wrap("broken promises", err)
}

// ReminderRecorder records the reminders of a batch in groups: one write
// transaction per group rather than per letter, because each letter adds
// two history entries and the history's full-text index flushes a segment
// at every commit (on the 20,000-account demo a transaction a letter took
// four of the batch's five minutes). Record queues a written letter and
// records the group when it is full; Flush records what is queued. A group
// that cannot be recorded has its files removed: a letter is written and
// recorded, or neither.
type ReminderRecorder struct {
	s       *CollectionsService
	size    int
	mu      sync.Mutex
	pending []queuedReminder
	removed []string // files removed because their group could not be recorded
	failed  error    // why
}

type queuedReminder struct {
	r   *domain.Reminder
	log domain.DocumentLog
}

// NewReminderRecorder records in groups of size (0: 100).
func (s *CollectionsService) NewReminderRecorder(size int) domain.ReminderRecorder {
	if size <= 0 {
		size = 100
	}
	return &ReminderRecorder{s: s, size: size}
}

// Record queues the reminder written (log.File: the PDF, or the e-mail
// beside it); a full group is recorded.
func (q *ReminderRecorder) Record(ctx context.Context, r *domain.Reminder, log domain.DocumentLog) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = append(q.pending, queuedReminder{r: r, log: log})
	if len(q.pending) < q.size {
		return nil
	}
	return q.flush(ctx)
}

// Flush records what is queued; it returns the files removed because their
// group could not be recorded, and why.
func (q *ReminderRecorder) Flush(ctx context.Context) ([]string, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if err := q.flush(ctx); err != nil {
		return q.removed, err
	}
	return q.removed, q.failed
}

func (q *ReminderRecorder) flush(ctx context.Context) error {
	if len(q.pending) == 0 {
		return nil
	}
	group := q.pending
	q.pending = nil
	now := q.s.db.now()
	// The batch may have been cancelled: what is written is still recorded.
	err := q.s.db.write(context.WithoutCancel(ctx), func(tx *sql.Tx) error {
		for _, p := range group {
			if err := recordReminder(ctx, tx, now, p.r, p.log); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for _, p := range group {
			os.Remove(p.log.File)
			if pdf := strings.TrimSuffix(p.log.File, ".eml") + ".pdf"; pdf != p.log.File {
				os.Remove(pdf) // an e-mail's PDF beside it
			}
			q.removed = append(q.removed, p.log.File)
		}
		q.failed = wrap("record reminders", err)
		return q.failed
	}
	return nil
}
