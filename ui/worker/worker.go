// Package worker starts the database work of a screen away from the Fyne
// goroutine. Each screen takes one Runner, so tests run the work inline and
// need no sleeps, while the app runs it on its own goroutine.
package worker

// Runner runs job, which must not touch widgets: a job reads what it needs
// before it starts and hands its result back with fyne.Do.
type Runner func(job func())

// Go runs each job on a new goroutine: the app's runner.
func Go(job func()) { go job() }

// Inline runs each job at once on the caller's goroutine: the tests' runner.
func Inline(job func()) { job() }
