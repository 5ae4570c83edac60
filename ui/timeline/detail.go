package timeline

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// detail shows the selected activity whole, with what can be done to it.
type detail struct {
	t       *Tab
	a       *domain.Activity
	icon    *widget.Icon
	title   *widget.Label
	meta    *widget.Label
	notes   *widget.Label
	outcome *widget.Label
	edit    *widget.Button
	done    *widget.Button
	del     *widget.Button
	hint    *widget.Label
	body    *fyne.Container
	content fyne.CanvasObject
}

func newDetail(t *Tab) *detail {
	d := &detail{t: t}
	d.icon = widget.NewIcon(nil)
	d.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.title.Wrapping = fyne.TextWrapWord
	d.meta = widget.NewLabel("")
	d.meta.Importance = widget.LowImportance
	d.meta.Wrapping = fyne.TextWrapWord
	d.notes = widget.NewLabel("")
	d.notes.Wrapping = fyne.TextWrapWord
	d.notes.Selectable = true
	d.outcome = widget.NewLabel("")
	d.outcome.Wrapping = fyne.TextWrapWord
	d.edit = widget.NewButtonWithIcon(lang.X("timeline.edit", "Edit"), theme.DocumentCreateIcon(), func() { t.edit(d.a) })
	d.done = widget.NewButtonWithIcon("", theme.ConfirmIcon(), func() { t.toggleDone(d.a) })
	d.del = widget.NewButtonWithIcon(lang.X("timeline.delete", "Delete"), theme.DeleteIcon(), func() { t.confirmDelete(d.a) })
	d.hint = widget.NewLabel(lang.X("timeline.detail.hint", "Select an entry to read it whole, edit or delete it."))
	d.hint.Importance = widget.LowImportance
	d.hint.Wrapping = fyne.TextWrapWord
	actions := container.NewHBox(d.edit, d.done, d.del)
	d.body = container.NewVBox(container.NewBorder(nil, nil, d.icon, nil, d.title), d.meta, actions, d.outcome, d.notes)
	d.content = container.NewVScroll(container.NewStack(d.hint, d.body))
	d.show(nil)
	return d
}

// show fills the pane with a, or the hint when a is nil.
func (d *detail) show(a *domain.Activity) {
	d.a = a
	if a == nil {
		d.body.Hide()
		d.hint.Show()
		return
	}
	d.hint.Hide()
	d.body.Show()
	d.icon.SetResource(KindIcon(a.Kind))
	d.title.SetText(a.Subject)
	parts := []string{KindLabel(a.Kind), d.t.d.Locale.FormatDateTime(a.OccurredAt)}
	if a.ContactName != "" {
		parts = append(parts, lang.X("timeline.detail.with", "with {{.Name}}", map[string]any{"Name": a.ContactName}))
	}
	if a.Kind == domain.KindTask {
		parts = append(parts, d.t.taskState(a))
	}
	if a.LoggedBy != "" {
		parts = append(parts, lang.X("timeline.detail.logged_by", "logged by {{.Name}}", map[string]any{"Name": a.LoggedBy}))
	}
	d.meta.SetText(strings.Join(parts, " · "))
	if a.Outcome != "" {
		d.outcome.SetText(lang.X("timeline.detail.outcome", "Outcome: {{.Outcome}}", map[string]any{"Outcome": a.Outcome}))
		d.outcome.Show()
	} else {
		d.outcome.Hide()
	}
	d.notes.SetText(a.Notes)
	if a.Kind == domain.KindTask {
		if a.Done {
			d.done.SetText(lang.X("timeline.task.reopen", "Not done"))
			d.done.SetIcon(theme.ContentUndoIcon())
		} else {
			d.done.SetText(lang.X("timeline.task.mark_done", "Done"))
			d.done.SetIcon(theme.ConfirmIcon())
		}
		d.done.Show()
	} else {
		d.done.Hide()
	}
}

// toggleDone marks a task done, or open again.
func (t *Tab) toggleDone(a *domain.Activity) {
	if a == nil || a.Kind != domain.KindTask {
		return
	}
	t.dismissUndo()
	done := !a.Done
	t.d.Run(func() {
		got, err := t.d.Activities.SetTaskDone(context.Background(), a.ID, done)
		fyne.Do(func() {
			if err != nil {
				t.failed(a.ID, err)
				return
			}
			t.replace(got)
			if done { // a click too many is undone as a deletion is
				t.doneLast = got
				t.offerUndo(lang.X("timeline.undo.done", "“{{.Subject}}” is done.", map[string]any{"Subject": got.Subject}))
			}
			t.d.Changed()
		})
	})
}

// offerUndo shows msg with the Undo button until the next action.
func (t *Tab) offerUndo(msg string) {
	t.undoMsg.SetText(msg)
	t.undo.Show()
	xwidget.Relayout(t.undo)
}

// confirmDelete asks, then deletes; Undo brings the activity back.
func (t *Tab) confirmDelete(a *domain.Activity) {
	if a == nil {
		return
	}
	t.dismissUndo()
	t.ask(lang.X("timeline.delete.title", "Delete activity"),
		lang.X("timeline.delete.message", "Delete “{{.Subject}}” of {{.Date}}? You can undo it until your next action.",
			map[string]any{"Subject": a.Subject, "Date": t.d.Locale.FormatDate(domain.DateOf(a.OccurredAt.Local()))}),
		xwidget.Choice{Label: lang.X("timeline.delete.cancel", "Cancel")},
		xwidget.Choice{Label: lang.X("timeline.delete.confirm", "Delete"), Importance: widget.DangerImportance, Action: func() { t.delete(a) }},
	)
}

func (t *Tab) delete(a *domain.Activity) {
	t.d.Run(func() {
		err := t.d.Activities.DeleteActivity(context.Background(), a.ID)
		fyne.Do(func() {
			if err != nil {
				t.failed(a.ID, err)
				return
			}
			t.remove(a.ID)
			t.deleted = a
			t.offerUndo(lang.X("timeline.undo.message", "Deleted “{{.Subject}}”.", map[string]any{"Subject": a.Subject}))
			t.d.Changed()
		})
	})
}

// onUndo restores the activity deleted last and shows it, or opens again
// the task marked done last.
func (t *Tab) onUndo() {
	a, done := t.deleted, t.doneLast
	t.dismissUndo()
	if done != nil {
		t.d.Run(func() {
			got, err := t.d.Activities.SetTaskDone(context.Background(), done.ID, false)
			fyne.Do(func() {
				if err != nil {
					t.failed(done.ID, err)
					return
				}
				t.replace(got)
				t.d.Changed()
			})
		})
		return
	}
	if a == nil {
		return
	}
	t.d.Run(func() {
		got, err := t.d.Activities.RestoreActivity(context.Background(), a.ID)
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

// dismissUndo ends the chance to undo: any next action does.
func (t *Tab) dismissUndo() {
	t.deleted, t.doneLast = nil, nil
	if t.undo.Visible() {
		t.undo.Hide()
		xwidget.Relayout(t.undo)
	}
}

// CanUndo reports whether the Undo bar is offered.
func (t *Tab) CanUndo() bool { return (t.deleted != nil || t.doneLast != nil) && t.undo.Visible() }

// failed shows why an action on activity id failed; one deleted elsewhere
// leaves the timeline.
func (t *Tab) failed(id domain.ActivityID, err error) {
	if domain.ErrorCode(err) == domain.ENotFound {
		t.remove(id)
		t.ask(lang.X("timeline.gone.title", "Activity deleted elsewhere"),
			lang.X("timeline.gone.message", "This activity was deleted in another window or by an import after you opened it, so it is no longer in the history."),
			xwidget.Choice{Label: lang.X("timeline.gone.ok", "OK"), Importance: widget.HighImportance})
		return
	}
	alert.Error(t.d.Window, err)
}
