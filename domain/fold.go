package domain

import (
	"strings"
	"unicode"
)

// Fold turns text into its search form: lower case, Latin diacritics removed
// (ł→l, ß→ss, æ→ae), every run of other characters a single space. "Łódź, ul.
// Źródlana" folds to "lodz ul zrodlana". Digits are kept. The same function folds
// the stored search columns and the typed query, so they always agree.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress a leading space
	for _, r := range s {
		r = unicode.ToLower(r)
		if r < 0x80 {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
				space = false
			} else if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent of decomposed text ("o" + U+0301): drop it as latinFold drops ó's
		}
		if f, ok := latinFold[r]; ok {
			b.WriteString(f)
			space = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r) // other scripts stay searchable as written
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// FoldTokens folds s and splits it into words.
func FoldTokens(s string) []string { return strings.Fields(Fold(s)) }

// MatchesPrefixes reports whether every query token is a prefix of some word of the
// folded text: the search box's rule ("hurt lod" matches "hurtownia lodz").
func MatchesPrefixes(query []string, folded string) bool {
	words := strings.Fields(folded)
	for _, q := range query {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// latinFold maps lower-case Latin letters with diacritics to their base letters.
var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'ĉ': "c", 'ċ': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ĕ': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ĝ': "g", 'ğ': "g", 'ġ': "g", 'ģ': "g", 'ĥ': "h", 'ħ': "h",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ĩ': "i", 'ī': "i", 'ĭ': "i", 'į': "i", 'ı': "i",
	'ĳ': "ij", 'ĵ': "j", 'ķ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ŀ': "l", 'ł': "l",
	'ñ': "n", 'ń': "n", 'ņ': "n", 'ň': "n", 'ŉ': "n", 'ŋ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ŏ': "o", 'ő': "o",
	'œ': "oe", 'ŕ': "r", 'ŗ': "r", 'ř': "r", 'ś': "s", 'ŝ': "s", 'ş': "s", 'š': "s", 'ș': "s",
	'ß': "ss", 'ţ': "t", 'ť': "t", 'ŧ': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ũ': "u", 'ū': "u", 'ŭ': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ŵ': "w", 'ý': "y", 'ÿ': "y", 'ŷ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}
