// Package ui is Kontor's desktop shell: the main window with its navigation,
// menus and keyboard shortcuts, around the screens in the packages below. It
// talks to the domain services it is given and never to the store.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/accounts"
	"kontor/ui/history"
	"kontor/ui/settings"
	"kontor/ui/today"
	"kontor/ui/worker"
)

// Deps is what cmd/kontor hands the shell.
type Deps struct {
	App      fyne.App
	Window   fyne.Window
	Accounts domain.AccountService
	Contacts domain.ContactService
	DataPath string                                       // the open database file, shown in Settings
	Backup   func(ctx context.Context, path string) error // a consistent copy of it
	Run      worker.Runner                                // nil: worker.Go

	Activities domain.ActivityService
	Now        func() time.Time // nil: time.Now
}

// Sections of the sidebar: only those that work today.
const (
	sectionToday = iota // the start page
	sectionAccounts
	sectionHistory
	sectionSettings
)

// Shell is the main window's content.
type Shell struct {
	d        Deps
	accounts *accounts.Screen
	today    *today.Screen
	history  *history.Screen
	settings *settings.Screen
	nav      *widget.List
	section  int
	body     *fyne.Container
}

// New fills the main window and returns the shell.
func New(d Deps) *Shell {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &Shell{d: d}
	d.Window.SetCloseIntercept(s.requestClose)
	s.build()
	return s
}

// requestClose closes the window once unsaved changes are settled.
func (s *Shell) requestClose() { s.accounts.ConfirmLeave(s.d.Window.Close) }

// build (re)creates the window's content, menus and screens in the current
// language.
func (s *Shell) build() {
	w, prefs := s.d.Window, s.d.App.Preferences()
	w.SetTitle(Title())
	s.accounts = accounts.New(accounts.Deps{
		Window: w, Accounts: s.d.Accounts, Contacts: s.d.Contacts, Run: s.d.Run,
		Locale: settings.Locale(), RepName: func() string { return settings.RepName(prefs) },
		Activities: s.d.Activities, History: s.historyDeps(),
	})
	s.buildActivityScreens()
	s.settings = settings.New(settings.Deps{
		Window: w, Prefs: prefs, DataPath: s.d.DataPath, Backup: s.d.Backup, Run: s.d.Run,
		ChangeLanguage: s.changeLanguage,
	})
	sections := []struct {
		icon  fyne.Resource
		label string
	}{
		{theme.HomeIcon(), lang.X("nav.today", "Today")},
		{theme.AccountIcon(), lang.X("nav.accounts", "Accounts")},
		{theme.SearchIcon(), lang.X("nav.history", "History search")},
		{theme.SettingsIcon(), lang.X("nav.settings", "Settings")},
	}
	s.nav = widget.NewList(func() int { return len(sections) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(nil), widget.NewLabel(longest(sections)))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(sections[i].icon)
			row.Objects[1].(*widget.Label).SetText(sections[i].label)
		})
	s.nav.OnSelected = s.show
	s.body = container.NewStack()
	w.SetContent(container.NewBorder(nil, nil, container.NewHBox(s.nav, widget.NewSeparator()), nil, s.body))
	w.SetMainMenu(s.menu())
	s.nav.Select(s.section)
	s.show(s.section)
}

// show switches the body to a section. The accounts screen keeps its state
// (an open account, unsaved edits) while another section is shown.
func (s *Shell) show(section int) {
	s.section = section
	var c fyne.CanvasObject
	switch section {
	case sectionToday:
		c = s.today.Content()
		s.today.Refresh()
	case sectionHistory:
		c = s.history.Content()
		s.history.Refresh()
		defer s.history.FocusSearch() // its only entry: the user came to type
	case sectionSettings:
		c = s.settings.Content()
	default:
		c = s.accounts.Content()
	}
	s.body.Objects = []fyne.CanvasObject{c}
	s.body.Refresh()
}

// menu holds every command with its shortcut. Menu shortcuts work whatever
// has the focus, also inside an entry, which window shortcuts do not.
func (s *Shell) menu() *fyne.MainMenu {
	shortcut := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	item := func(label string, key fyne.KeyName, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		if key != "" {
			it.Shortcut = shortcut(key)
		}
		return it
	}
	onAccounts := func(action func()) func() {
		return func() {
			s.nav.Select(sectionAccounts)
			action()
		}
	}
	quit := item(lang.X("menu.quit", "Quit"), fyne.KeyQ, func() { s.accounts.ConfirmLeave(s.d.App.Quit) })
	quit.IsQuit = true
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.X("menu.kontor", "Kontor"),
			item(lang.X("menu.settings", "Settings"), "", func() { s.nav.Select(sectionSettings) }),
			fyne.NewMenuItemSeparator(),
			quit,
		),
		fyne.NewMenu(lang.X("menu.accounts", "Accounts"),
			item(lang.X("menu.find", "Find"), fyne.KeyF, onAccounts(func() { s.accounts.FocusSearch() })),
			item(lang.X("menu.new_account", "New account"), fyne.KeyN, onAccounts(func() { s.accounts.NewAccount() })),
			item(lang.X("menu.save", "Save"), fyne.KeyS, func() { s.accounts.Save() }),
			item(lang.X("menu.close_account", "Close account"), fyne.KeyW, func() { s.accounts.Close() }),
			fyne.NewMenuItemSeparator(),
			item(lang.X("menu.log_activity", "Log activity"), fyne.KeyL, onAccounts(func() { s.accounts.LogActivity() })),
		),
		fyne.NewMenu(lang.X("menu.history", "History"),
			item(lang.X("menu.today", "Today"), fyne.KeyT, func() { s.nav.Select(sectionToday) }),
			item(lang.X("menu.search_history", "Search history"), fyne.KeyH, func() {
				s.nav.Select(sectionHistory)
				s.history.FocusSearch()
			}),
		),
	)
}

// changeLanguage stores the choice and rebuilds the window in it, after
// unsaved changes are settled. The open account opens again.
func (s *Shell) changeLanguage(choice string) {
	s.accounts.ConfirmLeave(func() {
		open := s.accounts.OpenID()
		s.d.App.Preferences().SetString(settings.PrefLanguage, choice)
		if err := settings.ApplyLanguage(choice); err != nil {
			fyne.LogError("apply language", err)
		}
		s.build()
		if open != 0 {
			s.accounts.Open(open)
		}
	})
	s.settings.Reset()
}
