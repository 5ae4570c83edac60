package timeline

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
)

// reload shows the first page of the current query.
func (t *Tab) reload() {
	t.start()
	q := t.query()
	q.Limit = pageSize
	gen, ctx := t.gen, t.ctx()
	t.pending = true
	t.d.Run(func() {
		page, err := t.d.Activities.Timeline(ctx, q)
		fyne.Do(func() { t.firstPage(gen, ctx, page, err, 0) })
	})
}

// start begins a new generation: results of older queries will be dropped.
func (t *Tab) start() {
	t.gen++
	if t.cancel != nil {
		t.cancel()
	}
	t.more, t.pending, t.loaded = false, false, false
}

// ctx is the context of the current generation's work.
func (t *Tab) ctx() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	return ctx
}

// firstPage shows the result of a new query, revealing the activity reveal
// when it is not 0.
func (t *Tab) firstPage(gen int, ctx context.Context, page *domain.TimelinePage, err error, reveal domain.ActivityID) {
	if gen != t.gen || ctx.Err() != nil {
		return
	}
	t.pending = false
	if err != nil {
		alert.Error(t.d.Window, err)
		return
	}
	t.rows = appendRows(nil, page.Activities)
	t.fitHeights()
	t.more, t.total, t.loaded = page.More, page.Total, true
	t.list.UnselectAll()
	t.list.Refresh()
	t.list.ScrollToTop()
	t.showCounts()
	if i := t.indexOf(reveal); i >= 0 {
		t.list.Select(i)
		t.list.ScrollTo(i)
		return
	}
	t.show(nil)
}

// fetchMore pages in the activities older than those loaded.
func (t *Tab) fetchMore() {
	if t.pending || !t.more || len(t.rows) == 0 {
		return
	}
	t.pending = true
	q := t.query()
	q.Limit = pageSize
	q.After = domain.CursorAfter(t.rows[len(t.rows)-1].act)
	gen := t.gen
	ctx := context.Background()
	t.d.Run(func() {
		page, err := t.d.Activities.Timeline(ctx, q)
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			t.pending = false
			if err != nil {
				alert.Error(t.d.Window, err)
				return
			}
			t.rows = appendRows(t.rows, page.Activities)
			t.more = page.More
			if !t.inUpdate {
				t.fitHeights()
				t.list.Refresh()
			}
		})
	})
}

// Reveal shows the activity id at the top of an unfiltered timeline's
// pages, loading as many as it takes, and selects it.
func (t *Tab) Reveal(id domain.ActivityID) {
	t.quiet = true
	t.search.SetText("")
	t.kind.SetSelectedIndex(0)
	t.from.SetDate(domain.Date{})
	t.to.SetDate(domain.Date{})
	t.quiet = false
	t.revealIn(id)
}

// revealIn loads the current query's pages up to the activity id in one
// piece of work and selects it; when the filters hide it, the first page shows.
func (t *Tab) revealIn(id domain.ActivityID) {
	t.start()
	q := t.query()
	q.Limit = revealPage
	gen, ctx := t.gen, t.ctx()
	t.pending = true
	t.d.Run(func() {
		all := &domain.TimelinePage{}
		var err error
		for {
			var page *domain.TimelinePage
			page, err = t.d.Activities.Timeline(ctx, q)
			if err != nil {
				break
			}
			if q.After.IsZero() {
				all.Total = page.Total
			}
			all.Activities = append(all.Activities, page.Activities...)
			all.More = page.More
			if !page.More || len(page.Activities) == 0 || contains(page.Activities, id) {
				break
			}
			q.After = domain.CursorAfter(page.Activities[len(page.Activities)-1])
		}
		fyne.Do(func() { t.firstPage(gen, ctx, all, err, id) })
	})
}

func contains(acts []*domain.Activity, id domain.ActivityID) bool {
	for _, a := range acts {
		if a.ID == id {
			return true
		}
	}
	return false
}

// indexOf is the row of activity id, -1 when it is not loaded.
func (t *Tab) indexOf(id domain.ActivityID) int {
	if id == 0 {
		return -1
	}
	for i, r := range t.rows {
		if r.act != nil && r.act.ID == id {
			return i
		}
	}
	return -1
}

// length is the rows shown: those loaded and, while more remain, a last row
// that says they are coming.
func (t *Tab) length() int {
	if t.more {
		return len(t.rows) + 1
	}
	return len(t.rows)
}

func (t *Tab) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(t.rows)-prefetch {
		// With the inline runner of tests the page arrives at once; in the app
		// it arrives later and refreshes the list then.
		t.inUpdate = true
		t.fetchMore()
		t.inUpdate = false
	}
	if i >= len(t.rows) {
		showLoading(o)
		return
	}
	t.showRow(t.rows[i], o)
}
