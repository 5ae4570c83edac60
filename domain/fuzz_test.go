package domain_test

import (
	"strings"
	"testing"
	"time"
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

// FuzzParseAmount: an amount parses to at most MaxAmount either way, to the
// grosz, and its machine form and its Polish form read back the same.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1 234,56", "-12", "999 999 999 999,99", "1000000000000", "0,005", "1.234.567,89", "\u22125", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := domain.ParseAmount(s)
		if err != nil {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Fatalf("ParseAmount(%q) error %v is not EInvalid", s, err)
			}
			return
		}
		if a.TooLarge() {
			t.Fatalf("ParseAmount(%q) = %s, beyond MaxAmount", s, a)
		}
		for _, text := range []string{a.String(), domain.Polish.FormatAmount(a, "")} {
			if back, err := domain.ParseAmount(text); err != nil || back != a {
				t.Fatalf("ParseAmount(%q) = %s; %q reads back as %s, %v", s, a, text, back, err)
			}
		}
	})
}

// FuzzParseDateTime: a date and time, with or without its UTC offset, is one
// moment, written with its offset it reads back the same in any zone.
func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{"2026-11-27 14:05", "27.11.2026 14:05 +01:00", "2026-03-29 02:30", "2026-11-27T14:05:00Z",
		"2026-11-27 14:05+0100", "2026-11-27 14:05 UTC", "2026-11-27 25:00", "2026-11-27 14:05 +99:00", ""} {
		f.Add(s)
	}
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		f.Fatal(err)
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	f.Fuzz(func(t *testing.T, s string) {
		at, err := domain.ParseDateTime(s, warsaw)
		if err != nil {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Fatalf("ParseDateTime(%q) error %v is not EInvalid", s, err)
			}
			return
		}
		if at.IsZero() {
			return
		}
		if y := at.UTC().Year(); y < 1899 || y > 3000 {
			t.Fatalf("ParseDateTime(%q) = %v", s, at)
		}
		text := domain.FormatMoment(at, warsaw)
		for _, loc := range []*time.Location{warsaw, time.UTC, tokyo} {
			back, err := domain.ParseDateTime(text, loc)
			if err != nil || !back.Equal(at.Truncate(time.Minute)) {
				t.Fatalf("ParseDateTime(%q) = %v; %q read in %s is %v, %v", s, at, text, loc, back, err)
			}
		}
	})
}
