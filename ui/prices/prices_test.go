package prices

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kontor/domain"
	"kontor/domain/domaintest"
	"kontor/ui/uitest"
	"kontor/ui/worker"
	"kontor/ui/xwidget"
)

func TestMain(m *testing.M) { uitest.Main(m) }

var today = uitest.Today

type fixture struct {
	t        *testing.T
	db       *domaintest.Store
	cat      *domaintest.Catalog
	w        fyne.Window
	d        Deps
	head     *domain.Account // HQ, in group Hurt
	branch   *domain.Account // BR, a branch of HQ, in group Hurt
	opened   []domain.AccountID
	openedG  []domain.GroupID
	exported []string // format:path of each export
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := domaintest.New()
	cat := domaintest.NewCatalog(db)
	f := &fixture{t: t, db: db, cat: cat, w: uitest.Window(t, 1280, 800)}
	f.head = db.AddAccount(t, "HQ", "Centrala Łódź", "Łódź", func(a *domain.AccountFields) { a.CustomerGroup = "Hurt" })
	f.branch = db.AddAccount(t, "BR", "Oddział Poznań", "Poznań", func(a *domain.AccountFields) {
		a.ParentCode, a.CustomerGroup = "HQ", "Hurt"
	})
	cat.AddProduct(t, "MKA-650", "Mąka pszenna typ 650", "3,20", func(p *domain.ProductFields) { p.Unit = "kg" })
	cat.AddProduct(t, "CUK-1", "Cukier biały", "4,10")
	f.d = Deps{Window: f.w, Accounts: db, Products: cat, Groups: cat, Agreements: cat, Prices: cat, Run: worker.Inline,
		Locale: domain.Polish, User: func() string { return "Anna Nowak" }, Today: func() domain.Date { return today },
		OpenAccount: func(id domain.AccountID) { f.opened = append(f.opened, id) },
		OpenGroup:   func(id domain.GroupID) { f.openedG = append(f.openedG, id) },
		Export: func(_ context.Context, s *domain.PriceSheet, format SheetFormat, loc domain.Locale, path string) error {
			f.exported = append(f.exported, string(format)+":"+path+":"+s.Account.Code+":"+string(loc))
			return nil
		},
	}
	return f
}

func (f *fixture) tab(acc *domain.Account) *AccountTab {
	t := NewAccountTab(f.d, acc)
	f.w.SetContent(t.Content())
	return t
}

// agreement adds an agreement given as field texts.
func (f *fixture) agreement(fields ...string) *domain.Agreement {
	m := map[string]string{}
	for i := 0; i+1 < len(fields); i += 2 {
		m[fields[i]] = fields[i+1]
	}
	return f.cat.AddAgreement(f.t, m)
}

// rows renders the panel's rows as the user reads them.
func rows(p *Panel) []string {
	var out []string
	for i := range p.rows {
		o := p.newRow()
		p.updateRow(i, o)
		w := partsOf(o)
		line := w.title.Text + " | " + w.terms.Text + " | " + w.detail.Text + " | " + w.audit.Text
		for _, b := range []struct {
			name string
			on   bool
		}{{"[change]", w.change.Visible()}, {"[end]", w.end.Visible()}, {"[delete]", w.del.Visible()}, {"[open]", w.open.Visible()}} {
			if b.on {
				line += " " + b.name
			}
		}
		out = append(out, line)
	}
	return out
}

func TestPriceCheckExplains(t *testing.T) {
	f := newFixture(t)
	f.agreement(domain.FieldSKU, "MKA-650", domain.FieldAccountCode, "BR", domain.FieldPrice, "2,95", domain.FieldMinQty, "100")
	old := f.agreement(domain.FieldSKU, "MKA-650", domain.FieldAccountCode, "BR", domain.FieldPrice, "3,10",
		domain.FieldValidTo, "2026-10-31")
	f.agreement(domain.FieldSKU, "MKA-650", domain.FieldAccountCode, "HQ", domain.FieldDiscountPct, "5")
	f.agreement(domain.FieldSKU, "MKA-650", domain.FieldCustomerGroup, "Hurt", domain.FieldDiscountPct, "3")
	tab := f.tab(f.branch)
	c := tab.check
	test.Type(c.sku.field.Entry, "MKA-650")
	if !strings.Contains(c.sku.info.Text, "Mąka pszenna") {
		t.Errorf("the SKU field names %q", c.sku.info.Text)
	}
	c.qty.Entry.SetText("12,5")
	test.Tap(c.check)
	if c.result == nil {
		t.Fatal("no answer")
	}
	// 5 % off 3,20 zł from the head office: nothing of the branch's own applies
	// (one expired, the other needs 100 kg).
	if c.price.Text != "3,04\u00a0zł net per kg" {
		t.Errorf("price %q", c.price.Text)
	}
	if !strings.Contains(c.source.Text, "head office HQ") {
		t.Errorf("source %q", c.source.Text)
	}
	why := c.reasons.Text
	for _, want := range []string{
		"5\u00a0% off the list price of 3,20\u00a0zł",
		"needs at least 100; the quantity is 12,5",
		"#" + itoa(old.ID) + " of this account (3,10\u00a0zł) expired on 31.10.2026",
		"of customer group Hurt (3,1040\u00a0zł) is less specific than #",
	} {
		if !strings.Contains(why, want) {
			t.Errorf("explanation lacks %q:\n%s", want, why)
		}
	}

	c.qty.Entry.SetText("1,5")
	c.sku.SetText("CUK-1")
	test.Tap(c.check)
	if p := c.qty.Problem(); !strings.Contains(p, "whole numbers") {
		t.Errorf("1,5 szt: problem %q", p)
	}
	c.qty.Entry.SetText("2")
	c.date.Entry.SetText("31.02.2026")
	test.Tap(c.check)
	if p := c.date.Problem(); !strings.Contains(p, "not a date") {
		t.Errorf("bad date: problem %q", p)
	}
	c.date.Entry.SetText("")
	test.Tap(c.check)
	if !strings.Contains(c.source.Text, "list price (4,10\u00a0zł)") || !strings.Contains(c.reasons.Text, "so the list price applies") {
		t.Errorf("list price: %q / %q", c.source.Text, c.reasons.Text)
	}
	c.sku.SetText("NOPE")
	test.Tap(c.check)
	if p := c.sku.field.Problem(); !strings.Contains(p, "No product has SKU NOPE") {
		t.Errorf("unknown SKU: problem %q", p)
	}
}

func itoa(id domain.AgreementID) string { return domain.Quantity(int64(id) * 1000).String() }

func TestChangingAnAgreementKeepsTheOldOne(t *testing.T) {
	f := newFixture(t)
	old := f.agreement(domain.FieldSKU, "MKA-650", domain.FieldAccountCode, "BR", domain.FieldPrice, "3,10",
		domain.FieldValidFrom, "2026-01-01")
	tab := f.tab(f.branch)
	p := tab.panel
	if got := rows(p); len(got) != 1 || !strings.Contains(got[0], "3,10\u00a0zł") || !strings.Contains(got[0], "[change]") {
		t.Fatalf("rows %q", got)
	}
	p.openForm(old)
	form := p.form
	if form.sku.field.Entry.Disabled() == false || form.fields[domain.FieldValidFrom].Text() != "27.11.2026" {
		t.Errorf("change dialog: SKU editable %v, valid from %q", !form.sku.field.Entry.Disabled(), form.fields[domain.FieldValidFrom].Text())
	}
	form.fields[domain.FieldPrice].Entry.SetText("2,99")
	form.fields[domain.FieldValidFrom].Entry.SetText("01.12.2026")
	if !strings.Contains(form.note.Text, "will end on 30.11.2026 and stay in the history") {
		t.Errorf("change note %q", form.note.Text)
	}
	test.Tap(form.save)

	ended, _ := f.cat.FindAgreementByID(t.Context(), old.ID)
	if ended.ValidTo != domain.NewDate(2026, 11, 30) || ended.Price != 31000 || ended.EndedBy != "Anna Nowak" || ended.ReplacedBy == 0 {
		t.Fatalf("the old agreement after the change: %+v", ended)
	}
	next, _ := f.cat.FindAgreementByID(t.Context(), ended.ReplacedBy)
	if next.Price != 29900 || next.ValidFrom != domain.NewDate(2026, 12, 1) || next.CreatedBy != "Anna Nowak" {
		t.Errorf("the new agreement: %+v", next)
	}
	got := rows(p)
	if len(got) != 2 {
		t.Fatalf("after the change the tab lists %q, want the old and the new agreement", got)
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{"01.01.2026 – 30.11.2026", "replaced by #" + itoa(next.ID) + " (Anna Nowak,", "2,99\u00a0zł", "from 01.12.2026", "not yet in effect"} {
		if !strings.Contains(joined, want) {
			t.Errorf("rows lack %q:\n%s", want, joined)
		}
	}
	if !strings.Contains(p.status.Text, "now ends on 30.11.2026 and stays in the history") {
		t.Errorf("status %q", p.status.Text)
	}

	// Changed from today, the old terms end yesterday: they are history, shown
	// because the change turned the history on, hidden when it is off.
	cuk := f.agreement(domain.FieldSKU, "CUK-1", domain.FieldAccountCode, "BR", domain.FieldPrice, "4,00",
		domain.FieldValidFrom, "2026-06-01")
	p.showEnded.SetChecked(false)
	p.Reload()
	p.openForm(cuk)
	p.form.fields[domain.FieldPrice].Entry.SetText("")
	p.form.fields[domain.FieldDiscountPct].Entry.SetText("4")
	test.Tap(p.form.save)
	if !p.showEnded.Checked || len(rows(p)) != 4 {
		t.Errorf("after a change from today the tab lists %d agreements (history %v), want 4", len(rows(p)), p.showEnded.Checked)
	}
	p.showEnded.SetChecked(false)
	got = rows(p)
	if len(got) != 3 || strings.Contains(strings.Join(got, "\n"), "4,00") {
		t.Errorf("without history the tab lists %q", got)
	}
}

func TestAgreementFormValidation(t *testing.T) {
	f := newFixture(t)
	p := f.tab(f.branch).panel
	p.openForm(nil)
	form := p.form
	writes := f.cat.Writes
	problem := func(name string) string {
		if name == domain.FieldSKU {
			return form.sku.field.Problem()
		}
		return form.fields[name].Problem()
	}
	set := func(name, text string) {
		if name == domain.FieldSKU {
			form.sku.SetText(text)
			return
		}
		form.fields[name].Entry.SetText(text)
	}
	set(domain.FieldSKU, "XYZ")
	if !strings.Contains(problem(domain.FieldSKU), "No product has SKU XYZ") {
		t.Errorf("unknown SKU: %q", problem(domain.FieldSKU))
	}
	test.Tap(form.save)
	if !strings.Contains(problem(domain.FieldPrice), "price or a discount") {
		t.Errorf("neither price nor discount: %q", problem(domain.FieldPrice))
	}
	set(domain.FieldPrice, "3")
	set(domain.FieldDiscountPct, "5")
	if !strings.Contains(problem(domain.FieldDiscountPct), "not both") {
		t.Errorf("both price and discount: %q", problem(domain.FieldDiscountPct))
	}
	set(domain.FieldPrice, "")
	set(domain.FieldDiscountPct, "120")
	if !strings.Contains(problem(domain.FieldDiscountPct), "from 0 to 100") {
		t.Errorf("discount 120: %q", problem(domain.FieldDiscountPct))
	}
	set(domain.FieldValidFrom, "01.12.2026")
	set(domain.FieldValidTo, "30.11.2026")
	if !strings.Contains(problem(domain.FieldValidTo), "before") {
		t.Errorf("valid_to before valid_from: %q", problem(domain.FieldValidTo))
	}
	set(domain.FieldSKU, "CUK-1")
	set(domain.FieldMinQty, "2,5")
	if !strings.Contains(problem(domain.FieldMinQty), "whole numbers") {
		t.Errorf("2,5 szt: %q", problem(domain.FieldMinQty))
	}
	test.Tap(form.save)
	if f.cat.Writes != writes {
		t.Fatal("an invalid agreement was saved")
	}

	// Picking the product by name fills the SKU.
	set(domain.FieldSKU, "")
	test.Tap(form.sku.find)
	picker := form.sku.picker
	test.Type(picker.search, "maka")
	if len(picker.hits) != 1 {
		t.Fatalf("picker hits for maka: %d", len(picker.hits))
	}
	picker.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if form.sku.Text() != "MKA-650" || problem(domain.FieldSKU) != "" {
		t.Errorf("picked SKU %q, problem %q", form.sku.Text(), problem(domain.FieldSKU))
	}
	set(domain.FieldMinQty, "2,5")
	set(domain.FieldDiscountPct, "7,5")
	set(domain.FieldValidTo, "")
	test.Tap(form.save)
	list, _, _ := f.cat.FindAgreements(t.Context(), domain.AgreementFilter{AccountID: f.branch.ID})
	if len(list) != 1 || list[0].Discount != 750 || list[0].MinQty != 2500 || list[0].ValidFrom != domain.NewDate(2026, 12, 1) {
		t.Fatalf("saved %+v", list)
	}
	if got := rows(p); len(got) != 1 || !strings.Contains(got[0], "7,5\u00a0% off list") || !strings.Contains(got[0], "[delete]") {
		t.Errorf("rows %q", got)
	}
}

func TestInheritedAgreementsAreReadOnlyWithALink(t *testing.T) {
	f := newFixture(t)
	f.agreement(domain.FieldSKU, "MKA-650", domain.FieldAccountCode, "HQ", domain.FieldPrice, "3,00")
	f.agreement(domain.FieldSKU, "CUK-1", domain.FieldCustomerGroup, "Hurt", domain.FieldDiscountPct, "2")
	p := f.tab(f.branch).panel
	got := rows(p)
	if len(got) != 2 {
		t.Fatalf("rows %q", got)
	}
	if !strings.Contains(got[0], "head office HQ Centrala Łódź") || !strings.HasSuffix(got[0], "[open]") ||
		!strings.Contains(got[1], "customer group Hurt") || !strings.HasSuffix(got[1], "[open]") {
		t.Errorf("inherited rows %q", got)
	}
	o := p.newRow()
	p.updateRow(0, o)
	test.Tap(partsOf(o).open)
	p.updateRow(1, o)
	test.Tap(partsOf(o).open)
	if len(f.opened) != 1 || f.opened[0] != f.head.ID || len(f.openedG) != 1 {
		t.Errorf("links opened accounts %v, groups %v", f.opened, f.openedG)
	}
}

func TestManyInheritedAgreementsAreCapped(t *testing.T) {
	f := newFixture(t)
	for i := range inheritedLimit + 5 {
		sku := fmt.Sprintf("P%04d", i)
		f.cat.AddProduct(t, sku, "Produkt "+sku, "1")
		f.agreement(domain.FieldSKU, sku, domain.FieldCustomerGroup, "Hurt", domain.FieldDiscountPct, "1")
	}
	f.agreement(domain.FieldSKU, "CUK-1", domain.FieldAccountCode, "BR", domain.FieldPrice, "4")
	p := f.tab(f.branch).panel
	if len(p.rows) != inheritedLimit+1 || !p.more.Visible() || !strings.Contains(p.more.Text, "customer group Hurt holds 205 agreements") {
		t.Errorf("%d rows listed, note %q", len(p.rows), p.more.Text)
	}
}

func TestPriceSheetExportsToTheChosenPath(t *testing.T) {
	f := newFixture(t)
	f.agreement(domain.FieldSKU, "MKA-650", domain.FieldAccountCode, "BR", domain.FieldPrice, "2,80", domain.FieldMinQty, "100")
	var asked []string
	f.d.SaveFile = func(name string, then func(string)) {
		asked = append(asked, name)
		then("/tmp/chosen/" + name)
	}
	tab := f.tab(f.branch)
	test.Tap(tab.sheetBt)
	s := tab.sheet
	var lines []string
	for _, r := range s.rows {
		lines = append(lines, strings.Join(s.texts(r), "|"))
	}
	want := []string{
		// Prices in whole grosze leave the room of two more decimals
		// (figure spaces): the column's decimals line up.
		"CUK-1|Cukier biały|szt|23\u00a0%|4,10\u2007\u2007\u00a0zł|1|4,10\u2007\u2007\u00a0zł|list price",
		"MKA-650|Mąka pszenna typ 650|kg|23\u00a0%|3,20\u2007\u2007\u00a0zł|1|3,20\u2007\u2007\u00a0zł|list price",
		"|||||100|2,80\u2007\u2007\u00a0zł|own #",
	}
	if len(lines) != 3 || lines[0] != want[0] || lines[1] != want[1] || !strings.HasPrefix(lines[2], want[2]) {
		t.Errorf("sheet rows:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(s.status.Text, "2 products priced for 27.11.2026") {
		t.Errorf("status %q", s.status.Text)
	}
	test.Tap(s.pdf)
	test.Tap(s.csv)
	if len(asked) != 2 || asked[0] != "price-sheet-BR-2026-11-27.pdf" {
		t.Errorf("file names offered %q", asked)
	}
	if len(f.exported) != 2 || f.exported[0] != "pdf:/tmp/chosen/price-sheet-BR-2026-11-27.pdf:BR:pl" ||
		f.exported[1] != "csv:/tmp/chosen/price-sheet-BR-2026-11-27.csv:BR:pl" {
		t.Errorf("exports %q", f.exported)
	}
	if !strings.Contains(s.status.Text, "Saved to /tmp/chosen/price-sheet-BR-2026-11-27.csv") || s.pdf.Disabled() {
		t.Errorf("after export: status %q", s.status.Text)
	}
	s.date.Entry.SetText("01.01.2020")
	test.Tap(s.showBtn)
	if s.sheet.Date != domain.NewDate(2020, 1, 1) {
		t.Errorf("sheet date %v", s.sheet.Date)
	}
}

var _ = xwidget.RowTexts

func TestDateEntriesReadTheEnglishDisplayForm(t *testing.T) {
	if got := DateEntry(domain.English, domain.NewDate(2026, 12, 1)); got != "1 Dec 2026" {
		t.Errorf("English entry text %q", got)
	}
	for in, want := range map[string]string{"1 Dec 2026": "2026-12-01", "01.12.2026": "2026-12-01", "": "", "31.02.2026": "31.02.2026"} {
		if got := entryDate(in); got != want {
			t.Errorf("entryDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// brokenSearch is a catalog whose search fails the way a damaged file does.
type brokenSearch struct{ domain.ProductService }

func (brokenSearch) FindProducts(context.Context, domain.ProductQuery) ([]*domain.Product, int, error) {
	return nil, 0, errors.New("sqlite: disk I/O error reading /home/anna/kontor.db")
}

// TestPickerSaysAFailedSearchInWords: a search that fails says so in the
// user's words under the list; the error's own text goes to the log only.
func TestPickerSaysAFailedSearchInWords(t *testing.T) {
	f := newFixture(t)
	d := f.d
	d.Products = brokenSearch{f.cat}
	p := newProductPicker(&d, "maka", func(*domain.Product) {})
	if got := p.status.Text; strings.Contains(got, "disk I/O") || !strings.Contains(got, "Something went wrong") {
		t.Errorf("a failed search says %q", got)
	}
}
