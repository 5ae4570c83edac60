package accounts

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
)

func TestOpenEditSave(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.lodz.ID)
	if got := f.field(domain.FieldName).Text; got != "Hurtownia Łódź" {
		t.Fatalf("opened account shows name %q", got)
	}
	if got := f.field(domain.FieldTaxID).Text; got != "526-000-12-46" {
		t.Errorf("tax ID shown as %q, want it grouped", got)
	}
	f.field(domain.FieldName).SetText("Hurtownia Łódź S.A.")
	f.field(domain.FieldCreditLimit).SetText("12 500,50")
	if !f.s.Dirty() {
		t.Fatal("an edit did not mark the account unsaved")
	}
	f.s.Save()
	got := f.account(f.lodz.ID)
	if got.Name != "Hurtownia Łódź S.A." || got.CreditLimit != 1250050 {
		t.Errorf("saved name %q, credit limit %d", got.Name, got.CreditLimit)
	}
	if f.s.Dirty() {
		t.Error("still unsaved after saving")
	}
	if got := f.field(domain.FieldCreditLimit).Text; got != "12\u00a0500,50" {
		t.Errorf("credit limit shown as %q, want the Polish format", got)
	}
	if got := f.s.view.subtitle.Text; !strings.Contains(got, "12\u00a0500,50\u00a0zł") {
		t.Errorf("subtitle %q does not show the credit limit in Polish money format", got)
	}
	if !strings.Contains(f.rowTexts(0)[1], "S.A.") {
		t.Errorf("the list was not refreshed after saving: %v", f.rowTexts(0))
	}
}

func TestInvalidNIPIsShownAndNothingSaved(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.lodz.ID)
	writes := f.db.Writes
	test.Type(f.field(domain.FieldTaxID), "9") // 526-000-12-469: one digit too many
	if p := f.s.view.fields[domain.FieldTaxID].Problem(); p == "" {
		t.Error("no problem shown while typing an invalid NIP")
	}
	f.field(domain.FieldTaxID).SetText("123-456-78-90")
	f.field(domain.FieldEmail).SetText("not an address")
	f.s.Save()
	if f.db.Writes != writes {
		t.Fatal("an invalid account was saved")
	}
	if p := f.s.view.fields[domain.FieldTaxID].Problem(); !strings.Contains(p, "check digit") {
		t.Errorf("tax ID problem = %q, want the checksum message", p)
	}
	if p := f.s.view.fields[domain.FieldEmail].Problem(); !strings.Contains(p, "e-mail") {
		t.Errorf("email problem = %q", p)
	}
	if p := f.s.view.fields[domain.FieldName].Problem(); p != "" {
		t.Errorf("a valid field shows %q", p)
	}
	f.field(domain.FieldTaxID).SetText("PL 526 000 12 46")
	f.field(domain.FieldEmail).SetText("biuro@lodz.pl")
	f.s.Save()
	if got := f.account(f.lodz.ID); got.TaxID != "5260001246" || got.Email != "biuro@lodz.pl" {
		t.Errorf("after correcting: tax ID %q, e-mail %q", got.TaxID, got.Email)
	}
	if p := f.s.view.fields[domain.FieldTaxID].Problem(); p != "" {
		t.Errorf("the problem stayed after the fix: %q", p)
	}
}

func TestUnsavedChangesAskBeforeLeaving(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.lodz.ID)
	f.field(domain.FieldCity).SetText("Łódź-Widzew")

	f.s.Open(f.other.ID)
	f.answer("Cancel")
	if f.s.OpenID() != f.lodz.ID || f.field(domain.FieldCity).Text != "Łódź-Widzew" {
		t.Fatal("Cancel left the account or lost the edit")
	}

	f.s.Open(f.other.ID)
	f.answer("Save")
	if f.s.OpenID() != f.other.ID {
		t.Errorf("Save did not go on to the other account")
	}
	if got := f.account(f.lodz.ID).City; got != "Łódź-Widzew" {
		t.Errorf("Save kept city %q", got)
	}

	f.field(domain.FieldName).SetText("Zakład Müller i Syn")
	f.s.Close()
	f.answer("Discard changes")
	if f.s.view != nil {
		t.Error("Discard did not close the account")
	}
	if got := f.account(f.other.ID).Name; got != "Zakład Müller" {
		t.Errorf("Discard saved the name %q", got)
	}
}

func TestSaveOverNewerVersionConflicts(t *testing.T) {
	f := newFixture(t)
	f.s.Open(f.lodz.ID)
	f.field(domain.FieldName).SetText("Mine")
	f.db.TouchAccount(f.lodz.ID) // saved elsewhere meanwhile
	f.s.Save()
	if got := f.account(f.lodz.ID).Name; got != "Hurtownia Łódź" {
		t.Fatalf("the conflicting save overwrote the name with %q", got)
	}
	if msg := f.overlayText(); !strings.Contains(msg, "changed elsewhere") {
		t.Errorf("dialog says %q, want the conflict message", msg)
	}
	f.answer("Keep my changes")
	if !f.s.Dirty() || f.field(domain.FieldName).Text != "Mine" {
		t.Fatal("the user's edit was lost")
	}
	f.s.Save()
	f.answer("Reload (drop my changes)")
	if f.s.Dirty() || f.field(domain.FieldName).Text != "Hurtownia Łódź" {
		t.Errorf("reload shows %q, unsaved %v", f.field(domain.FieldName).Text, f.s.Dirty())
	}
	f.field(domain.FieldName).SetText("Mine again")
	f.s.Save()
	if got := f.account(f.lodz.ID).Name; got != "Mine again" {
		t.Errorf("after reloading the save kept %q", got)
	}
}

func TestNewAccount(t *testing.T) {
	f := newFixture(t)
	f.s.NewAccount()
	for field, want := range map[string]string{domain.FieldOwner: "Anna Nowak", domain.FieldCountry: "PL",
		domain.FieldCurrency: "PLN", domain.FieldPaymentTerms: "net 30"} {
		if got := f.field(field).Text; got != want {
			t.Errorf("new account %s = %q, want %q", field, got, want)
		}
	}
	f.s.Save()
	if p := f.s.view.fields[domain.FieldCode].Problem(); p == "" {
		t.Error("saving an empty account shows no problem at the code")
	}
	f.field(domain.FieldCode).SetText("k1")
	f.field(domain.FieldName).SetText("Nowa Firma")
	f.field(domain.FieldParentCode).SetText("NOPE")
	f.s.Save()
	if p := f.s.view.fields[domain.FieldParentCode].Problem(); !strings.Contains(p, "NOPE") {
		t.Errorf("unknown parent: problem %q", p)
	}
	f.field(domain.FieldParentCode).SetText("K2")
	f.s.Save()
	if p := f.s.view.fields[domain.FieldCode].Problem(); !strings.Contains(p, "already used") {
		t.Errorf("taken code: problem %q", p)
	}
	f.field(domain.FieldCode).SetText("K3")
	f.s.Save()
	a, err := f.db.FindAccountByCode(t.Context(), "K3")
	if err != nil {
		t.Fatal(err)
	}
	if a.Owner != "Anna Nowak" || a.ParentID != f.other.ID {
		t.Errorf("created %+v", a)
	}
	if f.s.OpenID() != a.ID || !f.s.view.contacts.add.Visible() || f.s.view.contacts.add.Disabled() {
		t.Error("after the first save the account stays open with contacts enabled")
	}
}

func TestDeleteOffersArchiveWhenRefused(t *testing.T) {
	f := newFixture(t)
	f.db.MarkHistory(f.lodz.ID)
	f.s.Open(f.lodz.ID)
	test.Tap(f.s.view.deleteBtn)
	f.answer("Delete")
	if !strings.Contains(f.overlayText(), "has history") {
		t.Fatalf("refused delete says %q", f.overlayText())
	}
	f.answer("Archive")
	if !f.account(f.lodz.ID).Archived {
		t.Error("Archive instead did not archive")
	}
	if f.s.view.archiveBtn.Text != "Restore" {
		t.Errorf("archived account offers %q", f.s.view.archiveBtn.Text)
	}

	f.s.Open(f.other.ID)
	test.Tap(f.s.view.deleteBtn)
	f.answer("Delete")
	if _, err := f.db.FindAccountByID(t.Context(), f.other.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("delete left the account: %v", err)
	}
	if f.s.view != nil {
		t.Error("the deleted account stays open")
	}
}

func TestHeadOfficeAndBranches(t *testing.T) {
	var branch *domain.Account
	f := newFixture(t, func(db *domaintest.Store) {
		branch = db.AddAccount(t, "K1-WAW", "Hurtownia Łódź — oddział Warszawa", "Warszawa",
			func(a *domain.AccountFields) { a.ParentCode = "K1" })
	})
	f.s.Open(f.lodz.ID)
	if len(f.s.view.tabs.Items) != 4 || len(f.s.view.branches) != 1 { // details, contacts, history, branches
		t.Fatalf("head office shows %d tabs, %d branches", len(f.s.view.tabs.Items), len(f.s.view.branches))
	}
	f.s.Open(f.s.view.branches[0].AccountID)
	if f.s.OpenID() != branch.ID || !f.s.view.parentBtn.Visible() || f.s.view.parentBtn.Text != "Branch of K1" {
		t.Fatalf("branch view: open %d, link %q", f.s.OpenID(), f.s.view.parentBtn.Text)
	}
	test.Tap(f.s.view.parentBtn)
	if f.s.OpenID() != f.lodz.ID {
		t.Error("the head office link did not open the head office")
	}

	// Opened from the list, the branch's row is highlighted; following the
	// link highlights the head office's row, not the branch's any more.
	rowOf := func(id domain.AccountID) int {
		for i := range f.s.list.total {
			if r, ok := f.s.list.row(i); ok && r.AccountID == id {
				return i
			}
		}
		t.Fatalf("account %d has no row", id)
		return -1
	}
	f.s.list.list.Select(rowOf(branch.ID))
	if f.s.OpenID() != branch.ID || f.s.list.selected != rowOf(branch.ID) {
		t.Fatalf("the branch's row: open %d, highlighted %d", f.s.OpenID(), f.s.list.selected)
	}
	test.Tap(f.s.view.parentBtn)
	if f.s.OpenID() != f.lodz.ID || f.s.list.selected != rowOf(f.lodz.ID) {
		t.Errorf("after the link: open %d, highlighted row %d, the head office's is %d", f.s.OpenID(), f.s.list.selected, rowOf(f.lodz.ID))
	}
	f.s.list.search.SetText("Warszawa") // the head office is no hit: no row is highlighted
	f.s.Open(f.lodz.ID)
	if f.s.list.selected != -1 {
		t.Errorf("a search without the open account highlights row %d", f.s.list.selected)
	}
}
