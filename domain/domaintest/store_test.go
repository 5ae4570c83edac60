package domaintest_test

import (
	"context"
	"testing"

	"kontor/domain"
	"kontor/domain/domaintest"
)

func TestFakeFollowsStoreRules(t *testing.T) {
	ctx := context.Background()
	s := domaintest.New()
	lodz := s.AddAccount(t, "K1", "Hurtownia Łódź", "Łódź")
	s.AddAccount(t, "K2", "Zakład Müller", "Poznań")
	s.AddAccount(t, "K3", "Apteka", "Kraków")
	s.AddContact(t, lodz.ID, "Jan", "Żółkiewski", "jan@example.pl")

	rows, total, err := s.ListAccountRows(ctx, domain.AccountFilter{})
	if err != nil || total != 3 {
		t.Fatalf("list = %d, %v", total, err)
	}
	if rows[0].Code != "K3" || rows[1].Code != "K1" || rows[2].Code != "K2" {
		t.Errorf("order = %v %v %v, want Polish name order", rows[0].Code, rows[1].Code, rows[2].Code)
	}
	for q, want := range map[string]string{"lodz": "K1", "zaklad": "K2", "muller": "K2", "zolk": "K1"} {
		hits, err := s.SearchAccounts(ctx, domain.SearchQuery{Text: q})
		if err != nil || len(hits) != 1 || hits[0].Code != want {
			t.Errorf("search %q = %+v, %v; want %s", q, hits, err, want)
		}
	}
	if hits, _ := s.SearchAccounts(ctx, domain.SearchQuery{Text: "zolk"}); hits[0].Kind != domain.HitContact || hits[0].ContactName != "Jan Żółkiewski" {
		t.Errorf("contact hit = %+v", hits[0])
	}

	f := domain.NewAccountFields()
	f.Code, f.Name = "k1", "Duplicate"
	if _, err := s.CreateAccount(ctx, f); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("duplicate code (other case) = %v, want conflict", err)
	}
	f.Code, f.TaxID = "K9", "123-456-78-90"
	if _, err := s.CreateAccount(ctx, f); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("bad NIP = %v, want invalid", err)
	}

	upd := domain.AccountUpdate{AccountFields: lodz.AccountFields, Version: lodz.Version}
	upd.Name = "Hurtownia Łódź S.A."
	s.TouchAccount(lodz.ID)
	writes := s.Writes
	if _, err := s.UpdateAccount(ctx, lodz.ID, upd); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("stale update = %v, want conflict", err)
	}
	if s.Writes != writes {
		t.Error("a stale update was written")
	}

	branch := s.AddAccount(t, "B1", "Oddział", "Łódź", func(f *domain.AccountFields) { f.ParentCode = "K1" })
	if branch.ParentID != lodz.ID {
		t.Errorf("branch parent = %d, want %d", branch.ParentID, lodz.ID)
	}
	if err := s.DeleteAccount(ctx, lodz.ID); domain.ErrorCode(err) != domain.EConflict {
		t.Errorf("delete head office = %v, want conflict", err)
	}
	cur, _ := s.FindAccountByID(ctx, lodz.ID)
	loop := domain.AccountUpdate{AccountFields: cur.AccountFields, Version: cur.Version}
	loop.ParentCode = "B1"
	if _, err := s.UpdateAccount(ctx, lodz.ID, loop); err == nil {
		t.Error("a parent loop was accepted")
	} else if e, _ := domain.AsError(err); len(e.Fields) == 0 || e.Fields[0].Key != "parent.loop" {
		t.Errorf("loop error = %v", err)
	}
}
