package receivables

import (
	"context"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// batchDialog is the month-end batch: its options, then its progress, then
// its summary, in one dialog. The printing runs on the worker and reports
// through fyne.Do, so the window stays responsive and Cancel works at once.
type batchDialog struct {
	s      *Screen
	dialog *xwidget.Dialog

	months   monthPicker
	month    *widget.Select
	output   *widget.RadioGroup
	target   *xwidget.Field
	browse   *widget.Button
	language *widget.Select
	startBtn *widget.Button
	closeBtn *widget.Button

	bar       *xwidget.Meter
	counter   *widget.Label
	cancelBtn *widget.Button
	cancel    context.CancelFunc

	summary  *widget.Label
	result   *domain.BatchResult
	proposed string            // the default folder last filled in
	question *xwidget.Question // the last "create the folder?" question, for tests
	body     *fyne.Container
	options  fyne.CanvasObject
}

// Statements opens the month-end batch dialog.
func (s *Screen) Statements() {
	if s.d.Printer == nil {
		return
	}
	b := &batchDialog{s: s, months: newMonthPicker(s.d.Today())}
	b.build()
	s.batch = b
	b.dialog.Show()
}

func (b *batchDialog) build() {
	b.month = widget.NewSelect(b.months.labels, func(string) { b.proposeFolder() })
	files, combined := lang.X("receivables.batch.files", "One PDF per account, in a folder"),
		lang.X("receivables.batch.combined", "One PDF with every statement, for printing")
	b.target = xwidget.NewEntryField()
	b.output = widget.NewRadioGroup([]string{files, combined}, func(string) { b.target.SetProblem("") })
	b.output.SetSelected(files)
	b.output.Required = true
	b.target.Entry.SetPlaceHolder(lang.X("receivables.batch.target.placeholder", "a folder, or the PDF file to write"))
	b.month.SetSelectedIndex(1) // last month: what month-end sends; proposes its folder
	b.target.Entry.OnChanged = func(string) { b.target.SetProblem("") }
	b.browse = widget.NewButtonWithIcon(lang.X("receivables.batch.browse", "Choose…"), theme.FolderOpenIcon(), b.choose)
	_, names := languages()
	b.language = widget.NewSelect(names, nil)
	b.language.SetSelected(languageLabel(b.s.d.Language()))
	b.startBtn = widget.NewButtonWithIcon(lang.X("receivables.batch.start", "Write statements"), theme.DocumentPrintIcon(), b.start)
	b.startBtn.Importance = widget.HighImportance
	b.closeBtn = widget.NewButton(lang.X("receivables.batch.close", "Close"), func() { b.dialog.Hide() })

	form := widget.NewForm(
		widget.NewFormItem(lang.X("receivables.batch.month", "Month"), b.month),
		widget.NewFormItem(lang.X("receivables.batch.output", "Output"), b.output),
		widget.NewFormItem(lang.X("receivables.batch.target", "Write to"), container.NewBorder(nil, nil, nil, container.NewVBox(b.browse), b.target)),
		widget.NewFormItem(lang.X("receivables.batch.language", "Language"), b.language),
	)
	hint := widget.NewLabel(lang.X("receivables.batch.hint",
		"Every account with movement in the month or a balance gets its statement. Files are named by account code and month, e.g. K0042_2026-10.pdf."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	b.options = container.NewVBox(form, hint)

	b.bar = xwidget.NewMeter()
	b.counter = widget.NewLabel("")
	b.cancelBtn = widget.NewButtonWithIcon(lang.X("receivables.batch.cancel", "Cancel"), theme.CancelIcon(), b.stop)
	b.summary = widget.NewLabel("")
	b.summary.Wrapping = fyne.TextWrapWord

	b.body = container.NewVBox(b.options, container.NewHBox(layout.NewSpacer(), b.closeBtn, b.startBtn))
	b.dialog = xwidget.NewDialog(lang.X("receivables.batch.title", "Month-end statements"), b.body, b.s.d.Window)
	b.dialog.Fit(fyne.NewSize(620, 0))
}

// combined reports whether one file for printing was chosen.
func (b *batchDialog) combined() bool { return b.output.Selected != b.output.Options[0] }

// choose asks for the folder, or the combined file's name.
func (b *batchDialog) choose() {
	m := b.months.month(b.month.Selected)
	if b.combined() {
		b.s.d.SaveFile("statements_"+m.String()+".pdf", func(path string) { b.target.Entry.SetText(path) })
		return
	}
	b.s.d.ChooseFolder(func(path string) { b.target.Entry.SetText(path) })
}

// start checks the options and runs the batch.
func (b *batchDialog) start() {
	m := b.months.month(b.month.Selected)
	out := strings.TrimSpace(b.target.Text())
	format := domain.StatementFiles
	if b.combined() {
		format = domain.StatementCombined
	}
	switch {
	case out == "":
		b.target.SetProblem(lang.X("receivables.batch.target_required", "choose where to write the statements"))
		return
	case format == domain.StatementCombined && !strings.EqualFold(filepath.Ext(out), ".pdf"):
		out += ".pdf"
		b.target.Entry.SetText(out)
	}
	if format == domain.StatementFiles && !b.folderReady(out, func() { b.start() }) {
		return
	}
	language := languageCode(b.language.Selected)
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	b.showProgress(m)

	// Progress comes from the printer's goroutines, often: at most one
	// update waits for the Fyne goroutine at a time, carrying the latest count.
	var latest atomic.Pointer[domain.BatchProgress]
	var queued atomic.Bool
	progress := func(p domain.BatchProgress) {
		latest.Store(&p)
		if queued.CompareAndSwap(false, true) {
			fyne.Do(func() {
				queued.Store(false)
				b.progress(*latest.Load())
			})
		}
	}
	b.s.d.Run(func() {
		res, err := b.s.d.Printer.PrintBatch(ctx, m, format, out, language, progress)
		cancel()
		fyne.Do(func() { b.finished(res, err) })
	})
}

// showProgress swaps the options for the bar and Cancel.
func (b *batchDialog) showProgress(m domain.Month) {
	b.bar.Set(0, 1, "0 %")
	b.counter.SetText(lang.X("receivables.batch.preparing", "Finding the accounts of {{.Month}}…", map[string]any{"Month": monthInSentence(b.s.d.Locale, m)}))
	b.body.Objects = []fyne.CanvasObject{b.bar, b.counter, container.NewHBox(layout.NewSpacer(), b.cancelBtn)}
	b.body.Refresh()
}

// progress shows done of total.
func (b *batchDialog) progress(p domain.BatchProgress) {
	if b.result != nil || p.Total == 0 {
		return
	}
	b.bar.Set(float64(p.Done), float64(p.Total), percent(p.Done, p.Total))
	b.counter.SetText(lang.XN("receivables.batch.progress", "{{.Done}} of {{.Total}} accounts", p.Total,
		map[string]any{"Done": p.Done, "Total": p.Total}))
}

// stop cancels the batch; it stops between accounts and reports what it wrote.
func (b *batchDialog) stop() {
	if b.cancel != nil {
		b.cancel()
	}
	b.cancelBtn.Disable()
	b.counter.SetText(lang.X("receivables.batch.stopping", "Stopping after the statements being written…"))
}

// finished shows the summary: written, skipped, failures with reasons, cancelled.
func (b *batchDialog) finished(res domain.BatchResult, err error) {
	if err != nil {
		// The batch could not start: back to the options, the reason by the target.
		b.body.Objects = []fyne.CanvasObject{b.options, container.NewHBox(layout.NewSpacer(), b.closeBtn, b.startBtn)}
		b.body.Refresh()
		b.target.SetProblem(alert.Message(err))
		return
	}
	b.result = &res
	var lines []string
	if res.Cancelled {
		lines = append(lines, lang.X("receivables.batch.cancelled", "Cancelled: the statements written so far are complete files."))
	}
	lines = append(lines, lang.XN("receivables.batch.written", "{{.Count}} statements written.", res.Written, map[string]any{"Count": res.Written}))
	if res.Skipped > 0 {
		lines = append(lines, lang.XN("receivables.batch.skipped", "{{.Count}} accounts skipped: no movement and no balance.",
			res.Skipped, map[string]any{"Count": res.Skipped}))
	}
	if n := len(res.Failures); n > 0 {
		lines = append(lines, lang.XN("receivables.batch.failed", "{{.Count}} could not be written:", n, map[string]any{"Count": n}))
		for i, f := range res.Failures {
			if i == 20 {
				lines = append(lines, lang.XN("receivables.batch.more_failures", "… and {{.Count}} more.", n-i, map[string]any{"Count": n - i}))
				break
			}
			lines = append(lines, "• "+f.AccountCode+": "+alert.Message(f.Err))
		}
	}
	b.summary.SetText(strings.Join(lines, "\n"))
	if len(res.Failures) > 0 || res.Cancelled {
		b.summary.Importance = widget.WarningImportance
	} else {
		b.summary.Importance = widget.SuccessImportance
	}
	if !res.Cancelled && b.bar.Value == 0 { // no account to write: done all the same
		b.bar.Set(1, 1, "100 %")
	}
	b.closeBtn.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), b.closeBtn)
	if res.Written > 0 {
		target := b.target.Text()
		if len(res.Paths) > 1 { // a combined file split in parts: show their folder
			target = filepath.Dir(res.Paths[0])
		}
		open := widget.NewButtonWithIcon(lang.X("receivables.batch.open", "Open"), theme.FolderOpenIcon(), func() {
			if err := b.s.d.OpenURL(fileURL(target)); err != nil {
				alert.Error(b.s.d.Window, err)
			}
		})
		buttons.Objects = []fyne.CanvasObject{layout.NewSpacer(), open, b.closeBtn}
	}
	b.body.Objects = []fyne.CanvasObject{b.bar, b.summary, buttons}
	b.body.Refresh()
}

// fileURL is the file:// URL of a local path.
func fileURL(path string) *url.URL {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return &url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
}

// percent is done of total as a whole percentage, "37 %".
func percent(done, total int) string {
	if total <= 0 {
		return "0 %"
	}
	return strconv.Itoa(done*100/total) + " %"
}
