package history

import (
	"sort"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// markStyle sets the matched words apart: bold, in the theme's primary colour.
var markStyle = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: widget.RichTextStyleStrong.TextStyle}

// Highlight splits text into rich text segments, the marked spans in bold.
// Spans out of range or overlapping an earlier one are ignored, so a bad
// span never cuts a character in half.
func Highlight(text string, marks []domain.Span) []widget.RichTextSegment {
	spans := append([]domain.Span(nil), marks...)
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var out []widget.RichTextSegment
	plain := func(s string) {
		if s != "" {
			out = append(out, &widget.TextSegment{Text: s, Style: widget.RichTextStyleInline})
		}
	}
	at := 0
	for _, m := range spans {
		if m.Start < at || m.End <= m.Start || m.End > len(text) || !boundary(text, m.Start) || !boundary(text, m.End) {
			continue
		}
		plain(text[at:m.Start])
		out = append(out, &widget.TextSegment{Text: text[m.Start:m.End], Style: markStyle})
		at = m.End
	}
	plain(text[at:])
	if len(out) == 0 {
		plain(" ") // an empty rich text would make the row shorter
	}
	return out
}

// boundary reports whether byte i of s starts a character (or ends s).
func boundary(s string, i int) bool { return i == len(s) || s[i]&0xC0 != 0x80 }
