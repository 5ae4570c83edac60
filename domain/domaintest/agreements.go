package domaintest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kontor/domain"
)

func agreementNotFound() error {
	return domain.Errorf(domain.ENotFound, "agreement.not_found", "the price agreement no longer exists", nil)
}

func agreementError(field, key, msg string, args map[string]any) error {
	return &domain.Error{Code: domain.EInvalid, Key: "agreement.invalid", Msg: "the price agreement is not valid",
		Fields: []domain.FieldError{{Field: field, Key: key, Msg: msg, Args: args}}}
}

// viewAgreement is a copy of an agreement with its product's SKU and name, its
// account's code and name and its group's name as they are now, as the store
// joins them. The caller holds c.mu.
func (c *Catalog) viewAgreement(a *domain.Agreement) *domain.Agreement {
	d := *a
	if p, ok := c.products[a.ProductID]; ok {
		d.SKU, d.ProductName = p.SKU, p.Name
	}
	if a.AccountID != 0 {
		if code, name, ok := c.accounts.names(a.AccountID); ok {
			d.AccountCode, d.TargetName = code, name
		}
	}
	if g, ok := c.groups[a.GroupID]; ok && a.GroupID != 0 {
		d.CustomerGroup, d.TargetName = g.Name, g.Name
	}
	return &d
}

// bind checks what needs the other records — the SKU, the account or group,
// the unit of min_qty — reporting every field at fault, and refuses a second
// agreement for one product, target, tier and start. It returns the agreement
// to store. The caller holds c.mu.
func (c *Catalog) bind(f domain.AgreementFields, by string) (*domain.Agreement, error) {
	var fe []domain.FieldError
	a := &domain.Agreement{AgreementFields: f, CreatedBy: by, CreatedAt: c.now()}
	if p := c.bySKU(f.SKU); p == nil {
		fe = append(fe, domain.FieldError{Field: domain.FieldSKU, Key: "sku.unknown", Msg: "there is no product with SKU {{.Value}}",
			Args: map[string]any{"Value": f.SKU}})
	} else {
		a.ProductID = p.ID
		if err := p.Unit.Check(f.MinQty); err != nil {
			e, _ := domain.AsError(err)
			fe = append(fe, domain.FieldError{Field: domain.FieldMinQty, Key: e.Key, Msg: e.Msg, Args: e.Args})
		}
	}
	if f.AccountCode != "" {
		if acc := c.accounts.account(f.AccountCode); acc == nil {
			fe = append(fe, domain.FieldError{Field: domain.FieldAccountCode, Key: "account.unknown",
				Msg: "there is no account with code {{.Value}}", Args: map[string]any{"Value": f.AccountCode}})
		} else {
			a.AccountID = acc.ID
		}
	}
	if f.CustomerGroup != "" {
		c.sync()
		if g := c.groupByName(f.CustomerGroup); g == nil {
			fe = append(fe, domain.FieldError{Field: domain.FieldCustomerGroup, Key: "group.unknown",
				Msg: "there is no customer group {{.Value}}", Args: map[string]any{"Value": f.CustomerGroup}})
		} else {
			a.GroupID = g.ID
		}
	}
	if len(fe) > 0 {
		return nil, &domain.Error{Code: domain.EInvalid, Key: "agreement.invalid", Msg: "the price agreement is not valid", Fields: fe}
	}
	for _, o := range c.agreements {
		if o.ProductID == a.ProductID && o.AccountID == a.AccountID && o.GroupID == a.GroupID && o.MinQty == a.MinQty &&
			o.ValidFrom == a.ValidFrom {
			return nil, &domain.Error{Code: domain.EConflict, Key: "agreement.duplicate",
				Msg: "there is already an agreement for this product and customer with the same minimum quantity and start; change that one instead",
				Fields: []domain.FieldError{{Field: domain.FieldValidFrom, Key: "agreement.duplicate",
					Msg: "another agreement for {{.SKU}} with the same minimum quantity starts on this day", Args: map[string]any{"SKU": f.SKU}}}}
		}
	}
	return a, nil
}

// FindAgreementByID returns one agreement.
func (c *Catalog) FindAgreementByID(ctx context.Context, id domain.AgreementID) (*domain.Agreement, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.agreements[id]
	if !ok {
		return nil, agreementNotFound()
	}
	return c.viewAgreement(a), ctxErr(ctx)
}

// FindAgreements lists agreements by SKU (ignoring ASCII case), the account's
// code or the group's name, min_qty and valid_from.
func (c *Catalog) FindAgreements(ctx context.Context, f domain.AgreementFilter) ([]*domain.Agreement, int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var all []*domain.Agreement
	for _, stored := range c.agreements {
		a := c.viewAgreement(stored)
		if f.AccountID != 0 && a.AccountID != f.AccountID || f.GroupID != 0 && a.GroupID != f.GroupID ||
			f.SKU != "" && !strings.EqualFold(a.SKU, strings.TrimSpace(f.SKU)) || !f.On.IsZero() && !a.ValidOn(f.On) {
			continue
		}
		all = append(all, a)
	}
	target := func(a *domain.Agreement) string {
		if a.GroupID != 0 {
			return a.CustomerGroup
		}
		return a.AccountCode
	}
	slices.SortFunc(all, func(a, b *domain.Agreement) int {
		switch {
		case !strings.EqualFold(a.SKU, b.SKU):
			return strings.Compare(strings.ToUpper(a.SKU), strings.ToUpper(b.SKU))
		case target(a) != target(b):
			return strings.Compare(target(a), target(b))
		case a.MinQty != b.MinQty:
			return int(a.MinQty - b.MinQty)
		case a.ValidFrom != b.ValidFrom:
			return strings.Compare(a.ValidFrom.String(), b.ValidFrom.String())
		}
		return int(a.ID - b.ID)
	})
	return page(all, f.Offset, f.Limit), len(all), ctxErr(ctx)
}

// CreateAgreement adds an agreement.
func (c *Catalog) CreateAgreement(ctx context.Context, f domain.AgreementFields, by string) (*domain.Agreement, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	a, err := c.bind(f, by)
	if err != nil {
		return nil, err
	}
	a.ID = domain.AgreementID(c.newID())
	c.agreements[a.ID] = a
	c.Writes++
	return c.viewAgreement(a), ctxErr(ctx)
}

// ChangeAgreement ends agreement id the day before f.ValidFrom and adds f in
// its place; a blank SKU and target in f mean the old one's.
func (c *Catalog) ChangeAgreement(ctx context.Context, id domain.AgreementID, f domain.AgreementFields, by string) (*domain.Agreement, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	stored, ok := c.agreements[id]
	if !ok {
		return nil, agreementNotFound()
	}
	old := c.viewAgreement(stored)
	if f.SKU == "" {
		f.SKU = old.SKU
	}
	if f.AccountCode == "" && f.CustomerGroup == "" {
		f.AccountCode, f.CustomerGroup = old.AccountCode, old.CustomerGroup
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if !strings.EqualFold(f.SKU, old.SKU) || !strings.EqualFold(f.AccountCode, old.AccountCode) || f.CustomerGroup != old.CustomerGroup {
		return nil, domain.Errorf(domain.EInvalid, "agreement.change_target",
			"a change keeps the SKU and the account or group; create a new agreement for another one", nil)
	}
	switch {
	case f.ValidFrom.IsZero():
		return nil, agreementError(domain.FieldValidFrom, "agreement.change_from", "a change needs the day the new terms start", nil)
	case !old.ValidFrom.IsZero() && !old.ValidFrom.Before(f.ValidFrom):
		return nil, agreementError(domain.FieldValidFrom, "agreement.change_early",
			"the new terms must start after the old ones started ({{.From}}); to replace an agreement that was never in effect, delete it",
			map[string]any{"From": old.ValidFrom})
	case f.ValidFrom.Before(c.Today):
		return nil, agreementError(domain.FieldValidFrom, "agreement.change_past",
			"the new terms cannot start before today ({{.Today}}): what was charged in the past stays as it was",
			map[string]any{"Today": c.Today})
	}
	next, err := c.bind(f, by)
	if err != nil {
		return nil, err
	}
	next.ID = domain.AgreementID(c.newID())
	stored.ReplacedBy = next.ID
	if last := f.ValidFrom.AddDays(-1); stored.ValidTo.IsZero() || last.Before(stored.ValidTo) {
		stored.ValidTo, stored.EndedBy, stored.EndedAt = last, by, c.now()
	}
	c.agreements[next.ID] = next
	c.Writes++
	return c.viewAgreement(next), ctxErr(ctx)
}

// EndAgreement sets valid_to to last.
func (c *Catalog) EndAgreement(ctx context.Context, id domain.AgreementID, last domain.Date, by string) (*domain.Agreement, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.agreements[id]
	if !ok {
		return nil, agreementNotFound()
	}
	switch {
	case last.IsZero():
		return nil, agreementError(domain.FieldValidTo, "field.required", "required", nil)
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
	return c.viewAgreement(a), ctxErr(ctx)
}

// DeleteAgreement removes an agreement that has never been in effect; the
// agreement it replaced no longer names a successor.
func (c *Catalog) DeleteAgreement(ctx context.Context, id domain.AgreementID, today domain.Date) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.agreements[id]
	if !ok {
		return agreementNotFound()
	}
	if a.ValidFrom.IsZero() || !today.Before(a.ValidFrom) {
		return domain.Errorf(domain.EConflict, "agreement.in_effect",
			"the agreement has been in effect, so it stays on record; end it instead", nil)
	}
	delete(c.agreements, id)
	for _, o := range c.agreements {
		if o.ReplacedBy == id {
			o.ReplacedBy = 0
		}
	}
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
