package store

import (
	"context"
	"database/sql"

	"kontor/domain"
)

// demoCompany is the seller the demo data is kept by: its letterhead heads the
// demo's price sheets and statements.
var demoCompany = domain.CompanySettings{
	Name: "Hurtownia Spożywcza „Złoty Łan” Sp. z o.o.", Street: "ul. Źródłowa 12", PostalCode: "90-001", City: "Łódź",
	Country: "PL", TaxID: "5260001246", BankName: "Bank Żółty S.A.", BankAccount: "PL61109010140000071219812874",
	Phone: "+48 42 630 12 00", Email: "biuro@zlotylan.example.pl",
}

func genCompany(ctx context.Context, g *demo, tx *sql.Tx, tick func(int)) error {
	c := demoCompany
	if err := c.Validate(); err != nil {
		return err
	}
	for _, f := range domain.CompanyFieldOrder {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, companyKeyPrefix+f, c.Get(f)); err != nil {
			return err
		}
	}
	tick(1)
	return nil
}
