package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store/xfer"
)

// ImportActivities creates or updates the activities of a file, all or
// nothing. A row updates the live activity of its account with the same date
// and time (to the minute), kind and subject (folded; xfer.ActivityKey);
// columns the file lacks keep their stored values. The contact is found by
// e-mail within the row's account. On failure the error is xfer.Errors listing
// every bad row, and nothing is written.
func (t *Transfer) ImportActivities(ctx context.Context, f *xfer.ActivityFile) (ImportSummary, error) {
	return importPlanned(ctx, t, xfer.ActivitySchema, f.Errs, func(tx *sql.Tx) (*activityPlan, error) {
		return checkActivities(ctx, tx, f)
	})
}

type activityItem struct {
	old    *domain.Activity // nil: the row creates an activity
	fields domain.ActivityFields
}

type activityPlan struct {
	items []*activityItem
	errs  xfer.Errors
}

func (p *activityPlan) problems() xfer.Errors { return p.errs }

// storedHistory is what the check needs of one account: its live activities
// by key, and its contacts by e-mail.
type storedHistory struct {
	byKey    map[string][]*domain.Activity
	contacts map[string][]int64 // xfer.EmailKey → contact ids
	byName   map[string][]int64 // folded "first last" → contact ids, those without an e-mail first
	noEmail  map[int64]bool
}

func checkActivities(ctx context.Context, tx *sql.Tx, f *xfer.ActivityFile) (*activityPlan, error) {
	p := &activityPlan{}
	codes, err := storedCodes(ctx, tx)
	if err != nil {
		return nil, err
	}
	listActs, err := tx.PrepareContext(ctx, `SELECT `+activityColumns+` FROM activities t`+activityJoins+
		`WHERE t.account_id = ? AND t.deleted_at IS NULL`)
	if err != nil {
		return nil, err
	}
	defer listActs.Close()
	listContacts, err := tx.PrepareContext(ctx, `SELECT id, email, first_name || ' ' || last_name FROM contacts WHERE account_id = ?`)
	if err != nil {
		return nil, err
	}
	defer listContacts.Close()
	history := map[int64]*storedHistory{}
	claimed := map[domain.ActivityID]int{} // stored activity → the line that updates it
	fail := func(line int, field, key, msg string, args map[string]any) {
		p.errs = append(p.errs, rowErr(f.File, line, domain.FieldError{Field: field, Key: key, Msg: msg, Args: args}))
	}
	for i := range f.Records {
		rec := &f.Records[i]
		in := &rec.Fields
		account, ok := codes[domain.CodeKey(in.AccountCode)]
		if !ok {
			if in.AccountCode != "" {
				fail(rec.Line, domain.FieldAccountCode, "account.unknown", "there is no account with code {{.Value}}",
					map[string]any{"Value": in.AccountCode})
			}
			continue
		}
		h := history[account]
		if h == nil {
			if h, err = loadHistory(ctx, listActs, listContacts, account); err != nil {
				return nil, err
			}
			history[account] = h
		}
		it := &activityItem{}
		if !in.OccurredAt.IsZero() && in.Kind != "" && in.Subject != "" {
			matches := h.byKey[xfer.ActivityKey("", in.OccurredAt, in.Kind, in.Subject)]
			switch len(matches) {
			case 0:
			case 1:
				old := matches[0]
				if first, dup := claimed[old.ID]; dup {
					fail(rec.Line, domain.FieldSubject, "csv.same_activity", "this row and line {{.First}} both update the same activity",
						map[string]any{"First": first})
					continue
				}
				claimed[old.ID] = rec.Line
				it.old, it.fields = old, old.ActivityFields
			default:
				fail(rec.Line, domain.FieldSubject, "activity.ambiguous",
					"the account has {{.Count}} activities with this date, kind and subject; change them in Kontor first",
					map[string]any{"Count": len(matches)})
				continue
			}
		}
		f.Apply(&it.fields, rec)
		it.fields.AccountID = domain.AccountID(account)
		byEmail, byName := slices.Contains(f.Columns, domain.FieldContactEmail), slices.Contains(f.Columns, xfer.FieldContactName)
		if (byEmail || byName) && it.fields.ContactEmail == "" {
			// No e-mail: the contact is the one of that name, or none.
			it.fields.ContactID = 0
			if name := strings.TrimSpace(rec.ContactName); name != "" {
				ids := h.byName[contactNameMatch(name)]
				if len(ids) > 1 {
					// A contact with an e-mail is named by it: among namesakes
					// the name alone means the one without.
					ids = slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return !h.noEmail[id] })
				}
				switch len(ids) {
				case 1:
					it.fields.ContactID = domain.ContactID(ids[0])
				case 0:
					fail(rec.Line, xfer.FieldContactName, "activity.contact_name_unknown", "the account has no contact named {{.Value}}",
						map[string]any{"Value": name})
					continue
				default:
					fail(rec.Line, xfer.FieldContactName, "activity.contact_name_ambiguous",
						"the account has {{.Count}} contacts named {{.Value}}; name the contact by contact_email",
						map[string]any{"Value": name, "Count": len(ids)})
					continue
				}
			}
		}
		if byEmail && it.fields.ContactEmail != "" {
			ids := h.contacts[xfer.EmailKey(it.fields.ContactEmail)]
			switch len(ids) {
			case 1:
				it.fields.ContactID = domain.ContactID(ids[0])
			case 0:
				fail(rec.Line, domain.FieldContactEmail, "activity.contact_unknown", "the account has no contact with the e-mail {{.Value}}",
					map[string]any{"Value": it.fields.ContactEmail})
				continue
			default:
				fail(rec.Line, domain.FieldContactEmail, "contact.ambiguous_email",
					"several contacts of this account have the e-mail {{.Value}}; change them in Kontor first",
					map[string]any{"Value": it.fields.ContactEmail})
				continue
			}
		}
		if err := it.fields.Validate(); err != nil {
			errs, err := rowErrs(f.File, rec.Line, err)
			if err != nil {
				return nil, err
			}
			p.errs = append(p.errs, errs...)
			continue
		}
		p.items = append(p.items, it)
	}
	return p, nil
}

func loadHistory(ctx context.Context, listActs, listContacts *sql.Stmt, account int64) (*storedHistory, error) {
	h := &storedHistory{byKey: map[string][]*domain.Activity{}, contacts: map[string][]int64{}, byName: map[string][]int64{},
		noEmail: map[int64]bool{}}
	rows, err := listActs.QueryContext(ctx, account)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		key := xfer.ActivityKey("", a.OccurredAt, a.Kind, a.Subject)
		h.byKey[key] = append(h.byKey[key], a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = listContacts.QueryContext(ctx, account)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var email, name string
		if err := rows.Scan(&id, &email, &name); err != nil {
			return nil, err
		}
		if email != "" {
			key := xfer.EmailKey(email)
			h.contacts[key] = append(h.contacts[key], id)
		} else {
			h.noEmail[id] = true
		}
		key := contactNameMatch(name)
		h.byName[key] = append(h.byName[key], id)
	}
	return h, rows.Err()
}

// contactNameMatch is how contact_name is matched: first and last name, case,
// Polish letters and runs of spaces ignored.
func contactNameMatch(name string) string {
	return strings.Join(strings.Fields(domain.Fold(name)), " ")
}

// apply writes the planned rows. Many new or changed rows are written with
// the history triggers suspended, and the index and last contacts rebuilt
// once after (as bulkSearch does for accounts); a few go through the
// triggers.
func (p *activityPlan) apply(b *Bulk, now time.Time) (ImportSummary, error) {
	ctx, tx := b.ctx, b.tx
	var sum ImportSummary
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM activities`).Scan(&have); err != nil {
		return sum, err
	}
	// Only the rows that write count: a file of unchanged rows goes through
	// the triggers (none fires), not a rebuild of the whole history index
	// under the write lock.
	writes := 0
	for _, it := range p.items {
		if it.old == nil || !sameActivity(activityArgs(&it.fields), activityArgs(&it.old.ActivityFields)) {
			writes++
		}
	}
	bulk := writes >= 200 && writes >= have/20
	restore := func() error { return nil }
	if bulk {
		var err error
		if restore, err = b.SuspendTriggers(Activities); err != nil {
			return sum, err
		}
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE activities SET account_id = ?, contact_id = ?, kind = ?, occurred_at = ?,
		subject = ?, notes = ?, outcome = ?, logged_by = ?, due_on = ?, done = ?, version = version + 1, updated_at = ?
		WHERE id = ?`)
	if err != nil {
		return sum, err
	}
	defer upd.Close()
	at := moment(now)
	for _, it := range p.items {
		args := activityArgs(&it.fields)
		switch {
		case it.old == nil:
			err = b.Add(ActivityRow(&domain.Activity{ActivityFields: it.fields, CreatedAt: now, UpdatedAt: now}))
			sum.Created++
		case sameActivity(args, activityArgs(&it.old.ActivityFields)):
			b.noteHistory(it.fields.Subject, it.fields.Notes)
			sum.Unchanged++
		default:
			b.noteHistory(it.fields.Subject, it.fields.Notes)
			_, err = upd.ExecContext(ctx, append(args, at, int64(it.old.ID))...)
			sum.Updated++
		}
		if err != nil {
			return sum, err
		}
	}
	if err := b.Flush(); err != nil { // the new rows and the words of all
		return sum, err
	}
	if !bulk {
		return sum, nil
	}
	if err := restore(); err != nil {
		return sum, err
	}
	if err := b.RebuildHistoryIndex(false); err != nil {
		return sum, err
	}
	return sum, b.RefreshLastContact()
}

// sameActivity compares two activities' column values.
func sameActivity(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Location is the company's time zone (Settings): the zone activity files
// are written in, and read in when a time carries no UTC offset.
func (t *Transfer) Location(ctx context.Context) (*time.Location, error) {
	c, err := findCompany(ctx, t.db.r)
	if err != nil {
		return nil, err
	}
	return c.Location(), nil
}

// ExportActivities calls fn for every live activity, by account code, then
// date and time, from one snapshot.
func (t *Transfer) ExportActivities(ctx context.Context, fn func(*domain.Activity) error) error {
	return t.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+activityColumns+` FROM accounts a CROSS JOIN activities t
			ON t.account_id = a.id AND t.deleted_at IS NULL LEFT JOIN contacts c ON c.id = t.contact_id
			ORDER BY a.code, t.occurred_at, t.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanActivity(rows)
			if err != nil {
				return err
			}
			if err := fn(a); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}
