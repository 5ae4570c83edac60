package domain

import (
	"context"
	"strings"
	"time"
)

// InvoiceID identifies an invoice or a credit note.
type InvoiceID int64

// InvoiceKind tells an invoice from a credit note.
type InvoiceKind string

// Invoice kinds.
const (
	KindInvoice    InvoiceKind = "invoice"
	KindCreditNote InvoiceKind = "credit"
)

// Invoice is an issued invoice or credit note. It never changes once issued: a
// correction is a credit note referencing the original. A credit note's lines
// carry the credited (positive) quantities; its Totals are negative, so the
// ledger reads it as a negative invoice.
type Invoice struct {
	ID          InvoiceID
	Kind        InvoiceKind
	Number      string
	AccountID   AccountID
	AccountCode string
	AccountName string
	OrderID     OrderID // the delivered order it bills (credit note: the original's)
	OrderNumber string
	// Corrects is the invoice a credit note corrects (0 for an invoice).
	Corrects       InvoiceID
	CorrectsNumber string
	Reason         string // why a credit note was issued
	Date           Date   // issue date: the delivery date for an invoice
	Due            Date
	Terms          PaymentTerms
	Currency       string
	Lines          []InvoiceLine
	Totals         Totals // negative for a credit note
	CreatedAt      time.Time
}

// InvoiceLine is a line of an invoice: an order's line as delivered. No is its
// 1-based number on the invoice; a credit note's line keeps the number of the
// original invoice's line it credits.
type InvoiceLine struct {
	No int
	DocumentLine
}

// DocumentLines returns the lines without their numbers, for totals and printing.
func (i *Invoice) DocumentLines() []DocumentLine {
	out := make([]DocumentLine, len(i.Lines))
	for k := range i.Lines {
		out[k] = i.Lines[k].DocumentLine
	}
	return out
}

// Gross is what the invoice adds to the balance: negative for a credit note.
func (i *Invoice) Gross() Amount { return i.Totals.Gross }

// IssueInvoice builds the invoice of an order delivered on its DeliveredOn
// date: dated that day, due by the order's payment terms (the account's terms
// when the order was taken), lines and totals as ordered. Number is left for
// the store, which hands it out from the series in the saving transaction.
func IssueInvoice(o *Order) (*Invoice, error) {
	if o.Status != OrderDelivered || o.DeliveredOn.IsZero() {
		return nil, Errorf(EInvalid, "invoice.not_delivered", "order {{.Number}} is not delivered, so it cannot be invoiced",
			map[string]any{"Number": o.Number})
	}
	// An order saved before the money bounds may hold a line no invoice can:
	// an invoice is never changed, so it is refused rather than issued wrong.
	var fe fieldErrors
	validateLines(&fe, o.Lines)
	for _, f := range fe {
		if f.Key == "line.too_large" || f.Key == "document.too_large" {
			return nil, &Error{Code: EInvalid, Key: "invoice.too_large",
				Msg:  "order {{.Number}} cannot be invoiced: its amounts are more than an invoice may hold; correct its lines first",
				Args: map[string]any{"Number": o.Number}, Fields: []FieldError{f}}
		}
	}
	lines := make([]InvoiceLine, len(o.Lines))
	for k, l := range o.Lines {
		lines[k] = InvoiceLine{No: k + 1, DocumentLine: l}
	}
	return &Invoice{
		Kind: KindInvoice, AccountID: o.AccountID, AccountCode: o.AccountCode, AccountName: o.AccountName,
		OrderID: o.ID, OrderNumber: o.Number, Date: o.DeliveredOn, Due: o.PaymentTerms.DueDate(o.DeliveredOn),
		Terms: o.PaymentTerms, Currency: o.Currency, Lines: lines, Totals: ComputeTotals(o.Lines),
	}, nil
}

// CreditLine credits Quantity of the original invoice's line LineNo (1-based).
type CreditLine struct {
	LineNo   int
	Quantity Quantity
}

// CreditNoteRequest asks for a credit note against an invoice.
type CreditNoteRequest struct {
	Invoice InvoiceID
	Date    Date   // the note's date; the app proposes today
	Reason  string // required
	// Lines to credit; empty credits every line in full (what is left of it).
	Lines []CreditLine
}

// Credit note field names.
const (
	FieldCreditReason = "reason"
	FieldCreditDate   = FieldDate
)

// BuildCreditNote checks a credit note request against the original invoice and
// the credit notes already issued on it, and returns the note (unnumbered). A
// note can credit no more of a line than is left of it and no more in total
// than is left of the invoice's gross; it cannot predate the invoice.
func BuildCreditNote(orig *Invoice, earlier []*Invoice, r CreditNoteRequest) (*Invoice, error) {
	if orig.Kind != KindInvoice {
		return nil, Errorf(EInvalid, "credit.of_credit", "{{.Number}} is a credit note; credit the invoice it corrects",
			map[string]any{"Number": orig.Number})
	}
	var fe fieldErrors
	if strings.TrimSpace(r.Reason) == "" {
		fe.add(FieldCreditReason, "credit.reason_required", "a credit note needs a reason", nil)
	}
	fe.freeText(FieldCreditReason, r.Reason, 500)
	if r.Date.IsZero() {
		fe.add(FieldCreditDate, "field.required", "required", nil)
	} else if r.Date.Before(orig.Date) {
		fe.add(FieldCreditDate, "credit.before_invoice", "a credit note cannot be dated before its invoice ({{.Date}})",
			map[string]any{"Date": orig.Date})
	}
	credited := make([]Quantity, len(orig.Lines))
	var creditedGross Amount
	for _, n := range earlier {
		creditedGross += -n.Totals.Gross
		for _, l := range n.Lines {
			if l.No >= 1 && l.No <= len(credited) {
				credited[l.No-1] += l.Quantity
			}
		}
	}
	want := r.Lines
	if len(want) == 0 {
		for i := range orig.Lines {
			if left := orig.Lines[i].Quantity - credited[i]; left > 0 {
				want = append(want, CreditLine{LineNo: i + 1, Quantity: left})
			}
		}
		if len(want) == 0 {
			fe.add(FieldLines, "credit.nothing_left", "invoice {{.Number}} has been credited in full already",
				map[string]any{"Number": orig.Number})
		}
	}
	var lines []InvoiceLine
	var docLines []DocumentLine
	for _, c := range want {
		if c.LineNo < 1 || c.LineNo > len(orig.Lines) {
			fe.add(FieldLines, "credit.no_line", "the invoice has no line {{.Line}}", map[string]any{"Line": c.LineNo})
			continue
		}
		if c.Quantity <= 0 {
			continue
		}
		l := orig.Lines[c.LineNo-1]
		if left := l.Quantity - credited[c.LineNo-1]; c.Quantity > left {
			fe.add(LineField(c.LineNo-1, FieldQuantity), "credit.more_than_invoiced",
				"{{.SKU}}: at most {{.Left}} left to credit", map[string]any{"SKU": l.SKU, "Left": left})
			continue
		}
		credited[c.LineNo-1] += c.Quantity // a line named twice in one request counts both
		l.Quantity = c.Quantity
		lines = append(lines, InvoiceLine{No: c.LineNo, DocumentLine: l.DocumentLine})
		docLines = append(docLines, l.DocumentLine)
	}
	if len(want) > 0 && len(lines) == 0 && len(fe) == 0 {
		fe.add(FieldLines, "credit.empty", "choose at least one line and quantity to credit", nil)
	}
	t := ComputeTotals(docLines)
	if len(lines) > 0 && creditsAll(orig, credited) {
		// VAT is rounded on each note's sum, so notes line by line may add up
		// to a grosz more or less than the invoice: the note that credits the
		// last of every line takes exactly what is left, rate by rate.
		t = LeftToCredit(orig, earlier, docLines)
	}
	if len(fe) == 0 && t.Gross > orig.Totals.Gross-creditedGross {
		fe.add(FieldLines, "credit.larger_than_invoice", "the credit note ({{.Gross}}) is larger than what is left of invoice {{.Number}} ({{.Left}})",
			map[string]any{"Gross": t.Gross, "Number": orig.Number, "Left": orig.Totals.Gross - creditedGross})
	}
	if err := fe.err("credit.invalid", "the credit note is not valid"); err != nil {
		return nil, err
	}
	neg := Totals{Net: -t.Net, VAT: -t.VAT, Gross: -t.Gross}
	for _, v := range t.ByRate {
		neg.ByRate = append(neg.ByRate, VATTotal{Rate: v.Rate, Net: -v.Net, VAT: -v.VAT, Gross: -v.Gross})
	}
	return &Invoice{
		Kind: KindCreditNote, AccountID: orig.AccountID, AccountCode: orig.AccountCode, AccountName: orig.AccountName,
		OrderID: orig.OrderID, OrderNumber: orig.OrderNumber, Corrects: orig.ID, CorrectsNumber: orig.Number,
		Reason: strings.TrimSpace(r.Reason), Date: r.Date, Due: r.Date, Terms: orig.Terms, Currency: orig.Currency,
		Lines: lines, Totals: neg,
	}, nil
}

// creditsAll reports whether credited covers every line of orig in full.
func creditsAll(orig *Invoice, credited []Quantity) bool {
	for i := range orig.Lines {
		if credited[i] != orig.Lines[i].Quantity {
			return false
		}
	}
	return true
}

// LeftToCredit is what the earlier notes left of orig's totals (positive),
// per rate: each rate that has something left or a line in lines.
func LeftToCredit(orig *Invoice, earlier []*Invoice, lines []DocumentLine) Totals {
	var t Totals
	for _, r := range VATRates {
		v := VATTotal{Rate: r}
		for _, o := range orig.Totals.ByRate {
			if o.Rate == r {
				v.Net, v.VAT = o.Net, o.VAT
			}
		}
		for _, n := range earlier {
			for _, o := range n.Totals.ByRate {
				if o.Rate == r {
					v.Net, v.VAT = v.Net+o.Net, v.VAT+o.VAT // o is negative
				}
			}
		}
		has := v.Net != 0 || v.VAT != 0
		for i := range lines {
			has = has || lines[i].VATRate == r
		}
		if !has {
			continue
		}
		v.Gross = v.Net + v.VAT
		t.ByRate = append(t.ByRate, v)
		t.Net, t.VAT, t.Gross = t.Net+v.Net, t.VAT+v.VAT, t.Gross+v.Gross
	}
	return t
}

// InvoiceFilter narrows FindInvoices. Zero fields do not filter.
type InvoiceFilter struct {
	Account  AccountID
	From, To Date // the invoice date, inclusive
	OpenOnly bool // only invoices with an open amount
	Offset   int
	Limit    int // 0: DefaultDocumentPage
}

// InvoiceRow is an invoice in a list with what is paid and open of it (as
// allocated over every payment recorded).
type InvoiceRow struct {
	ID          InvoiceID
	Kind        InvoiceKind
	Number      string
	AccountID   AccountID
	AccountCode string
	AccountName string
	OrderNumber string
	Date        Date
	Due         Date
	Net         Amount
	Gross       Amount
	Paid        Amount
	Open        Amount
}

// InvoiceService reads invoices and issues credit notes. Invoices themselves
// are issued by the order service when an order becomes delivered.
type InvoiceService interface {
	FindInvoiceByID(ctx context.Context, id InvoiceID) (*Invoice, error)
	FindInvoiceByNumber(ctx context.Context, number string) (*Invoice, error)
	// FindInvoiceByOrder returns the invoice of a delivered order (ENotFound for any other).
	FindInvoiceByOrder(ctx context.Context, order OrderID) (*Invoice, error)
	// FindInvoices lists invoices and credit notes, newest first, with the total matching.
	FindInvoices(ctx context.Context, f InvoiceFilter) ([]InvoiceRow, int, error)
	// IssueCreditNote numbers and saves a credit note (BuildCreditNote's rules).
	IssueCreditNote(ctx context.Context, r CreditNoteRequest) (*Invoice, error)
}
