package ui

import (
	"os/user"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/settings"
	"kontor/ui/xwidget"
)

// prefNameAsked is set once the user was asked for their name, whatever they
// answered: "Later" is not asked again (Settings has the name).
const prefNameAsked = "rep_name_asked"

// askName asks for the user's name on the first start, when Settings has
// none: the accounts they add get it as their owner, and the start page's
// "My accounts" are those. The computer's name for the user is proposed.
func (s *Shell) askName() {
	prefs := s.d.App.Preferences()
	if settings.RepName(prefs) != "" || prefs.Bool(prefNameAsked) {
		return
	}
	name := xwidget.NewEntry()
	name.SetText(systemName())
	name.SetPlaceHolder(lang.X("settings.rep_name.placeholder", "e.g. Anna Nowak"))
	msg := widget.NewLabel(lang.X("first.name.message",
		"Kontor makes you the owner of the accounts you add, and the start page shows “My accounts” by it. You can change it in Settings."))
	msg.Wrapping = fyne.TextWrapWord
	var dlg *xwidget.Dialog
	later := widget.NewButton(lang.X("first.name.later", "Later"), func() {
		prefs.SetBool(prefNameAsked, true)
		dlg.Hide()
	})
	ok := widget.NewButton(lang.X("first.name.ok", "Use this name"), nil)
	ok.Importance = widget.HighImportance
	ok.OnTapped = func() {
		text := strings.TrimSpace(name.Text)
		if text == "" {
			s.d.Window.Canvas().Focus(name)
			return
		}
		prefs.SetString(settings.PrefRepName, text)
		prefs.SetBool(prefNameAsked, true)
		s.settings.ShowStoredName()
		dlg.Hide()
		if s.dashboard != nil {
			s.dashboard.Refresh()
		}
	}
	name.OnSubmitted = func(string) { ok.OnTapped() }
	body := container.NewVBox(msg, name, container.NewHBox(layout.NewSpacer(), later, ok))
	dlg = xwidget.NewDialog(lang.X("first.name.title", "Your name"), body, s.d.Window)
	dlg.Fit(fyne.NewSize(460, 0))
	dlg.Show()
	s.d.Window.Canvas().Focus(name)
}

// systemName is the user's name as the computer has it: the full name when
// the account has one, else the login.
func systemName() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	if full, _, _ := strings.Cut(u.Name, ","); strings.TrimSpace(full) != "" {
		return strings.TrimSpace(full)
	}
	return u.Username
}
