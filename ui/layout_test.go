package ui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/documents"
	"kontor/ui/language"
	"kontor/ui/prices"
	"kontor/ui/receivables"
	"kontor/ui/settings"
	"kontor/ui/uitest"
	"kontor/ui/worker"
)

// laptopShell is the shell over fakes holding what a rep's screens show on
// a working day, with the long names, codes and amounts real data has, in
// language lang ("en" or "pl").
type laptopShell struct {
	s      *Shell
	w      fyne.Window
	db     *domaintest.Store
	cat    *domaintest.Catalog
	docs   *domaintest.Documents
	ledger *domaintest.Ledger
	head   *domain.Account  // a head office with branches, contacts, history, documents and invoices
	quote  *domain.Quote    // a quote with three lines
	team   *domaintest.Team // joined, with changes waiting, a conflict and a refused change
	server *domaintest.TeamServer
}

// laptopTeam is a team server and a file joined to it (when joined) as a
// rep's laptop has it after a week: changes waiting, a conflict over a long
// name and a refused change.
func laptopTeam(t *testing.T, joined bool) (*domaintest.TeamServer, *domaintest.Team) {
	t.Helper()
	const url = "postgres://kontor-team.hurtownia-tomaszewski.local:5432/kontor_team?sslmode=require"
	srv := domaintest.NewTeamServer(url)
	srv.AddMember("anna.nowak", "pierwsze-Hasło1", "Anna Nowak", domain.RoleRep)
	tm := domaintest.NewTeam(srv, func() time.Time { return shellNow })
	if !joined {
		return srv, tm
	}
	if _, err := tm.Join(t.Context(), domain.TeamJoin{URL: url, Login: "anna.nowak", Password: "pierwsze-Hasło1"}); err != nil {
		t.Fatal(err)
	}
	tm.Change(41)
	tm.AddConflict(domain.Conflict{Kind: domain.ConflictField, Table: "accounts",
		Record: "TOMASZEW-0086-KAT Dom Handlowy Tomaszewski Sp. z o.o. Spółka Komandytowa", Field: "name",
		Kept: "Dom Handlowy Tomaszewski Sp. z o.o. Spółka Komandytowa", Lost: "Dom Handlowy Tomaszewski Spółka z ograniczoną odpowiedzialnością",
		Who: "Grzegorz Brzęczyszczykiewicz", When: shellNow.Add(-3 * time.Hour)})
	tm.AddRefused(domain.RefusedChange{Table: "accounts", Record: "KUCHARSK-0001-WAW Przedsiębiorstwo Handlowo-Usługowe Kucharski i Wspólnicy 1",
		Op: "update", Fields: map[string]string{"owner": "Magdalena Wiśniewska-Kowalczyk", "credit_limit": "250000.00"},
		Reason: "a sales rep may not change the owner of an account", ReasonKey: "team.refused.role",
		ReasonArgs: map[string]any{"Detail": "a sales rep may not change the owner of an account"}})
	return srv, tm
}

func newLaptopShell(t *testing.T, lang string) *laptopShell {
	t.Helper()
	return newLaptopShellTeam(t, lang, true)
}

// newLaptopShellTeam is newLaptopShell whose file is joined to its team or
// not yet.
func newLaptopShellTeam(t *testing.T, lang string, joined bool) *laptopShell {
	t.Helper()
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(k, "")
	}
	a := test.NewTempApp(t)
	uitest.RealTheme()
	a.Preferences().SetString(settings.PrefLanguage, lang)
	a.Preferences().SetString(settings.PrefRepName, "Anna Nowak")
	Prepare(a)
	t.Cleanup(func() { language.Apply("en") })
	f := &laptopShell{db: domaintest.New()}
	f.cat = domaintest.NewCatalog(f.db)
	f.docs = domaintest.NewDocuments(f.cat)
	f.ledger = domaintest.NewLedger(f.docs)
	f.seed(t)
	f.server, f.team = laptopTeam(t, joined)
	st, err := f.team.Status(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	f.w = test.NewWindow(nil)
	t.Cleanup(f.w.Close)
	f.w.Resize(uitest.Laptop)
	f.s = New(Deps{App: a, Window: f.w, Accounts: f.db, Contacts: f.db, DataPath: "/home/anna/.local/share/kontor/kontor.db", Run: worker.Inline,
		Activities: f.db, Now: func() time.Time { return shellNow },
		Products: f.cat, Groups: f.cat, Agreements: f.cat, Prices: f.cat, Company: f.cat,
		Quotes: f.docs, Orders: f.docs, DocSettings: f.docs,
		Invoices: f.ledger, Payments: f.ledger, Receivables: f.ledger, Statements: domaintest.NewPrinter(f.ledger),
		ExportQuote:       func(context.Context, *domain.Quote, documents.Format, domain.Locale, string) error { return nil },
		ExportSheet:       func(context.Context, *domain.PriceSheet, prices.SheetFormat, domain.Locale, string) error { return nil },
		ExportReceivables: func(context.Context, []domain.ReceivableRow, receivables.Format, string) error { return nil },
		Dashboard:         domaintest.NewDashboard(f.ledger),
		Team:              f.team, TeamState: st, SyncNow: func() {},
		KSeF: domaintest.NewKSeF(f.ledger),
	})
	return f
}

// seed fills the fakes: accounts named as Polish companies are, a head
// office with branches, people, a history with tasks, a catalog, quotes,
// orders, invoices and payments.
func (f *laptopShell) seed(t *testing.T) {
	ctx := context.Background()
	today := domain.DateOf(shellNow)
	f.head = f.db.AddAccount(t, "TOMASZEW-0086-KAT", "Dom Handlowy Tomaszewski Sp. z o.o. Spółka Komandytowa", "Katowice",
		func(a *domain.AccountFields) {
			a.CreditLimit = 5_000_000_00
			a.Owner = "Anna Nowak"
			a.TaxID = "5260001246"
			a.Street, a.PostalCode = "ul. Świętokrzyska 12/14", "40-001"
			a.CustomerGroup = "Hurtownie budowlane"
			a.PaymentTerms = domain.PaymentTerms{Days: 30, EOM: true}
		})
	for i, city := range []string{"Gliwice", "Bytom", "Zabrze"} {
		f.db.AddAccount(t, fmt.Sprintf("TOMASZEW-%04d-%s", 87+i, []string{"GLI", "BYT", "ZAB"}[i]),
			"Dom Handlowy Tomaszewski Sp. z o.o. Oddział "+city, city, func(a *domain.AccountFields) {
				a.ParentCode = "TOMASZEW-0086-KAT"
				a.Owner = "Grzegorz Brzęczyszczykiewicz"
			})
	}
	for i := range 30 {
		f.db.AddAccount(t, fmt.Sprintf("KUCHARSK-%04d-WAW", i), fmt.Sprintf("Przedsiębiorstwo Handlowo-Usługowe Kucharski i Wspólnicy %d", i),
			"Warszawa", func(a *domain.AccountFields) { a.Owner = "Magdalena Wiśniewska-Kowalczyk" })
	}
	for i, n := range [][3]string{{"Katarzyna", "Tomaszewska", "k.tomaszewska@tomaszewski.com.pl"}, {"Grzegorz", "Brzęczyszczykiewicz", ""},
		{"Małgorzata", "Wiśniewska-Kowalczyk", "malgorzata.wisniewska-kowalczyk@tomaszewski.com.pl"}} {
		c := f.db.AddContact(t, f.head.ID, n[0], n[1], n[2])
		_ = i
		_ = c
	}
	at := shellNow.Add(-2 * time.Hour)
	for i := range 40 {
		kind := []domain.ActivityKind{domain.KindCall, domain.KindMeeting, domain.KindEmail, domain.KindNote}[i%4]
		f.db.AddActivity(t, f.head.ID, kind, at.AddDate(0, 0, -i*5), fmt.Sprintf("Rozmowa o dostawach kleju i zaprawy na sezon %d", i))
	}
	for i := range 12 {
		f.db.AddActivity(t, f.head.ID, domain.KindTask, at, fmt.Sprintf("Przypomnieć o płatności FV/2026/11/%04d i potwierdzić termin", i),
			func(a *domain.ActivityFields) { a.Due = today.AddDays(i - 6) })
	}
	skus := []string{"KLEJ-MONT-5KG", "ZAPRAWA-25KG", "WKRET-4X40-200"}
	for i, sku := range skus {
		f.cat.AddProduct(t, sku, []string{"Klej montażowy żółty wysokiej wytrzymałości 5 kg", "Zaprawa murarska cementowo-wapienna 25 kg",
			"Wkręt do drewna 4×40 ocynkowany, opakowanie 200 szt."}[i], []string{"89,9000", "23,7500", "0,7584"}[i])
	}
	for i := range 20 {
		f.cat.AddProduct(t, fmt.Sprintf("PROD-%05d", i), fmt.Sprintf("Produkt katalogowy numer %d o bardzo długiej nazwie handlowej", i), "12,3456")
	}
	qf := domain.NewQuoteFields(f.head, today, 30)
	for i, sku := range skus {
		p, _ := f.cat.FindProductBySKU(ctx, sku)
		q, _ := domain.ParseQuantity([]string{"1200", "4500", "120000"}[i])
		qf.Lines = append(qf.Lines, domain.NewDocumentLine(p, q))
	}
	res, err := f.cat.Reprice(ctx, f.head.ID, today, domain.PriceLines(qf.Lines))
	if err != nil {
		t.Fatal(err)
	}
	domain.ApplyPrices(qf.Lines, res)
	if f.quote, err = f.docs.CreateQuote(ctx, qf); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		f.docs.AddOrder(t, f.head.ID, today.AddDays(-30*i-5), domain.OrderDelivered, skus[0]+" 1500", skus[1]+" 3000")
	}
	f.docs.AddOrder(t, f.head.ID, today.AddDays(-2), domain.OrderConfirmed, skus[2]+" 50000")
	f.ledger.AddPayment(t, f.head.ID, today.AddDays(-20), "150000,00", "FV/2026/09/0001")
}

// check checks the layout of what the window shows at each size and, when
// KONTOR_CAPTURE names a folder, draws it there at 1024×700 as name.png.
func (f *laptopShell) check(t *testing.T, name string) {
	t.Helper()
	uitest.AtEachSize(t, f.w, name, nil)
	if dir := os.Getenv("KONTOR_CAPTURE"); dir != "" {
		for _, size := range []fyne.Size{uitest.Small, uitest.Laptop} {
			f.w.Resize(size)
			uitest.Capture(t, f.w, fmt.Sprintf("%s/%s-%.0f.png", dir, name, size.Width))
		}
	}
}

// TestScreensFitEachSize: every section, and an account open on each of its
// tabs, is laid out whole at each window size, in English and Polish.
func TestScreensFitEachSize(t *testing.T) {
	for _, lang := range []string{"en", "pl"} {
		t.Run(lang, func(t *testing.T) {
			f := newLaptopShell(t, lang)
			for i := range f.s.nav.Length() {
				f.s.nav.Select(i)
				f.check(t, fmt.Sprintf("%s-section%d", lang, i))
			}
			f.s.openAccount(f.head.ID)
			tabs := f.s.accounts.Tabs()
			for i := range tabs.Items {
				tabs.SelectIndex(i)
				f.check(t, fmt.Sprintf("%s-account-tab%d", lang, i))
			}
			f.s.docs.OpenQuote(f.quote.ID)
			f.check(t, lang+"-quote")
		})
	}
}

// TestTeamScreensFitEachSize: the team's screens are laid out whole at each
// size in both languages: Settings → Team server before joining (the join
// form) and after (the password form), the Conflicts section, and the
// status area when the server is out of reach and when the login was
// disabled, its longest messages.
func TestTeamScreensFitEachSize(t *testing.T) {
	for _, lang := range []string{"en", "pl"} {
		t.Run(lang, func(t *testing.T) {
			f := newLaptopShellTeam(t, lang, false)
			f.s.nav.Select(sectionSettings)
			f.check(t, lang+"-team-join")
			if !strings.Contains(uitest.Text(f.s.body), lang2("Join the team", lang)) {
				t.Errorf("Settings shows no join form:\n%s", uitest.Text(f.s.body))
			}

			f = newLaptopShell(t, lang)
			if f.s.nav.Length() != sectionConflicts+1 || f.s.teamStatus == nil {
				t.Fatalf("a joined file's window: %d sections, status area %v", f.s.nav.Length(), f.s.teamStatus != nil)
			}
			f.s.nav.Select(sectionConflicts)
			f.check(t, lang+"-team-conflicts")
			f.s.nav.Select(sectionSettings)
			f.check(t, lang+"-team-settings")
			round := func() {
				res, err := f.team.Sync(t.Context())
				st, _ := f.team.Status(t.Context())
				f.s.TeamRound(res, err, st)
			}
			f.server.SetDown(true)
			round()
			f.s.nav.Select(sectionToday)
			f.check(t, lang+"-team-offline")
			f.server.SetDown(false)
			f.server.SetDisabled("anna.nowak", true)
			round()
			f.s.nav.Select(sectionAccounts)
			f.s.openAccount(f.head.ID)
			f.check(t, lang+"-team-disabled")
			if text := f.s.teamStatus.Text(); !strings.Contains(strings.ToLower(text), lang2("disabled", lang)) {
				t.Errorf("the status area does not say the login was disabled: %q", text)
			}
		})
	}
}

// state is a place in the app a user reaches: a section, an account on one
// of its tabs, a document open.
type state struct {
	name  string
	enter func(f *laptopShell)
}

func states(f *laptopShell) []state {
	var out []state
	for i := range f.s.nav.Length() {
		out = append(out, state{fmt.Sprintf("section %d", i), func(f *laptopShell) { f.s.nav.Select(i) }})
	}
	f.s.openAccount(f.head.ID)
	for i := range f.s.accounts.Tabs().Items {
		out = append(out, state{fmt.Sprintf("account tab %d", i), func(f *laptopShell) {
			if f.s.section != sectionAccounts || f.s.accounts.OpenID() != f.head.ID || f.s.accounts.Tabs() == nil {
				f.s.openAccount(f.head.ID)
			}
			f.s.accounts.Tabs().SelectIndex(i)
		}})
	}
	out = append(out, state{"quote", func(f *laptopShell) { f.s.docs.OpenQuote(f.quote.ID) }},
		state{"order", func(f *laptopShell) {
			rows, _, _ := f.docs.FindOrders(context.Background(), domain.OrderFilter{})
			f.s.docs.OpenOrder(rows[0].ID)
		}})
	return out
}

// TestEveryDialogFitsAndClosesOnEscape taps every button of every place a
// user reaches, in a 1024×700 window; every dialog one opens is laid out
// whole there and at the larger sizes, and Escape closes it. (Fyne's own
// file dialog is checked for its layout; its keys are Fyne's.)
func TestEveryDialogFitsAndClosesOnEscape(t *testing.T) {
	for _, lang := range []string{"en", "pl"} {
		t.Run(lang, func(t *testing.T) {
			dialogs := 0
			for _, st := range states(newLaptopShell(t, lang)) {
				f := newLaptopShell(t, lang)
				f.w.Resize(uitest.Small)
				st.enter(f)
				n := len(uitest.Buttons(f.w))
				for i := range n {
					st.enter(f) // as it was: a button may have closed or changed it
					buttons := uitest.Buttons(f.w)
					if i >= len(buttons) {
						continue
					}
					b := buttons[i]
					if b.Disabled() || b.OnTapped == nil {
						continue
					}
					what := fmt.Sprintf("%s, button %q (%d)", st.name, b.Text, i)
					before := len(f.w.Canvas().Overlays().List())
					test.Tap(b)
					after := f.w.Canvas().Overlays().List()
					if len(after) <= before {
						continue
					}
					dialogs++
					uitest.CheckLayout(t, f.w, what)
					for _, size := range []fyne.Size{uitest.Laptop, uitest.Desktop} {
						f.w.Resize(size)
						uitest.CheckLayout(t, f.w, what)
					}
					f.w.Resize(uitest.Small)
					text := uitest.OverlayText(f.w)
					fileDialog := strings.Contains(text, lang2("Enter filename", lang)) || strings.Contains(text, lang2("New Folder", lang))
					uitest.Escape(f.w)
					if got := len(f.w.Canvas().Overlays().List()); got >= len(after) && !fileDialog {
						t.Errorf("%s: Escape left the dialog open:\n%s", what, text)
					}
					for _, o := range f.w.Canvas().Overlays().List() {
						f.w.Canvas().Overlays().Remove(o)
					}
				}
			}
			if dialogs < 10 {
				t.Errorf("only %d dialogs opened: the walk no longer reaches them", dialogs)
			}
		})
	}
}

// lang2 is a word of Fyne's own in language l.
func lang2(word, l string) string {
	if l == "pl" {
		return map[string]string{"Enter filename": "Wpisz nazwę pliku", "New Folder": "Nowy folder",
			"Join the team": "Dołącz do zespołu", "disabled": "wyłączony"}[word]
	}
	return word
}
