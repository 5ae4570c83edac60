package xwidget

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// twoFields is a form of a code and a name, both required, and a check box.
type twoFields struct {
	s      *FormState
	active *widget.Check
	shown  []Problems // what Shown was given, each time
	edits  []string   // what Changed was told
	layout int        // how often Relayout ran
}

func newTwoFields(t *testing.T) *twoFields {
	t.Helper()
	test.NewTempApp(t)
	f := &twoFields{s: NewFormState()}
	f.s.Add("code", NewEntryField())
	f.s.Add("name", NewEntryField())
	f.active = widget.NewCheck("active", func(bool) { f.s.Edited("active") })
	f.s.AddValue("active", func() string {
		if f.active.Checked {
			return "yes"
		}
		return "no"
	})
	f.s.Check = func() Problems {
		p := Problems{}
		for _, name := range f.s.Order {
			if strings.TrimSpace(f.s.Fields[name].Text()) == "" {
				p.Add(name, "required")
			}
		}
		return p
	}
	f.s.Changed = func(name string) { f.edits = append(f.edits, name) }
	f.s.Shown = func(p Problems) { f.shown = append(f.shown, p) }
	f.s.Relayout = func() { f.layout++ }
	w := test.NewTempWindow(t, container.NewVBox(f.s.Fields["code"], f.s.Fields["name"], f.active))
	f.s.Window = w
	f.s.Fill(func() {
		f.s.Fields["code"].Entry.SetText("K1")
		f.s.Fields["name"].Entry.SetText("Hurtownia")
		f.active.SetChecked(true)
	})
	return f
}

func (f *twoFields) problems() (code, name string) {
	return f.s.Fields["code"].Problem(), f.s.Fields["name"].Problem()
}

func TestFormStateShowsTouchedFieldsThenAll(t *testing.T) {
	f := newTwoFields(t)
	if f.s.Dirty() || len(f.edits) != 0 {
		t.Fatalf("filling the form: dirty %v, user edits %v", f.s.Dirty(), f.edits)
	}
	f.s.Fields["name"].Entry.SetText("")
	if code, name := f.problems(); code != "" || name != "required" || f.layout != 1 {
		t.Errorf("after clearing the name: code %q, name %q, relayouts %d", code, name, f.layout)
	}
	f.s.Fields["code"].Entry.SetText("K2")
	f.s.Fields["code"].Entry.SetText("")
	if code, _ := f.problems(); code != "required" || !f.s.Dirty() {
		t.Errorf("the cleared code shows %q; dirty %v", code, f.s.Dirty())
	}
	if strings.Join(f.edits, " ") != "name code code" {
		t.Errorf("Changed was told %v", f.edits)
	}

	f.s.Fill(func() {
		f.s.Fields["code"].Entry.SetText("")
		f.s.Fields["name"].Entry.SetText("")
	})
	if code, name := f.problems(); code != "" || name != "" || f.s.Dirty() || f.s.Tried() {
		t.Fatalf("a new fill keeps problems %q %q, dirty %v, tried %v", code, name, f.s.Dirty(), f.s.Tried())
	}
	if f.s.Try(f.s.Check()) {
		t.Fatal("a form with problems was ready to save")
	}
	if code, name := f.problems(); code != "required" || name != "required" {
		t.Errorf("after a tried save: code %q, name %q", code, name)
	}
	if f.s.Window.Canvas().Focused() != f.s.Fields["code"].Focusable() {
		t.Error("the first field with a problem did not take the keyboard")
	}
	f.s.Fields["code"].Entry.SetText("K3")
	f.s.Fields["name"].Entry.SetText("Sklep")
	if !f.s.Try(f.s.Check()) {
		t.Error("a valid form was not ready to save")
	}
}

func TestFormStateDirtyCountsValues(t *testing.T) {
	f := newTwoFields(t)
	test.Tap(f.active)
	if !f.s.Dirty() || f.edits[len(f.edits)-1] != "active" {
		t.Fatalf("unticking: dirty %v, edits %v", f.s.Dirty(), f.edits)
	}
	test.Tap(f.active)
	if f.s.Dirty() {
		t.Error("ticking back still counts as a change")
	}
}

func TestFormStateStoreProblemsStayUntilTheirFieldChanges(t *testing.T) {
	f := newTwoFields(t)
	if f.s.Refused(errors.New("disk full")) || f.s.Refused(nil) {
		t.Fatal("an error without field problems was taken as the form's")
	}
	refused := &domain.Error{Code: domain.EConflict, Key: "account.invalid", Msg: "not saved", Fields: []domain.FieldError{
		{Field: "code", Key: "code.taken", Msg: "{{.Value}} is already used", Args: map[string]any{"Value": "K1"}},
		{Field: "parent", Key: "parent.unknown", Msg: "no such head office"}}}
	if !f.s.Refused(refused) {
		t.Fatal("the store's field problems were not taken")
	}
	last := f.shown[len(f.shown)-1]
	if code, _ := f.problems(); code != "K1 is already used" || last["parent"] != "No such head office" {
		t.Fatalf("refused: code shows %q, the form's other problems %v", code, last)
	}
	if f.s.Window.Canvas().Focused() != f.s.Fields["code"].Focusable() {
		t.Error("the refused field did not take the keyboard")
	}
	f.s.Fields["name"].Entry.SetText("Hurtownia Łódź")
	last = f.shown[len(f.shown)-1]
	if code, _ := f.problems(); code != "K1 is already used" || last["parent"] != "" {
		t.Errorf("after editing the name: code shows %q, other problems %v", code, last)
	}
	f.s.Fields["code"].Entry.SetText("K9")
	if code, _ := f.problems(); code != "" {
		t.Errorf("the changed code still shows %q", code)
	}
}

func TestQuietFormStateWaitsForASave(t *testing.T) {
	f := newTwoFields(t)
	f.s.Quiet = true
	f.s.Fields["name"].Entry.SetText("")
	if _, name := f.problems(); name != "" {
		t.Errorf("a quiet form shows %q before a save", name)
	}
	f.s.Window = nil // the keyboard stays where it is
	if f.s.Try(f.s.Check()) {
		t.Fatal("saved without a name")
	}
	if _, name := f.problems(); name != "required" {
		t.Errorf("after a tried save the name shows %q", name)
	}
	f.s.Fields["name"].Entry.SetText("x")
	if _, name := f.problems(); name != "" {
		t.Errorf("the corrected name still shows %q", name)
	}
}

func TestProblemsKeepTheFirstOfAField(t *testing.T) {
	test.NewTempApp(t)
	p := Problems{}
	p.Read(domain.FieldDate, domain.Errorf(domain.EInvalid, "date.invalid", "{{.Value}} is not a date", map[string]any{"Value": "jutro"}))
	p.Read(domain.FieldAmount, nil)
	p.AddError(&domain.Error{Code: domain.EInvalid, Key: "payment.invalid", Msg: "not valid", Fields: []domain.FieldError{
		{Field: domain.FieldDate, Key: "field.required", Msg: "required"},
		{Field: domain.FieldAmount, Key: "amount.positive", Msg: "the amount must be more than 0"}}})
	p.Add(domain.FieldAmount, "later")
	if len(p) != 2 || p[domain.FieldDate] != "jutro is not a date" || p[domain.FieldAmount] != "The amount must be more than 0" {
		t.Errorf("problems %v", p)
	}
}

func TestSaverRunsOneSaveAtATime(t *testing.T) {
	test.NewTempApp(t)
	var held []func()
	btn := widget.NewButton("Save", nil)
	s := Saver[string]{Run: func(job func()) { held = append(held, job) }, Button: btn}
	var got []string
	save := func(v string) func(context.Context) (string, error) {
		return func(context.Context) (string, error) { return v, nil }
	}
	done := func(v string, err error) { got = append(got, v) }
	if !s.Save(save("first"), done) || !btn.Disabled() || !s.Busy() {
		t.Fatal("the save did not start, or left the button enabled")
	}
	if s.Save(save("second"), done) || len(held) != 1 {
		t.Fatal("a second save started while the first ran")
	}
	held[0]()
	if len(got) != 1 || got[0] != "first" || btn.Disabled() || s.Busy() {
		t.Errorf("after the save: done %v, button disabled %v", got, btn.Disabled())
	}
}

func TestConflict(t *testing.T) {
	if !Conflict(domain.Errorf(domain.EConflict, "record.changed", "changed elsewhere", nil)) {
		t.Error("a version conflict was not recognised")
	}
	for _, err := range []error{nil, errors.New("record.changed"), domain.Errorf(domain.EConflict, "db.duplicate", "taken", nil)} {
		if Conflict(err) {
			t.Errorf("%v taken for a version conflict", err)
		}
	}
}
