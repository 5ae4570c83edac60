package ui

import (
	"fyne.io/fyne/v2"

	"kontor/domain"
	"kontor/ui/accounts"
	"kontor/ui/dashboard"
	"kontor/ui/history"
	"kontor/ui/language"
	"kontor/ui/settings"
	"kontor/ui/today"
)

// prefLastKind keeps the kind of activity logged last, which the next
// "Log activity" starts as, across starts of the app.
const prefLastKind = "last_activity_kind"

// buildActivityScreens builds Today and the history search.
func (s *Shell) buildActivityScreens() {
	w, prefs := s.d.Window, s.d.App.Preferences()
	s.dashboard = nil
	var beside fyne.CanvasObject
	var tools []fyne.CanvasObject
	if s.d.Dashboard != nil {
		s.dashboard = dashboard.New(dashboard.Deps{
			Window: w, Dashboard: s.d.Dashboard, Run: s.d.Run, Locale: language.Locale(),
			Today: func() domain.Date { return domain.DateOf(s.d.Now()) },
			Me:    func() string { return settings.RepName(prefs) },
			OpenQuotes: func(stage domain.QuoteStatus, owner string) {
				if s.docs != nil {
					s.docs.FilterQuotes(stage, owner)
				}
			},
			OpenReceivables: func(owner string) {
				if s.receivables != nil {
					s.nav.Select(sectionReceivables)
					s.receivables.ShowOwner(owner)
				}
			},
			OpenAccount: func(id domain.AccountID) {
				s.nav.Select(sectionAccounts)
				s.accounts.OpenInvoices(id)
			},
		})
		beside, tools = s.dashboard.Content(), []fyne.CanvasObject{s.dashboard.Scope()}
	}
	s.today = today.New(today.Deps{
		Window: w, Activities: s.d.Activities, Run: s.d.Run, Locale: language.Locale(), Now: s.d.Now,
		ColdDays: func() int { return settings.ColdDays(prefs) }, Open: s.openAt, KSeF: s.d.KSeF, NotBackOffice: s.notBackOffice,
		Promises: s.brokenPromises(),
		Beside:   beside, Tools: tools,
	})
	s.history = history.New(history.Deps{
		Window: w, Activities: s.d.Activities, Run: s.d.Run, Locale: language.Locale(), Open: s.openAt,
	})
}

// historyDeps is what an account's timeline needs from the shell.
func (s *Shell) historyDeps() accounts.HistoryDeps {
	prefs := s.d.App.Preferences()
	return accounts.HistoryDeps{
		Now: s.d.Now,
		LastKind: func() domain.ActivityKind {
			if k := domain.ActivityKind(prefs.String(prefLastKind)); k.Valid() {
				return k
			}
			return domain.KindCall
		},
		SetLastKind: func(k domain.ActivityKind) { prefs.SetString(prefLastKind, string(k)) },
	}
}

// openAt shows an account at one activity of its history (0: the history
// from the top), from Today or the history search.
func (s *Shell) openAt(account domain.AccountID, activity domain.ActivityID) {
	s.nav.Select(sectionAccounts)
	s.accounts.OpenAt(account, activity)
}
