package xwidget

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/worker"
)

// Problems are the messages shown next to a form's fields, by field name. A
// name the form has no field for is a problem of the form as a whole, which
// the form's Shown hook puts where it belongs.
type Problems map[string]string

// Add records msg as field's problem unless it has one: the first problem
// found with a field is the one shown.
func (p Problems) Add(field, msg string) {
	if _, seen := p[field]; !seen && msg != "" {
		p[field] = msg
	}
}

// Read adds the problem of reading what the user typed into field, when err
// is one.
func (p Problems) Read(field string, err error) {
	if err != nil {
		p.Add(field, alert.FieldProblem(field, err))
	}
}

// AddError adds each field problem of err, a domain error, translated; the
// rules are checked after every field was read, so a field that could not be
// read keeps that problem.
func (p Problems) AddError(err error) {
	if e, ok := domain.AsError(err); ok {
		for _, fe := range e.Fields {
			p.Add(fe.Field, alert.Field(fe))
		}
	}
}

// FormState is what an editor knows about its form besides the widgets: its
// fields by name, what they held when the record was loaded or last saved
// (so it can tell unsaved changes), which fields the user has changed,
// whether a save was tried, and the problems the store reported.
//
// It decides which problems show: one the store reported until the user
// changes that field (one of no field in the form: until the user changes
// anything); one of a field the user has changed, as they type (unless
// Quiet); every one once a save was tried.
type FormState struct {
	Fields map[string]*Field
	Order  []string // the field names in form order

	// Check reads the form and returns its problems; it runs after every
	// change the user makes.
	Check func() Problems
	// Changed runs after the user changed the field or value named, before
	// the problems are checked again.
	Changed func(name string)
	// Shown runs after the problems were written next to their fields, with
	// every problem that shows, those of names with no field included.
	Shown func(Problems)
	// Relayout runs when a problem line appeared or went, so the container
	// can make room.
	Relayout func()
	// Window is where the first field with a problem takes the keyboard when
	// a save was refused; nil leaves the keyboard where it is.
	Window fyne.Window
	// Reveal runs before that field takes the keyboard: it brings the part
	// of the form that holds the fields into view.
	Reveal func()
	// Quiet keeps every problem hidden until a save was tried, however many
	// fields the user changed: for short dialogs.
	Quiet bool

	values  map[string]func() string
	loaded  map[string]string
	touched map[string]bool
	stored  Problems
	tried   bool
	filling bool
}

// NewFormState returns a form with no fields yet.
func NewFormState() *FormState {
	return &FormState{Fields: map[string]*Field{}, values: map[string]func() string{}, loaded: map[string]string{},
		touched: map[string]bool{}, stored: Problems{}}
}

// Add puts f in the form as name, after the fields added before, and
// watches the user's changes to it: it sets the entry's OnChanged.
func (s *FormState) Add(name string, f *Field) *Field {
	s.Fields[name] = f
	s.Order = append(s.Order, name)
	f.Entry.OnChanged = func(string) { s.Edited(name) }
	return f
}

// AddValue counts a value the user does not type (a check box, a choice)
// in the saved state; value reads it as text. The widget's change handler
// calls Edited(name).
func (s *FormState) AddValue(name string, value func() string) { s.values[name] = value }

// Fill runs set, which writes a loaded or saved record into the widgets,
// and takes what they then hold as the saved state: nothing unsaved, nothing
// changed by the user, no save tried and no problem shown. The changes set
// makes are not the user's.
func (s *FormState) Fill(set func()) {
	s.filling = true
	set()
	s.filling = false
	s.loaded = s.texts()
	s.touched, s.stored, s.tried = map[string]bool{}, Problems{}, false
	s.show(nil)
}

// texts are what the fields and values hold now.
func (s *FormState) texts() map[string]string {
	m := make(map[string]string, len(s.Fields)+len(s.values))
	for name, f := range s.Fields {
		m[name] = f.Text()
	}
	for name, v := range s.values {
		m[name] = v()
	}
	return m
}

// Dirty reports whether a field or value differs from the saved state.
func (s *FormState) Dirty() bool {
	for name, t := range s.texts() {
		if t != s.loaded[name] {
			return true
		}
	}
	return false
}

// Edited is the user's change of the field or value name: its problems
// show from now on, the store's problem with it goes, and the form is
// checked again.
func (s *FormState) Edited(name string) {
	if s.filling {
		return
	}
	s.touched[name] = true
	delete(s.stored, name)
	for other := range s.stored {
		if s.Fields[other] == nil {
			delete(s.stored, other)
		}
	}
	if s.Changed != nil {
		s.Changed(name)
	}
	s.Validate()
}

// Touch shows the problems of name as if the user had changed it.
func (s *FormState) Touch(name string) { s.touched[name] = true }

// Tried reports whether a save was tried since the form was filled.
func (s *FormState) Tried() bool { return s.tried }

// Validate checks the form and shows the problems that show; it returns
// every problem Check found.
func (s *FormState) Validate() Problems {
	var p Problems
	if s.Check != nil {
		p = s.Check()
	}
	s.show(p)
	return p
}

// Try marks a save as tried, so every problem shows, and shows p, the
// problems Check found in what is about to be saved. When there are any, the
// first field showing one takes the keyboard and Try reports false.
func (s *FormState) Try(p Problems) bool {
	s.tried = true
	s.show(p)
	if len(p) > 0 {
		s.focusFirst()
		return false
	}
	return true
}

// Refused shows the field problems of a save the store refused and gives
// the first field showing one the keyboard. It reports whether err had any;
// an error without them is for the caller to show.
func (s *FormState) Refused(err error) bool {
	e, ok := domain.AsError(err)
	if !ok || len(e.Fields) == 0 {
		return false
	}
	for _, fe := range e.Fields {
		s.stored[fe.Field] = alert.Field(fe)
	}
	s.Validate()
	s.focusFirst()
	return true
}

// Shows reports whether the form has a field for name, where its problem shows.
func (s *FormState) Shows(name string) bool { return s.Fields[name] != nil }

// show writes next to each field the problem that shows.
func (s *FormState) show(p Problems) {
	shown := Problems{}
	for name, msg := range p {
		if s.tried || !s.Quiet && s.touched[name] {
			shown[name] = msg
		}
	}
	for name, msg := range s.stored {
		shown[name] = msg
	}
	relayout := false
	for name, f := range s.Fields {
		relayout = f.SetProblem(shown[name]) || relayout
	}
	if relayout && s.Relayout != nil {
		s.Relayout()
	}
	if s.Shown != nil {
		s.Shown(shown)
	}
}

// focusFirst gives the keyboard to the first field, in form order, that
// shows a problem.
func (s *FormState) focusFirst() {
	if s.Window == nil {
		return
	}
	for _, name := range s.Order {
		if f := s.Fields[name]; f.Problem() != "" {
			if s.Reveal != nil {
				s.Reveal()
			}
			s.Window.Canvas().Focus(f.Focusable())
			return
		}
	}
}

// Saver runs an editor's saves off the Fyne goroutine, one at a time: while
// one runs its Button is disabled and another is not started.
//
// A record that was loaded is saved with the version it was loaded at (the
// editor's save function sends it in its update), so the store refuses the
// save when someone else saved the record meanwhile; Conflict tells that
// refusal from others, and the editor asks the user what to do.
type Saver[T any] struct {
	Run    worker.Runner  // where the save runs; worker.Go when nil
	Button *widget.Button // disabled while a save runs; may be nil
	busy   bool
}

// Busy reports whether a save is running.
func (s *Saver[T]) Busy() bool { return s.busy }

// Save runs save off the Fyne goroutine, then done on it with the outcome.
// It reports false, and runs nothing, while an earlier save runs.
func (s *Saver[T]) Save(save func(ctx context.Context) (T, error), done func(T, error)) bool {
	if s.busy {
		return false
	}
	s.busy = true
	if s.Button != nil {
		s.Button.Disable()
	}
	run := s.Run
	if run == nil {
		run = worker.Go
	}
	run(func() {
		got, err := save(context.Background())
		fyne.Do(func() {
			s.busy = false
			if s.Button != nil {
				s.Button.Enable()
			}
			done(got, err)
		})
	})
	return true
}

// Conflict reports whether err refused a save because someone else saved
// the record since the editor loaded it: the version the save sent was not
// the one stored.
func Conflict(err error) bool {
	e, ok := domain.AsError(err)
	return ok && e.Key == "record.changed"
}
