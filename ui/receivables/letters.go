package receivables

import (
	"context"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// lettersView is an account's collections letters as of today: the
// reminder it has reached and the interest note, each printed (opened as a
// PDF) or e-mailed, and a promise to pay. What it shows is computed on the
// worker; printing or sending records the letter (a reminder as sent with a
// follow-up task, a note's invoices as claimed) and logs it on the history.
type lettersView struct {
	t      *AccountTab
	dialog *xwidget.Dialog
	day    domain.Date

	reminder     *domain.Reminder
	note         *domain.InterestNote
	reminderText *widget.Label
	noteText     *widget.Label
	remPrint     *widget.Button
	remMail      *widget.Button
	notePrint    *widget.Button
	noteMail     *widget.Button
	status       *widget.Label
	body         *fyne.Container
}

// onLetters opens the letters of the account.
func (t *AccountTab) onLetters() {
	d := t.d
	v := &lettersView{t: t, day: d.Today()}
	v.reminderText = widget.NewLabel(lang.X("letters.computing", "Computing…"))
	v.reminderText.Wrapping = fyne.TextWrapWord
	v.noteText = widget.NewLabel(lang.X("letters.computing", "Computing…"))
	v.noteText.Wrapping = fyne.TextWrapWord
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.remPrint = widget.NewButtonWithIcon(lang.X("letters.print", "Print (open PDF)"), theme.DocumentPrintIcon(), v.printReminder)
	v.remMail = widget.NewButtonWithIcon(lang.X("letters.email", "E-mail…"), theme.MailSendIcon(), v.mailReminder)
	v.notePrint = widget.NewButtonWithIcon(lang.X("letters.print", "Print (open PDF)"), theme.DocumentPrintIcon(), v.printNote)
	v.noteMail = widget.NewButtonWithIcon(lang.X("letters.email", "E-mail…"), theme.MailSendIcon(), v.mailNote)
	for _, b := range []*widget.Button{v.remPrint, v.remMail, v.notePrint, v.noteMail} {
		b.Disable()
	}
	if d.Drafts == nil {
		v.remMail.Hide()
		v.noteMail.Hide()
	}
	promise := widget.NewButtonWithIcon(lang.X("worklist.promise", "Promise to pay…"), theme.ConfirmIcon(), func() {
		var overdue domain.Amount
		if t.data != nil {
			overdue = t.data.Aging.Overdue()
		}
		PromiseDialog(*d, t.acc.ID, t.acc.Code, overdue, func() {
			v.status.SetText(lang.X("letters.promise_logged", "The promise is on the account's history."))
			d.Logged(t.acc.ID)
		})
	})
	closeBtn := widget.NewButton(lang.X("receivables.batch.close", "Close"), func() { v.dialog.Hide() })
	section := func(title string, text *widget.Label, buttons ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), text,
			container.NewHBox(buttons...))
	}
	body := container.NewVBox(
		section(lang.X("letters.reminder", "Payment reminder"), v.reminderText, v.remPrint, v.remMail),
		widget.NewSeparator(),
		section(lang.X("letters.note", "Interest note"), v.noteText, v.notePrint, v.noteMail),
		widget.NewSeparator(),
		container.NewHBox(promise), v.status,
		container.NewBorder(nil, nil, nil, closeBtn))
	v.body = body
	title := lang.X("letters.title", "Collections: {{.Name}} ({{.Code}}), {{.Date}}",
		map[string]any{"Name": t.acc.Name, "Code": t.acc.Code, "Date": d.Locale.FormatDate(v.day)})
	v.dialog = xwidget.NewDialog(title, body, d.Window)
	v.dialog.Fit(fyne.NewSize(640, 420))
	t.letters = v
	v.dialog.Show()
	v.load()
}

// load computes the reminder and the note on the worker; what cannot be
// computed says why (nothing overdue, a missing NBP rate and what to import).
func (v *lettersView) load() {
	d, id := v.t.d, v.t.acc.ID
	d.Run(func() {
		r, rerr := d.Collections.Reminder(context.Background(), id, v.day, 0)
		n, nerr := d.Collections.InterestNote(context.Background(), id, v.day)
		fyne.Do(func() {
			v.reminder, v.note = r, n
			loc := d.Locale
			if rerr != nil {
				v.reminderText.SetText(alert.Message(rerr))
			} else {
				v.reminderText.SetText(lang.X("letters.reminder_text",
					"Level {{.Level}}: {{.Count}} overdue invoices, {{.Overdue}} overdue, {{.ToPay}} to pay by {{.Deadline}}.",
					map[string]any{"Level": r.Level, "Count": len(r.Items), "Overdue": money(loc, r.Overdue), "ToPay": money(loc, r.ToPay),
						"Deadline": loc.FormatDate(r.Deadline)}))
				v.remPrint.Enable()
				v.remMail.Enable()
			}
			switch {
			case nerr != nil:
				v.noteText.SetText(alert.Message(nerr))
			case len(n.Invoices) == 0:
				v.noteText.SetText(lang.X("letters.note_empty", "No invoice paid late or overdue that an earlier note did not claim."))
			default:
				v.noteText.SetText(lang.X("letters.note_text",
					"{{.Count}} invoices: interest {{.Interest}}, compensation {{.Compensation}}, total {{.Total}}.",
					map[string]any{"Count": len(n.Invoices), "Interest": money(loc, n.Interest), "Compensation": money(loc, n.Compensation),
						"Total": money(loc, n.Total)}))
				v.notePrint.Enable()
				v.noteMail.Enable()
			}
			v.body.Refresh() // the texts' new heights
		})
	})
}

func (v *lettersView) reminderName() string {
	return v.t.d.Letters.ReminderFileName(v.t.acc.Code, v.reminder.Level, v.day, domain.DocumentLanguage(v.t.acc))
}

func (v *lettersView) noteName() string {
	return v.t.d.Letters.InterestNoteFileName(v.t.acc.Code, v.day, domain.DocumentLanguage(v.t.acc))
}

func (v *lettersView) noteTitle() string {
	if domain.DocumentLanguage(v.t.acc) == domain.English {
		return "Interest note"
	}
	return "Nota odsetkowa"
}

// printReminder writes the reminder, records it as sent and opens the PDF.
func (v *lettersView) printReminder() {
	r := v.reminder
	v.print(v.reminderName(), func(ctx context.Context, path string) error {
		if err := writeWhole(path, func(f *os.File) error { return v.t.d.Letters.PrintReminder(ctx, r, f) }); err != nil {
			return err
		}
		return v.t.d.Collections.RecordReminder(ctx, r, domain.DocumentLog{File: path})
	}, v.remPrint, v.remMail)
}

// printNote writes the note, records it (its invoices claimed) and opens the PDF.
func (v *lettersView) printNote() {
	n := v.note
	v.print(v.noteName(), func(ctx context.Context, path string) error {
		if err := writeWhole(path, func(f *os.File) error { return v.t.d.Letters.PrintInterestNote(ctx, n, f) }); err != nil {
			return err
		}
		return v.t.d.Collections.RecordInterestNote(ctx, n, domain.DocumentLog{Kind: domain.DocInterest, Title: v.noteTitle(),
			File: path, Amount: n.Total, Lang: domain.DocumentLanguage(v.t.acc)})
	}, v.notePrint, v.noteMail)
}

func (v *lettersView) print(name string, write func(ctx context.Context, path string) error, buttons ...*widget.Button) {
	d := v.t.d
	dir, err := os.MkdirTemp(d.TempDir, "kontor-letter-")
	if err != nil {
		alert.Error(d.Window, err)
		return
	}
	path := filepath.Join(dir, name)
	for _, b := range buttons {
		b.Disable()
	}
	d.Run(func() {
		err := write(context.Background(), path)
		fyne.Do(func() {
			if err != nil {
				for _, b := range buttons {
					b.Enable()
				}
				alert.Error(d.Window, err)
				return
			}
			v.status.SetText(lang.X("letters.recorded", "Written to {{.Path}} and logged on the account's history.", map[string]any{"Path": path}))
			if err := d.OpenURL(fileURL(path)); err != nil {
				alert.Error(d.Window, err)
			}
			d.Logged(v.t.acc.ID)
		})
	})
}

// mailReminder writes the reminder and its e-mail, records it as sent and
// opens the draft.
func (v *lettersView) mailReminder() {
	r, d := v.reminder, v.t.d
	sendDocument(*d, v.t.acc, domain.DocReminder, reminderTitle(r), r.ToPay, v.reminderName(), func(ctx context.Context, path string) error {
		return writeWhole(path, func(f *os.File) error { return d.Letters.PrintReminder(ctx, r, f) })
	}, func(ctx context.Context, eml string) error {
		return d.Collections.RecordReminder(ctx, r, domain.DocumentLog{File: eml, Sent: true})
	})
	v.remPrint.Disable()
	v.remMail.Disable()
}

// mailNote writes the note and its e-mail, claims its invoices and opens the draft.
func (v *lettersView) mailNote() {
	n, d := v.note, v.t.d
	sendDocument(*d, v.t.acc, domain.DocInterest, v.noteTitle(), n.Total, v.noteName(), func(ctx context.Context, path string) error {
		return writeWhole(path, func(f *os.File) error { return d.Letters.PrintInterestNote(ctx, n, f) })
	}, func(ctx context.Context, eml string) error {
		return d.Collections.RecordInterestNote(ctx, n, domain.DocumentLog{Kind: domain.DocInterest, Title: v.noteTitle(), File: eml,
			Amount: n.Total, Sent: true, Lang: domain.DocumentLanguage(v.t.acc)})
	})
	v.notePrint.Disable()
	v.noteMail.Disable()
}
