package eml_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store/eml"
)

// TestEMLParses: the file parses with net/mail, says it is unsent, carries
// the Polish subject and letter, and its attachment is the PDF byte for byte.
func TestEMLParses(t *testing.T) {
	pdf := make([]byte, 70_001)
	rand.Read(pdf)
	copy(pdf, "%PDF-1.4")
	subject, body := eml.Letter(domain.Polish, domain.DocReminder, "Wezwanie do zapłaty nr 2", "Hurtownia Żółw sp. z o.o.")
	m := eml.Message{From: mail.Address{Name: "Hurtownia Żółw", Address: "biuro@zolw.pl"},
		To:      []mail.Address{{Name: "Piekarnia „Źdźbło”", Address: "ksiegowosc@zdzblo.pl"}, {Address: "jan@zdzblo.pl"}},
		Subject: subject, Body: body, FileName: "K-ŁĘ%2F7_wezwanie-2_2026-12-06.pdf", PDF: pdf,
		Date: time.Date(2026, 12, 6, 9, 30, 0, 0, time.UTC)}
	var b bytes.Buffer
	if err := eml.Write(&b, m); err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	gotSubject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	to, err := msg.Header.AddressList("To")
	if msg.Header.Get("X-Unsent") != "1" || gotSubject != "Wezwanie do zapłaty nr 2" || err != nil || len(to) != 2 ||
		to[0].Name != "Piekarnia „Źdźbło”" || to[1].Address != "jan@zdzblo.pl" {
		t.Fatalf("headers %v, subject %q, to %v %v", msg.Header, gotSubject, to, err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatal(mt, err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	text, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	letter, _ := io.ReadAll(text)
	if !strings.Contains(string(letter), "w załączeniu przesyłamy wezwanie do zapłaty nr 2") ||
		!strings.Contains(string(letter), "Hurtownia Żółw sp. z o.o.") {
		t.Errorf("letter %q", letter)
	}
	att, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	if att.FileName() != m.FileName || att.Header.Get("Content-Type") == "" {
		t.Errorf("attachment %q %v", att.FileName(), att.Header)
	}
	// multipart decodes quoted-printable itself, not base64.
	raw, _ := io.ReadAll(att)
	got, err := decodeBase64(raw)
	if err != nil || !bytes.Equal(got, pdf) {
		t.Errorf("attachment: %d bytes, want %d identical (%v)", len(got), len(pdf), err)
	}
	if _, err := r.NextPart(); err != io.EOF {
		t.Errorf("a third part: %v", err)
	}
}

// decodeBase64 reads the attachment's lines (the decoder skips the line breaks).
func decodeBase64(b []byte) ([]byte, error) {
	return io.ReadAll(base64.NewDecoder(base64.StdEncoding, bytes.NewReader(b)))
}

func TestEMLRefusesNoRecipient(t *testing.T) {
	for _, to := range [][]mail.Address{nil, {{Address: "nie-adres"}}} {
		err := eml.Write(io.Discard, eml.Message{To: to, Subject: "x", PDF: []byte("%PDF")})
		var e *domain.Error
		if !errors.As(err, &e) || e.Code != domain.EInvalid {
			t.Errorf("to %v: %v", to, err)
		}
	}
	s, body := eml.Letter(domain.English, domain.DocStatement, "2026-11", "Żółw")
	if s != "Statement of account 2026-11" || !strings.Contains(body, "Kind regards\nŻółw") {
		t.Errorf("%q %q", s, body)
	}
}
