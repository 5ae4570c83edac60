package domaintest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kontor/domain"
)

func copyAgreement(a *domain.Agreement) *domain.Agreement {
	d := *a
	return &d
}

func agreementError(field, key, msg string, args map[string]any) error {
	return &domain.Error{Code: domain.EInvalid, Key: "agreement.invalid", Msg: "the price agreement is not valid",
		Fields: []domain.FieldError{{Field: field, Key: key, Msg: msg, Args: args}}}
}

// bind checks what needs the other records (the SKU, the account or group,
// the unit of min_qty) and fills the stored agreement's references. The
// caller holds c.mu.
func (c *Catalog) bind(f domain.AgreementFields, by string) (*domain.Agreement, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	p := c.bySKU(f.SKU)
	if p == nil {
		return nil, agreementError(domain.FieldSKU, "sku.unknown", "no product has SKU {{.Value}}", map[string]any{"Value": f.SKU})
	}
	if err := f.CheckUnit(p.Unit); err != nil {
		return nil, err
	}
	f.SKU = p.SKU
	a := &domain.Agreement{AgreementFields: f, ProductID: p.ID, ProductName: p.Name, CreatedBy: by, CreatedAt: c.now()}
	if f.AccountCode != "" {
		acc, err := c.accounts.FindAccountByCode(context.Background(), f.AccountCode)
		if err != nil {
			return nil, agreementError(domain.FieldAccountCode, "account.unknown", "there is no account with code {{.Value}}",
				map[string]any{"Value": f.AccountCode})
		}
		a.AccountID, a.TargetName, a.AccountCode = acc.ID, acc.Name, acc.Code
	} else {
		c.sync()
		g := c.groupByName(f.CustomerGroup)
		if g == nil {
			return nil, agreementError(domain.FieldCustomerGroup, "group.unknown", "there is no customer group {{.Value}}",
				map[string]any{"Value": f.CustomerGroup})
		}
		a.GroupID, a.TargetName = g.ID, g.Name
	}
	return a, nil
}

// FindAgreementByID returns one agreement.
func (c *Catalog) FindAgreementByID(ctx context.Context, id domain.AgreementID) (*domain.Agreement, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.agreements[id]
	if !ok {
		return nil, notFound()
	}
	return copyAgreement(a), ctxErr(ctx)
}

// FindAgreements lists agreements by SKU, target, min_qty and valid_from.
func (c *Catalog) FindAgreements(ctx context.Context, f domain.AgreementFilter) ([]*domain.Agreement, int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var all []*domain.Agreement
	for _, a := range c.agreements {
		if f.AccountID != 0 && a.AccountID != f.AccountID || f.GroupID != 0 && a.GroupID != f.GroupID ||
			f.SKU != "" && !strings.EqualFold(a.SKU, f.SKU) || !f.On.IsZero() && !a.ValidOn(f.On) {
			continue
		}
		all = append(all, a)
	}
	slices.SortFunc(all, func(a, b *domain.Agreement) int {
		switch {
		case a.SKU != b.SKU:
			return strings.Compare(a.SKU, b.SKU)
		case a.TargetName != b.TargetName:
			return strings.Compare(a.TargetName, b.TargetName)
		case a.MinQty != b.MinQty:
			return int(a.MinQty - b.MinQty)
		case a.ValidFrom != b.ValidFrom:
			return a.ValidFrom.Compare(b.ValidFrom)
		}
		return int(a.ID - b.ID)
	})
	var out []*domain.Agreement
	for _, a := range page(all, f.Offset, f.Limit) {
		out = append(out, copyAgreement(a))
	}
	return out, len(all), ctxErr(ctx)
}

// CreateAgreement adds an agreement.
func (c *Catalog) CreateAgreement(ctx context.Context, f domain.AgreementFields, by string) (*domain.Agreement, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, err := c.bind(f, by)
	if err != nil {
		return nil, err
	}
	a.ID = domain.AgreementID(c.newID())
	c.agreements[a.ID] = a
	c.Writes++
	return copyAgreement(a), ctxErr(ctx)
}

// ChangeAgreement ends agreement id the day before f.ValidFrom and adds f in its place.
func (c *Catalog) ChangeAgreement(ctx context.Context, id domain.AgreementID, f domain.AgreementFields, by string) (*domain.Agreement, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.agreements[id]
	if !ok {
		return nil, notFound()
	}
	if f.ValidFrom.IsZero() {
		return nil, agreementError(domain.FieldValidFrom, "agreement.change_from", "a change needs the day the new terms start", nil)
	}
	if !old.ValidFrom.IsZero() && !old.ValidFrom.Before(f.ValidFrom) {
		return nil, agreementError(domain.FieldValidFrom, "agreement.change_early",
			"the new terms must start after the old ones started ({{.From}}); to replace an agreement that was never in effect, delete it",
			map[string]any{"From": old.ValidFrom})
	}
	if f.ValidFrom.Before(c.Today) {
		return nil, agreementError(domain.FieldValidFrom, "agreement.change_past",
			"the new terms cannot start before today ({{.Today}}): what was charged in the past stays as it was",
			map[string]any{"Today": c.Today})
	}
	next, err := c.bind(f, by)
	if err != nil {
		return nil, err
	}
	if next.ProductID != old.ProductID || next.AccountID != old.AccountID || next.GroupID != old.GroupID {
		return nil, agreementError(domain.FieldSKU, "agreement.change_target",
			"a change keeps the product and the customer; add a new agreement instead", nil)
	}
	next.ID = domain.AgreementID(c.newID())
	old.ReplacedBy = next.ID
	if last := f.ValidFrom.AddDays(-1); old.ValidTo.IsZero() || last.Before(old.ValidTo) {
		old.ValidTo, old.EndedBy, old.EndedAt = last, by, c.now()
	}
	c.agreements[next.ID] = next
	c.Writes++
	return copyAgreement(next), ctxErr(ctx)
}

// EndAgreement sets valid_to to last.
func (c *Catalog) EndAgreement(ctx context.Context, id domain.AgreementID, last domain.Date, by string) (*domain.Agreement, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.agreements[id]
	if !ok {
		return nil, notFound()
	}
	switch {
	case !a.ValidFrom.IsZero() && last.Before(a.ValidFrom):
		return nil, agreementError(domain.FieldValidTo, "valid_to.before_from", "valid_to ({{.To}}) is before valid_from ({{.From}})",
			map[string]any{"To": last, "From": a.ValidFrom})
	case last.Before(c.Today.AddDays(-1)):
		return nil, agreementError(domain.FieldValidTo, "agreement.end_past",
			"an agreement can end yesterday at the earliest: what was charged in the past stays as it was", nil)
	case !a.ValidTo.IsZero() && a.ValidTo.Before(last):
		return nil, agreementError(domain.FieldValidTo, "agreement.end_later",
			"the agreement already ends on {{.To}}; ending it later would change the past", map[string]any{"To": a.ValidTo})
	}
	a.ValidTo, a.EndedBy, a.EndedAt = last, by, c.now()
	c.Writes++
	return copyAgreement(a), ctxErr(ctx)
}

// DeleteAgreement removes an agreement that has never been in effect.
func (c *Catalog) DeleteAgreement(ctx context.Context, id domain.AgreementID, today domain.Date) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.agreements[id]
	if !ok {
		return notFound()
	}
	if a.ValidFrom.IsZero() || !today.Before(a.ValidFrom) {
		return domain.Errorf(domain.EConflict, "agreement.in_effect", "the agreement has been in effect, so it cannot be deleted; end it instead", nil)
	}
	delete(c.agreements, id)
	c.Writes++
	return ctxErr(ctx)
}

// AddAgreement stores an agreement given as CSV-like field texts
// (domain.FieldSKU: "MKA-1", domain.FieldPrice: "12,50", …) by "test", and
// fails the test when it is refused.
func (c *Catalog) AddAgreement(t testing.TB, fields map[string]string) *domain.Agreement {
	t.Helper()
	f := domain.NewAgreementFields()
	for _, name := range domain.AgreementFieldOrder {
		if v, ok := fields[name]; ok {
			if err := f.Set(name, v); err != nil {
				t.Fatalf("add agreement %v: %v", fields, err)
			}
		}
	}
	a, err := c.CreateAgreement(context.Background(), f, "test")
	if err != nil {
		t.Fatalf("add agreement %v: %v", fields, err)
	}
	return a
}
