// Package timeline is an account's history in the account view: its
// activities newest first, grouped by month, filtered by kind, date and words,
// paged in as the user scrolls; the form that logs and edits an activity; and
// the names and icons of activity kinds the other screens share.
package timeline

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Page sizes: a page as the user scrolls, and the larger pages that look for
// an activity to reveal deep in a long history.
const (
	pageSize   = 100
	revealPage = 500
	// prefetch is how many rows before the end of what is loaded the next
	// page is asked for, so scrolling seldom reaches the "loading" row.
	prefetch = 40
	// dateWidth fits a date in either locale's form, kindWidth the longest kind filter.
	dateWidth = 125
	kindWidth = 230
)

// Deps is what the tab works with.
type Deps struct {
	Window      fyne.Window
	Activities  domain.ActivityService
	Run         worker.Runner
	Locale      domain.Locale
	Now         func() time.Time
	RepName     func() string              // who logs new activities
	LastKind    func() domain.ActivityKind // the kind a new activity starts as
	SetLastKind func(domain.ActivityKind)
	Changed     func() // after an activity was saved, deleted or restored
}

// Account is what the tab knows of the open account.
type Account struct {
	ID       domain.AccountID
	Name     string
	Contacts func() []*domain.Contact // its people, for the form's choice
	Selected func() domain.ContactID  // the person selected in the Contacts tab, 0 for none
}

// Tab is one account's timeline.
type Tab struct {
	d   Deps
	acc Account

	logBtn  *widget.Button
	search  *xwidget.SearchEntry
	kind    *widget.Select
	from    *xwidget.DateEntry
	to      *xwidget.DateEntry
	list    *widget.List
	status  *widget.Label
	empty   *widget.Label
	detail  *detail
	undo    *fyne.Container
	undoMsg *widget.Label
	undoBtn *widget.Button
	content fyne.CanvasObject

	gen      int                // generation of the query on screen; older results are dropped
	cancel   context.CancelFunc // stops the search in flight
	rows     []row              // month headers and activities, as the list shows them
	heights  map[int]float32    // the row heights given the list (fitHeights)
	more     bool               // older activities remain to be paged in
	pending  bool               // a page is being fetched
	total    int                // activities the query matches
	loaded   bool               // the first page of this generation arrived
	inUpdate bool               // inside the list's UpdateItem: it must not refresh the list
	quiet    bool               // filters are being reset by the program: no reload per widget
	selected domain.ActivityID  // the activity shown in the detail pane, 0 for none
	deleted  *domain.Activity   // what Undo brings back; nil when there is nothing to undo
	doneLast *domain.Activity   // the task Undo opens again; nil when none was just marked done

	form     *form             // the form last opened
	question *xwidget.Question // the last question asked, for tests to answer
	filters  []kindFilter
}

// New builds the tab for acc and starts loading its newest activities.
func New(d Deps, acc Account) *Tab {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.RepName == nil {
		d.RepName = func() string { return "" }
	}
	if d.LastKind == nil {
		d.LastKind = func() domain.ActivityKind { return domain.KindCall }
	}
	if d.SetLastKind == nil {
		d.SetLastKind = func(domain.ActivityKind) {}
	}
	if d.Changed == nil {
		d.Changed = func() {}
	}
	if acc.Contacts == nil {
		acc.Contacts = func() []*domain.Contact { return nil }
	}
	if acc.Selected == nil {
		acc.Selected = func() domain.ContactID { return 0 }
	}
	t := &Tab{d: d, acc: acc, filters: kindFilters()}
	t.build()
	t.reload()
	return t
}

// Content is the tab's top object.
func (t *Tab) Content() fyne.CanvasObject { return t.content }

func (t *Tab) build() {
	t.logBtn = widget.NewButtonWithIcon(lang.X("timeline.log", "Log activity (Ctrl+L)"), theme.ContentAddIcon(), t.LogActivity)
	t.logBtn.Importance = widget.HighImportance
	t.search = xwidget.NewSearchEntry()
	t.search.SetPlaceHolder(lang.X("timeline.search.placeholder", "Search this account's history…"))
	t.search.OnChanged = func(string) { t.filtersChanged() }
	t.search.OnMove = t.move
	t.search.OnSubmitted = func(string) { t.move(0) }
	var labels []string
	for _, f := range t.filters {
		labels = append(labels, f.label)
	}
	t.kind = widget.NewSelect(labels, nil)
	t.kind.SetSelectedIndex(0)
	t.kind.OnChanged = func(string) { t.filtersChanged() }
	t.from = t.dateFilter(lang.X("timeline.from.placeholder", "from date"))
	t.to = t.dateFilter(lang.X("timeline.to.placeholder", "to date"))

	t.list = widget.NewList(func() int { return t.length() }, newRow, t.updateItem)
	t.list.OnSelected = t.onSelected
	t.status = widget.NewLabel("")
	t.status.Importance = widget.LowImportance
	t.status.Truncation = fyne.TextTruncateEllipsis
	t.empty = widget.NewLabel("")
	t.empty.Alignment = fyne.TextAlignCenter
	t.empty.Wrapping = fyne.TextWrapWord
	t.empty.Hide()
	t.detail = newDetail(t)

	t.undoMsg = widget.NewLabel("")
	t.undoMsg.Truncation = fyne.TextTruncateEllipsis
	t.undoBtn = widget.NewButtonWithIcon(lang.X("timeline.undo", "Undo"), theme.ContentUndoIcon(), t.onUndo)
	t.undoBtn.Importance = widget.HighImportance
	t.undo = container.NewBorder(widget.NewSeparator(), nil, widget.NewIcon(theme.InfoIcon()), t.undoBtn, t.undoMsg)
	t.undo.Hide()

	fixed := func(o fyne.CanvasObject, width float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
	}
	bar := container.NewVBox(
		container.NewBorder(nil, nil, t.logBtn, nil, t.search),
		container.NewHBox(fixed(t.kind, kindWidth), fixed(t.from, dateWidth), fixed(t.to, dateWidth)),
	)
	listArea := container.NewStack(t.list, container.NewVBox(layout.NewSpacer(), t.empty, layout.NewSpacer()))
	split := container.NewVSplit(listArea, t.detail.content)
	split.Offset = 0.68
	t.content = container.NewBorder(bar, container.NewVBox(t.undo, t.status), nil, nil, split)
}

// dateFilter is one end of the date range; a date takes effect when typed
// (Enter or leaving the entry) and an empty one opens that end.
func (t *Tab) dateFilter(placeholder string) *xwidget.DateEntry {
	e := xwidget.NewDateEntry(t.d.Locale)
	e.Optional = true
	e.SetPlaceHolder(placeholder)
	e.OnDate = func(domain.Date) {
		t.setStatus("")
		t.filtersChanged()
	}
	e.OnInvalid = func(err error) { t.setStatus(alert.Message(err)) }
	return e
}

// filtersChanged starts the query the filters now ask for, from the top.
func (t *Tab) filtersChanged() {
	if t.quiet {
		return
	}
	t.dismissUndo()
	t.reload()
}

// query is what the filters ask for; it reads widgets, so it runs on the Fyne
// goroutine before the work starts.
func (t *Tab) query() domain.TimelineQuery {
	q := domain.TimelineQuery{Account: t.acc.ID, Text: strings.TrimSpace(t.search.Text)}
	if i := t.kind.SelectedIndex(); i > 0 {
		q.Kinds = t.filters[i].kinds
	}
	if d, err := xwidget.ParseDate(t.from.Text); err == nil {
		q.From = d
	}
	if d, err := xwidget.ParseDate(t.to.Text); err == nil {
		q.To = d
	}
	return q
}

// filtered reports whether any filter narrows the timeline.
func (t *Tab) filtered() bool {
	q := t.query()
	return q.Text != "" || len(q.Kinds) > 0 || !q.From.IsZero() || !q.To.IsZero()
}

// showCounts writes the status line and the empty state.
func (t *Tab) showCounts() {
	count := t.d.Locale.FormatDecimal(decimal.NewFromInt(int64(t.total)), 0)
	if t.filtered() {
		t.status.SetText(lang.XN("timeline.status.matching", "{{.Count}} matching activities", t.total, map[string]any{"Count": count}))
	} else {
		t.status.SetText(lang.XN("timeline.status.count", "{{.Count}} activities", t.total, map[string]any{"Count": count}))
	}
	switch {
	case len(t.rows) > 0:
		t.empty.Hide()
	case t.filtered():
		t.empty.SetText(lang.X("timeline.empty.filtered", "No activities match the filters."))
		t.empty.Show()
	default:
		t.empty.SetText(lang.X("timeline.empty.none", "No history yet. Log the first call, meeting or note with Ctrl+L."))
		t.empty.Show()
	}
}

// setStatus shows msg in the status line, or the counts when msg is "".
func (t *Tab) setStatus(msg string) {
	if msg == "" {
		t.showCounts()
		return
	}
	t.status.SetText(msg)
}

// move steps the selection from the search box: arrows move, Enter (0)
// selects the first entry when none is.
func (t *Tab) move(delta int) {
	cur := t.indexOf(t.selected)
	next := cur + delta
	if cur < 0 {
		next = 0
	}
	step := 1
	if delta < 0 {
		step = -1
	}
	for next >= 0 && next < len(t.rows) && t.rows[next].act == nil {
		next += step // skip month headers
	}
	if next < 0 || next >= len(t.rows) {
		return
	}
	t.list.Select(next)
	t.list.ScrollTo(next)
}

func (t *Tab) onSelected(i widget.ListItemID) {
	if i >= len(t.rows) || t.rows[i].act == nil {
		t.list.Unselect(i)
		return
	}
	t.show(t.rows[i].act)
}

// show puts a in the detail pane (nil: none).
func (t *Tab) show(a *domain.Activity) {
	t.selected = 0
	if a != nil {
		t.selected = a.ID
	}
	t.detail.show(a)
}

// replace puts a changed activity in place of its row, when its day did not
// change (the row stays where it was); otherwise the timeline reloads around it.
func (t *Tab) replace(a *domain.Activity) {
	i := t.indexOf(a.ID)
	if i < 0 || !t.rows[i].act.OccurredAt.Equal(a.OccurredAt) {
		t.revealIn(a.ID)
		return
	}
	t.rows[i].act = a
	t.list.RefreshItem(i)
	if t.selected == a.ID {
		t.detail.show(a)
	}
}

// remove takes a deleted activity out of the loaded rows, and its month's
// header when it was the month's last.
func (t *Tab) remove(id domain.ActivityID) {
	i := t.indexOf(id)
	if i < 0 {
		return
	}
	t.rows = append(t.rows[:i], t.rows[i+1:]...)
	if i > 0 && t.rows[i-1].act == nil && (i == len(t.rows) || t.rows[i].act == nil) {
		t.rows = append(t.rows[:i-1], t.rows[i:]...)
	}
	t.fitHeights()
	t.total--
	t.list.UnselectAll()
	t.list.Refresh()
	t.show(nil)
	t.showCounts()
}

// ask shows a question and keeps it for tests to answer.
func (t *Tab) ask(title, message string, choices ...xwidget.Choice) {
	t.question = xwidget.Ask(t.d.Window, title, message, choices...)
}

// Answer taps the button labelled label in the last question asked, as a user
// would; it reports whether there was such a button. For tests.
func (t *Tab) Answer(label string) bool {
	if t.question == nil {
		return false
	}
	b := t.question.Button(label)
	if b == nil {
		return false
	}
	b.OnTapped()
	return true
}

// Selected is the activity shown in the detail pane, 0 for none.
func (t *Tab) Selected() domain.ActivityID { return t.selected }
