package team

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store"
	"kontor/store/storetest"
)

// laptop is one person's Kontor file and team service.
type laptop struct {
	t   *testing.T
	db  *store.DB
	svc *Service
	who person
}

func newLaptop(t *testing.T, who person) *laptop {
	t.Helper()
	dir := t.TempDir()
	path := storetest.PathIn(t, dir, "kontor.db")
	db := storetest.OpenAt(t, path, store.Options{})
	return &laptop{t: t, db: db, svc: New(db, FileCredentials{Path: filepath.Join(dir, "kontor.db.team-secret")}), who: who}
}

func (l *laptop) join(tt *testTeam) *domain.SyncResult {
	l.t.Helper()
	res, err := l.svc.Join(context.Background(), domain.TeamJoin{URL: tt.db.URL("", ""), Login: l.who.login, Password: l.who.password})
	if err != nil {
		l.t.Fatalf("%s joins: %v", l.who.name, err)
	}
	return res
}

func (l *laptop) sync() *domain.SyncResult {
	l.t.Helper()
	res, err := l.svc.Sync(context.Background())
	if err != nil {
		l.t.Fatalf("%s syncs: %v", l.who.name, err)
	}
	return res
}

func (l *laptop) exec(q string, args ...any) {
	l.t.Helper()
	err := l.db.WriteTx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(context.Background(), q, args...)
		return err
	})
	if err != nil {
		l.t.Fatalf("%s: %s: %v", l.who.name, q, err)
	}
}

func (l *laptop) value(q string, args ...any) string {
	l.t.Helper()
	var v sql.NullString
	err := l.db.ReadTx(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRowContext(context.Background(), q, args...).Scan(&v)
	})
	if err != nil && err != sql.ErrNoRows {
		l.t.Fatalf("%s: %s: %v", l.who.name, q, err)
	}
	return v.String
}

// waitingInRows checks that want changes wait, all of them in the rows
// (kept.go): none in the outbox yet.
func (l *laptop) waitingInRows(want int, when string) {
	l.t.Helper()
	st, err := l.svc.Status(context.Background())
	if err != nil || st.Waiting != want {
		l.t.Fatalf("%s: %d changes waiting (%v), want %d", when, st.Waiting, err, want)
	}
	if n := l.count(`SELECT count(*) FROM team_outbox`); n != 0 {
		l.t.Fatalf("%s: the outbox holds %d changes", when, n)
	}
}

func (l *laptop) count(q string, args ...any) int {
	l.t.Helper()
	var n int
	fmt.Sscan(l.value(q, args...), &n)
	return n
}

func (l *laptop) createAccount(code, name, owner string) domain.AccountID {
	l.t.Helper()
	a, err := store.NewAccountService(l.db).CreateAccount(context.Background(), domain.AccountFields{Code: code, Name: name, Owner: owner,
		Country: "PL", Currency: "PLN", PaymentTerms: domain.PaymentTerms{Days: 30}})
	if err != nil {
		l.t.Fatalf("%s creates %s: %v", l.who.name, code, err)
	}
	return a.ID
}

func (l *laptop) createContact(account domain.AccountID, first, last string) {
	l.t.Helper()
	if _, err := store.NewContactService(l.db).CreateContact(context.Background(), account, domain.ContactFields{FirstName: first, LastName: last}); err != nil {
		l.t.Fatalf("%s creates contact: %v", l.who.name, err)
	}
}

func (l *laptop) conflicts() []domain.Conflict {
	l.t.Helper()
	c, err := l.svc.Conflicts(context.Background())
	if err != nil {
		l.t.Fatal(err)
	}
	return c
}

// dump renders the synced data of a file, by uid, for comparing files.
func (l *laptop) dump(accountsOf string) string {
	l.t.Helper()
	var b strings.Builder
	for _, s := range specs {
		var lines []string
		err := l.db.ReadTx(context.Background(), func(tx *sql.Tx) error {
			q := `SELECT t.` + s.keyCol + `, ` + s.rowArray("t") + ` FROM ` + s.name + ` t WHERE ` + s.whereOn("t")
			rows, err := tx.QueryContext(context.Background(), q)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var k, v string
				if err := rows.Scan(&k, &v); err != nil {
					return err
				}
				lines = append(lines, s.name+" "+k+" "+v)
			}
			return rows.Err()
		})
		if err != nil {
			l.t.Fatal(err)
		}
		sort.Strings(lines)
		for _, x := range lines {
			b.WriteString(x + "\n")
		}
	}
	return b.String()
}

// publishedTeam is a team whose back office published a starting file: two
// accounts of Anna's (one with a contact) and one of Bob's.
func publishedTeam(t *testing.T) (*testTeam, *laptop) {
	t.Helper()
	tt := newTeam(t)
	bo := newLaptop(t, tt.people["beata"])
	a1 := bo.createAccount("A1", "Hurtownia Łódź", "Anna Nowak")
	bo.createContact(a1, "Jan", "Kowalski")
	bo.createAccount("A2", "Sklep Żyrardów", "Anna Nowak")
	bo.createAccount("B1", "Bobex", "Bob Kowalski")
	bo.exec(`INSERT INTO settings (key, value) VALUES ('company.name', 'Kontor Sp. z o.o.')`)
	if _, err := Publish(context.Background(), bo.db, tt.db.AdminURL()); err != nil {
		t.Fatalf("publish: %v", err)
	}
	if _, err := Publish(context.Background(), bo.db, tt.db.AdminURL()); domain.ErrorCode(err) != domain.EConflict {
		t.Fatalf("publishing again: %v, want refused", err)
	}
	res := bo.join(tt)
	if res.Conflicts != 0 || res.Pushed != 0 {
		t.Fatalf("the publishing file joins with %+v, want nothing to push and no conflicts", res)
	}
	return tt, bo
}

func TestJoinSeesWhatTheRoleMay(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	anna := newLaptop(t, tt.people["anna"])
	anna.join(tt)
	if got := anna.value(`SELECT group_concat(code, ',') FROM (SELECT code FROM accounts ORDER BY code)`); got != "A1,A2" {
		t.Errorf("Anna's file has accounts %q, want A1,A2", got)
	}
	if n := anna.count(`SELECT count(*) FROM contacts`); n != 1 {
		t.Errorf("Anna's file has %d contacts, want 1", n)
	}
	if got := anna.value(`SELECT value FROM settings WHERE key = 'company.name'`); got != "Kontor Sp. z o.o." {
		t.Errorf("team settings in Anna's file: %q", got)
	}
	// Search works on pulled rows (derived columns written).
	hits, err := store.NewAccountService(anna.db).SearchAccounts(context.Background(), domain.SearchQuery{Text: "lodz", Limit: 10})
	if err != nil || len(hits) != 1 {
		t.Errorf("search lodz in Anna's file: %v %v", hits, err)
	}
	if d1, d2 := bo.dump(""), bo.dump(""); d1 != d2 {
		t.Fatal("dump is not stable")
	}
}

func TestFieldMergeAndConflict(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	anna := newLaptop(t, tt.people["anna"])
	anna.join(tt)
	// Offline, both edit A1: different fields merge; the same field conflicts.
	anna.exec(`UPDATE accounts SET phone = '111', notes = 'Anna''s note' WHERE code = 'A1'`)
	bo.exec(`UPDATE accounts SET email = 'biuro@a1.pl', notes = 'Beata''s note' WHERE code = 'A1'`)
	bo.sync()
	res := anna.sync()
	if res.Conflicts != 1 {
		t.Errorf("Anna's round: %+v, want 1 conflict", res)
	}
	bo.sync()
	for _, l := range []*laptop{anna, bo} {
		got := l.value(`SELECT phone || '|' || email || '|' || notes FROM accounts WHERE code = 'A1'`)
		if got != "111|biuro@a1.pl|Beata's note" {
			t.Errorf("%s's A1 = %q", l.who.name, got)
		}
	}
	c := anna.conflicts()
	if len(c) != 1 || c[0].Field != "notes" || c[0].Kept != "Beata's note" || c[0].Lost != "Anna's note" || c[0].Who != "Beata Zając" ||
		!strings.Contains(c[0].Record, "A1") {
		t.Fatalf("Anna's conflicts: %+v", c)
	}
	// Keep mine: her value becomes a new change and wins on every machine.
	if err := anna.svc.Resolve(context.Background(), c[0].ID, domain.KeepMine); err != nil {
		t.Fatal(err)
	}
	anna.sync()
	bo.sync()
	if got := bo.value(`SELECT notes FROM accounts WHERE code = 'A1'`); got != "Anna's note" {
		t.Errorf("after keep-mine, the back office has notes %q", got)
	}
	if len(anna.conflicts()) != 0 {
		t.Error("the resolved conflict is still listed")
	}
	if bo.dump("") != anna.dump("") {
		// Anna sees less than the back office; compare what she has.
		if !strings.Contains(bo.dump(""), strings.Split(anna.dump(""), "\n")[0]) {
			t.Error("Anna's rows differ from the back office's")
		}
	}
}

func TestRefusedChangeDoesNotBlockOthers(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	anna := newLaptop(t, tt.people["anna"])
	anna.join(tt)
	anna.exec(`UPDATE accounts SET credit_limit_minor = 999900 WHERE code = 'A1'`) // not hers to change
	anna.exec(`UPDATE accounts SET phone = '222' WHERE code = 'A2'`)
	res := anna.sync()
	if res.Refused != 1 || res.Pushed != 2 {
		t.Errorf("round: %+v, want 2 pushed, 1 refused", res)
	}
	bo.sync()
	if got := bo.value(`SELECT phone FROM accounts WHERE code = 'A2'`); got != "222" {
		t.Errorf("the change behind the refused one did not arrive: %q", got)
	}
	if got := anna.value(`SELECT credit_limit_minor FROM accounts WHERE code = 'A1'`); got != "0" {
		t.Errorf("Anna's file keeps the refused credit limit %q, want the server's 0 again", got)
	}
	ref, err := anna.svc.Refused(context.Background())
	if err != nil || len(ref) != 1 || ref[0].Fields["credit_limit"] != "9999.00" || !strings.Contains(ref[0].Reason, "role") {
		t.Errorf("refused list: %+v %v", ref, err)
	}
}

func TestReassignmentMovesTheAccount(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	anna := newLaptop(t, tt.people["anna"])
	anna.join(tt)
	bob := newLaptop(t, tt.people["bob"])
	bob.join(tt)
	bo.exec(`INSERT INTO contacts (account_id, first_name, last_name, name_key, search_text, created_at, updated_at)
		SELECT id, 'Ewa', 'Bobowa', x'00', 'ewa', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM accounts WHERE code = 'B1'`)
	bo.sync()
	bob.sync()
	// Bob edits B1 offline while the manager moves it to Anna.
	bob.exec(`UPDATE accounts SET phone = '333' WHERE code = 'B1'`)
	maria := newLaptop(t, tt.people["maria"])
	maria.join(tt)
	maria.exec(`UPDATE accounts SET owner = 'Anna Nowak' WHERE code = 'B1'`)
	maria.sync()
	res := bob.sync()
	if res.Removed != 1 {
		t.Errorf("Bob's round: %+v, want the account removed", res)
	}
	if n := bob.count(`SELECT count(*) FROM accounts`); n != 0 {
		t.Errorf("Bob's file still has %d accounts", n)
	}
	anna.sync()
	if n := anna.count(`SELECT count(*) FROM contacts WHERE account_id = (SELECT id FROM accounts WHERE code = 'B1')`); n != 1 {
		t.Errorf("Anna got B1 with %d contacts, want its 1 (backfill)", n)
	}
	// Bob's edit made before the move was pushed... or refused and kept.
	ref, _ := bob.svc.Refused(context.Background())
	phone := anna.value(`SELECT phone FROM accounts WHERE code = 'B1'`)
	if phone != "333" && len(ref) != 1 {
		t.Errorf("Bob's offline edit is lost: phone %q, refused %+v", phone, ref)
	}
}

func TestDeleteArchiveAndTaskConflicts(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	maria := newLaptop(t, tt.people["maria"])
	maria.join(tt)
	// A task: done on one side, rescheduled on the other.
	bo.exec(`INSERT INTO activities (account_id, kind, occurred_at, subject, due_on, created_at, updated_at)
		SELECT id, 'task', '2026-11-02T09:00:00Z', 'Zadzwonić', '2026-11-10', '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z' FROM accounts WHERE code = 'A1'`)
	bo.sync()
	maria.sync()
	bo.exec(`UPDATE activities SET done = 1 WHERE subject = 'Zadzwonić'`)
	maria.exec(`UPDATE activities SET due_on = '2026-11-20' WHERE subject = 'Zadzwonić'`)
	// An account archived on one side, edited on the other.
	bo.exec(`UPDATE accounts SET archived = 1 WHERE code = 'A2'`)
	maria.exec(`UPDATE accounts SET phone = '444' WHERE code = 'A2'`)
	// A contact deleted on one side, edited on the other; and the reverse.
	bo.exec(`DELETE FROM contacts WHERE last_name = 'Kowalski'`)
	maria.exec(`UPDATE contacts SET phone = '555' WHERE last_name = 'Kowalski'`)
	bo.sync()
	res := maria.sync()
	if res.Conflicts != 3 {
		t.Errorf("round: %+v, want 3 conflicts", res)
	}
	bo.sync()
	byField := map[string]domain.Conflict{}
	for _, c := range maria.conflicts() {
		byField[c.Table+"."+c.Field] = c
	}
	if c, ok := byField["activities.due_on"]; !ok || c.Lost != "2026-11-20" || c.Kept != "2026-11-10" {
		t.Errorf("done vs rescheduled: %+v", byField)
	}
	if c, ok := byField["accounts.phone"]; !ok || c.Lost != "444" {
		t.Errorf("archived vs edited: %+v", byField)
	}
	if c, ok := byField["contacts."]; !ok || c.Kind != domain.ConflictDeleted || !strings.Contains(c.Lost, "555") {
		t.Errorf("deleted vs edited: %+v", byField)
	}
	for _, l := range []*laptop{bo, maria} {
		got := l.value(`SELECT (SELECT done || ' ' || due_on FROM activities WHERE subject = 'Zadzwonić') || ' ' ||
			(SELECT archived || ' ' || phone FROM accounts WHERE code = 'A2') || ' ' || (SELECT count(*) FROM contacts)`)
		if got != "1 2026-11-10 1  0" {
			t.Errorf("%s: %q", l.who.name, got)
		}
	}
	// Keep mine on the deleted contact brings it back everywhere.
	if err := maria.svc.Resolve(context.Background(), byField["contacts."].ID, domain.KeepMine); err != nil {
		t.Fatal(err)
	}
	maria.sync()
	bo.sync()
	if got := bo.value(`SELECT phone FROM contacts WHERE last_name = 'Kowalski'`); got != "555" {
		t.Errorf("the contact kept by Maria: phone %q on the back office", got)
	}
	// Edited there, deleted here: the server's row stands.
	bo.exec(`UPDATE contacts SET role = 'szef' WHERE last_name = 'Kowalski'`)
	maria.exec(`DELETE FROM contacts WHERE last_name = 'Kowalski'`)
	bo.sync()
	maria.sync()
	if n := maria.count(`SELECT count(*) FROM contacts WHERE role = 'szef'`); n != 1 {
		t.Errorf("the contact edited on the server and deleted here: %d on the laptop, want it back", n)
	}
}

func TestNothingWrittenWhenRefusedAtLogin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tt, _ := publishedTeam(t)
	anna := newLaptop(t, tt.people["anna"])
	anna.join(tt)
	anna.exec(`UPDATE accounts SET phone = '1' WHERE code = 'A1'`)
	admin := tt.admin(t)
	head := func() int { return count(t, admin, `SELECT seq FROM kontor.head`) }
	before := head()
	mustExec(t, admin, `UPDATE kontor.meta SET version = version + 1`)
	_, err := anna.svc.Sync(ctx)
	if e, ok := domain.AsError(err); !ok || e.Key != "team.server_newer" {
		t.Errorf("sync against a newer server: %v", err)
	}
	mustExec(t, admin, `UPDATE kontor.meta SET version = version - 1`)
	st, _ := anna.svc.Status(ctx)
	if st.Waiting != 1 || head() != before {
		t.Errorf("after the refused round: %d changes waiting, head %d → %d", st.Waiting, before, head())
	}
	if st.LastError == nil || st.Offline() {
		t.Errorf("status after a version mismatch: %+v", st)
	}
	// A disabled login keeps its file but can no longer sync.
	mustExec(t, admin, `ALTER ROLE `+tt.people["anna"].login+` NOLOGIN`)
	if _, err := anna.svc.Sync(ctx); domain.ErrorCode(err) != domain.EInvalid || !strings.Contains(err.Error(), "disabled") {
		t.Errorf("sync with a disabled login: %v, want the login named disabled", err)
	}
	if n := anna.count(`SELECT count(*) FROM accounts`); n != 2 {
		t.Errorf("the disabled rep's file has %d accounts, want 2 still", n)
	}
	mustExec(t, admin, `ALTER ROLE `+tt.people["anna"].login+` LOGIN`)
	// Changing the password through her own login; the next round uses the new one.
	if err := anna.svc.ChangePassword(ctx, "nowe'Hasło-2026"); err != nil {
		t.Fatal(err)
	}
	anna.sync()
	if _, err := openSession(ctx, tt.people["anna"].url(tt), "", ""); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("the old password still works: %v", err)
	}
}

type brokenKeyring struct{ sets int }

func (b *brokenKeyring) get(string, string) (string, error) { return "", fmt.Errorf("locked") }
func (b *brokenKeyring) set(string, string, string) error {
	b.sets++
	return fmt.Errorf("locked")
}

func TestCredentialsFallBackToAPrivateFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kontor.db.team-secret")
	k := &brokenKeyring{}
	c := keyringCredentials{keyring: k, fallback: FileCredentials{Path: path}}
	if err := c.SetPassword("postgres://h/db", "anna", "sekret-1"); err != nil {
		t.Fatal(err)
	}
	if pw, err := c.Password("postgres://h/db", "anna"); err != nil || pw != "sekret-1" || k.sets != 1 {
		t.Errorf("password %q %v (keyring tried %d times)", pw, err, k.sets)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the password file: %v", err)
	}
}

// TestManyRowsAtOnce: pulls of more than stageFrom rows go through the
// temporary table; the rows, their search and their references are as one
// by one.
func TestManyRowsAtOnce(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	maria := newLaptop(t, tt.people["maria"])
	maria.join(tt)
	for i := 0; i < 150; i++ {
		bo.createAccount(fmt.Sprintf("M%03d", i), fmt.Sprintf("Młyn %03d", i), "Anna Nowak")
	}
	bo.exec(`UPDATE accounts SET parent_id = (SELECT id FROM accounts WHERE code = 'M000') WHERE code > 'M100'`)
	bo.sync()
	maria.sync()
	bo.exec(`UPDATE accounts SET name = 'Żuraw ' || code, city = 'Łask' WHERE code LIKE 'M%'`)
	bo.exec(`INSERT INTO activities (account_id, kind, occurred_at, subject, created_at, updated_at)
		SELECT id, 'call', '2026-11-06T10:00:00Z', 'Dostawa ' || code, '2026-11-06T10:00:00Z', '2026-11-06T10:00:00Z' FROM accounts WHERE code LIKE 'M%'`)
	bo.sync()
	if res := maria.sync(); res.Pulled < 300 {
		t.Errorf("round: %+v, want 300 rows pulled", res)
	}
	if bo.dump("") != maria.dump("") {
		t.Error("the files differ after a big pull")
	}
	hits, err := store.NewAccountService(maria.db).SearchAccounts(context.Background(), domain.SearchQuery{Text: "zuraw m14", Limit: 50})
	if err != nil || len(hits) != 10 {
		t.Errorf("search after a big pull: %d hits, %v", len(hits), err)
	}
	if n := maria.count(`SELECT count(*) FROM accounts WHERE parent_id = (SELECT id FROM accounts WHERE code = 'M000')`); n != 49 {
		t.Errorf("%d branches of M000, want 49", n)
	}
	if got := maria.value(`SELECT last_contact_at FROM accounts WHERE code = 'M007'`); got != "2026-11-06T10:00:00Z" {
		t.Errorf("last contact of M007: %q", got)
	}
	found, err := store.NewActivityService(maria.db).SearchHistory(context.Background(), "dostawa m123", 10)
	if err != nil || len(found) != 1 {
		t.Errorf("history search after a big pull: %v %v", found, err)
	}
	// A big pull of edited activities reindexes them in bulk.
	bo.exec(`UPDATE activities SET subject = replace(subject, 'Dostawa', 'Odbiór') WHERE subject LIKE 'Dostawa M%'`)
	bo.sync()
	maria.sync()
	for q, want := range map[string]int{"odbior m123": 1, "dostawa m123": 0} {
		found, err := store.NewActivityService(maria.db).SearchHistory(context.Background(), q, 10)
		if err != nil || len(found) != want {
			t.Errorf("history search %q after edits: %d hits, want %d (%v)", q, len(found), want, err)
		}
	}
	if bo.dump("") != maria.dump("") {
		t.Error("the files differ after a big pull of edits")
	}
	// A big pull that changes no searched column writes only what changed:
	// the search still finds the rows, the last contact follows the kind.
	bo.exec(`UPDATE activities SET kind = 'note' WHERE subject LIKE 'Odbiór M%'`)
	bo.sync()
	maria.sync()
	if found, err := store.NewActivityService(maria.db).SearchHistory(context.Background(), "odbior m123", 10); err != nil || len(found) != 1 {
		t.Errorf("history search after a big pull of kinds: %v %v", found, err)
	}
	if got := maria.value(`SELECT coalesce(last_contact_at, 'none') FROM accounts WHERE code = 'M007'`); got != "none" {
		t.Errorf("last contact of M007 after its call became a note: %q", got)
	}
	if bo.dump("") != maria.dump("") {
		t.Error("the files differ after a big pull of kinds")
	}
	bo.exec(`UPDATE activities SET kind = 'call' WHERE subject LIKE 'Odbiór M%'`)
	// A new file joining now is filled in batches, the activities in the
	// order of their dates (out of order here) for the history index.
	bo.exec(`UPDATE activities SET occurred_at = printf('2026-%02d-%02dT09:00:00Z', 1 + id % 11, 1 + (id * 7) % 28) WHERE subject LIKE 'Odbiór M%'`)
	bo.sync()
	fresh := newLaptop(t, tt.people["maria"])
	fresh.join(tt)
	if bo.dump("") != fresh.dump("") {
		t.Error("a file joined in batches differs from the team's")
	}
	for q, want := range map[string]int{"odbior m123": 1, "odbior": 10, "dostawa m123": 0} {
		found, err := store.NewActivityService(fresh.db).SearchHistory(context.Background(), q, 10)
		if err != nil || len(found) != want {
			t.Errorf("history search %q in a joined file: %d hits, want %d (%v)", q, len(found), want, err)
		}
	}
	if got, want := fresh.value(`SELECT last_contact_at FROM accounts WHERE code = 'M007'`),
		bo.value(`SELECT last_contact_at FROM accounts WHERE code = 'M007'`); got != want || got == "" {
		t.Errorf("last contact of M007 in a joined file: %q, want %q", got, want)
	}
	if n := fresh.count(`SELECT count(*) FROM accounts WHERE parent_id = (SELECT id FROM accounts WHERE code = 'M000')`); n != 49 {
		t.Errorf("%d branches of M000 in a joined file, want 49", n)
	}
}

// TestJoinExistingFile: a single-user file joins the team. Its account with a
// team's code becomes that account (the team's values stand, each difference
// listed), a product is matched by SKU, a group by name, and what the team
// lacked is pushed.
func TestJoinExistingFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tt, bo := publishedTeam(t)
	bo.exec(`INSERT INTO products (sku, name, name_key, list_price_e4, vat_rate, search_text, created_at, updated_at)
		VALUES ('SKU-9', 'Wiertarka', x'00', 1000000, '23', 'sku-9', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
	bo.exec(`UPDATE accounts SET customer_group = 'Hurt' WHERE code = 'A1'`)
	bo.sync()
	maria := newLaptop(t, tt.people["maria"])
	a1 := maria.createAccount("A1", "Hurtownia Łódź", "Anna Nowak")
	maria.exec(`UPDATE accounts SET phone = '600100200', customer_group = 'Hurt' WHERE id = ?`, int64(a1))
	maria.createContact(a1, "Ewa", "Lokalna")
	maria.createAccount("LOC1", "Tylko u Marii", "Maria Wiśniewska")
	maria.exec(`INSERT INTO products (sku, name, name_key, list_price_e4, vat_rate, search_text, created_at, updated_at)
		VALUES ('sku-9', 'Wiertarka udarowa', x'00', 990000, '23', 'sku-9', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
	res := maria.join(tt)
	if res.Conflicts < 3 || res.Pushed < 2 {
		t.Errorf("join: %+v, want the differences listed and the file's own rows pushed", res)
	}
	got := map[string]domain.Conflict{}
	for _, c := range maria.conflicts() {
		got[c.Table+"."+c.Field] = c
	}
	if c := got["accounts.phone"]; c.Kind != domain.ConflictJoined || c.Lost != "600100200" || c.Kept != "" {
		t.Errorf("phone: %+v", got)
	}
	if c := got["products.name"]; c.Lost != "Wiertarka udarowa" || c.Kept != "Wiertarka" {
		t.Errorf("product name: %+v", got)
	}
	if c := got["products.list_price"]; c.Lost != "99" || c.Kept != "100" {
		t.Errorf("list price: %+v", got)
	}
	bo.sync()
	for _, l := range []*laptop{bo, maria} {
		if n := l.count(`SELECT count(*) FROM accounts WHERE code IN ('A1', 'LOC1')`); n != 2 {
			t.Errorf("%s has %d of A1 and LOC1", l.who.name, n)
		}
		if n := l.count(`SELECT count(*) FROM customer_groups WHERE name = 'Hurt'`); n != 1 {
			t.Errorf("%s has %d groups Hurt", l.who.name, n)
		}
		if n := l.count(`SELECT count(*) FROM products WHERE sku LIKE 'sku-9'`); n != 1 {
			t.Errorf("%s has %d products SKU-9", l.who.name, n)
		}
	}
	if n := bo.count(`SELECT count(*) FROM contacts WHERE last_name = 'Lokalna'`); n != 1 {
		t.Errorf("the file's own contact reached the back office %d times", n)
	}
	if bo.dump("") != maria.dump("") {
		t.Error("the joined file differs from the back office's")
	}
	if _, err := maria.svc.Join(ctx, domain.TeamJoin{URL: "postgres://127.0.0.1:1/other", Login: "x", Password: "y"}); err == nil {
		t.Error("joining a second team was allowed")
	}
}

// TestNewActivityIsFoundWhenPushed: a new activity is not logged when it is
// written; the push finds it by its missing uid, as it stands then, and
// writes its uid into it. One deleted before the push never reaches the
// server, and one that takes the id of a pushed activity deleted meanwhile
// (SQLite gives the highest id again) is found all the same.
func TestNewActivityIsFoundWhenPushed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tt, bo := publishedTeam(t)
	anna := newLaptop(t, tt.people["anna"])
	anna.join(tt)
	account := anna.value(`SELECT id FROM accounts WHERE code = 'A1'`)
	logCall := func(subject string) string {
		anna.exec(`INSERT INTO activities (account_id, kind, occurred_at, subject, created_at, updated_at)
			VALUES (?, 'call', '2026-11-06T10:00:00Z', ?, '2026-11-06T10:00:00Z', '2026-11-06T10:00:00Z')`, account, subject)
		return anna.value(`SELECT id FROM activities WHERE subject = ?`, subject)
	}
	waiting := anna.waitingInRows
	kept := logCall("Rozmowa o rabacie")
	if uid := anna.value(`SELECT coalesce(uid, 'none') FROM activities WHERE id = ?`, kept); uid != "none" {
		t.Fatalf("a new activity has its uid %q before the push", uid)
	}
	waiting(1, "a new activity")
	anna.exec(`UPDATE activities SET notes = 'Rabat 5 %' WHERE id = ?`, kept)
	waiting(1, "the new activity edited")
	gone := logCall("Pomyłka")
	anna.exec(`DELETE FROM activities WHERE id = ?`, gone)
	waiting(1, "another new one deleted")
	anna.sync()
	named := anna.value(`SELECT coalesce(uid, '') FROM activities WHERE id = ?`, kept)
	if named == "" {
		t.Fatal("the pushed activity has no uid")
	}
	top := logCall("Ostatnia")
	anna.sync()
	topUID := anna.value(`SELECT uid FROM activities WHERE id = ?`, top)
	anna.exec(`DELETE FROM activities WHERE id = ?`, top)
	again := logCall("Oferta wysłana")
	if again != top {
		t.Fatalf("the new activity has id %s, the deleted one had %s: the test needs the id taken again", again, top)
	}
	if st, err := anna.svc.Status(ctx); err != nil || st.Waiting != 2 {
		t.Fatalf("a pushed activity deleted, a new one in its id: %d changes waiting (%v), want 2", st.Waiting, err)
	}
	anna.sync()
	if got := anna.value(`SELECT coalesce(uid, '') FROM activities WHERE id = ?`, again); got == topUID || got == "" {
		t.Errorf("the activity that took a deleted one's id has uid %q (the deleted one's: %q)", got, topUID)
	}
	bo.sync()
	if got := bo.value(`SELECT notes FROM activities WHERE uid = ?`, named); got != "Rabat 5 %" {
		t.Errorf("the back office has the edited activity's notes %q", got)
	}
	for subject, want := range map[string]int{"Pomyłka": 0, "Ostatnia": 0, "Oferta wysłana": 1} {
		if n := bo.count(`SELECT count(*) FROM activities WHERE subject = ?`, subject); n != want {
			t.Errorf("the back office has %q %d times, want %d", subject, n, want)
		}
	}
	history := `SELECT group_concat(x, ' | ') FROM (SELECT a.uid || ' ' || a.subject || ' ' || a.notes AS x
		FROM activities a JOIN accounts c ON c.id = a.account_id WHERE c.code = 'A1' ORDER BY a.uid)`
	if got, want := anna.value(history), bo.value(history); got != want {
		t.Errorf("A1's history on Anna's laptop:\n%s\nin the back office:\n%s", got, want)
	}
}

// TestEditsWaitInTheirRow: an edit of a synced row writes no change of its
// own; the row keeps what the server had before its first edit, and the push
// sends one change against that. Later edits are part of the same change,
// a row edited back to what it was is no change, and a row edited and then
// deleted is deleted against the server's version: no conflict unless
// someone else changed it.
func TestEditsWaitInTheirRow(t *testing.T) {
	t.Parallel()
	tt, bo := publishedTeam(t)
	anna := newLaptop(t, tt.people["anna"])
	anna.join(tt)
	waiting := anna.waitingInRows
	anna.exec(`UPDATE accounts SET phone = '111' WHERE code = 'A1'`)
	anna.exec(`UPDATE accounts SET phone = '222', notes = 'Anna' WHERE code = 'A1'`)
	waiting(1, "A1 edited twice")
	anna.exec(`UPDATE accounts SET city = 'Radom' WHERE code = 'A2'`)
	anna.exec(`UPDATE accounts SET city = (SELECT city FROM accounts WHERE code = 'A1') WHERE code = 'A2'`)
	anna.exec(`UPDATE accounts SET city = 'Radom' WHERE code = 'A2'`)
	city := bo.value(`SELECT city FROM accounts WHERE code = 'A2'`)
	anna.exec(`UPDATE accounts SET city = ? WHERE code = 'A2'`, city)
	waiting(1, "A2 edited back to what it was")
	bo.exec(`UPDATE accounts SET email = 'biuro@a1.pl' WHERE code = 'A1'`)
	// Anna edits a contact and deletes it; nobody else touched it.
	anna.exec(`UPDATE contacts SET phone = '555' WHERE last_name = 'Kowalski'`)
	anna.exec(`DELETE FROM contacts WHERE last_name = 'Kowalski'`)
	bo.sync()
	if res := anna.sync(); res.Conflicts != 0 || res.Pushed != 2 {
		t.Errorf("Anna's round: %+v, want 2 changes pushed and no conflict", res)
	}
	bo.sync()
	for _, l := range []*laptop{anna, bo} {
		got := l.value(`SELECT phone || '|' || email || '|' || notes || '|' || (SELECT count(*) FROM contacts WHERE last_name = 'Kowalski')
			FROM accounts WHERE code = 'A1'`)
		if got != "222|biuro@a1.pl|Anna|0" {
			t.Errorf("%s: A1 and Kowalski: %q", l.who.name, got)
		}
	}
	if n := anna.count(`SELECT count(*) FROM accounts WHERE team_old IS NOT NULL`) + anna.count(`SELECT count(*) FROM team_marks`); n != 0 {
		t.Errorf("%d marks left after the push", n)
	}
	waiting(0, "after the round")
}
