package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"kontor/store/bench"
)

func init() {
	commands["bench"] = command{usage: "bench [--json] [--generate] [--team-url URL]",
		help: "the performance suite on the current database: each figure, its target, whether it holds", run: runBench}
}

// largeAccounts is the size of the large dataset the targets are set for.
const largeAccounts = 20000

func runBench(e *env, args []string) error {
	fs := flags("bench")
	asJSON := fs.Bool("json", false, "print a JSON list of {name, value, unit, target, holds}")
	generate := fs.Bool("generate", false, fmt.Sprintf("also time generating %d demo accounts in a temporary file", largeAccounts))
	teamURL := fs.String("team-url", "", "an administrator's URL of an empty PostgreSQL database: also measure the team server figures there")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("bench takes no arguments besides its flags")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	accounts, contacts, err := db.Counts(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "bench: %s: %d accounts, %d contacts\n", db.Path(), accounts, contacts)
	if accounts < largeAccounts {
		fmt.Fprintf(e.stderr, "bench: the targets are set for the large dataset (kontorctl demo --accounts %d)\n", largeAccounts)
	}
	figs, err := bench.Run(e.ctx, db)
	if err != nil {
		return err
	}
	sheet, err := priceSheetFigure(e, db)
	if err != nil {
		return err
	}
	statements, err := statementFigures(e, db)
	if err != nil {
		return err
	}
	collections, err := collectionsFigures(e, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "bench: importing order lines (rolled back)\n")
	imp, err := bench.ImportOrders(e.ctx, db, importLines(accounts))
	if err != nil {
		return err
	}
	figs = append(figs, sheet)
	figs = append(figs, statements...)
	figs = append(figs, collections...)
	figs = append(figs, imp)
	figs = append(figs, teamFigures(e, db, *teamURL)...)
	figs = append(figs, startupFigure(e, db.Path()))
	if *generate {
		fmt.Fprintf(e.stderr, "bench: generating %d demo accounts in %s\n", largeAccounts, os.TempDir())
		f, err := bench.Generate(e.ctx, os.TempDir(), largeAccounts, nil)
		if err != nil {
			return err
		}
		figs = append(figs, f)
	}
	if *asJSON {
		return writeJSON(e.stdout, figs)
	}
	printFigures(e, figs)
	return nil
}

// importLines is how many order lines the import figure imports: the
// target's 100,000 on the large dataset, fewer on a small one.
func importLines(accounts int) int {
	return min(bench.ImportOrderLines, max(1000, accounts*bench.ImportOrderLines/largeAccounts))
}

// startupFigure measures the desktop app when a kontor binary and a display
// are at hand; otherwise it says why it was not measured.
func startupFigure(e *env, path string) bench.Figure {
	const unit, target = "ms", bench.TargetStartupMS
	if os.Getenv("DISPLAY") == "" {
		return bench.NotMeasured(bench.NameStartup, unit, target, "no display (DISPLAY is not set)")
	}
	bin := findKontor()
	if bin == "" {
		return bench.NotMeasured(bench.NameStartup, unit, target, "no kontor binary next to kontorctl or on PATH")
	}
	fmt.Fprintf(e.stderr, "bench: starting %s three times\n", bin)
	return bench.Startup(e.ctx, bin, path)
}

// findKontor looks for the desktop binary beside this executable, then on PATH.
func findKontor() string {
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), "kontor")
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	p, _ := exec.LookPath("kontor")
	return p
}

func printFigures(e *env, figs []bench.Figure) {
	w := e.stdout
	fmt.Fprintf(w, "%-54s %12s %10s  %-5s %12s %7s\n", "figure", "value", "target", "holds", "bare SQL", "ratio")
	for _, f := range figs {
		value, holds, bare, ratio := "—", "n/a", "", ""
		if f.Value != nil {
			value = fmt.Sprintf("%.2f %s", *f.Value, f.Unit)
		}
		if f.Holds != nil {
			holds = map[bool]string{true: "yes", false: "NO"}[*f.Holds]
		}
		if f.Bare != nil {
			bare = fmt.Sprintf("%.2f %s", *f.Bare, f.Unit)
			ratio = fmt.Sprintf("%.2f×", f.Ratio())
		}
		fmt.Fprintf(w, "%-54s %12s %10s  %-5s %12s %7s\n", f.Name, value, fmt.Sprintf("≤ %g %s", f.Target, f.Unit), holds, bare, ratio)
		if f.Note != "" {
			fmt.Fprintf(w, "    %s\n", strings.TrimSpace(f.Note))
		}
	}
}
