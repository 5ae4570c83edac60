package accounts

import (
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/timeline"
	"kontor/ui/xwidget"
)

// HistoryDeps is what an account's timeline needs beyond the screen's Deps.
type HistoryDeps struct {
	Now         func() time.Time           // nil: time.Now
	LastKind    func() domain.ActivityKind // the kind a new activity starts as
	SetLastKind func(domain.ActivityKind)
	Changed     func() // an activity was saved, deleted or restored
}

// addTimeline adds the History tab to a saved account's view.
func (v *view) addTimeline() {
	d := v.s.d
	if v.acc == nil || v.timeline != nil || d.Activities == nil {
		return
	}
	v.timeline = timeline.New(timeline.Deps{
		Window: d.Window, Activities: d.Activities, Run: d.Run, Locale: d.Locale, Now: d.History.Now,
		RepName: d.RepName, LastKind: d.History.LastKind, SetLastKind: d.History.SetLastKind,
		Changed: v.activityChanged,
	}, timeline.Account{
		ID: v.acc.ID, Name: v.acc.Name,
		Contacts: func() []*domain.Contact { return v.contacts.people },
		Selected: v.contacts.selectedID,
	})
	v.tabs.Append(container.NewTabItemWithIcon(lang.X("account.tab.history", "History"), theme.HistoryIcon(), v.timeline.Content()))
}

// historyTab is the index of the History tab.
const historyTab = 2

// activityChanged refreshes what shows the last contact: the list's column.
func (v *view) activityChanged() {
	v.s.accountChanged()
	if f := v.s.d.History.Changed; f != nil {
		f()
	}
}

// reveal shows the History tab at activity id (0: as it is).
func (v *view) reveal(id domain.ActivityID) {
	if v.timeline == nil {
		return
	}
	v.tabs.SelectIndex(historyTab)
	if id != 0 {
		v.timeline.Reveal(id)
	}
}

// keepTab opens a saved account on the tab chosen last, so a rep who reads
// histories keeps reading them from account to account.
func (v *view) keepTab() {
	if v.acc != nil && v.s.lastTab > 0 && v.s.lastTab < len(v.tabs.Items) {
		v.tabs.SelectIndex(v.s.lastTab)
	}
	v.tabs.OnSelected = func(*container.TabItem) {
		if v.acc != nil {
			v.s.lastTab = v.tabs.SelectedIndex()
		}
	}
}

// OpenAt opens an account on its History tab at one activity (0: from the
// top), for Today and the history search; an account already open shows it
// without reloading.
func (s *Screen) OpenAt(id domain.AccountID, activity domain.ActivityID) {
	if s.view != nil && s.view.acc != nil && s.view.acc.ID == id && s.view.timeline != nil {
		s.view.reveal(activity)
		return
	}
	s.ConfirmLeave(func() {
		s.toHistory, s.revealOnLoad = true, activity
		s.load(id)
	})
}

// LogActivity opens the form that logs an activity on the open account (Ctrl+L).
func (s *Screen) LogActivity() {
	if s.view != nil && s.view.timeline != nil {
		s.view.timeline.LogActivity()
		return
	}
	msg := lang.X("accounts.log.none", "Open an account first (Ctrl+F finds one), then log its call, meeting or note with Ctrl+L.")
	if s.view != nil {
		msg = lang.X("accounts.log.unsaved", "Save the new account first (Ctrl+S); then you can log its activities.")
	}
	s.ask(lang.X("accounts.log.title", "Log activity"), msg,
		xwidget.Choice{Label: lang.X("accounts.log.ok", "OK"), Importance: widget.HighImportance})
}

// Timeline is the open account's timeline, nil when none is shown.
func (s *Screen) Timeline() *timeline.Tab {
	if s.view == nil {
		return nil
	}
	return s.view.timeline
}
