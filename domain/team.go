package domain

import (
	"context"
	"time"
)

// The team server: every person works on their own local
// file and exchanges changes with the team's PostgreSQL database. TeamService
// is all the ui and kontorctl know of it; store/team implements it with pgx.
//
// A sync round pushes the local changes waiting in the file's outbox, then
// pulls what others changed since the last round. Both halves are safe to
// repeat after any failure (a dropped connection, a killed process): a change
// is applied on the server once, and a pulled change is applied locally once.

// TeamRole is what a person may see and change, enforced by PostgreSQL.
type TeamRole string

// Team roles.
const (
	RoleRep        TeamRole = "rep"        // the accounts they own and everything under them
	RoleManager    TeamRole = "manager"    // every account, price agreements, groups, owners
	RoleBackoffice TeamRole = "backoffice" // everything, credit terms and team settings
)

// Valid reports whether r is one of the three roles.
func (r TeamRole) Valid() bool { return r == RoleRep || r == RoleManager || r == RoleBackoffice }

// TeamStatus is where this file stands with its team, for the status area
// ("Synced 2 min ago · 3 changes waiting · 1 conflict", "Offline — 41 changes
// waiting") and `kontorctl team status`.
type TeamStatus struct {
	Joined bool   // false: a single-user file; the rest is zero
	Server string // the server's URL, never with a password
	Login  string // the person's PostgreSQL login
	Name   string // the name the person stands for (accounts' owner)
	Role   TeamRole

	LastSync    time.Time // the last round that finished; zero before the first
	LastAttempt time.Time // the last round tried, finished or not
	// LastError is why the last attempt failed (nil when it did not): a
	// *Error whose Code is EUnavailable when the server could not be reached
	// (offline: say so without nagging), EInvalid for what the person must fix
	// (a wrong password, a disabled login, a Kontor to update).
	LastError error

	Waiting   int // local changes not yet pushed
	Conflicts int // unresolved entries of the Conflicts list
	Refused   int // changes the server refused, set aside with their reason
}

// Offline reports whether the last attempt could not reach the server.
func (s *TeamStatus) Offline() bool {
	return s.LastError != nil && ErrorCode(s.LastError) == EUnavailable
}

// SyncResult is what one round did (`kontorctl team sync --json`).
type SyncResult struct {
	Pushed    int           // local changes the server took (applied or merged)
	Pulled    int           // rows written into this file from the server
	Conflicts int           // new entries of the Conflicts list
	Refused   int           // local changes the server refused this round
	Removed   int           // accounts that left this file (reassigned to someone else)
	Duration  time.Duration // how long the round took
}

// ConflictID identifies an entry of the Conflicts list.
type ConflictID int64

// ConflictKind says what clashed.
type ConflictKind string

// Conflict kinds.
const (
	ConflictField   ConflictKind = "field"   // both changed the same field; the server's value stands
	ConflictDeleted ConflictKind = "deleted" // edited on one side, deleted on the other
	ConflictJoined  ConflictKind = "joined"  // joining an existing file: the file's value differed from the team's
)

// Conflict is one entry of the Conflicts list: a value that lost. Nothing is
// dropped silently: Lost is the value this file had, Kept the one that stands.
type Conflict struct {
	ID     ConflictID
	Kind   ConflictKind
	Table  string // accounts, contacts, activities, products, customer_groups, price_agreements, settings
	Record string // what a person recognises: "K0001 Hurtownia Łódź", "Jan Kowalski (K0001)"
	Field  string // the field's name as in the CSV contract (name, credit_limit, …); "" for a whole row
	Kept   string // the value that stands (the server's), as text
	Lost   string // the value that lost (this file's), as text
	Who    string // who made the kept value, as the team knows them; "" for ConflictJoined (the team's data)
	When   time.Time
	// DeletedHere, for a ConflictDeleted entry: this file deleted the record
	// and the team edited it (Kept and Lost are empty; keeping mine deletes
	// it again). Otherwise this file edited a record the team deleted: Lost
	// lists the fields edited here, and keeping mine brings the record back.
	DeletedHere bool
}

// RefusedChange is a local change the server refused (a constraint or what the
// person's role may not do). It never blocks the changes behind it; the
// file takes the server's version of the row again, and the change is kept
// here with its reason.
type RefusedChange struct {
	ID     int64
	Table  string
	Record string
	Op     string // insert, update, delete
	Fields map[string]string
	Reason string // in English, with the server's own words
	// ReasonKey and ReasonArgs word Reason for translation: team.refused.role,
	// .duplicate (Field: the field whose value is taken), .reference, .rules
	// or .invisible, each with Detail, the server's words; "" when those
	// words are all there is.
	ReasonKey  string
	ReasonArgs map[string]any
	At         time.Time
}

// ConflictChoice is how a person settles a conflict.
type ConflictChoice string

// Conflict choices.
const (
	KeepTheirs ConflictChoice = "theirs" // the kept value stays; the entry is closed
	KeepMine   ConflictChoice = "mine"   // the lost value is written again, a new change to push
)

// TeamJoin is what joining needs. The password is kept in the OS keyring
// where there is one, else in a 0600 file beside the database; never in it.
type TeamJoin struct {
	URL      string // postgres://host:port/database?sslmode=…
	Login    string
	Password string
}

// TeamService is the team server as the ui and kontorctl see it. Every
// method may be called from any goroutine; Sync and Join write the local file
// only in short transactions, so local work never waits for the network.
type TeamService interface {
	// Status reads where the file stands; it never touches the network.
	Status(ctx context.Context) (*TeamStatus, error)
	// Sync runs one round: push, then pull. An unreachable server is an
	// EUnavailable error and nothing is lost; rounds never overlap (a
	// second caller waits for the first).
	Sync(ctx context.Context) (*SyncResult, error)
	// Conflicts lists the unresolved conflicts, newest first.
	Conflicts(ctx context.Context) ([]Conflict, error)
	// Resolve settles one conflict; KeepMine writes the lost value again as a
	// new local change (pushed by the next round).
	Resolve(ctx context.Context, id ConflictID, choice ConflictChoice) error
	// Refused lists the changes the server refused.
	Refused(ctx context.Context) ([]RefusedChange, error)
	// Join joins this file to a team and pulls what the person may see. An
	// empty file is filled; an existing single-user file is matched row by row
	// (account code, SKU, group name) and every difference listed in Conflicts.
	Join(ctx context.Context, j TeamJoin) (*SyncResult, error)
	// ChangePassword changes the person's password on the server (through
	// their own login) and in the credential store.
	ChangePassword(ctx context.Context, newPassword string) error
}
