package team

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceRows parses like jsonRows with encoding/json: numbers as int64,
// nested arrays as their text.
func referenceRows(text string) ([][]any, bool) {
	var raw [][]json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return nil, false
	}
	out := [][]any{}
	for _, r := range raw {
		row := []any(nil)
		for _, x := range r {
			var v any
			dec := json.NewDecoder(strings.NewReader(string(x)))
			dec.UseNumber()
			if err := dec.Decode(&v); err != nil {
				return nil, false
			}
			switch y := v.(type) {
			case json.Number:
				n, err := y.Int64()
				if err != nil {
					return nil, false
				}
				v = n
			case []any:
				v = string(x)
			case string, nil:
			default:
				return nil, false // booleans, objects: never written
			}
			row = append(row, v)
		}
		out = append(out, row)
	}
	return out, true
}

var rowSamples = []string{
	`[]`,
	`[[]]`,
	`[["01a2-uid","MAK-1","Mąka \"Złota\" 1 kg","szt",12000,35000,35000,"account","",0,"5",42000]]`,
	`[[1,null,"a\\b\/c\n\t\u0141\u00f3d\u017a \ud83d\ude00",-5],[2,"x",0,null]]`,
	`[[1,"draft","acc",[[1,"x"],[2,"y]\"z"]],"tail"]]`,
	` [ [ 1 , "a" ] , [ 2 ] ] `,
}

func TestRowParserAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, s := range rowSamples {
		want, ok := referenceRows(s)
		got, err := jsonRows(s)
		if !ok || err != nil {
			t.Errorf("%s: reference ok %v, parser error %v", s, ok, err)
			continue
		}
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", s, got, want)
		}
	}
	for _, bad := range []string{`[`, `[[1,]]`, `[[1]`, `[[1.5]]`, `[["a]]`, `[[1]] x`, `{"a":1}`, `[[true]]`, `[["\x"]]`} {
		if _, err := jsonRows(bad); err == nil {
			t.Errorf("%s: parsed", bad)
		}
	}
}

// FuzzRowParser: whatever encoding/json reads as an array of arrays of
// strings, integers and nulls, the parser reads the same; it never panics.
func FuzzRowParser(f *testing.F) {
	for _, s := range rowSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := jsonRows(s)
		if !utf8.ValidString(s) {
			// The text comes from PostgreSQL, which holds only UTF-8;
			// encoding/json would replace the bad bytes, the parser keeps them.
			return
		}
		want, ok := referenceRows(s)
		if !ok || strings.TrimSpace(s) == "" {
			return
		}
		if err != nil {
			t.Fatalf("%q: %v, encoding/json reads %#v", s, err, want)
		}
		if len(want) == 0 && len(got) == 0 {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", s, got, want)
		}
	})
}
