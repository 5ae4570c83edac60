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
)

// Deps is what the screen works with.
type Deps struct {
	Window   fyne.Window
	Prefs    fyne.Preferences
	DataPath string                                       // the database file in use
	Backup   func(ctx context.Context, path string) error // writes a consistent copy to a new file
	Run      worker.Runner
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
}

// Screen is the settings form.
type Screen struct {
	d        Deps
	names    map[string]string // language choice → its name in the radio group
	language *widget.RadioGroup
	repName  *widget.Entry
	backup   *widget.Button
	status   *widget.Label
	content  fyne.CanvasObject

	coldDays    *widget.Entry
	coldProblem *widget.Label     // why the days typed are not taken
	company     *letterhead       // nil without Deps.Company
	documents   *documentSettings // nil without Deps.Documents
	ksef        *ksefSettings     // nil without Deps.KSeF
	collections *collectionsSettings
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
	s.repName.OnChanged = func(v string) { d.Prefs.SetString(PrefRepName, v) }

	path := widget.NewLabel(d.DataPath)
	path.Selectable = true
	path.Wrapping = fyne.TextWrapBreak
	s.backup = widget.NewButtonWithIcon(lang.X("settings.backup", "Back up…"), theme.DownloadIcon(), s.onBackup)
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem(lang.X("settings.language", "Language"), s.language),
		widget.NewFormItem(lang.X("settings.rep_name", "Your name"), s.repName),
		widget.NewFormItem(lang.X("settings.data_file", "Data file"), path),
		widget.NewFormItem("", container.NewHBox(s.backup)),
	)
	form.Items[1].HintText = lang.X("settings.rep_name.hint", "The owner of the accounts you add.")
	form.Items[3].HintText = lang.X("settings.backup.hint", "Saves a consistent copy of the data file, safe while Kontor runs.")
	s.addColdDays(form)
	title := widget.NewLabelWithStyle(lang.X("settings.title", "Settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	body := container.NewVBox(title, form, s.status)
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
	s.content = container.NewVScroll(body)
	return s
}

// Content is the screen's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Reset shows the stored language again, after a change was called off.
func (s *Screen) Reset() { s.language.SetSelected(s.names[Language(s.d.Prefs)]) }

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
	d.Show()
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
