package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a string.
type Span struct{ Start, End int }

// Snippet returns up to about width runes of text around the first word that
// starts with one of the folded query tokens, on one line (line breaks become
// spaces, "…" marks a cut), and the spans of every word prefix it matches. With
// no match it returns the start of the text and no spans.
func Snippet(text string, tokens []string, width int) (string, []Span) {
	text = strings.Join(strings.Fields(text), " ")
	words := wordSpans(text)
	first := -1
	for i, w := range words {
		if matchToken(w.folded, tokens) > 0 {
			first = i
			break
		}
	}
	start := 0
	if first >= 0 && utf8.RuneCountInString(text) > width {
		// Keep about a third of the width before the match for context, more
		// when the text ends before the width is used.
		start = words[first].Start
		back := max(width/3, width-utf8.RuneCountInString(text[start:]))
		for ; start > 0 && back > 0; back-- {
			_, n := utf8.DecodeLastRuneInString(text[:start])
			start -= n
		}
		for start > 0 && start < len(text) && text[start-1] != ' ' {
			start++ // move to a word boundary rather than cut a word
		}
	}
	end := start
	for n := 0; end < len(text) && n < width; n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end < len(text) {
		if sp := strings.LastIndexByte(text[start:end], ' '); sp > 0 {
			end = start + sp
		}
	}
	var b strings.Builder
	off := 0
	if start > 0 {
		b.WriteString("…")
		off = len("…") - start
	} else {
		off = 0
	}
	b.WriteString(text[start:end])
	if end < len(text) {
		b.WriteString("…")
	}
	var marks []Span
	for _, w := range words {
		if w.Start < start || w.End > end {
			continue
		}
		if n := matchToken(w.folded, tokens); n > 0 {
			marks = append(marks, Span{w.Start + off, w.Start + off + foldedPrefixBytes(text[w.Start:w.End], n)})
		}
	}
	return b.String(), marks
}

type wordSpan struct {
	Span
	folded string
}

// wordSpans splits text into runs of letters and digits with their folded form.
func wordSpans(text string) []wordSpan {
	var out []wordSpan
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, wordSpan{Span{start, i}, Fold(text[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, wordSpan{Span{start, len(text)}, Fold(text[start:])})
	}
	return out
}

// matchToken returns the length of the longest token the folded word starts
// with, 0 for none.
func matchToken(folded string, tokens []string) int {
	best := 0
	for _, t := range tokens {
		if len(t) > best && strings.HasPrefix(folded, t) {
			best = len(t)
		}
	}
	return best
}

// foldedPrefixBytes returns how many bytes of word fold to the first n bytes
// of its folded form ("Odpowiedź" and 9 → all of it).
func foldedPrefixBytes(word string, n int) int {
	for i := range word {
		if i > 0 && len(Fold(word[:i])) >= n {
			return i
		}
	}
	return len(word)
}
