package groups

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/prices"
	"kontor/ui/xwidget"
)

// memberColumns: code, name, city.
var memberColumns = xwidget.Columns{Widths: []float32{190, 200, 140}, Flex: 1}

// view is one open group: its name (renamed in place), its members and its
// price agreements.
type view struct {
	s *Screen
	g *domain.CustomerGroup

	title     *widget.Label
	state     *xwidget.FormState
	name      *xwidget.Field
	saver     xwidget.Saver[*domain.CustomerGroup]
	renameBtn *widget.Button
	deleteBtn *widget.Button
	status    *widget.Label
	members   *widget.List
	rows      xwidget.Pages[domain.AccountRow]
	tabs      *container.AppTabs
	prices    *prices.Panel
	content   fyne.CanvasObject
}

func newView(s *Screen, g *domain.CustomerGroup) *view {
	v := &view{s: s, g: g}
	v.title = widget.NewLabelWithStyle(g.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.state = xwidget.NewFormState()
	v.state.Window = s.d.Window
	v.name = v.state.Add(domain.FieldName, xwidget.NewEntryField())
	v.fill(g.Name)
	v.name.Entry.OnSubmitted = func(string) { v.Save(nil) }
	v.renameBtn = widget.NewButtonWithIcon(lang.X("groups.rename", "Rename"), theme.DocumentSaveIcon(), func() { v.Save(nil) })
	v.renameBtn.Importance = widget.HighImportance
	v.saver = xwidget.Saver[*domain.CustomerGroup]{Run: s.d.Run, Button: v.renameBtn}
	v.deleteBtn = widget.NewButtonWithIcon(lang.X("groups.delete", "Delete"), theme.DeleteIcon(), v.onDelete)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { s.ConfirmLeave(s.closeView) })
	v.status = widget.NewLabel("")
	v.status.Importance = widget.LowImportance

	v.rows = xwidget.Pages[domain.AccountRow]{Run: s.d.Run, Loaded: v.membersLoaded,
		Load: func(ctx context.Context, offset, limit int) ([]domain.AccountRow, int, error) {
			return s.d.Groups.FindGroupMembers(ctx, g.ID, offset, limit)
		}}
	v.members = widget.NewList(v.rows.Total, func() fyne.CanvasObject { return memberColumns.Row() }, v.updateMember)
	v.members.OnSelected = func(i widget.ListItemID) {
		v.members.UnselectAll()
		if r, ok := v.rows.Row(i); ok && s.d.OpenAccount != nil {
			s.d.OpenAccount(r.AccountID)
		}
	}
	membersHint := widget.NewLabel(lang.X("groups.members.hint", "An account joins a group through its customer group field. Choose one to open it."))
	membersHint.Importance = widget.LowImportance
	membersHint.Wrapping = fyne.TextWrapWord
	header := memberColumns.Header([]string{lang.X("groups.member.code", "Code"), lang.X("groups.member.name", "Name"), lang.X("groups.member.city", "City")})
	membersTab := container.NewBorder(container.NewVBox(membersHint, header, widget.NewSeparator()), nil, nil, nil, v.members)

	pd := s.d.Prices
	v.prices = prices.NewGroupPanel(&pd, g)
	pricesHint := widget.NewLabel(lang.X("groups.prices.hint", "These agreements apply to every member that has no agreement of its own or of its head office for the product."))
	pricesHint.Importance = widget.LowImportance
	pricesHint.Wrapping = fyne.TextWrapWord
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("", theme.AccountIcon(), membersTab),
		container.NewTabItemWithIcon(lang.X("groups.tab.prices", "Price agreements"), theme.ListIcon(),
			container.NewBorder(pricesHint, nil, nil, nil, v.prices.Content())),
	)
	nameRow := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle(lang.X("groups.field.name", "Name"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, container.NewHBox(v.renameBtn, v.deleteBtn), v.name))
	head := container.NewVBox(container.NewBorder(nil, nil, nil, closeBtn, v.title), nameRow, widget.NewSeparator())
	v.content = container.NewBorder(head, v.status, nil, nil, v.tabs)
	v.refreshTitle()
	v.rows.Reset()
	return v
}

// refreshTitle puts the member count in the tab's title.
func (v *view) refreshTitle() {
	n := v.g.Members
	v.tabs.Items[0].Text = lang.XN("groups.tab.members", "Members ({{.Count}})", n,
		map[string]any{"Count": v.s.d.Locale.FormatDecimal(decimal.NewFromInt(int64(n)), 0)})
	v.tabs.Refresh()
}

func (v *view) membersLoaded(_ bool, err error) {
	if err != nil {
		alert.Error(v.s.d.Window, err)
		return
	}
	v.members.Refresh()
}

func (v *view) updateMember(i widget.ListItemID, o fyne.CanvasObject) {
	r, ok := v.rows.Row(i)
	if !ok {
		xwidget.SetRow(o, "", "…")
		return
	}
	xwidget.SetRow(o, r.Code, r.Name, r.City)
}

// Content is the view's top object.
func (v *view) Content() fyne.CanvasObject { return v.content }

// fill shows name as the group's saved name.
func (v *view) fill(name string) { v.state.Fill(func() { v.name.Entry.SetText(name) }) }

// Dirty reports whether the name was edited and not saved.
func (v *view) Dirty() bool { return v.state.Dirty() }

// Unsaved is what the question before leaving an unsaved rename says.
func (v *view) Unsaved() (string, string) {
	return lang.X("groups.unsaved.title", "Unsaved name"),
		lang.X("groups.unsaved.message", "The group {{.Name}} was renamed to “{{.New}}” but not saved.", map[string]any{"Name": v.g.Name, "New": v.name.Text()})
}

// Save renames the group to the name typed; then runs after it was saved.
func (v *view) Save(then func()) {
	if v.saver.Busy() {
		return
	}
	name, err := domain.ValidateGroupName(v.name.Text())
	if err != nil {
		v.showError(err)
		return
	}
	if name == v.g.Name {
		v.fill(name)
		if then != nil {
			then()
		}
		return
	}
	id, old := v.g.ID, v.g.Name
	v.saver.Save(func(ctx context.Context) (*domain.CustomerGroup, error) {
		return v.s.d.Groups.RenameGroup(ctx, id, name)
	}, func(g *domain.CustomerGroup, err error) {
		if err != nil {
			v.showError(err)
			return
		}
		v.g = g
		v.fill(g.Name)
		v.title.SetText(g.Name)
		v.status.SetText(lang.X("groups.renamed", "Renamed from {{.Old}}; its members now name {{.New}}.", map[string]any{"Old": old, "New": g.Name}))
		v.s.Reload()
		v.prices.Reload()
		if then != nil {
			then()
		}
	})
}

// showError puts a problem with the name next to it, anything else in a dialog.
func (v *view) showError(err error) {
	if !v.state.Refused(err) {
		alert.Error(v.s.d.Window, err)
	}
}

// onDelete asks, then deletes; the store refuses a group in use.
func (v *view) onDelete() {
	g := v.g
	v.s.question = xwidget.Ask(v.s.d.Window, lang.X("groups.delete.title", "Delete group"),
		lang.X("groups.delete.message", "Delete the customer group {{.Name}}?", map[string]any{"Name": g.Name}),
		xwidget.Choice{Label: lang.X("groups.delete.cancel", "Cancel")},
		xwidget.Choice{Label: lang.X("groups.delete.confirm", "Delete"), Importance: widget.DangerImportance, Action: func() {
			v.s.d.Run(func() {
				err := v.s.d.Groups.DeleteGroup(context.Background(), g.ID)
				fyne.Do(func() {
					if err != nil {
						alert.Error(v.s.d.Window, err)
						return
					}
					v.s.closeView()
					v.s.Reload()
				})
			})
		}},
	)
}

// createForm is the dialog that creates a group.
type createForm struct {
	s      *Screen
	state  *xwidget.FormState
	name   *xwidget.Field
	save   *widget.Button
	saver  xwidget.Saver[*domain.CustomerGroup]
	dialog *xwidget.Dialog
}

// NewGroup asks for the name of a new group, creates it and opens it (Ctrl+N).
func (s *Screen) NewGroup() {
	s.ConfirmLeave(func() {
		f := &createForm{s: s, state: xwidget.NewFormState()}
		f.name = f.state.Add(domain.FieldName, xwidget.NewEntryField())
		f.name.Entry.SetPlaceHolder(lang.X("groups.new.placeholder", "e.g. Hurt, Detal, Sieci"))
		f.name.Entry.OnSubmitted = func(string) { f.submit() }
		cancel := widget.NewButton(lang.X("groups.new.cancel", "Cancel"), func() { f.dialog.Hide() })
		f.save = widget.NewButtonWithIcon(lang.X("groups.new.create", "Create"), theme.ConfirmIcon(), f.submit)
		f.save.Importance = widget.HighImportance
		f.saver = xwidget.Saver[*domain.CustomerGroup]{Run: s.d.Run, Button: f.save}
		form := container.New(layout.NewFormLayout(),
			widget.NewLabelWithStyle(lang.X("groups.field.name", "Name"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), f.name)
		body := container.NewVBox(form, container.NewHBox(layout.NewSpacer(), cancel, f.save))
		f.dialog = xwidget.NewDialog(lang.X("groups.new.title", "New customer group"), body, s.d.Window)
		f.dialog.Fit(fyne.NewSize(420, 0))
		f.dialog.Show()
		s.d.Window.Canvas().Focus(f.name.Focusable())
		s.create = f
	})
}

func (f *createForm) submit() {
	if f.saver.Busy() {
		return
	}
	name, err := domain.ValidateGroupName(f.name.Text())
	if err != nil {
		f.problem(err)
		return
	}
	s := f.s
	f.saver.Save(func(ctx context.Context) (*domain.CustomerGroup, error) {
		return s.d.Groups.CreateGroup(ctx, name)
	}, func(g *domain.CustomerGroup, err error) {
		if err != nil {
			f.problem(err)
			return
		}
		f.dialog.Hide()
		s.Reload()
		s.load(g.ID)
	})
}

// problem puts a problem with the name under it, anything else in a dialog.
func (f *createForm) problem(err error) {
	if !f.state.Refused(err) {
		alert.Error(f.s.d.Window, err)
		return
	}
	f.dialog.Fit(fyne.NewSize(420, 0)) // room for the problem line
}
