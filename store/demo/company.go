package demo

import (
	"kontor/domain"
	"kontor/store"
)

// demoCompany is the seller the demo data is kept by: its letterhead heads the
// demo's price sheets and statements.
var demoCompany = domain.CompanySettings{
	Name: "Hurtownia Spożywcza „Złoty Łan” Sp. z o.o.", Street: "ul. Źródłowa 12", PostalCode: "90-001", City: "Łódź",
	Country: "PL", TaxID: "5260001246", BankName: "Bank Żółty S.A.", BankAccount: "PL61109010140000071219812874",
	Phone: "+48 42 630 12 00", Email: "biuro@zlotylan.example.pl",
}

func genCompany(g *demo, b *store.Bulk, tick func(int)) error {
	if err := b.SaveCompany(demoCompany); err != nil {
		return err
	}
	tick(1)
	return nil
}
