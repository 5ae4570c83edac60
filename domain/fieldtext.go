package domain

import (
	"fmt"
	"unicode/utf8"
)

// The rule every free-text field shares: how long it may be, and that it
// holds no control character — ESC would start an escape sequence wherever
// the text is printed, a newline would break a one-line list or file, BEL
// rings. Only text that runs over lines (notes, a description, the
// remittance paragraph) may hold line breaks and tabs.

// multiLine names the fields whose text may run over several lines.
var multiLine = map[string]bool{FieldNotes: true, FieldDescription: true, FieldRemittance: true}

// freeText records a field error when value has more than max characters
// (runes: "ł" is one) or a control character, under the keys every form
// translates.
func (fe *fieldErrors) freeText(field, value string, max int) {
	if utf8.RuneCountInString(value) > max {
		fe.add(field, "field.too_long", "at most {{.Max}} characters", map[string]any{"Max": max})
	}
	if c, ok := ControlChar(value, multiLine[field]); ok {
		fe.add(field, "field.control_char", "the value has a control character ({{.Char}}), which no text in Kontor may hold; remove it",
			map[string]any{"Char": c})
	}
}

// notLongerThan is the length half of freeText, for a field whose own rule
// allows fewer characters still (a code, a SKU: letters, digits, . _ / -).
func (fe *fieldErrors) notLongerThan(field, value string, max int) {
	if utf8.RuneCountInString(value) > max {
		fe.add(field, "field.too_long", "at most {{.Max}} characters", map[string]any{"Max": max})
	}
}

// ControlChar finds a control character in v (C0, DEL, C1; line breaks and
// tabs are text when multi) and names it, "U+001B".
func ControlChar(v string, multi bool) (string, bool) {
	for _, c := range v {
		if c < 0x20 && !(multi && (c == '\n' || c == '\r' || c == '\t')) || c >= 0x7f && c < 0xa0 {
			return fmt.Sprintf("U+%04X", c), true
		}
	}
	return "", false
}
