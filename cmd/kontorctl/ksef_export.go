package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kontor/domain"
	"kontor/store"
	"kontor/store/safefile"
)

func init() {
	ksefCommands["export"] = command{usage: "export (--month YYYY-MM | --number N | --waiting) --out DIR",
		help: "write the stored FA(3) files (FV_2026_11_0001.xml) for sending to KSeF", run: runKSeFExport}
}

// ksefFileName is an invoice's file name: its number with / as _, .xml.
func ksefFileName(number string) string {
	return strings.NewReplacer("/", "_", "\\", "_").Replace(number) + ".xml"
}

func runKSeFExport(e *env, args []string) error {
	fs := flags("ksef export")
	monthText := fs.String("month", "", "every invoice and credit note of the month, YYYY-MM")
	number := fs.String("number", "", "one invoice or credit note")
	waiting := fs.Bool("waiting", false, "every file waiting to be sent")
	out := fs.String("out", "", "the folder for the files")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	scopes := 0
	for _, set := range []bool{*monthText != "", strings.TrimSpace(*number) != "", *waiting} {
		if set {
			scopes++
		}
	}
	switch {
	case len(pos) > 0:
		return usagef("ksef export takes no arguments besides its flags")
	case scopes != 1:
		return usagef("ksef export needs one of --month, --number or --waiting")
	case *out == "":
		return usagef("ksef export needs --out DIR")
	}
	scope := store.KSeFScope{Number: strings.TrimSpace(*number), Waiting: *waiting}
	if *monthText != "" {
		if scope.Month, err = domain.ParseMonth(*monthText); err != nil {
			return err
		}
	}
	if st, err := os.Stat(*out); err != nil || !st.IsDir() {
		if err == nil {
			return domain.Errorf(domain.EInvalid, "batch.not_folder", "{{.Path}} is a file, not a folder", map[string]any{"Path": *out})
		}
		return domain.Errorf(domain.EInvalid, "batch.folder_missing", "folder {{.Path}} does not exist", map[string]any{"Path": *out})
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	var written, sent, blocked, notFor int
	var last *domain.InvoiceKSeF
	err = store.NewKSeFService(db).ExportKSeF(e.ctx, scope, func(st *domain.InvoiceKSeF) error {
		last = st
		switch {
		case st.XML != nil:
			if err := writeQuick(filepath.Join(*out, ksefFileName(st.Number)), st.XML); err != nil {
				return err
			}
			written++
			if st.Status == domain.KSeFSent {
				sent++
			}
		case st.Status == domain.KSeFCannotBuild:
			blocked++
			fmt.Fprintf(e.stderr, "%s: cannot be built: %s\n", st.Number, reasonsText(st.Reasons))
		default:
			notFor++
		}
		return nil
	})
	if err != nil {
		return err
	}
	if scope.Number != "" {
		switch {
		case last == nil:
			return domain.Errorf(domain.ENotFound, "invoice.not_found", "the invoice does not exist", nil)
		case last.XML == nil && last.Status == domain.KSeFNotFor:
			return domain.Errorf(domain.EInvalid, "ksef.not_for", "{{.Number}} is dated before the KSeF start date: it has no FA(3) file",
				map[string]any{"Number": last.Number})
		}
	}
	fmt.Fprintf(e.stdout, "%s: %d FA(3) files written (%d of them sent already); %d cannot be built, %d not for KSeF\n",
		filepath.Clean(*out)+string(filepath.Separator), written, sent, blocked, notFor)
	if blocked > 0 {
		return domain.Errorf(domain.EInvalid, "ksef.export_blocked", "{{.Count}} invoices have no FA(3) file yet: what each needs is listed above",
			map[string]any{"Count": blocked})
	}
	return nil
}

// writeQuick writes a file whole or not at all (a temporary file renamed over
// it; 0600 like every file Kontor makes), without waiting for the disk: an
// export of thousands of files is simply run again after a crash.
func writeQuick(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return safefile.Error(path, err, int64(len(data)))
	}
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Close()
	} else {
		tmp.Close()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return safefile.Error(path, err, int64(len(data)))
	}
	return nil
}
