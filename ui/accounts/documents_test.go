package accounts

import (
	"testing"

	"kontor/domain"
)

// TestDocumentTabs: a saved account shows Quotes and Orders after Prices, and
// they follow its saves; a new account gets them at its first save.
func TestDocumentTabs(t *testing.T) {
	f := newFixture(t)
	var quotes, orders []*pricesTab
	f.s.d.Prices = func(acc *domain.Account) AccountTab { return &pricesTab{acc: acc} }
	f.s.d.Quotes = func(acc *domain.Account) AccountTab {
		p := &pricesTab{acc: acc}
		quotes = append(quotes, p)
		return p
	}
	f.s.d.Orders = func(acc *domain.Account) AccountTab {
		p := &pricesTab{acc: acc}
		orders = append(orders, p)
		return p
	}
	f.s.Open(f.lodz.ID)
	v := f.s.view
	var names []string
	for _, it := range v.tabs.Items {
		names = append(names, it.Text)
	}
	if len(names) != 6 || names[3] != "Prices" || names[4] != "Quotes" || names[5] != "Orders" {
		t.Fatalf("tabs %q", names)
	}
	f.field(domain.FieldName).SetText("Hurtownia Łódź Sp. z o.o.")
	f.s.Save()
	if quotes[0].saves != 1 || orders[0].saves != 1 || quotes[0].acc.Name != "Hurtownia Łódź Sp. z o.o." {
		t.Errorf("the tabs did not follow the save: %d %d", quotes[0].saves, orders[0].saves)
	}

	f.s.NewAccount()
	if len(f.s.view.tabs.Items) != 2 {
		t.Fatalf("a new account has %d tabs", len(f.s.view.tabs.Items))
	}
	f.field(domain.FieldCode).SetText("K5")
	f.field(domain.FieldName).SetText("Nowa Hurtownia")
	f.s.Save()
	if n := len(f.s.view.tabs.Items); n != 6 || len(quotes) != 2 {
		t.Errorf("after the first save: %d tabs, %d quote tabs built", n, len(quotes))
	}
}
