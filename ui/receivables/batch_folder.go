package receivables

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/ui/xwidget"
)

// DefaultStatementFolder is where the month-end batch proposes to write a
// month's statements: Kontor's folder in the user's home, one a month.
func DefaultStatementFolder(m string) string {
	return filepath.Join(homeDir(), "Kontor", lang.X("receivables.batch.folder", "Statements"), m)
}

// proposeFolder fills in the month's default folder while the user has not
// typed or chosen one of their own.
func (b *batchDialog) proposeFolder() {
	if b.target == nil || b.combined() {
		return
	}
	m := b.months.month(b.month.Selected)
	if b.target.Text() == "" || b.target.Text() == b.proposed {
		b.proposed = DefaultStatementFolder(m.String())
		b.target.Entry.SetText(b.proposed)
	}
}

// folderReady reports whether the folder exists; a missing one is offered
// for creation, and again runs once it is made. A folder that cannot be
// made says why under the field, nothing written.
func (b *batchDialog) folderReady(dir string, again func()) bool {
	// Under a file (ENOTDIR) is missing too: making it says why it cannot be.
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
		return true
	}
	b.question = askCreate(b.s.d, dir, b.target, again)
	return false
}

// askCreate asks whether to create the missing folder dir; made, it runs
// again; one that cannot be made says why under target.
func askCreate(d Deps, dir string, target interface{ SetProblem(string) bool }, again func()) *xwidget.Question {
	return xwidget.Ask(d.Window, lang.X("batch.create_title", "Create the folder?"),
		lang.X("batch.create_message", "The folder {{.Path}} does not exist. Create it?", map[string]any{"Path": dir}),
		xwidget.Choice{Label: lang.X("batch.create_no", "Cancel")},
		xwidget.Choice{Label: lang.X("batch.create_yes", "Create folder"), Importance: widget.HighImportance, Action: func() {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				target.SetProblem(lang.X("batch.folder_create", "The folder {{.Path}} cannot be created: {{.Reason}}",
					map[string]any{"Path": dir, "Reason": err.Error()}))
				return
			}
			again()
		}})
}
