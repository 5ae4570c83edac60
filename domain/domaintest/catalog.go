package domaintest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kontor/domain"
)

// Catalog is an in-memory ProductService, GroupService, AgreementService,
// PriceService and CompanyService over the accounts of a Store. It follows the
// store's rules (the conformance suite holds both to them): unique SKUs,
// unknown SKUs, accounts and groups refused on their field, a changed agreement
// ended the day before its successor starts, groups created by the accounts
// that name them, products that agreements or documents name kept, and prices
// resolved by the domain's own engine.
type Catalog struct {
	mu         sync.Mutex
	accounts   *Store
	products   map[domain.ProductID]*domain.Product
	groups     map[domain.GroupID]*domain.CustomerGroup
	agreements map[domain.AgreementID]*domain.Agreement
	company    domain.CompanySettings
	nextID     int64
	// productRefs report whether documents name a product (NewDocuments adds its check).
	productRefs []func(domain.ProductID) bool

	// Today is the day the delete rule of agreements compares with.
	Today domain.Date
	// Writes counts successful saves of products, groups, agreements and
	// company settings, so a test can assert that nothing was saved.
	Writes int
}

var (
	_ domain.ProductService   = (*Catalog)(nil)
	_ domain.GroupService     = (*Catalog)(nil)
	_ domain.AgreementService = (*Catalog)(nil)
	_ domain.PriceService     = (*Catalog)(nil)
	_ domain.CompanyService   = (*Catalog)(nil)
)

// NewCatalog returns an empty catalog whose accounts are those of accounts.
func NewCatalog(accounts *Store) *Catalog {
	c := &Catalog{
		accounts:   accounts,
		products:   map[domain.ProductID]*domain.Product{},
		groups:     map[domain.GroupID]*domain.CustomerGroup{},
		agreements: map[domain.AgreementID]*domain.Agreement{},
		company:    domain.CompanySettings{Country: "PL"},
		Today:      domain.DateOf(accounts.now()),
	}
	accounts.referAccount(func(id domain.AccountID) bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, a := range c.agreements {
			if a.AccountID == id {
				return true
			}
		}
		return false
	})
	return c
}

// referProduct adds a check of whether documents name a product.
func (c *Catalog) referProduct(held func(domain.ProductID) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.productRefs = append(c.productRefs, held)
}

func (c *Catalog) newID() int64 {
	c.nextID++
	return c.nextID
}

func (c *Catalog) now() time.Time { return c.accounts.now() }

// productText is what catalog search matches a product by: the SKU folded
// ("mak 650 1") and run together ("mak6501"), the name and the description.
func productText(f *domain.ProductFields) string {
	sku := domain.Fold(f.SKU)
	return strings.Join([]string{sku, strings.ReplaceAll(sku, " ", ""), domain.Fold(f.Name), domain.Fold(f.Description)}, " ")
}

func productNotFound(key any) error {
	return domain.Errorf(domain.ENotFound, "product.not_found", "no such product: {{.Key}}", map[string]any{"Key": key})
}

func (c *Catalog) bySKU(sku string) *domain.Product {
	sku = strings.TrimSpace(sku)
	for _, p := range c.products {
		if strings.EqualFold(p.SKU, sku) {
			return p
		}
	}
	return nil
}

func copyProduct(p *domain.Product) *domain.Product {
	d := *p
	return &d
}

// FindProductByID returns a copy of one product.
func (c *Catalog) FindProductByID(ctx context.Context, id domain.ProductID) (*domain.Product, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.products[id]
	if !ok {
		return nil, productNotFound(int64(id))
	}
	return copyProduct(p), ctxErr(ctx)
}

// FindProductBySKU returns the product with this SKU, ignoring case.
func (c *Catalog) FindProductBySKU(ctx context.Context, sku string) (*domain.Product, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.bySKU(sku); p != nil {
		return copyProduct(p), ctxErr(ctx)
	}
	return nil, productNotFound(strings.TrimSpace(sku))
}

// FindProducts lists (blank text, a page: Limit 0 is DefaultSearchLimit) or
// searches (folded word prefixes of SKU, name and description, the first Limit
// hits) the catalog in name order.
func (c *Catalog) FindProducts(ctx context.Context, q domain.ProductQuery) ([]*domain.Product, int, error) {
	tokens := domain.FoldTokens(q.Text)
	limit := q.Limit
	if limit <= 0 {
		limit = domain.DefaultSearchLimit
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	all := c.sortedProducts(func(p *domain.Product) bool {
		return (q.Active == domain.AnyActive || (q.Active == domain.InactiveOnly) != p.Active) &&
			(len(tokens) == 0 || domain.MatchesPrefixes(tokens, productText(&p.ProductFields)))
	})
	var out []*domain.Product
	if len(tokens) > 0 {
		for _, p := range page(all, 0, limit) {
			out = append(out, copyProduct(p))
		}
		return out, len(out), ctxErr(ctx)
	}
	for _, p := range page(all, q.Offset, limit) {
		out = append(out, copyProduct(p))
	}
	return out, len(all), ctxErr(ctx)
}

// sortedProducts returns the products passing keep in Polish name order. The
// caller holds c.mu.
func (c *Catalog) sortedProducts(keep func(*domain.Product) bool) []*domain.Product {
	var all []*domain.Product
	for _, p := range c.products {
		if keep(p) {
			all = append(all, p)
		}
	}
	slices.SortFunc(all, func(a, b *domain.Product) int {
		if r := c.accounts.coll.CompareString(a.Name, b.Name); r != 0 {
			return r
		}
		return int(a.ID - b.ID)
	})
	return all
}

// CreateProduct validates and stores a new product.
func (c *Catalog) CreateProduct(ctx context.Context, f domain.ProductFields) (*domain.Product, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.skuFree(f.SKU, 0); err != nil {
		return nil, err
	}
	p := &domain.Product{ID: domain.ProductID(c.newID()), ProductFields: f, Version: 1, CreatedAt: c.now(), UpdatedAt: c.now()}
	c.products[p.ID] = p
	c.Writes++
	return copyProduct(p), ctxErr(ctx)
}

// UpdateProduct replaces a product's fields unless it changed since
// upd.Version; a new unit must still express its agreements' tiers.
func (c *Catalog) UpdateProduct(ctx context.Context, id domain.ProductID, upd domain.ProductUpdate) (*domain.Product, error) {
	f := upd.ProductFields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.products[id]
	if !ok {
		return nil, notFound()
	}
	if upd.Version != 0 && upd.Version != p.Version {
		return nil, changed()
	}
	for _, a := range c.agreements {
		if a.ProductID == id && f.Unit.Check(a.MinQty) != nil {
			return nil, &domain.Error{Code: domain.EInvalid, Key: "product.invalid", Msg: "the product is not valid",
				Fields: []domain.FieldError{{Field: domain.FieldUnit, Key: "unit.tiers",
					Msg:  "an agreement for this product starts at {{.Qty}}, which {{.Unit}} cannot express",
					Args: map[string]any{"Qty": a.MinQty, "Unit": string(f.Unit)}}}}
		}
	}
	if err := c.skuFree(f.SKU, id); err != nil {
		return nil, err
	}
	p.ProductFields = f
	p.Version++
	p.UpdatedAt = c.now()
	c.Writes++
	return copyProduct(p), ctxErr(ctx)
}

func (c *Catalog) skuFree(sku string, self domain.ProductID) error {
	if other := c.bySKU(sku); other != nil && other.ID != self {
		return &domain.Error{Code: domain.EConflict, Key: "product.sku_taken", Msg: "the SKU is already used",
			Fields: []domain.FieldError{{Field: domain.FieldSKU, Key: "sku.taken",
				Msg: "{{.Value}} is already used by another product", Args: map[string]any{"Value": sku}}}}
	}
	return nil
}

// DeleteProduct removes a product no agreement or document refers to.
func (c *Catalog) DeleteProduct(ctx context.Context, id domain.ProductID) error {
	c.mu.Lock()
	refs := c.productRefs
	c.mu.Unlock()
	held := false
	for _, r := range refs { // outside c.mu: documents lock themselves, then the catalog
		held = held || r(id)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.products[id]; !ok {
		return notFound()
	}
	for _, a := range c.agreements {
		held = held || a.ProductID == id
	}
	if held {
		return domain.Errorf(domain.EConflict, "product.referenced",
			"price agreements or documents refer to the product, so it cannot be deleted; make it inactive instead", nil)
	}
	delete(c.products, id)
	c.Writes++
	return ctxErr(ctx)
}

// AddProduct creates a product with SKU, name and list price (written as a
// person would, "12,50"), changed further by set, and fails the test when the
// catalog refuses it.
func (c *Catalog) AddProduct(t testing.TB, sku, name, listPrice string, set ...func(*domain.ProductFields)) *domain.Product {
	t.Helper()
	f := domain.NewProductFields()
	f.SKU, f.Name = sku, name
	if err := f.Set(domain.FieldListPrice, listPrice); err != nil {
		t.Fatalf("add product %s: %v", sku, err)
	}
	for _, fn := range set {
		fn(&f)
	}
	p, err := c.CreateProduct(context.Background(), f)
	if err != nil {
		t.Fatalf("add product %s: %v", sku, err)
	}
	return p
}

// FindCompany returns the saved seller details.
func (c *Catalog) FindCompany(ctx context.Context) (*domain.CompanySettings, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.company
	return &s, ctxErr(ctx)
}

// SaveCompany validates, normalises and saves the seller details.
func (c *Catalog) SaveCompany(ctx context.Context, s domain.CompanySettings) (*domain.CompanySettings, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.company = s
	c.Writes++
	return &s, ctxErr(ctx)
}
