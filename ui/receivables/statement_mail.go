package receivables

import (
	"context"
	"os"

	"fyne.io/fyne/v2"

	"kontor/domain"
	"kontor/ui/alert"
)

// statementTitle names the statement on the history and in the e-mail, in
// the account's language.
func (v *statementView) statementTitle() string {
	m := v.months.month(v.month.Selected)
	if domain.DocumentLanguage(v.t.acc) == domain.English {
		return "Statement of account " + m.String()
	}
	return "Zestawienie rozrachunków " + m.String()
}

// logPrinted puts the statement written to path on the account's history.
func (v *statementView) logPrinted(path string) {
	d := v.t.d
	if d.Collections == nil || v.st == nil {
		return
	}
	log := domain.DocumentLog{Account: v.t.acc.ID, Kind: domain.DocStatement, Title: v.statementTitle(), File: path,
		Amount: v.st.Closing, Lang: domain.DocumentLanguage(v.t.acc)}
	id := v.t.acc.ID
	d.Run(func() {
		err := d.Collections.LogDocument(context.Background(), log)
		fyne.Do(func() {
			if err != nil {
				alert.Error(d.Window, err)
				return
			}
			d.Logged(id)
		})
	})
}

// mail writes the statement and its e-mail and opens the draft.
func (v *statementView) mail() {
	d := v.t.d
	if v.st == nil {
		return
	}
	m, id, language := v.months.month(v.month.Selected), v.t.acc.ID, languageCode(v.language.Selected)
	sendDocument(*d, v.t.acc, domain.DocStatement, v.statementTitle(), v.st.Closing, v.fileName(), func(ctx context.Context, path string) error {
		return writeWhole(path, func(f *os.File) error { return d.Printer.PrintStatement(ctx, id, m, language, f) })
	}, nil)
}
