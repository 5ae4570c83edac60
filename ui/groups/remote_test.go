package groups

import (
	"context"
	"strings"
	"testing"

	"kontor/domain"
)

func TestChangesFromTheTeamReachTheGroups(t *testing.T) {
	f := newFixture(t)
	f.s.list.Select(1) // Hurt
	if f.s.view == nil {
		t.Fatal("the group did not open")
	}
	// An account joined the group on another computer.
	a, err := f.db.FindAccountByCode(context.Background(), "K3")
	if err != nil {
		t.Fatal(err)
	}
	fields := a.AccountFields
	fields.CustomerGroup = "Hurt"
	if _, err := f.db.UpdateAccount(context.Background(), a.ID, domain.AccountUpdate{AccountFields: fields, Version: a.Version}); err != nil {
		t.Fatal(err)
	}
	f.s.RemoteChanged()
	if got := strings.Join(f.names(), " "); got != "Detal:0 Hurt:3" {
		t.Errorf("groups after the change: %q", got)
	}
	if f.s.view == nil || f.s.view.g.Members != 3 {
		t.Errorf("the open group did not read its new member: %+v", f.s.view)
	}
}
