package domain_test

import (
	"strings"
	"testing"
	"unicode"

	"kontor/domain"
)

func FuzzNormalizeNIP(f *testing.F) {
	for _, s := range []string{"5260001246", "PL 526-000-12-46", "pl5260001246", "1234567890", "526000124", "",
		"PL", "PLPL5260001246", "526\u00a0000\u00a012\u00a046", "５２６０００１２４６", "ＰＬ5260001246"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		nip, err := domain.NormalizeNIP(s)
		if err != nil {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Fatalf("NormalizeNIP(%q) error %v is not EInvalid", s, err)
			}
			return
		}
		if len(nip) != 10 || strings.Trim(nip, "0123456789") != "" {
			t.Fatalf("NormalizeNIP(%q) = %q, not 10 ASCII digits", s, nip)
		}
		if d, ok := domain.NIPCheckDigit(nip[:9]); !ok || d != nip[9] {
			t.Fatalf("NormalizeNIP(%q) = %q fails the checksum", s, nip)
		}
		if again, err := domain.NormalizeNIP(nip); err != nil || again != nip {
			t.Fatalf("not idempotent: NormalizeNIP(%q) = %q, %v", nip, again, err)
		}
		if back, err := domain.NormalizeNIP(domain.FormatNIP(nip)); err != nil || back != nip {
			t.Fatalf("NormalizeNIP(FormatNIP(%q)) = %q, %v", nip, back, err)
		}
	})
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"1 234,56", "1234.56", "1.234,56", "1,234.56", "1\u00a0234,56", "1\u2009234,56", "-0,5", "+3",
		"1.234.567", "1,234", "12,34.56", "\u22121", ",5", "5,", "999999999999999999", "0.0001", "-", "1e5"} {
		f.Add(s, uint8(2))
	}
	f.Add("1.2345", uint8(4))
	f.Add("12.345", uint8(3))
	f.Fuzz(func(t *testing.T, s string, p uint8) {
		places := int(p % 5)
		x, err := domain.ParseDecimal(s, places)
		if err != nil {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Fatalf("ParseDecimal(%q, %d) error %v is not EInvalid", s, places, err)
			}
			return
		}
		if !x.Equal(x.Truncate(int32(places))) {
			t.Fatalf("ParseDecimal(%q, %d) = %s: more than %d places", s, places, x, places)
		}
		fixed := x.StringFixed(int32(places))
		back, err := domain.ParseDecimal(fixed, places)
		if err != nil || !back.Equal(x) {
			t.Fatalf("ParseDecimal(%q) = %s; its StringFixed %q parses to %s, %v", s, x, fixed, back, err)
		}
		for _, l := range []domain.Locale{domain.Polish, domain.English} {
			text := l.FormatDecimal(x, places)
			if back, err := domain.ParseDecimal(text, places); err != nil || !back.Equal(x) {
				t.Fatalf("ParseDecimal(%q) = %s; %s form %q parses to %s, %v", s, x, l, text, back, err)
			}
		}
		if places == domain.AmountPlaces {
			a, err := domain.ParseAmount(s)
			if err == nil && !a.Decimal().Equal(x) {
				t.Fatalf("ParseAmount(%q) = %s, ParseDecimal = %s", s, a, x)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-27", "27.11.2026", "7.1.2026", "27/11/2026", "31.02.2026", "27.11.", "27.11.2026.",
		"..", "--", "//", "+5.5.2026", "2024-02-29", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x, err := domain.ParseDate(s)
		if err != nil {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Fatalf("ParseDate(%q) error %v is not EInvalid", s, err)
			}
			return
		}
		if x.IsZero() {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("ParseDate(%q) accepted as no date", s)
			}
			return
		}
		if x.Year < 1900 || x.Year > 2999 {
			t.Fatalf("ParseDate(%q) = %v, outside the years Kontor accepts", s, x)
		}
		for _, text := range []string{x.String(), domain.Polish.FormatDate(x)} {
			if back, err := domain.ParseDate(text); err != nil || back != x {
				t.Fatalf("ParseDate(%q) = %v; %q parses to %v, %v", s, x, text, back, err)
			}
		}
	})
}

// FuzzFold checks what search relies on: folding is idempotent, yields lower-case
// words separated by single spaces, and any text finds itself.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Łódź", "Zakład Müller", "Straße", "Ærø", "Lo\u0301dz\u0301", "ǅemal", "İstanbul", "ﬁrma", " a  b ", "Москва"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := domain.Fold(s)
		if again := domain.Fold(folded); again != folded {
			t.Fatalf("Fold(%q) = %q, folded again %q", s, folded, again)
		}
		if strings.HasPrefix(folded, " ") || strings.HasSuffix(folded, " ") || strings.Contains(folded, "  ") {
			t.Fatalf("Fold(%q) = %q: stray spaces", s, folded)
		}
		for _, r := range folded {
			if unicode.ToLower(r) != r { // not IsUpper: some capitals (ϒ) have no lower case
				t.Fatalf("Fold(%q) = %q keeps upper case %q", s, folded, r)
			}
		}
		if !domain.MatchesPrefixes(domain.FoldTokens(s), folded) {
			t.Fatalf("%q does not find itself (%q)", s, folded)
		}
	})
}
