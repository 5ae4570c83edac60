package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/ui/receivables"
)

// TestExportReceivables writes the list as CSV in the machine form, a
// formula-like name neutralised, and refuses an unknown format leaving no file.
func TestExportReceivables(t *testing.T) {
	rows := []domain.ReceivableRow{
		{Code: "K1", Name: "Hurtownia Łódź", Owner: "Anna", CreditLimit: 100000, OldestDue: domain.NewDate(2026, 10, 15),
			Aging: domain.Aging{D31_60: 24600, Credit: 1000}},
		{Code: "K2", Name: "=SUM(A1)", Aging: domain.Aging{Current: 12345}},
	}
	path := filepath.Join(t.TempDir(), "r.csv")
	if err := exportReceivables(context.Background(), rows, receivables.FormatCSV, path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "account_code,name,owner,customer_group,current,d1_30,d31_60,d61_90,over_90,credit,balance,credit_limit,oldest_due\n" +
		"K1,Hurtownia Łódź,Anna,,0.00,0.00,246.00,0.00,0.00,10.00,236.00,1000.00,2026-10-15\n"
	if got := string(data); !strings.HasPrefix(got, want) || !strings.Contains(got, "K2,'=SUM(A1)") {
		t.Errorf("csv:\n%s", got)
	}
	bad := filepath.Join(t.TempDir(), "r.ods")
	if err := exportReceivables(context.Background(), rows, receivables.Format("ods"), bad); err == nil {
		t.Error("an unknown format was written")
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Error("a failed export left a file")
	}
	if err := exportReceivables(context.Background(), rows, receivables.FormatXLSX, filepath.Join(t.TempDir(), "r.xlsx")); err != nil {
		t.Error(err)
	}
}
