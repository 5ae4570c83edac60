// Package groups is the Customer groups screen: the groups with their member
// counts beside the open group, which can be renamed, lists its members (each
// opens its account) and holds the group's price agreements.
package groups

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/prices"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Deps is what the screen works with.
type Deps struct {
	Window      fyne.Window
	Groups      domain.GroupService
	Prices      prices.Deps // the group's agreements panel
	Run         worker.Runner
	Locale      domain.Locale
	OpenAccount func(domain.AccountID) // a member was chosen
}

// Screen is the list of groups and the open group.
type Screen struct {
	d      Deps
	groups []domain.CustomerGroup
	list   *widget.List
	newBtn *widget.Button
	status *widget.Label
	empty  *widget.Label
	side   fyne.CanvasObject
	view   *view // the open group, nil when none

	pane     *xwidget.MasterDetail // the list alone, or beside the open group
	gen      int
	question *xwidget.Question // the last question asked, for tests
	create   *createForm       // the new-group dialog last opened
}

// New builds the screen and starts loading the groups.
func New(d Deps) *Screen {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Prices.Run == nil {
		d.Prices.Run = d.Run
	}
	s := &Screen{d: d}
	s.list = widget.NewList(func() int { return len(s.groups) }, func() fyne.CanvasObject { return columns.Row(1) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			g := s.groups[i]
			xwidget.SetRow(o, g.Name, s.d.Locale.FormatDecimal(decimal.NewFromInt(int64(g.Members)), 0))
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if s.view == nil || s.view.g.ID != s.groups[i].ID {
			s.Open(s.groups[i].ID)
		}
	}
	s.newBtn = widget.NewButtonWithIcon(lang.X("groups.new", "New group"), theme.ContentAddIcon(), s.NewGroup)
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance
	s.empty = widget.NewLabel(lang.X("groups.empty", "No customer groups yet. Create one, or type a group in an account's customer group field."))
	s.empty.Wrapping = fyne.TextWrapWord
	s.empty.Hide()
	title := widget.NewLabelWithStyle(lang.X("groups.title", "Customer groups"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	header := columns.Header([]string{lang.X("groups.column.name", "Group"), lang.X("groups.column.members", "Accounts")}, 1)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, s.newBtn, title), header, widget.NewSeparator())
	s.side = container.NewBorder(top, s.status, nil, nil, container.NewStack(s.list, container.NewVBox(s.empty)))
	s.pane = xwidget.NewMasterDetail(s.side)
	s.pane.Run, s.pane.Window, s.pane.Offset = d.Run, d.Window, 0.3
	s.pane.Ask = func(title, message string, choices ...xwidget.Choice) {
		s.question = xwidget.Ask(s.d.Window, title, message, choices...)
	}
	s.pane.Stay = s.highlight
	s.Reload()
	return s
}

// columns of the groups list: name and member count.
var columns = xwidget.Columns{Widths: []float32{200, 100}, Flex: 0}

// Content is the screen's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.pane.Content() }

// Reload reads the groups again, off the Fyne goroutine.
func (s *Screen) Reload() {
	s.gen++
	gen := s.gen
	s.d.Run(func() {
		groups, err := s.d.Groups.FindGroups(context.Background())
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				alert.Error(s.d.Window, err)
				return
			}
			s.groups = groups
			s.list.Refresh()
			s.status.SetText(lang.XN("groups.count", "{{.Count}} groups", len(groups), map[string]any{"Count": len(groups)}))
			if len(groups) == 0 {
				s.empty.Show()
			} else {
				s.empty.Hide()
			}
			s.highlight()
		})
	})
}

// highlight selects the open group's row without opening it again.
func (s *Screen) highlight() {
	if s.view == nil {
		s.list.UnselectAll()
		return
	}
	for i, g := range s.groups {
		if g.ID == s.view.g.ID {
			s.list.Select(i)
			return
		}
	}
}

// Open shows the group with id, asking first about an unsaved rename.
func (s *Screen) Open(id domain.GroupID) {
	s.ConfirmLeave(func() { s.load(id) })
}

func (s *Screen) load(id domain.GroupID) {
	s.pane.Load(func() (func(), error) {
		g, err := s.d.Groups.FindGroupByID(context.Background(), id)
		return func() { s.show(newView(s, g)) }, err
	})
}

// show puts v beside the list.
func (s *Screen) show(v *view) {
	s.view = v
	s.pane.Show(v)
	s.highlight()
}

// OpenID is the group shown, 0 for none.
func (s *Screen) OpenID() domain.GroupID {
	if s.view == nil {
		return 0
	}
	return s.view.g.ID
}

// Dirty reports whether the open group's name was edited and not saved.
func (s *Screen) Dirty() bool { return s.pane.Dirty() }

// Save renames the open group to the name typed (Ctrl+S).
func (s *Screen) Save() {
	if s.view != nil {
		s.view.Save(nil)
	}
}

// ConfirmLeave runs then at once unless a rename is unsaved; then it asks.
func (s *Screen) ConfirmLeave(then func()) { s.pane.ConfirmLeave(then) }

// closeView closes the open group without asking.
func (s *Screen) closeView() {
	s.view = nil
	s.pane.Close()
	s.list.UnselectAll()
}
