package today

import (
	"context"
	"image/color"

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

// taskRow is one line of the task list: a section's header, a line saying
// the section is empty, or a task.
type taskRow struct {
	header string
	info   string
	bucket domain.TaskBucket
	item   *domain.AgendaItem
	done   bool // ticked here; the task leaves the list at the next refresh
}

// dueWidth is the width of a task's due date entry.
const dueWidth = 130

// showAgenda lays the agenda's three sections out as rows.
func (s *Screen) showAgenda(a *domain.Agenda) {
	s.title.SetText(lang.X("today.title", "Today, {{.Date}}", map[string]any{"Date": s.d.Locale.FormatDate(a.Today)}))
	var rows []taskRow
	section := func(bucket domain.TaskBucket, title string, items []domain.AgendaItem, total int, none string) {
		rows = append(rows, taskRow{header: title, bucket: bucket})
		for i := range items {
			rows = append(rows, taskRow{item: &items[i], bucket: bucket})
		}
		switch {
		case total == 0:
			rows = append(rows, taskRow{info: none})
		case total > len(items):
			rows = append(rows, taskRow{info: lang.XN("today.tasks.more", "… and {{.Count}} more", total-len(items),
				map[string]any{"Count": total - len(items)})})
		}
	}
	section(domain.BucketOverdue, lang.XN("today.section.overdue", "Overdue ({{.Count}})", a.OverdueTotal, map[string]any{"Count": a.OverdueTotal}),
		a.Overdue, a.OverdueTotal, lang.X("today.none.overdue", "Nothing overdue."))
	section(domain.BucketToday, lang.XN("today.section.today", "Due today ({{.Count}})", a.DueTodayTotal, map[string]any{"Count": a.DueTodayTotal}),
		a.DueToday, a.DueTodayTotal, lang.X("today.none.today", "Nothing due today."))
	section(domain.BucketUpcoming, lang.XN("today.section.upcoming", "Next {{.Days}} days ({{.Count}})", a.UpcomingTotal,
		map[string]any{"Count": a.UpcomingTotal, "Days": domain.AgendaWindowDays}),
		a.Upcoming, a.UpcomingTotal, lang.X("today.none.upcoming", "Nothing due in the next days."))
	s.taskRows = rows
	// A section's title or note takes one line, a task two: the list does
	// not open on a blank row above its first title.
	line := s.lineHeight()
	for i, r := range rows {
		if r.item == nil {
			s.tasks.SetItemHeight(i, line)
		} else {
			s.tasks.SetItemHeight(i, s.taskHeight())
		}
	}
	s.tasks.UnselectAll()
	s.tasks.Refresh()
}

// lineHeight is the height of a section's title row: its label and line.
func (s *Screen) lineHeight() float32 {
	if s.lineMin == 0 {
		o := s.newTaskRow()
		p := partsOf(o)
		showOnly(p.headerBox, p.headerBox, p.infoBox, p.task)
		s.lineMin = o.MinSize().Height
	}
	return s.lineMin
}

// taskHeight is the height of a task's row.
func (s *Screen) taskHeight() float32 {
	if s.taskMin == 0 {
		s.taskMin = s.newTaskRow().MinSize().Height
	}
	return s.taskMin
}

// The task row template, by position: a strut, then the header, the info
// line and the task, one of them shown (the list gives each row its height:
// a title's or a task's).
func (s *Screen) newTaskRow() fyne.CanvasObject {
	header := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	info := widget.NewLabel("")
	info.Importance = widget.LowImportance
	done := widget.NewCheck("", nil)
	subject := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	subject.Truncation = fyne.TextTruncateEllipsis
	where := widget.NewLabel("")
	where.Truncation = fyne.TextTruncateEllipsis
	where.Importance = widget.LowImportance
	due := xwidget.NewDateEntry(s.d.Locale)
	dueBox := container.NewGridWrap(fyne.NewSize(dueWidth, due.MinSize().Height), due)
	open := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), nil)
	open.Importance = widget.LowImportance
	// The subject has the row's whole width; the due date and the way to the
	// account sit beside where it is (on a laptop's 1024 pixels the task list
	// is a third of the window, and a subject beside them showed a word).
	second := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(dueBox), container.NewCenter(open)), where)
	task := container.NewBorder(nil, nil, container.NewCenter(done), nil, container.NewVBox(subject, second))
	strut := canvas.NewRectangle(color.Transparent)
	return container.NewStack(strut,
		container.NewVBox(layout.NewSpacer(), header, widget.NewSeparator()),
		container.NewVBox(layout.NewSpacer(), info, layout.NewSpacer()),
		task)
}

// taskParts are the template's widgets.
type taskParts struct {
	headerBox, infoBox, task *fyne.Container
	header, info             *widget.Label
	done                     *widget.Check
	subject, where           *widget.Label
	due                      *xwidget.DateEntry
	open                     *widget.Button
}

func partsOf(o fyne.CanvasObject) taskParts {
	st := o.(*fyne.Container).Objects
	headerBox, infoBox, task := st[1].(*fyne.Container), st[2].(*fyne.Container), st[3].(*fyne.Container)
	text := task.Objects[0].(*fyne.Container)
	left := task.Objects[1].(*fyne.Container)
	second := text.Objects[1].(*fyne.Container)
	right := second.Objects[1].(*fyne.Container)
	return taskParts{
		headerBox: headerBox, infoBox: infoBox, task: task,
		header: headerBox.Objects[1].(*widget.Label), info: infoBox.Objects[1].(*widget.Label),
		done:    left.Objects[0].(*widget.Check),
		subject: text.Objects[0].(*widget.Label), where: second.Objects[0].(*widget.Label),
		due:  right.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*xwidget.DateEntry),
		open: right.Objects[1].(*fyne.Container).Objects[0].(*widget.Button),
	}
}

func showOnly(show fyne.CanvasObject, all ...fyne.CanvasObject) {
	for _, o := range all {
		if o == show {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

func (s *Screen) updateTaskRow(i widget.ListItemID, o fyne.CanvasObject) {
	p := partsOf(o)
	r := &s.taskRows[i]
	switch {
	case r.header != "":
		showOnly(p.headerBox, p.headerBox, p.infoBox, p.task)
		p.header.Importance = widget.MediumImportance
		if r.bucket == domain.BucketOverdue {
			p.header.Importance = widget.DangerImportance
		}
		p.header.SetText(r.header)
		return
	case r.item == nil:
		showOnly(p.infoBox, p.headerBox, p.infoBox, p.task)
		p.info.SetText(r.info)
		return
	}
	showOnly(p.task, p.headerBox, p.infoBox, p.task)
	it := r.item
	p.done.OnChanged = nil
	p.done.SetChecked(r.done)
	p.done.OnChanged = func(done bool) { s.markDone(it.ID, done) }
	p.subject.SetText(it.Subject)
	where := it.AccountName
	if it.ContactName != "" {
		where += " · " + it.ContactName
	}
	p.where.SetText(where)
	p.due.SetDate(it.Due)
	p.due.OnDate = func(d domain.Date) { s.reschedule(it.ID, d) }
	p.due.OnInvalid = func(err error) { s.setStatus(alert.Message(err), widget.DangerImportance) }
	p.open.OnTapped = func() { s.d.Open(it.AccountID, it.ID) }
}

// row is the task row of activity id, nil when it is not listed.
func (s *Screen) row(id domain.ActivityID) *taskRow {
	for i := range s.taskRows {
		if it := s.taskRows[i].item; it != nil && it.ID == id {
			return &s.taskRows[i]
		}
	}
	return nil
}

// markDone ticks a task done (or not) where it stands; it leaves the list at
// the next refresh, so a slip of the mouse is undone with one more click.
func (s *Screen) markDone(id domain.ActivityID, done bool) {
	r := s.row(id)
	if r == nil {
		return
	}
	s.dismissUndo()
	r.done = done
	subject := r.item.Subject
	s.d.Run(func() {
		_, err := s.d.Activities.SetTaskDone(context.Background(), id, done)
		fyne.Do(func() {
			if err != nil {
				if r := s.row(id); r != nil {
					r.done = !done
				}
				s.tasks.Refresh()
				alert.Error(s.d.Window, err)
				return
			}
			if done {
				s.setStatus(lang.X("today.status.done", "“{{.Subject}}” is done.", map[string]any{"Subject": subject}), widget.SuccessImportance)
				s.offerUndo(id)
			} else {
				s.setStatus(lang.X("today.status.reopened", "“{{.Subject}}” is open again.", map[string]any{"Subject": subject}), widget.MediumImportance)
			}
		})
	})
}

// offerUndo shows Undo for the task ticked done; the next tick, change or
// refresh takes it away.
func (s *Screen) offerUndo(id domain.ActivityID) {
	s.undone = id
	s.undo.Show()
	xwidget.Relayout(s.undo)
}

// dismissUndo takes Undo away.
func (s *Screen) dismissUndo() {
	s.undone = 0
	if s.undo.Visible() {
		s.undo.Hide()
		xwidget.Relayout(s.undo)
	}
}

// onUndo opens again the task ticked done last, where it stands.
func (s *Screen) onUndo() {
	id := s.undone
	s.dismissUndo()
	if id != 0 {
		s.markDone(id, false)
		s.tasks.Refresh()
	}
}

// reschedule gives a task a new due date and reloads the agenda, where it
// moves to its new section.
func (s *Screen) reschedule(id domain.ActivityID, due domain.Date) {
	r := s.row(id)
	if r == nil {
		return
	}
	subject := r.item.Subject
	s.d.Run(func() {
		_, err := s.d.Activities.RescheduleTask(context.Background(), id, due)
		fyne.Do(func() {
			if err != nil {
				alert.Error(s.d.Window, err)
				s.Refresh()
				return
			}
			s.setStatus(lang.X("today.status.rescheduled", "“{{.Subject}}” is now due {{.Date}}.",
				map[string]any{"Subject": subject, "Date": s.d.Locale.FormatDate(due)}), widget.SuccessImportance)
			s.Refresh()
		})
	})
}
