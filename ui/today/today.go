// Package today is the rep's start page: open tasks overdue, due today and
// due in the next days across every account, done or rescheduled in place,
// and beside them the accounts going cold.
package today

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// coldLimit bounds the going-cold list: the oldest this many, the total said.
const coldLimit = 500

// Deps is what the screen works with.
type Deps struct {
	Window     fyne.Window
	Activities domain.ActivityService
	Run        worker.Runner
	Locale     domain.Locale
	Now        func() time.Time
	ColdDays   func() int // the going-cold threshold from Settings
	// Open shows an account at one activity of its history (0: from the top).
	Open func(account domain.AccountID, activity domain.ActivityID)
	// KSeF warns of invoices past the offline24 deadline and of files that
	// cannot be built; nil: no warning.
	KSeF domain.KSeFService
	// NotBackOffice reports whether the file is joined to a team as someone
	// other than the back office, who sends the invoices to KSeF: no KSeF
	// warning then. nil: not joined.
	NotBackOffice func() bool
	// Promises lists the promises to pay broken lately; nil: not shown.
	Promises func(ctx context.Context, today domain.Date) ([]domain.BrokenPromise, error)
	// Beside is shown left of the agenda (the dashboard); nil: the tasks and
	// the accounts going cold share the page side by side. Tools go in the
	// title's line before Refresh (the dashboard's scope).
	Beside fyne.CanvasObject
	Tools  []fyne.CanvasObject
}

// Screen is the Today page.
type Screen struct {
	d Deps

	title     *widget.Label
	refresh   *widget.Button
	undo      *widget.Button    // opens again the task ticked done last
	undone    domain.ActivityID // that task, 0 when there is nothing to undo
	status    *widget.Label
	tasks     *widget.List
	taskRows  []taskRow
	taskMin   float32 // a task row's height
	lineMin   float32 // a section title's row height
	coldTitle *widget.Label
	coldNote  *widget.Label
	cold      *widget.List
	coldRows  []domain.ColdAccount
	coldEmpty *widget.Label
	ksef      *widget.Label // the KSeF warning; hidden when there is nothing to say
	promises  *brokenPromises
	content   fyne.CanvasObject

	gen     int         // generation of the load on screen; older results are dropped
	today   domain.Date // the day the agenda on screen is for
	loading bool
}

// New builds the screen; Refresh loads it.
func New(d Deps) *Screen {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.ColdDays == nil {
		d.ColdDays = func() int { return domain.DefaultColdDays }
	}
	s := &Screen{d: d}
	s.build()
	return s
}

// Content is the screen's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

func (s *Screen) build() {
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.SizeName = theme.SizeNameSubHeadingText
	s.refresh = widget.NewButtonWithIcon(lang.X("today.refresh", "Refresh"), theme.ViewRefreshIcon(), s.Refresh)
	// The last message shares the title's line: nothing moves when it comes.
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance

	s.tasks = widget.NewList(func() int { return len(s.taskRows) }, s.newTaskRow, s.updateTaskRow)
	s.tasks.OnSelected = func(i widget.ListItemID) {
		s.tasks.UnselectAll()
		if i < len(s.taskRows) && s.taskRows[i].item != nil {
			it := s.taskRows[i].item
			s.d.Open(it.AccountID, it.ID)
		}
	}
	tasksHead := widget.NewLabelWithStyle(lang.X("today.tasks.title", "Tasks"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	s.coldTitle = widget.NewLabelWithStyle(lang.X("today.cold.title", "Going cold"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.coldNote = widget.NewLabel("")
	s.coldNote.Importance = widget.LowImportance
	s.coldNote.Truncation = fyne.TextTruncateEllipsis // the whole note on hover
	s.cold = widget.NewList(func() int { return len(s.coldRows) }, newColdRow, s.updateColdRow)
	s.cold.OnSelected = func(i widget.ListItemID) {
		s.cold.UnselectAll()
		if i < len(s.coldRows) {
			s.d.Open(s.coldRows[i].AccountID, 0)
		}
	}
	s.coldEmpty = widget.NewLabel(lang.X("today.cold.none", "No account is going cold. Well done!"))
	s.coldEmpty.Wrapping = fyne.TextWrapWord
	s.coldEmpty.Hide()

	s.ksef = widget.NewLabel("")
	s.ksef.Truncation = fyne.TextTruncateEllipsis // the whole warning on hover
	s.ksef.Importance = widget.DangerImportance
	s.ksef.Hide()
	s.undo = widget.NewButtonWithIcon(lang.X("today.undo", "Undo"), theme.ContentUndoIcon(), s.onUndo)
	s.undo.Importance = widget.HighImportance
	s.undo.Hide()
	head := container.NewBorder(nil, nil, nil, container.NewHBox(append([]fyne.CanvasObject{s.undo}, append(s.d.Tools, s.refresh)...)...),
		xwidget.NewPairLine(s.title, s.status))
	s.promises = newBrokenPromises()
	left := container.NewBorder(container.NewVBox(s.promises.box, tasksHead, widget.NewSeparator()), nil, nil, nil, s.tasks)
	right := container.NewBorder(container.NewVBox(s.coldTitle, s.coldNote, widget.NewSeparator()), nil, nil, nil,
		container.NewStack(s.cold, container.NewVBox(s.coldEmpty)))
	var body fyne.CanvasObject
	if s.d.Beside != nil {
		agenda := container.NewVSplit(left, right)
		agenda.Offset = 0.6
		split := container.NewHSplit(s.d.Beside, agenda)
		split.Offset = 0.5
		body = split
	} else {
		split := container.NewHSplit(left, right)
		split.Offset = 0.6
		body = split
	}
	s.content = container.NewBorder(container.NewVBox(head, s.ksef), nil, nil, nil, body)
}

// Refresh loads today's agenda and the accounts going cold in one piece of
// work and shows them together.
func (s *Screen) Refresh() {
	s.dismissUndo()
	s.gen++
	gen := s.gen
	today := domain.DateOf(s.d.Now())
	days := s.d.ColdDays()
	s.loading = true
	s.refresh.Disable()
	warnKSeF := s.d.KSeF != nil && (s.d.NotBackOffice == nil || !s.d.NotBackOffice())
	s.d.Run(func() {
		ctx := context.Background()
		agenda, err := s.d.Activities.TodayAgenda(ctx, today, 0)
		var cold []domain.ColdAccount
		total := 0
		if err == nil {
			cold, total, err = s.d.Activities.GoingCold(ctx, today, days, coldLimit)
		}
		var counts domain.KSeFCounts
		if err == nil && warnKSeF {
			counts, err = s.d.KSeF.KSeFCounts(ctx, today)
		}
		var broken []domain.BrokenPromise
		if err == nil && s.d.Promises != nil {
			broken, err = s.d.Promises(ctx, today)
		}
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.loading = false
			s.refresh.Enable()
			if err != nil {
				alert.Error(s.d.Window, err)
				return
			}
			s.today = today
			s.showAgenda(agenda)
			s.showCold(cold, total, days)
			s.showKSeF(counts)
			s.promises.show(s, broken)
		})
	})
}

// showCold fills the going-cold side.
func (s *Screen) showCold(cold []domain.ColdAccount, total, days int) {
	s.coldRows = cold
	s.cold.UnselectAll()
	s.cold.Refresh()
	s.cold.ScrollToTop()
	note := lang.XN("today.cold.note", "No call, meeting or e-mail for more than {{.Count}} days; the longest silent first.", days,
		map[string]any{"Count": days})
	count := s.d.Locale.FormatDecimal(decimal.NewFromInt(int64(total)), 0)
	note += " " + lang.XN("today.cold.count", "{{.Count}} accounts.", total, map[string]any{"Count": count})
	if total > len(cold) {
		note += " " + lang.X("today.cold.first", "The first {{.Shown}} are listed.",
			map[string]any{"Shown": s.d.Locale.FormatDecimal(decimal.NewFromInt(int64(len(cold))), 0)})
	}
	s.coldNote.SetText(note)
	if total == 0 {
		s.coldEmpty.Show()
	} else {
		s.coldEmpty.Hide()
	}
}

// showKSeF warns of invoices not in KSeF past the business day after their
// date (the offline24 deadline) and of files that cannot be built.
func (s *Screen) showKSeF(c domain.KSeFCounts) {
	var parts []string
	if c.Late > 0 {
		parts = append(parts, lang.XN("today.ksef.late",
			"KSeF: {{.Count}} invoices are not in KSeF though the business day after their date has passed (the offline24 deadline): send them and import the receipts.",
			c.Late, map[string]any{"Count": c.Late}))
	}
	if c.CannotBuild > 0 {
		parts = append(parts, lang.XN("today.ksef.cannot_build",
			"KSeF: the files of {{.Count}} invoices cannot be built: Receivables, KSeF filter \"cannot be built\" says what each needs.",
			c.CannotBuild, map[string]any{"Count": c.CannotBuild}))
	}
	s.ksef.SetText(strings.Join(parts, " "))
	if len(parts) == 0 {
		s.ksef.Hide()
	} else {
		s.ksef.Show()
	}
	xwidget.Relayout(s.ksef)
}

// setStatus shows a message under the title.
func (s *Screen) setStatus(msg string, importance widget.Importance) {
	s.status.Importance = importance
	s.status.SetText(msg)
	xwidget.Relayout(s.status) // the title's line is shared anew
}
