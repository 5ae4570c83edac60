package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kontor/domain"
	"kontor/store"
	"kontor/store/xfer"
)

// importFile reads src as an accounts or contacts file and imports it.
func importFile(t testing.TB, db *store.DB, kind, src string) (store.ImportSummary, error) {
	t.Helper()
	tr := store.NewTransfer(db)
	bg := context.Background()
	switch kind {
	case "accounts":
		f, err := xfer.ReadAccounts(kind+".csv", strings.NewReader(src))
		if err != nil {
			return store.ImportSummary{}, err
		}
		return tr.ImportAccounts(bg, f)
	case "contacts":
		f, err := xfer.ReadContacts(kind+".csv", strings.NewReader(src))
		if err != nil {
			return store.ImportSummary{}, err
		}
		return tr.ImportContacts(bg, f)
	}
	t.Fatalf("kind %s", kind)
	return store.ImportSummary{}, nil
}

func mustImport(t testing.TB, db *store.DB, kind, src string) store.ImportSummary {
	t.Helper()
	sum, err := importFile(t, db, kind, src)
	if err != nil {
		t.Fatalf("import %s: %v", kind, err)
	}
	return sum
}

// exportFile writes the kind as CSV the way kontorctl does.
func exportFile(t testing.TB, db *store.DB, kind string) string {
	t.Helper()
	var b bytes.Buffer
	tr := store.NewTransfer(db)
	bg := context.Background()
	var err error
	switch kind {
	case "accounts":
		w, _ := xfer.NewWriter(xfer.CSV, &b, xfer.AccountSchema)
		err = tr.ExportAccounts(bg, func(a *domain.Account) error { return w.Write(xfer.AccountCells(a)) })
		if err == nil {
			err = w.Close()
		}
	case "contacts":
		w, _ := xfer.NewWriter(xfer.CSV, &b, xfer.ContactSchema)
		err = tr.ExportContacts(bg, func(code string, c *domain.Contact) error { return w.Write(xfer.ContactCells(code, c)) })
		if err == nil {
			err = w.Close()
		}
	}
	if err != nil {
		t.Fatalf("export %s: %v", kind, err)
	}
	return b.String()
}

// account returns the stored account with code.
func account(t *testing.T, db *store.DB, code string) *domain.Account {
	t.Helper()
	a, err := store.NewAccountService(db).FindAccountByCode(context.Background(), code)
	if err != nil {
		t.Fatalf("find %s: %v", code, err)
	}
	return a
}

// everything is the whole stored state of accounts and contacts, versions and
// stamps included, to show a failed import changed nothing.
func everything(t *testing.T, db *store.DB) string {
	t.Helper()
	bg := context.Background()
	accs, _, err := store.NewAccountService(db).FindAccounts(bg, domain.AccountFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, a := range accs {
		fmt.Fprintf(&b, "%+v\n", *a)
		cs, err := store.NewContactService(db).FindContacts(bg, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			fmt.Fprintf(&b, "  %+v\n", *c)
		}
	}
	return b.String()
}

// problems returns the lines of an import's Errors, failing on any other outcome.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var es xfer.Errors
	if !errors.As(err, &es) {
		t.Fatalf("error = %v (%T), want xfer.Errors", err, err)
	}
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("code = %s, want invalid", domain.ErrorCode(err))
	}
	return strings.Split(es.Error(), "\n")
}

func cp1250(t *testing.T, s string) string {
	t.Helper()
	b, err := charmap.Windows1250.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// seedAccounts stores K1 (a head office) and K2 (its branch) with every field
// the file may leave out.
func seedAccounts(t *testing.T, db *store.DB) {
	mustImport(t, db, "accounts", "code,name,tax_id,street,postal_code,city,country,phone,email,currency,payment_terms,credit_limit,customer_group,parent_code,owner\n"+
		"K1,Hurtownia Łódź,5260001246,ul. Piotrkowska 1,90-001,Łódź,PL,+48 42 600 00 00,biuro@hurt.pl,PLN,30 EOM,25000.00,hurt,,anna\n"+
		"K2,Oddział Kraków,,ul. Długa 5,31-147,Kraków,PL,,,PLN,net 14,0.00,hurt,K1,jan\n")
}

func TestImportAccounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		seed  bool
		src   string
		want  store.ImportSummary
		errs  []string // the exact problem lines; nil when the import succeeds
		check func(t *testing.T, db *store.DB)
	}{
		{name: "defaults for absent columns", src: "code,name\nN1,Nowa\n", want: store.ImportSummary{Created: 1},
			check: func(t *testing.T, db *store.DB) {
				a := account(t, db, "N1")
				if a.Country != "PL" || a.Currency != "PLN" || a.PaymentTerms != domain.DefaultPaymentTerms || a.CreditLimit != 0 {
					t.Errorf("defaults = %+v", a.AccountFields)
				}
			}},
		{name: "BOM", src: "\xEF\xBB\xBFcode,name,city\nN1,Żółć,Łódź\n", want: store.ImportSummary{Created: 1},
			check: func(t *testing.T, db *store.DB) {
				if a := account(t, db, "N1"); a.Name != "Żółć" || a.City != "Łódź" {
					t.Errorf("got %q %q", a.Name, a.City)
				}
			}},
		{name: "Windows-1250 with semicolons and decimal comma",
			src:  "code;name;city;credit_limit\nN1;Zakład Gęślą;Łódź;\"12\u00a0345,67\"\nN2;Śląsk;Gdańsk;1 000,5\n",
			want: store.ImportSummary{Created: 2},
			check: func(t *testing.T, db *store.DB) {
				a := account(t, db, "N1")
				if a.Name != "Zakład Gęślą" || a.City != "Łódź" || a.CreditLimit != 1234567 {
					t.Errorf("N1 = %q %q %v", a.Name, a.City, a.CreditLimit)
				}
				if b := account(t, db, "N2"); b.City != "Gdańsk" || b.CreditLimit != 100050 {
					t.Errorf("N2 = %q %v", b.City, b.CreditLimit)
				}
			}},
		{name: "NIP with dashes and prefix is stored as 10 digits", src: "code,name,tax_id,postal_code\nN1,A,PL 526-000-12-46,90001\n",
			want: store.ImportSummary{Created: 1},
			check: func(t *testing.T, db *store.DB) {
				if a := account(t, db, "N1"); a.TaxID != "5260001246" || a.PostalCode != "90-001" {
					t.Errorf("got %q %q", a.TaxID, a.PostalCode)
				}
			}},
		{name: "unknown column", src: "code,name,colour\nN1,A,red\n",
			errs: []string{"accounts.csv:1: colour: unknown column; accounts columns are code*, name*, tax_id, street, postal_code, city, " +
				"country, phone, email, currency, payment_terms, credit_limit, customer_group, parent_code, owner"}},
		{name: "missing required column", src: "code,city\nN1,Łódź\n", errs: []string{"accounts.csv:1: name: the required column is missing"}},
		{name: "empty required cell", src: "code,name\nN1,\n,B\n",
			errs: []string{"accounts.csv:2: name: a value is required", "accounts.csv:3: code: a value is required"}},
		{name: "invalid NIP", src: "code,name,tax_id\nN1,A,526-000-12-47\n",
			errs: []string{"accounts.csv:2: tax_id: 526-000-12-47 is not a valid Polish tax ID (NIP): the check digit does not match"}},
		{name: "negative credit limit", src: "code;name;credit_limit\nN1;A;-1 000,00\n",
			errs: []string{"accounts.csv:2: credit_limit: the credit limit cannot be negative"}},
		{name: "duplicate code in the file", src: "code,name\nN1,A\nn1,B\n",
			errs: []string{"accounts.csv:3: code: n1 is already on line 2; an account may appear once in a file"}},
		{name: "unknown parent", src: "code,name,parent_code\nN1,A,NOPE\n",
			errs: []string{"accounts.csv:2: parent_code: there is no account with code NOPE"}},
		{name: "parent loop in the file", src: "code,name,parent_code\nN1,A,N2\nN2,B,N3\nN3,C,N1\nN4,D,N1\n",
			errs: []string{
				"accounts.csv:2: parent_code: N2 is already below this account: the head office chain would loop",
				"accounts.csv:3: parent_code: N3 is already below this account: the head office chain would loop",
				"accounts.csv:4: parent_code: N1 is already below this account: the head office chain would loop"}},
		{name: "parent loop through stored accounts", seed: true, src: "code,name,parent_code\nK1,Hurtownia,K2\n",
			errs: []string{"accounts.csv:2: parent_code: K2 is already below this account: the head office chain would loop"}},
		{name: "own parent", src: "code,name,parent_code\nN1,A,n1\n",
			errs: []string{"accounts.csv:2: parent_code: an account cannot be its own head office"}},
		{name: "parent later in the file", src: "code,name,parent_code\nB1,Branch,H1\nB2,Branch of branch,b1\nH1,Head,\n",
			want: store.ImportSummary{Created: 3},
			check: func(t *testing.T, db *store.DB) {
				if a := account(t, db, "B2"); a.ParentCode != "B1" {
					t.Errorf("B2 parent = %q", a.ParentCode)
				}
				if a := account(t, db, "B1"); a.ParentCode != "H1" || a.ParentName != "Head" {
					t.Errorf("B1 parent = %q", a.ParentCode)
				}
			}},
		{name: "swap head office and branch", seed: true, src: "code,name,parent_code\nK1,Hurtownia Łódź,K2\nK2,Oddział Kraków,\n",
			want: store.ImportSummary{Updated: 2},
			check: func(t *testing.T, db *store.DB) {
				if account(t, db, "K1").ParentCode != "K2" || account(t, db, "K2").ParentCode != "" {
					t.Error("not swapped")
				}
			}},
		{name: "re-import updates and leaves absent columns alone", seed: true,
			src:  "CODE;Name;city\nk1;Hurtownia Łódź II;Łódź-Bałuty\nK2;Oddział Kraków;Kraków\nK3;Nowa;Poznań\n",
			want: store.ImportSummary{Created: 1, Updated: 1, Unchanged: 1},
			check: func(t *testing.T, db *store.DB) {
				a := account(t, db, "K1")
				if a.Name != "Hurtownia Łódź II" || a.City != "Łódź-Bałuty" || a.TaxID != "5260001246" || a.CreditLimit != 2500000 ||
					a.PaymentTerms != (domain.PaymentTerms{Days: 30, EOM: true}) || a.Owner != "anna" || a.Phone != "+48 42 600 00 00" || a.Version != 2 {
					t.Errorf("K1 = %+v (version %d)", a.AccountFields, a.Version)
				}
				if b := account(t, db, "K2"); b.ParentCode != "K1" || b.Version != 1 {
					t.Errorf("K2 parent %q version %d: an unchanged row must not be rewritten", b.ParentCode, b.Version)
				}
			}},
		{name: "every bad row listed at once", seed: true,
			src: "code,name,tax_id,credit_limit,parent_code,payment_terms\n" +
				"K1,Fine,,,,\n" +
				"X1,,123,,,\n" +
				"X2,B,,12abc,GHOST,\n" +
				"X3,\"C \"\"quoted\"\"\",,,,soon\n" +
				"X4,D,,,X2,\n", // X2 has problems, but it is in the file: no problem here
			errs: []string{
				"accounts.csv:3: name: a value is required",
				"accounts.csv:3: tax_id: a Polish tax ID (NIP) has 10 digits",
				"accounts.csv:4: credit_limit: 12abc is not a number",
				"accounts.csv:4: parent_code: there is no account with code GHOST",
				`accounts.csv:5: payment_terms: soon is not payment terms: write "net N" or "N EOM" with N from 0 to 365`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			if tt.seed {
				seedAccounts(t, db)
			}
			src := tt.src
			if strings.HasPrefix(tt.name, "Windows-1250") {
				src = cp1250(t, src)
			}
			before := everything(t, db)
			sum, err := importFile(t, db, "accounts", src)
			if tt.errs != nil {
				if got := problems(t, err); !reflect.DeepEqual(got, tt.errs) {
					t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.errs, "\n"))
				}
				if after := everything(t, db); after != before {
					t.Errorf("a failed import changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sum != tt.want {
				t.Errorf("summary = %+v, want %+v", sum, tt.want)
			}
			if tt.check != nil {
				tt.check(t, db)
			}
		})
	}
}

// TestImportAllOrNothing: many good rows and one bad one leave accounts and
// contacts exactly as they were, versions and stamps included.
func TestImportAllOrNothing(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	seedAccounts(t, db)
	mustImport(t, db, "contacts", "account_code,first_name,last_name,email\nK1,Jan,Kowalski,jan@hurt.pl\n")
	before := everything(t, db)
	var b strings.Builder
	b.WriteString("code,name,city\nK1,Renamed,Nowhere\n")
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, "N%03d,Nowa %d,Łódź\n", i, i)
	}
	b.WriteString("N999,Bad,Łódź,extra\n")
	_, err := importFile(t, db, "accounts", b.String())
	if got := problems(t, err); len(got) != 1 || !strings.HasPrefix(got[0], "accounts.csv:503: the row has 4 fields") {
		t.Errorf("problems = %q", got)
	}
	_, err = importFile(t, db, "contacts", "account_code,first_name,last_name,email\nK1,Jan,Kowalski,jan@hurt.pl\nK2,Anna,Nowak,not-an-email\n")
	if got := problems(t, err); len(got) != 1 || got[0] != "contacts.csv:3: email: not-an-email is not an e-mail address" {
		t.Errorf("problems = %q", got)
	}
	if after := everything(t, db); after != before {
		t.Errorf("database changed:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestImportContacts(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	seedAccounts(t, db)
	sum := mustImport(t, db, "contacts", "account_code;first_name;last_name;role;email;phone\n"+
		"K1;Jan;Kowalski;Prezes;jan@hurt.pl;+48 600 100 200\n"+
		"k1;Łukasz;Żak;;;\n"+
		"K2;Anna;Nowak;Zakupy;;\n")
	if sum != (store.ImportSummary{Created: 3}) {
		t.Errorf("summary = %+v", sum)
	}
	tests := []struct {
		name string
		src  string
		want store.ImportSummary
		errs []string
		dump string // the contacts export afterwards
	}{
		{name: "by e-mail, case folded; absent columns kept",
			src:  "account_code,first_name,last_name,email\nK1,Janusz,Kowalski,JAN@hurt.pl\n",
			want: store.ImportSummary{Updated: 1},
			dump: "K1,Janusz,Kowalski,Prezes,JAN@hurt.pl,'+48 600 100 200"},
		{name: "by folded name without e-mail",
			src:  "account_code,first_name,last_name,role\nK1,lukasz,ZAK,Magazyn\nK2,Anna,Nowak,Zakupy\n",
			want: store.ImportSummary{Updated: 1, Unchanged: 1},
			dump: "K1,lukasz,ZAK,Magazyn,,"},
		{name: "an e-mail added to a person who had none updates them",
			src:  "account_code,first_name,last_name,email\nK2,Anna,Nowak,anna@krakow.pl\n",
			want: store.ImportSummary{Updated: 1},
			dump: "K2,Anna,Nowak,Zakupy,anna@krakow.pl,"},
		{name: "a new e-mail is a new person when the name has one already",
			src:  "account_code,first_name,last_name,email\nK1,Jan,Kowalski,jan.k@prywatny.pl\n",
			want: store.ImportSummary{Created: 1},
			dump: "K1,Jan,Kowalski,,jan.k@prywatny.pl,"},
		{name: "unknown account and bad e-mail",
			src: "account_code,first_name,last_name,email\nK9,Ewa,Lis,\nK1,Ewa,Lis,ewa@\n",
			errs: []string{"contacts.csv:2: account_code: there is no account with code K9",
				"contacts.csv:3: email: ewa@ is not an e-mail address"}},
		{name: "two rows for one stored person",
			src:  "account_code,first_name,last_name,email\nK1,Łukasz,Żak,l@x.pl\nK1,Lukasz,Zak,\n",
			errs: []string{"contacts.csv:3: last_name: this row and line 2 both update lukasz ZAK; keep one of them"}},
		{name: "missing required columns", src: "account_code,first_name\nK1,Jan\n",
			errs: []string{"contacts.csv:1: last_name: the required column is missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := exportFile(t, db, "contacts")
			sum, err := importFile(t, db, "contacts", tt.src)
			if tt.errs != nil {
				if got := problems(t, err); !reflect.DeepEqual(got, tt.errs) {
					t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.errs, "\n"))
				}
				if exportFile(t, db, "contacts") != before {
					t.Error("a failed import changed contacts")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sum != tt.want {
				t.Errorf("summary = %+v, want %+v", sum, tt.want)
			}
			if out := exportFile(t, db, "contacts"); !strings.Contains(out, "\n"+tt.dump+"\n") {
				t.Errorf("export lacks %q:\n%s", tt.dump, out)
			}
		})
	}
	// Two stored people of one name cannot be told apart by name.
	mustImport(t, db, "contacts", "account_code,first_name,last_name,email\nK1,Piotr,Wiśniewski,p1@x.pl\nK1,Piotr,Wiśniewski,p2@x.pl\n")
	_, err := importFile(t, db, "contacts", "account_code,first_name,last_name,role\nK1,Piotr,Wisniewski,Szef\n")
	if got := problems(t, err); len(got) != 1 || got[0] != "contacts.csv:2: last_name: several contacts of this account are named Piotr Wisniewski; give them e-mail addresses (in Kontor or in the file) to tell them apart" {
		t.Errorf("problems = %q", got)
	}
}

// TestImportContactsNamesakes: of two people of one name, one with an e-mail,
// a row without an e-mail is the one without, so an export re-imports.
func TestImportContactsNamesakes(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	seedAccounts(t, db)
	mustImport(t, db, "contacts", "account_code,first_name,last_name,role,email\nK2,Ewa,Lis,,ewa@x.pl\nK2,Ewa,Lis,,\n")
	export := exportFile(t, db, "contacts")
	if sum := mustImport(t, db, "contacts", export); sum != (store.ImportSummary{Unchanged: 2}) {
		t.Errorf("re-import = %+v", sum)
	}
	if sum := mustImport(t, db, "contacts", "account_code,first_name,last_name,role,email\nK2,Ewa,Lis,Księgowa,\n"); sum.Updated != 1 {
		t.Errorf("update = %+v", sum)
	}
	if out := exportFile(t, db, "contacts"); !strings.Contains(out, "K2,Ewa,Lis,,ewa@x.pl,\n") || !strings.Contains(out, "K2,Ewa,Lis,Księgowa,,\n") {
		t.Errorf("export:\n%s", out)
	}
}

// TestExportImportRoundTrip: an export imports into an empty database and
// exports again byte for byte, and re-imports over itself as unchanged.
func TestExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	src := openTemp(t)
	seedAccounts(t, src)
	mustImport(t, src, "accounts", "code,name,street,country,tax_id,postal_code,customer_group,parent_code\n"+
		"D1,\"=HYPERLINK(\"\"http://x\"\")\",\"Hauptstraße 1, Hof\",DE,DE123456789,10115,@grupa,K2\n"+
		"E1,\"-Minus; \"\"quoted\"\", second part\",+ plus,ES,,,,\n")
	mustImport(t, src, "contacts", "account_code,first_name,last_name,role,email,phone\n"+
		"K1,Jan,Kowalski,=Prezes,jan@hurt.pl,+48 600 100 200\nD1,Jürgen,Müller,,,-1\n")
	accounts, contacts := exportFile(t, src, "accounts"), exportFile(t, src, "contacts")
	if !strings.Contains(accounts, `D1,"'=HYPERLINK(""http://x"")",`) || !strings.Contains(accounts, ",'@grupa,") ||
		!strings.Contains(contacts, "'=Prezes") || !strings.Contains(contacts, ",'+48 600 100 200") {
		t.Errorf("formulas not neutralised:\n%s\n%s", accounts, contacts)
	}
	dst := openTemp(t)
	if sum := mustImport(t, dst, "accounts", accounts); sum.Created != 4 {
		t.Errorf("accounts: %+v", sum)
	}
	if sum := mustImport(t, dst, "contacts", contacts); sum.Created != 2 {
		t.Errorf("contacts: %+v", sum)
	}
	if a := account(t, dst, "D1"); a.Name != `=HYPERLINK("http://x")` || a.CustomerGroup != "@grupa" || a.ParentCode != "K2" {
		t.Errorf("D1 = %+v", a.AccountFields)
	}
	if got := exportFile(t, dst, "accounts"); got != accounts {
		t.Errorf("accounts differ:\n%s\nwant\n%s", got, accounts)
	}
	if got := exportFile(t, dst, "contacts"); got != contacts {
		t.Errorf("contacts differ:\n%s\nwant\n%s", got, contacts)
	}
	before := everything(t, src)
	if sum := mustImport(t, src, "accounts", accounts); sum != (store.ImportSummary{Unchanged: 4}) {
		t.Errorf("re-import: %+v", sum)
	}
	if sum := mustImport(t, src, "contacts", contacts); sum != (store.ImportSummary{Unchanged: 2}) {
		t.Errorf("re-import contacts: %+v", sum)
	}
	if everything(t, src) != before {
		t.Error("re-importing an export changed the database")
	}
}

// accountsCSV makes n valid accounts, every tenth a branch of the one before.
func accountsCSV(n int) string {
	var b strings.Builder
	b.WriteString("code;name;tax_id;street;postal_code;city;credit_limit;payment_terms;parent_code\n")
	for i := 0; i < n; i++ {
		nip := fmt.Sprintf("%09d", 100000000+i*7)
		d, ok := domain.NIPCheckDigit(nip)
		tax := ""
		if ok {
			tax = nip + string(d)
		}
		parent := ""
		if i%10 == 9 {
			parent = fmt.Sprintf("B%06d", i-1)
		}
		fmt.Fprintf(&b, "B%06d;Hurtownia Łódź nr %d Sp. z o.o.;%s;ul. Piotrkowska %d;90-%03d;Łódź;\"1 234,56\";net 30;%s\n",
			i, i, tax, i%300, i%1000, parent)
	}
	return b.String()
}

func TestImportManyAccounts(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	if sum := mustImport(t, db, "accounts", accountsCSV(2000)); sum.Created != 2000 {
		t.Fatalf("summary %+v", sum)
	}
	if a := account(t, db, "B000019"); a.ParentCode != "B000018" {
		t.Errorf("parent = %q", a.ParentCode)
	}
}

// BenchmarkImportAccounts imports 20,000 accounts (read, check, write) into a
// fresh database per iteration.
func BenchmarkImportAccounts(b *testing.B) {
	src := accountsCSV(20000)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := store.Open(context.Background(), b.TempDir()+"/kontor.db", store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if sum := mustImport(b, db, "accounts", src); sum.Created != 20000 {
			b.Fatalf("summary %+v", sum)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkImportContacts imports 60,000 contacts of 20,000 accounts (the
// large dataset's share) into a database holding the accounts.
func BenchmarkImportContacts(b *testing.B) {
	var c strings.Builder
	c.WriteString("account_code,first_name,last_name,role,email,phone\n")
	for i := 0; i < 60000; i++ {
		email := ""
		if i%3 != 0 {
			email = fmt.Sprintf("osoba%d@firma%d.pl", i, i/3)
		}
		fmt.Fprintf(&c, "B%06d,Łukasz%d,Żak%d,Zakupy,%s,+48 600 %06d\n", i/3, i, i, email, i)
	}
	accounts, contacts := accountsCSV(20000), c.String()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := store.Open(context.Background(), b.TempDir()+"/kontor.db", store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		mustImport(b, db, "accounts", accounts)
		b.StartTimer()
		if sum := mustImport(b, db, "contacts", contacts); sum.Created != 60000 {
			b.Fatalf("summary %+v", sum)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
