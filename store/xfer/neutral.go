package xfer

import "strings"

// Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one)
// as a formula: an exported customer name "=HYPERLINK(…)" would run on the
// reader's machine. Export writes such a cell with a leading apostrophe, which
// spreadsheets show as text; import takes one apostrophe off again, so an export
// re-imports unchanged. A value that itself starts with apostrophes before a
// trigger gets one more, keeping the mapping reversible.

// formulaStart reports whether s begins like a formula.
func formulaStart(s string) bool {
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

// Neutralise returns the cell as it is safe to write.
func Neutralise(s string) string {
	rest := strings.TrimLeft(s, "'")
	if formulaStart(rest) && !(rest == s && negativeNumber(s)) {
		return "'" + s
	}
	return s
}

// unneutralise undoes Neutralise.
func unneutralise(s string) string {
	if strings.HasPrefix(s, "'") && formulaStart(strings.TrimLeft(s, "'")) {
		return s[1:]
	}
	return s
}

// negativeNumber reports whether s is a plain negative decimal (-12.50): a
// spreadsheet reads it as a number, never a formula, so it stays a number.
func negativeNumber(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	digits, dot := 0, false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}
