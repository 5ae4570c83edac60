package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/accounts"
	"kontor/ui/language"
	"kontor/ui/receivables"
)

// buildReceivables makes the Receivables section and the deps of the
// accounts' Invoices tabs when the services are there.
func (s *Shell) buildReceivables() {
	s.receivables, s.recvDeps = nil, nil
	if s.d.Invoices == nil || s.d.Payments == nil || s.d.Receivables == nil {
		return
	}
	s.recvDeps = &receivables.Deps{
		Window: s.d.Window, Groups: s.d.Groups, Invoices: s.d.Invoices, Payments: s.d.Payments,
		Receivables: s.d.Receivables, Printer: s.d.Statements, Export: s.d.ExportReceivables, Run: s.d.Run,
		KSeF: s.d.KSeF, InvoicePDF: s.d.InvoicePDF,
		Locale: language.Locale(), Language: func() string { return string(language.Locale()) },
		Today: func() domain.Date { return domain.DateOf(s.d.Now()) },
		OpenAccount: func(id domain.AccountID) {
			s.nav.Select(sectionAccounts)
			s.accounts.OpenInvoices(id)
		},
		Collections: s.d.Collections, Letters: s.d.Letters, Drafts: s.d.Drafts, Company: s.d.Company, Contacts: s.d.Contacts,
		Logged:        func(domain.AccountID) { s.moneyChanged() },
		NotBackOffice: s.notBackOffice,
	}
	s.receivables = receivables.New(*s.recvDeps)
}

// invoicesTab builds an account's Invoices tab; nil without the services.
func (s *Shell) invoicesTab() func(*domain.Account) accounts.AccountTab {
	if s.recvDeps == nil {
		return nil
	}
	return func(acc *domain.Account) accounts.AccountTab { return receivables.NewAccountTab(s.recvDeps, acc) }
}

// receivablesContent is the Receivables section, reloaded each time it is shown.
func (s *Shell) receivablesContent() fyne.CanvasObject {
	if s.receivables == nil {
		return widget.NewLabel(lang.X("nav.receivables_unavailable", "Receivables are not available."))
	}
	s.receivables.Refresh()
	return s.receivables.Content()
}

// openInvoicePDF opens an invoice's PDF from an order; nil without a printer.
func (s *Shell) openInvoicePDF() func(domain.InvoiceID, string) {
	if s.d.InvoicePDF == nil {
		return nil
	}
	return func(id domain.InvoiceID, number string) {
		if s.recvDeps != nil {
			receivables.OpenInvoicePDF(s.recvDeps, id, number, nil)
		}
	}
}

// moneyChanged follows an order delivered (a new invoice) into the open
// account's Invoices tab.
func (s *Shell) moneyChanged() {
	if s.accounts != nil {
		s.accounts.MoneyChanged()
	}
}

// receivablesMenu holds the Receivables commands: Ctrl+R shows the section.
func (s *Shell) receivablesMenu(item func(string, fyne.KeyName, func()) *fyne.MenuItem) *fyne.Menu {
	m := fyne.NewMenu(lang.X("menu.receivables", "Receivables"))
	if s.receivables == nil {
		return m
	}
	m.Items = []*fyne.MenuItem{
		item(lang.X("menu.show_receivables", "Open balances"), fyne.KeyR, func() { s.nav.Select(sectionReceivables) }),
		item(lang.X("menu.statements", "Month-end statements…"), "", func() {
			s.nav.Select(sectionReceivables)
			s.receivables.Statements()
		}),
	}
	if s.d.Collections != nil {
		m.Items = append(m.Items, item(lang.X("menu.collections", "Collections worklist"), "", func() {
			s.nav.Select(sectionReceivables)
			s.receivables.Collections()
		}))
	}
	return m
}

// brokenPromises is the Today page's source of broken promises; nil without
// the collections service.
func (s *Shell) brokenPromises() func(ctx context.Context, today domain.Date) ([]domain.BrokenPromise, error) {
	if s.d.Collections == nil {
		return nil
	}
	return s.d.Collections.BrokenPromises
}
