package xfer

import (
	"strings"
	"testing"

	"kontor/domain"
)

// oneRow reads a file of testSchema with one data row and hands it to fn.
func oneRow(t *testing.T, src string, fn func(row *Row)) Errors {
	t.Helper()
	rd, err := NewReader("r.csv", strings.NewReader(src), testSchema)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rd.Next() {
		fn(rd.Row())
		n++
	}
	if n != 1 {
		t.Fatalf("%d rows", n)
	}
	return rd.Errors()
}

func TestRowAmounts(t *testing.T) {
	tests := []struct {
		cell string
		want domain.Amount
		ok   bool
		err  string
	}{
		{"1234.56", 123456, true, ""},
		{"1234,56", 123456, true, ""},
		{"1 234,56", 123456, true, ""},
		{"1\u00a0234,56", 123456, true, ""}, // NBSP, as Polish Excel groups thousands
		{"1.234,56", 123456, true, ""},
		{"1,234.56", 123456, true, ""},
		{"12", 1200, true, ""},
		{"", 0, false, ""},
		{"1,234,5", 0, false, "r.csv:2: amount: 1,234,5 is not a number"},
		{"1 234", 123400, true, ""},
		{"1.234.567", 123456700, true, ""},
		{"12.345", 0, false, "r.csv:2: amount: 12.345 has more than 2 decimal places"},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			errs := oneRow(t, "code;name;amount\nA;B;\""+tt.cell+"\"\n", func(row *Row) {
				got, ok := row.Amount("amount")
				if tt.err == "" && (got != tt.want || ok != tt.ok) {
					t.Errorf("Amount = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
				}
			})
			if tt.err == "" && len(errs) > 0 || tt.err != "" && (len(errs) != 1 || errs[0].Error() != tt.err) {
				t.Errorf("errors = %v, want %q", errs, tt.err)
			}
		})
	}
}

func TestRowDatesAndBools(t *testing.T) {
	tests := []struct {
		on, done string
		date     string
		flag     bool
		err      string
	}{
		{"2026-11-27", "true", "2026-11-27", true, ""},
		{"27.11.2026", "false", "2026-11-27", false, ""},
		{"1.2.2026", "1", "2026-02-01", true, ""},
		{"", "0", "", false, ""},
		{"2026-11-27", "TAK", "2026-11-27", true, ""},
		{"2026-11-27", "nie", "2026-11-27", false, ""},
		{"2026-11-27", "Yes", "2026-11-27", true, ""},
		{"2026-11-27", "no", "2026-11-27", false, ""},
		{"2026-11-27", "", "2026-11-27", true, ""}, // default
		{"31.02.2026", "maybe", "", true, "r.csv:2: on: 31.02.2026 is not a date (use YYYY-MM-DD or DD.MM.YYYY)\nr.csv:2: done: maybe is not true or false"},
		{"11/27/2026", "x", "", true, "r.csv:2: on: 11/27/2026 is not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.on+"/"+tt.done, func(t *testing.T) {
			errs := oneRow(t, "code,name,on,done\nA,B,"+tt.on+","+tt.done+"\n", func(row *Row) {
				d, _ := row.Date("on")
				b := row.Bool("done", true)
				if tt.err == "" && (d.String() != tt.date || b != tt.flag) {
					t.Errorf("got %s %v, want %s %v", d, b, tt.date, tt.flag)
				}
				if row.OK() != (tt.err == "") {
					t.Errorf("OK = %v", row.OK())
				}
			})
			if got := errs.Error(); tt.err == "" && got != "" || !strings.HasPrefix(got, tt.err) {
				t.Errorf("errors = %q, want %q", got, tt.err)
			}
		})
	}
}

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, out string }{
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+48 600 100 200", "'+48 600 100 200"},
		{"-1+1", "'-1+1"},
		{"@cmd", "'@cmd"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-12.50", "-12.50"}, // a plain negative number is a number, not a formula
		{"-", "'-"},
		{"'=x", "''=x"}, // apostrophes before a trigger get one more, so import can undo it
		{"'plain", "'plain"},
		{"Łódź", "Łódź"},
		{"", ""},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := Neutralise(tt.in); got != tt.out {
			t.Errorf("Neutralise(%q) = %q, want %q", tt.in, got, tt.out)
		}
		if back := unneutralise(Neutralise(tt.in)); back != tt.in {
			t.Errorf("unneutralise(Neutralise(%q)) = %q", tt.in, back)
		}
	}
}
