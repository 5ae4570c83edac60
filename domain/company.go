package domain

import (
	"context"
	"strings"
	"time"
)

// CompanySettings are the seller's own details, printed as the letterhead of
// price sheets, statements and invoices. They live in the database (not in the
// desktop's preferences) so that kontorctl prints the same letterhead headless.
type CompanySettings struct {
	Name        string // name
	Street      string // street
	PostalCode  string // postal_code
	City        string // city
	Country     string // country, default PL
	TaxID       string // tax_id: a Polish NIP is stored as 10 digits
	BankName    string // bank_name
	BankAccount string // bank_account: an IBAN; a Polish one (NRB) may be written without "PL"
	Phone       string // phone
	Email       string // email
	// Logo is the path of a PNG or JPEG image printed at the top of the
	// letterhead; blank for none. A path (not the image itself) is the
	// smallest way to carry it; the printing side reads the file.
	Logo string // logo
	// Remittance is printed under a statement: how and where to pay.
	Remittance string // remittance
	// TimeZone is the company's time zone (IANA, "Europe/Warsaw"; blank is
	// DefaultTimeZone): the zone of a time in a file that carries no UTC
	// offset, and the zone files are written in, whatever the machine's.
	TimeZone string // time_zone
}

// DefaultTimeZone is the company's zone until Settings say otherwise.
const DefaultTimeZone = "Europe/Warsaw"

// FieldTimeZone names the company's time zone.
const FieldTimeZone = "time_zone"

// Location is the company's time zone; DefaultTimeZone when blank (or, on a
// system without the zone database, UTC).
func (c *CompanySettings) Location() *time.Location {
	name := c.TimeZone
	if name == "" {
		name = DefaultTimeZone
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return time.UTC
}

// Company settings field names not shared with accounts.
const (
	FieldBankName    = "bank_name"
	FieldBankAccount = "bank_account"
	FieldLogo        = "logo"
	FieldRemittance  = "remittance"
)

// CompanyFieldOrder is the order of the settings in forms.
var CompanyFieldOrder = []string{FieldName, FieldStreet, FieldPostalCode, FieldCity, FieldCountry, FieldTaxID,
	FieldBankName, FieldBankAccount, FieldPhone, FieldEmail, FieldLogo, FieldRemittance, FieldTimeZone}

// Set stores value into the named field (trimmed).
func (c *CompanySettings) Set(field, value string) error {
	v := strings.TrimSpace(value)
	switch field {
	case FieldName:
		c.Name = v
	case FieldStreet:
		c.Street = v
	case FieldPostalCode:
		c.PostalCode = v
	case FieldCity:
		c.City = v
	case FieldCountry:
		c.Country = strings.ToUpper(v)
	case FieldTaxID:
		c.TaxID = v
	case FieldBankName:
		c.BankName = v
	case FieldBankAccount:
		c.BankAccount = v
	case FieldPhone:
		c.Phone = v
	case FieldEmail:
		c.Email = v
	case FieldLogo:
		c.Logo = v
	case FieldRemittance:
		c.Remittance = v
	case FieldTimeZone:
		c.TimeZone = v
	default:
		return Errorf(EInvalid, "field.unknown", "unknown field {{.Field}}", map[string]any{"Field": field})
	}
	return nil
}

// Get returns the named field.
func (c *CompanySettings) Get(field string) string {
	switch field {
	case FieldName:
		return c.Name
	case FieldStreet:
		return c.Street
	case FieldPostalCode:
		return c.PostalCode
	case FieldCity:
		return c.City
	case FieldCountry:
		return c.Country
	case FieldTaxID:
		return c.TaxID
	case FieldBankName:
		return c.BankName
	case FieldBankAccount:
		return c.BankAccount
	case FieldPhone:
		return c.Phone
	case FieldEmail:
		return c.Email
	case FieldLogo:
		return c.Logo
	case FieldRemittance:
		return c.Remittance
	case FieldTimeZone:
		return c.TimeZone
	}
	return ""
}

// Validate normalises the settings (NIP to 10 digits, postal code to NN-NNN,
// IBAN to upper case without spaces) and checks them. Every field may be blank
// except that a letterhead needs a name once anything else is given.
func (c *CompanySettings) Validate() error {
	var fe fieldErrors
	if c.Country == "" {
		c.Country = "PL"
	}
	if !ValidCountry(c.Country) {
		fe.add(FieldCountry, "country.invalid", "{{.Value}} is not an ISO country code (PL, DE, …)", map[string]any{"Value": c.Country})
	}
	if c.Name == "" && *c != (CompanySettings{Country: c.Country, TimeZone: c.TimeZone}) {
		fe.add(FieldName, "field.required", "required", nil)
	}
	for _, f := range CompanyFieldOrder {
		max := 200
		if f == FieldLogo || f == FieldRemittance {
			max = 1000 // a path; a paragraph
		}
		fe.freeText(f, c.Get(f), max)
	}
	if c.Logo != "" && !LogoFile(c.Logo) {
		fe.add(FieldLogo, "logo.format", "{{.Value}} is not a PNG or JPEG image (.png, .jpg, .jpeg)", map[string]any{"Value": c.Logo})
	}
	if c.TaxID != "" && (c.Country == "PL" || strings.HasPrefix(strings.ToUpper(c.TaxID), "PL")) {
		if nip, err := NormalizeNIP(c.TaxID); err != nil {
			fe.addErr(FieldTaxID, err)
		} else {
			c.TaxID = nip
		}
	}
	if pc, err := NormalizePostalCode(c.Country, c.PostalCode); err != nil {
		fe.addErr(FieldPostalCode, err)
	} else {
		c.PostalCode = pc
	}
	if c.BankAccount != "" {
		if iban, err := NormalizeIBAN(c.BankAccount); err != nil {
			fe.addErr(FieldBankAccount, err)
		} else {
			c.BankAccount = iban
		}
	}
	if c.Email != "" && !ValidEmail(c.Email) {
		fe.add(FieldEmail, "email.invalid", "{{.Value}} is not an e-mail address", map[string]any{"Value": c.Email})
	}
	if c.TimeZone != "" {
		if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "Local" {
			fe.add(FieldTimeZone, "timezone.invalid", "{{.Value}} is not a time zone: write its name, e.g. Europe/Warsaw", map[string]any{"Value": c.TimeZone})
		}
	}
	sortFields(fe, CompanyFieldOrder)
	return fe.err("company.invalid", "the company details are not valid")
}

// LogoFile reports whether path names an image a letterhead can print (by its extension).
func LogoFile(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".png") || strings.HasSuffix(p, ".jpg") || strings.HasSuffix(p, ".jpeg")
}

// NormalizeIBAN removes spaces and dashes, upper-cases, adds "PL" to 26 bare
// digits (a Polish NRB) and checks the IBAN's mod-97 check digits.
func NormalizeIBAN(s string) (string, error) {
	t := strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(s))
	if len(t) == 26 && allDigits(t) {
		t = "PL" + t
	}
	bad := Errorf(EInvalid, "iban.invalid", "{{.Value}} is not a bank account number (IBAN)", map[string]any{"Value": s})
	if len(t) < 15 || len(t) > 34 || t[0] < 'A' || t[0] > 'Z' || t[1] < 'A' || t[1] > 'Z' || !allDigits(t[2:4]) {
		return "", bad
	}
	rem := 0
	for _, r := range t[4:] + t[:4] {
		switch {
		case r >= '0' && r <= '9':
			rem = (rem*10 + int(r-'0')) % 97
		case r >= 'A' && r <= 'Z':
			rem = (rem*100 + int(r-'A'+10)) % 97
		default:
			return "", bad
		}
	}
	if rem != 1 {
		return "", Errorf(EInvalid, "iban.checksum", "{{.Value}} is not a valid bank account number: the check digits do not match", map[string]any{"Value": s})
	}
	if t[:2] == "PL" && len(t) != 28 {
		return "", bad
	}
	return t, nil
}

// FormatIBAN groups an IBAN in fours for print: "PL61 1090 1014 0000 0712 1981 2874".
func FormatIBAN(iban string) string {
	var b strings.Builder
	for i, r := range iban {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CompanyService reads and saves the seller's details.
type CompanyService interface {
	// FindCompany returns the saved settings; never saved, they are blank (country PL).
	FindCompany(ctx context.Context) (*CompanySettings, error)
	// SaveCompany validates and saves the settings and returns them normalised.
	SaveCompany(ctx context.Context, c CompanySettings) (*CompanySettings, error)
}
