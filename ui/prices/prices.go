// Package prices is where negotiated prices are seen and edited: the Prices
// tab of an account (its agreements, those it inherits, the "why this price?"
// check and the customer price sheet) and the agreements panel of a customer
// group. It also writes prices, quantities and dates for people.
package prices

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"kontor/domain"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

// SheetFormat is a file format of an exported price sheet.
type SheetFormat string

// Price sheet formats.
const (
	SheetPDF SheetFormat = "pdf"
	SheetCSV SheetFormat = "csv"
)

// Exporter writes a price sheet to the file at path, its words and numbers in
// the locale's language; the store renders it (letterhead, font, page
// numbers). It runs off the Fyne goroutine.
type Exporter func(ctx context.Context, sheet *domain.PriceSheet, format SheetFormat, loc domain.Locale, path string) error

// Deps is what the price screens work with.
type Deps struct {
	Window     fyne.Window
	Accounts   domain.AccountService // the head office chain
	Products   domain.ProductService
	Groups     domain.GroupService
	Agreements domain.AgreementService
	Prices     domain.PriceService
	Export     Exporter      // nil: the price sheet is shown but not exported
	Run        worker.Runner // nil: worker.Go
	Locale     domain.Locale
	User       func() string      // who makes a change, recorded with it
	Today      func() domain.Date // nil: the computer's date

	// OpenAccount and OpenGroup follow a link to where an inherited agreement
	// is edited; nil leaves the links out.
	OpenAccount func(domain.AccountID)
	OpenGroup   func(domain.GroupID)

	// SaveFile asks where to save a file named name and calls then with the
	// path chosen; nil uses Fyne's file-save dialog. Tests answer it directly.
	SaveFile func(name string, then func(path string))
}

func (d *Deps) defaults() {
	if d.Run == nil {
		d.Run = worker.Go
	}
	if d.Today == nil {
		d.Today = func() domain.Date { return domain.DateOf(time.Now()) }
	}
	if d.User == nil {
		d.User = func() string { return "" }
	}
	if d.SaveFile == nil {
		w := d.Window
		d.SaveFile = func(name string, then func(string)) { xwidget.SaveFile(w, name, then) }
	}
}
