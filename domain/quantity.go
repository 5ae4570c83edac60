package domain

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Quantity is an amount of a product in its unit, scaled ×10³ (3 decimal
// places): 1.5 kg is 1500. Stored as INTEGER. How many of those decimals a
// quantity may use depends on the unit (Unit.Decimals).
type Quantity int64

// One is a quantity of 1.
const One Quantity = 1000

// MaxQuantity bounds quantities (one billion units).
const MaxQuantity Quantity = 1_000_000_000 * 1000

// QuantityFromDecimal rounds d half away from zero to 3 places.
func QuantityFromDecimal(d decimal.Decimal) Quantity {
	return Quantity(d.Round(QuantityPlaces).Shift(QuantityPlaces).IntPart())
}

// Decimal returns the quantity as a decimal.
func (q Quantity) Decimal() decimal.Decimal { return decimal.New(int64(q), -QuantityPlaces) }

// String is the machine form without trailing zeros: "1", "2.5", "0.125".
func (q Quantity) String() string { return trimPlaces(q.Decimal().StringFixed(QuantityPlaces), 0) }

// ParseQuantity reads a quantity ("1 000", "2,5"), at most 3 decimals. Whether
// the unit allows those decimals is Unit.Check's business.
func ParseQuantity(s string) (Quantity, error) {
	d, err := ParseDecimal(strings.TrimSpace(s), QuantityPlaces)
	if err != nil {
		return 0, err
	}
	if d.Abs().GreaterThan(MaxQuantity.Decimal()) {
		return 0, Errorf(EInvalid, "quantity.too_large", "{{.Value}} is too large for a quantity", map[string]any{"Value": s})
	}
	return QuantityFromDecimal(d), nil
}

// Unit is a unit of measure: "szt", "kg", … (see Units).
type Unit string

// DefaultUnit is the unit of a product imported without one.
const DefaultUnit Unit = "szt"

// UnitInfo describes a unit: its code and how many decimals its quantities may carry.
type UnitInfo struct {
	Unit     Unit
	Decimals int // 0–3
}

// Units are the units Kontor knows, in the order a picker shows them. Pieces,
// packs and sets are counted whole; weights and volumes to the gram or
// millilitre; lengths and areas to the centimetre.
var Units = []UnitInfo{
	{"szt", 0}, {"opak", 0}, {"kpl", 0}, {"para", 0}, {"rolka", 0}, {"karton", 0}, {"paleta", 0},
	{"kg", 3}, {"t", 3}, {"l", 3}, {"m3", 3},
	{"m", 2}, {"mb", 2}, {"m2", 2},
}

// ParseUnit reads a unit code, ignoring case, spaces and a trailing dot
// ("Szt.", "KG"); "m²" and "m³" are read as m2 and m3.
func ParseUnit(s string) (Unit, error) {
	t := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
	t = strings.NewReplacer("²", "2", "³", "3", " ", "").Replace(t)
	if t == "" {
		return DefaultUnit, nil
	}
	for _, u := range Units {
		if string(u.Unit) == t {
			return u.Unit, nil
		}
	}
	return "", Errorf(EInvalid, "unit.unknown", "{{.Value}} is not a unit Kontor knows ({{.Known}})",
		map[string]any{"Value": s, "Known": knownUnits()})
}

func knownUnits() string {
	names := make([]string, len(Units))
	for i, u := range Units {
		names[i] = string(u.Unit)
	}
	return strings.Join(names, ", ")
}

// Decimals is how many decimal places a quantity of u may carry; -1 for an unknown unit.
func (u Unit) Decimals() int {
	for _, k := range Units {
		if k.Unit == u {
			return k.Decimals
		}
	}
	return -1
}

// Check reports an EInvalid error when q has more decimals than u allows.
func (u Unit) Check(q Quantity) error {
	d := u.Decimals()
	if d < 0 {
		return Errorf(EInvalid, "unit.unknown", "{{.Value}} is not a unit Kontor knows ({{.Known}})",
			map[string]any{"Value": string(u), "Known": knownUnits()})
	}
	step := int64(1)
	for i := d; i < QuantityPlaces; i++ {
		step *= 10
	}
	if int64(q)%step != 0 {
		if d == 0 {
			return Errorf(EInvalid, "quantity.whole", "{{.Value}} {{.Unit}}: this unit is counted in whole numbers",
				map[string]any{"Value": q, "Unit": string(u)})
		}
		return Errorf(EInvalid, "quantity.too_precise", "{{.Value}} {{.Unit}}: this unit allows at most {{.Places}} decimal places",
			map[string]any{"Value": q, "Unit": string(u), "Places": d})
	}
	return nil
}
