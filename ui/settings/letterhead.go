package settings

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// letterhead edits the seller's details printed on price sheets and
// statements. They are stored in the database through the company service,
// not in this computer's preferences, so kontorctl prints the same letterhead.
type letterhead struct {
	s       *Screen
	state   *xwidget.FormState
	fields  map[string]*xwidget.Field // the state's fields, by name
	saver   xwidget.Saver[*domain.CompanySettings]
	content fyne.CanvasObject
}

func newLetterhead(s *Screen) *letterhead {
	l := &letterhead{s: s, state: xwidget.NewFormState()}
	l.fields = l.state.Fields
	l.state.Check = func() xwidget.Problems { _, p := l.collect(); return p }
	form := container.New(layout.NewFormLayout())
	for _, name := range domain.CompanyFieldOrder {
		f := xwidget.NewEntryField()
		if name == domain.FieldRemittance { // a paragraph printed under each statement
			f = xwidget.NewNotesField(3)
		}
		l.state.Add(name, f)
		form.Add(widget.NewLabelWithStyle(companyLabel(name), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		form.Add(f)
	}
	l.fields[domain.FieldTaxID].Entry.SetPlaceHolder(lang.X("settings.company.tax_id.placeholder", "e.g. 526-000-12-46"))
	l.fields[domain.FieldBankAccount].Entry.SetPlaceHolder(lang.X("settings.company.bank_account.placeholder", "26 digits, or an IBAN"))
	l.fields[domain.FieldLogo].Entry.SetPlaceHolder(lang.X("settings.company.logo.placeholder", "/home/me/logo.png"))
	l.fields[domain.FieldTimeZone].Entry.SetPlaceHolder(domain.DefaultTimeZone)
	l.fields[domain.FieldRemittance].Entry.SetPlaceHolder(lang.X("settings.company.remittance.placeholder",
		"e.g. Please pay by bank transfer within the due date, quoting the invoice number."))
	l.saver = xwidget.Saver[*domain.CompanySettings]{Run: s.d.Run}
	l.state.Changed = func(string) { s.changed() }
	l.state.Window = s.d.Window
	l.fields[domain.FieldLogo].Entry.ActionItem = l.logoButton()
	heading := widget.NewLabelWithStyle(lang.X("settings.company.title", "Letterhead"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Importance = widget.HighImportance
	hint := widget.NewLabel(lang.X("settings.company.hint", "Your company as it is printed on price sheets and statements."))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	l.content = container.NewVBox(widget.NewSeparator(), heading, hint, form)
	l.load()
	return l
}

// companyLabel is the label of a letterhead field.
func companyLabel(field string) string {
	switch field {
	case domain.FieldName:
		return lang.X("settings.company.name", "Seller name")
	case domain.FieldBankName:
		return lang.X("settings.company.bank_name", "Bank")
	case domain.FieldBankAccount:
		return lang.X("settings.company.bank_account", "Bank account")
	case domain.FieldLogo:
		return lang.X("settings.company.logo", "Logo (PNG or JPEG file)")
	case domain.FieldRemittance:
		return lang.X("settings.company.remittance", "How to pay (under statements)")
	case domain.FieldTimeZone:
		return lang.X("settings.company.time_zone", "Time zone")
	}
	return alert.FieldLabel(field)
}

// load reads the stored settings off the Fyne goroutine.
func (l *letterhead) load() {
	l.s.d.Run(func() {
		c, err := l.s.d.Company.FindCompany(context.Background())
		fyne.Do(func() {
			if err != nil {
				alert.Error(l.s.d.Window, err)
				return
			}
			l.fill(c)
		})
	})
}

// fill shows c as saved: the NIP grouped, the IBAN in fours.
func (l *letterhead) fill(c *domain.CompanySettings) {
	l.state.Fill(func() {
		for _, name := range domain.CompanyFieldOrder {
			t := c.Get(name)
			switch {
			case name == domain.FieldTaxID && len(t) == 10 && c.Country == "PL":
				t = domain.FormatNIP(t)
			case name == domain.FieldBankAccount:
				t = domain.FormatIBAN(t)
			}
			l.fields[name].Entry.SetText(t)
		}
	})
	l.collect() // the KSeF check of the seller shows at once
}

// collect reads the settings as typed and returns each field's problem.
func (l *letterhead) collect() (domain.CompanySettings, xwidget.Problems) {
	var c domain.CompanySettings
	problems := xwidget.Problems{}
	for _, name := range domain.CompanyFieldOrder {
		problems.Read(name, c.Set(name, l.fields[name].Text()))
	}
	problems.AddError(c.Validate())
	if l.s.ksef != nil {
		l.s.ksef.checkSeller(c)
	}
	return c, problems
}

func (l *letterhead) dirty() bool { return l.state.Dirty() }

func (l *letterhead) discard() { l.load() }

// save stores the letterhead when every field is valid.
func (l *letterhead) save(done func(bool)) {
	if l.saver.Busy() {
		done(false)
		return
	}
	c, problems := l.collect()
	if !l.state.Try(problems) {
		done(false)
		return
	}
	l.saver.Save(func(ctx context.Context) (*domain.CompanySettings, error) {
		return l.s.d.Company.SaveCompany(ctx, c)
	}, func(saved *domain.CompanySettings, err error) {
		if err != nil {
			if !l.state.Refused(err) {
				alert.Error(l.s.d.Window, err)
			}
			done(false)
			return
		}
		l.fill(saved)
		done(true)
	})
}

// logoButton chooses the logo's file with the file dialog, PNG and JPEG
// files only; the path can still be typed.
func (l *letterhead) logoButton() *xwidget.IconButton {
	return xwidget.NewIconButton(theme.FolderOpenIcon(), lang.X("settings.company.logo.choose", "Choose the logo file"), func() {
		dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				alert.Error(l.s.d.Window, err)
				return
			}
			if r == nil {
				return // cancelled
			}
			r.Close()
			e := l.fields[domain.FieldLogo].Entry
			e.SetText(r.URI().Path())
		}, l.s.d.Window)
		dlg.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
		xwidget.ShowFileDialog(dlg, l.s.d.Window)
	})
}
