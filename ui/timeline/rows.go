package timeline

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// row is one line of the timeline: a month's header (act nil) or an activity.
type row struct {
	month domain.Date // the first day of the month, for a header
	act   *domain.Activity
}

// monthOf is the first day of the local month a happened in.
func monthOf(a *domain.Activity) domain.Date {
	d := domain.DateOf(a.OccurredAt.In(time.Local))
	return domain.NewDate(d.Year, d.Month, 1)
}

// appendRows adds activities, newest first, after rows, with a header where
// a month begins.
func appendRows(rows []row, acts []*domain.Activity) []row {
	for _, a := range acts {
		m := monthOf(a)
		if last := lastMonth(rows); last != m {
			rows = append(rows, row{month: m})
		}
		rows = append(rows, row{month: m, act: a})
	}
	return rows
}

func lastMonth(rows []row) domain.Date {
	if len(rows) == 0 {
		return domain.Date{}
	}
	return rows[len(rows)-1].month
}

// The template's objects, by position: a header and an entry stacked, one of
// them shown. The template is as tall as the entry's two lines; a month's
// header is given its own, lower height (fitHeights), so a month does not
// open on a blank row's worth of space.
type rowParts struct {
	strut  *canvas.Rectangle // holds an entry's height; none for a header
	header *fyne.Container
	month  *widget.Label
	entry  *fyne.Container
	icon   *widget.Icon
	title  *widget.Label
	meta   *widget.Label
	when   *widget.Label
	who    *widget.Label
}

// rightWidth is the column of an entry's moment and who logged it.
const rightWidth = 150

func newRow() fyne.CanvasObject {
	month := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	month.Importance = widget.HighImportance
	header := container.NewVBox(layout.NewSpacer(), month, widget.NewSeparator())

	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("")
	meta.Truncation = fyne.TextTruncateEllipsis
	meta.Importance = widget.LowImportance
	when := widget.NewLabel("")
	when.Alignment = fyne.TextAlignTrailing
	who := widget.NewLabel("")
	who.Alignment = fyne.TextAlignTrailing
	who.Importance = widget.LowImportance
	who.Truncation = fyne.TextTruncateEllipsis
	icon := widget.NewIcon(nil)
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(rightWidth, 0))
	right := container.NewStack(width, container.NewVBox(when, who))
	entry := container.NewBorder(nil, nil, container.NewCenter(icon), right, container.NewVBox(title, meta))
	// The strut keeps the row as tall as an entry whichever part is shown.
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(0, entry.MinSize().Height))
	return container.NewStack(strut, header, entry)
}

func partsOf(o fyne.CanvasObject) rowParts {
	stack := o.(*fyne.Container)
	header := stack.Objects[1].(*fyne.Container)
	entry := stack.Objects[2].(*fyne.Container)
	text := entry.Objects[0].(*fyne.Container)
	icon := entry.Objects[1].(*fyne.Container).Objects[0].(*widget.Icon)
	right := entry.Objects[2].(*fyne.Container).Objects[1].(*fyne.Container)
	return rowParts{
		strut:  stack.Objects[0].(*canvas.Rectangle),
		header: header, month: header.Objects[1].(*widget.Label),
		entry: entry, icon: icon,
		title: text.Objects[0].(*widget.Label), meta: text.Objects[1].(*widget.Label),
		when: right.Objects[0].(*widget.Label), who: right.Objects[1].(*widget.Label),
	}
}

// showRow fills the template with r.
func (t *Tab) showRow(r row, o fyne.CanvasObject) {
	p := partsOf(o)
	if r.act == nil {
		p.entry.Hide()
		p.header.Show()
		p.strut.SetMinSize(fyne.Size{}) // the row is as low as its header (fitHeights)
		p.month.SetText(MonthTitle(r.month))
		return
	}
	p.header.Hide()
	p.entry.Show()
	p.strut.SetMinSize(fyne.NewSize(0, p.entry.MinSize().Height))
	a := r.act
	p.icon.SetResource(KindIcon(a.Kind))
	if a.Kind == domain.KindTask {
		p.icon.SetResource(TaskIcon(a.Done))
	}
	p.title.SetText(a.Subject)
	p.meta.Importance = widget.LowImportance
	if a.Bucket(domain.DateOf(t.d.Now())) == domain.BucketOverdue {
		p.meta.Importance = widget.DangerImportance
	}
	p.meta.SetText(t.metaLine(a))
	p.when.SetText(t.d.Locale.FormatDateTime(a.OccurredAt))
	p.who.SetText(a.LoggedBy)
}

// showLoading fills the template with the row that stands for pages still coming.
func showLoading(o fyne.CanvasObject) {
	p := partsOf(o)
	p.entry.Hide()
	p.header.Show()
	p.month.SetText(lang.X("timeline.loading", "Loading older activities…"))
}

// metaLine is an entry's second line: kind, person, the task's state, then
// the start of the notes.
func (t *Tab) metaLine(a *domain.Activity) string {
	parts := []string{KindLabel(a.Kind)}
	if a.ContactName != "" {
		parts = append(parts, a.ContactName)
	}
	if a.Kind == domain.KindTask {
		parts = append(parts, t.taskState(a))
	}
	if a.Outcome != "" {
		parts = append(parts, a.Outcome)
	}
	if a.Notes != "" {
		parts = append(parts, strings.Join(strings.Fields(a.Notes), " "))
	}
	return strings.Join(parts, " · ")
}

// taskState says when a task is due and whether it is done.
func (t *Tab) taskState(a *domain.Activity) string {
	if a.Done {
		return lang.X("timeline.task.done", "done")
	}
	due := t.d.Locale.FormatDate(a.Due)
	if a.Bucket(domain.DateOf(t.d.Now())) == domain.BucketOverdue {
		return lang.X("timeline.task.overdue", "overdue since {{.Date}}", map[string]any{"Date": due})
	}
	return lang.X("timeline.task.due", "due {{.Date}}", map[string]any{"Date": due})
}

// headerHeight is the height of a month's header row: its title and line.
func headerHeight() float32 {
	p := partsOf(newRow())
	p.month.SetText("M")
	return p.header.MinSize().Height
}

// fitHeights gives the month headers among the rows their lower height and
// every other row the template's, after the rows changed. Only rows whose
// height changes are touched.
func (t *Tab) fitHeights() {
	if t.heights == nil {
		t.heights = map[int]float32{}
	}
	head, entry := headerHeight(), newRow().MinSize().Height
	for i, r := range t.rows {
		want := entry
		if r.act == nil {
			want = head
		}
		if h, ok := t.heights[i]; ok && h == want || !ok && want == entry {
			continue
		}
		t.heights[i] = want
		t.list.SetItemHeight(i, want)
	}
	for i, h := range t.heights { // rows gone since: back to the template's height
		if i >= len(t.rows) && h != entry {
			t.heights[i] = entry
			t.list.SetItemHeight(i, entry)
		}
	}
}
