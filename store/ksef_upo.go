package store

import (
	"context"
	"database/sql"
	"strings"

	"kontor/domain"
	"kontor/store/ksef"
)

// RecordUPO reads an official KSeF receipt (UPO) and records, for each invoice
// it confirms, the KSeF number KSeF gave it. A document is matched by the
// invoice's number, the seller's NIP in the stored file and the SHA-256 of the
// stored bytes; a document that does not match is refused with the reason and
// the others are recorded all the same, in one transaction. A credit note
// that waited for its original's number is built at once.
func (s *KSeFService) RecordUPO(ctx context.Context, receipt []byte) ([]domain.UPOResult, error) {
	docs, err := ksef.ParseUPO(receipt)
	if err != nil {
		return nil, err
	}
	// A confirmed invoice whose file was never built (an old file) is built
	// first, so that its hash can be compared.
	for _, d := range docs {
		if strings.TrimSpace(d.InvoiceNumber) == "" {
			continue
		}
		if _, err := s.BuildPending(ctx, KSeFScope{Number: d.InvoiceNumber}, nil); err != nil {
			return nil, err
		}
	}
	out := make([]domain.UPOResult, len(docs))
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		k, err := findKSeFSettings(ctx, tx)
		if err != nil {
			return err
		}
		b, err := newKSeFBuilder(ctx, tx, s.db.now())
		if err != nil {
			return err
		}
		defer b.close()
		for i, d := range docs {
			r, err := s.recordOne(ctx, tx, k, d)
			if err != nil {
				return err
			}
			if r.Outcome == domain.UPORecorded {
				if err := rebuildCorrections(ctx, tx, b, int64(r.Invoice)); err != nil {
					return err
				}
			}
			out[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, wrap("record UPO", err)
	}
	return out, nil
}

func refuse(d domain.UPODocument, id domain.InvoiceID, key, msg string, args map[string]any) domain.UPOResult {
	if args == nil {
		args = map[string]any{}
	}
	args["Number"] = d.InvoiceNumber
	return domain.UPOResult{Document: d, Outcome: domain.UPORefused, Invoice: id, Reason: domain.Errorf(domain.EInvalid, key, msg, args)}
}

func (s *KSeFService) recordOne(ctx context.Context, tx *sql.Tx, k *domain.KSeFSettings, d domain.UPODocument) (domain.UPOResult, error) {
	number, err := ksef.CheckNumber(d.KSeFNumber)
	if err != nil {
		e, _ := domain.AsError(err)
		return domain.UPOResult{Document: d, Outcome: domain.UPORefused, Reason: e}, nil
	}
	d.KSeFNumber = number
	st, err := scanStanding(tx.QueryRowContext(ctx, `SELECT `+standingColumns+standingFrom+`WHERE i.number = ?`,
		strings.TrimSpace(d.InvoiceNumber)), k)
	if err == sql.ErrNoRows || strings.TrimSpace(d.InvoiceNumber) == "" {
		return refuse(d, 0, "ksef.upo_unknown_invoice", "invoice {{.Number}} is not in this Kontor file", nil), nil
	}
	if err != nil {
		return domain.UPOResult{}, err
	}
	id := st.Invoice
	switch {
	case st.XML == nil:
		return refuse(d, id, "ksef.upo_no_file", "invoice {{.Number}} has no FA(3) file in Kontor ({{.Status}}), so KSeF cannot have received it from Kontor",
			map[string]any{"Status": string(st.Status)}), nil
	case d.SellerNIP != st.SellerNIP:
		return refuse(d, id, "ksef.upo_nip_mismatch", "the receipt gives invoice {{.Number}} the seller NIP {{.Theirs}}, its file has {{.Ours}}",
			map[string]any{"Theirs": d.SellerNIP, "Ours": st.SellerNIP}), nil
	case d.Hash != st.Hash:
		return refuse(d, id, "ksef.upo_hash_mismatch",
			"the file KSeF received as {{.Number}} is not the one Kontor keeps (SHA-256 {{.Theirs}}, Kontor's {{.Ours}}): it was changed after export, or is another file",
			map[string]any{"Theirs": d.Hash, "Ours": st.Hash}), nil
	case st.KSeFNumber == number:
		return domain.UPOResult{Document: d, Outcome: domain.UPOAlready, Invoice: id}, nil
	case st.KSeFNumber != "":
		return refuse(d, id, "ksef.upo_other_number", "invoice {{.Number}} has the KSeF number {{.Recorded}} already; the receipt gives {{.Given}}",
			map[string]any{"Recorded": st.KSeFNumber, "Given": number}), nil
	case !strings.HasPrefix(number, st.SellerNIP+"-"):
		return refuse(d, id, "ksef.upo_number_nip", "the KSeF number {{.Given}} of invoice {{.Number}} does not start with the seller's NIP {{.Ours}}",
			map[string]any{"Given": number, "Ours": st.SellerNIP}), nil
	}
	var other string
	err = tx.QueryRowContext(ctx, `SELECT i.number FROM ksef_files f JOIN invoices i ON i.id = f.invoice_id WHERE f.ksef_number = ?`,
		number).Scan(&other)
	if err == nil {
		return refuse(d, id, "ksef.upo_number_taken", "the KSeF number {{.Given}} given to {{.Number}} is recorded for invoice {{.Other}} already",
			map[string]any{"Given": number, "Other": other}), nil
	}
	if err != sql.ErrNoRows {
		return domain.UPOResult{}, err
	}
	assigned := d.AssignedAt
	if assigned.IsZero() {
		assigned = s.db.now()
	}
	if _, err := tx.ExecContext(ctx, `UPDATE ksef_files SET status = 'sent', ksef_number = ?, assigned_at = ?, recorded_at = ?
		WHERE invoice_id = ?`, number, moment(assigned), moment(s.db.now()), int64(id)); err != nil {
		return domain.UPOResult{}, err
	}
	return domain.UPOResult{Document: d, Outcome: domain.UPORecorded, Invoice: id}, nil
}
