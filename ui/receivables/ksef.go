package receivables

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kontor/domain"
	"kontor/ui/alert"
)

// KSeF in the receivables screens: each invoice's status in the Invoices tab,
// its PDF with the verification code, and the KSeF filter of the list.

// KSeFStatusText names a KSeF status for a list cell.
func KSeFStatusText(s domain.KSeFStatus) string {
	switch s {
	case domain.KSeFWaiting:
		return lang.X("ksef.status.waiting", "waiting")
	case domain.KSeFSent:
		return lang.X("ksef.status.sent", "sent")
	case domain.KSeFNotFor:
		return lang.X("ksef.status.not_for_ksef", "not for KSeF")
	case domain.KSeFCannotBuild:
		return lang.X("ksef.status.cannot_build", "cannot be built")
	case domain.KSeFPending:
		return lang.X("ksef.status.pending", "to be built")
	}
	return string(s)
}

// KSeFReasonsText says what an invoice's file lacks, one sentence a reason.
func KSeFReasonsText(rs []domain.KSeFReason) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = alert.Message(domain.Errorf(domain.EInvalid, r.Key, r.Msg, r.Args))
	}
	return strings.Join(parts, "; ")
}

// ksefDetail says where an invoice stands with KSeF, in a sentence.
func ksefDetail(st *domain.InvoiceKSeF) string {
	args := map[string]any{"Number": st.Number}
	switch st.Status {
	case domain.KSeFSent:
		args["KSeF"] = st.KSeFNumber
		return lang.X("ksef.detail.sent", "KSeF: {{.Number}} is in KSeF as {{.KSeF}}.", args)
	case domain.KSeFWaiting:
		return lang.X("ksef.detail.waiting", "KSeF: {{.Number}} waits to be sent (its code says OFFLINE); export it with kontorctl ksef export.", args)
	case domain.KSeFCannotBuild:
		args["Reasons"] = KSeFReasonsText(st.Reasons)
		return lang.X("ksef.detail.cannot_build", "KSeF: the file of {{.Number}} cannot be built yet: {{.Reasons}}", args)
	case domain.KSeFNotFor:
		return lang.X("ksef.detail.not_for_ksef", "KSeF: {{.Number}} is dated before the KSeF start date.", args)
	}
	return ""
}

// invoiceFileName is an invoice's PDF name: its number with / as _.
func invoiceFileName(number string) string {
	return strings.NewReplacer("/", "_", "\\", "_", ":", "_").Replace(number) + ".pdf"
}

// OpenInvoicePDF writes an invoice's PDF, in the language of statements, to
// a temporary folder and opens it in the system's viewer. The order screen
// calls it too.
func OpenInvoicePDF(d *Deps, id domain.InvoiceID, number string, done func()) {
	d.defaults()
	if d.InvoicePDF == nil {
		return
	}
	dir, err := os.MkdirTemp(d.TempDir, "kontor-invoice-")
	if err != nil {
		alert.Error(d.Window, err)
		return
	}
	path, language := filepath.Join(dir, invoiceFileName(number)), d.Language()
	d.Run(func() {
		err := writeWhole(path, func(f *os.File) error { return d.InvoicePDF.PrintInvoice(context.Background(), id, language, f) })
		fyne.Do(func() {
			if done != nil {
				done()
			}
			if err != nil {
				alert.Error(d.Window, err)
				return
			}
			if err := d.OpenURL(fileURL(path)); err != nil {
				// The PDF is there; say where, since no viewer showed it.
				alert.Error(d.Window, domain.Errorf(domain.EInternal, "ksef.pdf_not_opened",
					"The PDF is saved as {{.Path}}, but no program opened it ({{.Err}}).", map[string]any{"Path": path, "Err": err.Error()}))
			}
		})
	})
}
