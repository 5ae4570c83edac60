package pdf

import (
	"strings"

	"kontor/domain"
)

// Amounts in Polish words ("słownie"), as invoices state the amount due:
// 30 300,25 zł → "trzydzieści tysięcy trzysta złotych dwadzieścia pięć groszy".

var (
	plUnits    = []string{"", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć"}
	plTeens    = []string{"dziesięć", "jedenaście", "dwanaście", "trzynaście", "czternaście", "piętnaście", "szesnaście", "siedemnaście", "osiemnaście", "dziewiętnaście"}
	plTens     = []string{"", "", "dwadzieścia", "trzydzieści", "czterdzieści", "pięćdziesiąt", "sześćdziesiąt", "siedemdziesiąt", "osiemdziesiąt", "dziewięćdziesiąt"}
	plHundreds = []string{"", "sto", "dwieście", "trzysta", "czterysta", "pięćset", "sześćset", "siedemset", "osiemset", "dziewięćset"}
	// Each power of a thousand in its three forms: one, 2–4 (not 12–14), the rest.
	plGroups = [][3]string{{"", "", ""}, {"tysiąc", "tysiące", "tysięcy"}, {"milion", "miliony", "milionów"},
		{"miliard", "miliardy", "miliardów"}, {"bilion", "biliony", "bilionów"}, {"biliard", "biliardy", "biliardów"}}
)

// plForm picks the form of a noun after n: 0 (one), 1 (two to four) or 2 (five and up, the teens, zero).
func plForm(n int64) int {
	switch {
	case n == 1:
		return 0
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return 1
	}
	return 2
}

// plTriple says 1–999 in words.
func plTriple(n int64) []string {
	var w []string
	if h := n / 100; h > 0 {
		w = append(w, plHundreds[h])
	}
	switch t := n % 100; {
	case t >= 10 && t < 20:
		w = append(w, plTeens[t-10])
	default:
		if t/10 > 0 {
			w = append(w, plTens[t/10])
		}
		if t%10 > 0 {
			w = append(w, plUnits[t%10])
		}
	}
	return w
}

// plNumber says a whole number in Polish words: "zero", "tysiąc dwieście".
func plNumber(n int64) string {
	if n == 0 {
		return "zero"
	}
	if n < 0 {
		return "minus " + plNumber(-n)
	}
	var groups []int64
	for n > 0 {
		groups = append(groups, n%1000)
		n /= 1000
	}
	var w []string
	for g := len(groups) - 1; g >= 0; g-- {
		v := groups[g]
		if v == 0 {
			continue
		}
		if g == 0 {
			w = append(w, plTriple(v)...)
			continue
		}
		if v != 1 { // "tysiąc", not "jeden tysiąc"
			w = append(w, plTriple(v)...)
		}
		w = append(w, plGroups[g][plForm(v)])
	}
	return strings.Join(w, " ")
}

// plAmountWords says an amount of złoty and grosze in words; a negative
// amount is said as its absolute value (a credit note says "to refund").
func plAmountWords(a domain.Amount) string {
	if a < 0 {
		a = -a
	}
	zl, gr := int64(a)/100, int64(a)%100
	return plNumber(zl) + " " + [3]string{"złoty", "złote", "złotych"}[plForm(zl)] + " " +
		plNumber(gr) + " " + [3]string{"grosz", "grosze", "groszy"}[plForm(gr)]
}
