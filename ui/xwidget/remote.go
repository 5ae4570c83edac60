package xwidget

import (
	"fyne.io/fyne/v2"

	"kontor/domain"
)

// OpenRecord is a record open in an editor when a team sync round changed
// the file: what it says and does once it has read the record again.
type OpenRecord struct {
	Dirty  func() bool      // the editor has unsaved changes
	Warn   func(msg string) // show msg where the editor says whether it is saved
	Close  func()           // close the editor
	Reload func()           // read the record into the editor again
	Gone   string           // the warning when the record left the file and the editor has changes
	Moved  string           // the warning when the record changed and the editor has changes
	What   string           // what was read, for the log
}

// Settle acts on the record read again (on the Fyne goroutine): err as the
// read ended, unchanged whether the record is as the editor loaded it. A
// record gone closes, or warns while there are unsaved changes; a changed
// one reloads, or warns likewise (saving then asks, as for any record
// changed elsewhere).
func (r OpenRecord) Settle(err error, unchanged bool) {
	switch {
	case domain.ErrorCode(err) == domain.ENotFound:
		if r.Dirty() {
			r.Warn(r.Gone)
			return
		}
		r.Close()
	case err != nil:
		fyne.LogError("read "+r.What+" again after a sync", err)
	case unchanged:
	case r.Dirty():
		r.Warn(r.Moved)
	default:
		r.Reload()
	}
}
