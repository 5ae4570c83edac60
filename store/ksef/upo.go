package ksef

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"kontor/domain"
)

// UPONamespacePrefix starts the namespace of every version of KSeF's receipt
// (upo-v4-3.xsd: http://upo.schematy.mf.gov.pl/KSeF/v4-3).
const UPONamespacePrefix = "http://upo.schematy.mf.gov.pl/KSeF/"

type upoFile struct {
	XMLName   xml.Name
	Dokumenty []upoDocument `xml:"Dokument"`
}

// upoDocument matches the Dokument elements of any namespace version: the
// receipt's root is checked on its own.
type upoDocument struct {
	NipSprzedawcy          string `xml:"NipSprzedawcy"`
	NumerKSeFDokumentu     string `xml:"NumerKSeFDokumentu"`
	NumerFaktury           string `xml:"NumerFaktury"`
	DataWystawieniaFaktury string `xml:"DataWystawieniaFaktury"`
	DataNadaniaNumeruKSeF  string `xml:"DataNadaniaNumeruKSeF"`
	SkrotDokumentu         string `xml:"SkrotDokumentu"`
}

// ParseUPO reads an official KSeF receipt (UPO) and returns the invoices it
// confirms, in its order. A file that is not XML, not a receipt or confirms
// nothing is an EInvalid error; a document's own fields are checked when it is
// matched with an invoice.
func ParseUPO(data []byte) ([]domain.UPODocument, error) {
	var f upoFile
	dec := xml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("the file is empty")
		}
		return nil, domain.Errorf(domain.EInvalid, "ksef.upo_not_xml", "the receipt is not an XML file: {{.Err}}",
			map[string]any{"Err": err.Error()})
	}
	if f.XMLName.Local != "Potwierdzenie" || !strings.HasPrefix(f.XMLName.Space, UPONamespacePrefix) {
		root := f.XMLName.Local
		if f.XMLName.Space != "" {
			root = "{" + f.XMLName.Space + "}" + root
		}
		return nil, domain.Errorf(domain.EInvalid, "ksef.upo_not_upo",
			"the file is not a KSeF receipt (UPO): it is a {{.Root}} document, not a Potwierdzenie of "+UPONamespacePrefix+"…",
			map[string]any{"Root": root})
	}
	if len(f.Dokumenty) == 0 {
		return nil, domain.Errorf(domain.EInvalid, "ksef.upo_empty", "the receipt confirms no invoice", nil)
	}
	out := make([]domain.UPODocument, len(f.Dokumenty))
	for i, d := range f.Dokumenty {
		issued, _ := domain.ParseDate(strings.TrimSpace(d.DataWystawieniaFaktury))
		at, _ := time.Parse(time.RFC3339Nano, strings.TrimSpace(d.DataNadaniaNumeruKSeF))
		out[i] = domain.UPODocument{SellerNIP: strings.TrimSpace(d.NipSprzedawcy), InvoiceNumber: strings.TrimSpace(d.NumerFaktury),
			IssueDate: issued, KSeFNumber: strings.TrimSpace(d.NumerKSeFDokumentu), Hash: strings.TrimSpace(d.SkrotDokumentu),
			AssignedAt: at}
	}
	return out, nil
}

// WriteReceipt writes a receipt in the shape of KSeF's official UPO examples
// (upo-v4-3, one Dokument per invoice), as KSeF's test environment would
// return it for these documents. Kontor reads receipts; it writes one for
// tests and for trying the whole path on a demo database without KSeF.
func WriteReceipt(docs []domain.UPODocument) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<Potwierdzenie xmlns="` + UPONamespacePrefix + `v4-3">` + "\n")
	b.WriteString("\t<NazwaPodmiotuPrzyjmujacego>Ministerstwo Finansów - środowisko testowe (TE)</NazwaPodmiotuPrzyjmujacego>\n")
	nip := ""
	if len(docs) > 0 {
		nip = docs[0].SellerNIP
	}
	b.WriteString("\t<Uwierzytelnienie>\n\t\t<IdKontekstu>\n\t\t\t<Nip>")
	xml.EscapeText(&b, []byte(nip))
	b.WriteString("</Nip>\n\t\t</IdKontekstu>\n\t</Uwierzytelnienie>\n")
	b.WriteString("\t<NazwaStrukturyLogicznej>Schemat_FA(3)_v1-0E.xsd</NazwaStrukturyLogicznej>\n\t<KodFormularza>FA (3)</KodFormularza>\n")
	el := func(name, value string) {
		b.WriteString("\t\t<" + name + ">")
		xml.EscapeText(&b, []byte(value))
		b.WriteString("</" + name + ">\n")
	}
	for _, d := range docs {
		b.WriteString("\t<Dokument>\n")
		el("NipSprzedawcy", d.SellerNIP)
		el("NumerKSeFDokumentu", d.KSeFNumber)
		el("NumerFaktury", d.InvoiceNumber)
		el("DataWystawieniaFaktury", d.IssueDate.String())
		el("DataPrzeslaniaDokumentu", d.AssignedAt.Format("2006-01-02T15:04:05.000Z07:00"))
		el("DataNadaniaNumeruKSeF", d.AssignedAt.Format("2006-01-02T15:04:05.000Z07:00"))
		el("SkrotDokumentu", d.Hash)
		el("TrybWysylki", "Offline")
		b.WriteString("\t</Dokument>\n")
	}
	b.WriteString("</Potwierdzenie>\n")
	return b.Bytes()
}

// NumberFor makes the KSeF number KSeF's test environment could give the
// invoice of seller nip taken on day: the twelve hex digits from serial, the
// check digits computed. It goes with WriteReceipt.
func NumberFor(nip string, day domain.Date, serial uint64) string {
	body := fmt.Sprintf("%s-%04d%02d%02d-%012X", nip, day.Year, int(day.Month), day.Day, serial&0xFFFFFFFFFFFF)
	return fmt.Sprintf("%s-%02X", body, crc8(body))
}
