package receivables

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// reminderColumns: tick, code, name, level, overdue, days.
var reminderColumns = xwidget.Columns{Widths: []float32{36, 100, 200, 70, 110, 60}, Flex: 2}

// remindersDialog is the reminders batch: the accounts due a reminder today
// (any can be unticked), the folder, whether to write e-mails too; then its
// progress with Cancel; then its summary.
type remindersDialog struct {
	w      *Worklist
	dialog *xwidget.Dialog
	day    domain.Date

	due     []domain.ReminderCandidate
	skip    map[domain.AccountID]bool
	list    *widget.List
	count   *widget.Label
	target  *xwidget.Field
	browse  *widget.Button
	emails  *widget.Check
	loading *widget.ProgressBarInfinite

	startBtn  *widget.Button
	closeBtn  *widget.Button
	bar       *widget.ProgressBar
	counter   *widget.Label
	cancelBtn *widget.Button
	cancel    context.CancelFunc

	summary  *widget.Label
	question *xwidget.Question // the last "create the folder?" question, for tests
	result   *domain.ReminderBatchResult
	noEmail  []string
	body     *fyne.Container
	options  fyne.CanvasObject
}

// Reminders opens the reminders batch for today.
func (w *Worklist) Reminders() {
	if w.d.Collections == nil || w.d.Letters == nil {
		return
	}
	r := &remindersDialog{w: w, day: w.d.Today(), skip: map[domain.AccountID]bool{}}
	r.build()
	w.reminders = r
	r.dialog.Show()
	r.load()
}

// DefaultReminderFolder is where a batch proposes to write: Kontor's folder
// in the user's documents, one folder a day.
func DefaultReminderFolder(day domain.Date) string {
	return filepath.Join(homeDir(), "Kontor", lang.X("reminders.folder", "Reminders"), day.String())
}

func (r *remindersDialog) build() {
	d := r.w.d
	r.list = widget.NewList(func() int { return len(r.due) },
		func() fyne.CanvasObject {
			check := widget.NewCheck("", nil)
			return container.NewBorder(nil, nil, check, nil, reminderColumns.Row(3, 4))
		}, r.updateRow)
	r.count = widget.NewLabel("")
	r.target = xwidget.NewEntryField()
	r.target.Entry.SetText(DefaultReminderFolder(r.day))
	r.target.Entry.OnChanged = func(string) { r.target.SetProblem("") }
	r.browse = widget.NewButtonWithIcon(lang.X("receivables.batch.browse", "Choose…"), theme.FolderOpenIcon(), func() {
		d.ChooseFolder(func(p string) { r.target.Entry.SetText(p) })
	})
	r.emails = widget.NewCheck(lang.X("reminders.emails", "Also write an e-mail (.eml) per account, to its billing e-mail"), nil)
	if d.Drafts == nil {
		r.emails.Hide()
	}
	r.loading = widget.NewProgressBarInfinite()
	r.startBtn = widget.NewButtonWithIcon(lang.X("reminders.start", "Write reminders"), theme.MailSendIcon(), r.start)
	r.startBtn.Importance = widget.HighImportance
	r.startBtn.Disable()
	r.closeBtn = widget.NewButton(lang.X("receivables.batch.close", "Close"), func() { r.dialog.Hide() })
	head := container.NewBorder(nil, nil, widget.NewLabel(""), nil, reminderColumns.Header([]string{"",
		lang.X("receivables.column.code", "Code"), lang.X("receivables.column.name", "Name"),
		lang.X("reminders.column.level", "Level"), lang.X("worklist.column.overdue", "Overdue"),
		lang.X("worklist.column.days", "Days")}, 3, 4))
	folder := container.NewBorder(nil, nil, nil, r.browse, r.target)
	r.options = container.NewBorder(container.NewVBox(
		widget.NewLabel(lang.X("reminders.intro", "Accounts due a reminder on {{.Date}}: the highest level each has reached and not yet been sent. Untick any to leave out.",
			map[string]any{"Date": d.Locale.FormatDate(r.day)})), r.loading, head),
		container.NewVBox(r.count, widget.NewForm(widget.NewFormItem(lang.X("reminders.folder_label", "Folder"), folder)), r.emails,
			container.NewHBox(layoutSpacer(), r.closeBtn, r.startBtn)), nil, nil, r.list)
	r.body = container.NewStack(r.options)
	r.dialog = xwidget.NewDialog(lang.X("reminders.title", "Payment reminders"), r.body, d.Window)
	r.dialog.Fit(fyne.NewSize(760, 560))
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("") }

// load reads the accounts due a reminder on the worker.
func (r *remindersDialog) load() {
	d := r.w.d
	d.Run(func() {
		due, err := d.Collections.DueReminders(context.Background(), r.day)
		fyne.Do(func() {
			r.loading.Stop()
			r.loading.Hide()
			if err != nil {
				alert.Error(d.Window, err)
				return
			}
			r.due = due
			r.list.Refresh()
			r.counted()
		})
	})
}

func (r *remindersDialog) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(r.due) {
		return
	}
	c, loc := r.due[id], r.w.d.Locale
	box := o.(*fyne.Container)
	var check *widget.Check
	var cells *fyne.Container
	for _, obj := range box.Objects {
		switch v := obj.(type) {
		case *widget.Check:
			check = v
		case *fyne.Container:
			cells = v
		}
	}
	check.OnChanged = nil
	check.SetChecked(!r.skip[c.AccountID])
	check.OnChanged = func(on bool) {
		r.skip[c.AccountID] = !on
		r.counted()
	}
	texts := []string{"", c.Code, c.Name, strconv.Itoa(c.Level), number(loc, c.Overdue), strconv.Itoa(c.OldestDays)}
	for i, l := range cells.Objects {
		if lbl, ok := l.(*widget.Label); ok && lbl.Text != texts[i] {
			lbl.SetText(texts[i])
		}
	}
}

// chosen are the ticked candidates.
func (r *remindersDialog) chosen() []domain.ReminderCandidate {
	var out []domain.ReminderCandidate
	for _, c := range r.due {
		if !r.skip[c.AccountID] {
			out = append(out, c)
		}
	}
	return out
}

// SetTicked ticks or unticks an account, as its check box does (tests).
func (r *remindersDialog) SetTicked(id domain.AccountID, on bool) {
	r.skip[id] = !on
	r.list.Refresh()
	r.counted()
}

func (r *remindersDialog) counted() {
	n := len(r.chosen())
	var total domain.Amount
	for _, c := range r.chosen() {
		total += c.Overdue
	}
	r.count.SetText(lang.X("reminders.count", "{{.Count}} of {{.All}} accounts ticked, {{.Total}} overdue",
		map[string]any{"Count": n, "All": len(r.due), "Total": money(r.w.d.Locale, total)}))
	if n == 0 {
		r.startBtn.Disable()
	} else {
		r.startBtn.Enable()
	}
}

// start checks the folder (offering to create a missing one), then runs.
func (r *remindersDialog) start() {
	d := r.w.d
	dir := r.target.Text()
	if dir == "" {
		r.target.SetProblem(lang.X("reminders.folder_required", "Choose a folder."))
		return
	}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		r.question = askCreate(d, dir, r.target, func() { r.run(dir) })
		return
	case err == nil && !st.IsDir():
		r.target.SetProblem(lang.X("batch.not_folder", "{{.Path}} is a file, not a folder", map[string]any{"Path": dir}))
		return
	}
	r.run(dir)
}

// run writes the ticked reminders on the worker, each recorded as it is
// written, with an e-mail beside it when asked for.
func (r *remindersDialog) run(dir string) {
	d := r.w.d
	due := r.chosen()
	emails := r.emails.Checked && d.Drafts != nil
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.bar = widget.NewProgressBar()
	r.bar.Max = float64(len(due))
	r.counter = widget.NewLabel("")
	r.cancelBtn = widget.NewButtonWithIcon(lang.X("receivables.batch.cancel", "Cancel"), theme.CancelIcon(), func() {
		cancel()
		r.cancelBtn.Disable()
	})
	r.body.Objects = []fyne.CanvasObject{container.NewVBox(
		widget.NewLabel(lang.X("reminders.running", "Writing {{.Count}} reminders into {{.Path}}", map[string]any{"Count": len(due), "Path": dir})),
		r.bar, r.counter, container.NewHBox(layoutSpacer(), r.cancelBtn))}
	r.body.Refresh()
	var noEmail atomic.Value
	noEmail.Store([]string{})
	company := domain.CompanySettings{}
	if d.Company != nil {
		if c, err := d.Company.FindCompany(ctx); err == nil {
			company = *c
		}
	}
	rec := d.Collections.NewReminderRecorder(0)
	record := func(ctx context.Context, rem *domain.Reminder, file string) error {
		log := domain.DocumentLog{File: file}
		if emails {
			if path, err := writeDraft(d, company, rem.Account, domain.DocReminder, reminderTitle(rem), file, nil); err == nil {
				log.File, log.Sent = path, true
			} else {
				noEmail.Store(append(noEmail.Load().([]string), rem.Account.Code))
			}
		}
		return rec.Record(ctx, rem, log)
	}
	d.Run(func() {
		res, err := d.Letters.PrintReminders(ctx, r.day, due, dir, record, func(p domain.BatchProgress) {
			fyne.Do(func() {
				r.bar.SetValue(float64(p.Done))
				r.counter.SetText(lang.X("reminders.progress", "{{.Done}} of {{.Total}} accounts", map[string]any{"Done": p.Done, "Total": p.Total}))
			})
		})
		if err == nil {
			if removed, ferr := rec.Flush(ctx); ferr != nil {
				res.Unrecorded(removed, ferr)
			}
		}
		fyne.Do(func() {
			cancel()
			if err != nil {
				r.body.Objects = []fyne.CanvasObject{r.options}
				r.body.Refresh()
				alert.Error(d.Window, err)
				return
			}
			r.result = &res
			r.noEmail = noEmail.Load().([]string)
			r.done(dir)
		})
	})
}

// done shows the summary.
func (r *remindersDialog) done(dir string) {
	d := r.w.d
	res := r.result
	text := lang.X("reminders.summary", "{{.Written}} reminders written and recorded as sent in {{.Path}}; {{.Failed}} failed.",
		map[string]any{"Written": len(res.Sent), "Path": dir, "Failed": len(res.Failures)})
	if res.Cancelled {
		text += " " + lang.X("reminders.cancelled", "Cancelled: the reminders written stay recorded.")
	}
	if len(r.noEmail) > 0 {
		text += " " + lang.X("reminders.no_email", "No e-mail for {{.Count}} accounts without a billing e-mail (their PDFs are written).",
			map[string]any{"Count": len(r.noEmail)})
	}
	for i, f := range res.Failures {
		if i == 5 {
			break
		}
		text += "\n" + f.AccountCode + ": " + alert.Message(f.Err)
	}
	r.summary = widget.NewLabel(text)
	r.summary.Wrapping = fyne.TextWrapWord
	openBtn := widget.NewButtonWithIcon(lang.X("receivables.batch.open_folder", "Open folder"), theme.FolderOpenIcon(), func() {
		if err := d.OpenURL(fileURL(dir)); err != nil {
			alert.Error(d.Window, err)
		}
	})
	r.body.Objects = []fyne.CanvasObject{container.NewVBox(r.summary, container.NewHBox(layoutSpacer(), openBtn, r.closeBtn))}
	r.body.Refresh()
	r.w.Refresh()
}

// reminderTitle names a reminder in its account's language.
func reminderTitle(r *domain.Reminder) string {
	if domain.DocumentLanguage(r.Account) == domain.English {
		if r.Final {
			return "Final demand for payment"
		}
		return "Payment reminder no. " + strconv.Itoa(r.Level)
	}
	if r.Final {
		return "Ostateczne wezwanie do zapłaty"
	}
	return "Wezwanie do zapłaty nr " + strconv.Itoa(r.Level)
}
