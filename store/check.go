package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"kontor/domain"
)

// CheckReport is what Check found.
type CheckReport struct {
	Path     string
	Version  int      // the schema version, 0 when it could not be read
	Problems []string // empty when the database is sound
}

// maxProblems bounds a report: the first hundred say what the rest would.
const maxProblems = 100

// Check examines the database at path reading only, even one Open refuses as
// damaged: SQLite's integrity check over every page and index, the foreign
// keys, and the tables against the schema version. A file that is not a
// Kontor database at all (or from a newer Kontor) is an error, not a report.
func Check(ctx context.Context, path string) (CheckReport, error) { return check(ctx, path, false) }

// QuickCheck is Check without comparing every index with its table
// (SQLite's quick_check): minutes faster on a large file, for repeated checks.
func QuickCheck(ctx context.Context, path string) (CheckReport, error) { return check(ctx, path, true) }

func check(ctx context.Context, path string, quick bool) (CheckReport, error) {
	registerCollation()
	r := CheckReport{Path: path}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return r, domain.Errorf(domain.ENotFound, "db.missing",
			"there is no database at {{.Path}}; check the path (--db or KONTOR_DB)", map[string]any{"Path": path})
	}
	v, err := inspect(ctx, path)
	if e, ok := domain.AsError(err); ok && e.Key == "db.damaged" {
		r.Problems = append(r.Problems, fmt.Sprint(e.Args["Why"]))
	} else if err != nil {
		return r, err
	}
	r.Version = v
	problems, err := checkHandle(ctx, inspectDSN(path, 5*time.Second), quick)
	if err != nil {
		if domain.ErrorCode(err) != domain.EUnusable {
			return r, err
		}
		problems = append(problems, "SQLite cannot read the file: "+err.Error())
	}
	r.Problems = append(r.Problems, problems...)
	return r, nil
}

// checkHandle runs the integrity check (quick: without comparing indexes to
// their tables) and the foreign-key check through a handle of its own.
func checkHandle(ctx context.Context, dsn string, quick bool) ([]string, error) {
	h, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	pragma := fmt.Sprintf("PRAGMA integrity_check(%d)", maxProblems)
	if quick {
		pragma = fmt.Sprintf("PRAGMA quick_check(%d)", maxProblems)
	}
	var problems []string
	err = EachRow(ctx, h, pragma, func(rows *sql.Rows) error {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
		return nil
	})
	if err != nil {
		return problems, mapError(err)
	}
	err = EachRow(ctx, h, `PRAGMA foreign_key_check`, func(rows *sql.Rows) error {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		if len(problems) < maxProblems {
			problems = append(problems, fmt.Sprintf("a row of %s (rowid %d) refers to a missing row of %s", table, rowid.Int64, parent))
		}
		return nil
	})
	return problems, mapError(err)
}
