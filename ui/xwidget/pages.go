package xwidget

import (
	"context"

	"fyne.io/fyne/v2"

	"kontor/ui/worker"
)

// Pages is the row cache behind a long virtualised list: rows are fetched a
// page at a time, off the Fyne goroutine, when the list first shows them, and
// the pages farthest from the one fetched last are dropped so memory stays
// bounded however far the user scrolls. Every Reset starts a generation; a
// result of an older one is dropped, so a slow query never overwrites a newer
// one. Use it from the Fyne goroutine only.
type Pages[T any] struct {
	Size, Max int // rows per page and pages kept (defaults 100 and 40)
	Run       worker.Runner
	// Load fetches limit rows from offset and the number of rows in all. It
	// runs off the Fyne goroutine and must not touch widgets.
	Load func(ctx context.Context, offset, limit int) ([]T, int, error)
	// Loaded runs on the Fyne goroutine after a page arrived (first: the first
	// page of this generation) or failed; not while Row is asking for it.
	Loaded func(first bool, err error)
	// Arrived runs on the Fyne goroutine with the rows of each page as it
	// arrives, before they show: a list widens its columns to them.
	Arrived func(rows []T)

	gen     int
	cancel  context.CancelFunc
	pages   map[int][]T
	pending map[int]bool
	total   int
	loaded  bool
	inRow   bool
}

func (p *Pages[T]) size() int {
	if p.Size <= 0 {
		return 100
	}
	return p.Size
}

// Reset drops every row and fetches the first page of what Load now returns.
func (p *Pages[T]) Reset() {
	p.gen++
	if p.cancel != nil {
		p.cancel()
	}
	p.pages, p.pending, p.loaded = map[int][]T{}, map[int]bool{}, false
	p.fetch(0)
}

// Total is the number of rows; 0 until the first page arrived.
func (p *Pages[T]) Total() int { return p.total }

// Ready reports whether the first page of the current generation arrived.
func (p *Pages[T]) Ready() bool { return p.loaded }

// Row returns row i, fetching its page when it is missing. With an inline
// runner the page arrives at once; otherwise Loaded runs when it does.
func (p *Pages[T]) Row(i int) (T, bool) {
	if r, ok := p.cached(i); ok {
		return r, true
	}
	if p.pages != nil {
		p.inRow = true
		p.fetch(i / p.size())
		p.inRow = false
	}
	return p.cached(i)
}

func (p *Pages[T]) cached(i int) (T, bool) {
	var zero T
	page, ok := p.pages[i/p.size()]
	if !ok || i < 0 || i%p.size() >= len(page) {
		return zero, false
	}
	return page[i%p.size()], true
}

func (p *Pages[T]) fetch(n int) {
	if p.pending[n] {
		return
	}
	p.pending[n] = true
	gen, size := p.gen, p.size()
	if n == 0 {
		ctx, cancel := context.WithCancel(context.Background())
		p.cancel = cancel
		p.run(ctx, gen, n, size)
		return
	}
	p.run(context.Background(), gen, n, size)
}

func (p *Pages[T]) run(ctx context.Context, gen, n, size int) {
	run := p.Run
	if run == nil {
		run = worker.Go
	}
	load := p.Load // read here: a new query may set another while this one runs
	run(func() {
		rows, total, err := load(ctx, n*size, size)
		fyne.Do(func() {
			if gen != p.gen || ctx.Err() != nil {
				return
			}
			delete(p.pending, n)
			first := !p.loaded
			if err == nil {
				if p.Arrived != nil {
					p.Arrived(rows)
				}
				p.pages[n] = rows
				p.evict(n)
				p.total, p.loaded = total, true
			}
			if !p.inRow && p.Loaded != nil {
				p.Loaded(first, err)
			}
		})
	})
}

// evict drops the pages farthest from n beyond Max.
func (p *Pages[T]) evict(n int) {
	limit := p.Max
	if limit <= 0 {
		limit = 40
	}
	for len(p.pages) > limit {
		far, dist := -1, -1
		for q := range p.pages {
			if d := max(q-n, n-q); d > dist {
				far, dist = q, d
			}
		}
		delete(p.pages, far)
	}
}
