package domain

import (
	"reflect"
	"strings"
	"testing"
)

func TestCreditCheckWarnings(t *testing.T) {
	for _, c := range []struct {
		name string
		c    CreditCheck
		want []string
	}{
		{"no limit, nothing late", CreditCheck{Balance: amt("1000000"), ThisOrder: amt("5000")}, nil},
		{"exactly at the limit", CreditCheck{Limit: amt("1000"), Balance: amt("600"), Undelivered: amt("300"), ThisOrder: amt("100")}, nil},
		{"a grosz over", CreditCheck{Limit: amt("1000"), Balance: amt("600"), Undelivered: amt("300"), ThisOrder: amt("100.01")},
			[]string{CreditOverLimit}},
		{"credit on account makes room", CreditCheck{Limit: amt("1000"), Balance: -amt("500"), ThisOrder: amt("1500")}, nil},
		{"30 days late is tolerated", CreditCheck{OldestLate: 30, LateAmount: 0}, nil},
		{"31 days late", CreditCheck{OldestLate: 31, LateAmount: amt("10")}, []string{CreditOverdue}},
		{"both, in a fixed order", CreditCheck{Limit: 1, Balance: 5, OldestLate: 120}, []string{CreditOverLimit, CreditOverdue}},
	} {
		if got := c.c.Warnings(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: warnings %v, want %v (exposure %s)", c.name, got, c.want, c.c.Exposure())
		}
	}
	c := CreditCheck{Limit: amt("1000"), Balance: amt("600"), Undelivered: amt("300"), ThisOrder: amt("100.01"), OldestLate: 45}
	if c.Exposure() != amt("1000.01") {
		t.Errorf("exposure = %s", c.Exposure())
	}
	err := ErrCreditOverride(&c)
	e, ok := AsError(err)
	if !ok || e.Code != EInvalid || fieldKey(err, FieldCreditOverride) != "credit.override_reason_required" {
		t.Fatalf("ErrCreditOverride = %v", err)
	}
	if msg := e.Error(); !strings.Contains(msg, "exposure 1000.01 against a limit of 1000.00, oldest invoice 45 days overdue") ||
		!reflect.DeepEqual(e.Args["Warnings"], []string{CreditOverLimit, CreditOverdue}) {
		t.Errorf("message %q, args %v", msg, e.Args)
	}
}
