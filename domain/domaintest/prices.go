package domaintest

import (
	"context"

	"kontor/domain"
)

// chain returns the account and its head offices, nearest first, and its
// customer group. The caller holds c.mu.
func (c *Catalog) chain(ctx context.Context, id domain.AccountID) ([]domain.AccountRef, domain.GroupRef, *domain.Account, error) {
	acc, err := c.accounts.FindAccountByID(ctx, id)
	if err != nil {
		return nil, domain.GroupRef{}, nil, err
	}
	var refs []domain.AccountRef
	for cur := acc; cur != nil; {
		refs = append(refs, domain.AccountRef{ID: cur.ID, Code: cur.Code, Name: cur.Name})
		if cur.ParentID == 0 {
			break
		}
		if cur, err = c.accounts.FindAccountByID(ctx, cur.ParentID); err != nil {
			return nil, domain.GroupRef{}, nil, err
		}
	}
	var group domain.GroupRef
	if acc.CustomerGroup != "" {
		c.sync()
		if g := c.groupByName(acc.CustomerGroup); g != nil {
			group = domain.GroupRef{ID: g.ID, Name: g.Name}
		}
	}
	return refs, group, acc, nil
}

// agreementsFor returns the agreements of one product for the accounts of
// refs or for group: BuildPriceSheetLine takes the tier breaks of every
// agreement it is given. The caller holds c.mu.
func (c *Catalog) agreementsFor(id domain.ProductID, refs []domain.AccountRef, group domain.GroupRef) []*domain.Agreement {
	var out []*domain.Agreement
	for _, a := range c.agreements {
		mine := a.GroupID != 0 && a.GroupID == group.ID
		for _, r := range refs {
			mine = mine || a.AccountID == r.ID
		}
		if a.ProductID == id && mine {
			out = append(out, copyAgreement(a))
		}
	}
	return out
}

// Resolve prices one SKU for an account with the domain's engine.
func (c *Catalog) Resolve(ctx context.Context, account domain.AccountID, sku string, qty domain.Quantity, on domain.Date) (*domain.Resolution, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.bySKU(sku)
	if p == nil {
		return nil, domain.Errorf(domain.ENotFound, "product.not_found", "no product has SKU {{.Value}}", map[string]any{"Value": sku})
	}
	if qty <= 0 {
		return nil, domain.Errorf(domain.EInvalid, "quantity.positive", "the quantity must be more than 0", nil)
	}
	if err := p.Unit.Check(qty); err != nil {
		return nil, err
	}
	refs, group, _, err := c.chain(ctx, account)
	if err != nil {
		return nil, err
	}
	res := domain.ResolvePrice(domain.PriceInput{SKU: p.SKU, ListPrice: p.ListPrice, Quantity: qty, Date: on,
		Chain: refs, Group: group, Agreements: c.agreementsFor(p.ID, refs, group)})
	return &res, ctxErr(ctx)
}

// Reprice prices each line at its SKU's total over the document.
func (c *Catalog) Reprice(ctx context.Context, account domain.AccountID, on domain.Date, lines []domain.PriceLine) ([]domain.Resolution, error) {
	totals := map[string]domain.Quantity{}
	for _, l := range lines {
		totals[l.SKU] += l.Quantity
	}
	var out []domain.Resolution
	for _, l := range lines {
		r, err := c.Resolve(ctx, account, l.SKU, totals[l.SKU], on)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, nil
}

// PriceSheet prices every active product for the account on a date.
func (c *Catalog) PriceSheet(ctx context.Context, account domain.AccountID, on domain.Date) (*domain.PriceSheet, error) {
	products, _, err := c.FindProducts(ctx, domain.ProductQuery{Active: domain.ActiveOnly})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	refs, group, acc, err := c.chain(ctx, account)
	if err != nil {
		return nil, err
	}
	sheet := &domain.PriceSheet{Account: acc, Date: on}
	for _, p := range products {
		sheet.Lines = append(sheet.Lines, domain.BuildPriceSheetLine(domain.PriceSheetProduct{ID: p.ID, SKU: p.SKU, Name: p.Name,
			Unit: p.Unit, VATRate: p.VATRate, ListPrice: p.ListPrice}, on, refs, group, c.agreementsFor(p.ID, refs, group)))
	}
	return sheet, ctxErr(ctx)
}
