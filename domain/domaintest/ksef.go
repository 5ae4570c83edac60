package domaintest

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"sync"

	"kontor/domain"
)

// KSeF is an in-memory domain.KSeFService over a Ledger's invoices. An
// invoice dated before the start date is not for KSeF; one from it stands as
// its test set it in Files, else it is waiting with a made-up link (the fake
// builds no FA(3) file). RecordUPO reads a receipt's documents and records
// the number of each invoice it names.
type KSeF struct {
	L *Ledger

	mu       sync.Mutex
	settings domain.KSeFSettings
	// Files are standings a test sets, by invoice.
	Files map[domain.InvoiceID]*domain.InvoiceKSeF
	// Counts, when set, is what KSeFCounts answers.
	Counts *domain.KSeFCounts
	// Saved counts SaveKSeFSettings calls.
	Saved int
}

var _ domain.KSeFService = (*KSeF)(nil)

// NewKSeF returns the fake over l with the default settings.
func NewKSeF(l *Ledger) *KSeF {
	k := &KSeF{L: l, settings: domain.DefaultKSeFSettings(), Files: map[domain.InvoiceID]*domain.InvoiceKSeF{}}
	l.mu.Lock()
	l.ksef = k
	l.mu.Unlock()
	return k
}

// FindKSeFSettings returns the settings.
func (k *KSeF) FindKSeFSettings(context.Context) (*domain.KSeFSettings, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	s := k.settings
	return &s, nil
}

// SaveKSeFSettings validates and keeps the settings.
func (k *KSeF) SaveKSeFSettings(_ context.Context, s domain.KSeFSettings) (*domain.KSeFSettings, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.settings = s
	k.Saved++
	return &s, nil
}

// InvoiceKSeF returns an invoice's standing.
func (k *KSeF) InvoiceKSeF(ctx context.Context, id domain.InvoiceID) (*domain.InvoiceKSeF, error) {
	inv, err := k.L.FindInvoiceByID(ctx, id)
	if err != nil {
		return nil, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.standing(inv), nil
}

// standing is inv's standing; the caller holds k.mu.
func (k *KSeF) standing(inv *domain.Invoice) *domain.InvoiceKSeF {
	if st, ok := k.Files[inv.ID]; ok {
		c := *st
		return &c
	}
	st := &domain.InvoiceKSeF{Invoice: inv.ID, Kind: inv.Kind, Number: inv.Number, Date: inv.Date}
	if inv.Date.Before(k.settings.Start) {
		st.Status = domain.KSeFNotFor
		return st
	}
	st.Status, st.SellerNIP = domain.KSeFWaiting, "5260001246"
	st.Link = fmt.Sprintf("%s/invoice/5260001246/%02d-%02d-%04d/fake-%d", k.settings.Environment.QRBase(), inv.Date.Day,
		int(inv.Date.Month), inv.Date.Year, inv.ID)
	return st
}

// InvoicesKSeF returns the statuses of the invoices given.
func (k *KSeF) InvoicesKSeF(ctx context.Context, ids []domain.InvoiceID) (map[domain.InvoiceID]domain.KSeFStatus, error) {
	out := map[domain.InvoiceID]domain.KSeFStatus{}
	for _, id := range ids {
		st, err := k.InvoiceKSeF(ctx, id)
		if err != nil {
			return nil, err
		}
		out[id] = st.Status
	}
	return out, nil
}

// KSeFCounts answers Counts when set, else counts the ledger's invoices.
func (k *KSeF) KSeFCounts(ctx context.Context, today domain.Date) (domain.KSeFCounts, error) {
	k.mu.Lock()
	if k.Counts != nil {
		c := *k.Counts
		k.mu.Unlock()
		return c, nil
	}
	k.mu.Unlock()
	rows, _, err := k.L.FindInvoices(ctx, domain.InvoiceFilter{Limit: 1 << 30})
	if err != nil {
		return domain.KSeFCounts{}, err
	}
	var c domain.KSeFCounts
	for _, r := range rows {
		st, err := k.InvoiceKSeF(ctx, r.ID)
		if err != nil {
			return c, err
		}
		switch st.Status {
		case domain.KSeFWaiting:
			c.Waiting++
		case domain.KSeFSent:
			c.Sent++
		case domain.KSeFCannotBuild:
			c.CannotBuild++
		case domain.KSeFNotFor:
			c.NotForKSeF++
		}
		if st.Status != domain.KSeFSent && st.Status != domain.KSeFNotFor && domain.KSeFLate(st.Date, today) {
			c.Late++
		}
	}
	return c, nil
}

// RecordUPO records the KSeF number of each invoice a receipt names, by its
// number alone (the fake keeps no files to compare hashes with).
func (k *KSeF) RecordUPO(ctx context.Context, receipt []byte) ([]domain.UPOResult, error) {
	var doc struct {
		Docs []struct {
			Number string `xml:"NumerFaktury"`
			KSeF   string `xml:"NumerKSeFDokumentu"`
		} `xml:"Dokument"`
	}
	if err := xml.NewDecoder(bytes.NewReader(receipt)).Decode(&doc); err != nil {
		return nil, domain.Errorf(domain.EInvalid, "ksef.upo_not_xml", "the receipt is not an XML file: {{.Err}}", map[string]any{"Err": err.Error()})
	}
	var out []domain.UPOResult
	for _, d := range doc.Docs {
		r := domain.UPOResult{Document: domain.UPODocument{InvoiceNumber: d.Number, KSeFNumber: d.KSeF}}
		inv, err := k.L.FindInvoiceByNumber(ctx, d.Number)
		if err != nil {
			r.Outcome, r.Reason = domain.UPORefused, domain.Errorf(domain.EInvalid, "ksef.upo_unknown_invoice",
				"invoice {{.Number}} is not in this Kontor file", map[string]any{"Number": d.Number})
			out = append(out, r)
			continue
		}
		k.mu.Lock()
		st := k.standing(inv)
		st.Status, st.KSeFNumber = domain.KSeFSent, d.KSeF
		k.Files[inv.ID] = st
		k.mu.Unlock()
		r.Outcome, r.Invoice = domain.UPORecorded, inv.ID
		out = append(out, r)
	}
	return out, nil
}

// InvoicePrinter is a domain.InvoicePrinter that writes a line of text
// instead of a PDF, and counts what it printed.
type InvoicePrinter struct {
	L *Ledger

	mu      sync.Mutex
	Printed []string // "<number> <lang>" of each invoice printed
}

var _ domain.InvoicePrinter = (*InvoicePrinter)(nil)

// PrintInvoice writes "invoice <number> <lang>".
func (p *InvoicePrinter) PrintInvoice(ctx context.Context, id domain.InvoiceID, lang string, w io.Writer) error {
	inv, err := p.L.FindInvoiceByID(ctx, id)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.Printed = append(p.Printed, inv.Number+" "+lang)
	p.mu.Unlock()
	_, err = fmt.Fprintf(w, "invoice %s %s\n", inv.Number, lang)
	return err
}
