package xwidget

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestLatestAppliesOnlyTheNewestLoad(t *testing.T) {
	test.NewTempApp(t)
	var held []func()
	var applied []string
	l := Latest{Run: func(job func()) { held = append(held, job) }, Window: test.NewTempWindow(t, nil)}
	load := func(name string) func() (func(), error) {
		return func() (func(), error) { return func() { applied = append(applied, name) }, nil }
	}
	l.Load(load("old"))
	l.Load(load("new"))
	held[1]()
	held[0]()
	l.Load(load("dropped"))
	l.Drop()
	held[2]()
	if len(applied) != 1 || applied[0] != "new" {
		t.Errorf("applied %v, want only the newest load", applied)
	}
}
