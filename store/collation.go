package store

import (
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"modernc.org/sqlite"
)

// polishCollation is registered with the driver for ad-hoc ORDER BY … COLLATE polish.
// Indexed orderings use nameKey instead: a stored sort key compares with memcmp,
// far faster than calling back into a collator for every comparison.
const polishCollation = "polish"

// nameKeyVersion changes when the collation tables change, so stored keys are rebuilt.
var nameKeyVersion = "pl/" + collate.UnicodeVersion

// Collators are not safe for concurrent use; SQLite calls collations from many connections.
var collators = sync.Pool{New: func() any {
	return &keyer{c: collate.New(language.Polish), buf: &collate.Buffer{}}
}}

type keyer struct {
	c   *collate.Collator
	buf *collate.Buffer
}

// nameKey returns the sort key of s in Polish alphabetical order
// (a ą b c ć … l ł … z ź ż), ignoring case and accents only where Polish does.
func nameKey(s string) []byte {
	k := collators.Get().(*keyer)
	defer collators.Put(k)
	k.buf.Reset()
	key := k.c.KeyFromString(k.buf, s)
	return append([]byte(nil), key...)
}

func comparePolish(a, b string) int {
	k := collators.Get().(*keyer)
	defer collators.Put(k)
	return k.c.CompareString(a, b)
}

var registerOnce sync.Once

func registerCollation() {
	registerOnce.Do(func() { sqlite.MustRegisterCollationUtf8(polishCollation, comparePolish) })
}
