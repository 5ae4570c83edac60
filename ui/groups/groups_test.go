package groups

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/prices"
	"kontor/ui/uitest"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

func TestMain(m *testing.M) { uitest.Main(m) }

type fixture struct {
	db     *domaintest.Store
	cat    *domaintest.Catalog
	w      fyne.Window
	s      *Screen
	opened []domain.AccountID
}

func newFixture(t *testing.T) *fixture {
	db := domaintest.New()
	cat := domaintest.NewCatalog(db)
	f := &fixture{db: db, cat: cat, w: uitest.Window(t, 1280, 800)}
	db.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź", func(a *domain.AccountFields) { a.CustomerGroup = "Hurt" })
	db.AddAccount(t, "K2", "Zakład Müller", "Poznań", func(a *domain.AccountFields) { a.CustomerGroup = "Hurt" })
	db.AddAccount(t, "K3", "Apteka", "Kraków", func(a *domain.AccountFields) { a.CustomerGroup = "Detal" })
	cat.AddProduct(t, "MKA-650", "Mąka pszenna typ 650", "3,20")
	f.s = New(Deps{Window: f.w, Groups: cat, Run: worker.Inline, Locale: domain.Polish,
		OpenAccount: func(id domain.AccountID) { f.opened = append(f.opened, id) },
		Prices: prices.Deps{Window: f.w, Accounts: db, Products: cat, Groups: cat, Agreements: cat, Prices: cat,
			Locale: domain.Polish, User: func() string { return "Anna Nowak" }}})
	f.w.SetContent(f.s.Content())
	return f
}

func (f *fixture) names() []string {
	var out []string
	for i := range f.s.groups {
		o := columns.Row(1)
		f.s.list.UpdateItem(i, o)
		out = append(out, strings.Join(xwidget.RowTexts(o), ":"))
	}
	return out
}

func TestGroupsListMembersAndRename(t *testing.T) {
	f := newFixture(t)
	if got := strings.Join(f.names(), " "); got != "Detal:1 Hurt:2" {
		t.Fatalf("groups %q", got)
	}
	f.s.list.Select(1)
	v := f.s.view
	if v == nil || v.g.Name != "Hurt" || v.rows.Total() != 2 || !strings.Contains(v.tabs.Items[0].Text, "Members (2)") {
		t.Fatalf("open group: %+v", v)
	}
	o := memberColumns.Row()
	v.updateMember(1, o)
	if got := xwidget.RowTexts(o); got[0] != "K2" || got[2] != "Poznań" {
		t.Errorf("member row %q", got)
	}
	v.members.Select(0)
	if len(f.opened) != 1 {
		t.Errorf("choosing a member opened %v", f.opened)
	}

	v.name.Entry.SetText("Detal")
	test.Tap(v.renameBtn)
	if p := v.name.Problem(); !strings.Contains(p, "already a group named Detal") {
		t.Errorf("rename to a taken name: problem %q", p)
	}
	v.name.Entry.SetText("  ")
	f.s.Save()
	if p := v.name.Problem(); !strings.Contains(p, "Required") {
		t.Errorf("blank name: problem %q", p)
	}
	v.name.Entry.SetText("Hurt stały")
	f.s.Save()
	if got := strings.Join(f.names(), " "); got != "Detal:1 Hurt stały:2" {
		t.Errorf("after the rename: %q", got)
	}
	k1, _ := f.db.FindAccountByCode(t.Context(), "K1")
	if k1.CustomerGroup != "Hurt stały" || v.title.Text != "Hurt stały" || f.s.Dirty() {
		t.Errorf("member's group %q, title %q", k1.CustomerGroup, v.title.Text)
	}
	if !strings.Contains(v.status.Text, "Renamed from Hurt") {
		t.Errorf("status %q", v.status.Text)
	}
}

func TestUnsavedRenameAsks(t *testing.T) {
	f := newFixture(t)
	f.s.list.Select(1)
	f.s.view.name.Entry.SetText("Hurtowy")
	f.s.list.Select(0)
	if f.s.question == nil || f.s.view.g.Name != "Hurt" {
		t.Fatal("leaving an unsaved rename did not ask")
	}
	test.Tap(f.s.question.Button("Save"))
	if f.s.view.g.Name != "Detal" {
		t.Errorf("after saving, open group %q", f.s.view.g.Name)
	}
	if _, err := f.cat.FindGroupByName(t.Context(), "Hurtowy"); err != nil {
		t.Errorf("the rename was not saved: %v", err)
	}
}

func TestNewGroupAndItsAgreements(t *testing.T) {
	f := newFixture(t)
	f.s.NewGroup()
	c := f.s.create
	test.Type(c.name.Entry, "Hurt")
	test.Tap(c.save)
	if p := c.name.Problem(); !strings.Contains(p, "already a group") {
		t.Errorf("taken name: problem %q", p)
	}
	c.name.Entry.SetText("Sieci")
	c.name.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.s.view == nil || f.s.view.g.Name != "Sieci" || len(f.s.groups) != 3 {
		t.Fatalf("the new group did not open: %+v", f.s.view)
	}
	panel := f.s.view.prices
	test.Tap(findButton(t, panel.Content(), "Add agreement"))
	test.Type(f.w.Canvas().Focused(), "MKA-650")
	test.FocusNext(f.w.Canvas()) // past the Find… button
	test.FocusNext(f.w.Canvas())
	test.FocusNext(f.w.Canvas()) // min qty → price
	test.Type(f.w.Canvas().Focused(), "2,90")
	test.Tap(findButton(t, f.w.Canvas().Overlays().Top(), "Save"))
	list, _, _ := f.cat.FindAgreements(t.Context(), domain.AgreementFilter{GroupID: f.s.view.g.ID})
	if len(list) != 1 || list[0].Price != 29000 || list[0].CustomerGroup != "Sieci" || list[0].CreatedBy != "Anna Nowak" {
		t.Fatalf("group agreements %+v", list)
	}
}

// findButton finds the button labelled label under o.
func findButton(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	return uitest.Button(t, o, label)
}
