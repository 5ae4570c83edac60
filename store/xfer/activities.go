package xfer

import (
	"io"
	"time"

	"kontor/domain"
)

// ActivitySchema is the activities file of the contract, with two optional
// columns of our own after it (outcome, logged_by), so an export re-imports
// without losing them.
var ActivitySchema = Schema{Kind: "activities", Columns: []Column{
	{Name: domain.FieldAccountCode, Required: true},
	{Name: domain.FieldDate, Required: true},
	{Name: domain.FieldKind, Required: true},
	{Name: domain.FieldSubject, Required: true},
	{Name: domain.FieldNotes, Multiline: true},
	{Name: domain.FieldContactEmail},
	{Name: FieldContactName},
	{Name: domain.FieldDueDate},
	{Name: domain.FieldDone},
	{Name: domain.FieldOutcome},
	{Name: domain.FieldLoggedBy},
}}

// FieldContactName is the contact's first and last name: it names a contact
// that has no e-mail (contact_email names one that has).
const FieldContactName = "contact_name"

// ActivityRecord is one row of an activities file.
type ActivityRecord struct {
	Line        int
	Fields      domain.ActivityFields // the file's columns, parsed (zero where a cell is bad); the others zero
	ContactName string                // contact_name
}

// ActivityFile is an activities file read and parsed, not yet checked against
// the database.
type ActivityFile struct {
	File    string
	Columns []string // the file's columns in schema order; the others keep stored values
	Records []ActivityRecord
	Errs    Errors
}

// ReadActivities reads an activities file. An activity is known by its
// account, date and time (to the minute), kind and subject (folded): a row
// with the key of a stored activity updates it, and a key repeated in the
// file is an error on the later row. A row with a bad cell stays among the
// Records, so that the store reports its other problems too. A date and time
// with its UTC offset is that moment; one without is a time in loc, the
// company's time zone — never the machine's.
func ReadActivities(file string, src io.Reader, loc *time.Location) (*ActivityFile, error) {
	rd, err := NewReader(file, src, ActivitySchema)
	if err != nil {
		return nil, err
	}
	out := &ActivityFile{File: file, Columns: rd.Present()}
	seen := map[string]int{}
	for rd.Next() {
		row := rd.Row()
		var f domain.ActivityFields
		rec := ActivityRecord{Line: row.Line}
		for _, col := range out.Columns {
			var err error
			switch col {
			case FieldContactName:
				rec.ContactName = row.Text(col)
			case domain.FieldDate:
				f.OccurredAt, err = domain.ParseDateTime(row.Text(col), loc)
			default:
				err = f.Set(col, row.Text(col))
			}
			if err != nil {
				row.Fail(col, err)
			}
		}
		if f.AccountCode != "" && !f.OccurredAt.IsZero() && f.Kind != "" && f.Subject != "" {
			key := ActivityKey(f.AccountCode, f.OccurredAt, f.Kind, f.Subject)
			if first, dup := seen[key]; dup {
				row.Failf(domain.FieldSubject, "csv.duplicate_activity",
					"the same account, date, kind and subject are already on line {{.First}}; an activity may appear once in a file",
					map[string]any{"First": first})
				continue
			}
			seen[key] = row.Line
		}
		rec.Fields = f
		out.Records = append(out.Records, rec)
	}
	out.Errs = rd.Errors()
	return out, nil
}

// ActivityKey is how an import recognises an activity: its account's code
// (ASCII case folded), the moment to the minute, the kind and the folded subject.
func ActivityKey(accountCode string, at time.Time, kind domain.ActivityKind, subject string) string {
	return domain.CodeKey(accountCode) + "\x00" + at.UTC().Truncate(time.Minute).Format(time.RFC3339) + "\x00" + string(kind) +
		"\x00" + domain.Fold(subject)
}

// Apply copies the file's columns of rec onto base: the stored fields when the
// row updates an activity, zero fields when it creates one.
func (f *ActivityFile) Apply(base *domain.ActivityFields, rec *ActivityRecord) {
	for _, col := range f.Columns {
		switch col {
		case FieldContactName: // resolved by the store with contact_email
		case domain.FieldDate: // Get/Set would round-trip through local time: copy the moment itself
			base.OccurredAt = rec.Fields.OccurredAt
		case domain.FieldDone:
			base.Done = rec.Fields.Done
		default:
			_ = base.Set(col, rec.Fields.Get(col))
		}
	}
}

// ActivityCells is an activity as a row of an export, in ActivitySchema
// order: its moment in loc (the company's time zone) with the UTC offset,
// its contact by e-mail and by name.
func ActivityCells(a *domain.Activity, loc *time.Location) []string {
	out := make([]string, len(ActivitySchema.Columns))
	for i, c := range ActivitySchema.Columns {
		switch c.Name {
		case domain.FieldDate:
			out[i] = domain.FormatMoment(a.OccurredAt, loc)
		case FieldContactName:
			out[i] = a.ContactName
		default:
			out[i] = a.Get(c.Name)
		}
	}
	return out
}
