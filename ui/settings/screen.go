// Package settings is the Settings screen: the language, the sales rep's
// name, where the data file is and a backup of it.
package settings

import (
	"context"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Deps is what the screen works with.
type Deps struct {
	Window   fyne.Window
	Prefs    fyne.Preferences
	DataPath string                                       // the database file in use
	Backup   func(ctx context.Context, path string) error // writes a consistent copy to a new file
	// Restore replaces the data file with the backup at path, keeping the
	// current file aside (its name is returned), and reopens Kontor on the
	// restored data; nil leaves the action out.
	Restore RestoreFunc
	Run     worker.Runner
	// ChangeLanguage stores and applies a language choice; the shell asks
	// about unsaved work first and rebuilds the window in the new language.
	ChangeLanguage func(choice string)
	// Company stores the seller's letterhead; nil leaves the section out.
	Company domain.CompanyService
	// Documents stores the numbering and validity of quotes and orders; nil
	// leaves the section out.
	Documents domain.DocumentSettingsService
	// KSeF stores the KSeF settings; nil leaves the section out.
	KSeF domain.KSeFService
	// Collections keeps the reminder levels and the interest table, and
	// ImportRates reads an NBP file into it; nil leaves the section out.
	Collections domain.CollectionsService
	ImportRates func(ctx context.Context, path string) (tables, rates int, err error)
	// Team is the team server: joining this file and the password; nil
	// leaves the section out. TeamJoined runs after a join (the shell
	// starts syncing and reads the file again); TeamSyncNow asks for a
	// round at once.
	Team        domain.TeamService
	TeamJoined  func()
	TeamSyncNow func()
}

// Screen is the settings form.
type Screen struct {
	d        Deps
	names    map[string]string // language choice → its name in the radio group
	language *widget.RadioGroup
	repName  *widget.Entry
	backup   *widget.Button
	restore  *widget.Button
	status   *widget.Label
	content  fyne.CanvasObject

	// The one Save of the screen, and what the last save said.
	save       *widget.Button
	saveStatus *widget.Label
	saving     bool

	coldDays    *widget.Entry
	coldProblem *widget.Label     // why the days typed are not taken
	company     *letterhead       // nil without Deps.Company
	documents   *documentSettings // nil without Deps.Documents
	ksef        *ksefSettings     // nil without Deps.KSeF
	collections *collectionsSettings
	team        *teamSettings // nil without Deps.Team
}

// New builds the screen from the stored preferences.
func New(d Deps) *Screen {
	if d.Run == nil {
		d.Run = worker.Go
	}
	s := &Screen{d: d}
	s.names = map[string]string{
		"":   lang.X("settings.language.system", "As the system"),
		"pl": "Polski",
		"en": "English",
	}
	var options []string
	for _, l := range Languages {
		options = append(options, s.names[l])
	}
	s.language = widget.NewRadioGroup(options, nil)
	s.language.Horizontal = true
	s.language.Required = true
	s.Reset()
	s.language.OnChanged = func(label string) {
		for code, name := range s.names {
			if name == label && code != Language(d.Prefs) {
				d.ChangeLanguage(code)
			}
		}
	}

	s.repName = widget.NewEntry()
	s.repName.SetText(RepName(d.Prefs))
	s.repName.SetPlaceHolder(lang.X("settings.rep_name.placeholder", "e.g. Anna Nowak"))
	s.repName.OnChanged = func(string) { s.changed() }

	path := widget.NewLabel(d.DataPath)
	path.Selectable = true
	path.Wrapping = fyne.TextWrapBreak
	s.backup = widget.NewButtonWithIcon(lang.X("settings.backup", "Back up…"), theme.DownloadIcon(), s.onBackup)
	buttons := container.NewHBox(s.backup)
	if d.Restore != nil {
		s.restore = widget.NewButtonWithIcon(lang.X("settings.restore", "Restore from a backup…"), theme.UploadIcon(), s.onRestore)
		buttons.Add(s.restore)
	}
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem(lang.X("settings.language", "Language"), s.language),
		widget.NewFormItem(lang.X("settings.rep_name", "Your name"), s.repName),
		widget.NewFormItem(lang.X("settings.data_file", "Data file"), path),
		widget.NewFormItem("", buttons),
	)
	form.Items[1].HintText = lang.X("settings.rep_name.hint", "The owner of the accounts you add.")
	form.Items[3].HintText = lang.X("settings.backup.hint", "Saves a consistent copy of the data file, safe while Kontor runs.")
	if d.Restore != nil {
		form.Items[3].HintText = lang.X("settings.backup_restore.hint",
			"Back up saves a consistent copy of the data file, safe while Kontor runs. Restore replaces the data with a backup; the current file is kept beside it.")
	}
	s.addColdDays(form)
	title := widget.NewLabelWithStyle(lang.X("settings.title", "Settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	body := container.NewVBox(form, s.status)
	if d.Documents != nil {
		s.documents = newDocumentSettings(s)
		body.Add(s.documents.content)
	}
	if d.KSeF != nil {
		s.ksef = newKSeFSettings(s) // before the letterhead, whose fields it checks
	}
	if d.Company != nil {
		s.company = newLetterhead(s)
		body.Add(s.company.content)
	}
	if s.ksef != nil {
		body.Add(s.ksef.content)
	}
	if d.Collections != nil {
		s.collections = newCollectionsSettings(s)
		body.Add(s.collections.content)
	}
	if d.Team != nil {
		// Joining and the password act at once through their own buttons:
		// credentials go to the server and the keyring, never wait for Save.
		s.team = newTeamSettings(s)
		body.Add(s.team.content)
	}
	// One Save for every section, above the scrolled sections so that it
	// stays in reach; Ctrl+S too.
	s.save = widget.NewButtonWithIcon(lang.X("settings.save", "Save"), theme.DocumentSaveIcon(), func() { s.Save(nil) })
	s.save.Importance = widget.HighImportance
	s.save.Disable()
	s.saveStatus = widget.NewLabel("")
	s.saveStatus.Truncation = fyne.TextTruncateEllipsis
	head := container.NewVBox(xwidget.NewTitleBar(title, xwidget.NewActionBar(s.save)), s.saveStatus)
	s.content = container.NewBorder(head, nil, nil, nil, container.NewVScroll(body))
	return s
}

// Content is the screen's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// ReloadTeam reads where the file stands with its team again, after a sync
// round; nothing without the team section.
func (s *Screen) ReloadTeam() {
	if s.team != nil {
		s.team.Reload()
	}
}

// Reset shows the stored language again, after a change was called off.
func (s *Screen) Reset() { s.language.SetSelected(s.names[Language(s.d.Prefs)]) }

// ShowStoredName shows the rep's name as stored (it was given elsewhere: the
// first start asks for it).
func (s *Screen) ShowStoredName() {
	s.repName.SetText(RepName(s.d.Prefs))
	s.changed()
}

// onBackup asks where to write the copy.
func (s *Screen) onBackup() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			alert.Error(s.d.Window, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		// The dialog has created the file; the backup writes a new one (VACUUM
		// INTO refuses to overwrite), and the user has agreed to replace it.
		w.Close()
		os.Remove(path)
		s.BackupTo(path)
	}, s.d.Window)
	d.SetFileName("kontor-" + time.Now().Format("2006-01-02") + ".db")
	xwidget.ShowFileDialog(d, s.d.Window)
}

// BackupTo writes the backup to path in the background, with a progress dialog.
func (s *Screen) BackupTo(path string) {
	s.backup.Disable()
	s.status.SetText(lang.X("settings.backup.running", "Backing up…"))
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(lang.X("settings.backup.running", "Backing up…"), bar, s.d.Window)
	wait.Show()
	s.d.Run(func() {
		err := s.d.Backup(context.Background(), path)
		fyne.Do(func() {
			bar.Stop()
			wait.Hide()
			s.backup.Enable()
			if err != nil {
				s.status.SetText("")
				alert.Error(s.d.Window, err)
				return
			}
			s.status.SetText(lang.X("settings.backup.done", "Backup saved to {{.Path}}", map[string]any{"Path": path}))
		})
	})
}

// onRestore asks for the backup to restore, then for confirmation.
func (s *Screen) onRestore() {
	PickRestore(s.d.Window, s.d.Run, s.d.Restore, s.busy)
}

// busy disables the backup and restore buttons while a restore runs.
func (s *Screen) busy(on bool) {
	for _, b := range []*widget.Button{s.backup, s.restore} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// RestoreFunc replaces the data with the backup at path and reopens Kontor on
// it, returning where the replaced file was kept.
type RestoreFunc func(ctx context.Context, path string) (aside string, err error)

// PickRestore asks for a backup file, confirms, and restores it: the action
// of Settings, and of the window that says the data file cannot be opened.
// busy (may be nil) is told when the restore starts and ends.
func PickRestore(w fyne.Window, run worker.Runner, restore RestoreFunc, busy func(bool)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			alert.Error(w, err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		ConfirmRestore(w, run, restore, busy, path)
	}, w)
	d.Show()
}

// ConfirmRestore asks whether to replace the data with the backup at path,
// and restores it when told to.
func ConfirmRestore(w fyne.Window, run worker.Runner, restore RestoreFunc, busy func(bool), path string) {
	msg := widget.NewLabel(lang.X("settings.restore.confirm",
		"Replace all the data with the backup {{.Path}}? Whatever was saved after that backup is no longer shown; the current data file is kept beside it under a name with today's date.",
		map[string]any{"Path": path}))
	msg.Wrapping = fyne.TextWrapWord
	c := dialog.NewCustomConfirm(lang.X("settings.restore.title", "Restore from a backup"),
		lang.X("settings.restore.do", "Restore"), lang.X("settings.restore.cancel", "Cancel"), msg,
		func(ok bool) {
			if ok {
				RestoreFrom(w, run, restore, busy, path)
			}
		}, w)
	c.Resize(fyne.NewSize(520, 220))
	c.Show()
}

// RestoreFrom restores the backup at path in the background, with a
// progress dialog; on success Kontor reopens on the restored data (restore
// rebuilds the window) and says where the replaced file was kept.
func RestoreFrom(w fyne.Window, run worker.Runner, restore RestoreFunc, busy func(bool), path string) {
	if run == nil {
		run = worker.Go
	}
	if busy == nil {
		busy = func(bool) {}
	}
	busy(true)
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(lang.X("settings.restore.running", "Restoring…"), bar, w)
	wait.Show()
	run(func() {
		aside, err := restore(context.Background(), path)
		fyne.Do(func() {
			bar.Stop()
			wait.Hide()
			busy(false)
			if err != nil {
				alert.Error(w, err)
				return
			}
			dialog.ShowInformation(lang.X("settings.restore.title", "Restore from a backup"),
				lang.X("settings.restore.done", "The data is restored from {{.Path}}. The file it replaced is kept as {{.Aside}}.",
					map[string]any{"Path": path, "Aside": aside}), w)
		})
	})
}
