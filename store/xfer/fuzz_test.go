package xfer

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzRead: whatever the bytes, the reader neither panics nor loses track of
// lines: every row starts after the header and no earlier than the one before,
// and every problem names a line (the whole-file "stopped" and size problems
// aside, which cannot happen under these limits).
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"code,name\nA,B\n",
		"\xEF\xBB\xBFcode;name;amount\nA;\"x;\ny\";1 234,5\n",
		"code;name\nA;\xA3\xF3d\x9F\n",
		"code,name\nA,\"open\n",
		"code,name,\nA,b\"c,d\n,,\n",
		"CODE , Name,on,done\nA,B,31.02.2026,maybe\n",
		"\xFF\xFEx",
		"code\tname\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := NewReaderLimits("fuzz.csv", bytes.NewReader(data), testSchema, Limits{MaxBytes: 1 << 20, MaxColumns: 64, MaxErrors: 1 << 20})
		if err != nil {
			checkLines(t, err)
			return
		}
		last := 2
		for rd.Next() {
			row := rd.Row()
			if row.Line < last {
				t.Fatalf("row line %d after %d", row.Line, last)
			}
			last = row.Line
			row.Amount("amount")
			row.Date("on")
			row.Bool("done", false)
		}
		checkLines(t, rd.Err())
	})
}

func checkLines(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("error %v (%T) is not Errors", err, err)
	}
	for _, e := range es {
		if e.Line < 1 || e.File != "fuzz.csv" || e.Err.Error() == "" {
			t.Fatalf("problem without a line: %+v", e)
		}
	}
}
