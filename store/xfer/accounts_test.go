package xfer

import (
	"strings"
	"testing"

	"kontor/domain"
)

func TestReadAccounts(t *testing.T) {
	src := "Code;Name;tax_id;credit_limit;payment_terms;parent_code\n" +
		"K1;Łódź Hurt;PL 526-000-12-46;\"12 345,67\";30 eom;\n" +
		"K2;Branch;;;;k1\n" +
		"k1;Again;;;;\n" +
		"K3;Bad;;abc;soon;\n"
	f, err := ReadAccounts("a.csv", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Columns, ","); got != "code,name,tax_id,payment_terms,credit_limit,parent_code" {
		t.Errorf("columns = %s", got)
	}
	if len(f.Records) != 3 || f.Records[0].Fields.CreditLimit != 1234567 || !f.Records[0].Fields.PaymentTerms.EOM ||
		f.Records[1].Fields.ParentCode != "k1" || f.Records[2].Fields.Code != "K3" {
		t.Errorf("records = %+v", f.Records)
	}
	want := "a.csv:4: code: k1 is already on line 2; an account may appear once in a file\n" +
		"a.csv:5: payment_terms: soon is not payment terms: write \"net N\" or \"N EOM\" with N from 0 to 365\n" +
		"a.csv:5: credit_limit: abc is not a number"
	if got := f.Errs.Error(); got != want {
		t.Errorf("errors =\n%s\nwant\n%s", got, want)
	}
	// Apply copies only the file's columns: an update keeps the rest.
	base := domain.NewAccountFields()
	base.City, base.CreditLimit = "Kraków", 5
	f.Apply(&base, &f.Records[1])
	if base.City != "Kraków" || base.Name != "Branch" || base.CreditLimit != 0 || base.ParentCode != "k1" {
		t.Errorf("applied = %+v", base)
	}
}

func TestReadContactsKeys(t *testing.T) {
	src := "account_code,first_name,last_name,email\n" +
		"K1,Łukasz,Żak,\n" +
		"k1,lukasz,ZAK,\n" + // the same person by folded name
		"K1,Jan,Kowalski,JAN@x.pl\n" +
		"K1,Janek,Kowalski,jan@X.pl\n" + // the same person by e-mail
		"K2,Łukasz,Żak,\n" + // another account: another person
		",Anna,,\n"
	f, err := ReadContacts("c.csv", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Records) != 4 {
		t.Errorf("records = %+v", f.Records)
	}
	want := "c.csv:3: last_name: Łukasz Żak at k1 is already on line 2" // (the later row's own spelling is reported)
	got := f.Errs.Error()
	if !strings.Contains(got, "c.csv:3: last_name: lukasz ZAK at k1 is already on line 2") ||
		!strings.Contains(got, "c.csv:5: email: jan@X.pl at K1 is already on line 4") ||
		!strings.Contains(got, "c.csv:7: account_code: a value is required") ||
		!strings.Contains(got, "c.csv:7: last_name: a value is required") {
		t.Errorf("errors =\n%s\n(want lines like %q)", got, want)
	}
}
