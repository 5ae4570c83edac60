package accounts

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/timeline"
	"kontor/ui/xwidget"
)

// view is one open account: its header and actions, the editor, its contacts
// and, for a head office, its branches.
type view struct {
	s   *Screen
	acc *domain.Account // nil for a new account until its first save

	state  *xwidget.FormState
	fields map[string]*xwidget.Field // the state's fields, by name
	saver  xwidget.Saver[*domain.Account]

	title      *widget.Label
	titleBar   *fyne.Container // the title, the actions and close: SetTitle lays it out again
	subtitle   *widget.Label
	status     *widget.Label
	saveBtn    *widget.Button
	archiveBtn *widget.Button
	deleteBtn  *widget.Button
	parentBtn  *widget.Button // "Branch of …": opens the head office
	actions    *xwidget.ActionBar
	form       *fyne.Container
	contacts   *contactsTab
	timeline   *timeline.Tab // nil until the account is saved
	branches   []domain.AccountRow
	tabs       *container.AppTabs
	content    fyne.CanvasObject
	prices     AccountTab      // the Prices tab, nil when there is none
	quotes     AccountTab      // the Quotes tab, nil when there is none
	orders     AccountTab      // the Orders tab, nil when there is none
	invoices   AccountTab      // the Invoices tab, nil when there is none
	money      *fyne.Container // the Invoices tab's money summary in the header
	branchTab  *container.TabItem
	groupField *xwidget.Field // the customer group picker, nil without Deps.Groups
	groupNames []string       // the groups it offers
}

func newView(s *Screen, acc *domain.Account, f domain.AccountFields, people []*domain.Contact, branches []domain.AccountRow) *view {
	v := &view{s: s, acc: acc, branches: branches, state: xwidget.NewFormState()}
	v.fields = v.state.Fields
	for _, name := range domain.AccountFieldOrder {
		field := xwidget.NewEntryField()
		if name == domain.FieldNotes {
			field = xwidget.NewNotesField(4)
		}
		if name == domain.FieldCustomerGroup && s.d.Groups != nil {
			field = v.groupPicker()
		}
		v.state.Add(name, field)
	}
	v.state.Check = func() xwidget.Problems { _, p := v.collect(); return p }
	v.state.Changed = v.changed
	v.state.Window = s.d.Window
	v.state.Reveal = func() { v.tabs.SelectIndex(0) }
	v.saver.Run = s.d.Run
	v.placeholders()
	v.fill(f)
	v.build(people)
	return v
}

// placeholders show the accepted forms where they are not obvious.
func (v *view) placeholders() {
	v.fields[domain.FieldTaxID].Entry.SetPlaceHolder(lang.X("account.tax_id.placeholder", "e.g. 526-000-12-46"))
	postal := lang.X("account.postal_code.placeholder", "e.g. 00-950")
	v.fields[domain.FieldPostalCode].Entry.SetPlaceHolder(postal)
	v.fields[domain.FieldShipPostal].Entry.SetPlaceHolder(postal)
	v.fields[domain.FieldCountry].Entry.SetPlaceHolder("PL")
	v.fields[domain.FieldShipCountry].Entry.SetPlaceHolder(lang.X("account.ship_country.placeholder", "as billing"))
	v.fields[domain.FieldPaymentTerms].Entry.SetPlaceHolder(lang.X("account.payment_terms.placeholder", "net 30 or 30 EOM"))
	v.fields[domain.FieldParentCode].Entry.SetPlaceHolder(lang.X("account.parent_code.placeholder", "code of the head office, if any"))
}

// text is how a field is written in its entry: the tax ID of a Polish account
// grouped, the credit limit in the user's number format.
func (v *view) text(f *domain.AccountFields, name string) string {
	switch name {
	case domain.FieldTaxID:
		if f.Country == "PL" {
			return domain.FormatNIP(f.TaxID)
		}
	case domain.FieldCreditLimit:
		return v.s.d.Locale.FormatDecimal(f.CreditLimit.Decimal(), domain.AmountPlaces)
	case domain.FieldPaymentTerms:
		return xwidget.TermsText(f.PaymentTerms)
	}
	return f.Get(name)
}

// fill writes f into the entries and takes it as the saved state.
func (v *view) fill(f domain.AccountFields) {
	v.state.Fill(func() {
		for _, name := range domain.AccountFieldOrder {
			v.fields[name].Entry.SetText(v.text(&f, name))
		}
	})
}

// build lays the view out.
func (v *view) build(people []*domain.Contact) {
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.subtitle = widget.NewLabel("")
	v.subtitle.Importance = widget.LowImportance
	v.subtitle.Truncation = fyne.TextTruncateEllipsis
	v.status = widget.NewLabel("")
	v.status.Importance = widget.LowImportance
	v.saveBtn = widget.NewButtonWithIcon(lang.X("account.save", "Save"), theme.DocumentSaveIcon(), func() { v.Save(nil) })
	v.saveBtn.Importance = widget.HighImportance
	v.saver.Button = v.saveBtn
	v.archiveBtn = widget.NewButtonWithIcon("", theme.FolderIcon(), v.onArchive)
	v.deleteBtn = widget.NewButtonWithIcon(lang.X("account.delete", "Delete"), theme.DeleteIcon(), v.onDelete)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), v.s.Close)
	v.parentBtn = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), v.openParent)
	v.parentBtn.Importance = widget.LowImportance
	v.parentBtn.Alignment = widget.ButtonAlignLeading

	v.actions = xwidget.NewActionBar(v.saveBtn, v.archiveBtn, v.deleteBtn, v.parentBtn)
	v.money = container.NewStack()
	// Two lines: the name with what can be done and the way back to the
	// list; the code, city and terms with the money at a glance. The tabs
	// below get the rest of the height.
	v.titleBar = xwidget.NewTitleBar(v.title, v.actions, closeBtn)
	head := container.NewVBox(
		v.titleBar,
		container.NewBorder(nil, nil, nil, v.money, v.subtitle),
	)
	v.form = v.editor()
	v.state.Relayout = v.form.Refresh
	v.contacts = newContactsTab(v, people)
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("account.tab.details", "Details"), theme.DocumentIcon(), container.NewVScroll(v.form)),
		container.NewTabItemWithIcon("", theme.AccountIcon(), v.contacts.content),
	)
	v.addTimeline()
	v.addPricesTab()
	v.addDocumentTabs()
	v.addInvoicesTab()
	if len(v.branches) > 0 {
		v.branchTab = container.NewTabItemWithIcon(
			lang.XN("account.tab.branches", "Branches ({{.Count}})", len(v.branches), map[string]any{"Count": len(v.branches)}),
			theme.ListIcon(), v.branchList())
		v.tabs.Append(v.branchTab)
	}
	v.content = container.NewBorder(head, v.status, nil, nil, v.tabs)
	v.refreshHead()
	v.keepTab()
}

// editor is the form: one section per group of fields, the labels of every
// section in one column width so the entries line up.
func (v *view) editor() *fyne.Container {
	var labelWidth float32
	for _, n := range domain.AccountFieldOrder {
		labelWidth = max(labelWidth, fieldLabel(n).MinSize().Width)
	}
	section := func(title string, names ...string) fyne.CanvasObject {
		var cells []fyne.CanvasObject
		for _, n := range names {
			min := canvas.NewRectangle(color.Transparent)
			min.SetMinSize(fyne.NewSize(labelWidth, 0))
			cells = append(cells, container.NewStack(min, fieldLabel(n)), v.fields[n])
		}
		heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		heading.Importance = widget.HighImportance
		return container.NewVBox(heading, container.New(layout.NewFormLayout(), cells...))
	}
	return container.NewVBox(
		section(lang.X("account.section.company", "Company"), domain.FieldCode, domain.FieldName, domain.FieldTaxID,
			domain.FieldCustomerGroup, domain.FieldParentCode, domain.FieldOwner),
		section(lang.X("account.section.reach", "Phone and e-mail"), domain.FieldPhone, domain.FieldEmail),
		section(lang.X("account.section.billing", "Billing address"), domain.FieldStreet, domain.FieldPostalCode,
			domain.FieldCity, domain.FieldCountry),
		section(lang.X("account.section.shipping", "Shipping address (if different)"), domain.FieldShipStreet,
			domain.FieldShipPostal, domain.FieldShipCity, domain.FieldShipCountry),
		section(lang.X("account.section.terms", "Terms"), domain.FieldCurrency, domain.FieldPaymentTerms, domain.FieldCreditLimit),
		section(lang.X("account.section.notes", "Notes"), domain.FieldNotes),
	)
}

// fieldLabel is the label beside a field's entry.
func fieldLabel(field string) *widget.Label {
	return widget.NewLabelWithStyle(alert.FieldLabel(field), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}

// branchList lists a head office's branches; a tap opens one.
func (v *view) branchList() fyne.CanvasObject {
	l := widget.NewList(func() int { return len(v.branches) }, newRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		b := v.branches[i]
		cells := o.(*fyne.Container).Objects
		taxID := b.TaxID
		if len(taxID) == 10 {
			taxID = domain.FormatNIP(taxID)
		}
		for j, t := range []string{b.Code, b.Name, v.s.d.Locale.FormatDate(b.LastContact), b.City, taxID, b.CustomerGroup, b.Owner} {
			cells[j].(*widget.Label).SetText(t)
		}
	})
	l.OnSelected = func(i widget.ListItemID) {
		l.UnselectAll()
		v.s.Open(v.branches[i].AccountID)
	}
	return container.NewBorder(header(), nil, nil, nil, l)
}

// refreshHead shows the account's name, state and the actions that apply.
func (v *view) refreshHead() {
	xwidget.SetTitle(v.titleBar, v.displayName())
	if v.acc == nil {
		v.subtitle.SetText(lang.X("account.new.subtitle", "Fill in at least the code and the name, then save (Ctrl+S)."))
		v.archiveBtn.Hide()
		v.deleteBtn.Hide()
		v.parentBtn.Hide()
		v.contacts.refreshTitle()
		return
	}
	sub := v.acc.Code
	if v.acc.City != "" {
		sub += " · " + v.acc.City
	}
	if v.acc.CreditLimit > 0 && v.invoices == nil { // the Invoices tab's summary shows it
		sub += " · " + lang.X("account.credit_limit_short", "credit limit {{.Amount}}",
			map[string]any{"Amount": v.s.d.Locale.FormatAmount(v.acc.CreditLimit, v.acc.Currency)})
	}
	sub += " · " + xwidget.TermsText(v.acc.PaymentTerms)
	if v.acc.Archived {
		sub += " · " + lang.X("account.archived", "archived")
	}
	v.subtitle.SetText(sub)
	v.setStatus("")
	v.archiveBtn.Show()
	v.deleteBtn.Show()
	if v.acc.Archived {
		v.archiveBtn.SetText(lang.X("account.restore", "Restore"))
	} else {
		v.archiveBtn.SetText(lang.X("account.archive", "Archive"))
	}
	if v.acc.ParentID != 0 {
		v.parentBtn.SetText(lang.X("account.branch_of_code", "Branch of {{.Code}}", map[string]any{"Code": v.acc.ParentCode}))
		v.parentBtn.Show()
	} else {
		v.parentBtn.Hide()
	}
	v.contacts.refreshTitle()
	v.actions.Refresh() // Archive or Restore, shown or hidden: the row is laid out again
}

// displayName is what the title and questions call the account.
func (v *view) displayName() string {
	if name := v.fields[domain.FieldName].Text(); name != "" {
		return name
	}
	if v.acc != nil {
		return v.acc.Name
	}
	return lang.X("account.new.title", "New account")
}

// Content is the view's top object.
func (v *view) Content() fyne.CanvasObject { return v.content }

// Dirty reports whether any entry differs from what was loaded or saved.
func (v *view) Dirty() bool { return v.state.Dirty() }

// Unsaved is what the question before leaving unsaved changes says.
func (v *view) Unsaved() (string, string) {
	return lang.X("accounts.unsaved.title", "Unsaved changes"),
		lang.X("accounts.unsaved.message", "{{.Name}} has changes that are not saved yet.", map[string]any{"Name": v.displayName()})
}

// changed runs after every keystroke, before the problems are checked again.
func (v *view) changed(name string) {
	if name == domain.FieldName {
		xwidget.SetTitle(v.titleBar, v.displayName())
		v.s.d.Opened(v.displayName())
	}
	v.setStatus("")
}

// setStatus shows msg in the footer; with no message it says when the
// account last changed.
func (v *view) setStatus(msg string) {
	v.status.Importance = widget.LowImportance // after a warning (warn)
	if msg == "" && v.acc != nil {
		msg = lang.X("account.changed_at", "Last changed {{.When}}", map[string]any{"When": v.s.d.Locale.FormatDateTime(v.acc.UpdatedAt)})
	}
	v.status.SetText(msg)
}

// collect reads every entry into account fields: each through Set, which
// parses it, then Validate, which checks the rules across fields. It returns
// the problems per field, the first one of each.
func (v *view) collect() (domain.AccountFields, xwidget.Problems) {
	f := domain.NewAccountFields()
	problems := xwidget.Problems{}
	for _, name := range domain.AccountFieldOrder {
		text := v.fields[name].Text()
		if name == domain.FieldPaymentTerms { // as the user's language writes them
			if p, err := xwidget.ParseTerms(text); err == nil {
				text = p.String()
			}
		}
		problems.Read(name, f.Set(name, text))
	}
	problems.AddError(f.Validate())
	return f, problems
}

// Save validates and saves; then runs after a successful save. Nothing is
// saved while any field is invalid.
func (v *view) Save(then func()) {
	if v.saver.Busy() {
		return
	}
	f, problems := v.collect()
	if !v.state.Try(problems) {
		v.setStatus(lang.X("account.status.invalid", "Not saved: correct the marked fields."))
		return
	}
	if v.acc != nil && !v.Dirty() {
		if then != nil {
			then()
		}
		return
	}
	acc := v.acc
	v.saver.Save(func(ctx context.Context) (*domain.Account, error) {
		if acc == nil {
			return v.s.d.Accounts.CreateAccount(ctx, f)
		}
		return v.s.d.Accounts.UpdateAccount(ctx, acc.ID, domain.AccountUpdate{AccountFields: f, Version: acc.Version})
	}, func(saved *domain.Account, err error) { v.saved(saved, err, then) })
}

// saved applies the outcome of a save.
func (v *view) saved(acc *domain.Account, err error, then func()) {
	if err != nil {
		v.setStatus(lang.X("account.status.not_saved", "Not saved."))
		switch {
		case v.state.Refused(err):
		case xwidget.Conflict(err):
			id := v.acc.ID
			v.s.ask(alert.Title(err), alert.Message(err),
				xwidget.Choice{Label: lang.X("account.conflict.keep", "Keep my changes")},
				xwidget.Choice{Label: lang.X("account.conflict.reload", "Reload (drop my changes)"),
					Importance: widget.HighImportance, Action: func() { v.s.load(id) }},
			)
		default:
			alert.Error(v.s.d.Window, err)
		}
		return
	}
	wasNew := v.acc == nil
	v.acc = acc
	v.fill(acc.AccountFields)
	v.refreshHead()
	if wasNew {
		v.contacts.enable()
		v.addTimeline()
		v.addPricesTab()
		v.addDocumentTabs()
		v.addInvoicesTab()
	} else if v.prices != nil {
		v.prices.SetAccount(acc)
	}
	v.documentsSaved()
	if v.invoices != nil && !wasNew {
		v.invoices.SetAccount(acc) // a new credit limit
	}
	v.loadGroups() // a new group name typed is a group now
	v.setStatus(lang.X("account.status.saved", "Saved."))
	v.s.accountChanged()
	if then != nil {
		then()
	}
}

// onArchive archives or restores the account, after unsaved changes are settled.
func (v *view) onArchive() {
	v.s.ConfirmLeave(func() {
		acc := v.acc
		v.s.d.Run(func() {
			got, err := v.s.d.Accounts.SetAccountArchived(context.Background(), acc.ID, !acc.Archived)
			fyne.Do(func() {
				if err != nil {
					alert.Error(v.s.d.Window, err)
					return
				}
				v.acc = got
				v.fill(got.AccountFields)
				v.refreshHead()
				v.s.accountChanged()
			})
		})
	})
}

// onDelete asks, then deletes. The store refuses an account with branches or
// history; the user is then offered to archive it instead.
func (v *view) onDelete() {
	acc := v.acc
	v.s.ask(lang.X("account.delete.title", "Delete account"),
		lang.X("account.delete.message", "Delete {{.Name}} ({{.Code}}) and its contacts? This cannot be undone.",
			map[string]any{"Name": acc.Name, "Code": acc.Code}),
		xwidget.Choice{Label: lang.X("account.delete.cancel", "Cancel")},
		xwidget.Choice{Label: lang.X("account.delete.confirm", "Delete"), Importance: widget.DangerImportance, Action: func() {
			v.s.d.Run(func() {
				err := v.s.d.Accounts.DeleteAccount(context.Background(), acc.ID)
				fyne.Do(func() { v.deleted(err) })
			})
		}},
	)
}

func (v *view) deleted(err error) {
	if err == nil {
		v.s.closeView()
		v.s.accountChanged()
		return
	}
	if domain.ErrorCode(err) != domain.EConflict || v.acc.Archived {
		alert.Error(v.s.d.Window, err)
		return
	}
	v.s.ask(alert.Title(err), alert.Message(err),
		xwidget.Choice{Label: lang.X("account.delete.keep", "Keep it")},
		xwidget.Choice{Label: lang.X("account.archive", "Archive"), Importance: widget.HighImportance, Action: v.onArchive},
	)
}

// openParent opens the head office of a branch.
func (v *view) openParent() {
	if v.acc != nil && v.acc.ParentID != 0 {
		v.s.Open(v.acc.ParentID)
	}
}
