// Package ui is Kontor's desktop shell: the main window with its navigation,
// menus and keyboard shortcuts, around the screens in the packages below. It
// talks to the domain services it is given and never to the store.
package ui

import (
	"context"
	"os/user"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/accounts"
	"kontor/ui/catalog"
	"kontor/ui/dashboard"
	"kontor/ui/documents"
	"kontor/ui/groups"
	"kontor/ui/history"
	"kontor/ui/language"
	"kontor/ui/prices"
	"kontor/ui/receivables"
	"kontor/ui/settings"
	"kontor/ui/team"
	"kontor/ui/today"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Deps is what cmd/kontor hands the shell.
type Deps struct {
	App      fyne.App
	Window   fyne.Window
	Accounts domain.AccountService
	Contacts domain.ContactService
	DataPath string                                       // the open database file, shown in Settings
	Backup   func(ctx context.Context, path string) error // a consistent copy of it
	// Restore replaces the data with a backup and reopens the window on it
	// (the replaced file kept aside); nil: no restore action.
	Restore settings.RestoreFunc
	Run     worker.Runner // nil: worker.Go

	Activities domain.ActivityService
	Now        func() time.Time // nil: time.Now
	// The catalog, customer groups and price agreements; the company is the
	// seller's letterhead in Settings.
	Products    domain.ProductService
	Groups      domain.GroupService
	Agreements  domain.AgreementService
	Prices      domain.PriceService
	Company     domain.CompanyService
	ExportSheet prices.Exporter // writes a price sheet as PDF or CSV
	// Quotes and orders; without Quotes and Orders their sections say they
	// are not available.
	Quotes      domain.QuoteService
	Orders      domain.OrderService
	DocSettings domain.DocumentSettingsService
	ExportQuote documents.Exporter // writes a quote as PDF, XLSX or CSV
	// Invoices, payments and statements; without Invoices, Payments and
	// Receivables the section says it is not available and accounts have no
	// Invoices tab.
	Invoices          domain.InvoiceService
	Payments          domain.PaymentService
	Receivables       domain.ReceivablesService
	Statements        domain.StatementPrinter // prints statements as PDF; nil: preview only
	ExportReceivables receivables.Exporter    // writes the receivables list as CSV or XLSX
	// KSeF e-invoices: statuses, settings and the start page's
	// warning; InvoicePDF prints an invoice with its verification code. nil: none.
	KSeF       domain.KSeFService
	InvoicePDF domain.InvoicePrinter
	// Collections: worklist, promises, reminders, interest notes,
	// e-mail drafts; nil: not shown.
	Collections domain.CollectionsService
	Letters     domain.CollectionsPrinter
	Drafts      domain.Drafts
	ImportRates func(ctx context.Context, path string) (tables, rates int, err error) // reads an NBP table A file
	// Dashboard gives the start page its figures beside the agenda; nil:
	// the agenda alone.
	Dashboard domain.DashboardService
	// Placement reads and sets the window's position where the platform
	// lets an app; nil where it does not. The window's size and position
	// are kept for the next start when it closes.
	Placement Placement
	// AskName asks the user's name on the first start when Settings has
	// none (the app sets it; tests need not answer).
	AskName bool
	// The team server: the status area, the Conflicts section and
	// Settings → Team server; nil: none. TeamState is the file's team state
	// when the window opened (nil: read in the background). SyncNow asks
	// the background sync for a round at once; TeamJoined runs when the
	// window learns the file joined (from Settings, or by kontorctl):
	// cmd/kontor starts the sync. TeamEvery is how often the status area
	// reads the file between rounds (0: never).
	Team       domain.TeamService
	TeamState  *domain.TeamStatus
	SyncNow    func()
	TeamJoined func()
	TeamEvery  time.Duration
}

// Sections of the sidebar: only those that work today.
const (
	sectionToday = iota // the start page
	sectionAccounts
	sectionQuotes
	sectionOrders
	sectionReceivables
	sectionHistory
	sectionCatalog
	sectionGroups
	sectionSettings
	sectionConflicts // while the file is joined to a team
)

// Shell is the main window's content.
type Shell struct {
	d        Deps
	accounts *accounts.Screen
	today    *today.Screen
	// The start page's figures beside the agenda; nil without the service.
	dashboard *dashboard.Screen
	history   *history.Screen
	catalog   *catalog.Screen
	groups    *groups.Screen
	settings  *settings.Screen
	docs      *documents.Screens // nil without the document services
	// The Receivables section and the deps of the Invoices tabs; nil without the services.
	receivables *receivables.Screen
	recvDeps    *receivables.Deps
	nav         *widget.List // the sidebar naming its sections
	navNarrow   *widget.List // the sidebar of icons, on a narrow window
	sections    []navSection
	section     int
	body        *fyne.Container
	openName    string // the account open in the accounts section, for the title
	// waiting says a save waits for another program writing the data file.
	waiting   *widget.Label
	isWaiting bool
	stopTicks func() // ends the team status reads; nil when none run
	// The team's status area and Conflicts screen, nil without Deps.Team;
	// the file's team state last read, and the Conflicts entry's name in
	// the sidebar (its count changes).
	teamStatus    *team.Status
	conflicts     *team.Conflicts
	teamState     *domain.TeamStatus
	conflictsName *string
}

// New fills the main window and returns the shell.
func New(d Deps) *Shell {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &Shell{d: d, teamState: d.TeamState}
	d.Window.SetCloseIntercept(s.requestClose)
	s.build()
	if d.Team != nil && d.TeamEvery > 0 {
		s.startTeamTicks(d.TeamEvery)
	}
	if d.AskName {
		s.askName()
	}
	return s
}

// requestClose closes the window once unsaved changes are settled, keeping
// its size and position for the next start.
func (s *Shell) requestClose() {
	s.confirmLeave(func() {
		rememberWindow(s.d.App, s.d.Window, s.d.Placement)
		s.d.Window.Close()
	})
}

// quit ends Kontor (Ctrl+Q) once unsaved changes are settled, keeping the
// window's size and position for the next start.
func (s *Shell) quit() {
	s.confirmLeave(func() {
		rememberWindow(s.d.App, s.d.Window, s.d.Placement)
		s.d.App.Quit()
	})
}

// confirmLeave runs then once every screen's unsaved changes are settled.
func (s *Shell) confirmLeave(then func()) {
	docs := then
	if s.docs != nil {
		docs = func() { s.docs.ConfirmLeave(then) }
	}
	rest := docs
	if s.settings != nil {
		rest = func() { s.settings.ConfirmLeave(docs) }
	}
	s.accounts.ConfirmLeave(func() {
		s.catalog.ConfirmLeave(func() { s.groups.ConfirmLeave(rest) })
	})
}

// build (re)creates the window's content, menus and screens in the current
// language.
func (s *Shell) build() {
	w, prefs := s.d.Window, s.d.App.Preferences()
	pd := s.pricesDeps()
	s.buildDocuments()
	s.buildReceivables()
	s.buildTeam()
	var quotesTab, ordersTab func(*domain.Account) accounts.AccountTab
	if s.docs != nil {
		quotesTab = func(acc *domain.Account) accounts.AccountTab { return s.docs.QuotesTab(acc) }
		ordersTab = func(acc *domain.Account) accounts.AccountTab { return s.docs.OrdersTab(acc) }
	}
	s.accounts = accounts.New(accounts.Deps{
		Window: w, Accounts: s.d.Accounts, Contacts: s.d.Contacts, Run: s.d.Run,
		Locale: language.Locale(), RepName: func() string { return settings.RepName(prefs) },
		Activities: s.d.Activities, History: s.historyDeps(),
		Groups: s.d.Groups,
		Prices: func(acc *domain.Account) accounts.AccountTab { return prices.NewAccountTab(pd, acc) },
		Quotes: quotesTab, Orders: ordersTab, Invoices: s.invoicesTab(),
		Opened: s.accountOpened,
	})
	s.buildActivityScreens()
	s.catalog = catalog.New(catalog.Deps{Window: w, Products: s.d.Products, Run: s.d.Run, Locale: language.Locale()})
	s.groups = groups.New(groups.Deps{Window: w, Groups: s.d.Groups, Prices: pd, Run: s.d.Run, Locale: language.Locale(),
		OpenAccount: s.openAccount})
	s.settings = settings.New(settings.Deps{
		Window: w, Prefs: prefs, DataPath: s.d.DataPath, Backup: s.d.Backup, Restore: s.d.Restore, Run: s.d.Run,
		ChangeLanguage: s.changeLanguage, Company: s.d.Company, Documents: s.d.DocSettings, KSeF: s.d.KSeF,
		Collections: s.d.Collections, ImportRates: s.d.ImportRates,
		Team: s.d.Team, TeamJoined: s.teamTick, TeamSyncNow: s.d.SyncNow,
	})
	s.sections = []navSection{
		{theme.HomeIcon(), lang.X("nav.today", "Today")},
		{theme.AccountIcon(), lang.X("nav.accounts", "Accounts")},
		{theme.DocumentIcon(), lang.X("nav.quotes", "Quotes")},
		{theme.DocumentCreateIcon(), lang.X("nav.orders", "Orders")},
		{theme.FileTextIcon(), lang.X("nav.receivables", "Receivables")},
		{theme.SearchIcon(), lang.X("nav.history", "History search")},
		{theme.StorageIcon(), lang.X("nav.catalog", "Catalog")},
		{theme.GridIcon(), lang.X("nav.groups", "Customer groups")},
		{theme.SettingsIcon(), lang.X("nav.settings", "Settings")},
	}
	s.conflictsName = nil
	if s.teamJoined() {
		s.sections = append(s.sections, navSection{theme.WarningIcon(), conflictsLabel(s.teamState.Conflicts + s.teamState.Refused)})
		s.conflictsName = &s.sections[sectionConflicts].label
	}
	s.nav, s.navNarrow = newNavLists(s.sections, s.show)
	s.body = container.NewStack()
	s.waiting = widget.NewLabelWithStyle(lang.X("shell.waiting",
		"Waiting for another program that is writing to the data file (an import?): what you save is saved as soon as it has finished…"),
		fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.waiting.Importance = widget.WarningImportance
	s.waiting.Wrapping = fyne.TextWrapWord
	if !s.isWaiting {
		s.waiting.Hide()
	}
	var status fyne.CanvasObject
	if s.teamStatus != nil {
		status = s.teamStatus.Content()
	}
	w.SetContent(xwidget.NewTips(container.NewBorder(s.waiting, status, nil, nil,
		container.New(shellLayout{}, s.nav, s.navNarrow, widget.NewSeparator(), s.body))))
	if s.section == sectionConflicts && s.conflictsName == nil {
		s.section = sectionSettings // the file left its team
	}
	s.nav.Select(s.section)
	s.show(s.section)
}

// ShowWaiting shows or hides the line saying that a save waits for another
// program writing the data file (store.Options.OnWait). Fyne goroutine only.
func (s *Shell) ShowWaiting(on bool) {
	s.isWaiting = on
	if on {
		s.waiting.Show()
	} else {
		s.waiting.Hide()
	}
}

// show switches the body to a section. The accounts screen keeps its state
// (an open account, unsaved edits) while another section is shown.
func (s *Shell) show(section int) {
	s.section = section
	var c fyne.CanvasObject
	switch section {
	case sectionToday:
		c = s.today.Content()
		s.today.Refresh()
		if s.dashboard != nil {
			s.dashboard.Refresh()
		}
	case sectionHistory:
		c = s.history.Content()
		s.history.Refresh()
		defer s.history.FocusSearch() // its only entry: the user came to type
	case sectionCatalog:
		c = s.catalog.Content()
	case sectionGroups:
		s.groups.Reload() // accounts saved meanwhile may have made or filled groups
		c = s.groups.Content()
	case sectionSettings:
		c = s.settings.Content()
		s.settings.ReloadTeam()
	case sectionConflicts:
		c = s.conflictsContent()
	case sectionQuotes, sectionOrders:
		c = s.documentsContent(section)
	case sectionReceivables:
		c = s.receivablesContent()
	default:
		c = s.accounts.Content()
	}
	s.body.Objects = []fyne.CanvasObject{c}
	s.body.Refresh()
	s.d.Window.SetMainMenu(s.menu()) // the shortcuts follow the section shown
	s.setTitle()
}

// setTitle names the section shown, and the account open in Accounts, after
// "Kontor", so the window is told apart in the task bar.
func (s *Shell) setTitle() {
	title := "Kontor"
	if s.section >= 0 && s.section < len(s.sections) {
		title += " — " + s.sections[s.section].label
	}
	if s.section == sectionAccounts && s.openName != "" {
		title += " — " + s.openName
	}
	s.d.Window.SetTitle(title)
}

// accountOpened follows the account open in Accounts into the title.
func (s *Shell) accountOpened(name string) {
	s.openName = name
	s.setTitle()
}

// menu holds every command with its shortcut. Menu shortcuts work whatever
// has the focus, also inside an entry, which window shortcuts do not.
func (s *Shell) menu() *fyne.MainMenu {
	shortcut := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	item := func(label string, key fyne.KeyName, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		if key != "" {
			it.Shortcut = shortcut(key)
		}
		return it
	}
	onAccounts := func(action func()) func() {
		return func() {
			s.nav.Select(sectionAccounts)
			action()
		}
	}
	// Ctrl+F, Ctrl+N, Ctrl+S and Ctrl+W act on the catalog, the groups, the
	// documents or the settings while they are shown, and on the accounts
	// otherwise.
	keys := sectionAccounts
	if s.section == sectionCatalog || s.section == sectionGroups || s.section == sectionSettings ||
		s.docs != nil && (s.section == sectionQuotes || s.section == sectionOrders) {
		keys = s.section
	}
	on := func(section int, k fyne.KeyName) fyne.KeyName {
		if section == keys {
			return k
		}
		return ""
	}
	onSection := func(section int, action func()) func() {
		return func() {
			s.nav.Select(section)
			action()
		}
	}
	quit := item(lang.X("menu.quit", "Quit"), fyne.KeyQ, s.quit)
	quit.IsQuit = true
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.X("menu.kontor", "Kontor"),
			item(lang.X("menu.settings", "Settings"), "", func() { s.nav.Select(sectionSettings) }),
			item(lang.X("menu.save_settings", "Save settings"), on(sectionSettings, fyne.KeyS), func() { s.settings.Save(nil) }),
			fyne.NewMenuItemSeparator(),
			quit,
		),
		fyne.NewMenu(lang.X("menu.accounts", "Accounts"),
			item(lang.X("menu.find", "Find"), on(sectionAccounts, fyne.KeyF), onAccounts(func() { s.accounts.FocusSearch() })),
			item(lang.X("menu.new_account", "New account"), on(sectionAccounts, fyne.KeyN), onAccounts(func() { s.accounts.NewAccount() })),
			item(lang.X("menu.save", "Save"), on(sectionAccounts, fyne.KeyS), func() { s.accounts.Save() }),
			item(lang.X("menu.close_account", "Close account"), on(sectionAccounts, fyne.KeyW), func() { s.accounts.Close() }),
			fyne.NewMenuItemSeparator(),
			item(lang.X("menu.log_activity", "Log activity"), fyne.KeyL, onAccounts(func() { s.accounts.LogActivity() })),
		),
		fyne.NewMenu(lang.X("menu.history", "History"),
			item(lang.X("menu.today", "Today"), fyne.KeyT, func() { s.nav.Select(sectionToday) }),
			item(lang.X("menu.search_history", "Search history"), fyne.KeyH, func() {
				s.nav.Select(sectionHistory)
				s.history.FocusSearch()
			}),
		),
		fyne.NewMenu(lang.X("menu.catalog", "Catalog"),
			item(lang.X("menu.find_product", "Find product"), on(sectionCatalog, fyne.KeyF), onSection(sectionCatalog, s.catalog.FocusSearch)),
			item(lang.X("menu.new_product", "New product"), on(sectionCatalog, fyne.KeyN), onSection(sectionCatalog, s.catalog.NewProduct)),
			item(lang.X("menu.save_product", "Save product"), on(sectionCatalog, fyne.KeyS), s.catalog.Save),
			item(lang.X("menu.close_product", "Close product"), on(sectionCatalog, fyne.KeyW), s.catalog.Close),
		),
		s.documentsMenu(item, on, onSection),
		s.receivablesMenu(item),
		fyne.NewMenu(lang.X("menu.groups", "Groups"),
			item(lang.X("menu.new_group", "New customer group"), on(sectionGroups, fyne.KeyN), onSection(sectionGroups, s.groups.NewGroup)),
			item(lang.X("menu.save_group", "Save group name"), on(sectionGroups, fyne.KeyS), s.groups.Save),
		),
	)
}

// pricesDeps is what the price screens (an account's Prices tab, a group's
// agreements) work with; their links lead to the accounts and groups sections.
func (s *Shell) pricesDeps() prices.Deps {
	prefs := s.d.App.Preferences()
	return prices.Deps{
		Window: s.d.Window, Accounts: s.d.Accounts, Products: s.d.Products, Groups: s.d.Groups,
		Agreements: s.d.Agreements, Prices: s.d.Prices, Export: s.d.ExportSheet, Run: s.d.Run,
		Locale: language.Locale(), User: func() string { return userName(prefs) },
		OpenAccount: s.openAccount, OpenGroup: s.openGroup,
	}
}

// userName is who changes a price: the rep named in Settings, else the
// computer's user.
func userName(prefs fyne.Preferences) string {
	if name := settings.RepName(prefs); name != "" {
		return name
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// openAccount shows an account in the accounts section.
func (s *Shell) openAccount(id domain.AccountID) {
	s.nav.Select(sectionAccounts)
	s.accounts.Open(id)
}

// openGroup shows a customer group in the groups section.
func (s *Shell) openGroup(id domain.GroupID) {
	s.nav.Select(sectionGroups)
	s.groups.Open(id)
}

// changeLanguage stores the choice and rebuilds the window in it, after
// unsaved changes are settled. The open account opens again.
func (s *Shell) changeLanguage(choice string) {
	s.confirmLeave(func() {
		open, product, group := s.accounts.OpenID(), s.catalog.OpenID(), s.groups.OpenID()
		s.d.App.Preferences().SetString(settings.PrefLanguage, choice)
		if err := language.Apply(choice); err != nil {
			fyne.LogError("apply language", err)
		}
		s.build()
		if open != 0 {
			s.accounts.Open(open)
		}
		if product != 0 {
			s.catalog.Open(product)
		}
		if group != 0 {
			s.groups.Open(group)
		}
	})
	s.settings.Reset()
}
