package xwidget

import (
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"kontor/domain"
)

// TermsText writes payment terms in the user's language: "net 30" and
// "30 EOM" in English, "30 dni" and "30 dni od końca miesiąca" in Polish, as
// the PDFs say them.
func TermsText(p domain.PaymentTerms) string {
	if p.EOM {
		return lang.XN("terms.eom", "{{.Days}} EOM", p.Days, map[string]any{"Days": p.Days})
	}
	return lang.XN("terms.net", "net {{.Days}}", p.Days, map[string]any{"Days": p.Days})
}

// polishTerms are the forms a Polish user writes: "30", "30 dni", "30 dni od
// końca miesiąca", "30 dni KM" (koniec miesiąca), "14 dni netto".
var polishTerms = regexp.MustCompile(`^(\d+)\s*(dzie[nń]|dni|d\.?)?\s*(netto)?\s*(od ko[nń]ca miesi[aą]ca|km|k\.m\.|eom)?$`)

// ParseTerms reads payment terms as TermsText writes them in either
// language, or as domain.ParsePaymentTerms reads them.
func ParseTerms(s string) (domain.PaymentTerms, error) {
	p, err := domain.ParsePaymentTerms(s)
	if err == nil {
		return p, nil
	}
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	m := polishTerms.FindStringSubmatch(t)
	if m == nil {
		return domain.PaymentTerms{}, err
	}
	n, convErr := strconv.Atoi(m[1])
	if convErr != nil || n > domain.MaxPaymentDays {
		return domain.PaymentTerms{}, err
	}
	return domain.PaymentTerms{Days: n, EOM: m[4] != ""}, nil
}
