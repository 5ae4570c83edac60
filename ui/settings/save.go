package settings

import (
	"strconv"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/xwidget"
)

// section is a part of the screen saved by its one Save button: what the
// user changed in it is kept until Save, checked there, and shown with its
// problems next to the fields.
type section interface {
	// dirty reports whether the user changed something since the section
	// was loaded or saved.
	dirty() bool
	// save checks and stores what changed, then calls done with whether it
	// was stored (or there was nothing to store); a refusal shows next to
	// the fields.
	save(done func(ok bool))
	// discard shows the stored values again.
	discard()
}

// sections are the screen's parts in the order they show.
func (s *Screen) sections() []section {
	out := []section{prefsSection{s}}
	if s.documents != nil {
		out = append(out, s.documents)
	}
	if s.company != nil {
		out = append(out, s.company)
	}
	if s.ksef != nil {
		out = append(out, s.ksef)
	}
	if s.collections != nil {
		out = append(out, s.collections)
	}
	return out
}

// Dirty reports whether any part of the screen has unsaved changes.
func (s *Screen) Dirty() bool {
	for _, sec := range s.sections() {
		if sec.dirty() {
			return true
		}
	}
	return false
}

// changed is a section's edit: Save is enabled and what the last save said
// no longer holds.
func (s *Screen) changed() {
	if s.save == nil || s.saving {
		return // still building, or the save sets the button when done
	}
	if s.Dirty() {
		s.save.Enable()
	} else {
		s.save.Disable()
	}
	s.setSaveStatus("", widget.MediumImportance)
}

func (s *Screen) setSaveStatus(text string, imp widget.Importance) {
	s.saveStatus.Importance = imp
	s.saveStatus.SetText(text)
}

// Save stores every section that changed, one after the other, then says
// whether all were stored; then runs when all were.
func (s *Screen) Save(then func()) {
	if s.saving {
		return
	}
	s.saving = true
	s.save.Disable()
	all := true
	var next func(rest []section)
	next = func(rest []section) {
		if len(rest) == 0 {
			s.saving = false
			if !all || s.Dirty() {
				s.save.Enable()
				s.setSaveStatus(lang.X("settings.not_saved", "Not saved: correct what is marked below."), widget.DangerImportance)
				return
			}
			s.setSaveStatus(lang.X("settings.saved", "Saved."), widget.SuccessImportance)
			if then != nil {
				then()
			}
			return
		}
		if !rest[0].dirty() {
			next(rest[1:])
			return
		}
		rest[0].save(func(ok bool) {
			all = all && ok
			next(rest[1:])
		})
	}
	next(s.sections())
}

// discard shows every section's stored values again.
func (s *Screen) discard() {
	for _, sec := range s.sections() {
		sec.discard()
	}
	s.save.Disable()
	s.setSaveStatus("", widget.MediumImportance)
}

// ConfirmLeave runs then at once when nothing is unsaved; else it asks
// whether to save the changes, discard them or stay.
func (s *Screen) ConfirmLeave(then func()) {
	if !s.Dirty() {
		then()
		return
	}
	xwidget.Ask(s.d.Window, lang.X("settings.unsaved.title", "Unsaved settings"),
		lang.X("settings.unsaved.message", "Some settings were changed and not saved."),
		xwidget.Choice{Label: lang.X("unsaved.cancel", "Cancel")},
		xwidget.Choice{Label: lang.X("unsaved.discard", "Discard changes"), Importance: widget.DangerImportance,
			Action: func() { s.discard(); then() }},
		xwidget.Choice{Label: lang.X("unsaved.save", "Save"), Importance: widget.HighImportance, Action: func() { s.Save(then) }},
	)
}

// prefsSection is the rep's name and the going-cold days, kept in this
// computer's preferences.
type prefsSection struct{ s *Screen }

func (p prefsSection) dirty() bool {
	s := p.s
	return s.repName.Text != RepName(s.d.Prefs) || s.coldDays.Text != strconv.Itoa(ColdDays(s.d.Prefs))
}

func (p prefsSection) save(done func(bool)) {
	s := p.s
	n, ok := parseColdDays(s.coldDays.Text)
	if !ok {
		s.showColdProblem(true)
		s.d.Window.Canvas().Focus(s.coldDays)
		done(false)
		return
	}
	s.d.Prefs.SetString(PrefRepName, s.repName.Text)
	s.d.Prefs.SetInt(PrefColdDays, n)
	s.coldDays.SetText(strconv.Itoa(n))
	done(true)
}

func (p prefsSection) discard() {
	s := p.s
	s.repName.SetText(RepName(s.d.Prefs))
	s.coldDays.SetText(strconv.Itoa(ColdDays(s.d.Prefs)))
	s.showColdProblem(false)
}
