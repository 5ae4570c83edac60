package domain

import (
	"context"
	"strings"
	"time"
)

// GroupID identifies a customer group.
type GroupID int64

// CustomerGroup is a named set of accounts that share price agreements
// ("Hurt", "Detal", "Sieci"). An account belongs to the group named in its
// customer_group field; saving an account with a new group name creates the
// group, so the two never disagree.
type CustomerGroup struct {
	ID        GroupID
	Name      string
	Members   int // accounts in the group, archived ones included
	CreatedAt time.Time
}

// ValidateGroupName trims a group name and checks it: required, at most 200
// characters (the account field's limit).
func ValidateGroupName(name string) (string, error) {
	n := strings.TrimSpace(name)
	var fe fieldErrors
	if n == "" {
		fe.add(FieldName, "field.required", "required", nil)
	} else {
		fe.freeText(FieldName, n, 200)
	}
	return n, fe.err("group.invalid", "the customer group is not valid")
}

// GroupService stores customer groups.
type GroupService interface {
	// FindGroups lists every group in Polish name order with its member count.
	FindGroups(ctx context.Context) ([]CustomerGroup, error)
	FindGroupByID(ctx context.Context, id GroupID) (*CustomerGroup, error)
	// FindGroupByName finds a group by its exact name.
	FindGroupByName(ctx context.Context, name string) (*CustomerGroup, error)
	// CreateGroup adds a group; a name already used is an EConflict.
	CreateGroup(ctx context.Context, name string) (*CustomerGroup, error)
	// RenameGroup renames a group and, in the same transaction, every member
	// account's customer_group field; agreements follow because they refer to the group's id.
	RenameGroup(ctx context.Context, id GroupID, name string) (*CustomerGroup, error)
	// FindGroupMembers lists a group's accounts in Polish name order, paged, with the total.
	FindGroupMembers(ctx context.Context, id GroupID, offset, limit int) ([]AccountRow, int, error)
	// DeleteGroup removes a group with no members and no agreements; otherwise EConflict.
	DeleteGroup(ctx context.Context, id GroupID) error
}
