package receivables

import (
	"context"
	"strconv"

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

// worklistColumns: code, name, overdue, oldest days, reminder level, last
// reminder, last contact, promise.
var worklistColumns = xwidget.Columns{Widths: []float32{150, 120, 100, 50, 76, 96, 100, 230}, Flex: 1}

var worklistRight = []int{2, 3}

// Worklist is the collections worklist: the overdue accounts ranked by open
// amount × days overdue, each with the reminder level reached in its overdue
// episode, its last contact and its latest promise to pay — a broken one in
// red. From here a promise is logged and the reminders batch starts.
type Worklist struct {
	d Deps

	list       *openList
	busy       *widget.ProgressBarInfinite
	status     *widget.Label
	promiseBtn *widget.Button
	openBtn    *widget.Button
	remindBtn  *widget.Button
	content    fyne.CanvasObject

	rows []domain.WorklistRow
	gen  int
	// reminders is the last reminders dialog, for tests.
	reminders *remindersDialog
}

// NewWorklist builds the worklist; it loads on Refresh.
func NewWorklist(d Deps) *Worklist {
	d.defaults()
	w := &Worklist{d: d}
	w.list = newOpenList(func() int { return len(w.rows) },
		func() fyne.CanvasObject { return newOpenRow(worklistColumns, w.list, w.open, worklistRight...) }, w.updateRow, w.open)
	w.list.OnSelected = func(id widget.ListItemID) {
		w.list.selected = id
		w.promiseBtn.Enable()
		w.openBtn.Enable()
	}
	w.list.OnUnselected = func(widget.ListItemID) {
		w.list.selected = -1
		w.promiseBtn.Disable()
		w.openBtn.Disable()
	}
	w.busy = widget.NewProgressBarInfinite()
	w.busy.Hide()
	w.busy.Stop()
	w.status = widget.NewLabel("")
	w.status.Importance = widget.LowImportance
	w.promiseBtn = widget.NewButtonWithIcon(lang.X("worklist.promise", "Promise to pay…"), theme.ConfirmIcon(), w.promise)
	w.promiseBtn.Disable()
	w.openBtn = widget.NewButtonWithIcon(lang.X("receivables.open", "Open account"), theme.AccountIcon(), func() {
		if w.list.selected >= 0 {
			w.open(w.list.selected)
		}
	})
	w.openBtn.Disable()
	w.remindBtn = widget.NewButtonWithIcon(lang.X("worklist.reminders", "Reminders…"), theme.MailSendIcon(), w.Reminders)
	w.remindBtn.Importance = widget.HighImportance
	if d.Collections == nil || d.Letters == nil {
		w.remindBtn.Hide()
	}
	refresh := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), w.Refresh)
	head := worklistColumns.Header([]string{
		lang.X("receivables.column.code", "Code"), lang.X("receivables.column.name", "Name"),
		lang.X("worklist.column.overdue", "Overdue"), lang.X("worklist.column.days", "Days"),
		lang.X("worklist.column.level", "Reminder"), lang.X("worklist.column.sent", "Sent on"),
		lang.X("worklist.column.contact", "Last contact"), lang.X("worklist.column.promise", "Promise to pay"),
	}, worklistRight...)
	hint := widget.NewLabel(lang.X("worklist.hint", "Overdue accounts, the most to collect first (overdue amount × days)."))
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis // the whole on hover
	// The actions first, moving into their bar's menu on a narrow window
	// (Reminders… last of all), the explanation in the rest of the line.
	bar := xwidget.NewActionLine(xwidget.NewActionBar(refresh, w.remindBtn, w.promiseBtn, w.openBtn), hint)
	top := container.NewVBox(bar, w.busy, head, widget.NewSeparator())
	w.content = container.NewBorder(top, w.status, nil, nil, w.list)
	return w
}

// Content is the worklist's top object.
func (w *Worklist) Content() fyne.CanvasObject { return w.content }

// Refresh reloads the worklist on the worker.
func (w *Worklist) Refresh() {
	if w.d.Collections == nil {
		w.status.SetText(lang.X("worklist.unavailable", "The collections worklist is not available."))
		return
	}
	w.gen++
	gen := w.gen
	w.busy.Show()
	w.busy.Start()
	today := w.d.Today()
	w.d.Run(func() {
		rows, err := w.d.Collections.Worklist(context.Background(), domain.WorklistFilter{AsOf: today})
		fyne.Do(func() {
			if gen != w.gen {
				return
			}
			w.busy.Stop()
			w.busy.Hide()
			if err != nil {
				alert.Error(w.d.Window, err)
				return
			}
			w.rows = rows
			w.list.UnselectAll()
			w.list.Refresh()
			var total domain.Amount
			broken := 0
			for i := range rows {
				total += rows[i].Overdue
				if p := rows[i].Promise; p != nil && p.Broken(today) {
					broken++
				}
			}
			w.status.SetText(lang.X("worklist.status", "{{.Count}} overdue accounts, {{.Total}} overdue, {{.Broken}} broken promises",
				map[string]any{"Count": len(rows), "Total": money(w.d.Locale, total), "Broken": broken}))
		})
	})
}

func (w *Worklist) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(w.rows) {
		return
	}
	r, loc := &w.rows[id], w.d.Locale
	level := ""
	if r.Level > 0 {
		level = lang.X("worklist.level", "no. {{.Level}}", map[string]any{"Level": r.Level})
	}
	promise, broken := "", false
	if p := r.Promise; p != nil {
		broken = p.Broken(w.d.Today())
		switch {
		case p.Kept():
			promise = lang.X("worklist.promise_kept", "kept: {{.Amount}} by {{.Date}}", map[string]any{"Amount": number(loc, p.Amount), "Date": loc.FormatDate(p.Due)})
		case broken:
			promise = lang.X("worklist.promise_broken", "BROKEN: {{.Amount}} by {{.Date}}", map[string]any{"Amount": number(loc, p.Amount), "Date": loc.FormatDate(p.Due)})
		default:
			promise = lang.X("worklist.promise_open", "{{.Amount}} by {{.Date}}", map[string]any{"Amount": number(loc, p.Amount), "Date": loc.FormatDate(p.Due)})
		}
	}
	row := rowOf(o)
	row.set(id, r.Code, r.Name, number(loc, r.Overdue), strconv.Itoa(r.OldestDays), level, loc.FormatDate(r.LastSentOn),
		loc.FormatDate(r.LastContact), promise)
	if r.OldestDays > 90 {
		row.mark(3, widget.DangerImportance)
	} else if r.OldestDays > 30 {
		row.mark(3, widget.WarningImportance)
	}
	if broken {
		row.mark(7, widget.DangerImportance)
	}
}

func (w *Worklist) open(id widget.ListItemID) {
	if id >= 0 && id < len(w.rows) {
		w.d.OpenAccount(w.rows[id].AccountID)
	}
}

// promise asks for the amount and the day promised by the selected account.
func (w *Worklist) promise() {
	if w.list.selected < 0 || w.list.selected >= len(w.rows) {
		return
	}
	r := w.rows[w.list.selected]
	PromiseDialog(w.d, r.AccountID, r.Code, r.Overdue, w.Refresh)
}

// PromiseDialog logs "promised to pay X by D" for an account, proposing its
// overdue amount and a week from today.
func PromiseDialog(d Deps, account domain.AccountID, code string, proposed domain.Amount, done func()) {
	d.defaults()
	if d.Collections == nil {
		return
	}
	amount := xwidget.NewEntryField()
	amount.Entry.SetText(number(d.Locale, proposed))
	due := xwidget.NewEntryField()
	xwidget.DatePicker(due.Entry, d.Locale, false, d.Today)
	due.Entry.SetText(d.Locale.FormatDate(d.Today().AddDays(7)))
	note := xwidget.NewEntry()
	note.SetPlaceHolder(lang.X("worklist.promise.note", "who promised, how it will be paid"))
	form := widget.NewForm(
		widget.NewFormItem(lang.X("worklist.promise.amount", "Amount"), amount),
		widget.NewFormItem(lang.X("worklist.promise.due", "Paid by"), due),
		widget.NewFormItem(lang.X("worklist.promise.notes", "Notes"), note),
	)
	var dlg *xwidget.Dialog
	save := func() {
		a, err := domain.ParseAmount(amount.Entry.Text)
		if err != nil {
			amount.SetProblem(alert.Message(err))
			return
		}
		day, err := xwidget.ParseDate(due.Entry.Text)
		if err != nil {
			due.SetProblem(alert.Message(err))
			return
		}
		dlg.Hide()
		text := note.Text
		d.Run(func() {
			_, err := d.Collections.RecordPromise(context.Background(), account, a, day, text)
			fyne.Do(func() {
				if err != nil {
					alert.Error(d.Window, err)
					return
				}
				if done != nil {
					done()
				}
			})
		})
	}
	for _, f := range []*xwidget.Field{amount, due} {
		f.Entry.OnChanged = func(string) { f.SetProblem("") }
		f.Entry.OnSubmitted = func(string) { save() }
	}
	note.OnSubmitted = func(string) { save() }
	cancelBtn := widget.NewButton(lang.X("worklist.promise.cancel", "Cancel"), func() { dlg.Hide() })
	saveBtn := widget.NewButton(lang.X("worklist.promise.save", "Log promise"), save)
	saveBtn.Importance = widget.HighImportance
	body := container.NewVBox(form, container.NewHBox(layout.NewSpacer(), cancelBtn, saveBtn))
	dlg = xwidget.NewDialog(lang.X("worklist.promise.title", "Promise to pay — {{.Code}}", map[string]any{"Code": code}), body, d.Window)
	dlg.Fit(fyne.NewSize(460, body.MinSize().Height))
	dlg.Show()
	d.Window.Canvas().Focus(amount.Focusable())
}

// withWorklist puts the open balances and the collections worklist on two
// tabs when the collections service is there; the worklist loads when its
// tab is shown.
func (s *Screen) withWorklist(balances fyne.CanvasObject) fyne.CanvasObject {
	if s.d.Collections == nil {
		return balances
	}
	s.worklist = NewWorklist(s.d)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("receivables.tab.balances", "Open balances"), theme.ListIcon(), balances),
		container.NewTabItemWithIcon(lang.X("receivables.tab.collections", "Collections"), theme.WarningIcon(), s.worklist.Content()))
	s.tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == s.worklist.Content() {
			s.worklist.Refresh()
		}
	}
	return s.tabs
}

// Collections shows the worklist tab (the menu's "Collections").
func (s *Screen) Collections() {
	if s.tabs != nil {
		s.tabs.SelectIndex(1)
	}
}

// Worklist is the Collections tab, nil without the service (tests, the shell).
func (s *Screen) Worklist() *Worklist { return s.worklist }
