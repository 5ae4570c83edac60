package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"kontor/domain"
	"kontor/store"
)

// demoProduct is what the agreements step needs to know about a product.
type demoProduct struct {
	id   int64
	unit domain.Unit
	list domain.UnitPrice
}

// demoProductCount scales the catalog with the dataset: as many products as
// accounts (20,000 for the large dataset), at least 200.
func demoProductCount(accounts int) int { return max(200, accounts) }

// demoGradeFactor is how a grade moves the price, in percent.
var demoGradeFactor = map[string]int64{"": 100, "BIO": 135, "Premium": 125, "Eko": 115, "Extra": 110, "Gastro": 95}

func genProducts(g *demo, b *store.Bulk, tick func(int)) error {
	r := g.rng("products")
	n := demoProductCount(g.opt.Accounts)
	g.products = make([]demoProduct, 0, n)
	var packs []struct {
		cat  *demoCategory
		item *demoItem
		pack demoPack
	}
	for c := range demoCategories {
		cat := &demoCategories[c]
		for i := range cat.items {
			for _, p := range cat.items[i].packs {
				packs = append(packs, struct {
					cat  *demoCategory
					item *demoItem
					pack demoPack
				}{cat, &cat.items[i], p})
			}
		}
	}
	// The ids are 1, 2, 3, … in order: a catalog made before has ids of its
	// own, and the insert fails on them.
	return produced(b, tick, func(emit func(store.Row, int) bool) error {
		names := map[string]bool{}
		for i := 0; i < n; i++ {
			var f domain.ProductFields
			for try := 0; ; try++ {
				p := packs[r.IntN(len(packs))]
				brand, grade := pick(r, demoBrands), demoGrades[r.IntN(len(demoGrades))]
				f = demoProductFields(r, p.cat, p.item, p.pack, brand, grade)
				if try > 50 { // the combinations ran out: number the line
					f.Name = fmt.Sprintf("%s (partia %d)", f.Name, i)
				}
				if !names[f.Name] {
					names[f.Name] = true
					break
				}
			}
			f.SKU = fmt.Sprintf("%s-%05d", f.SKU, i+1)
			if err := f.Validate(); err != nil {
				return fmt.Errorf("generated product %s: %w", f.SKU, err)
			}
			created := g.now.Add(-time.Duration(r.Int64N(int64(3 * 365 * 24 * time.Hour))))
			id := domain.ProductID(i + 1)
			if !emit(store.ProductRow(&domain.Product{ID: id, ProductFields: f, CreatedAt: created, UpdatedAt: created}), 1) {
				return nil
			}
			g.products = append(g.products, demoProduct{id: int64(id), unit: f.Unit, list: f.ListPrice})
		}
		return nil
	})
}

// demoProductFields builds one product; its SKU field carries the category code
// until the caller numbers it.
func demoProductFields(r *rand.Rand, cat *demoCategory, it *demoItem, p demoPack, brand, grade string) domain.ProductFields {
	unit := p.unit
	if unit == "" {
		unit = cat.unit
	}
	name := it.name
	if grade != "" {
		name += " " + grade
	}
	if p.label != "" {
		name += " " + p.label
	}
	name += " — " + brand
	// Net list price: the pack's price moved by brand and grade; most round to
	// the grosz, goods sold by weight, volume or length and the gastro grade
	// carry 4 decimals the way wholesale price lists do.
	price := p.price * 100 * (85 + r.Int64N(41)) / 100 * demoGradeFactor[grade] / 100
	if p.label != "" && grade != "Gastro" {
		price = price / 100 * 100
	}
	desc := fmt.Sprintf("Producent: %s. Kategoria: %s.", brand, cat.name)
	if p.label != "" {
		desc += " Opakowanie: " + p.label + "."
	} else {
		desc += " Sprzedaż na " + string(unit) + "."
	}
	desc += " " + demoProductNotes[r.IntN(len(demoProductNotes))]
	return domain.ProductFields{SKU: cat.code, Name: name, Description: desc, Unit: unit,
		ListPrice: domain.UnitPrice(max(price, 100)), VATRate: cat.vat, Active: r.IntN(100) >= 4}
}

// demoProductNotes fit any category (flour, cement or paper alike).
var demoProductNotes = []string{
	"Produkt polski.", "Dostawa w 24 godziny.", "Opakowanie nadaje się do recyklingu.", "Towar sezonowy.",
	"Możliwy zamiennik przy braku.", "Dostępny z magazynu w Łodzi.", "Dostępny z magazynu w Poznaniu.",
	"Realizacja do 3 dni roboczych.", "Karta techniczna na życzenie.", "Nowość w ofercie.",
	"Wycofywany z oferty — do wyczerpania zapasów.", "Pełne palety wysyłane prosto od producenta.",
}
