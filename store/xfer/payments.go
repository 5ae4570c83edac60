package xfer

import (
	"io"
	"strconv"
	"strings"
	"time"

	"kontor/domain"
)

// PaymentSchema is the payments file of the contract: what a bank export
// gives of each incoming transfer.
var PaymentSchema = Schema{Kind: "payments", Columns: []Column{
	{Name: domain.FieldAccountCode, Required: true, Width: 14},
	{Name: domain.FieldDate, Required: true, Width: 12},
	{Name: domain.FieldAmount, Required: true, Type: Amount, Width: 14},
	{Name: domain.FieldReference, Width: 40},
}}

// PaymentRecord is one row of a payments file. A row with a bad cell is kept
// (that cell zero), so that the store reports its other problems too.
type PaymentRecord struct {
	Line   int
	Fields domain.PaymentFields // AccountCode, Date, Amount, Reference
}

// PaymentFile is a payments file read and parsed, not yet checked against the
// database.
type PaymentFile struct {
	File    string
	Records []PaymentRecord
	Errs    Errors
}

// ReadPayments reads a payments file. Each row is checked on its own: the
// date, an amount of more than 0 with at most 2 decimals, the reference's
// length. A bank export has no key, so rows that repeat one another are not
// an error here: the store decides what a repeat means.
func ReadPayments(file string, src io.Reader) (*PaymentFile, error) {
	rd, err := NewReader(file, src, PaymentSchema)
	if err != nil {
		return nil, err
	}
	out := &PaymentFile{File: file}
	for rd.Next() {
		row := rd.Row()
		f := domain.PaymentFields{AccountCode: row.Text(domain.FieldAccountCode), Reference: row.Text(domain.FieldReference)}
		failed := map[string]bool{}
		if v := row.Text(domain.FieldDate); v != "" {
			if d, err := domain.ParseDate(v); err != nil {
				failed[domain.FieldDate] = true
				if key, msg, args, ok := noSuchDay(v); ok {
					row.Failf(domain.FieldDate, key, msg, args)
				} else {
					row.Fail(domain.FieldDate, err)
				}
			} else {
				f.Date = d
			}
		}
		if a, ok := row.Amount(domain.FieldAmount); ok {
			f.Amount = a
		} else if row.Text(domain.FieldAmount) != "" {
			failed[domain.FieldAmount] = true
		}
		if e, ok := domain.AsError(f.Validate()); ok {
			for _, fe := range e.Fields {
				// Empty required cells were reported by the reader, unparsable ones above.
				if fe.Key != "field.required" && !failed[fe.Field] && !(fe.Field == domain.FieldAmount && row.Text(domain.FieldAmount) == "") {
					row.Fail(fe.Field, fe)
				}
			}
		}
		out.Records = append(out.Records, PaymentRecord{Line: row.Line, Fields: f})
	}
	out.Errs = rd.Errors()
	return out, nil
}

// noSuchDay explains a date written in a known shape whose month or day the
// calendar does not have (2026-02-30, 31.04.2026, 2026-13-01), which
// domain.ParseDate refuses as "not a date": the person wrote a date, just not
// one that exists.
func noSuchDay(s string) (key, msg string, args map[string]any, ok bool) {
	t := strings.TrimSuffix(strings.TrimSpace(s), ".")
	var parts []string
	var y, m, d string
	for _, sep := range []string{"-", ".", "/"} {
		if parts = strings.Split(t, sep); len(parts) == 3 {
			if sep == "-" {
				y, m, d = parts[0], parts[1], parts[2]
			} else {
				d, m, y = parts[0], parts[1], parts[2]
			}
			break
		}
	}
	if y == "" || len(y) != 4 || len(m) > 2 || len(d) > 2 {
		return "", "", nil, false
	}
	yn, err1 := strconv.Atoi(y)
	mn, err2 := strconv.Atoi(m)
	dn, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || yn < 1900 || yn > 2999 || mn < 0 || dn < 0 {
		return "", "", nil, false
	}
	if mn < 1 || mn > 12 {
		return "date.no_such_month", "{{.Value}} is not a date: there is no month {{.Month}}",
			map[string]any{"Value": s, "Month": mn}, true
	}
	days := time.Date(yn, time.Month(mn)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if dn < 1 || dn > days {
		return "date.no_such_day", "{{.Value}} is not a date: month {{.Month}} of {{.Year}} has {{.Days}} days",
			map[string]any{"Value": s, "Month": mn, "Year": yn, "Days": days}, true
	}
	return "", "", nil, false
}

// PaymentCells is a payment as a row of an export, in PaymentSchema order.
func PaymentCells(accountCode string, p *domain.Payment) []string {
	return []string{accountCode, p.Date.String(), p.Amount.String(), p.Reference}
}
