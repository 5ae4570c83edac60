package domain

import "strings"

// NormalizeNIP reads a Polish tax ID written with dashes or spaces and an optional
// "PL" prefix ("PL 526-000-12-46") and returns its 10 digits, or an EInvalid error
// when it is not 10 digits or fails the checksum.
func NormalizeNIP(s string) (string, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, "PL")
	digits := make([]byte, 0, 10)
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == '-' || r == ' ' || r == '\u00a0':
		default:
			return "", nipError("nip.format", "a Polish tax ID (NIP) has 10 digits", s)
		}
	}
	if len(digits) != 10 {
		return "", nipError("nip.format", "a Polish tax ID (NIP) has 10 digits", s)
	}
	if !nipChecksumOK(digits) {
		return "", nipError("nip.checksum", "{{.Value}} is not a valid Polish tax ID (NIP): the check digit does not match", s)
	}
	return string(digits), nil
}

func nipError(key, msg, value string) error {
	return Errorf(EInvalid, key, msg, map[string]any{"Value": value})
}

var nipWeights = [9]int{6, 5, 7, 2, 3, 4, 5, 6, 7}

func nipChecksumOK(d []byte) bool {
	sum := 0
	for i, w := range nipWeights {
		sum += int(d[i]-'0') * w
	}
	check := sum % 11
	return check != 10 && check == int(d[9]-'0')
}

// NIPCheckDigit returns the check digit for the first 9 digits of a NIP and
// whether one exists (a remainder of 10 makes the prefix unusable).
func NIPCheckDigit(first9 string) (byte, bool) {
	if len(first9) != 9 || !allDigits(first9) {
		return 0, false
	}
	sum := 0
	for i, w := range nipWeights {
		sum += int(first9[i]-'0') * w
	}
	if sum%11 == 10 {
		return 0, false
	}
	return byte('0' + sum%11), true
}

// FormatNIP writes 10 NIP digits the usual way: 526-000-12-46.
func FormatNIP(nip string) string {
	if len(nip) != 10 || !allDigits(nip) {
		return nip
	}
	return nip[:3] + "-" + nip[3:6] + "-" + nip[6:8] + "-" + nip[8:]
}
