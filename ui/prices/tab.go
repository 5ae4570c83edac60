package prices

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
)

// AccountTab is the Prices tab of an account: its agreements (and those it
// inherits) above, the "why this price?" check below, and the price sheet.
type AccountTab struct {
	d       *Deps
	acc     *domain.Account
	panel   *Panel
	check   *priceCheck
	sheet   *sheetView // the price sheet last opened
	sheetBt *widget.Button
	content fyne.CanvasObject
}

// NewAccountTab builds the tab for a saved account and starts loading it.
func NewAccountTab(d Deps, acc *domain.Account) *AccountTab {
	d.defaults()
	t := &AccountTab{d: &d, acc: acc}
	t.panel = NewAccountPanel(t.d, acc)
	t.check = newPriceCheck(t.d, acc)
	t.sheetBt = widget.NewButtonWithIcon(lang.X("prices.sheet.open", "Price sheet…"), theme.ListIcon(), func() { t.sheet = openSheet(t.d, t.acc) })
	t.panel.bar.Add(layout.NewSpacer())
	t.panel.bar.Add(t.sheetBt)
	split := container.NewVSplit(t.panel.Content(), t.check.content)
	split.Offset = 0.55
	t.content = split
	return t
}

// Content is the tab's top object.
func (t *AccountTab) Content() fyne.CanvasObject { return t.content }

// SetAccount follows a save of the account: a new head office or group
// changes what it inherits.
func (t *AccountTab) SetAccount(acc *domain.Account) {
	t.acc, t.check.acc = acc, acc
	t.panel.SetAccount(acc)
}
