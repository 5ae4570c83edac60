package accounts

import (
	"context"

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

// contactsTab lists the people of the open account and edits them.
type contactsTab struct {
	v       *view
	people  []*domain.Contact
	list    *widget.List
	add     *widget.Button
	hint    *widget.Label
	content fyne.CanvasObject
	form    *contactForm     // the add or edit dialog last opened
	chosen  domain.ContactID // the person selected: who a logged activity is with
}

func newContactsTab(v *view, people []*domain.Contact) *contactsTab {
	t := &contactsTab{v: v, people: people}
	t.list = widget.NewList(func() int { return len(t.people) }, t.newRow, t.updateRow)
	// A tap selects the person, whom the next logged activity is with; the
	// row's pencil edits.
	t.list.OnSelected = func(i widget.ListItemID) {
		if i < len(t.people) {
			t.chosen = t.people[i].ID
		}
	}
	t.list.OnUnselected = func(widget.ListItemID) { t.chosen = 0 }
	t.add = widget.NewButtonWithIcon(lang.X("contacts.add", "Add person"), theme.ContentAddIcon(), func() { t.open(nil) })
	t.hint = widget.NewLabel("")
	t.hint.Truncation = fyne.TextTruncateEllipsis // a wrapped label beside a button would ask for a tall row
	t.hint.Importance = widget.LowImportance
	t.content = container.NewBorder(container.NewBorder(nil, nil, t.add, nil, t.hint), nil, nil, nil, t.list)
	if v.acc == nil {
		t.add.Disable()
	}
	t.refreshHint()
	return t
}

// enable lets people be added once a new account is saved.
func (t *contactsTab) enable() {
	t.add.Enable()
	t.refreshHint()
}

func (t *contactsTab) refreshHint() {
	switch {
	case t.v.acc == nil:
		t.hint.SetText(lang.X("contacts.hint.unsaved", "Save the account first, then add its people."))
	case len(t.people) == 0:
		t.hint.SetText(lang.X("contacts.hint.none", "No people yet."))
	default:
		t.hint.SetText(lang.X("contacts.hint.select", "Select a person to log a call or meeting with them (Ctrl+L)."))
	}
}

// refreshTitle puts the number of people in the tab's title.
func (t *contactsTab) refreshTitle() {
	title := lang.X("account.tab.contacts", "Contacts")
	if t.v.acc != nil {
		title = lang.XN("account.tab.contacts_count", "Contacts ({{.Count}})", len(t.people), map[string]any{"Count": len(t.people)})
	}
	t.v.tabs.Items[1].Text = title
	t.v.tabs.Refresh()
}

// newRow is one person: name and role, e-mail and phone each with a copy
// button, and the edit and remove buttons.
func (t *contactsTab) newRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	role := widget.NewLabel("")
	role.Truncation = fyne.TextTruncateEllipsis
	role.Importance = widget.LowImportance
	email := widget.NewLabel("")
	email.Truncation = fyne.TextTruncateEllipsis
	phone := widget.NewLabel("")
	phone.Truncation = fyne.TextTruncateEllipsis
	copyEmail := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), nil)
	copyEmail.Importance = widget.LowImportance
	copyPhone := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), nil)
	copyPhone.Importance = widget.LowImportance
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), nil)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	who := container.NewVBox(name, role)
	reach := container.NewVBox(
		container.NewBorder(nil, nil, copyEmail, nil, email),
		container.NewBorder(nil, nil, copyPhone, nil, phone))
	return container.NewBorder(nil, nil, nil, container.NewHBox(edit, remove), container.NewGridWithColumns(2, who, reach))
}

// updateRow fills a row; the widget paths follow newRow.
func (t *contactsTab) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	c := t.people[i]
	row := o.(*fyne.Container)
	grid := row.Objects[0].(*fyne.Container)
	actions := row.Objects[1].(*fyne.Container)
	who := grid.Objects[0].(*fyne.Container)
	reach := grid.Objects[1].(*fyne.Container)
	who.Objects[0].(*widget.Label).SetText(c.FullName())
	who.Objects[1].(*widget.Label).SetText(c.Role)
	for j, value := range []string{c.Email, c.Phone} {
		line := reach.Objects[j].(*fyne.Container)
		line.Objects[0].(*widget.Label).SetText(value)
		btn := line.Objects[1].(*widget.Button)
		btn.OnTapped = func() { t.copy(value) }
		if value == "" {
			btn.Hide()
		} else {
			btn.Show()
		}
		line.Refresh() // the copy button came or went
	}
	reach.Refresh()
	actions.Objects[0].(*widget.Button).OnTapped = func() { t.edit(i) }
	actions.Objects[1].(*widget.Button).OnTapped = func() { t.remove(i) }
}

// copy puts an e-mail address or a phone number on the clipboard.
func (t *contactsTab) copy(value string) {
	fyne.CurrentApp().Clipboard().SetContent(value)
	t.v.setStatus(lang.X("contacts.copied", "Copied {{.Value}}", map[string]any{"Value": value}))
}

func (t *contactsTab) edit(i int) {
	if i >= 0 && i < len(t.people) {
		t.open(t.people[i])
	}
}

// remove asks, then removes the person.
func (t *contactsTab) remove(i int) {
	c := t.people[i]
	t.v.s.ask(lang.X("contacts.remove.title", "Remove person"),
		lang.X("contacts.remove.message", "Remove {{.Name}} from {{.Account}}?", map[string]any{"Name": c.FullName(), "Account": t.v.acc.Name}),
		xwidget.Choice{Label: lang.X("contacts.remove.cancel", "Cancel")},
		xwidget.Choice{Label: lang.X("contacts.remove.confirm", "Remove"), Importance: widget.DangerImportance, Action: func() {
			t.v.s.d.Run(func() {
				err := t.v.s.d.Contacts.DeleteContact(context.Background(), c.ID)
				fyne.Do(func() {
					if err != nil {
						alert.Error(t.v.s.d.Window, err)
					}
					t.reload()
				})
			})
		}},
	)
}

// reload reads the account's people again.
func (t *contactsTab) reload() {
	id := t.v.acc.ID
	t.v.s.d.Run(func() {
		people, err := t.v.s.d.Contacts.FindContacts(context.Background(), id)
		fyne.Do(func() {
			if err != nil {
				alert.Error(t.v.s.d.Window, err)
				return
			}
			if t.v.s.view != t.v {
				return // another account was opened meanwhile
			}
			t.people = people
			chosen := t.chosen
			t.list.UnselectAll()
			t.list.Refresh()
			for i, c := range people {
				if c.ID == chosen {
					t.list.Select(i)
				}
			}
			t.refreshHint()
			t.refreshTitle()
		})
	})
}

// open shows the dialog that adds a person (c nil) or edits c.
func (t *contactsTab) open(c *domain.Contact) {
	t.form = newContactForm(t, c)
}

// contactForm is the add/edit dialog of one person. It stays open while a
// field is invalid or the save failed; problems show once a save was tried.
type contactForm struct {
	t      *contactsTab
	c      *domain.Contact
	state  *xwidget.FormState
	fields map[string]*xwidget.Field // the state's fields, by name
	save   *widget.Button
	saver  xwidget.Saver[*domain.Contact]
	dialog *xwidget.Dialog
}

func newContactForm(t *contactsTab, c *domain.Contact) *contactForm {
	f := &contactForm{t: t, c: c, state: xwidget.NewFormState()}
	f.fields = f.state.Fields
	f.state.Quiet = true
	f.state.Check = func() xwidget.Problems { _, p := f.collect(); return p }
	f.state.Relayout = func() { f.dialog.Fit(fyne.NewSize(480, 0)) } // grow to fit the problem lines
	form := widget.NewForm()
	for _, name := range domain.ContactFieldOrder {
		field := f.state.Add(name, xwidget.NewEntryField())
		field.Entry.OnSubmitted = func(string) { f.submit() }
		form.Append(alert.FieldLabel(name), field)
	}
	if c != nil {
		f.state.Fill(func() {
			for _, name := range domain.ContactFieldOrder {
				f.fields[name].Entry.SetText(c.Get(name))
			}
		})
	}
	title := lang.X("contacts.form.add", "Add person")
	if c != nil {
		title = lang.X("contacts.form.edit", "Edit person")
	}
	cancel := widget.NewButton(lang.X("contacts.form.cancel", "Cancel"), func() { f.dialog.Hide() })
	f.save = widget.NewButtonWithIcon(lang.X("contacts.form.save", "Save"), theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.saver = xwidget.Saver[*domain.Contact]{Run: t.v.s.d.Run, Button: f.save}
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, f.save), nil, nil, form)
	f.dialog = xwidget.NewDialog(title, body, t.v.s.d.Window)
	f.dialog.Fit(fyne.NewSize(480, 0))
	f.dialog.Show()
	t.v.s.d.Window.Canvas().Focus(f.fields[domain.FieldFirstName].Focusable())
	return f
}

// collect reads the fields; it returns each one's first problem.
func (f *contactForm) collect() (domain.ContactFields, xwidget.Problems) {
	var cf domain.ContactFields
	problems := xwidget.Problems{}
	for _, name := range domain.ContactFieldOrder {
		problems.Read(name, cf.Set(name, f.fields[name].Text()))
	}
	problems.AddError(cf.Validate())
	return cf, problems
}

// submit saves the person, with the version the dialog was opened on, when
// every field is valid.
func (f *contactForm) submit() {
	if f.saver.Busy() {
		return
	}
	cf, problems := f.collect()
	if !f.state.Try(problems) {
		return
	}
	t, c := f.t, f.c
	account := t.v.acc.ID
	f.saver.Save(func(ctx context.Context) (*domain.Contact, error) {
		if c == nil {
			return t.v.s.d.Contacts.CreateContact(ctx, account, cf)
		}
		return t.v.s.d.Contacts.UpdateContact(ctx, c.ID, domain.ContactUpdate{ContactFields: cf, Version: c.Version})
	}, func(_ *domain.Contact, err error) {
		switch {
		case f.state.Refused(err):
		case err != nil:
			alert.Error(t.v.s.d.Window, err)
		default:
			f.dialog.Hide()
			t.reload()
		}
	})
}

// selectedID is the person selected in the list, 0 for none.
func (t *contactsTab) selectedID() domain.ContactID { return t.chosen }
