package xwidget

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestPagesFetchOnDemandAndDropStaleResults(t *testing.T) {
	test.NewTempApp(t)
	var held []func()
	var fetched []int
	loaded := 0
	p := Pages[int]{Size: 10, Max: 2, Run: func(job func()) { held = append(held, job) }, Loaded: func(bool, error) { loaded++ }}
	query := func(base int) func(context.Context, int, int) ([]int, int, error) {
		return func(_ context.Context, offset, limit int) ([]int, int, error) {
			fetched = append(fetched, base+offset)
			rows := make([]int, limit)
			for i := range rows {
				rows[i] = base + offset + i
			}
			return rows, 100, nil
		}
	}
	p.Load = query(1000)
	p.Reset()
	p.Load = query(2000) // a newer query before the first answered
	p.Reset()
	for i := len(held) - 1; i >= 0; i-- {
		held[i]()
	}
	held = nil
	if r, ok := p.Row(5); !ok || r != 2005 || p.Total() != 100 || loaded != 1 {
		t.Fatalf("row 5 = %d, %v; total %d; loaded %d times", r, ok, p.Total(), loaded)
	}
	if _, ok := p.Row(55); ok || len(held) != 1 {
		t.Fatalf("a missing row was served or not fetched once (%d fetches)", len(held))
	}
	p.Row(57) // same page: no second fetch
	held[0]()
	if r, _ := p.Row(57); r != 2057 || len(held) != 1 {
		t.Errorf("row 57 = %d after %d fetches", r, len(held))
	}
	p.Run = func(job func()) { job() }
	p.Row(95)
	if len(p.pages) != 2 {
		t.Errorf("%d pages kept, want at most 2", len(p.pages))
	}
}
