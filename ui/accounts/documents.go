package accounts

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// addDocumentTabs adds the Quotes and Orders tabs once the account is saved,
// after Prices and before Branches.
func (v *view) addDocumentTabs() {
	if v.acc == nil || v.quotes != nil || v.s.d.Quotes == nil || v.s.d.Orders == nil {
		return
	}
	v.quotes, v.orders = v.s.d.Quotes(v.acc), v.s.d.Orders(v.acc)
	at := historyTab
	if v.timeline != nil {
		at++
	}
	if v.prices != nil {
		at++
	}
	items := []*container.TabItem{
		container.NewTabItemWithIcon(lang.X("account.tab.quotes", "Quotes"), theme.DocumentIcon(), v.quotes.Content()),
		container.NewTabItemWithIcon(lang.X("account.tab.orders", "Orders"), theme.DocumentCreateIcon(), v.orders.Content()),
	}
	v.tabs.Items = append(v.tabs.Items[:at], append(items, v.tabs.Items[at:]...)...)
	v.tabs.Refresh()
}

// documentsSaved passes a save of the account to its document tabs.
func (v *view) documentsSaved() {
	if v.quotes != nil {
		v.quotes.SetAccount(v.acc)
		v.orders.SetAccount(v.acc)
	}
}
