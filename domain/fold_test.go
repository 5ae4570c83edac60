package domain_test

import (
	"reflect"
	"testing"

	"kontor/domain"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Łódź", "lodz"},
		{"ŁÓDŹ", "lodz"},
		{"Zakład", "zaklad"},
		{"Zażółć gęślą jaźń", "zazolc gesla jazn"},
		{"ĄĆĘŁŃÓŚŹŻ", "acelnoszz"},
		{"Müller", "muller"},
		{"Straße", "strasse"},
		{"STRASSE", "strasse"},
		{"Ærø", "aero"},
		{"Œuvre", "oeuvre"},
		{"Þórr", "thorr"},
		{"Čapek Dvořák", "capek dvorak"},
		{"Français", "francais"},
		{"Łódź, ul. Źródlana", "lodz ul zrodlana"},
		{"  Hurtownia   \"Żak\" Sp. z o.o. ", "hurtownia zak sp z o o"},
		{"ul. 3 Maja 12/14", "ul 3 maja 12 14"},
		{"A1-B2", "a1 b2"},
		{"jan.kowalski@firma.pl", "jan kowalski firma pl"},
		{"526-000-12-46", "526 000 12 46"},
		{"Москва", "москва"},         // other scripts stay searchable as written, lower-cased
		{"Lo\u0301dz\u0301", "lodz"}, // decomposed (NFD) text, as macOS and some pastes give
		{"Zakl\u0307ad", "zaklad"},   // a stray combining mark
		{"", ""},
		{"!!!", ""},
		{"---a---", "a"},
	}
	for _, tt := range tests {
		if got := domain.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := domain.Fold(domain.Fold(tt.in)); again != domain.Fold(tt.in) {
			t.Errorf("Fold is not idempotent on %q: %q", tt.in, again)
		}
	}
}

func TestFoldTokens(t *testing.T) {
	if got := domain.FoldTokens("  Hurt. ŁÓD "); !reflect.DeepEqual(got, []string{"hurt", "lod"}) {
		t.Errorf("FoldTokens = %q", got)
	}
	if got := domain.FoldTokens(" ,.; "); len(got) != 0 {
		t.Errorf("FoldTokens of punctuation = %q, want none", got)
	}
}

func TestMatchesPrefixes(t *testing.T) {
	tests := []struct {
		query, text string
		want        bool
	}{
		{"lodz", "Hurtownia Łódź", true},
		{"Łódź", "hurtownia lodz", true},
		{"zaklad", "Zakład Mięsny", true},
		{"muller", "Müller GmbH", true},
		{"strass", "Straße 5", true},
		{"aer", "Ærø Trading", true},
		{"hurt lod", "Hurtownia Łódź Sp. z o.o.", true},
		{"lod hurt", "Hurtownia Łódź Sp. z o.o.", true}, // order does not matter
		{"hurt lod", "Hurtownia Kraków", false},         // every token must match
		{"odz", "Łódź", false},                          // prefixes of words, not substrings
		{"sp z", "Sp. z o.o.", true},
		{"12", "ul. 3 Maja 12/14", true},
		{"14", "ul. 3 Maja 12/14", true},
		{"1214", "ul. 3 Maja 12/14", false},
		{"526", "5260001246", true},
		{"kowalski", "jan.kowalski@firma.pl", true},
		{"", "anything", true},
	}
	for _, tt := range tests {
		if got := domain.MatchesPrefixes(domain.FoldTokens(tt.query), domain.Fold(tt.text)); got != tt.want {
			t.Errorf("MatchesPrefixes(%q, %q) = %v, want %v", tt.query, tt.text, got, tt.want)
		}
	}
}
