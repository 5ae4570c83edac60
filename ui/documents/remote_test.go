package documents

import (
	"context"
	"testing"

	"kontor/domain"
)

// TestOpenOrderAfterASync: a sync round that changed the open order on
// another computer opens it again as it now stands; with unsaved changes
// the editor keeps them and says so; an order gone from the file closes.
func TestOpenOrderAfterASync(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.w.SetContent(f.s.OrdersContent())
	f.s.NewOrderFor(f.lodz.ID)
	f.addLine("KLEJ-5", "3")
	f.s.SaveOrder()
	e := f.order()
	elsewhere := func(notes string) {
		t.Helper()
		o, err := f.docs.FindOrderByID(ctx, e.o.ID)
		if err != nil {
			t.Fatal(err)
		}
		o.Notes = notes
		if _, err := f.docs.UpdateOrder(ctx, o.ID, domain.OrderUpdate{OrderFields: o.OrderFields, Version: o.Version}); err != nil {
			t.Fatal(err)
		}
	}

	f.s.RemoteChanged()
	if f.order() != e {
		t.Fatal("an order nobody changed was opened again")
	}
	elsewhere("brama od podwórza")
	f.s.RemoteChanged()
	reopened := f.order()
	if reopened == e || reopened.head.text(domain.FieldNotes) != "brama od podwórza" {
		t.Fatalf("the order changed elsewhere shows notes %q", reopened.head.text(domain.FieldNotes))
	}

	reopened.head.fields[domain.FieldCustomerPO].Entry.SetText("PO-12")
	elsewhere("dzwonić przed dostawą")
	f.s.RemoteChanged()
	if f.order() != reopened || reopened.head.text(domain.FieldCustomerPO) != "PO-12" || reopened.state.Text == "" {
		t.Fatalf("unsaved changes: PO %q, state %q", reopened.head.text(domain.FieldCustomerPO), reopened.state.Text)
	}
	if reopened.state.Text != "Someone changed this document on another computer meanwhile: your changes cannot be saved. Close it and open it again to see their version." {
		t.Errorf("the editor says %q", reopened.state.Text)
	}

	id := reopened.o.ID
	f.s.orders.closeNow() // the user discards the changes
	f.s.OpenOrder(id)
	if err := f.docs.DeleteOrder(ctx, id); err != nil {
		t.Fatal(err)
	}
	f.s.RemoteChanged()
	if f.s.orders.ed != nil {
		t.Error("the order deleted elsewhere is still open")
	}
}

// TestOpenQuoteAfterASync: a quote changed on another computer opens again
// as it now stands.
func TestOpenQuoteAfterASync(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.s.NewQuoteFor(f.lodz.ID)
	f.addLine("KLEJ-5", "2")
	f.s.SaveQuote()
	e := f.quote()
	q, err := f.docs.FindQuoteByID(ctx, e.q.ID)
	if err != nil {
		t.Fatal(err)
	}
	q.Notes = "rabat do uzgodnienia"
	if _, err := f.docs.UpdateQuote(ctx, q.ID, domain.QuoteUpdate{QuoteFields: q.QuoteFields, Version: q.Version}); err != nil {
		t.Fatal(err)
	}
	f.s.RemoteChanged()
	if got := f.quote(); got == e || got.head.text(domain.FieldNotes) != "rabat do uzgodnienia" {
		t.Errorf("the quote changed elsewhere shows notes %q", got.head.text(domain.FieldNotes))
	}
}
