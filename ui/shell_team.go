package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/language"
	"kontor/ui/team"
)

// buildTeam makes the status area and the Conflicts screen when the app has
// a team service; the sidebar names Conflicts while the file is joined.
func (s *Shell) buildTeam() {
	s.teamStatus, s.conflicts = nil, nil
	if s.d.Team == nil {
		return
	}
	td := team.Deps{
		Window: s.d.Window, Team: s.d.Team, Run: s.d.Run, Now: s.d.Now, Locale: language.Locale(),
		SyncNow:       s.d.SyncNow,
		OpenConflicts: func() { s.nav.Select(sectionConflicts) },
		OpenSettings:  func() { s.nav.Select(sectionSettings) },
		Changed:       s.teamChanged,
		Resolved:      s.remoteChanged, // keeping mine wrote the record here
	}
	s.teamStatus = team.NewStatus(td)
	cd := td
	cd.Changed = s.teamStatus.Show // the status area tells the sidebar in turn
	s.conflicts = team.NewConflicts(cd)
	if st := s.teamState; st != nil {
		s.teamStatus.Round(st)
	} else {
		s.teamStatus.Reload()
	}
}

// teamJoined reports whether the file was joined to a team when the window
// was built: the sidebar then has its Conflicts section.
func (s *Shell) teamJoined() bool { return s.teamState != nil && s.teamState.Joined }

// notBackOffice reports whether the file is joined to a team as someone other
// than the back office, who alone records money and sends invoices to KSeF.
func (s *Shell) notBackOffice() bool {
	return s.teamJoined() && s.teamState.Role != "" && s.teamState.Role != domain.RoleBackoffice
}

// conflictsLabel names the Conflicts section with how many are open.
func conflictsLabel(n int) string {
	if n == 0 {
		return lang.X("nav.conflicts", "Conflicts")
	}
	return lang.XN("nav.conflicts_count", "Conflicts ({{.Count}})", n, map[string]any{"Count": n})
}

// teamChanged follows every status read: the count in the sidebar; a file
// joined meanwhile (from Settings) gets its Conflicts section.
func (s *Shell) teamChanged(st *domain.TeamStatus) {
	was := s.teamJoined()
	s.teamState = st
	if st.Joined && !was {
		if s.d.TeamJoined != nil {
			s.d.TeamJoined() // joined from Settings, or by kontorctl meanwhile: sync from now on
		}
		s.rebuild()
		return
	}
	if s.conflictsName != nil {
		label := conflictsLabel(st.Conflicts + st.Refused)
		if *s.conflictsName != label {
			*s.conflictsName = label
			s.nav.RefreshItem(sectionConflicts)
			s.navNarrow.RefreshItem(sectionConflicts)
		}
	}
}

// TeamRound shows the end of a background sync round (cmd/kontor calls it
// on the Fyne goroutine): the status area, and when the round brought
// others' changes, the screens open read the file again — an editor with
// unsaved changes says the record changed instead of losing them.
func (s *Shell) TeamRound(res *domain.SyncResult, _ error, st *domain.TeamStatus) {
	if s.teamStatus == nil {
		return
	}
	s.teamStatus.Round(st)
	if res != nil && (res.Pulled > 0 || res.Removed > 0) {
		s.remoteChanged()
	}
	if res != nil && (res.Conflicts > 0 || res.Refused > 0) || s.section == sectionConflicts {
		s.conflicts.Reload()
	}
	if s.section == sectionSettings {
		s.settings.ReloadTeam()
	}
}

// remoteChanged has the open screens read what changed in the file.
func (s *Shell) remoteChanged() {
	s.accounts.RemoteChanged()
	s.accounts.MoneyChanged() // invoices and payments made on other machines
	s.catalog.RemoteChanged()
	s.groups.RemoteChanged()
	if s.docs != nil {
		s.docs.RemoteChanged()
	}
	switch s.section {
	case sectionToday:
		s.today.Refresh()
	case sectionHistory:
		s.history.Refresh()
	case sectionReceivables:
		if s.receivables != nil {
			s.receivables.Refresh()
		}
	}
}

// teamTick moves the status area on between rounds: a local read of the
// changes waiting, and "2 min ago" that becomes "3 min ago".
func (s *Shell) teamTick() {
	if s.teamStatus != nil {
		s.teamStatus.Reload()
	}
}

// startTeamTicks reads the status every d until Stop (Deps.TeamEvery;
// tests call teamTick themselves).
func (s *Shell) startTeamTicks(d time.Duration) {
	stop := make(chan struct{})
	s.stopTicks = func() { close(stop) }
	go func() {
		tick := time.NewTicker(d)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				fyne.Do(s.teamTick)
			}
		}
	}()
}

// Stop ends what the shell does on its own (the status area's reads), before
// the file it reads is closed: a restore replaces the shell with one on the
// restored file.
func (s *Shell) Stop() {
	if s.stopTicks != nil {
		s.stopTicks()
		s.stopTicks = nil
	}
}

// conflictsContent is the Conflicts section, read again each time it is shown.
func (s *Shell) conflictsContent() fyne.CanvasObject {
	if s.conflicts == nil {
		return widget.NewLabel(lang.X("nav.conflicts_unavailable", "This file is not joined to a team."))
	}
	s.conflicts.Reload()
	return s.conflicts.Content()
}

// rebuild builds the window again once unsaved changes are settled,
// reopening what was open: after joining a team, every screen reads the
// file the join filled, and the sidebar gains Conflicts.
func (s *Shell) rebuild() {
	s.confirmLeave(func() {
		open, product, group := s.accounts.OpenID(), s.catalog.OpenID(), s.groups.OpenID()
		s.build()
		if open != 0 {
			s.accounts.Open(open)
		}
		if product != 0 {
			s.catalog.Open(product)
		}
		if group != 0 {
			s.groups.Open(group)
		}
	})
}
