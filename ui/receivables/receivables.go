// Package receivables holds the back office's money screens: the Receivables
// section (every open balance with its aging, filters, totals, export and the
// month-end statement batch) and the Invoices tab of an account (its money
// summary, invoices with paid and open amounts, payments, credit notes and the
// statement of a month).
package receivables

import (
	"context"
	"net/url"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/timeline"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// Format is a file format the receivables list is exported in.
type Format string

// Export formats.
const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

// Exporter writes the receivables list to the file at path. It runs off the
// Fyne goroutine; cmd/kontor implements it with the store's writers, which the
// ui may not import.
type Exporter func(ctx context.Context, rows []domain.ReceivableRow, format Format, path string) error

// Deps is what the screens work with.
type Deps struct {
	Window      fyne.Window
	Groups      domain.GroupService // the customer group filter; nil: no filter
	Invoices    domain.InvoiceService
	Payments    domain.PaymentService
	Receivables domain.ReceivablesService
	Printer     domain.StatementPrinter // nil: statements are shown but not printed
	KSeF        domain.KSeFService      // nil: no KSeF status column or filter
	InvoicePDF  domain.InvoicePrinter   // nil: no invoice PDF
	Export      Exporter                // nil: the list is not exported
	Run         worker.Runner           // nil: worker.Go
	Locale      domain.Locale
	Language    func() string      // "pl" or "en": the statements' default language
	Today       func() domain.Date // nil: the computer's date
	// OpenAccount shows an account at its Invoices tab.
	OpenAccount func(domain.AccountID)
	// Changed runs after a payment or a credit note changed an account's balance.
	Changed func()
	// NotBackOffice reports whether the file is joined to a team as someone
	// other than the back office, who records payments and credit notes: the
	// account's tab then offers neither, and says who records them. nil: not
	// joined.
	NotBackOffice func() bool

	// SaveFile asks where to save a file named name; ChooseFolder asks for a
	// folder; OpenURL opens a file in the system's viewer. nil: Fyne's dialogs
	// and the app's OpenURL. Tests replace them.
	SaveFile     func(name string, then func(path string))
	ChooseFolder func(then func(path string))
	OpenURL      func(u *url.URL) error
	// TempDir is where "Open PDF" writes the statement or invoice it opens ("": the system's).
	TempDir string

	// Collections: the worklist, promises, reminders and interest
	// notes; Letters prints reminders and notes; Drafts writes e-mails;
	// Company signs them; Contacts offers recipients. nil: not shown.
	Collections domain.CollectionsService
	Letters     domain.CollectionsPrinter
	Drafts      domain.Drafts
	Company     domain.CompanyService
	Contacts    domain.ContactService
	// Logged runs after a document was logged on an account's history.
	Logged func(domain.AccountID)
}

func (d *Deps) defaults() {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Today == nil {
		d.Today = func() domain.Date { return domain.DateOf(time.Now()) }
	}
	if d.Language == nil {
		d.Language = func() string { return string(d.Locale) }
	}
	if d.OpenAccount == nil {
		d.OpenAccount = func(domain.AccountID) {}
	}
	if d.Changed == nil {
		d.Changed = func() {}
	}
	if d.Logged == nil {
		d.Logged = func(domain.AccountID) {}
	}
	w := d.Window
	if d.SaveFile == nil {
		d.SaveFile = func(name string, then func(string)) { xwidget.SaveFile(w, name, then) }
	}
	if d.ChooseFolder == nil {
		d.ChooseFolder = func(then func(string)) { folderDialog(w, then) }
	}
	if d.OpenURL == nil {
		d.OpenURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }
	}
}

// folderDialog is Fyne's folder picker, starting in the home folder.
func folderDialog(w fyne.Window, then func(string)) {
	dlg := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			alert.Error(w, err)
			return
		}
		if u != nil {
			then(u.Path())
		}
	}, w)
	if home, err := storage.ListerForURI(storage.NewFileURI(homeDir())); err == nil {
		dlg.SetLocation(home)
	}
	xwidget.ShowFileDialog(dlg, w)
}

// money writes an amount in złoty, as every invoice is in the catalog's currency.
func money(l domain.Locale, a domain.Amount) string { return l.FormatAmount(a, domain.CatalogCurrency) }

// number writes an amount without its currency, for columns titled with it.
func number(l domain.Locale, a domain.Amount) string {
	return l.FormatDecimal(a.Decimal(), domain.AmountPlaces)
}

// monthTitle names a month: "November 2026", "Listopad 2026".
func monthTitle(m domain.Month) string { return timeline.MonthTitle(m.First()) }

// monthInSentence names a month inside a sentence: Polish writes month
// names in lower case there ("za październik 2026").
func monthInSentence(l domain.Locale, m domain.Month) string {
	t := monthTitle(m)
	if l != domain.Polish {
		return t
	}
	r := []rune(t)
	return strings.ToLower(string(r[:1])) + string(r[1:])
}

// recentMonths are the months offered for statements, newest first: the
// current one and the two years before it.
func recentMonths(today domain.Date) []domain.Month {
	m := domain.MonthOf(today)
	out := make([]domain.Month, 0, 25)
	for range 25 {
		out = append(out, m)
		m = m.Prev()
	}
	return out
}

// monthPicker is a drop-down of recentMonths with m selected.
type monthPicker struct {
	months []domain.Month
	labels []string
}

func newMonthPicker(today domain.Date) monthPicker {
	p := monthPicker{months: recentMonths(today)}
	for _, m := range p.months {
		p.labels = append(p.labels, monthTitle(m))
	}
	return p
}

// month is the month of a label, the zero month for none.
func (p monthPicker) month(label string) domain.Month {
	for i, l := range p.labels {
		if l == label {
			return p.months[i]
		}
	}
	return domain.Month{}
}

// languages are the statement languages with their names.
func languages() ([]string, []string) {
	return []string{"pl", "en"}, []string{lang.X("receivables.language.pl", "Polish"), lang.X("receivables.language.en", "English")}
}

// languageLabel is the name of a statement language.
func languageLabel(code string) string {
	codes, names := languages()
	for i, c := range codes {
		if c == code {
			return names[i]
		}
	}
	return names[0]
}

// languageCode is the code of a language's name.
func languageCode(label string) string {
	codes, names := languages()
	for i, n := range names {
		if n == label {
			return codes[i]
		}
	}
	return codes[0]
}

// homeDir is where the folder picker starts.
func homeDir() string {
	if h, err := os.UserHomeDir(); err == nil {
		return h
	}
	return os.TempDir()
}
