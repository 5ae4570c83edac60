// Package xfer reads and writes Kontor's transfer formats: the CSV files of the
// import/export contract (README.md, "CSV formats") and, for export, a small
// .xlsx workbook.
//
// The Reader is shared by every kind of file (accounts, contacts and, later,
// activities, products, prices, orders, payments): it detects the encoding
// (UTF-8 with or without BOM, else Windows-1250) and the delimiter (, or ;),
// checks the header against the kind's Schema, and streams rows with the line
// each starts on. Problems are collected, not returned one at a time, so an
// import can list every bad row as FILE:LINE: column: message. Per-kind files
// (accounts.go, contacts.go) turn rows into records and records into cells;
// the store applies the records in one transaction.
package xfer
