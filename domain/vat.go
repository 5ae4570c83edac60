package domain

import "strings"

// VATRate is a Polish VAT rate: "23", "8", "5", "0" or "zw" (exempt, zwolniony).
// 0 % and exempt are different things on an invoice, so the rate is a code, not a number.
type VATRate string

// The VAT rates Kontor knows.
const (
	VAT23     VATRate = "23"
	VAT8      VATRate = "8"
	VAT5      VATRate = "5"
	VAT0      VATRate = "0"
	VATExempt VATRate = "zw"
)

// VATRates lists the rates in the order a picker shows them.
var VATRates = []VATRate{VAT23, VAT8, VAT5, VAT0, VATExempt}

// ParseVATRate reads "23", "23%", "8 %", "0", "zw", "ZW" or "zw." .
func ParseVATRate(s string) (VATRate, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "."), "%"))
	for _, r := range VATRates {
		if string(r) == t {
			return r, nil
		}
	}
	if t == "" {
		return "", Errorf(EInvalid, "field.required", "required", nil)
	}
	return "", Errorf(EInvalid, "vat.invalid", "{{.Value}} is not a VAT rate (23, 8, 5, 0 or zw)", map[string]any{"Value": s})
}

// Valid reports whether r is one of VATRates.
func (r VATRate) Valid() bool {
	for _, k := range VATRates {
		if k == r {
			return true
		}
	}
	return false
}

// Percent is the rate as a percentage; 0 for exempt.
func (r VATRate) Percent() Percent {
	switch r {
	case VAT23:
		return 23 * 100
	case VAT8:
		return 8 * 100
	case VAT5:
		return 5 * 100
	}
	return 0
}
