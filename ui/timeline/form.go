package timeline

import (
	"context"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// formWidth is the dialog's width: room for a subject and a few words a line
// of notes.
const formWidth = 620

// LogActivity opens the form for a new activity: now, the kind used last, the
// person selected in the Contacts tab.
func (t *Tab) LogActivity() {
	t.dismissUndo()
	t.form = newForm(t, nil)
}

// edit opens the form on a.
func (t *Tab) edit(a *domain.Activity) {
	if a == nil {
		return
	}
	t.dismissUndo()
	t.form = newForm(t, a)
}

// SaveForm saves the open form (Ctrl+S), reporting whether one was open.
func (t *Tab) SaveForm() bool {
	if t.form == nil || !t.form.open {
		return false
	}
	t.form.submit()
	return true
}

// form is the dialog that logs a new activity or edits one. It stays open
// while a field is invalid or the save failed, so nothing typed is lost.
type form struct {
	t        *Tab
	act      *domain.Activity // nil for a new activity
	kinds    []domain.ActivityKind
	people   []*domain.Contact
	kind     *widget.Select
	when     *xwidget.Field
	contact  *widget.Select
	subject  *xwidget.Field
	notes    *xwidget.Field
	outcome  *xwidget.Field
	due      *xwidget.Field
	done     *widget.Check
	taskRows []fyne.CanvasObject // the due date's and done's labels and widgets
	status   *widget.Label
	save     *widget.Button
	grid     *fyne.Container
	dialog   *dialog.CustomDialog
	open     bool
	touched  map[string]bool
	tried    bool
}

func newForm(t *Tab, a *domain.Activity) *form {
	f := &form{t: t, act: a, kinds: domain.ActivityKinds, people: t.acc.Contacts(), touched: map[string]bool{}}
	var kindNames []string
	for _, k := range f.kinds {
		kindNames = append(kindNames, KindLabel(k))
	}
	f.kind = widget.NewSelect(kindNames, func(string) { f.kindChanged() })
	f.when = f.entry(domain.FieldDate, widget.NewEntry())
	f.when.Entry.SetPlaceHolder(t.d.Locale.FormatDateTime(time.Date(2026, 11, 27, 14, 5, 0, 0, time.Local)))
	personNames := []string{lang.X("activity.contact.none", "— nobody in particular —")}
	for _, c := range f.people {
		personNames = append(personNames, c.FullName())
	}
	f.contact = widget.NewSelect(personNames, nil)
	f.subject = f.entry(domain.FieldSubject, widget.NewEntry())
	notes := widget.NewMultiLineEntry()
	notes.Wrapping = fyne.TextWrapWord
	notes.SetMinRowsVisible(5)
	f.notes = f.entry(domain.FieldNotes, notes)
	f.notes.Entry.SetPlaceHolder(lang.X("activity.notes.placeholder", "Enter starts a new line; Shift+Enter saves."))
	f.outcome = f.entry(domain.FieldOutcome, widget.NewEntry())
	f.outcome.Entry.SetPlaceHolder(lang.X("activity.outcome.placeholder", "e.g. order promised for next week"))
	f.due = f.entry(domain.FieldDueDate, widget.NewEntry())
	f.due.Entry.SetPlaceHolder(lang.X("activity.due.placeholder", "blank: the day it was logged for"))
	f.done = widget.NewCheck(lang.X("activity.done.check", "Done"), nil)
	f.fill()
	f.build()
	return f
}

// entry wraps e as the form's field name: Enter saves, and a field's problem
// updates as the user types once the field was touched.
func (f *form) entry(name string, e *widget.Entry) *xwidget.Field {
	field := xwidget.NewField(e)
	e.OnSubmitted = func(string) { f.submit() }
	e.OnChanged = func(string) {
		if !f.open {
			return
		}
		f.touched[name] = true
		_, problems := f.collect()
		f.showProblems(problems)
	}
	return field
}

// fill writes the activity (or a new one's defaults) into the widgets.
func (f *form) fill() {
	t := f.t
	a := f.act
	if a == nil {
		fields := domain.NewActivityFields(t.acc.ID, t.d.LastKind(), t.d.Now())
		fields.ContactID = t.acc.Selected()
		a = &domain.Activity{ActivityFields: fields}
	}
	f.kind.SetSelectedIndex(max(0, indexOfKind(f.kinds, a.Kind)))
	f.when.Entry.SetText(t.d.Locale.FormatDateTime(a.OccurredAt))
	f.contact.SetSelectedIndex(0)
	for i, c := range f.people {
		if c.ID == a.ContactID {
			f.contact.SetSelectedIndex(i + 1)
		}
	}
	f.subject.Entry.SetText(a.Subject)
	f.notes.Entry.SetText(a.Notes)
	f.outcome.Entry.SetText(a.Outcome)
	f.due.Entry.SetText(t.d.Locale.FormatDate(a.Due))
	f.done.SetChecked(a.Done)
}

func indexOfKind(kinds []domain.ActivityKind, k domain.ActivityKind) int {
	for i, v := range kinds {
		if v == k {
			return i
		}
	}
	return -1
}

// build lays the form out in a dialog and puts the cursor in the subject.
func (f *form) build() {
	t := f.t
	label := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	dueLabel, doneLabel := label(lang.X("activity.field.due_date", "Due")), label("")
	f.taskRows = []fyne.CanvasObject{dueLabel, f.due, doneLabel, f.done}
	f.grid = container.New(layout.NewFormLayout(),
		label(lang.X("activity.field.kind", "Kind")), f.kind,
		label(lang.X("activity.field.date", "When")), f.when,
		label(lang.X("activity.field.contact", "Person")), f.contact,
		label(lang.X("activity.field.subject", "Subject")), f.subject,
		label(lang.X("activity.field.notes", "Notes")), f.notes,
		label(lang.X("activity.field.outcome", "Outcome")), f.outcome,
		dueLabel, f.due,
		doneLabel, f.done,
	)
	f.status = widget.NewLabel("")
	f.status.Importance = widget.DangerImportance
	f.status.Wrapping = fyne.TextWrapWord
	f.status.Hide()
	cancel := widget.NewButton(lang.X("activity.form.cancel", "Cancel"), f.close)
	f.save = widget.NewButtonWithIcon(lang.X("activity.form.save", "Save (Enter)"), theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(formWidth-80, 0))
	body := container.NewBorder(nil, container.NewVBox(f.status, container.NewHBox(layout.NewSpacer(), cancel, f.save)), nil, nil,
		container.NewStack(width, f.grid))
	title := lang.X("activity.form.new", "Log activity — {{.Account}}", map[string]any{"Account": t.acc.Name})
	if f.act != nil {
		title = lang.X("activity.form.edit", "Edit activity — {{.Account}}", map[string]any{"Account": t.acc.Name})
	}
	f.kindChanged()
	f.dialog = dialog.NewCustomWithoutButtons(title, body, t.d.Window)
	f.dialog.SetOnClosed(func() { f.open = false })
	f.dialog.Resize(fyne.NewSize(formWidth, 0))
	f.dialog.Show()
	f.open = true
	t.d.Window.Canvas().Focus(f.subject.Entry)
}

// kindChanged shows the due date and done only for a task.
func (f *form) kindChanged() {
	task := f.selectedKind() == domain.KindTask
	for _, o := range f.taskRows {
		if task {
			o.Show()
		} else {
			o.Hide()
		}
	}
	if f.grid != nil {
		f.grid.Refresh()
	}
	if f.dialog != nil {
		f.dialog.Resize(fyne.NewSize(formWidth, 0))
	}
}

func (f *form) selectedKind() domain.ActivityKind {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return f.kinds[i]
	}
	return ""
}

// collect reads the widgets into activity fields and returns each field's
// first problem: from parsing, then from the domain's rules.
func (f *form) collect() (domain.ActivityFields, map[string]string) {
	t := f.t
	var fields domain.ActivityFields
	if f.act != nil {
		fields = f.act.ActivityFields
	} else {
		fields = domain.NewActivityFields(t.acc.ID, "", time.Time{})
		fields.LoggedBy = t.d.RepName()
	}
	fields.AccountID, fields.AccountCode = t.acc.ID, ""
	problems := map[string]string{}
	fields.Kind = f.selectedKind()
	if at, err := xwidget.ParseDateTime(f.when.Text()); err != nil {
		problems[domain.FieldDate] = alert.FieldProblem(domain.FieldDate, err)
	} else {
		fields.OccurredAt = at
	}
	fields.ContactID, fields.ContactEmail = 0, ""
	if i := f.contact.SelectedIndex(); i > 0 {
		fields.ContactID = f.people[i-1].ID
	}
	for name, field := range map[string]*xwidget.Field{domain.FieldSubject: f.subject, domain.FieldNotes: f.notes, domain.FieldOutcome: f.outcome} {
		if err := fields.Set(name, field.Text()); err != nil {
			problems[name] = alert.FieldProblem(name, err)
		}
	}
	fields.Due, fields.Done = domain.Date{}, false
	if fields.Kind == domain.KindTask {
		if d, err := xwidget.ParseDate(f.due.Text()); err != nil {
			problems[domain.FieldDueDate] = alert.FieldProblem(domain.FieldDueDate, err)
		} else {
			fields.Due = d
		}
		fields.Done = f.done.Checked
	}
	if e, ok := domain.AsError(fields.Validate()); ok {
		for _, fe := range e.Fields {
			if _, seen := problems[fe.Field]; !seen {
				problems[fe.Field] = alert.Field(fe)
			}
		}
	}
	return fields, problems
}

// fields are the entries problems are shown under, by field name.
func (f *form) fields() map[string]*xwidget.Field {
	return map[string]*xwidget.Field{domain.FieldDate: f.when, domain.FieldSubject: f.subject, domain.FieldNotes: f.notes,
		domain.FieldOutcome: f.outcome, domain.FieldDueDate: f.due}
}

// showProblems writes each problem next to its field (for fields the user
// touched, or all once a save was tried); others go to the status line.
func (f *form) showProblems(problems map[string]string) {
	entries := f.fields()
	relayout := false
	for name, field := range entries {
		msg := ""
		if f.tried || f.touched[name] {
			msg = problems[name]
		}
		relayout = field.SetProblem(msg) || relayout
	}
	other := ""
	for name, msg := range problems {
		if _, shown := entries[name]; !shown && f.tried {
			other = alert.FieldLabel(name) + ": " + msg
		}
	}
	f.setStatus(other)
	if relayout && f.dialog != nil {
		f.grid.Refresh()
		f.dialog.Resize(fyne.NewSize(formWidth, 0))
	}
}

func (f *form) setStatus(msg string) {
	f.status.SetText(msg)
	if msg == "" {
		f.status.Hide()
	} else {
		f.status.Show()
	}
}

// firstProblem focuses the first field, in form order, that shows a problem.
func (f *form) firstProblem() {
	for _, field := range []*xwidget.Field{f.when, f.subject, f.notes, f.outcome, f.due} {
		if field.Problem() != "" {
			f.t.d.Window.Canvas().Focus(field.Entry)
			return
		}
	}
}

// submit saves the activity when every field is valid.
func (f *form) submit() {
	if !f.open || f.save.Disabled() {
		return
	}
	f.tried = true
	fields, problems := f.collect()
	f.showProblems(problems)
	if len(problems) > 0 {
		f.firstProblem()
		return
	}
	f.store(fields, f.act, false)
}

// store creates the activity (act nil) or updates act; force saves over a
// version changed elsewhere.
func (f *form) store(fields domain.ActivityFields, act *domain.Activity, force bool) {
	f.save.Disable()
	t := f.t
	t.d.Run(func() {
		var got *domain.Activity
		var err error
		if act == nil {
			got, err = t.d.Activities.CreateActivity(context.Background(), fields)
		} else {
			upd := domain.ActivityUpdate{ActivityFields: fields, Version: act.Version}
			if force {
				upd.Version = 0
			}
			got, err = t.d.Activities.UpdateActivity(context.Background(), act.ID, upd)
		}
		fyne.Do(func() { f.stored(fields, act, got, err) })
	})
}

// stored applies the outcome of a save.
func (f *form) stored(fields domain.ActivityFields, act, got *domain.Activity, err error) {
	t := f.t
	f.save.Enable()
	if err == nil {
		f.close()
		t.d.SetLastKind(got.Kind)
		if act == nil {
			t.Reveal(got.ID)
		} else {
			t.replace(got)
		}
		t.d.Changed()
		return
	}
	e, _ := domain.AsError(err)
	switch {
	case e != nil && len(e.Fields) > 0:
		f.tried = true
		problems := map[string]string{}
		for _, fe := range e.Fields {
			problems[fe.Field] = alert.Field(fe)
		}
		f.showProblems(problems)
		f.firstProblem()
	case act != nil && domain.ErrorCode(err) == domain.ENotFound:
		t.remove(act.ID)
		t.ask(lang.X("activity.gone.title", "Deleted elsewhere"),
			lang.X("activity.gone.message", "“{{.Subject}}” was deleted in another window or by an import while you edited it. Your changes are still in the form: save them as a new activity, or discard them.",
				map[string]any{"Subject": act.Subject}),
			xwidget.Choice{Label: lang.X("activity.gone.discard", "Discard"), Importance: widget.DangerImportance, Action: f.close},
			xwidget.Choice{Label: lang.X("activity.gone.keep", "Keep editing")},
			xwidget.Choice{Label: lang.X("activity.gone.save_new", "Save as new"), Importance: widget.HighImportance, Action: func() {
				f.act = nil
				f.store(fields, nil, false)
			}},
		)
	case act != nil && e != nil && e.Key == "record.changed":
		t.ask(alert.Title(err), alert.Message(err),
			xwidget.Choice{Label: lang.X("activity.conflict.keep", "Keep editing")},
			xwidget.Choice{Label: lang.X("activity.conflict.overwrite", "Save mine over it"), Importance: widget.DangerImportance,
				Action: func() { f.store(fields, act, true) }},
		)
	default:
		alert.Error(t.d.Window, err)
	}
}

// close hides the dialog.
func (f *form) close() {
	f.open = false
	f.dialog.Hide()
}
