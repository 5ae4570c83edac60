package accounts

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/xwidget"
)

// RemoteChanged is the file changed by someone else: a team sync round
// wrote their changes into it. The list reads again, keeping the search.
// The open account reads again when it or its people changed — unless it
// has unsaved changes: those stay, and the account says it changed
// meanwhile (saving then asks, as for any record changed elsewhere). An
// account that left the file (reassigned to someone else) closes, or says
// so while it has unsaved changes.
func (s *Screen) RemoteChanged() {
	s.list.refresh()
	v := s.view
	if v == nil || v.acc == nil {
		return
	}
	id, version := v.acc.ID, v.acc.Version
	people := contactVersions(v.contacts.people)
	s.d.Run(func() {
		ctx := context.Background()
		acc, err := s.d.Accounts.FindAccountByID(ctx, id)
		var now []*domain.Contact
		if err == nil {
			now, err = s.d.Contacts.FindContacts(ctx, id)
		}
		fyne.Do(func() {
			if s.view != v {
				return // another account was opened meanwhile
			}
			xwidget.OpenRecord{Dirty: v.Dirty, Warn: v.warn, Close: s.closeView, Reload: func() { s.load(id) }, What: "the account",
				Gone:  lang.X("account.remote.gone", "This account has left your file (deleted or given to someone else on another computer): your changes cannot be saved."),
				Moved: lang.X("account.remote.changed", "Someone changed this account on another computer meanwhile: saving will ask whether to keep your changes."),
			}.Settle(err, err == nil && acc.Version == version && contactVersions(now) == people)
		})
	})
}

// contactVersions sums up a list of people: it differs when one was added,
// removed or changed.
func contactVersions(people []*domain.Contact) [2]int64 {
	var sum int64
	for _, p := range people {
		sum += int64(p.ID)*1_000_003 + p.Version
	}
	return [2]int64{int64(len(people)), sum}
}

// warn shows msg where the account says whether it is saved, so that it
// catches the eye.
func (v *view) warn(msg string) {
	v.setStatus(msg)
	v.status.Importance = widget.WarningImportance
	v.status.Refresh()
}
