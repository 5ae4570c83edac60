// Command kontor is Kontor's desktop app. It only wires things together: it
// opens the database, hands the store's services to the ui, and fills a new
// database with demo data on first start.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync/atomic"
	"time"
	_ "time/tzdata" // the company's time zone by name, on systems without a zone database

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"kontor/assets"
	"kontor/store"
	"kontor/store/demo"
	"kontor/ui"
	"kontor/ui/alert"
	"kontor/ui/worker"
)

// AppID is the ID in FyneApp.toml (a test keeps the two equal). Preferences
// are stored under it.
const AppID = "pl.kontor.desktop"

// demoOptions is the demo data a new user sees on first start.
var demoOptions = demo.Options{Accounts: 300, Seed: 1}

func main() {
	dbPath := flag.String("db", store.DefaultPath(), "database `file` (default: $KONTOR_DB, else the user's data folder)")
	empty := flag.Bool("empty", false, "start a new database empty instead of filling it with demo data")
	measure := flag.Bool("measure-startup", false, "print startup_ms=N (process start to first window) and quit")
	flag.Parse()

	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	ui.Prepare(a)
	w := a.NewWindow(ui.Title())
	placement := placeWindow(a, w)

	var opened atomic.Pointer[store.DB]
	k := &kontor{app: a, window: w, path: *dbPath, opened: &opened, measure: *measure, placement: placement}
	show := func(db *store.DB, t *teamSync, err error) {
		switch {
		case err != nil:
			ui.ShowOpenError(a, w, *dbPath, err, k.restore)
		case db.Created && !*empty && !*measure:
			k.fillDemo(db, t)
		default:
			k.showMain(db, t)
		}
	}
	// Opening takes milliseconds, unless the file must first move to this
	// version's schema: then the window says so instead of staying empty.
	type result struct {
		db   *store.DB
		team *teamSync
		err  error
	}
	done := make(chan result, 1)
	go func() {
		db, err := store.Open(context.Background(), *dbPath, k.openOptions())
		t := k.openTeam(db, err)
		opened.Store(db)
		done <- result{db, t, err}
	}()
	select {
	case r := <-done:
		show(r.db, r.team, r.err)
	case <-time.After(500 * time.Millisecond):
		ui.ShowOpening(w)
		go func() {
			r := <-done
			fyne.Do(func() { show(r.db, r.team, r.err) })
		}()
	}
	if *measure {
		a.Lifecycle().SetOnStarted(func() {
			fmt.Printf("startup_ms=%d\n", sinceProcessStart().Milliseconds())
			// Exit at once rather than a.Quit(): Fyne 2.7 can panic on a mouse
			// move that arrives while the window closes (fyne-io/fyne#5981), and
			// nothing was written that needs closing.
			if db := opened.Load(); db != nil {
				db.Close()
			}
			os.Exit(0)
		})
	}
	w.ShowAndRun()
	if t := k.team.Load(); t != nil {
		t.stop() // before the file closes under a round
	}
	if db := opened.Load(); db != nil {
		db.Close()
	}
}

// kontor is the running app: its window and the database it shows.
type kontor struct {
	app    fyne.App
	window fyne.Window
	path   string
	opened *atomic.Pointer[store.DB]
	// placement is where the window goes and how its screens are laid out.
	placement ui.Placement
	measure   bool                     // --measure-startup: no team sync
	run       worker.Runner            // the screens' background work; nil: worker.Go
	team      atomic.Pointer[teamSync] // the open file's team server
	shell     atomic.Pointer[ui.Shell] // the window's content once shown
	waits     atomic.Int32             // saves waiting for another program's write lock
}

// openTeam reads the team state of a file that opened (off the Fyne
// goroutine) and remembers it, so the sync can be stopped before the file
// closes.
func (k *kontor) openTeam(db *store.DB, err error) *teamSync {
	if err != nil || k.measure {
		return nil
	}
	t := openTeam(db)
	k.team.Store(t)
	return t
}

// openOptions are how the app opens its database: a save waits for another
// program's write (a long import) for up to two minutes rather than failing
// after five seconds, and the window says why nothing happens meanwhile.
func (k *kontor) openOptions() store.Options {
	return store.Options{BusyTimeout: 2 * time.Minute, OnWait: k.onWait}
}

// onWait keeps the window's "waiting for another program" line shown while
// any save waits.
func (k *kontor) onWait(waiting bool) {
	delta := int32(-1)
	if waiting {
		delta = 1
	}
	n := k.waits.Add(delta)
	fyne.Do(func() {
		if s := k.shell.Load(); s != nil {
			s.ShowWaiting(n > 0)
		}
	})
}

// restore replaces the database with the backup at from (store.Restore: the
// current file kept aside) and shows the window again on the restored data.
// Kontor lets go of its own file first, as a restore waits for no one; when
// the restore fails, the file it has is opened again as it was.
func (k *kontor) restore(ctx context.Context, from string) (string, error) {
	if sh := k.shell.Load(); sh != nil {
		fyne.DoAndWait(sh.Stop)
	}
	if t := k.team.Swap(nil); t != nil {
		t.stop()
	}
	if db := k.opened.Swap(nil); db != nil {
		db.Close()
	}
	aside, err := store.Restore(ctx, k.path, from)
	db, oerr := store.Open(ctx, k.path, k.openOptions())
	t := k.openTeam(db, oerr)
	if oerr != nil {
		fyne.Do(func() { ui.ShowOpenError(k.app, k.window, k.path, oerr, k.restore) })
		if err == nil {
			err = oerr
		}
		return aside, err
	}
	k.opened.Store(db)
	fyne.Do(func() { k.showMain(db, t) })
	return aside, err
}

// showMain fills the window with the main screens, placed as k.placement
// says; t is the file's team server (nil when measuring the startup).
func (k *kontor) showMain(db *store.DB, t *teamSync) {
	a, w := k.app, k.window
	catalog := store.NewProductService(db)
	groups := store.NewGroupService(db)
	priceService := store.NewPriceService(db)
	d := ui.Deps{
		App: a, Window: w,
		Accounts: store.NewAccountService(db), Contacts: store.NewContactService(db),
		DataPath: db.Path(), Backup: db.Backup, Restore: k.restore,
		Activities: store.NewActivityService(db),
		Products:   catalog, Groups: groups, Agreements: store.NewAgreementService(db),
		Prices: priceService, Company: store.NewCompanyService(db),
		ExportSheet: exportSheet(db),
		Quotes:      store.NewQuoteService(db, priceService), Orders: store.NewOrderService(db, priceService),
		DocSettings: store.NewDocumentSettingsService(db), ExportQuote: quoteExporter(db),
		Placement: k.placement, Dashboard: store.NewDashboardService(db), AskName: true,
	}
	d.Run = k.run
	receivablesDeps(db, &d)
	collectionsDeps(db, &d)
	if t != nil {
		t.deps(&d)
	}
	sh := ui.New(d)
	k.shell.Store(sh)
	if t != nil {
		t.attach(sh)
	}
}

// fillDemo generates the demo data behind a progress bar, then shows the
// main screens; a failure is shown over them.
func (k *kontor) fillDemo(db *store.DB, t *teamSync) {
	progress := ui.ShowProgress(k.window, ui.DemoTitle())
	go func() {
		err := demo.Generate(context.Background(), db, demoOptions, progress)
		fyne.Do(func() {
			k.showMain(db, t)
			if err != nil {
				alert.Error(k.window, err)
			}
		})
	}()
}

func init() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: kontor [--db FILE] [--empty] [--measure-startup]\n")
		flag.PrintDefaults()
		os.Exit(2)
	}
}
