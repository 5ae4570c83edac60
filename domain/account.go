package domain

import (
	"context"
	"strings"
	"time"
)

// AccountID identifies an account.
type AccountID int64

// AccountFields are the fields a user edits; field names in comments are the
// stable names used by forms, errors and CSV columns.
type AccountFields struct {
	Code          string       // code
	Name          string       // name
	TaxID         string       // tax_id: 10 digits for a Polish NIP, as written otherwise
	Street        string       // street
	PostalCode    string       // postal_code
	City          string       // city
	Country       string       // country: ISO 3166 alpha-2
	ShipStreet    string       // ship_street: the shipping address, blank when it is the billing one
	ShipPostal    string       // ship_postal_code
	ShipCity      string       // ship_city
	ShipCountry   string       // ship_country
	Phone         string       // phone
	Email         string       // email
	Currency      string       // currency: ISO 4217
	PaymentTerms  PaymentTerms // payment_terms
	CreditLimit   Amount       // credit_limit, in the account's currency
	CustomerGroup string       // customer_group
	ParentCode    string       // parent_code: the head office, blank for none
	Owner         string       // owner: the sales rep
	Notes         string       // notes
}

// Account is a customer company.
type Account struct {
	ID AccountID
	AccountFields
	ParentID   AccountID // 0 when there is no head office
	ParentName string
	Archived   bool
	// LastContact is the local date of the latest call, meeting or e-mail; zero when none.
	LastContact Date
	Version     int64 // bumped by every save; an update naming an older one is a conflict
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// NewAccountFields returns the defaults of a new account.
func NewAccountFields() AccountFields {
	return AccountFields{Country: "PL", Currency: "PLN", PaymentTerms: DefaultPaymentTerms}
}

// Account field names.
const (
	FieldCode          = "code"
	FieldName          = "name"
	FieldTaxID         = "tax_id"
	FieldStreet        = "street"
	FieldPostalCode    = "postal_code"
	FieldCity          = "city"
	FieldCountry       = "country"
	FieldShipStreet    = "ship_street"
	FieldShipPostal    = "ship_postal_code"
	FieldShipCity      = "ship_city"
	FieldShipCountry   = "ship_country"
	FieldPhone         = "phone"
	FieldEmail         = "email"
	FieldCurrency      = "currency"
	FieldPaymentTerms  = "payment_terms"
	FieldCreditLimit   = "credit_limit"
	FieldCustomerGroup = "customer_group"
	FieldParentCode    = "parent_code"
	FieldOwner         = "owner"
	FieldNotes         = "notes"
)

// Set parses value into the named field. Text fields are trimmed; typed fields
// (payment terms, credit limit) report a parse error here. Cross-field rules
// (NIP for PL, postal codes) are checked by Validate.
func (f *AccountFields) Set(field, value string) error {
	v := strings.TrimSpace(value)
	switch field {
	case FieldCode:
		f.Code = v
	case FieldName:
		f.Name = v
	case FieldTaxID:
		f.TaxID = v
	case FieldStreet:
		f.Street = v
	case FieldPostalCode:
		f.PostalCode = v
	case FieldCity:
		f.City = v
	case FieldCountry:
		f.Country = strings.ToUpper(v)
		if f.Country == "" {
			f.Country = "PL"
		}
	case FieldShipStreet:
		f.ShipStreet = v
	case FieldShipPostal:
		f.ShipPostal = v
	case FieldShipCity:
		f.ShipCity = v
	case FieldShipCountry:
		f.ShipCountry = strings.ToUpper(v)
	case FieldPhone:
		f.Phone = v
	case FieldEmail:
		f.Email = v
	case FieldCurrency:
		f.Currency = strings.ToUpper(v)
		if f.Currency == "" {
			f.Currency = "PLN"
		}
	case FieldPaymentTerms:
		t, err := ParsePaymentTerms(v)
		if err != nil {
			return err
		}
		f.PaymentTerms = t
	case FieldCreditLimit:
		if v == "" {
			f.CreditLimit = 0
			return nil
		}
		a, err := ParseAmount(v)
		if err != nil {
			return err
		}
		f.CreditLimit = a
	case FieldCustomerGroup:
		f.CustomerGroup = v
	case FieldParentCode:
		f.ParentCode = v
	case FieldOwner:
		f.Owner = v
	case FieldNotes:
		f.Notes = strings.TrimSpace(strings.ReplaceAll(value, "\r\n", "\n"))
	default:
		return Errorf(EInvalid, "field.unknown", "unknown field {{.Field}}", map[string]any{"Field": field})
	}
	return nil
}

// Get returns the named field as text, in the form Set reads back.
func (f *AccountFields) Get(field string) string {
	switch field {
	case FieldCode:
		return f.Code
	case FieldName:
		return f.Name
	case FieldTaxID:
		return f.TaxID
	case FieldStreet:
		return f.Street
	case FieldPostalCode:
		return f.PostalCode
	case FieldCity:
		return f.City
	case FieldCountry:
		return f.Country
	case FieldShipStreet:
		return f.ShipStreet
	case FieldShipPostal:
		return f.ShipPostal
	case FieldShipCity:
		return f.ShipCity
	case FieldShipCountry:
		return f.ShipCountry
	case FieldPhone:
		return f.Phone
	case FieldEmail:
		return f.Email
	case FieldCurrency:
		return f.Currency
	case FieldPaymentTerms:
		return f.PaymentTerms.String()
	case FieldCreditLimit:
		return f.CreditLimit.String()
	case FieldCustomerGroup:
		return f.CustomerGroup
	case FieldParentCode:
		return f.ParentCode
	case FieldOwner:
		return f.Owner
	case FieldNotes:
		return f.Notes
	}
	return ""
}

// Validate normalises the fields (NIP to 10 digits, postal code to NN-NNN) and
// checks every rule that needs no database. It returns an EInvalid *Error listing
// every field at fault, or nil.
func (f *AccountFields) Validate() error {
	var fe fieldErrors
	required := func(field, v string) bool {
		if v == "" {
			fe.add(field, "field.required", "required", nil)
			return false
		}
		return true
	}
	if required(FieldCode, f.Code) {
		fe.notLongerThan(FieldCode, f.Code, 32)
		if !validCode(f.Code) {
			fe.add(FieldCode, "code.chars", "a code uses only letters A–Z, digits and . _ / - (no spaces or Polish letters)", nil)
		}
	}
	if required(FieldName, f.Name) {
		fe.freeText(FieldName, f.Name, 200)
	}
	if !ValidCountry(f.Country) {
		fe.add(FieldCountry, "country.invalid", "{{.Value}} is not an ISO country code (PL, DE, …)", map[string]any{"Value": f.Country})
	}
	if f.TaxID != "" {
		if f.Country == "PL" || strings.HasPrefix(strings.ToUpper(f.TaxID), "PL") {
			if nip, err := NormalizeNIP(f.TaxID); err != nil {
				fe.addErr(FieldTaxID, err)
			} else {
				f.TaxID = nip
			}
		}
		fe.freeText(FieldTaxID, f.TaxID, 32)
	}
	if pc, err := NormalizePostalCode(f.Country, f.PostalCode); err != nil {
		fe.addErr(FieldPostalCode, err)
	} else {
		f.PostalCode = pc
	}
	if f.ShipCountry != "" && !ValidCountry(f.ShipCountry) {
		fe.add(FieldShipCountry, "country.invalid", "{{.Value}} is not an ISO country code (PL, DE, …)", map[string]any{"Value": f.ShipCountry})
	}
	shipCountry := f.ShipCountry
	if shipCountry == "" {
		shipCountry = f.Country
	}
	if pc, err := NormalizePostalCode(shipCountry, f.ShipPostal); err != nil {
		fe.addErr(FieldShipPostal, err)
	} else {
		f.ShipPostal = pc
	}
	for field, v := range map[string]string{FieldStreet: f.Street, FieldCity: f.City, FieldShipStreet: f.ShipStreet,
		FieldShipCity: f.ShipCity, FieldPhone: f.Phone, FieldCustomerGroup: f.CustomerGroup, FieldOwner: f.Owner} {
		fe.freeText(field, v, 200)
	}
	if f.Email != "" && !ValidEmail(f.Email) {
		fe.add(FieldEmail, "email.invalid", "{{.Value}} is not an e-mail address", map[string]any{"Value": f.Email})
	}
	if !ValidCurrency(f.Currency) {
		fe.add(FieldCurrency, "currency.invalid", "{{.Value}} is not a currency code (PLN, EUR, …)", map[string]any{"Value": f.Currency})
	}
	if f.CreditLimit < 0 {
		fe.add(FieldCreditLimit, "credit_limit.negative", "the credit limit cannot be negative", nil)
	}
	if f.PaymentTerms.Days < 0 || f.PaymentTerms.Days > MaxPaymentDays {
		fe.add(FieldPaymentTerms, "terms.invalid", "{{.Value}} is not payment terms: write \"net N\" or \"N EOM\" with N from 0 to 365",
			map[string]any{"Value": f.PaymentTerms.String()})
	}
	if f.ParentCode != "" && strings.EqualFold(f.ParentCode, f.Code) {
		fe.add(FieldParentCode, "parent.self", "an account cannot be its own head office", nil)
	}
	fe.freeText(FieldNotes, f.Notes, 20000)
	sortFieldErrors(fe)
	return fe.err("account.invalid", "the account is not valid")
}

// validCode keeps codes to ASCII letters, digits and . _ / -: SQLite compares
// them case-insensitively (COLLATE NOCASE) only for ASCII, and a code must be
// typed the same way in every spreadsheet, terminal and search box.
func validCode(code string) bool {
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("._/-", r)) {
			return false
		}
	}
	return true
}

// CodeKey is the form in which codes are matched: account codes, and SKUs and
// document numbers, which are written in the same characters (validCode).
// ASCII case is folded, as the database's NOCASE unique indexes compare them,
// so "kowal-01" names the account KOWAL-01 wherever a code is typed or imported.
func CodeKey(code string) string {
	b := []byte(code)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// AccountFieldOrder is the order fields appear in forms and CSV files.
var AccountFieldOrder = []string{FieldCode, FieldName, FieldTaxID, FieldStreet, FieldPostalCode, FieldCity,
	FieldCountry, FieldShipStreet, FieldShipPostal, FieldShipCity, FieldShipCountry, FieldPhone, FieldEmail,
	FieldCurrency, FieldPaymentTerms, FieldCreditLimit, FieldCustomerGroup, FieldParentCode, FieldOwner, FieldNotes}

func sortFieldErrors(fe fieldErrors) {
	rank := func(f string) int {
		for i, n := range AccountFieldOrder {
			if n == f {
				return i
			}
		}
		return len(AccountFieldOrder)
	}
	for i := 1; i < len(fe); i++ {
		for j := i; j > 0 && rank(fe[j].Field) < rank(fe[j-1].Field); j-- {
			fe[j], fe[j-1] = fe[j-1], fe[j]
		}
	}
}

// AccountUpdate replaces an account's fields. Version is the version the editor
// loaded; saving over a newer one is an EConflict. Zero skips the check (imports).
type AccountUpdate struct {
	AccountFields
	Version int64
}

// AccountFilter narrows FindAccounts. Results are in Polish alphabetical order of
// name unless Sort says otherwise.
type AccountFilter struct {
	ParentID        AccountID // only branches of this head office
	IncludeArchived bool
	Sort            AccountSort
	Offset, Limit   int // Limit 0: all
}

// AccountSort orders a list of accounts.
type AccountSort string

// Account orders. Ties in last contact are in name order.
const (
	SortByName              AccountSort = ""                 // Polish alphabetical order of name
	SortByLastContact       AccountSort = "last_contact"     // most recently contacted first, never contacted last
	SortByLastContactOldest AccountSort = "last_contact_asc" // never contacted first, then oldest contact first
)

// HitKind says what a search hit matched.
type HitKind string

// Search hit kinds.
const (
	HitAccount HitKind = "account"
	HitContact HitKind = "contact"
)

// SearchQuery is what the search box sends.
type SearchQuery struct {
	Text            string
	Limit           int // 0: DefaultSearchLimit
	IncludeArchived bool
}

// DefaultSearchLimit is how many hits the search box shows.
const DefaultSearchLimit = 50

// AccountRow is one line of the accounts list: an account, or, for a contact hit,
// the account with the contact that matched.
type AccountRow struct {
	Kind          HitKind
	AccountID     AccountID
	ContactID     ContactID
	Code          string
	Name          string
	City          string
	TaxID         string
	CustomerGroup string
	Owner         string
	ContactName   string
	Archived      bool
	LastContact   Date // local date of the latest call, meeting or e-mail; zero when none
}

// AccountService stores accounts.
type AccountService interface {
	FindAccountByID(ctx context.Context, id AccountID) (*Account, error)
	FindAccountByCode(ctx context.Context, code string) (*Account, error)
	// FindAccounts lists accounts in Polish alphabetical order with the total matching the filter.
	FindAccounts(ctx context.Context, f AccountFilter) ([]*Account, int, error)
	// ListAccountRows is FindAccounts for the list: light rows.
	ListAccountRows(ctx context.Context, f AccountFilter) ([]AccountRow, int, error)
	// SearchAccounts returns account hits then contact hits for folded prefixes of q.Text.
	SearchAccounts(ctx context.Context, q SearchQuery) ([]AccountRow, error)
	CreateAccount(ctx context.Context, f AccountFields) (*Account, error)
	UpdateAccount(ctx context.Context, id AccountID, upd AccountUpdate) (*Account, error)
	SetAccountArchived(ctx context.Context, id AccountID, archived bool) (*Account, error)
	// DeleteAccount removes an account with no history; one that has history is an EConflict (archive it instead).
	DeleteAccount(ctx context.Context, id AccountID) error
}
