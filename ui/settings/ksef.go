package settings

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/language"
	"kontor/ui/xwidget"
)

// ksefSettings edits the KSeF settings — the environment the verification
// codes point at, the start date, the exemption's legal basis and the place
// of issue — and says whether the letterhead has what an FA(3) file needs.
type ksefSettings struct {
	s       *Screen
	env     *widget.Select
	start   *xwidget.Field
	basis   *xwidget.Field
	place   *xwidget.Field
	seller  *widget.Label // the seller's details checked for KSeF
	status  *widget.Label // why the settings were not saved
	stored  *domain.KSeFSettings
	filling bool
	content fyne.CanvasObject
}

// environmentLabel names a KSeF environment.
func environmentLabel(e domain.KSeFEnvironment) string {
	switch e {
	case domain.KSeFTest:
		return lang.X("settings.ksef.env.test", "Test (qr-test.ksef.mf.gov.pl)")
	case domain.KSeFDemo:
		return lang.X("settings.ksef.env.demo", "Demo (qr-demo.ksef.mf.gov.pl)")
	}
	return lang.X("settings.ksef.env.production", "Production (qr.ksef.mf.gov.pl)")
}

func newKSeFSettings(s *Screen) *ksefSettings {
	k := &ksefSettings{s: s}
	var envs []string
	for _, e := range domain.KSeFEnvironments {
		envs = append(envs, environmentLabel(e))
	}
	k.env = widget.NewSelect(envs, func(string) { k.edited() })
	k.start, k.basis, k.place = xwidget.NewEntryField(), xwidget.NewEntryField(), xwidget.NewEntryField()
	k.start.Entry.SetPlaceHolder(language.Locale().FormatDate(domain.KSeFStart))
	xwidget.DatePicker(k.start.Entry, language.Locale(), false, nil)
	k.basis.Entry.SetPlaceHolder(lang.X("settings.ksef.basis.placeholder", "e.g. art. 43 ust. 1 pkt 37 ustawy o VAT"))
	k.place.Entry.SetPlaceHolder(lang.X("settings.ksef.place.placeholder", "e.g. Łódź"))
	k.start.Entry.OnChanged = func(string) { k.start.SetProblem(""); k.edited() }
	k.basis.Entry.OnChanged = func(string) { k.edited() }
	k.place.Entry.OnChanged = func(string) { k.edited() }
	k.seller = widget.NewLabel("")
	k.seller.Wrapping = fyne.TextWrapWord
	form := container.New(layout.NewFormLayout(),
		label(lang.X("settings.ksef.environment", "KSeF environment")), k.env,
		label(lang.X("settings.ksef.start", "KSeF from")), k.start,
		label(lang.X("settings.ksef.basis", "Legal basis of VAT exemption")), k.basis,
		label(lang.X("settings.ksef.place", "Place of issue")), k.place)
	k.status = widget.NewLabel("")
	k.status.Wrapping = fyne.TextWrapWord
	k.status.Importance = widget.DangerImportance
	k.status.Hide()
	heading := widget.NewLabelWithStyle(lang.X("settings.ksef.title", "KSeF e-invoices"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Importance = widget.HighImportance
	hint := widget.NewLabel(lang.X("settings.ksef.hint",
		"Every invoice from the start date on gets its FA(3) file and a verification QR code (KOD I). "+
			"Kontor does not send the files: export them with kontorctl ksef export and import KSeF's receipts with kontorctl ksef upo."))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	k.content = container.NewVBox(widget.NewSeparator(), heading, hint, k.seller, form, k.status)
	k.load()
	return k
}

func label(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}

func (k *ksefSettings) load() {
	k.s.d.Run(func() {
		v, err := k.s.d.KSeF.FindKSeFSettings(context.Background())
		fyne.Do(func() {
			if err != nil {
				alert.Error(k.s.d.Window, err)
				return
			}
			k.fill(v)
		})
	})
}

func (k *ksefSettings) fill(v *domain.KSeFSettings) {
	k.filling = true
	k.env.SetSelected(environmentLabel(v.Environment))
	k.start.Entry.SetText(language.Locale().FormatDate(v.Start))
	k.basis.Entry.SetText(v.ExemptionBasis)
	k.place.Entry.SetText(v.PlaceOfIssue)
	k.start.SetProblem("")
	k.filling = false
	k.stored = v
	k.setStatus("")
	k.s.changed()
}

// edited is the user's change: the screen's Save takes it.
func (k *ksefSettings) edited() {
	if k.filling || k.status == nil {
		return
	}
	k.setStatus("")
	k.s.changed()
}

// typed is what the form shows, as settings, the start date aside.
func (k *ksefSettings) typed() domain.KSeFSettings {
	v := domain.KSeFSettings{ExemptionBasis: k.basis.Text(), PlaceOfIssue: k.place.Text()}
	for _, e := range domain.KSeFEnvironments {
		if environmentLabel(e) == k.env.Selected {
			v.Environment = e
		}
	}
	return v
}

func (k *ksefSettings) dirty() bool {
	if k.stored == nil {
		return false
	}
	v := k.typed()
	return v.Environment != k.stored.Environment || v.ExemptionBasis != k.stored.ExemptionBasis ||
		v.PlaceOfIssue != k.stored.PlaceOfIssue || k.start.Text() != language.Locale().FormatDate(k.stored.Start)
}

func (k *ksefSettings) discard() {
	if k.stored != nil {
		k.fill(k.stored)
	}
}

// setStatus shows why the settings were not saved, or nothing.
func (k *ksefSettings) setStatus(text string) {
	if text == k.status.Text {
		return
	}
	k.status.SetText(text)
	k.status.Show()
	if text == "" {
		k.status.Hide()
	}
	xwidget.Relayout(k.status)
}

// checkSeller says whether the letterhead as typed has what KSeF needs.
func (k *ksefSettings) checkSeller(c domain.CompanySettings) {
	if err := c.KSeFReady(); err != nil {
		k.seller.Importance = widget.WarningImportance
		k.seller.SetText(alert.Message(err))
		return
	}
	k.seller.Importance = widget.SuccessImportance
	k.seller.SetText(lang.X("settings.ksef.seller_ready", "The letterhead has what KSeF needs: the name, a valid NIP and the address."))
}

func (k *ksefSettings) save(done func(bool)) {
	v := k.typed()
	start, err := xwidget.ParseDate(k.start.Text())
	if err != nil {
		k.start.SetProblem(alert.Message(err))
		done(false)
		return
	}
	v.Start = start
	if err := v.Validate(); err != nil {
		k.setStatus(alert.Message(err))
		done(false)
		return
	}
	k.s.d.Run(func() {
		saved, err := k.s.d.KSeF.SaveKSeFSettings(context.Background(), v)
		fyne.Do(func() {
			if err != nil {
				k.setStatus(alert.Message(err))
				done(false)
				return
			}
			k.fill(saved)
			done(true)
		})
	})
}
