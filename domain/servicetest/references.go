package servicetest

import (
	"testing"

	"kontor/domain"
)

// References: what documents, history and payments show of the records they
// name follows those records (the store joins them when it reads), and
// deleting a record another one names leaves that one without it.
func References(t *testing.T, open Factory) {
	x := newLedgerFixture(t, open)
	s := x.s
	a := account(t, s, "K1", "Stara nazwa", "Kraków", terms14)
	jan := contact(t, s, a.ID, "Jan", "Kowalski", "jan@example.pl")
	call := activity(t, s, a.ID, domain.KindCall, at(Today, 9), "Rozmowa", func(f *domain.ActivityFields) { f.ContactID = jan.ID })
	qf := domain.NewQuoteFields(a, Today, 30)
	qf.ContactID, qf.Lines = jan.ID, []domain.DocumentLine{line(t, x.veg, "1")}
	q, err := s.Quotes.CreateQuote(ctx, qf)
	check(t, "quote", err)
	of := domain.NewOrderFields(a, Today)
	of.ContactID, of.Lines = jan.ID, []domain.DocumentLine{line(t, x.veg, "1")}
	o, err := s.Orders.CreateOrder(ctx, of)
	check(t, "order", err)
	inv := x.invoice(t, a, Today, "2")
	p := x.pay(t, a, Today, "1", "")

	af := a.AccountFields
	af.Code, af.Name = "K1-NEW", "Nowa nazwa"
	_, err = s.Accounts.UpdateAccount(ctx, a.ID, domain.AccountUpdate{AccountFields: af, Version: a.Version})
	check(t, "rename account", err)
	cf := jan.ContactFields
	cf.LastName, cf.Email = "Nowak", "jan.nowak@example.pl"
	_, err = s.Contacts.UpdateContact(ctx, jan.ID, domain.ContactUpdate{ContactFields: cf, Version: jan.Version})
	check(t, "rename contact", err)

	gotAct, err := s.Activities.FindActivityByID(ctx, call.ID)
	check(t, "activity", err)
	if gotAct.AccountCode != "K1-NEW" || gotAct.AccountName != "Nowa nazwa" || gotAct.ContactName != "Jan Nowak" ||
		gotAct.ContactEmail != "jan.nowak@example.pl" {
		t.Errorf("activity after renames = %+v", gotAct)
	}
	gotQ, err := s.Quotes.FindQuoteByID(ctx, q.ID)
	check(t, "quote", err)
	if gotQ.AccountCode != "K1-NEW" || gotQ.AccountName != "Nowa nazwa" || gotQ.ContactName != "Jan Nowak" {
		t.Errorf("quote after renames = %+v", gotQ)
	}
	rows, _, err := s.Quotes.FindQuotes(ctx, domain.QuoteFilter{})
	check(t, "quotes", err)
	if len(rows) != 1 || rows[0].AccountCode != "K1-NEW" || rows[0].AccountName != "Nowa nazwa" {
		t.Errorf("quote rows after renames = %+v", rows)
	}
	gotO, err := s.Orders.FindOrderByID(ctx, o.ID)
	check(t, "order", err)
	if gotO.AccountCode != "K1-NEW" || gotO.AccountName != "Nowa nazwa" || gotO.ContactName != "Jan Nowak" {
		t.Errorf("order after renames = %+v", gotO)
	}
	gotI, err := s.Invoices.FindInvoiceByID(ctx, inv.ID)
	check(t, "invoice", err)
	if gotI.AccountCode != "K1-NEW" || gotI.AccountName != "Nowa nazwa" {
		t.Errorf("invoice after renames = %+v", gotI)
	}
	gotP, err := s.Payments.FindPaymentByID(ctx, p.ID)
	check(t, "payment", err)
	if gotP.AccountCode != "K1-NEW" || gotP.AccountName != "Nowa nazwa" {
		t.Errorf("payment after renames = %+v", gotP)
	}

	// A contact no longer named by live history can go; documents that named it keep none.
	check(t, "delete the call", s.Activities.DeleteActivity(ctx, call.ID))
	check(t, "delete the contact", s.Contacts.DeleteContact(ctx, jan.ID))
	gotQ, err = s.Quotes.FindQuoteByID(ctx, q.ID)
	check(t, "quote", err)
	gotO, err = s.Orders.FindOrderByID(ctx, o.ID)
	check(t, "order", err)
	if gotQ.ContactID != 0 || gotQ.ContactName != "" || gotO.ContactID != 0 || gotO.ContactName != "" {
		t.Errorf("after the contact's delete: quote %d %q, order %d %q", gotQ.ContactID, gotQ.ContactName, gotO.ContactID, gotO.ContactName)
	}
	_, err = s.Activities.RestoreActivity(ctx, call.ID)
	wantErr(t, "restore an activity of a deleted contact", err, domain.ENotFound, "activity.purged")

	// Deleting the draft order a quote became frees the quote to become an order again.
	for _, st := range []domain.QuoteStatus{domain.QuoteSent, domain.QuoteAccepted} {
		q, err = s.Quotes.SetQuoteStatus(ctx, q.ID, q.Version, st)
		check(t, "quote "+string(st), err)
	}
	conv, err := s.Quotes.ConvertQuote(ctx, q.ID, q.Version)
	check(t, "convert", err)
	check(t, "delete its order", s.Orders.DeleteOrder(ctx, conv.ID))
	q, err = s.Quotes.FindQuoteByID(ctx, q.ID)
	check(t, "quote", err)
	equal(t, "quote's order after the order's delete", q.OrderID, 0)
	again, err := s.Quotes.ConvertQuote(ctx, q.ID, q.Version)
	check(t, "convert again", err)
	equal(t, "the new order's quote", again.QuoteNumber, q.Number)
}
