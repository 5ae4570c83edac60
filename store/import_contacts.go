package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store/xfer"
)

// ImportContacts creates or updates the contacts of a file, all or nothing. A
// contact is found within its account by e-mail when the row gives one, else
// by first and last name (folded). A row with an e-mail no stored contact has
// updates the contact of the same name that has no e-mail yet, so filling in
// addresses in a spreadsheet does not duplicate people. On failure the error is
// xfer.Errors and nothing is written.
func (t *Transfer) ImportContacts(ctx context.Context, f *xfer.ContactFile) (ImportSummary, error) {
	return importPlanned(ctx, t, xfer.ContactSchema, f.Errs, func(tx *sql.Tx) (*contactPlan, error) {
		return checkContacts(ctx, tx, f)
	})
}

type contactItem struct {
	rec     *xfer.ContactRecord
	account int64
	old     *domain.Contact
	fields  domain.ContactFields
}

type contactPlan struct {
	file  *xfer.ContactFile
	items []*contactItem
	errs  xfer.Errors
}

func (p *contactPlan) problems() xfer.Errors { return p.errs }

func checkContacts(ctx context.Context, tx *sql.Tx, f *xfer.ContactFile) (*contactPlan, error) {
	p := &contactPlan{file: f}
	accounts, err := storedCodes(ctx, tx)
	if err != nil {
		return nil, err
	}
	list, err := tx.PrepareContext(ctx, `SELECT `+contactColumns+` FROM contacts WHERE account_id = ?`)
	if err != nil {
		return nil, err
	}
	defer list.Close()
	contacts := map[int64][]*domain.Contact{} // account → its stored contacts
	claimed := map[domain.ContactID]int{}     // stored contact → the line that updates it
	for i := range f.Records {
		rec := &f.Records[i]
		id, ok := accounts[domain.CodeKey(rec.AccountCode)]
		if !ok {
			p.errs = append(p.errs, rowErr(f.File, rec.Line, domain.FieldError{Field: xfer.FieldAccountCode,
				Key: "account.unknown", Msg: "there is no account with code {{.Value}}", Args: map[string]any{"Value": rec.AccountCode}}))
			continue
		}
		stored, loaded := contacts[id]
		if !loaded {
			if stored, err = loadContacts(ctx, list, id); err != nil {
				return nil, err
			}
			contacts[id] = stored
		}
		it := &contactItem{rec: rec, account: id}
		old, problem := matchContact(stored, rec.Fields)
		if problem != nil {
			p.errs = append(p.errs, rowErr(f.File, rec.Line, *problem))
			continue
		}
		if old != nil {
			if first, dup := claimed[old.ID]; dup {
				p.errs = append(p.errs, rowErr(f.File, rec.Line, domain.FieldError{Field: domain.FieldLastName,
					Key: "csv.same_contact", Msg: "this row and line {{.First}} both update {{.Name}}; keep one of them",
					Args: map[string]any{"First": first, "Name": old.FullName()}}))
				continue
			}
			claimed[old.ID] = rec.Line
			it.old, it.fields = old, old.ContactFields
		}
		f.Apply(&it.fields, rec)
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

func loadContacts(ctx context.Context, list *sql.Stmt, account int64) ([]*domain.Contact, error) {
	rows, err := list.QueryContext(ctx, account)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*domain.Contact
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// matchContact finds the stored contact a row updates: nil for a new one, a
// problem when the key names several. In order: the contact with the row's
// e-mail; else the namesake with no e-mail (a person exported without one, or
// whose address the file now adds); else, for a row without an e-mail, the
// namesake with one.
func matchContact(stored []*domain.Contact, f domain.ContactFields) (*domain.Contact, *domain.FieldError) {
	name := xfer.NameKey(f.FirstName, f.LastName)
	var byEmail, noEmail, withEmail []*domain.Contact
	for _, c := range stored {
		switch {
		case f.Email != "" && c.Email != "" && xfer.EmailKey(c.Email) == xfer.EmailKey(f.Email):
			byEmail = append(byEmail, c)
		case xfer.NameKey(c.FirstName, c.LastName) != name:
		case c.Email == "":
			noEmail = append(noEmail, c)
		default:
			withEmail = append(withEmail, c)
		}
	}
	if len(byEmail) > 1 {
		return nil, &domain.FieldError{Field: domain.FieldEmail, Key: "contact.ambiguous_email",
			Msg:  "several contacts of this account have the e-mail {{.Value}}; change them in Kontor first",
			Args: map[string]any{"Value": f.Email}}
	}
	tiers := [][]*domain.Contact{byEmail, noEmail}
	if f.Email == "" {
		tiers = append(tiers, withEmail)
	}
	for _, tier := range tiers {
		switch len(tier) {
		case 0:
			continue
		case 1:
			return tier[0], nil
		}
		return nil, &domain.FieldError{Field: domain.FieldLastName, Key: "contact.ambiguous_name",
			Msg:  "several contacts of this account are named {{.Value}}; give them e-mail addresses (in Kontor or in the file) to tell them apart",
			Args: map[string]any{"Value": strings.TrimSpace(f.FirstName + " " + f.LastName)}}
	}
	return nil, nil
}

// contactStageColumns are the contacts columns an import writes.
var contactStageColumns = []string{"account_id", "first_name", "last_name", "name_key", "role", "email", "phone", "search_text"}

func (p *contactPlan) apply(b *Bulk, now time.Time) (ImportSummary, error) {
	ctx, tx := b.ctx, b.tx
	var sum ImportSummary
	st, err := b.stage("import_contacts", contactStageColumns)
	if err != nil {
		return sum, err
	}
	for _, it := range p.items {
		f := &it.fields
		vals := []any{it.account, f.FirstName, f.LastName, contactNameKey(f.FirstName, f.LastName), f.Role, f.Email, f.Phone,
			contactSearchText(f)}
		switch {
		case it.old == nil:
			err = st.insert(ctx, nil, vals...)
			sum.Created++
		case it.old.ContactFields == *f:
			sum.Unchanged++
		default:
			err = st.update(ctx, int64(it.old.ID), vals...)
			sum.Updated++
		}
		if err != nil {
			return sum, err
		}
	}
	return sum, st.flush(ctx, tx, "contacts", moment(now), false)
}
