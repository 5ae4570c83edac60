package groups

import (
	"context"

	"fyne.io/fyne/v2"

	"kontor/domain"
)

// RemoteChanged is the file changed by someone else (a team sync round): the
// groups read again, and the open group too, unless its name is being
// edited; a group deleted elsewhere closes unless its new name is unsaved.
func (s *Screen) RemoteChanged() {
	s.Reload()
	v := s.view
	if v == nil || v.Dirty() {
		return
	}
	id, name, members := v.g.ID, v.g.Name, v.g.Members
	s.d.Run(func() {
		g, err := s.d.Groups.FindGroupByID(context.Background(), id)
		fyne.Do(func() {
			if s.view != v || v.Dirty() {
				return
			}
			switch {
			case domain.ErrorCode(err) == domain.ENotFound:
				s.closeView()
			case err != nil:
				fyne.LogError("read the group again after a sync", err)
			case g.Name != name || g.Members != members:
				s.load(id)
			}
		})
	})
}
