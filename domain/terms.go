package domain

import (
	"strconv"
	"strings"
)

// PaymentTerms say when an invoice falls due: "net N" is N days after the invoice
// date; "N EOM" is N days after the last day of the invoice's month.
type PaymentTerms struct {
	Days int
	EOM  bool
}

// DefaultPaymentTerms is "net 30".
var DefaultPaymentTerms = PaymentTerms{Days: 30}

// MaxPaymentDays bounds terms to something a business would agree to.
const MaxPaymentDays = 365

// ParsePaymentTerms reads "net 30", "NET30", "30 EOM", "30 eom" or a bare "30"
// (net). Blank means the default, net 30.
func ParsePaymentTerms(s string) (PaymentTerms, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if t == "" {
		return DefaultPaymentTerms, nil
	}
	var p PaymentTerms
	var num string
	switch {
	case strings.HasPrefix(t, "net"):
		num = strings.TrimSpace(strings.TrimPrefix(t, "net"))
	case strings.HasSuffix(t, "eom"):
		num, p.EOM = strings.TrimSpace(strings.TrimSuffix(t, "eom")), true
	default:
		num = t
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || n > MaxPaymentDays || num != strconv.Itoa(n) {
		return PaymentTerms{}, Errorf(EInvalid, "terms.invalid",
			"{{.Value}} is not payment terms: write \"net N\" or \"N EOM\" with N from 0 to 365", map[string]any{"Value": s})
	}
	p.Days = n
	return p, nil
}

// String is the canonical form: "net 30" or "30 EOM".
func (p PaymentTerms) String() string {
	if p.EOM {
		return strconv.Itoa(p.Days) + " EOM"
	}
	return "net " + strconv.Itoa(p.Days)
}

// DueDate returns the due date of an invoice dated d.
func (p PaymentTerms) DueDate(d Date) Date {
	if p.EOM {
		return d.EndOfMonth().AddDays(p.Days)
	}
	return d.AddDays(p.Days)
}
