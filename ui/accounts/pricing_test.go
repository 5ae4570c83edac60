package accounts

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/domain/domaintest"
)

// pricesTab stands in for the Prices tab and records the saves it follows.
type pricesTab struct {
	acc   *domain.Account
	saves int
}

func (p *pricesTab) Content() fyne.CanvasObject { return widget.NewLabel("prices of " + p.acc.Code) }
func (p *pricesTab) SetAccount(acc *domain.Account) {
	p.acc = acc
	p.saves++
}

func TestGroupPickerAndPricesTab(t *testing.T) {
	var built []*pricesTab
	f := newFixture(t)
	cat := domaintest.NewCatalog(f.db)
	if _, err := cat.CreateGroup(t.Context(), "Hurt"); err != nil {
		t.Fatal(err)
	}
	f.db.AddAccount(t, "K9", "Apteka", "Kraków", func(a *domain.AccountFields) { a.CustomerGroup = "Detal" })
	f.s.d.Groups = cat
	f.s.d.Prices = func(acc *domain.Account) AccountTab {
		p := &pricesTab{acc: acc}
		built = append(built, p)
		return p
	}

	f.s.Open(f.lodz.ID)
	v := f.s.view
	picker := v.fields[domain.FieldCustomerGroup]
	if picker.Select == nil {
		t.Fatal("the customer group field is not a picker")
	}
	// Details, Contacts, History, then Prices.
	if len(v.tabs.Items) != 4 || v.tabs.Items[3].Text != "Prices" || len(built) != 1 || built[0].acc.ID != f.lodz.ID {
		t.Fatalf("tabs %d, prices tabs built %d", len(v.tabs.Items), len(built))
	}
	// The drop-down offers the groups that exist; a new name may be typed.
	picker.Select.SetText("Detal")
	if f.field(domain.FieldCustomerGroup).Text != "Detal" || !f.s.Dirty() {
		t.Error("choosing a group did not edit the account")
	}
	f.field(domain.FieldCustomerGroup).SetText("Sieci")
	f.s.Save()
	if got := f.account(f.lodz.ID).CustomerGroup; got != "Sieci" {
		t.Errorf("saved group %q", got)
	}
	if built[0].saves != 1 || built[0].acc.CustomerGroup != "Sieci" {
		t.Errorf("the Prices tab did not follow the save: %+v", built[0])
	}

	f.s.NewAccount()
	if len(f.s.view.tabs.Items) != 2 {
		t.Errorf("a new account shows %d tabs, want no Prices until saved", len(f.s.view.tabs.Items))
	}
	f.field(domain.FieldCode).SetText("K5")
	f.field(domain.FieldName).SetText("Nowa")
	f.s.Save()
	if len(f.s.view.tabs.Items) != 4 || len(built) != 2 {
		t.Errorf("after the first save: %d tabs, %d prices tabs", len(f.s.view.tabs.Items), len(built))
	}
}

func TestGroupPickerOffersGroups(t *testing.T) {
	f := newFixture(t)
	cat := domaintest.NewCatalog(f.db)
	cat.CreateGroup(t.Context(), "Hurt")
	cat.CreateGroup(t.Context(), "Detal")
	f.s.d.Groups = cat
	f.s.Open(f.other.ID)
	if got := f.s.view.groupNames; len(got) != 2 || got[0] != "Detal" || got[1] != "Hurt" {
		t.Errorf("the picker offers %q", got)
	}
}
