package accounts

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"kontor/domain"
)

// moneyTab is an Invoices tab that also gives the header its money summary
// and reloads when an order elsewhere was delivered (a new invoice).
type moneyTab interface {
	AccountTab
	Summary() fyne.CanvasObject
	Reload()
}

// addInvoicesTab adds the Invoices tab once the account is saved, after
// Orders and before Branches, and puts its money summary in the header.
func (v *view) addInvoicesTab() {
	if v.acc == nil || v.invoices != nil || v.s.d.Invoices == nil {
		return
	}
	v.invoices = v.s.d.Invoices(v.acc)
	at := len(v.tabs.Items)
	if at > 0 && v.branchTab != nil && v.tabs.Items[at-1] == v.branchTab {
		at-- // Branches stays last
	}
	item := container.NewTabItemWithIcon(lang.X("account.tab.invoices", "Invoices"), theme.FileTextIcon(), v.invoices.Content())
	v.tabs.Items = append(v.tabs.Items[:at], append([]*container.TabItem{item}, v.tabs.Items[at:]...)...)
	v.tabs.Refresh()
	if m, ok := v.invoices.(moneyTab); ok {
		v.money.Objects = []fyne.CanvasObject{m.Summary()}
		v.money.Refresh()
	}
}

// invoicesIndex is the position of the Invoices tab, -1 when there is none.
func (v *view) invoicesIndex() int {
	if v.invoices == nil {
		return -1
	}
	for i, it := range v.tabs.Items {
		if it.Content == v.invoices.Content() {
			return i
		}
	}
	return -1
}

// OpenInvoices opens an account at its Invoices tab (from Receivables); an
// account already open switches to it without reloading.
func (s *Screen) OpenInvoices(id domain.AccountID) {
	if s.view != nil && s.view.acc != nil && s.view.acc.ID == id && s.view.invoicesIndex() >= 0 {
		s.view.tabs.SelectIndex(s.view.invoicesIndex())
		return
	}
	s.ConfirmLeave(func() {
		s.toInvoices = true
		s.load(id)
	})
}

// MoneyChanged reloads the open account's Invoices tab: an order delivered
// or a payment recorded elsewhere changed its figures.
func (s *Screen) MoneyChanged() {
	if s.view == nil || s.view.invoices == nil {
		return
	}
	if m, ok := s.view.invoices.(moneyTab); ok {
		m.Reload()
	}
}
