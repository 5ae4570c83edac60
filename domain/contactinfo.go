package domain

import (
	"regexp"
	"strings"
)

// emailShape is deliberately loose: one @, a dot in the domain, no spaces.
var emailShape = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@.]+$`)

// ValidEmail reports whether s looks like an e-mail address.
func ValidEmail(s string) bool { return len(s) <= 254 && emailShape.MatchString(s) }

var polishPostalCode = regexp.MustCompile(`^\d{2}-\d{3}$`)

// NormalizePostalCode accepts a Polish postal code as "NN-NNN" or "NNNNN" and
// returns "NN-NNN"; other countries' codes are kept as written.
func NormalizePostalCode(country, code string) (string, error) {
	code = strings.TrimSpace(code)
	if country != "PL" || code == "" {
		return code, nil
	}
	if len(code) == 5 && allDigits(code) {
		code = code[:2] + "-" + code[2:]
	}
	if !polishPostalCode.MatchString(code) {
		return code, Errorf(EInvalid, "postal_code.pl", "a Polish postal code is written NN-NNN", nil)
	}
	return code, nil
}

// ValidCountry reports whether c is an ISO 3166-1 alpha-2 code.
func ValidCountry(c string) bool {
	return len(c) == 2 && strings.Contains(countryCodes, " "+c+" ")
}

// ValidCurrency reports whether c is shaped like an ISO 4217 code (three capital letters).
func ValidCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

const countryCodes = " AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
	"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
	"UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK "
