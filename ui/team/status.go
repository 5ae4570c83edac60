// Package team is what the window shows of the team server: the status
// area along its bottom edge ("Synced 2 min ago · 3 changes waiting · 1
// conflict") and the Conflicts screen, where a person settles the values that
// lost and reads the changes the server refused. Syncing itself runs in the
// background (domain/teamsync, started by cmd/kontor); these only read the
// file's team state and never wait for the network.
package team

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/worker"
)

// Deps is what the team screens work with.
type Deps struct {
	Window fyne.Window
	Team   domain.TeamService
	Run    worker.Runner    // where reads and resolutions run; worker.Go when nil
	Now    func() time.Time // time.Now when nil
	Locale domain.Locale
	// SyncNow asks the background sync for a round at once; nil: no
	// button.
	SyncNow func()
	// OpenConflicts shows the Conflicts screen; OpenSettings shows
	// Settings, where the team server is set up.
	OpenConflicts func()
	OpenSettings  func()
	// Changed runs on the Fyne goroutine with every status read, so the
	// shell can update the sidebar's count; Resolved after a conflict was
	// settled by keeping this file's value, which wrote the record here.
	Changed  func(*domain.TeamStatus)
	Resolved func()
}

func (d *Deps) defaults() {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Now == nil {
		d.Now = time.Now
	}
}

// Status is the status area: one line along the bottom of the window, shown
// only while the file is joined to a team. It asks nothing and opens no
// dialog; a problem the person must fix is worded in the line, with a way to
// Settings.
type Status struct {
	d         Deps
	icon      *widget.Icon
	text      *widget.Label
	who       *widget.Label  // the person the file syncs as
	conflicts *widget.Button // opens the Conflicts screen; shown while there are any
	fix       *widget.Button // opens Settings; shown while the person must act
	sync      *widget.Button
	content   *fyne.Container

	st      *domain.TeamStatus
	syncing bool // a round asked for here has not ended yet
	gen     int  // the newest status read; an older one is dropped
}

// NewStatus builds the status area, hidden until a status read says the
// file is joined.
func NewStatus(d Deps) *Status {
	d.defaults()
	s := &Status{d: d}
	s.icon = widget.NewIcon(theme.ViewRefreshIcon())
	s.text = widget.NewLabel("")
	s.text.Truncation = fyne.TextTruncateEllipsis
	s.who = widget.NewLabel("")
	s.who.Importance = widget.LowImportance
	s.conflicts = widget.NewButtonWithIcon("", theme.WarningIcon(), func() {
		if d.OpenConflicts != nil {
			d.OpenConflicts()
		}
	})
	s.conflicts.Importance = widget.LowImportance
	s.conflicts.Hide()
	s.fix = widget.NewButtonWithIcon(lang.X("team.status.settings", "Team settings"), theme.SettingsIcon(), func() {
		if d.OpenSettings != nil {
			d.OpenSettings()
		}
	})
	s.fix.Importance = widget.LowImportance
	s.fix.Hide()
	s.sync = widget.NewButtonWithIcon(lang.X("team.status.sync_now", "Sync now"), theme.ViewRefreshIcon(), s.SyncNow)
	s.sync.Importance = widget.LowImportance
	if d.SyncNow == nil {
		s.sync.Hide()
	}
	s.content = container.NewBorder(widget.NewSeparator(), nil, s.icon,
		container.NewHBox(s.conflicts, s.fix, s.who, s.sync), s.text)
	s.content.Hide()
	return s
}

// Content is the area's top object; it takes no room while hidden.
func (s *Status) Content() fyne.CanvasObject { return s.content }

// Text is the line shown.
func (s *Status) Text() string { return s.text.Text }

// Current is the last status read, nil before the first.
func (s *Status) Current() *domain.TeamStatus { return s.st }

// Reload reads the file's team state off the Fyne goroutine (a local read,
// never the network) and shows it.
func (s *Status) Reload() {
	s.gen++
	gen := s.gen
	s.d.Run(func() {
		st, err := s.d.Team.Status(context.Background())
		fyne.Do(func() {
			if gen != s.gen || err != nil {
				// A failed local read leaves the line as it was: the next
				// read or round says more, and the area never nags.
				if err != nil {
					fyne.LogError("read the team status", err)
				}
				return
			}
			s.show(st)
		})
	})
}

// Round shows the end of a sync round: st is the status after it.
func (s *Status) Round(st *domain.TeamStatus) {
	s.syncing = false
	s.gen++ // a read started before the round is older than st
	if st != nil {
		s.show(st)
	} else {
		s.Reload()
	}
}

// SyncNow asks for a round and says so until it ends.
func (s *Status) SyncNow() {
	if s.d.SyncNow == nil {
		return
	}
	s.syncing = true
	s.render()
	s.d.SyncNow()
}

// Refresh writes the line again: "2 min ago" moves on.
func (s *Status) Refresh() { s.render() }

// Show shows st, a status read elsewhere (after a conflict was settled).
func (s *Status) Show(st *domain.TeamStatus) {
	s.gen++
	s.show(st)
}

func (s *Status) show(st *domain.TeamStatus) {
	s.st = st
	s.render()
	if s.d.Changed != nil {
		s.d.Changed(st)
	}
}

func (s *Status) render() {
	if s.st == nil || !s.st.Joined {
		s.content.Hide()
		return
	}
	text, importance := statusLine(s.st, s.d.Now(), s.d.Locale, s.syncing)
	s.text.Importance = importance
	s.text.SetText(text)
	s.who.SetText(lang.X("team.status.who", "{{.Name}} ({{.Role}})", map[string]any{"Name": s.st.Name, "Role": roleName(s.st.Role)}))
	switch {
	case s.syncing:
		s.icon.SetResource(theme.ViewRefreshIcon())
	case s.st.Offline():
		s.icon.SetResource(theme.MediaPauseIcon())
	case s.st.LastError != nil:
		s.icon.SetResource(theme.WarningIcon())
	default:
		s.icon.SetResource(theme.ConfirmIcon())
	}
	if s.st.Conflicts > 0 {
		s.conflicts.SetText(lang.X("team.status.show_conflicts", "Show conflicts"))
		s.conflicts.Show()
	} else {
		s.conflicts.Hide()
	}
	if s.st.LastError != nil && !s.st.Offline() && s.d.OpenSettings != nil {
		s.fix.Show()
	} else {
		s.fix.Hide()
	}
	s.content.Show()
	s.content.Refresh()
}
