package domaintest

import (
	"context"
	"slices"
	"strings"

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
// refs or for group, by ID as the store reads them. The caller holds c.mu.
func (c *Catalog) agreementsFor(id domain.ProductID, refs []domain.AccountRef, group domain.GroupRef) []*domain.Agreement {
	var out []*domain.Agreement
	for _, a := range c.agreements {
		mine := a.GroupID != 0 && a.GroupID == group.ID
		for _, r := range refs {
			mine = mine || a.AccountID == r.ID
		}
		if a.ProductID == id && mine {
			out = append(out, c.viewAgreement(a))
		}
	}
	slices.SortFunc(out, func(a, b *domain.Agreement) int { return int(a.ID - b.ID) })
	return out
}

// checkDay refuses the zero date: a price is always a price on some day.
func checkDay(on domain.Date) error {
	if on.IsZero() {
		return domain.Errorf(domain.EInvalid, "price.date_required", "the day to price on is required", nil)
	}
	return nil
}

func unknownSKUs(skus []string) error {
	return domain.Errorf(domain.ENotFound, "product.unknown_skus", "no product with SKU {{.SKUs}}",
		map[string]any{"SKUs": strings.Join(skus, ", ")})
}

func checkQuantity(p *domain.Product, qty domain.Quantity) error {
	if qty <= 0 {
		return domain.Errorf(domain.EInvalid, "quantity.positive", "the quantity of {{.SKU}} must be more than 0", map[string]any{"SKU": p.SKU})
	}
	return p.Unit.Check(qty)
}

// Resolve prices one SKU for an account with the domain's engine. The day,
// then the account, the SKU and the quantity are checked, as the store does.
func (c *Catalog) Resolve(ctx context.Context, account domain.AccountID, sku string, qty domain.Quantity, on domain.Date) (*domain.Resolution, error) {
	if err := checkDay(on); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	refs, group, _, err := c.chain(ctx, account)
	if err != nil {
		return nil, err
	}
	p := c.bySKU(sku)
	if p == nil {
		return nil, unknownSKUs([]string{sku})
	}
	if err := checkQuantity(p, qty); err != nil {
		return nil, err
	}
	res := domain.ResolvePrice(domain.PriceInput{SKU: p.SKU, ListPrice: p.ListPrice, Quantity: qty, Date: on,
		Chain: refs, Group: group, Agreements: c.agreementsFor(p.ID, refs, group)})
	return &res, ctxErr(ctx)
}

// Reprice prices each line at its SKU's total over the document; every
// unknown SKU is reported at once.
func (c *Catalog) Reprice(ctx context.Context, account domain.AccountID, on domain.Date, lines []domain.PriceLine) ([]domain.Resolution, error) {
	if err := checkDay(on); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	refs, group, _, err := c.chain(ctx, account)
	if err != nil {
		return nil, err
	}
	products := make([]*domain.Product, len(lines))
	totals := map[domain.ProductID]domain.Quantity{}
	var missing []string
	for i, l := range lines {
		if products[i] = c.bySKU(l.SKU); products[i] == nil {
			missing = append(missing, l.SKU)
			continue
		}
		if err := checkQuantity(products[i], l.Quantity); err != nil {
			return nil, err
		}
		totals[products[i].ID] += l.Quantity
	}
	if len(missing) > 0 {
		return nil, unknownSKUs(missing)
	}
	out := make([]domain.Resolution, len(lines))
	for i, p := range products {
		out[i] = domain.ResolvePrice(domain.PriceInput{SKU: p.SKU, ListPrice: p.ListPrice, Quantity: totals[p.ID], Date: on,
			Chain: refs, Group: group, Agreements: c.agreementsFor(p.ID, refs, group)})
	}
	return out, ctxErr(ctx)
}

// PriceSheet prices every active product for the account on a date.
func (c *Catalog) PriceSheet(ctx context.Context, account domain.AccountID, on domain.Date) (*domain.PriceSheet, error) {
	if err := checkDay(on); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	refs, group, acc, err := c.chain(ctx, account)
	if err != nil {
		return nil, err
	}
	sheet := &domain.PriceSheet{Account: acc, Date: on}
	for _, p := range c.sortedProducts(func(p *domain.Product) bool { return p.Active }) {
		sheet.Lines = append(sheet.Lines, domain.BuildPriceSheetLine(domain.PriceSheetProduct{ID: p.ID, SKU: p.SKU, Name: p.Name,
			Unit: p.Unit, VATRate: p.VATRate, ListPrice: p.ListPrice}, on, refs, group, c.agreementsFor(p.ID, refs, group)))
	}
	return sheet, ctxErr(ctx)
}
