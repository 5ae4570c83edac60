package xwidget

import (
	"fyne.io/fyne/v2"

	"kontor/ui/alert"
	"kontor/ui/worker"
)

// Latest runs a screen's loads off the Fyne goroutine and applies only the
// newest: a load that a newer one, or Drop, overtook is dropped when it
// finishes, so a slow answer never overwrites a later one. A load's error
// is shown over Window instead.
type Latest struct {
	Run    worker.Runner // where loads run; worker.Go when nil
	Window fyne.Window
	gen    int
}

// Load runs load off the Fyne goroutine; the apply it returns then runs on
// the Fyne goroutine, unless another load started, or Drop was called,
// meanwhile. Neither load nor the making of apply may touch widgets.
func (l *Latest) Load(load func() (apply func(), err error)) {
	l.gen++
	gen := l.gen
	run := l.Run
	if run == nil {
		run = worker.Go
	}
	run(func() {
		apply, err := load()
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				alert.Error(l.Window, err)
				return
			}
			apply()
		})
	})
}

// Drop drops every load still running.
func (l *Latest) Drop() { l.gen++ }
