// Package store keeps Kontor's data in one SQLite file (modernc.org/sqlite, no
// cgo) and implements the domain services over it.
//
// Money is stored as INTEGER minor units, civil dates as YYYY-MM-DD TEXT, moments
// as UTC RFC 3339 TEXT to the second, fixed width, so that text order is time
// order (columns.go writes and reads each form). Names sort by a Polish collation key; search runs on
// Go-folded text indexed with FTS5. One writer connection takes the write lock
// when a transaction begins; readers use their own pool and never block saves.
package store
