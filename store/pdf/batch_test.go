package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store/pdf"
)

// fakeReceivables serves hand-built statements; the rest of
// domain.ReceivablesService is not used by the printer.
type fakeReceivables struct {
	domain.ReceivablesService
	statements map[domain.AccountID]*domain.Statement
	order      []domain.AccountID
	fail       map[domain.AccountID]error
	// hook runs before each statement is returned (a test cancels there).
	hook  func(id domain.AccountID)
	mu    sync.Mutex
	asked []domain.AccountID
}

func (f *fakeReceivables) Statement(ctx context.Context, id domain.AccountID, m domain.Month) (*domain.Statement, error) {
	f.mu.Lock()
	f.asked = append(f.asked, id)
	f.mu.Unlock()
	if f.hook != nil {
		f.hook(id)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := f.fail[id]; err != nil {
		return nil, err
	}
	s, ok := f.statements[id]
	if !ok || s.Month != m {
		return nil, domain.Errorf(domain.ENotFound, "account.not_found", "no account {{.ID}}", map[string]any{"ID": id})
	}
	return s, nil
}

func (f *fakeReceivables) StatementAccounts(ctx context.Context, m domain.Month) ([]domain.AccountID, error) {
	return f.order, nil
}

type fakeCompany struct {
	domain.CompanyService
	c domain.CompanySettings
}

func (f fakeCompany) FindCompany(context.Context) (*domain.CompanySettings, error) {
	c := f.c
	return &c, nil
}

var november = domain.Month{Year: 2026, Month: time.November}

// threeAccounts: K1 the hand statement, K/2 (a code with a slash) a long
// one, .K3 (a leading dot) a short one.
func threeAccounts() *fakeReceivables {
	f := &fakeReceivables{statements: map[domain.AccountID]*domain.Statement{}}
	for i, code := range []string{"K1", "K/2", ".K3"} {
		s := handStatement()
		if i == 1 {
			s = longStatement(120)
		}
		acct := *s.Account
		acct.ID, acct.Code = domain.AccountID(i+1), code
		s.Account = &acct
		f.statements[acct.ID] = s
		f.order = append(f.order, acct.ID)
	}
	return f
}

func printer(r domain.ReceivablesService) pdf.StatementPrinter {
	return pdf.StatementPrinter{Receivables: r, Company: fakeCompany{c: stmtSeller()}, Workers: 2}
}

func TestPrintBatchFiles(t *testing.T) {
	dir := t.TempDir()
	var seen []domain.BatchProgress
	var mu sync.Mutex
	res, err := printer(threeAccounts()).PrintBatch(context.Background(), november, domain.StatementFiles, dir, "pl",
		func(p domain.BatchProgress) { mu.Lock(); seen = append(seen, p); mu.Unlock() })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"%2EK3_2026-11.pdf", "K%2F2_2026-11.pdf", "K1_2026-11.pdf"}
	if res.Written != 3 || res.Cancelled || len(res.Failures) != 0 || len(res.Paths) != 3 {
		t.Fatalf("result %+v", res)
	}
	for i, name := range want {
		if res.Paths[i] != filepath.Join(dir, name) {
			t.Errorf("path %d = %s, want %s", i, res.Paths[i], name)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
			t.Errorf("%s is not a whole PDF (%v)", e.Name(), err)
		}
		if st, _ := e.Info(); st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v: statements are private", e.Name(), st.Mode().Perm())
		}
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("the folder holds %v, want %v (no temporary files left)", names, want)
	}
	// Each file is its account's statement: K/2's is the long one.
	k2, _ := os.ReadFile(filepath.Join(dir, want[1]))
	if pages := pdfPages(t, k2); len(pages) < 3 || !strings.Contains(strings.Join(pages[0], " "), "Kod klienta: K/2") {
		t.Errorf("K%%2F2's file: %d pages", len(pages))
	}
	if len(seen) != 3 || seen[2] != (domain.BatchProgress{Done: 3, Total: 3}) || seen[0].Done != 1 {
		t.Errorf("progress %v", seen)
	}
}

func TestPrintBatchFailuresAndSkips(t *testing.T) {
	f := threeAccounts()
	f.fail = map[domain.AccountID]error{2: errors.New("disk on fire")}
	quiet := &domain.Statement{Account: &domain.Account{ID: 4, AccountFields: domain.AccountFields{Code: "K4"}}, Month: november,
		Date: november.Last()}
	f.statements[4], f.order = quiet, append(f.order, 4, 5) // 5 is unknown
	res, err := printer(f).PrintBatch(context.Background(), november, domain.StatementFiles, t.TempDir(), "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 2 || res.Skipped != 1 || len(res.Failures) != 2 || res.Cancelled {
		t.Fatalf("result %+v", res)
	}
	if res.Failures[0].AccountCode != "#2" || !strings.Contains(res.Failures[0].Err.Error(), "disk on fire") ||
		res.Failures[1].AccountCode != "#5" || domain.ErrorCode(res.Failures[1].Err) != domain.ENotFound {
		t.Errorf("failures %+v", res.Failures)
	}
}

// TestPrintBatchCancel: cancelling after the second account stops the batch
// between accounts; what was written stays, whole, and is counted.
func TestPrintBatchCancel(t *testing.T) {
	f := &fakeReceivables{statements: map[domain.AccountID]*domain.Statement{}}
	for i := 1; i <= 40; i++ {
		s := handStatement()
		acct := *s.Account
		acct.ID, acct.Code = domain.AccountID(i), fmt.Sprintf("K%02d", i)
		s.Account = &acct
		f.statements[acct.ID], f.order = s, append(f.order, acct.ID)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f.hook = func(id domain.AccountID) {
		if id == 3 {
			cancel()
		}
	}
	dir := t.TempDir()
	res, err := printer(f).PrintBatch(ctx, november, domain.StatementFiles, dir, "pl", nil)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if !res.Cancelled || res.Written == 0 || res.Written >= 40 || len(entries) != res.Written || len(res.Failures) != 0 {
		t.Fatalf("result %+v with %d files", res, len(entries))
	}
	for _, e := range entries {
		if data, _ := os.ReadFile(filepath.Join(dir, e.Name())); !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
			t.Errorf("%s is not whole", e.Name())
		}
	}
	if n := len(f.asked); n > 3+2 {
		t.Errorf("%d statements built after cancelling at the third", n)
	}
}

func TestPrintBatchBadFolder(t *testing.T) {
	p := printer(threeAccounts())
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "plik.pdf")
	os.WriteFile(file, []byte("x"), 0o600)
	cases := map[string]struct {
		format domain.StatementFormat
		out    string
		key    string
	}{
		"missing":          {domain.StatementFiles, filepath.Join(t.TempDir(), "brak"), "batch.folder_missing"},
		"a file":           {domain.StatementFiles, file, "batch.not_folder"},
		"combined no dir":  {domain.StatementCombined, filepath.Join(t.TempDir(), "brak", "all.pdf"), "batch.folder_missing"},
		"combined is dir":  {domain.StatementCombined, t.TempDir(), "file.is_dir"},
		"combined in file": {domain.StatementCombined, filepath.Join(file, "all.pdf"), "batch.not_folder"},
	}
	for name, c := range cases {
		f := p.Receivables.(*fakeReceivables)
		f.asked = nil
		_, err := p.PrintBatch(ctx, november, c.format, c.out, "pl", nil)
		var de *domain.Error
		if !errors.As(err, &de) || de.Key != c.key || de.Code != domain.EInvalid {
			t.Errorf("%s: %v, want %s", name, err, c.key)
		}
		if len(f.asked) != 0 {
			t.Errorf("%s: %d statements built before failing", name, len(f.asked))
		}
	}
}

// TestPrintBatchReadOnlyFolder: a folder the user cannot write in fails the
// batch before any work, and leaves nothing in it.
func TestPrintBatchReadOnlyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	if f, err := os.CreateTemp(dir, "probe"); err == nil { // root, for one, writes anyway
		f.Close()
		os.Remove(f.Name())
		// Linux's /sys refuses new files even to root.
		if f, err := os.CreateTemp("/sys", "probe"); err == nil {
			f.Close()
			os.Remove(f.Name())
			t.Skip("chmod 0500 does not stop this user writing (running as root?) and /sys is writable")
		} else if errors.Is(err, fs.ErrNotExist) {
			t.Skip("chmod 0500 does not stop this user writing (running as root?) and there is no /sys")
		}
		dir = "/sys"
	}
	f := threeAccounts()
	for _, format := range []domain.StatementFormat{domain.StatementFiles, domain.StatementCombined} {
		out := dir
		if format == domain.StatementCombined {
			out = filepath.Join(dir, "all.pdf")
		}
		_, err := printer(f).PrintBatch(context.Background(), november, format, out, "pl", nil)
		var de *domain.Error
		if !errors.As(err, &de) || de.Key != "batch.folder_not_writable" || !strings.Contains(err.Error(), dir) {
			t.Errorf("format %d: %v", format, err)
		}
	}
	if len(f.asked) != 0 {
		t.Errorf("%d statements built", len(f.asked))
	}
	if entries, _ := os.ReadDir(dir); dir != "/sys" && len(entries) != 0 {
		t.Errorf("%d files left in the folder", len(entries))
	}
}

// TestPrintBatchCombined: one file, the accounts in order, each statement's
// pages numbered on their own.
func TestPrintBatchCombined(t *testing.T) {
	f := threeAccounts()
	out := filepath.Join(t.TempDir(), "listopad.pdf")
	res, err := printer(f).PrintBatch(context.Background(), november, domain.StatementCombined, out, "pl", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 3 || len(res.Paths) != 1 || res.Paths[0] != out {
		t.Fatalf("result %+v", res)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, data)
	long := len(pdfPages(t, renderStatement(t, stmtSeller(), f.statements[2], pdf.Options{})))
	if len(pages) != long+2 {
		t.Fatalf("%d pages, want %d", len(pages), long+2)
	}
	var codes []string
	for p, cells := range pages {
		text := strings.Join(cells, " ")
		if i := strings.Index(text, "Kod klienta: "); i >= 0 {
			codes = append(codes, strings.Fields(text[i+len("Kod klienta: "):])[0])
		}
		want := "Strona 1 z 1"
		if p >= 1 && p <= long {
			want = fmt.Sprintf("Strona %d z %d", p, long)
		}
		if !strings.Contains(text, want) {
			t.Errorf("page %d lacks %q", p+1, want)
		}
	}
	if strings.Join(codes, " ") != "K1 K/2 .K3" {
		t.Errorf("accounts in the order %v", codes)
	}
	// Cancelled, the combined file is not written at all.
	ctx, cancel := context.WithCancel(context.Background())
	f.hook = func(domain.AccountID) { cancel() }
	out2 := filepath.Join(filepath.Dir(out), "anulowany.pdf")
	res, err = printer(f).PrintBatch(ctx, november, domain.StatementCombined, out2, "pl", nil)
	if err != nil || !res.Cancelled || res.Written != 0 {
		t.Errorf("cancelled combined: %+v %v", res, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if strings.Join(names, " ") != "listopad.pdf" {
		t.Errorf("the folder holds %v", names)
	}
}

func TestPrintStatement(t *testing.T) {
	p := printer(threeAccounts())
	var b bytes.Buffer
	if err := p.PrintStatement(context.Background(), 1, november, "en", &b); err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(pdfCells(t, b.Bytes()), " "); !strings.Contains(text, "STATEMENT OF ACCOUNT") ||
		!strings.Contains(text, "Customer code: K1") {
		t.Errorf("not K1's English statement: %s", text)
	}
	if err := p.PrintStatement(context.Background(), 9, november, "pl", &b); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("an unknown account: %v", err)
	}
	c := stmtSeller()
	c.Logo = filepath.Join(t.TempDir(), "brak.png")
	p.Company = fakeCompany{c: c}
	p.Receivables.(*fakeReceivables).asked = nil
	_, err := p.PrintBatch(context.Background(), november, domain.StatementFiles, t.TempDir(), "pl", nil)
	if domain.ErrorCode(err) != domain.EInvalid || len(p.Receivables.(*fakeReceivables).asked) != 0 {
		t.Errorf("a batch with an unreadable logo: %v", err)
	}
}

func TestStatementFileName(t *testing.T) {
	for code, want := range map[string]string{"K1": "K1_2026-11.pdf", "HQ/WAW-01": "HQ%2FWAW-01_2026-11.pdf",
		".hidden": "%2Ehidden_2026-11.pdf", "a.b_c": "a.b_c_2026-11.pdf", "..": "%2E._2026-11.pdf", "ż": "%C5%BC_2026-11.pdf"} {
		if got := pdf.StatementFileName(code, november); got != want {
			t.Errorf("%q: %q, want %q", code, got, want)
		}
	}
}

// TestPrintBatchCombinedParts: past BookLimit statements the combined file is
// split into numbered parts, in the accounts' order, and a cancelled split
// batch leaves no part behind.
func TestPrintBatchCombinedParts(t *testing.T) {
	f := threeAccounts()
	dir := t.TempDir()
	p := printer(f)
	p.BookLimit = 2
	res, err := p.PrintBatch(context.Background(), november, domain.StatementCombined, filepath.Join(dir, "listopad.pdf"), "pl", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "listopad-1.pdf"), filepath.Join(dir, "listopad-2.pdf")}
	if res.Written != 3 || strings.Join(res.Paths, " ") != strings.Join(want, " ") {
		t.Fatalf("result %+v", res)
	}
	var codes []string
	for _, path := range want {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(pdfCells(t, data), " ")
		for _, c := range []string{"K1", "K/2", ".K3"} {
			if strings.Contains(text, "Kod klienta: "+c+" ") {
				codes = append(codes, c)
			}
		}
	}
	if strings.Join(codes, " ") != "K1 K/2 .K3" {
		t.Errorf("accounts in the parts: %v", codes)
	}

	ctx, cancel := context.WithCancel(context.Background())
	f.hook = func(id domain.AccountID) {
		if id == 3 {
			cancel()
		}
	}
	other := t.TempDir()
	res, err = p.PrintBatch(ctx, november, domain.StatementCombined, filepath.Join(other, "x.pdf"), "pl", nil)
	if err != nil || !res.Cancelled {
		t.Fatalf("cancelled: %+v %v", res, err)
	}
	if entries, _ := os.ReadDir(other); len(entries) != 0 {
		t.Errorf("a cancelled split batch left %d files", len(entries))
	}
}

// TestPrintBatchLeavesNothingStale: a killed batch's hidden temporary files
// were never removed, and a combined run left an earlier run's parts beside
// its single file. The next run of either kind tidies up.
func TestPrintBatchLeavesNothingStale(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".K1_2026-11.pdf.4242.tmp")
	if err := os.WriteFile(stale, []byte("%PDF-1.3 half"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := printer(threeAccounts()).PrintBatch(context.Background(), november, domain.StatementFiles, dir, "pl", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a killed batch's temporary file is still there")
	}

	// A split run, then a run that fits one file: its parts go.
	comb := t.TempDir()
	out := filepath.Join(comb, "wszystkie.pdf")
	p := printer(threeAccounts())
	p.BookLimit = 1
	if _, err := p.PrintBatch(context.Background(), november, domain.StatementCombined, out, "pl", nil); err != nil {
		t.Fatal(err)
	}
	p.BookLimit = 0
	if _, err := p.PrintBatch(context.Background(), november, domain.StatementCombined, out, "pl", nil); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(comb); len(entries) != 1 || entries[0].Name() != "wszystkie.pdf" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after a single-file run the folder holds %v", names)
	}
	// And back: two parts replace the single file, and no third from before.
	p.BookLimit = 2
	if _, err := p.PrintBatch(context.Background(), november, domain.StatementCombined, out, "pl", nil); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(comb)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "wszystkie-1.pdf wszystkie-2.pdf" {
		t.Errorf("after a two-part run the folder holds %v", names)
	}
}
