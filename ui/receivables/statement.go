package receivables

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// statementColumns: date, document, due, amount, balance.
var statementColumns = xwidget.Columns{Widths: []float32{90, 240, 90, 100, 100}, Flex: 1, Whole: []int{0, 2}}

var statementRight = []int{3, 4}

// statementView previews an account's statement of a month as the PDF
// prints it (opening balance, the month's lines with a running balance,
// closing balance, aging), and saves or opens the PDF.
type statementView struct {
	t        *AccountTab
	months   monthPicker
	month    *widget.Select
	language *widget.Select
	saveBtn  *widget.Button
	openBtn  *widget.Button
	mailBtn  *widget.Button
	account  *widget.Label
	period   *widget.Label
	opening  *row
	closing  *row
	lines    *widget.List
	aging    *aging
	status   *widget.Label
	empty    *widget.Label
	dialog   *xwidget.Dialog
	body     fyne.CanvasObject

	st  *domain.Statement
	gen int
}

// onStatement opens the preview at last month.
func (t *AccountTab) onStatement() {
	v := &statementView{t: t, months: newMonthPicker(t.d.Today())}
	v.month = widget.NewSelect(v.months.labels, func(string) { v.load() })
	_, names := languages()
	v.language = widget.NewSelect(names, nil)
	v.language.SetSelected(languageLabel(t.d.Language()))
	v.saveBtn = widget.NewButtonWithIcon(lang.X("receivables.statement.save", "Save PDF…"), theme.DocumentSaveIcon(), v.save)
	v.openBtn = widget.NewButtonWithIcon(lang.X("receivables.statement.open_pdf", "Open PDF"), theme.FileApplicationIcon(), v.openPDF)
	v.mailBtn = widget.NewButtonWithIcon(lang.X("letters.email", "E-mail…"), theme.MailSendIcon(), v.mail)
	if t.d.Printer == nil {
		v.saveBtn.Hide()
		v.openBtn.Hide()
	}
	if t.d.Printer == nil || t.d.Drafts == nil {
		v.mailBtn.Hide()
	}
	v.account = widget.NewLabel("")
	v.account.Wrapping = fyne.TextWrapWord
	v.period = widget.NewLabel("")
	v.period.TextStyle.Bold = true
	v.opening = newRow(statementColumns, statementRight...)
	v.closing = newRow(statementColumns, statementRight...)
	for _, l := range append(v.opening.labels(), v.closing.labels()...) {
		l.TextStyle.Bold = true
	}
	v.lines = widget.NewList(func() int { return v.lineCount() },
		func() fyne.CanvasObject { return newRow(statementColumns, statementRight...) }, v.updateLine)
	v.lines.OnSelected = func(id widget.ListItemID) { v.lines.Unselect(id) }
	v.aging = newAging()
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.empty = widget.NewLabel(lang.X("receivables.statement.no_lines", "No invoices or payments in this month."))
	v.empty.Alignment = fyne.TextAlignCenter
	v.empty.Importance = widget.LowImportance
	v.empty.Hide()

	bar := container.NewHBox(widget.NewLabel(lang.X("receivables.statement.month", "Month")),
		container.NewGridWrap(fyne.NewSize(200, v.month.MinSize().Height), v.month),
		widget.NewLabel(lang.X("receivables.statement.language", "PDF language")), v.language, layout.NewSpacer(), v.saveBtn, v.openBtn, v.mailBtn)
	head := statementColumns.Header([]string{lang.X("receivables.statement.date", "Date"),
		lang.X("receivables.statement.document", "Document"), lang.X("receivables.statement.due", "Due"),
		lang.X("receivables.statement.amount", "Amount"), lang.X("receivables.statement.balance", "Balance")}, statementRight...)
	agingTitle := widget.NewLabelWithStyle(lang.X("receivables.statement.aging", "Aging at the statement date"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(bar, widget.NewSeparator(), v.account, v.period, head, widget.NewSeparator(), v.opening)
	closeBtn := widget.NewButton(lang.X("receivables.batch.close", "Close"), func() { v.dialog.Hide() })
	bottom := container.NewVBox(v.closing, widget.NewSeparator(), agingTitle, v.aging.content,
		container.NewBorder(nil, nil, nil, closeBtn, v.status))
	body := container.NewBorder(top, bottom, nil, nil, container.NewStack(v.lines, container.NewVBox(v.empty)))
	v.body = body
	title := lang.X("receivables.statement.title", "Statement of account: {{.Name}} ({{.Code}})", map[string]any{"Name": t.acc.Name, "Code": t.acc.Code})
	v.dialog = xwidget.NewDialog(title, body, t.d.Window)
	v.dialog.Fit(fyne.NewSize(900, 640))
	t.statement = v
	v.month.SetSelectedIndex(1) // last month; loads it
	v.dialog.Show()
}

func (v *statementView) lineCount() int {
	if v.st == nil {
		return 0
	}
	return len(v.st.Lines)
}

// load computes the statement of the month chosen on the worker.
func (v *statementView) load() {
	m := v.months.month(v.month.Selected)
	if m.IsZero() {
		return
	}
	v.gen++
	gen, id := v.gen, v.t.acc.ID
	v.status.SetText(lang.X("receivables.statement.loading", "Computing…"))
	v.t.d.Run(func() {
		st, err := v.t.d.Receivables.Statement(context.Background(), id, m)
		fyne.Do(func() {
			if gen != v.gen {
				return
			}
			v.status.SetText("")
			if err != nil {
				alert.Error(v.t.d.Window, err)
				return
			}
			v.show(st)
		})
	})
}

// show fills the preview.
func (v *statementView) show(st *domain.Statement) {
	v.st = st
	loc, a := v.t.d.Locale, st.Account
	who := a.Name + " (" + a.Code + ")"
	if addr := a.BillingAddress(); addr.Street != "" || addr.City != "" {
		who += " · " + strings.TrimSpace(addr.Street+", "+addr.PostalCode+" "+addr.City)
	}
	var parts []string
	if a.TaxID != "" {
		tax := a.TaxID
		if a.Country == "PL" && len(tax) == 10 {
			tax = domain.FormatNIP(tax)
		}
		parts = append(parts, lang.X("receivables.statement.tax_id", "NIP {{.TaxID}}", map[string]any{"TaxID": tax}))
	}
	parts = append(parts, lang.X("receivables.statement.terms", "terms: {{.Terms}}", map[string]any{"Terms": xwidget.TermsText(a.PaymentTerms)}))
	if a.CreditLimit > 0 {
		parts = append(parts, lang.X("account.credit_limit_short", "credit limit {{.Amount}}", map[string]any{"Amount": money(loc, a.CreditLimit)}))
	}
	v.account.SetText(who + "\n" + strings.Join(parts, " · "))
	v.period.SetText(lang.X("receivables.statement.period", "{{.Month}}: {{.From}} – {{.To}}, statement date {{.To}}",
		map[string]any{"Month": monthTitle(st.Month), "From": loc.FormatDate(st.Month.First()), "To": loc.FormatDate(st.Date)}))
	v.opening.set(-1, loc.FormatDate(st.Month.First()), lang.X("receivables.statement.opening", "Opening balance"), "", "", money(loc, st.Opening))
	v.closing.set(-1, loc.FormatDate(st.Date), lang.X("receivables.statement.closing", "Closing balance"), "",
		"", money(loc, st.Closing))
	v.aging.set(loc, st.Aging)
	// The opening and closing lines are bold.
	bold, size := fyne.TextStyle{Bold: true}, theme.TextSize()
	grew := statementColumns.FitSized(0, size, bold, loc.FormatDate(st.Month.First()), loc.FormatDate(st.Date))
	grew = statementColumns.FitSized(4, size, bold, money(loc, st.Opening), money(loc, st.Closing)) || grew
	for i := range st.Lines {
		grew = statementColumns.FitRow(statementRight, v.lineTexts(&st.Lines[i])...) || grew
	}
	if grew {
		xwidget.RelayoutTree(v.body)
	}
	if len(st.Lines) == 0 {
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.lines.Refresh()
	v.lines.ScrollToTop()
}

func (v *statementView) updateLine(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= v.lineCount() {
		return
	}
	l := &v.st.Lines[id]
	w := rowOf(o)
	w.set(id, v.lineTexts(l)...)
	if l.Amount < 0 {
		w.mark(3, widget.SuccessImportance)
	}
}

// lineTexts are a statement line's cells as shown.
func (v *statementView) lineTexts(l *domain.StatementLine) []string {
	loc := v.t.d.Locale
	var doc string
	switch {
	case l.Kind == domain.LinePayment && l.Number == "":
		doc = lang.X("receivables.statement.payment", "Payment")
	case l.Kind == domain.LinePayment:
		doc = lang.X("receivables.statement.payment_ref", "Payment: {{.Reference}}", map[string]any{"Reference": l.Number})
	case l.Credit:
		doc = lang.X("receivables.statement.credit_note", "Credit note {{.Number}}", map[string]any{"Number": l.Number})
	default:
		doc = lang.X("receivables.statement.invoice", "Invoice {{.Number}}", map[string]any{"Number": l.Number})
	}
	return []string{loc.FormatDate(l.Date), doc, loc.FormatDate(l.Due), money(loc, l.Amount), money(loc, l.Balance)}
}

// fileName is the PDF's name, as the batch names it.
func (v *statementView) fileName() string {
	return fmt.Sprintf("%s_%s.pdf", safeName(v.t.acc.Code), v.months.month(v.month.Selected))
}

// safeName keeps an account code usable as a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
}

// save asks where and writes the PDF.
func (v *statementView) save() {
	v.t.d.SaveFile(v.fileName(), func(path string) {
		v.write(path, func() {
			v.status.SetText(lang.X("receivables.statement.saved", "Saved to {{.Path}}", map[string]any{"Path": path}))
			v.logPrinted(path)
		})
	})
}

// openPDF writes the PDF to a temporary folder and opens it in the viewer.
func (v *statementView) openPDF() {
	dir, err := os.MkdirTemp(v.t.d.TempDir, "kontor-statement-")
	if err != nil {
		alert.Error(v.t.d.Window, err)
		return
	}
	path := filepath.Join(dir, v.fileName())
	v.write(path, func() {
		if err := v.t.d.OpenURL(fileURL(path)); err != nil {
			alert.Error(v.t.d.Window, err)
		}
		v.logPrinted(path)
	})
}

// write prints the statement to path through a temporary file beside it, so
// a failure leaves no half-written PDF, then runs done.
func (v *statementView) write(path string, done func()) {
	m, id, language := v.months.month(v.month.Selected), v.t.acc.ID, languageCode(v.language.Selected)
	v.saveBtn.Disable()
	v.openBtn.Disable()
	v.status.SetText(lang.X("receivables.statement.printing", "Writing the PDF…"))
	v.t.d.Run(func() {
		err := writeWhole(path, func(f *os.File) error {
			return v.t.d.Printer.PrintStatement(context.Background(), id, m, language, f)
		})
		fyne.Do(func() {
			v.saveBtn.Enable()
			v.openBtn.Enable()
			v.status.SetText("")
			if err != nil {
				alert.Error(v.t.d.Window, err)
				return
			}
			done()
		})
	})
}

// writeWhole writes path through a temporary file renamed over it.
func writeWhole(path string, render func(*os.File) error) error {
	// Named as Kontor's other writers name theirs (.NAME.*.tmp): one a crash
	// leaves is removed by the next batch writing in the folder.
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // nothing left after a rename
	if err := render(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil { // on disk before it has the name
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
