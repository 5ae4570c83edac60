package store

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"kontor/domain"
)

// creditCheck computes an account's exposure if order (gross thisOrder) were
// confirmed on today, from the open amounts the last allocation stored: the
// limit (0: none), balance = open invoices − credit on account, the gross of
// the account's other confirmed orders, and how late its oldest open invoice is.
func creditCheck(ctx context.Context, q queryer, account domain.AccountID, order domain.OrderID, thisOrder domain.Amount,
	today domain.Date) (*domain.CreditCheck, error) {
	c := &domain.CreditCheck{ThisOrder: thisOrder}
	var oldest domain.Date
	lateBefore := today.AddDays(-domain.OverdueHoldDays).String()
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT credit_limit_minor FROM accounts WHERE id = ?1),
		(SELECT coalesce(sum(open_minor), 0) FROM invoices INDEXED BY invoices_open WHERE account_id = ?1 AND open_minor <> 0)
			- (SELECT coalesce(sum(unapplied_minor), 0) FROM payments INDEXED BY payments_unapplied WHERE account_id = ?1 AND unapplied_minor <> 0),
		(SELECT coalesce(sum(gross_minor), 0) FROM orders INDEXED BY orders_by_account WHERE account_id = ?1 AND status = 'confirmed' AND id <> ?2),
		(SELECT coalesce(min(due_on), '') FROM invoices INDEXED BY invoices_open WHERE account_id = ?1 AND open_minor <> 0 AND kind = 'invoice'),
		(SELECT coalesce(sum(open_minor), 0) FROM invoices INDEXED BY invoices_open
			WHERE account_id = ?1 AND open_minor <> 0 AND kind = 'invoice' AND due_on < ?3)`,
		int64(account), int64(order), lateBefore).Scan(&c.Limit, &c.Balance, &c.Undelivered, onDate(&oldest), &c.LateAmount)
	if err != nil {
		return nil, err
	}
	if !oldest.IsZero() {
		c.OldestLate = max(0, today.DaysSince(oldest))
	}
	return c, nil
}

// checkCreditOnConfirm runs the credit control of an order being confirmed:
// with a warning, the change must carry an override reason, which is recorded
// on the order with who gave it and when.
func checkCreditOnConfirm(ctx context.Context, q queryer, o *domain.Order, c domain.OrderStatusChange, now time.Time) error {
	check, err := creditCheck(ctx, q, o.AccountID, o.ID, o.Totals().Gross, domain.DateOf(now))
	if err != nil {
		return err
	}
	if len(check.Warnings()) == 0 {
		return nil
	}
	reason := strings.TrimSpace(c.CreditOverride)
	if reason == "" {
		return domain.ErrCreditOverride(check)
	}
	if utf8.RuneCountInString(reason) > 500 || utf8.RuneCountInString(c.OverrideBy) > 100 {
		return &domain.Error{Code: domain.EInvalid, Key: "order.invalid", Msg: "the order is not valid",
			Fields: []domain.FieldError{{Field: domain.FieldCreditOverride, Key: "field.too_long", Msg: "at most {{.Max}} characters",
				Args: map[string]any{"Max": 500}}}}
	}
	_, err = q.ExecContext(ctx, `UPDATE orders SET credit_override = ?, credit_override_by = ?, credit_override_at = ? WHERE id = ?`,
		reason, strings.TrimSpace(c.OverrideBy), moment(now), int64(o.ID))
	return err
}
