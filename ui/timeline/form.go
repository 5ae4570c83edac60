package timeline

import (
	"context"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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
	// follow is "follow up in N days" of a new call, meeting, e-mail or
	// note: saving it creates the task too. followRows are its label and box.
	follow     *xwidget.Field
	followRows []fyne.CanvasObject
	followDays int // read by collect
	status     *widget.Label
	save       *widget.Button
	grid       *fyne.Container
	dialog     *xwidget.Dialog
	open       bool
	state      *xwidget.FormState
	saver      xwidget.Saver[*domain.Activity]
}

func newForm(t *Tab, a *domain.Activity) *form {
	f := &form{t: t, act: a, kinds: domain.ActivityKinds, people: t.acc.Contacts(), state: xwidget.NewFormState()}
	f.state.Check = func() xwidget.Problems { _, p := f.collect(); return p }
	f.state.Relayout = func() {
		if f.dialog != nil {
			f.grid.Refresh()
			f.dialog.Fit(fyne.NewSize(formWidth, 0))
		}
	}
	f.state.Window = t.d.Window
	var kindNames []string
	for _, k := range f.kinds {
		kindNames = append(kindNames, KindLabel(k))
	}
	f.kind = widget.NewSelect(kindNames, func(string) { f.kindChanged() })
	f.when = f.field(domain.FieldDate, xwidget.NewEntryField())
	xwidget.DatePicker(f.when.Entry, t.d.Locale, true, func() domain.Date { return domain.DateOf(t.d.Now()) })
	f.when.Entry.SetPlaceHolder(t.d.Locale.FormatDateTime(time.Date(2026, 11, 27, 14, 5, 0, 0, time.Local)))
	personNames := []string{lang.X("activity.contact.none", "— nobody in particular —")}
	for _, c := range f.people {
		personNames = append(personNames, c.FullName())
	}
	f.contact = widget.NewSelect(personNames, nil)
	f.subject = f.field(domain.FieldSubject, xwidget.NewEntryField())
	f.notes = f.field(domain.FieldNotes, xwidget.NewNotesField(5))
	f.notes.Entry.SetPlaceHolder(lang.X("activity.notes.placeholder", "Enter starts a new line; Shift+Enter saves."))
	f.outcome = f.field(domain.FieldOutcome, xwidget.NewEntryField())
	f.outcome.Entry.SetPlaceHolder(lang.X("activity.outcome.placeholder", "e.g. order promised for next week"))
	f.due = f.field(domain.FieldDueDate, xwidget.NewEntryField())
	xwidget.DatePicker(f.due.Entry, t.d.Locale, false, func() domain.Date { return domain.DateOf(t.d.Now()) })
	f.due.Entry.SetPlaceHolder(lang.X("activity.due.placeholder", "blank: the day it was logged for"))
	f.done = widget.NewCheck(lang.X("activity.done.check", "Done"), nil)
	f.follow = f.field(fieldFollowUp, xwidget.NewEntryField())
	f.follow.Entry.SetPlaceHolder(lang.X("activity.follow_up.placeholder", "days; blank: none"))
	f.fill()
	f.build()
	return f
}

// field adds fl to the form as its field name: Enter saves (Shift+Enter in
// the notes), and a field's problem updates as the user types once the
// field was touched.
func (f *form) field(name string, fl *xwidget.Field) *xwidget.Field {
	fl.Entry.OnSubmitted = func(string) { f.submit() }
	return f.state.Add(name, fl)
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
	f.state.Fill(func() {
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
	})
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
	followLabel := label(lang.X("activity.field.follow_up", "Follow up in"))
	followBox := container.NewBorder(nil, nil, nil, widget.NewLabel(lang.X("activity.follow_up.days", "days: a task then")), f.follow)
	f.followRows = []fyne.CanvasObject{followLabel, followBox}
	f.grid = container.New(layout.NewFormLayout(),
		label(lang.X("activity.field.kind", "Kind")), f.kind,
		label(lang.X("activity.field.date", "When")), f.when,
		label(lang.X("activity.field.contact", "Person")), f.contact,
		label(lang.X("activity.field.subject", "Subject")), f.subject,
		label(lang.X("activity.field.notes", "Notes")), f.notes,
		label(lang.X("activity.field.outcome", "Outcome")), f.outcome,
		dueLabel, f.due,
		doneLabel, f.done,
		followLabel, followBox,
	)
	f.status = widget.NewLabel("")
	f.status.Importance = widget.DangerImportance
	f.status.Wrapping = fyne.TextWrapWord
	f.status.Hide()
	f.state.Shown = f.showOther
	cancel := widget.NewButton(lang.X("activity.form.cancel", "Cancel"), f.close)
	f.save = widget.NewButtonWithIcon(lang.X("activity.form.save", "Save (Enter)"), theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.saver = xwidget.Saver[*domain.Activity]{Run: t.d.Run, Button: f.save}
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(formWidth-80, 0))
	body := container.NewBorder(nil, container.NewVBox(f.status, container.NewHBox(layout.NewSpacer(), cancel, f.save)), nil, nil,
		container.NewStack(width, f.grid))
	title := lang.X("activity.form.new", "Log activity — {{.Account}}", map[string]any{"Account": t.acc.Name})
	if f.act != nil {
		title = lang.X("activity.form.edit", "Edit activity — {{.Account}}", map[string]any{"Account": t.acc.Name})
	}
	f.kindChanged()
	f.dialog = xwidget.NewDialog(title, body, t.d.Window)
	f.dialog.SetOnClosed(func() { f.open = false })
	f.dialog.Fit(fyne.NewSize(formWidth, 0))
	f.dialog.Show()
	f.open = true
	t.d.Window.Canvas().Focus(f.subject.Focusable())
}

// kindChanged shows the due date and done only for a task, and the
// follow-up only for another new activity.
func (f *form) kindChanged() {
	task := f.selectedKind() == domain.KindTask
	for _, o := range f.taskRows {
		if task {
			o.Show()
		} else {
			o.Hide()
		}
	}
	for _, o := range f.followRows {
		if !task && f.act == nil {
			o.Show()
		} else {
			o.Hide()
		}
	}
	if f.grid != nil {
		f.grid.Refresh()
	}
	if f.dialog != nil {
		f.dialog.Fit(fyne.NewSize(formWidth, 0))
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
func (f *form) collect() (domain.ActivityFields, xwidget.Problems) {
	t := f.t
	var fields domain.ActivityFields
	if f.act != nil {
		fields = f.act.ActivityFields
	} else {
		fields = domain.NewActivityFields(t.acc.ID, "", time.Time{})
		fields.LoggedBy = t.d.RepName()
	}
	fields.AccountID, fields.AccountCode = t.acc.ID, ""
	problems := xwidget.Problems{}
	fields.Kind = f.selectedKind()
	if at, err := xwidget.ParseDateTime(f.when.Text()); err != nil {
		problems.Read(domain.FieldDate, err)
	} else {
		fields.OccurredAt = at
	}
	fields.ContactID, fields.ContactEmail = 0, ""
	if i := f.contact.SelectedIndex(); i > 0 {
		fields.ContactID = f.people[i-1].ID
	}
	for name, field := range map[string]*xwidget.Field{domain.FieldSubject: f.subject, domain.FieldNotes: f.notes, domain.FieldOutcome: f.outcome} {
		problems.Read(name, fields.Set(name, field.Text()))
	}
	fields.Due, fields.Done = domain.Date{}, false
	if fields.Kind == domain.KindTask {
		if d, err := xwidget.ParseDate(f.due.Text()); err != nil {
			problems.Read(domain.FieldDueDate, err)
		} else {
			fields.Due = d
		}
		fields.Done = f.done.Checked
	}
	f.followDays = 0
	if text := strings.TrimSpace(f.follow.Text()); text != "" && fields.Kind != domain.KindTask && f.act == nil {
		n, err := strconv.Atoi(text)
		if err != nil || n < 1 || n > 365 {
			problems.Add(fieldFollowUp, lang.X("activity.follow_up.invalid", "a whole number of days, 1 to 365"))
		} else {
			f.followDays = n
		}
	}
	problems.AddError(fields.Validate())
	return fields, problems
}

// fieldFollowUp names the follow-up's field in the form's state.
const fieldFollowUp = "follow_up"

// followUp is the task a follow-up in days after the activity a creates:
// with the same account and person, due days after a's day.
func (f *form) followUp(a *domain.Activity, days int) domain.ActivityFields {
	t := f.t
	task := domain.NewActivityFields(t.acc.ID, domain.KindTask, t.d.Now())
	task.ContactID, task.LoggedBy = a.ContactID, a.LoggedBy
	task.Subject = lang.X("activity.follow_up.subject", "Follow up: {{.Subject}}", map[string]any{"Subject": a.Subject})
	task.Due = domain.DateOf(a.OccurredAt.Local()).AddDays(days)
	return task
}

// showOther puts a problem the form has no field for in the status line.
func (f *form) showOther(shown xwidget.Problems) {
	other := ""
	for name, msg := range shown {
		if !f.state.Shows(name) {
			other = alert.FieldLabel(name) + ": " + msg
		}
	}
	f.setStatus(other)
}

func (f *form) setStatus(msg string) {
	f.status.SetText(msg)
	if msg == "" {
		f.status.Hide()
	} else {
		f.status.Show()
	}
}

// submit saves the activity when every field is valid.
func (f *form) submit() {
	if !f.open || f.saver.Busy() {
		return
	}
	fields, problems := f.collect()
	if f.state.Try(problems) {
		f.store(fields, f.act, false)
	}
}

// store creates the activity (act nil) or updates act; force saves over a
// version changed elsewhere.
func (f *form) store(fields domain.ActivityFields, act *domain.Activity, force bool) {
	t := f.t
	f.saver.Save(func(ctx context.Context) (*domain.Activity, error) {
		if act == nil {
			return t.d.Activities.CreateActivity(ctx, fields)
		}
		upd := domain.ActivityUpdate{ActivityFields: fields, Version: act.Version}
		if force {
			upd.Version = 0 // over whatever version is stored
		}
		return t.d.Activities.UpdateActivity(ctx, act.ID, upd)
	}, func(got *domain.Activity, err error) { f.stored(fields, act, got, err) })
}

// stored applies the outcome of a save.
func (f *form) stored(fields domain.ActivityFields, act, got *domain.Activity, err error) {
	t := f.t
	if err == nil {
		f.close()
		t.d.SetLastKind(got.Kind)
		if act == nil {
			t.Reveal(got.ID)
		} else {
			t.replace(got)
		}
		t.d.Changed()
		if act == nil && f.followDays > 0 {
			f.scheduleFollowUp(got, f.followDays)
		}
		return
	}
	switch {
	case f.state.Refused(err):
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
	case act != nil && xwidget.Conflict(err):
		t.ask(alert.Title(err), alert.Message(err),
			xwidget.Choice{Label: lang.X("activity.conflict.keep", "Keep editing")},
			xwidget.Choice{Label: lang.X("activity.conflict.overwrite", "Save mine over it"), Importance: widget.DangerImportance,
				Action: func() { f.store(fields, act, true) }},
		)
	default:
		alert.Error(t.d.Window, err)
	}
}

// scheduleFollowUp creates the task that follows a up in days; the
// activity is saved whatever becomes of it.
func (f *form) scheduleFollowUp(a *domain.Activity, days int) {
	t := f.t
	task := f.followUp(a, days)
	t.d.Run(func() {
		got, err := t.d.Activities.CreateActivity(context.Background(), task)
		fyne.Do(func() {
			if err != nil {
				alert.Error(t.d.Window, err)
				return
			}
			t.Reveal(got.ID)
			t.d.Changed()
		})
	})
}

// close hides the dialog.
func (f *form) close() {
	f.open = false
	f.dialog.Hide()
}
