package domain

import (
	"context"
	"strings"
	"time"
)

// AgreementID identifies a price agreement.
type AgreementID int64

// TargetKind says whom an agreement is for.
type TargetKind string

// Agreement targets. An agreement for an account that is a head office applies
// to its branches too (ResolvePrice walks the chain of head offices).
const (
	TargetAccount TargetKind = "account"
	TargetGroup   TargetKind = "group"
)

// AgreementFields are the negotiated terms; the comments give each field's
// stable name, which is also its column in the prices CSV kind.
type AgreementFields struct {
	SKU           string // sku
	AccountCode   string // account_code: the account (or head office) … exactly one of
	CustomerGroup string // customer_group: … or the customer group

	MinQty Quantity // min_qty: the tier; applies when the document's total of the SKU is at least this. Default 1.

	// Exactly one of a fixed net unit price and a discount off the list price.
	Price       UnitPrice // price
	HasPrice    bool
	Discount    Percent // discount_pct: 0–100, up to 2 decimals
	HasDiscount bool

	ValidFrom Date // valid_from: first day in effect; zero = open
	ValidTo   Date // valid_to: last day in effect; zero = open
}

// Agreement field names (the prices CSV columns).
const (
	FieldMinQty      = "min_qty"
	FieldPrice       = "price"
	FieldDiscountPct = "discount_pct"
	FieldValidFrom   = "valid_from"
	FieldValidTo     = "valid_to"
	// FieldAccountCode, FieldSKU and FieldCustomerGroup are shared.
)

// AgreementFieldOrder is the order of fields in forms and CSV files.
var AgreementFieldOrder = []string{FieldSKU, FieldAccountCode, FieldCustomerGroup, FieldMinQty, FieldPrice,
	FieldDiscountPct, FieldValidFrom, FieldValidTo}

// NewAgreementFields returns the defaults of a new agreement: tier 1, open dates.
func NewAgreementFields() AgreementFields { return AgreementFields{MinQty: One} }

// Target says whether the agreement is for an account or a group ("" when it names neither).
func (f *AgreementFields) Target() TargetKind {
	switch {
	case f.AccountCode != "":
		return TargetAccount
	case f.CustomerGroup != "":
		return TargetGroup
	}
	return ""
}

// ValidOn reports whether day lies in [ValidFrom, ValidTo], either end open.
func (f *AgreementFields) ValidOn(day Date) bool {
	d := dayNumber(day)
	return dayNumber(f.ValidFrom) <= d && d <= endNumber(f.ValidTo)
}

// NetPrice is the unit price the agreement gives for a product with this list
// price: the fixed price, or the list price less the discount rounded half away
// from zero to 4 decimals.
func (f *AgreementFields) NetPrice(list UnitPrice) UnitPrice {
	if f.HasPrice {
		return f.Price
	}
	return list.Discounted(f.Discount)
}

// Set parses value into the named field. Blank min_qty is 1; blank price,
// discount_pct and dates are "not given".
func (f *AgreementFields) Set(field, value string) error {
	v := strings.TrimSpace(value)
	switch field {
	case FieldSKU:
		f.SKU = v
	case FieldAccountCode:
		f.AccountCode = v
	case FieldCustomerGroup:
		f.CustomerGroup = v
	case FieldMinQty:
		if v == "" {
			f.MinQty = One
			return nil
		}
		q, err := ParseQuantity(v)
		if err != nil {
			return err
		}
		f.MinQty = q
	case FieldPrice:
		f.Price, f.HasPrice = 0, v != ""
		if v == "" {
			return nil
		}
		p, err := ParseUnitPrice(v)
		if err != nil {
			return err
		}
		f.Price = p
	case FieldDiscountPct:
		f.Discount, f.HasDiscount = 0, v != ""
		if v == "" {
			return nil
		}
		d, err := ParsePercent(v)
		if err != nil {
			return err
		}
		f.Discount = d
	case FieldValidFrom, FieldValidTo:
		d, err := ParseDate(v)
		if err != nil {
			return err
		}
		if field == FieldValidFrom {
			f.ValidFrom = d
		} else {
			f.ValidTo = d
		}
	default:
		return Errorf(EInvalid, "field.unknown", "unknown field {{.Field}}", map[string]any{"Field": field})
	}
	return nil
}

// Get returns the named field as text, in the form Set reads back ("" for a term not given).
func (f *AgreementFields) Get(field string) string {
	switch field {
	case FieldSKU:
		return f.SKU
	case FieldAccountCode:
		return f.AccountCode
	case FieldCustomerGroup:
		return f.CustomerGroup
	case FieldMinQty:
		return f.MinQty.String()
	case FieldPrice:
		if f.HasPrice {
			return f.Price.String()
		}
	case FieldDiscountPct:
		if f.HasDiscount {
			return f.Discount.String()
		}
	case FieldValidFrom:
		return f.ValidFrom.String()
	case FieldValidTo:
		return f.ValidTo.String()
	}
	return ""
}

// Validate checks every rule that needs no database. Whether the SKU, account
// and group exist, and whether min_qty suits the product's unit (CheckUnit),
// are the store's checks.
func (f *AgreementFields) Validate() error {
	var fe fieldErrors
	if f.SKU == "" {
		fe.add(FieldSKU, "field.required", "required", nil)
	}
	switch {
	case f.AccountCode == "" && f.CustomerGroup == "":
		fe.add(FieldAccountCode, "agreement.no_target", "give an account_code or a customer_group", nil)
	case f.AccountCode != "" && f.CustomerGroup != "":
		fe.add(FieldCustomerGroup, "agreement.two_targets", "give an account_code or a customer_group, not both", nil)
	}
	if f.MinQty <= 0 {
		fe.add(FieldMinQty, "min_qty.positive", "the minimum quantity must be more than 0", nil)
	}
	switch {
	case !f.HasPrice && !f.HasDiscount:
		fe.add(FieldPrice, "agreement.no_terms", "give a price or a discount_pct", nil)
	case f.HasPrice && f.HasDiscount:
		fe.add(FieldDiscountPct, "agreement.two_terms", "give a price or a discount_pct, not both", nil)
	}
	if f.HasPrice && f.Price < 0 {
		fe.add(FieldPrice, "price.negative", "a price cannot be negative", nil)
	}
	if f.HasPrice && f.Price > MaxUnitPrice {
		fe.add(FieldPrice, "price.too_large", "{{.Value}} is too large for a unit price", map[string]any{"Value": f.Price})
	}
	if f.HasDiscount && (f.Discount < 0 || f.Discount > Hundred) {
		fe.add(FieldDiscountPct, "discount.range", "a discount is from 0 to 100 %", nil)
	}
	if !f.ValidFrom.IsZero() && !f.ValidTo.IsZero() && f.ValidTo.Before(f.ValidFrom) {
		fe.add(FieldValidTo, "valid_to.before_from", "valid_to ({{.To}}) is before valid_from ({{.From}})",
			map[string]any{"To": f.ValidTo, "From": f.ValidFrom})
	}
	sortFields(fe, AgreementFieldOrder)
	return fe.err("agreement.invalid", "the price agreement is not valid")
}

// CheckUnit reports an EInvalid error on min_qty when it has more decimals than
// the product's unit allows.
func (f *AgreementFields) CheckUnit(u Unit) error {
	if err := u.Check(f.MinQty); err != nil {
		var fe fieldErrors
		fe.addErr(FieldMinQty, err)
		return fe.err("agreement.invalid", "the price agreement is not valid")
	}
	return nil
}

// Agreement is a stored price agreement. It is never edited in place: a change
// ends it the day before the new terms start (AgreementService.ChangeAgreement),
// so "what did they pay in March?" stays answerable.
type Agreement struct {
	ID AgreementID
	AgreementFields
	ProductID   ProductID
	ProductName string
	AccountID   AccountID // the target account; 0 for a group agreement
	GroupID     GroupID   // the target group; 0 for an account agreement
	TargetName  string    // the account's or the group's name
	CreatedBy   string
	CreatedAt   time.Time
	EndedBy     string // who cut valid_to short (a change or an end); "" if nobody
	EndedAt     time.Time
	ReplacedBy  AgreementID // the agreement a change created in its place; 0 if none
}

// AgreementFilter narrows FindAgreements. Exactly one of AccountID and GroupID
// is usually set: an account's own agreements (not those it inherits from its
// head office or group — the price check shows those) or a group's.
type AgreementFilter struct {
	AccountID     AccountID
	GroupID       GroupID
	SKU           string // only this SKU
	On            Date   // non-zero: only agreements valid on this day
	Offset, Limit int    // Limit 0: all
}

// AgreementService stores price agreements. Every write records who made it
// (by: the user name the app or kontorctl runs as) and when.
//
// Deleting is allowed only for an agreement that was never in effect (its
// valid_from is after today); one that has been in effect is ended instead, so
// the prices of the past stay answerable.
type AgreementService interface {
	FindAgreementByID(ctx context.Context, id AgreementID) (*Agreement, error)
	// FindAgreements lists agreements by SKU, target, min_qty, valid_from, with the total matching.
	FindAgreements(ctx context.Context, f AgreementFilter) ([]*Agreement, int, error)
	// CreateAgreement adds an agreement; an unknown SKU, account or group is an
	// EInvalid error on that field, as is a min_qty the product's unit does not allow.
	// One agreement per SKU, target, min_qty and valid_from: another is an EConflict.
	CreateAgreement(ctx context.Context, f AgreementFields, by string) (*Agreement, error)
	// ChangeAgreement replaces agreement id's terms from f.ValidFrom on: the old
	// agreement's valid_to becomes the day before (never later than it was) and a
	// new agreement with f is created, in one transaction. f must keep the SKU and
	// target and must start after the old agreement starts and not before today
	// (a past price is never rewritten). It returns the new agreement.
	ChangeAgreement(ctx context.Context, id AgreementID, f AgreementFields, by string) (*Agreement, error)
	// EndAgreement sets valid_to to last: not before valid_from, not later than it
	// was, and yesterday at the earliest.
	EndAgreement(ctx context.Context, id AgreementID, last Date, by string) (*Agreement, error)
	// DeleteAgreement removes an agreement whose valid_from is after today; one that
	// has been in effect is an EConflict (end it instead).
	DeleteAgreement(ctx context.Context, id AgreementID, today Date) error
}
