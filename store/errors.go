package store

import (
	"database/sql"
	"errors"
	"fmt"

	"kontor/domain"
	"modernc.org/sqlite"
)

// SQLite result codes the store reacts to (https://sqlite.org/rescode.html).
const (
	sqliteBusy             = 5
	sqliteLocked           = 6
	sqliteReadOnly         = 8
	sqliteIOErr            = 10
	sqliteCorrupt          = 11
	sqliteFull             = 13
	sqliteCantOpen         = 14
	sqliteNotADB           = 26
	sqliteConstraintFK     = 787
	sqliteConstraintTrig   = 1811
	sqliteConstraintUnique = 2067
	sqliteConstraintPK     = 1555
)

// mapError turns a database error into a domain error by its SQLite result code,
// never by message text. Errors it does not know are returned unchanged.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := domain.AsError(err); ok {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Errorf(domain.ENotFound, "not_found", "not found", nil)
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch code := se.Code(); {
	case code == sqliteConstraintUnique || code == sqliteConstraintPK:
		return &domain.Error{Code: domain.EConflict, Key: "db.duplicate", Msg: "a record with this key already exists"}
	case code == sqliteConstraintFK || code == sqliteConstraintTrig:
		return &domain.Error{Code: domain.EConflict, Key: "db.referenced", Msg: "it is still referenced by other records"}
	case code&0xff == sqliteBusy || code&0xff == sqliteLocked:
		return &domain.Error{Code: domain.EBusy, Key: "db.locked",
			Msg: "the database is busy: another program is writing to it. Nothing was saved; try again in a moment."}
	case code&0xff == sqliteReadOnly || code&0xff == sqliteCantOpen:
		return &domain.Error{Code: domain.EReadOnly, Key: "db.cannot_write",
			Msg: "Kontor cannot write to the database file: it or its folder is read-only, or the disk is unavailable. Nothing was saved."}
	case code&0xff == sqliteCorrupt || code&0xff == sqliteNotADB:
		return &domain.Error{Code: domain.EUnusable, Key: "db.damaged_plain",
			Msg: "the database file is damaged, so Kontor stopped before changing anything. Restore your latest backup (Settings → Restore… or kontorctl restore FILE); kontorctl check describes the damage."}
	case code&0xff == sqliteIOErr:
		return &domain.Error{Code: domain.EUnusable, Key: "db.io_error",
			Msg: "the disk reported an error while Kontor used the database file, so Kontor stopped and saved nothing. Check the disk (is it full, removed or failing?) and try again."}
	case code&0xff == sqliteFull:
		return &domain.Error{Code: domain.EFull, Key: "db.full",
			Msg: "the disk is full (or the database reached the size allowed for it): nothing was saved. Free some space and try again."}
	}
	return err
}

// wrap adds context to an unexpected error, keeping domain errors as they are.
func wrap(context string, err error) error {
	if err == nil {
		return nil
	}
	m := mapError(err)
	if _, ok := domain.AsError(m); ok {
		return m
	}
	return fmt.Errorf("%s: %w", context, err)
}
