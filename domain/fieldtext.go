package domain

import "unicode/utf8"

// The rule every free-text field shares: how long it may be.

// notLongerThan records a field error when value has more than max
// characters (runes: "ł" is one), under the key every form translates.
func (fe *fieldErrors) notLongerThan(field, value string, max int) {
	if utf8.RuneCountInString(value) > max {
		fe.add(field, "field.too_long", "at most {{.Max}} characters", map[string]any{"Max": max})
	}
}
