package accounts

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"kontor/domain"
	"kontor/ui/xwidget"
)

// AccountTab is a tab the account view shows for a saved account, built by
// another package (the Prices tab) so that this one needs none of its services.
type AccountTab interface {
	Content() fyne.CanvasObject
	// SetAccount follows a save of the account.
	SetAccount(acc *domain.Account)
}

// groupPicker is the customer group field as a drop-down of the existing
// groups that still takes a new name typed: saving the account creates that
// group.
func (v *view) groupPicker() *xwidget.Field {
	f := xwidget.NewSelectField(nil)
	f.Entry.SetPlaceHolder(lang.X("account.customer_group.placeholder", "choose a group, or type a new one"))
	v.groupField = f
	v.loadGroups()
	return f
}

// loadGroups offers the groups that exist now, read off the Fyne goroutine.
func (v *view) loadGroups() {
	if v.groupField == nil {
		return
	}
	v.s.d.Run(func() {
		groups, err := v.s.d.Groups.FindGroups(context.Background())
		if err != nil {
			fyne.LogError("load customer groups", err) // the field still takes a name typed
			return
		}
		names := make([]string, len(groups))
		for i, g := range groups {
			names[i] = g.Name
		}
		fyne.Do(func() {
			v.groupNames = names
			v.groupField.Select.SetOptions(names)
		})
	})
}

// addPricesTab adds the Prices tab once the account is saved.
func (v *view) addPricesTab() {
	if v.acc == nil || v.prices != nil || v.s.d.Prices == nil {
		return
	}
	v.prices = v.s.d.Prices(v.acc)
	item := container.NewTabItemWithIcon(lang.X("account.tab.prices", "Prices"), theme.ListIcon(), v.prices.Content())
	// Keep the tabs in one order: Details, Contacts, History, Prices, then Branches.
	at := historyTab
	if v.timeline != nil {
		at++
	}
	v.tabs.Items = append(v.tabs.Items[:at], append([]*container.TabItem{item}, v.tabs.Items[at:]...)...)
	v.tabs.Refresh()
}
