package documents

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// pasteDialog takes lines copied from a spreadsheet or an e-mail ("SKU<TAB>qty"
// or "SKU;qty", one a line). The lines it recognises are added to the
// document; the others stay in the text, each listed with why, for the user
// to correct and add again. Nothing is dropped without a word.
type pasteDialog struct {
	e        *lineEditor
	text     *widget.Entry // the text of shown
	shown    *xwidget.Entry
	problems *widget.Label
	addBtn   *widget.Button
	dialog   *xwidget.Dialog
	added    int // lines added by the last try
}

func (e *lineEditor) openPaste() {
	if e.locked {
		return
	}
	p := &pasteDialog{e: e}
	text := xwidget.NewMultiLineEntry(10)
	text.Tabs = true // "SKU<Tab>qty" is typed as well as pasted
	text.Wrapping = fyne.TextWrapOff
	p.text = &text.Entry
	p.shown = text
	p.text.SetPlaceHolder(lang.X("documents.paste.placeholder", "ABC-100\t12\nABC-200;5"))
	p.text.OnSubmitted = func(string) { p.submit() } // Shift+Enter: adds the lines without the mouse
	p.problems = widget.NewLabel("")
	p.problems.Importance = widget.DangerImportance
	p.problems.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel(lang.X("documents.paste.hint", "One line each: SKU, then a tab or a semicolon, then the quantity. Shift+Enter adds them."))
	hint.Wrapping = fyne.TextWrapWord
	p.addBtn = widget.NewButton(lang.X("documents.paste.add", "Add lines"), p.submit)
	p.addBtn.Importance = widget.HighImportance
	closeBtn := widget.NewButton(lang.X("documents.paste.close", "Close"), func() { p.dialog.Hide() })
	body := container.NewBorder(hint, container.NewVBox(p.problems, container.NewHBox(p.addBtn, closeBtn)), nil, nil,
		container.NewVScroll(p.shown))
	p.dialog = xwidget.NewDialog(lang.X("documents.paste.title", "Paste lines"), body, e.d.Window)
	p.dialog.Fit(fyne.NewSize(620, 480))
	p.dialog.Show()
	e.d.Window.Canvas().Focus(p.shown)
	e.lastPaste = p
}

// submit parses the text, looks every SKU up off the Fyne goroutine, adds the
// recognised lines and leaves the rest in the entry with their problems.
func (p *pasteDialog) submit() {
	res := domain.ParsePaste(p.text.Text)
	if len(res.Lines)+len(res.Rejected) == 0 {
		return
	}
	p.addBtn.Disable()
	d := p.e.d
	d.Run(func() {
		err := res.MatchProducts(func(sku string) (*domain.Product, error) {
			return d.Products.FindProductBySKU(context.Background(), sku)
		})
		fyne.Do(func() {
			p.addBtn.Enable()
			if err != nil {
				alert.Error(d.Window, err)
				return
			}
			p.apply(res)
		})
	})
}

// apply adds what was recognised and keeps what was not.
func (p *pasteDialog) apply(res domain.PasteResult) {
	lines := make([]domain.DocumentLine, 0, len(res.Lines))
	for i := range res.Lines {
		pl := &res.Lines[i]
		p.e.products[strings.ToUpper(pl.Product.SKU)] = pl.Product
		lines = append(lines, pl.NewLine())
	}
	p.added = len(lines)
	if len(lines) > 0 {
		p.e.addLines(lines)
	}
	if len(res.Rejected) == 0 {
		p.dialog.Hide()
		p.e.setStatus(lang.XN("documents.paste.added", "{{.Count}} lines added.", len(lines), map[string]any{"Count": len(lines)}),
			widget.SuccessImportance)
		return
	}
	var text, why []string
	for _, r := range res.Rejected {
		text = append(text, r.Text)
		why = append(why, alert.Message(r.Problem))
	}
	p.text.SetText(strings.Join(text, "\n"))
	p.problems.SetText(lang.XN("documents.paste.rejected", "{{.Count}} lines were not added; correct them above and add them again:",
		len(res.Rejected), map[string]any{"Count": len(res.Rejected)}) + "\n" + strings.Join(why, "\n"))
	p.e.setStatus(lang.X("documents.paste.partial", "{{.Added}} lines added, {{.Rejected}} waiting for correction in the paste window.",
		map[string]any{"Added": len(lines), "Rejected": len(res.Rejected)}), widget.WarningImportance)
}
