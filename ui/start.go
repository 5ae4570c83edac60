package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/language"
	"kontor/ui/settings"
	"kontor/ui/xwidget"
)

// Prepare loads the translations in the language the user chose in Settings
// (or the system's). Call it before any window is built.
func Prepare(a fyne.App) {
	a.Settings().SetTheme(xwidget.Theme())
	if err := language.Apply(settings.Language(a.Preferences())); err != nil {
		fyne.LogError("load translations", err)
	}
}

// Title is the window's title before a section shows.
func Title() string { return "Kontor" }

// ShowOpenError fills w with why the data file at path cannot be opened, in
// the user's language, and a way out: with restore (nil for none), restoring
// a backup over it.
func ShowOpenError(a fyne.App, w fyne.Window, path string, err error,
	restore settings.RestoreFunc) {
	w.SetTitle(Title())
	heading := widget.NewLabelWithStyle(lang.X("open.failed.title", "Kontor cannot open its data file"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	msg := widget.NewLabel(alert.Message(err))
	msg.Wrapping = fyne.TextWrapWord
	file := widget.NewLabel(lang.X("open.failed.file", "File: {{.Path}}", map[string]any{"Path": path}))
	file.Wrapping = fyne.TextWrapBreak
	file.Selectable = true
	hint := widget.NewLabel(lang.X("open.failed.hint", "Start Kontor with --db PATH (or set KONTOR_DB) to use another file."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	quit := widget.NewButton(lang.X("open.failed.quit", "Quit"), a.Quit)
	quit.Importance = widget.HighImportance
	icon := widget.NewIcon(theme.ErrorIcon())
	body := container.NewVBox(heading, msg, file, hint)
	buttons := container.NewHBox(layout.NewSpacer())
	if restore != nil && domain.ErrorCode(err) == domain.EUnusable {
		// A damaged file (or one another program changed): the way back is a backup.
		buttons.Add(widget.NewButtonWithIcon(lang.X("settings.restore", "Restore from a backup…"), theme.UploadIcon(),
			func() { settings.PickRestore(w, nil, restore, nil) }))
	}
	buttons.Add(quit)
	w.SetContent(container.NewPadded(container.NewBorder(nil, buttons, container.NewVBox(icon), nil, body)))
	w.Resize(fyne.NewSize(640, 300))
}

// ShowProgress fills w with a progress bar under title and returns the
// function that moves it; that function may be called from any goroutine.
func ShowProgress(w fyne.Window, title string) func(done, total int) {
	w.SetTitle(Title())
	bar := xwidget.NewMeter()
	bar.Set(0, 1, "0 %")
	label := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	w.SetContent(container.NewPadded(container.NewVBox(label, bar)))
	last := -1 // in thousandths: the bar moves at most a thousand times
	return func(done, total int) {
		if total <= 0 || done*1000/total == last {
			return
		}
		last = done * 1000 / total
		pct := strconv.Itoa(last/10) + " %"
		fyne.Do(func() { bar.Set(float64(done), float64(total), pct) })
	}
}

// DemoTitle is what the progress window says while demo data is generated.
func DemoTitle() string {
	return lang.X("demo.progress", "Preparing demo data for your first start…")
}

// ShowOpening fills w with a running bar while the data file opens: moving a
// large file to a new version (invoicing every delivered order, for one) can
// take a minute, once, and a window that stays empty looks hung.
func ShowOpening(w fyne.Window) {
	w.SetTitle(Title())
	label := widget.NewLabelWithStyle(lang.X("open.upgrading", "Updating the data file to this version of Kontor; this happens once…"),
		fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	w.SetContent(container.NewPadded(container.NewVBox(label, widget.NewProgressBarInfinite())))
}
