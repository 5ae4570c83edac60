package store

import (
	"context"
	"database/sql"

	"kontor/domain"
)

// receivablesKSeFSQL is the accounts statement of FindReceivables filtered by
// KSeF status: the accounts with an invoice or credit note in that status,
// whatever their balance, by owner and group like the list.
func receivablesKSeFSQL(ctx context.Context, tx *sql.Tx, f domain.ReceivablesFilter) (string, []any, error) {
	var from string
	args := []any{f.Owner, int64(f.Group)}
	switch f.KSeF {
	case domain.KSeFWaiting, domain.KSeFSent, domain.KSeFCannotBuild:
		from, args = `SELECT DISTINCT i.account_id FROM ksef_files k JOIN invoices i ON i.id = k.invoice_id WHERE k.status = ?3`,
			append(args, string(f.KSeF))
	case domain.KSeFPending, domain.KSeFNotFor:
		k, err := findKSeFSettings(ctx, tx)
		if err != nil {
			return "", nil, err
		}
		cmp := ">="
		if f.KSeF == domain.KSeFNotFor {
			cmp = "<"
		}
		from, args = `SELECT DISTINCT i.account_id FROM invoices i WHERE i.issued_on `+cmp+` ?3
			AND NOT EXISTS (SELECT 1 FROM ksef_files k WHERE k.invoice_id = i.id)`, append(args, k.Start.String())
	default:
		return "", nil, domain.Errorf(domain.EInvalid, "ksef.status_invalid", "{{.Value}} is not a KSeF status", map[string]any{"Value": string(f.KSeF)})
	}
	return `SELECT a.id, a.code, a.name, a.owner, a.customer_group, a.credit_limit_minor FROM (` + from + `) x
	JOIN accounts a ON a.id = x.account_id
	WHERE (?1 = '' OR a.owner = ?1) AND (?2 = 0 OR a.customer_group = (SELECT name FROM customer_groups WHERE id = ?2))`, args, nil
}
