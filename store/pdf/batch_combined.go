package pdf

import (
	"context"
	"sync"

	"kontor/domain"
	"kontor/store/safefile"
)

// combined builds the statements on the workers and draws them, in the
// accounts' order, into one book on this goroutine (a gofpdf document is not
// safe for concurrent use). The workers run at most a window ahead of the
// drawing, so memory stays bounded whatever the number of accounts; a book
// is written out every BookLimit statements and the file split in parts.
func (b *batch) combined() (domain.BatchResult, error) {
	ctx, stop := context.WithCancel(b.ctx)
	defer stop()
	type built struct {
		s   *domain.Statement
		err error
	}
	slots := make([]chan built, len(b.ids))
	for i := range slots {
		slots[i] = make(chan built, 1) // a worker never waits for the drawing
	}
	window := make(chan struct{}, 4*b.workers())
	jobs := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the feeder: an account enters the window before a worker takes it
		defer wg.Done()
		defer close(jobs)
		for i := range b.ids {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range b.workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s, err := b.p.Receivables.Statement(ctx, b.ids[i], b.m)
				slots[i] <- built{s, err}
			}
		}()
	}
	book := NewStatementBook(b.company, b.opt)
	limit, written := b.p.bookLimit(), 0
	var parts []*safefile.File // full books already written to temporary files
	var broken error
draw:
	for i, id := range b.ids {
		var got built
		select {
		case got = <-slots[i]:
			<-window
		case <-b.ctx.Done():
			break draw
		}
		switch {
		case got.err != nil && b.ctx.Err() != nil:
			break draw
		case got.err != nil:
			b.fail(accountLabel(id, nil), got.err)
		case !got.s.HasMovement():
			b.finish(func(r *domain.BatchResult) { r.Skipped++ })
		default:
			if broken = book.Add(got.s); broken != nil {
				// The book draws nothing more after an error; the statements
				// before it are lost with it, so the batch stops here.
				break draw
			}
			written++
			if book.Len() == limit {
				tmp, err := writePart(partPath(b.out, len(parts)+1), book.Output)
				if err != nil {
					broken = err
					break draw
				}
				parts = append(parts, tmp)
				book = NewStatementBook(b.company, b.opt)
			}
			b.finish(nil)
		}
	}
	stop()
	wg.Wait()
	res := b.result()
	if broken != nil || res.Cancelled || written == 0 {
		removeAll(parts)
		return res, broken
	}
	if len(parts) == 0 {
		path, err := writeFileAtomic(b.out, book.Output)
		if err != nil {
			return res, err
		}
		removeStaleParts(b.out, 0)
		res.Written, res.Paths = written, []string{path}
		return res, nil
	}
	if book.Len() > 0 {
		tmp, err := writePart(partPath(b.out, len(parts)+1), book.Output)
		if err != nil {
			removeAll(parts)
			return res, err
		}
		parts = append(parts, tmp)
	}
	// Every part is on disk before any takes its name, so a failure leaves
	// no set of parts that looks complete.
	for k, tmp := range parts {
		if err := tmp.Commit(); err != nil {
			removeAll(parts[k:])
			return res, err
		}
		res.Paths = append(res.Paths, tmp.Target())
	}
	removeStaleParts(b.out, len(parts))
	res.Written = written
	return res, nil
}

func removeAll(parts []*safefile.File) {
	for _, p := range parts {
		p.Abort()
	}
}
