package receivables

import (
	"bytes"
	"context"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

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

// writeDraft writes the e-mail for the PDF at pdfPath beside it (same name,
// .eml), to the recipients given or else the account's billing e-mail, with
// the covering letter in the account's language signed by the company. It
// returns the .eml's path; an account without a billing e-mail and no
// recipient chosen is refused (domain's email.no_recipient).
func writeDraft(d Deps, company domain.CompanySettings, a *domain.Account, kind domain.PaperKind, what, pdfPath string,
	to []mail.Address) (string, error) {
	data, err := os.ReadFile(pdfPath)
	if err != nil {
		return "", err
	}
	if len(to) == 0 && strings.TrimSpace(a.Email) != "" {
		to = []mail.Address{{Name: a.Name, Address: strings.TrimSpace(a.Email)}}
	}
	subject, body := d.Drafts.Letter(domain.DocumentLanguage(a), kind, what, company.Name)
	draft := domain.Draft{To: to, Subject: subject, Body: body, FileName: filepath.Base(pdfPath), PDF: data, Date: time.Now()}
	if company.Email != "" {
		draft.From = mail.Address{Name: company.Name, Address: company.Email}
	}
	var buf bytes.Buffer
	if err := d.Drafts.WriteDraft(&buf, draft); err != nil {
		return "", err
	}
	path := strings.TrimSuffix(pdfPath, filepath.Ext(pdfPath)) + ".eml"
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return path, nil
}

// sendDocument is "E-mail…" for one document: it asks whom to send it to —
// the billing e-mail and the account's contacts with an e-mail, the billing
// one ticked — writes the PDF (print) and the .eml beside it in a folder of
// its own, opens the .eml in the default mail client (a draft: X-Unsent),
// and logs the document as sent on the account's history.
// print writes the PDF; record records it once the e-mail is written (nil:
// logged on the history as a document sent).
func sendDocument(d Deps, a *domain.Account, kind domain.PaperKind, title string, amount domain.Amount, fileName string,
	print func(ctx context.Context, path string) error, record func(ctx context.Context, eml string) error) {
	if d.Drafts == nil {
		return
	}
	ctx := context.Background()
	d.Run(func() {
		var contacts []*domain.Contact
		var err error
		if d.Contacts != nil {
			contacts, err = d.Contacts.FindContacts(ctx, a.ID)
		}
		fyne.Do(func() {
			if err != nil {
				alert.Error(d.Window, err)
				return
			}
			chooseRecipients(d, a, contacts, func(to []mail.Address) {
				d.Run(func() {
					path, err := writeSent(ctx, d, a, kind, title, amount, fileName, to, print, record)
					fyne.Do(func() {
						if err != nil {
							alert.Error(d.Window, err)
							return
						}
						d.Logged(a.ID)
						if err := d.OpenURL(fileURL(path)); err != nil {
							// No program opens .eml files here (no mail
							// client, no xdg-open): the draft is ready all the same.
							alert.Info(d.Window, lang.X("email.ready_title", "E-mail ready"),
								lang.X("email.ready", "The e-mail is ready in {{.Path}}. No mail program could open it here: open the file with your mail client.",
									map[string]any{"Path": path}))
						}
					})
				})
			})
		})
	})
}

// writeSent prints the document into a folder of the day, writes its e-mail
// and logs it; it returns the .eml's path.
func writeSent(ctx context.Context, d Deps, a *domain.Account, kind domain.PaperKind, title string, amount domain.Amount,
	fileName string, to []mail.Address, print func(ctx context.Context, path string) error,
	record func(ctx context.Context, eml string) error) (string, error) {
	dir := filepath.Join(d.tempDir(), "kontor-mail", time.Now().Format("20060102-150405"))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	pdfPath := filepath.Join(dir, fileName)
	if err := print(ctx, pdfPath); err != nil {
		return "", err
	}
	company := domain.CompanySettings{}
	if d.Company != nil {
		c, err := d.Company.FindCompany(ctx)
		if err != nil {
			return "", err
		}
		company = *c
	}
	path, err := writeDraft(d, company, a, kind, title, pdfPath, to)
	if err != nil {
		return "", err
	}
	switch {
	case record != nil:
		err = record(ctx, path)
	case d.Collections != nil:
		err = d.Collections.LogDocument(ctx, domain.DocumentLog{Account: a.ID, Kind: kind, Title: title, File: path, Amount: amount,
			Sent: true, Lang: domain.DocumentLanguage(a)})
	}
	if err != nil {
		os.Remove(path) // not recorded: not to be sent
	}
	return path, err
}

func (d Deps) tempDir() string {
	if d.TempDir != "" {
		return d.TempDir
	}
	return os.TempDir()
}

// chooseRecipients offers the billing e-mail and the contacts with an
// e-mail; with none of them it says so (nothing is written).
func chooseRecipients(d Deps, a *domain.Account, contacts []*domain.Contact, then func([]mail.Address)) {
	type option struct {
		addr  mail.Address
		check *widget.Check
	}
	var opts []option
	if e := strings.TrimSpace(a.Email); e != "" {
		opts = append(opts, option{addr: mail.Address{Name: a.Name, Address: e}})
	}
	for _, c := range contacts {
		if e := strings.TrimSpace(c.Email); e != "" && !strings.EqualFold(e, strings.TrimSpace(a.Email)) {
			opts = append(opts, option{addr: mail.Address{Name: strings.TrimSpace(c.FirstName + " " + c.LastName), Address: e}})
		}
	}
	if len(opts) == 0 {
		alert.Error(d.Window, domain.Errorf(domain.EInvalid, "email.no_recipient",
			"the account has no billing e-mail: fill it in on the account or choose a contact with an e-mail", nil))
		return
	}
	box := container.NewVBox()
	for i := range opts {
		label := opts[i].addr.Address
		if opts[i].addr.Name != "" {
			label = opts[i].addr.Name + " <" + label + ">"
		}
		opts[i].check = widget.NewCheck(label, nil)
		opts[i].check.SetChecked(i == 0)
		box.Add(opts[i].check)
	}
	var dlg *xwidget.Dialog
	write := widget.NewButton(lang.X("email.write", "Write e-mail"), func() {
		var to []mail.Address
		for _, o := range opts {
			if o.check.Checked {
				to = append(to, o.addr)
			}
		}
		if len(to) == 0 {
			alert.Error(d.Window, domain.Errorf(domain.EInvalid, "email.no_recipient",
				"the account has no billing e-mail: fill it in on the account or choose a contact with an e-mail", nil))
			return
		}
		dlg.Hide()
		then(to)
	})
	write.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.X("email.cancel", "Cancel"), func() { dlg.Hide() })
	row := container.NewHBox(layout.NewSpacer(), cancel, write)
	// The addresses scroll when there are more than the window has room for.
	dlg = xwidget.NewDialog(lang.X("email.title", "E-mail to"), container.NewBorder(nil, row, nil, nil, container.NewVScroll(box)), d.Window)
	dlg.Fit(fyne.NewSize(520, box.MinSize().Height+row.MinSize().Height+8*theme.Padding()))
	dlg.Show()
}
