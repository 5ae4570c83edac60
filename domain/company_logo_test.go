package domain_test

import (
	"testing"

	"kontor/domain"
)

func TestCompanyLogo(t *testing.T) {
	c := domain.CompanySettings{Name: "Hurtownia Żółw"}
	if err := c.Set(domain.FieldLogo, "  /home/ola/Logo Żółw.PNG "); err != nil {
		t.Fatal(err)
	}
	if c.Get(domain.FieldLogo) != "/home/ola/Logo Żółw.PNG" {
		t.Fatalf("logo = %q", c.Logo)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("a .PNG logo: %v", err)
	}
	for _, bad := range []string{"/home/ola/logo.svg", "logo", "/tmp/logo.png.txt"} {
		c.Logo = bad
		if got := fieldKeys(t, c.Validate()); got[domain.FieldLogo] != "logo.format" {
			t.Errorf("logo %q: %v", bad, got)
		}
	}
	// A logo alone still needs the seller's name.
	if got := fieldKeys(t, (&domain.CompanySettings{Logo: "a.jpg"}).Validate()); got[domain.FieldName] != "field.required" {
		t.Errorf("logo without a name: %v", got)
	}
}
