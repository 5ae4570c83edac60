package settings

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

// letterhead edits the seller's details printed on price sheets and
// statements. They are stored in the database through the company service,
// not in this computer's preferences, so kontorctl prints the same letterhead.
type letterhead struct {
	s       *Screen
	fields  map[string]*xwidget.Field
	touched map[string]bool
	tried   bool
	save    *widget.Button
	status  *widget.Label
	content fyne.CanvasObject
}

func newLetterhead(s *Screen) *letterhead {
	l := &letterhead{s: s, fields: map[string]*xwidget.Field{}, touched: map[string]bool{}}
	form := container.New(layout.NewFormLayout())
	for _, name := range domain.CompanyFieldOrder {
		f := xwidget.NewEntryField()
		if name == domain.FieldRemittance { // a paragraph printed under each statement
			e := widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(3)
			f = xwidget.NewField(e)
		}
		f.Entry.OnChanged = func(string) {
			l.touched[name] = true
			l.validate()
		}
		l.fields[name] = f
		form.Add(widget.NewLabelWithStyle(companyLabel(name), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		form.Add(f)
	}
	l.fields[domain.FieldTaxID].Entry.SetPlaceHolder(lang.X("settings.company.tax_id.placeholder", "e.g. 526-000-12-46"))
	l.fields[domain.FieldBankAccount].Entry.SetPlaceHolder(lang.X("settings.company.bank_account.placeholder", "26 digits, or an IBAN"))
	l.fields[domain.FieldLogo].Entry.SetPlaceHolder(lang.X("settings.company.logo.placeholder", "/home/me/logo.png"))
	l.fields[domain.FieldRemittance].Entry.SetPlaceHolder(lang.X("settings.company.remittance.placeholder",
		"e.g. Please pay by bank transfer within the due date, quoting the invoice number."))
	l.save = widget.NewButtonWithIcon(lang.X("settings.company.save", "Save letterhead"), theme.DocumentSaveIcon(), l.submit)
	l.save.Importance = widget.HighImportance
	l.status = widget.NewLabel("")
	l.status.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabelWithStyle(lang.X("settings.company.title", "Letterhead"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Importance = widget.HighImportance
	hint := widget.NewLabel(lang.X("settings.company.hint", "Your company as it is printed on price sheets and statements."))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	l.content = container.NewVBox(widget.NewSeparator(), heading, hint, form, container.NewHBox(l.save), l.status)
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
	l.touched, l.tried = map[string]bool{}, false
	l.validate()
}

// validate checks the settings as typed and shows each problem next to its
// field: those of touched fields, all once a save was tried.
func (l *letterhead) validate() (domain.CompanySettings, bool) {
	var c domain.CompanySettings
	for _, name := range domain.CompanyFieldOrder {
		c.Set(name, l.fields[name].Text())
	}
	problems := map[string]string{}
	if e, ok := domain.AsError(c.Validate()); ok {
		for _, fe := range e.Fields {
			if problems[fe.Field] == "" {
				problems[fe.Field] = alert.Field(fe)
			}
		}
	}
	for name, f := range l.fields {
		msg := problems[name]
		if !l.tried && !l.touched[name] {
			msg = ""
		}
		f.SetProblem(msg)
	}
	l.status.SetText("")
	if l.s.ksef != nil {
		l.s.ksef.checkSeller(c)
	}
	return c, len(problems) == 0
}

// submit saves the letterhead when every field is valid.
func (l *letterhead) submit() {
	l.tried = true
	c, ok := l.validate()
	if !ok {
		l.status.SetText(lang.X("settings.company.invalid", "Not saved: correct the marked fields."))
		return
	}
	l.save.Disable()
	l.s.d.Run(func() {
		saved, err := l.s.d.Company.SaveCompany(context.Background(), c)
		fyne.Do(func() {
			l.save.Enable()
			if err != nil {
				alert.Error(l.s.d.Window, err)
				return
			}
			l.fill(saved)
			l.status.SetText(lang.X("settings.company.saved", "Letterhead saved."))
		})
	})
}
