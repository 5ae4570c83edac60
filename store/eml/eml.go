// Package eml writes ready e-mails as .eml files (RFC 5322 with a MIME
// attachment), marked unsent (X-Unsent: 1) so that mail clients — Outlook,
// Thunderbird, Apple Mail — open them as drafts to check and send. Kontor
// sends nothing itself: the user's own mail client does.
package eml

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"kontor/domain"
)

// Message is one e-mail with one PDF attached.
type Message = domain.Draft

// Drafts implements domain.Drafts.
type Drafts struct{}

var _ domain.Drafts = Drafts{}

// Letter returns the covering letter (the package's Letter).
func (Drafts) Letter(l domain.Locale, kind domain.PaperKind, what, sender string) (string, string) {
	return Letter(l, kind, what, sender)
}

// WriteDraft writes d (the package's Write).
func (Drafts) WriteDraft(w io.Writer, d domain.Draft) error { return Write(w, d) }

// validate refuses an e-mail with no recipient or a recipient that is not an
// address: the user picks another contact or fills in the billing e-mail.
func validate(m *Message) error {
	if len(m.To) == 0 {
		return domain.Errorf(domain.EInvalid, "email.no_recipient",
			"the account has no billing e-mail: fill it in on the account or choose a contact with an e-mail", nil)
	}
	for _, a := range m.To {
		if _, err := mail.ParseAddress(a.Address); err != nil || strings.TrimSpace(a.Address) == "" {
			return domain.Errorf(domain.EInvalid, "email.bad_address", "{{.Address}} is not an e-mail address",
				map[string]any{"Address": a.Address})
		}
	}
	return nil
}

// Write writes m as an .eml file: headers, a text part in quoted-printable
// UTF-8, and the PDF in base64. The boundary comes from the content, so the
// same message gives the same bytes.
func Write(w io.Writer, m Message) error {
	if err := validate(&m); err != nil {
		return err
	}
	sum := sha256.Sum256(append([]byte(m.Subject+m.Body+m.FileName), m.PDF...))
	boundary := "kontor-" + hex.EncodeToString(sum[:12])
	bw := bufio.NewWriter(w)
	h := func(k, v string) { fmt.Fprintf(bw, "%s: %s\r\n", k, v) }
	var to []string
	for _, a := range m.To {
		to = append(to, a.String())
	}
	h("X-Unsent", "1")
	if m.From.Address != "" {
		h("From", m.From.String())
	}
	h("To", strings.Join(to, ", "))
	h("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	h("Date", m.Date.Format(time.RFC1123Z))
	h("MIME-Version", "1.0")
	h("Content-Type", `multipart/mixed; boundary="`+boundary+`"`)
	bw.WriteString("\r\n")
	fmt.Fprintf(bw, "--%s\r\n", boundary)
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	bw.WriteString("\r\n")
	qp := quotedprintable.NewWriter(bw)
	if _, err := qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n"))); err != nil {
		return err
	}
	if err := qp.Close(); err != nil {
		return err
	}
	fmt.Fprintf(bw, "\r\n--%s\r\n", boundary)
	h("Content-Type", mime.FormatMediaType("application/pdf", map[string]string{"name": m.FileName}))
	h("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": m.FileName}))
	h("Content-Transfer-Encoding", "base64")
	bw.WriteString("\r\n")
	enc := base64.StdEncoding.EncodeToString(m.PDF)
	for len(enc) > 76 {
		bw.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	if enc != "" {
		bw.WriteString(enc + "\r\n")
	}
	fmt.Fprintf(bw, "--%s--\r\n", boundary)
	return bw.Flush()
}

// letters are the short covering letters, by language and document.
var letters = map[domain.Locale]map[domain.PaperKind][2]string{
	domain.Polish: {
		domain.DocStatement: {"Zestawienie rozrachunków %s", "Dzień dobry,\n\nw załączeniu przesyłamy zestawienie rozrachunków (%s) wraz z listą nierozliczonych faktur. Prosimy o sprawdzenie i, w razie rozbieżności, o kontakt.\n\nZ poważaniem\n%s"},
		domain.DocReminder:  {"%s", "Dzień dobry,\n\nw załączeniu przesyłamy %s. Prosimy o uregulowanie zaległości w podanym terminie. Jeśli płatność została już wysłana, prosimy potraktować tę wiadomość jako nieaktualną.\n\nZ poważaniem\n%s"},
		domain.DocInterest:  {"Nota odsetkowa %s", "Dzień dobry,\n\nw załączeniu przesyłamy notę odsetkową (%s) z wyliczeniem odsetek ustawowych za opóźnienie w transakcjach handlowych i rekompensaty za koszty odzyskiwania należności.\n\nZ poważaniem\n%s"},
	},
	domain.English: {
		domain.DocStatement: {"Statement of account %s", "Hello,\n\nplease find attached your statement of account (%s) with the list of open invoices. Please check it and let us know of any difference.\n\nKind regards\n%s"},
		domain.DocReminder:  {"%s", "Hello,\n\nplease find attached our %s. Please settle the amount overdue by the deadline given. If you have already paid, please disregard this message.\n\nKind regards\n%s"},
		domain.DocInterest:  {"Interest note %s", "Hello,\n\nplease find attached our interest note (%s) with the statutory interest for late payment in commercial transactions and the compensation for recovery costs.\n\nKind regards\n%s"},
	},
}

// Letter returns the subject and body of the covering letter for a
// document of kind, in language l: what names the document (a month, a
// reminder's title, a date) and the sender's name fill it in.
func Letter(l domain.Locale, kind domain.PaperKind, what, sender string) (subject, body string) {
	if l != domain.English {
		l = domain.Polish
	}
	t := letters[l][kind]
	inText := what
	if kind == domain.DocReminder && what != "" { // "przesyłamy wezwanie do zapłaty nr 2"
		r := []rune(what)
		inText = strings.ToLower(string(r[:1])) + string(r[1:])
	}
	return strings.TrimSpace(fmt.Sprintf(t[0], what)), fmt.Sprintf(t[1], inText, sender)
}
