// Package history is the search across every account's history: the words
// typed are matched, folded for Polish, against the subjects and notes of all
// activities, and each hit opens its account at that entry.
package history

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/timeline"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Deps is what the screen works with.
type Deps struct {
	Window     fyne.Window
	Activities domain.ActivityService
	Run        worker.Runner
	Locale     domain.Locale
	// Open shows an account at one activity of its history.
	Open func(account domain.AccountID, activity domain.ActivityID)
}

// Screen is the history search.
type Screen struct {
	d Deps

	search  *xwidget.SearchEntry
	list    *widget.List
	status  *widget.Label
	empty   *widget.Label
	content fyne.CanvasObject

	gen      int                // generation of the search on screen
	cancel   context.CancelFunc // stops the search in flight
	query    string             // the search shown
	hits     []domain.HistoryHit
	selected int  // highlighted hit, -1 for none
	moving   bool // the selection moves by keyboard: do not open
}

// New builds the screen.
func New(d Deps) *Screen {
	if d.Run == nil {
		d.Run = worker.Go
	}
	s := &Screen{d: d, selected: -1}
	s.search = xwidget.NewSearchEntry()
	s.search.SetPlaceHolder(lang.X("history.search.placeholder", "Search every call, meeting, e-mail, note and task… (Ctrl+H)"))
	s.search.OnChanged = func(string) { s.run() }
	s.search.OnSubmitted = func(string) { s.openSelected() }
	s.search.OnMove = s.move
	s.list = widget.NewList(func() int { return len(s.hits) }, newHitRow, s.updateHit)
	s.list.OnSelected = func(i widget.ListItemID) {
		s.selected = i
		if !s.moving {
			s.open(i)
		}
	}
	s.list.OnUnselected = func(i widget.ListItemID) {
		if i == s.selected {
			s.selected = -1
		}
	}
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance
	s.empty = widget.NewLabel("")
	s.empty.Alignment = fyne.TextAlignCenter
	s.empty.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(lang.X("history.title", "Search the history"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.content = container.NewBorder(container.NewVBox(title, s.search, widget.NewSeparator()), s.status, nil, nil,
		container.NewStack(s.list, container.NewVBox(layout.NewSpacer(), s.empty, layout.NewSpacer())))
	s.show()
	return s
}

// Content is the screen's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// FocusSearch puts the keyboard in the search box, its text selected so
// typing replaces the last search.
func (s *Screen) FocusSearch() {
	s.d.Window.Canvas().Focus(s.search)
	s.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// Refresh runs the search again (activities may have changed meanwhile).
func (s *Screen) Refresh() { s.run() }

// run starts the search the box asks for; a result of an older one is dropped.
func (s *Screen) run() {
	s.gen++
	if s.cancel != nil {
		s.cancel()
	}
	s.query = strings.TrimSpace(s.search.Text)
	if len(domain.FoldTokens(s.query)) == 0 {
		s.hits = nil
		s.show()
		return
	}
	gen, query := s.gen, s.query
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.d.Run(func() {
		hits, err := s.d.Activities.SearchHistory(ctx, query, domain.DefaultSearchLimit)
		fyne.Do(func() {
			if gen != s.gen || ctx.Err() != nil {
				return
			}
			if err != nil {
				alert.Error(s.d.Window, err)
				return
			}
			s.hits = hits
			s.show()
		})
	})
}

// show refreshes the list, the status line and the empty state.
func (s *Screen) show() {
	s.selected = -1
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
	count := s.d.Locale.FormatDecimal(decimal.NewFromInt(int64(len(s.hits))), 0)
	switch {
	case s.query == "":
		s.status.SetText("")
	case len(s.hits) >= domain.DefaultSearchLimit:
		s.status.SetText(lang.X("history.status.first", "The newest {{.Count}} hits; type more words to narrow them down.", map[string]any{"Count": count}))
	default:
		s.status.SetText(lang.XN("history.status.hits", "{{.Count}} hits, newest first", len(s.hits), map[string]any{"Count": count}))
	}
	switch {
	case len(s.hits) > 0:
		s.empty.Hide()
	case s.query == "":
		s.empty.SetText(lang.X("history.empty.start", "Type words from a subject or the notes. Polish letters are optional: “odpowiedz” finds “odpowiedź”."))
		s.empty.Show()
	default:
		s.empty.SetText(lang.X("history.empty.none", "No activity mentions “{{.Query}}”.", map[string]any{"Query": s.query}))
		s.empty.Show()
	}
}

// move steps the selection through the hits from the search box.
func (s *Screen) move(delta int) {
	if len(s.hits) == 0 {
		return
	}
	i := s.selected + delta
	if s.selected < 0 && delta > 0 {
		i = 0
	}
	i = min(max(i, 0), len(s.hits)-1)
	s.moving = true
	s.list.Select(i)
	s.moving = false
	s.list.ScrollTo(i)
}

// openSelected opens the highlighted hit, or the first (Enter in the box).
func (s *Screen) openSelected() { s.open(max(s.selected, 0)) }

func (s *Screen) open(i int) {
	if i < len(s.hits) {
		s.d.Open(s.hits[i].AccountID, s.hits[i].ID)
	}
}

// newHitRow is one hit: the kind's icon; the account, moment, kind and
// subject; and the snippet with the matched words in bold.
func newHitRow() fyne.CanvasObject {
	account := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	meta := widget.NewLabel("")
	meta.Importance = widget.LowImportance
	meta.Truncation = fyne.TextTruncateEllipsis
	snippet := widget.NewRichText()
	snippet.Truncation = fyne.TextTruncateEllipsis
	icon := widget.NewIcon(nil)
	return container.NewBorder(nil, nil, container.NewCenter(icon), nil,
		container.NewVBox(container.NewBorder(nil, nil, account, nil, meta), snippet))
}

func (s *Screen) updateHit(i widget.ListItemID, o fyne.CanvasObject) {
	h := s.hits[i]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	line := text.Objects[0].(*fyne.Container)
	row.Objects[1].(*fyne.Container).Objects[0].(*widget.Icon).SetResource(timeline.KindIcon(h.Kind))
	line.Objects[1].(*widget.Label).SetText(h.AccountName)
	line.Objects[0].(*widget.Label).SetText(strings.Join([]string{
		s.d.Locale.FormatDateTime(h.OccurredAt), timeline.KindLabel(h.Kind), h.Subject}, " · "))
	snippet := text.Objects[1].(*widget.RichText)
	snippet.Segments = Highlight(h.Snippet, h.Marks)
	snippet.Refresh()
}
