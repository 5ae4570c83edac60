package history

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

func TestMain(m *testing.M) { uitest.Main(m) }

var now = uitest.At(9, 0)

type fixture struct {
	db     *domaintest.Store
	s      *Screen
	w      fyne.Window
	opened []string
	reply  *domain.Activity
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{db: domaintest.New(), w: uitest.Window(t, 1000, 700)}
	lodz := f.db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź")
	apteka := f.db.AddAccount(t, "K2", "Apteka Cicha", "Kraków")
	f.reply = f.db.AddActivity(t, lodz.ID, domain.KindEmail, now.AddDate(0, 0, -3), "Oferta na rękawice",
		func(a *domain.ActivityFields) {
			a.Notes = "Klient czeka na naszą odpowiedź w sprawie rabatu do piątku."
		})
	f.db.AddActivity(t, apteka.ID, domain.KindCall, now.AddDate(0, -2, 0), "Odpowiedzialny za zakupy",
		func(a *domain.ActivityFields) { a.Notes = "Nowa osoba od zamówień." })
	f.db.AddActivity(t, apteka.ID, domain.KindNote, now.AddDate(0, 0, -1), "Inwentaryzacja")
	f.s = New(Deps{Window: f.w, Activities: f.db, Run: worker.Inline, Locale: domain.Polish,
		Open: func(a domain.AccountID, act domain.ActivityID) {
			f.opened = append(f.opened, fmt.Sprintf("%d/%d", a, act))
		}})
	f.w.SetContent(f.s.Content())
	return f
}

// hit renders hit i: the account, the line under it and the snippet with
// marked words in [brackets].
func (f *fixture) hit(i int) (account, meta, snippet string) {
	o := newHitRow()
	f.s.updateHit(i, o)
	text := o.(*fyne.Container).Objects[0].(*fyne.Container)
	line := text.Objects[0].(*fyne.Container)
	var b strings.Builder
	for _, seg := range text.Objects[1].(*widget.RichText).Segments {
		ts := seg.(*widget.TextSegment)
		if ts.Style.TextStyle.Bold {
			b.WriteString("[" + ts.Text + "]")
		} else {
			b.WriteString(ts.Text)
		}
	}
	return line.Objects[1].(*widget.Label).Text, line.Objects[0].(*widget.Label).Text, b.String()
}

func TestSearchFindsANoteByAFoldedWord(t *testing.T) {
	f := newFixture(t)
	if !f.s.empty.Visible() || !strings.Contains(f.s.empty.Text, "odpowiedz") {
		t.Errorf("before typing: %q", f.s.empty.Text)
	}
	test.Type(f.s.search, "odpowiedz")
	if len(f.s.hits) != 2 {
		t.Fatalf("odpowiedz: %d hits, want the e-mail's notes and the call's subject", len(f.s.hits))
	}
	account, meta, snippet := f.hit(0)
	if account != "Hurtownia Łódź" || meta != "24.11.2026 09:00 · E-mail · Oferta na rękawice" {
		t.Errorf("first hit: %q / %q", account, meta)
	}
	if !strings.Contains(snippet, "naszą [odpowiedź] w sprawie") {
		t.Errorf("snippet %q, want the matched word marked", snippet)
	}
	if _, _, s2 := f.hit(1); !strings.HasPrefix(s2, "[Odpowiedz]ialny") {
		t.Errorf("a match in the subject: %q", s2)
	}
	if !strings.Contains(f.s.status.Text, "2 hits") {
		t.Errorf("status %q", f.s.status.Text)
	}
	f.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(f.opened) != 1 || f.opened[0] != fmt.Sprintf("%d/%d", f.reply.AccountID, f.reply.ID) {
		t.Errorf("Enter opened %v", f.opened)
	}
	test.Type(f.s.search, " rab")
	if len(f.s.hits) != 1 {
		t.Errorf("two words: %d hits", len(f.s.hits))
	}
	f.s.search.SetText("zzz")
	if len(f.s.hits) != 0 || !strings.Contains(f.s.empty.Text, "zzz") {
		t.Errorf("no hits: %d, %q", len(f.s.hits), f.s.empty.Text)
	}
}

func TestStaleSearchIsDropped(t *testing.T) {
	f := newFixture(t)
	var later []func()
	f.s.d.Run = func(job func()) { later = append(later, job) }
	f.s.search.SetText("odpowiedz")
	f.s.search.SetText("inwent")
	for i := len(later) - 1; i >= 0; i-- {
		later[i]()
	}
	if len(f.s.hits) != 1 || f.s.hits[0].Subject != "Inwentaryzacja" {
		t.Errorf("hits %+v, want only the last search's", f.s.hits)
	}
}

func TestHighlightIgnoresBadSpans(t *testing.T) {
	text := "Łódź i okolice"
	segs := Highlight(text, []domain.Span{{Start: 1, End: 3}, {Start: 0, End: 7}, {Start: 5, End: 99}})
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.(*widget.TextSegment).Text)
	}
	if b.String() != text || len(segs) != 2 || !segs[0].(*widget.TextSegment).Style.TextStyle.Bold {
		t.Errorf("segments %q (%d)", b.String(), len(segs))
	}
}
