package ksef_test

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store/ksef"
)

// TestLinkWorkedExample reproduces the example of docs/kody-qr.md: issued
// 01-02-2026 by NIP 1111111111, hash UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE.
func TestLinkWorkedExample(t *testing.T) {
	got := ksef.LinkOfHash(domain.KSeFTest, "1111111111", domain.NewDate(2026, 2, 1), "UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE")
	want := "https://qr-test.ksef.mf.gov.pl/invoice/1111111111/01-02-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE"
	if got != want {
		t.Errorf("link\n got %s\nwant %s", got, want)
	}
	for env, base := range map[domain.KSeFEnvironment]string{domain.KSeFDemo: "https://qr-demo.ksef.mf.gov.pl/invoice/",
		domain.KSeFProduction: "https://qr.ksef.mf.gov.pl/invoice/"} {
		if l := ksef.LinkOfHash(env, "1111111111", domain.NewDate(2026, 2, 1), "x"); !strings.HasPrefix(l, base) {
			t.Errorf("%s: %s", env, l)
		}
	}
}

// TestLinkOfFile: the link carries the SHA-256 of the exact bytes in
// Base64URL without padding, and Hash the same digest in standard Base64.
func TestLinkOfFile(t *testing.T) {
	data := build(t, mixed(), plBuyer, nil)
	sum := sha256.Sum256(data)
	link := ksef.Link(domain.KSeFProduction, "5260001246", domain.NewDate(2026, 11, 27), data)
	want := "https://qr.ksef.mf.gov.pl/invoice/5260001246/27-11-2026/" + base64.RawURLEncoding.EncodeToString(sum[:])
	if link != want || strings.ContainsAny(link[strings.LastIndex(link, "/"):], "=+") {
		t.Errorf("link %s, want %s", link, want)
	}
	std, err := base64.StdEncoding.DecodeString(ksef.Hash(data))
	if err != nil || string(std) != string(sum[:]) || len(ksef.Hash(data)) != 44 {
		t.Errorf("Hash = %s (%v)", ksef.Hash(data), err)
	}
	changed := append([]byte{}, data...)
	changed[len(changed)-2] = ' '
	if ksef.Link(domain.KSeFProduction, "5260001246", domain.NewDate(2026, 11, 27), changed) == link {
		t.Error("a changed byte keeps the link")
	}
}

func TestCheckNumber(t *testing.T) {
	for _, ok := range []string{"5265877635-20250916-0200A0D6723E-C2", "5265877635-20250916-010040741B3E-46",
		" 5265877635-20250916-010040741b3e-46 "} {
		if n, err := ksef.CheckNumber(ok); err != nil || n != strings.ToUpper(strings.TrimSpace(ok)) {
			t.Errorf("CheckNumber(%q) = %q, %v", ok, n, err)
		}
	}
	for _, bad := range []string{"", "5265877635-20250916-0200A0D6723E-C3", "5265877635-20250916-0200A0D6723E",
		"5265877635-20251316-0200A0D6723E-C2", "0265877635-20250916-0200A0D6723E-C2", "5265877635-20250916-0200A0D6723G-C2",
		"5265877635-20250916-0200A0-D6723E-C2", "FV/2026/11/0001"} {
		_, err := ksef.CheckNumber(bad)
		if domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("CheckNumber(%q) = %v, want an EInvalid error", bad, err)
		}
	}
	// NumberFor makes numbers CheckNumber takes.
	for serial := uint64(0); serial < 300; serial += 7 {
		n := ksef.NumberFor("5260001246", domain.NewDate(2026, 11, 28), serial*0x1F3D5B79)
		if _, err := ksef.CheckNumber(n); err != nil {
			t.Errorf("NumberFor: %s: %v", n, err)
		}
	}
}

func TestParseUPOExamples(t *testing.T) {
	read := func(name string) []domain.UPODocument {
		data, err := os.ReadFile(filepath.Join("testdata", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		docs, err := ksef.ParseUPO(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return docs
	}
	one := read("upo-faktura-kontekst-id-nip.xml")
	want := domain.UPODocument{SellerNIP: "5265877635", InvoiceNumber: "FA/XVQUD-9997622510/04/2027",
		IssueDate: domain.NewDate(2025, 9, 16), KSeFNumber: "5265877635-20250916-0200A0D6723E-C2",
		Hash: "GZMGNVzs3krF6URKgvaw77OOeG3nJ+WGziT5xguliQ8=", AssignedAt: time.Date(2025, 9, 16, 9, 5, 41, 45e6, time.UTC)}
	if len(one) != 1 || !equalDoc(one[0], want) {
		t.Errorf("one-invoice receipt = %+v", one)
	}
	session := read("upo-sesja-kontekst-id-nip.xml")
	if len(session) != 2 || session[0].InvoiceNumber != "FA/SIGTF-3388125147/11/2025" || !equalDoc(session[1], want) {
		t.Errorf("session receipt = %+v", session)
	}
	// A receipt written by WriteReceipt reads back.
	back, err := ksef.ParseUPO(ksef.WriteReceipt(session))
	if err != nil || len(back) != 2 || !equalDoc(back[0], session[0]) || !equalDoc(back[1], session[1]) {
		t.Errorf("WriteReceipt read back: %+v, %v", back, err)
	}
}

func equalDoc(a, b domain.UPODocument) bool {
	return a.SellerNIP == b.SellerNIP && a.InvoiceNumber == b.InvoiceNumber && a.IssueDate == b.IssueDate &&
		a.KSeFNumber == b.KSeFNumber && a.Hash == b.Hash && a.AssignedAt.Equal(b.AssignedAt)
}

func TestParseUPOBadInput(t *testing.T) {
	for name, c := range map[string]struct {
		data []byte
		key  string
	}{
		"empty":      {nil, "ksef.upo_not_xml"},
		"text":       {[]byte("NumerKSeF;NumerFaktury\n5265877635-20250916-0200A0D6723E-C2;FV/1\n"), "ksef.upo_not_xml"},
		"broken xml": {[]byte(`<Potwierdzenie xmlns="http://upo.schematy.mf.gov.pl/KSeF/v4-3"><Dokument>`), "ksef.upo_not_xml"},
		"an invoice": {build(t, mixed(), plBuyer, nil), "ksef.upo_not_upo"},
		"no namespace": {[]byte(`<Potwierdzenie><Dokument><NumerFaktury>FV/1</NumerFaktury></Dokument></Potwierdzenie>`),
			"ksef.upo_not_upo"},
		"no documents": {[]byte(`<Potwierdzenie xmlns="http://upo.schematy.mf.gov.pl/KSeF/v4-3"></Potwierdzenie>`), "ksef.upo_empty"},
	} {
		_, err := ksef.ParseUPO(c.data)
		e, ok := domain.AsError(err)
		if !ok || e.Code != domain.EInvalid || e.Key != c.key {
			t.Errorf("%s: %v, want %s", name, err, c.key)
		}
	}
}
