// Package accounts is the Accounts screen: the searchable list of company
// accounts beside the open account's view and editor, with its contacts and
// branches.
package accounts

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"kontor/domain"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Deps is what the screen works with.
type Deps struct {
	Window   fyne.Window
	Accounts domain.AccountService
	Contacts domain.ContactService
	Run      worker.Runner // where database work runs; worker.Go in the app
	Locale   domain.Locale // how numbers and dates are written
	RepName  func() string // the owner of new accounts

	// The timeline of an open account; without Activities it has none.
	Activities domain.ActivityService
	History    HistoryDeps
	Groups     domain.GroupService                  // offers the customer groups in the editor; nil: a plain entry
	Prices     func(acc *domain.Account) AccountTab // builds a saved account's Prices tab; nil: none
	Quotes     func(acc *domain.Account) AccountTab // builds a saved account's Quotes tab; nil: none
	Orders     func(acc *domain.Account) AccountTab // builds a saved account's Orders tab; nil: none
	Invoices   func(acc *domain.Account) AccountTab // builds a saved account's Invoices tab; nil: none
	// Opened follows the name of the account open ("" when none is), for
	// the window's title; nil: nobody follows it.
	Opened func(name string)
}

// Screen is the accounts list and the open account.
type Screen struct {
	d    Deps
	list *accountList
	view *view // the open account, nil when none

	pane     *xwidget.MasterDetail // the list alone, or beside the open account
	question *xwidget.Question     // the last question asked, for tests to answer

	toHistory    bool              // the account being loaded opens on its History tab
	revealOnLoad domain.ActivityID // … at this activity (0: from the top)
	lastTab      int               // the tab of the account view last chosen
	toInvoices   bool              // the account being loaded opens on its Invoices tab
}

// New builds the screen and starts loading the list.
func New(d Deps) *Screen {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.RepName == nil {
		d.RepName = func() string { return "" }
	}
	if d.Opened == nil {
		d.Opened = func(string) {}
	}
	s := &Screen{d: d}
	s.list = newAccountList(s)
	s.pane = xwidget.NewMasterDetail(s.list.content)
	// Beside the list an account needs some 950 pixels for its tabs; below
	// that it shows alone, and Ctrl+F brings the list back.
	s.pane.Run, s.pane.Window, s.pane.Offset, s.pane.SplitFrom = d.Run, d.Window, 0.4, 1500
	s.pane.Ask, s.pane.Stay = s.ask, s.list.unselect
	s.list.reload()
	return s
}

// Content is the screen's top object.
func (s *Screen) Content() fyne.CanvasObject { return s.pane.Content() }

// FocusSearch puts the keyboard in the search box (Ctrl+F).
func (s *Screen) FocusSearch() {
	s.pane.ShowMaster()
	s.d.Window.Canvas().Focus(s.list.search)
	s.list.search.TypedShortcut(&fyne.ShortcutSelectAll{}) // typing replaces the last search
}

// NewAccount opens an empty account prefilled with the defaults (Ctrl+N).
func (s *Screen) NewAccount() {
	s.ConfirmLeave(func() {
		f := domain.NewAccountFields()
		f.Owner = s.d.RepName()
		s.show(newView(s, nil, f, nil, nil))
		s.d.Window.Canvas().Focus(s.view.fields[domain.FieldCode].Focusable())
	})
}

// Save saves the open account (Ctrl+S).
func (s *Screen) Save() {
	if s.view != nil && s.view.timeline != nil && s.view.timeline.SaveForm() {
		return
	}
	if s.view != nil {
		s.view.Save(nil)
	}
}

// Open shows the account with id, asking first about unsaved changes.
func (s *Screen) Open(id domain.AccountID) {
	s.ConfirmLeave(func() { s.load(id) })
}

// load reads an account, its contacts and branches in the background and
// shows them in one step.
func (s *Screen) load(id domain.AccountID) {
	toHistory, reveal, toInvoices := s.toHistory, s.revealOnLoad, s.toInvoices
	s.toHistory, s.revealOnLoad, s.toInvoices = false, 0, false
	s.pane.Load(func() (func(), error) {
		ctx := context.Background()
		acc, err := s.d.Accounts.FindAccountByID(ctx, id)
		var people []*domain.Contact
		var branches []domain.AccountRow
		if err == nil {
			people, err = s.d.Contacts.FindContacts(ctx, id)
		}
		if err == nil {
			branches, _, err = s.d.Accounts.ListAccountRows(ctx, domain.AccountFilter{ParentID: id, IncludeArchived: true})
		}
		return func() {
			s.show(newView(s, acc, acc.AccountFields, people, branches))
			if toHistory {
				s.view.reveal(reveal)
			}
			if i := s.view.invoicesIndex(); toInvoices && i >= 0 {
				s.view.tabs.SelectIndex(i)
			}
		}, err
	})
}

// show puts v beside the list.
func (s *Screen) show(v *view) {
	s.view = v
	s.pane.Show(v)
	if v.acc != nil {
		s.list.follow(v.acc.ID)
	} else {
		s.list.unselect() // a new account has no row yet
	}
	s.d.Opened(v.displayName())
}

// closeView closes the open account without asking.
func (s *Screen) closeView() {
	s.view = nil
	s.pane.Close()
	s.list.unselect()
	s.d.Opened("")
}

// Close closes the open account, asking first about unsaved changes.
func (s *Screen) Close() { s.ConfirmLeave(s.closeView) }

// OpenID is the account shown, 0 for none or a new one.
func (s *Screen) OpenID() domain.AccountID {
	if s.view == nil || s.view.acc == nil {
		return 0
	}
	return s.view.acc.ID
}

// Dirty reports whether the open account has unsaved changes.
func (s *Screen) Dirty() bool { return s.pane.Dirty() }

// ConfirmLeave runs then at once when nothing is unsaved; otherwise it asks
// whether to save the changes, discard them or stay.
func (s *Screen) ConfirmLeave(then func()) { s.pane.ConfirmLeave(then) }

// ask shows a question and keeps it for tests to answer.
func (s *Screen) ask(title, message string, choices ...xwidget.Choice) {
	s.question = xwidget.Ask(s.d.Window, title, message, choices...)
}

// accountChanged refreshes the list after a save, archive or delete, keeping
// the search the user typed.
func (s *Screen) accountChanged() { s.list.refresh() }

// Tabs are the open account's tabs, nil when no account is open.
func (s *Screen) Tabs() *container.AppTabs {
	if s.view == nil {
		return nil
	}
	return s.view.tabs
}
