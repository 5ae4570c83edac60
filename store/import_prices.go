package store

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"kontor/domain"
	"kontor/store/xfer"
)

// ImportPrices applies a prices file, all or nothing, as the user by. A row is
// matched with a stored agreement by its key (xfer.PriceKey: SKU, account or
// group, min_qty, valid_from). Prices are never rewritten in place, so:
//
//   - a row with no stored agreement creates one; a stored agreement with the
//     same SKU, customer and min_qty that started earlier and would still run on
//     the new valid_from is ended the day before (a change, as in the app), and
//     counts as updated;
//   - a row equal to its stored agreement changes nothing;
//   - a row that changes only valid_to updates it when both the old and the new
//     last day are yesterday or later (the past stays as it was);
//   - a row that changes the terms of an agreement not yet in effect replaces it;
//   - any other change to an agreement that has been in effect is a row error:
//     give the new terms a later valid_from instead.
//
// Unknown SKUs, accounts and groups, and a min_qty the product's unit cannot
// express, are row errors too. On failure the error is xfer.Errors.
func (t *Transfer) ImportPrices(ctx context.Context, f *xfer.PriceFile, by string) (ImportSummary, error) {
	var sum ImportSummary
	var plan *pricePlan
	err := t.importRun(ctx, xfer.PriceSchema, f.Errs, func(tx *sql.Tx) (xfer.Errors, error) {
		var err error
		plan, err = checkPrices(ctx, tx, f, domain.DateOf(t.db.now()))
		if err != nil {
			return nil, err
		}
		return plan.errs, nil
	}, func(b *Bulk) error {
		var err error
		sum, err = plan.apply(b.ctx, b.tx, by, t.db.now())
		return err
	})
	return sum, err
}

type priceAction int

const (
	priceCreate priceAction = iota
	priceUnchanged
	priceSetEnd  // only valid_to changes, in the future
	priceReplace // a future agreement gets new terms
)

type priceItem struct {
	rec    *xfer.PriceRecord
	refs   agreementRefs
	action priceAction
	old    *domain.Agreement
}

type pricePlan struct {
	items []*priceItem
	errs  xfer.Errors
}

// storedKey is an agreement's key (see xfer.PriceKey) by ids.
type storedKey struct {
	product, account, group int64
	minQty                  domain.Quantity
	from                    domain.Date
}

func checkPrices(ctx context.Context, tx *sql.Tx, f *xfer.PriceFile, today domain.Date) (*pricePlan, error) {
	p := &pricePlan{}
	type product struct {
		id   int64
		unit domain.Unit
	}
	products := map[string]product{}
	if err := EachRow(ctx, tx, `SELECT id, sku, unit FROM products`, func(rows *sql.Rows) error {
		var pr product
		var sku string
		err := rows.Scan(&pr.id, &sku, &pr.unit)
		products[domain.CodeKey(sku)] = pr
		return err
	}); err != nil {
		return nil, err
	}
	accounts, err := storedCodes(ctx, tx)
	if err != nil {
		return nil, err
	}
	groups := map[string]int64{}
	if err := EachRow(ctx, tx, `SELECT id, name FROM customer_groups`, func(rows *sql.Rows) error {
		var id int64
		var name string
		err := rows.Scan(&id, &name)
		groups[name] = id
		return err
	}); err != nil {
		return nil, err
	}
	// Every stored agreement by key, in one pass: a lookup per row would cost
	// more than reading them all for any file of more than a few hundred rows.
	stored := map[storedKey]*domain.Agreement{}
	if err := EachRow(ctx, tx, `SELECT `+agreementColumns+agreementFrom, func(rows *sql.Rows) error {
		a, err := scanAgreement(rows)
		if err == nil {
			stored[storedKey{int64(a.ProductID), int64(a.AccountID), int64(a.GroupID), a.MinQty, a.ValidFrom}] = a
		}
		return err
	}); err != nil {
		return nil, err
	}
	for i := range f.Records {
		rec := &f.Records[i]
		fl := &rec.Fields
		it := &priceItem{rec: rec}
		fail := func(field, key, msg string, args map[string]any) {
			p.errs = append(p.errs, rowErr(f.File, rec.Line, domain.FieldError{Field: field, Key: key, Msg: msg, Args: args}))
		}
		bad := false
		if fl.SKU != "" {
			pr, ok := products[domain.CodeKey(fl.SKU)]
			if !ok {
				fail(domain.FieldSKU, "sku.unknown", "there is no product with SKU {{.Value}}", map[string]any{"Value": fl.SKU})
				bad = true
			} else {
				it.refs.product, it.refs.unit = pr.id, pr.unit
				if err := fl.CheckUnit(pr.unit); err != nil {
					errs, err := rowErrs(f.File, rec.Line, err)
					if err != nil {
						return nil, err
					}
					p.errs, bad = append(p.errs, errs...), true
				}
			}
		}
		if fl.AccountCode != "" {
			if id, ok := accounts[domain.CodeKey(fl.AccountCode)]; ok {
				it.refs.account = id
			} else {
				fail(domain.FieldAccountCode, "account.unknown", "there is no account with code {{.Value}}", map[string]any{"Value": fl.AccountCode})
				bad = true
			}
		}
		if fl.CustomerGroup != "" {
			if id, ok := groups[fl.CustomerGroup]; ok {
				it.refs.group = id
			} else {
				fail(domain.FieldCustomerGroup, "group.unknown", "there is no customer group {{.Value}}", map[string]any{"Value": fl.CustomerGroup})
				bad = true
			}
		}
		if bad || fl.Validate() != nil || (it.refs.account == nil) == (it.refs.group == nil) {
			continue // the reader reported what Validate finds
		}
		acct, _ := it.refs.account.(int64)
		grp, _ := it.refs.group.(int64)
		old, ok := stored[storedKey{it.refs.product, acct, grp, fl.MinQty, fl.ValidFrom}]
		switch {
		case !ok:
			it.action = priceCreate
		default:
			it.old = old
			sameTerms := old.HasPrice == fl.HasPrice && old.Price == fl.Price && old.HasDiscount == fl.HasDiscount && old.Discount == fl.Discount
			yesterday := today.AddDays(-1)
			future := func(d domain.Date) bool { return d.IsZero() || !d.Before(yesterday) }
			switch {
			case sameTerms && old.ValidTo == fl.ValidTo:
				it.action = priceUnchanged
			case !old.ValidFrom.IsZero() && today.Before(old.ValidFrom):
				it.action = priceReplace
			case sameTerms && future(old.ValidTo) && future(fl.ValidTo):
				it.action = priceSetEnd
			case sameTerms:
				fail(domain.FieldValidTo, "price.end_in_past",
					"agreement #{{.ID}} ended or would end before yesterday; the past stays as it was", map[string]any{"ID": old.ID})
				continue
			default:
				fail(domain.FieldValidFrom, "price.in_effect",
					"agreement #{{.ID}} has been in effect since {{.From}}, so its terms stay as they were; give the new terms a later valid_from",
					map[string]any{"ID": old.ID, "From": startText(old.ValidFrom)})
				continue
			}
		}
		p.items = append(p.items, it)
	}
	return p, nil
}

func startText(d domain.Date) string {
	if d.IsZero() {
		return "the start"
	}
	return d.String()
}

// apply writes the plan. New agreements go in ordered by product, customer,
// tier and start, so that each ends the one it follows, whether that one is
// stored or earlier in the file.
func (p *pricePlan) apply(ctx context.Context, tx *sql.Tx, by string, now time.Time) (ImportSummary, error) {
	var sum ImportSummary
	at := moment(now)
	insert, err := tx.PrepareContext(ctx, insertAgreementSQL)
	if err != nil {
		return sum, err
	}
	defer insert.Close()
	// The predecessors of a new agreement: same product, customer and tier,
	// started earlier, still running on its first day. One statement per kind of
	// customer, so each seeks price_agreements_by_account or _by_group.
	const endSet = `UPDATE price_agreements SET ends_on = date(?4, '-1 day'), ended_by = ?5, ended_at = ?6, replaced_by = ?7 WHERE `
	const endWhere = ` AND product_id = ?2 AND min_qty_e3 = ?3 AND id <> ?7 AND coalesce(starts_on, '') < ?4 AND (ends_on IS NULL OR ends_on >= ?4)`
	endAccount, err := tx.PrepareContext(ctx, endSet+`account_id = ?1`+endWhere)
	if err != nil {
		return sum, err
	}
	defer endAccount.Close()
	endGroup, err := tx.PrepareContext(ctx, endSet+`group_id = ?1`+endWhere)
	if err != nil {
		return sum, err
	}
	defer endGroup.Close()
	items := append([]*priceItem(nil), p.items...)
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.refs.product != b.refs.product {
			return a.refs.product < b.refs.product
		}
		if ka, kb := targetKey(a.refs), targetKey(b.refs); ka != kb {
			return ka < kb
		}
		if a.rec.Fields.MinQty != b.rec.Fields.MinQty {
			return a.rec.Fields.MinQty < b.rec.Fields.MinQty
		}
		return a.rec.Fields.ValidFrom.String() < b.rec.Fields.ValidFrom.String()
	})
	for _, it := range items {
		fl := &it.rec.Fields
		switch it.action {
		case priceUnchanged:
			sum.Unchanged++
			continue
		case priceSetEnd:
			if _, err := tx.ExecContext(ctx, `UPDATE price_agreements SET ends_on = ?, ended_by = ?, ended_at = ? WHERE id = ?`,
				nullDate(fl.ValidTo), by, at, int64(it.old.ID)); err != nil {
				return sum, err
			}
			sum.Updated++
			continue
		case priceReplace:
			if _, err := tx.ExecContext(ctx, `DELETE FROM price_agreements WHERE id = ?`, int64(it.old.ID)); err != nil {
				return sum, err
			}
			sum.Updated++
		default:
			sum.Created++
		}
		res, err := insert.ExecContext(ctx, agreementInsertArgs(fl, it.refs, by, at)...)
		if err != nil {
			return sum, err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return sum, err
		}
		if fl.ValidFrom.IsZero() {
			continue // an open start follows nothing
		}
		end, target := endAccount, it.refs.account
		if target == nil {
			end, target = endGroup, it.refs.group
		}
		ended, err := end.ExecContext(ctx, target, it.refs.product, int64(fl.MinQty), fl.ValidFrom.String(), by, at, id)
		if err != nil {
			return sum, err
		}
		n, _ := ended.RowsAffected()
		sum.Updated += int(n)
	}
	return sum, nil
}

func targetKey(r agreementRefs) string {
	if a, ok := r.account.(int64); ok {
		return "a" + itoa(int(a))
	}
	g, _ := r.group.(int64)
	return "g" + itoa(int(g))
}

// ExportPrices calls fn for every agreement, ended ones too (the file is the
// price history), by SKU, customer, min_qty and valid_from, from one snapshot.
func (t *Transfer) ExportPrices(ctx context.Context, fn func(*domain.Agreement) error) error {
	return t.db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+agreementColumns+agreementFrom+
			`ORDER BY p.sku, a.code IS NULL, coalesce(a.code, g.name), pa.min_qty_e3, coalesce(pa.starts_on, ''), pa.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAgreement(rows)
			if err != nil {
				return err
			}
			if err := fn(a); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}
