package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/documents"
	"kontor/ui/language"
)

// buildDocuments makes the Quotes and Orders sections when the services are
// there.
func (s *Shell) buildDocuments() {
	s.docs = nil
	if s.d.Quotes == nil || s.d.Orders == nil || s.d.DocSettings == nil {
		return
	}
	prefs := s.d.App.Preferences()
	s.docs = documents.New(documents.Deps{
		Window: s.d.Window, Accounts: s.d.Accounts, Contacts: s.d.Contacts, Products: s.d.Products, Prices: s.d.Prices,
		Quotes: s.d.Quotes, Orders: s.d.Orders, Settings: s.d.DocSettings, Export: s.d.ExportQuote, Run: s.d.Run,
		Receivables: s.d.Receivables, Changed: s.moneyChanged, Totals: s.d.Dashboard, InvoicePDF: s.openInvoicePDF(),
		Locale: language.Locale(), User: func() string { return userName(prefs) },
		Today: func() domain.Date { return domain.DateOf(s.d.Now()) },
		Show: func(k domain.DocumentKind) {
			if k == domain.KindOrder {
				s.nav.Select(sectionOrders)
			} else {
				s.nav.Select(sectionQuotes)
			}
		},
	})
}

// documentsContent is the Quotes or Orders section.
func (s *Shell) documentsContent(section int) fyne.CanvasObject {
	if s.docs == nil {
		return widget.NewLabel(lang.X("nav.documents_unavailable", "Quotes and orders are not available."))
	}
	if section == sectionOrders {
		return s.docs.OrdersContent()
	}
	return s.docs.QuotesContent()
}

// documentsMenu holds the commands of quotes and orders; Ctrl+F, Ctrl+N and
// Ctrl+S act on the section shown.
func (s *Shell) documentsMenu(item func(string, fyne.KeyName, func()) *fyne.MenuItem,
	on func(int, fyne.KeyName) fyne.KeyName, onSection func(int, func()) func()) *fyne.Menu {
	m := fyne.NewMenu(lang.X("menu.documents", "Quotes and orders"))
	if s.docs == nil {
		return m
	}
	d := s.docs
	m.Items = []*fyne.MenuItem{
		item(lang.X("menu.new_quote", "New quote"), on(sectionQuotes, fyne.KeyN), onSection(sectionQuotes, d.NewQuote)),
		item(lang.X("menu.save_quote", "Save quote"), on(sectionQuotes, fyne.KeyS), d.SaveQuote),
		item(lang.X("menu.find_quote", "Find quotes"), on(sectionQuotes, fyne.KeyF), onSection(sectionQuotes, d.FocusQuotes)),
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.new_order", "New order"), on(sectionOrders, fyne.KeyN), onSection(sectionOrders, d.NewOrder)),
		item(lang.X("menu.save_order", "Save order"), on(sectionOrders, fyne.KeyS), d.SaveOrder),
		item(lang.X("menu.find_order", "Find orders"), on(sectionOrders, fyne.KeyF), onSection(sectionOrders, d.FocusOrders)),
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.paste_lines", "Paste lines…"), "", func() {
			if s.section == sectionOrders {
				d.PasteLines(domain.KindOrder)
			} else {
				d.PasteLines(domain.KindQuote)
			}
		}),
	}
	return m
}
