package ksef

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"kontor/domain"
)

// Hash is the SHA-256 of an invoice file in standard Base64, the way a UPO
// receipt writes it (SkrotDokumentu).
func Hash(file []byte) string {
	sum := sha256.Sum256(file)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// Link is the verification link of KOD I (docs/kody-qr.md):
// <environment>/invoice/<seller NIP>/<issue date DD-MM-YYYY>/<SHA-256 of the
// file in Base64URL without padding>.
func Link(env domain.KSeFEnvironment, sellerNIP string, issued domain.Date, file []byte) string {
	sum := sha256.Sum256(file)
	return LinkOfHash(env, sellerNIP, issued, base64.RawURLEncoding.EncodeToString(sum[:]))
}

// LinkOfHash is Link with the file's hash given in Base64URL.
func LinkOfHash(env domain.KSeFEnvironment, sellerNIP string, issued domain.Date, hash string) string {
	return fmt.Sprintf("%s/invoice/%s/%02d-%02d-%04d/%s", env.QRBase(), sellerNIP, issued.Day, int(issued.Month), issued.Year, hash)
}

// CheckNumber checks a KSeF number, NIP-YYYYMMDD-XXXXXXXXXXXX-CC: the seller's
// NIP, the day KSeF took the invoice, twelve hex digits, and CC, the CRC-8
// (polynomial 0x07, initial value 0) of everything before the last dash, in
// upper-case hex. It returns the number upper-cased.
func CheckNumber(s string) (string, error) {
	n := strings.ToUpper(strings.TrimSpace(s))
	bad := func(why string) (string, error) {
		return "", domain.Errorf(domain.EInvalid, "ksef.number_invalid", "{{.Value}} is not a KSeF number: {{.Why}}",
			map[string]any{"Value": s, "Why": why})
	}
	parts := strings.Split(n, "-")
	if len(n) != 35 || len(parts) != 4 || len(parts[0]) != 10 || len(parts[1]) != 8 || len(parts[2]) != 12 || len(parts[3]) != 2 {
		return bad("the form is NIP-YYYYMMDD-XXXXXXXXXXXX-CC")
	}
	if !nipPattern.MatchString(parts[0]) {
		return bad("it does not start with a NIP")
	}
	if _, err := domain.ParseDate(parts[1][:4] + "-" + parts[1][4:6] + "-" + parts[1][6:]); err != nil || parts[1][:2] != "20" {
		return bad("the date in it is not a date")
	}
	if !hexDigits(parts[2]) || !hexDigits(parts[3]) {
		return bad("it has characters other than hex digits")
	}
	if want := fmt.Sprintf("%02X", crc8(n[:32])); want != parts[3] {
		return bad("the check digits do not match")
	}
	return n, nil
}

func hexDigits(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}

// crc8 is CRC-8 with polynomial x⁸+x²+x+1 (0x07), initial value 0, no reflection.
func crc8(s string) byte {
	var c byte
	for i := 0; i < len(s); i++ {
		c ^= s[i]
		for k := 0; k < 8; k++ {
			if c&0x80 != 0 {
				c = c<<1 ^ 0x07
			} else {
				c <<= 1
			}
		}
	}
	return c
}
