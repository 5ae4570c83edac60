package store_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/xfer"
)

func importActivities(t testing.TB, db *store.DB, src string) (store.ImportSummary, error) {
	t.Helper()
	loc, err := store.NewTransfer(db).Location(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f, err := xfer.ReadActivities("activities.csv", strings.NewReader(src), loc)
	if err != nil {
		return store.ImportSummary{}, err
	}
	return store.NewTransfer(db).ImportActivities(context.Background(), f)
}

func mustImportActivities(t testing.TB, db *store.DB, src string) store.ImportSummary {
	t.Helper()
	sum, err := importActivities(t, db, src)
	if err != nil {
		t.Fatalf("import activities: %v", err)
	}
	return sum
}

func exportActivities(t testing.TB, db *store.DB) string {
	t.Helper()
	var b bytes.Buffer
	w, err := xfer.NewWriter(xfer.CSV, &b, xfer.ActivitySchema)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := store.NewTransfer(db).Location(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.NewTransfer(db).ExportActivities(context.Background(), func(a *domain.Activity) error {
		return w.Write(xfer.ActivityCells(a, loc))
	}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// seedHistory stores K1 and K2 with a contact each.
func seedHistory(t *testing.T, db *store.DB) {
	t.Helper()
	seedAccounts(t, db)
	mustImport(t, db, "contacts", "account_code,first_name,last_name,email\n"+
		"K1,Jan,Kowalski,jan@hurt.pl\nK2,Ewa,Łęcka,ewa@krakow.pl\n")
}

const activitiesHeader = "account_code,date,kind,subject,notes,contact_email,due_date,done,outcome,logged_by\n"

// exportHeader is what an export writes: the contract's columns, contact_name among them.
const exportHeader = "account_code,date,kind,subject,notes,contact_email,contact_name,due_date,done,outcome,logged_by\n"

// warsaw is the company's time zone unless Settings say otherwise.
var warsaw = func() *time.Location {
	loc, err := time.LoadLocation(domain.DefaultTimeZone)
	if err != nil {
		panic(err)
	}
	return loc
}()

func TestImportActivities(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	seedHistory(t, db)
	src := activitiesHeader +
		"K1,2026-11-20 10:30,call,Rozmowa o warunkach dostawy,\"Klient pyta o palety.\nOdpowiedź do piątku.\",JAN@hurt.pl,,,Oferta do wysłania,Anna Nowak\n" +
		"k1,21.11.2026 9:05,zadanie,Wysłać ofertę,,jan@hurt.pl,30.11.2026,false,,\n" +
		"K2,2026-11-22,note,Notatka ze spotkania,Ewa zmienia magazyn.,,,,,\n" +
		"K2,2026-11-23 08:00,task,Sprawdzić płatność,,ewa@krakow.pl,2026-11-25,TRUE,,\n"
	if sum := mustImportActivities(t, db, src); sum != (store.ImportSummary{Created: 4}) {
		t.Errorf("summary %+v", sum)
	}
	acts := store.NewActivityService(db)
	k1 := account(t, db, "K1")
	page, err := acts.Timeline(ctx, domain.TimelineQuery{Account: k1.ID})
	if err != nil || len(page.Activities) != 2 {
		t.Fatalf("K1 timeline %+v, %v", page, err)
	}
	task, call := page.Activities[0], page.Activities[1]
	if call.Kind != domain.KindCall || call.ContactName != "Jan Kowalski" || call.Notes != "Klient pyta o palety.\nOdpowiedź do piątku." ||
		call.Outcome != "Oferta do wysłania" || call.LoggedBy != "Anna Nowak" || domain.FormatMoment(call.OccurredAt, warsaw) != "2026-11-20 10:30 +01:00" {
		t.Errorf("call %+v", call)
	}
	if task.Kind != domain.KindTask || task.Due.String() != "2026-11-30" || task.Done || domain.FormatMoment(task.OccurredAt, warsaw) != "2026-11-21 09:05 +01:00" {
		t.Errorf("task %+v", task)
	}
	if k1 = account(t, db, "K1"); k1.LastContact.String() != "2026-11-20" {
		t.Errorf("K1 last contact %s", k1.LastContact)
	}
	if hits, err := acts.SearchHistory(ctx, "odpowiedz", 0); err != nil || len(hits) != 1 || hits[0].ID != call.ID {
		t.Errorf("imported notes not searchable: %+v, %v", hits, err)
	}

	// The same file again changes nothing; a row with a known key (the subject
	// in other letter case) updates, a new key creates.
	if sum := mustImportActivities(t, db, src); sum != (store.ImportSummary{Unchanged: 4}) {
		t.Errorf("again: %+v", sum)
	}
	sum := mustImportActivities(t, db, "account_code,date,kind,subject,done\n"+
		"K1,2026-11-21 09:05,task,WYSŁAĆ OFERTĘ,true\n"+
		"K1,2026-11-21 09:06,task,Wysłać ofertę,false\n")
	if sum != (store.ImportSummary{Created: 1, Updated: 1}) {
		t.Errorf("update: %+v", sum)
	}
	got, err := acts.FindActivityByID(ctx, task.ID)
	if err != nil || !got.Done || got.Subject != "WYSŁAĆ OFERTĘ" || got.ContactID != task.ContactID || got.Due != task.Due || got.Version != 2 {
		t.Errorf("updated task %+v, %v (columns the file lacks keep their values)", got, err)
	}
}

func TestImportActivitiesBadRows(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	seedHistory(t, db)
	mustImportActivities(t, db, activitiesHeader+"K1,2026-11-20 10:30,call,Telefon,,,,,,\n")
	before := everything(t, db) + exportActivities(t, db)
	src := activitiesHeader +
		"K1,2026-11-20 11:00,call,Dobry wiersz,,,,,,\n" +
		"NOPE,2026-11-20 11:00,call,Nieznane konto,,,,,,\n" +
		"K1,2026-11-20 11:00,call,Nieznany e-mail,,kto@gdzie.pl,,,,\n" +
		"K1,2026-11-20 11:00,visit,Nieznany rodzaj,,,,,,\n" +
		"K1,2026-11-31 11:00,call,Zła data,,,,,,\n" +
		"K1,2026-11-20 25:00,call,Zła godzina,,,,,,\n" +
		"K1,2026-11-20 11:00,task,Zły termin,,,jutro,,,\n" +
		"K1,2026-11-20 11:00,call,Termin dla rozmowy,,,2026-11-30,,,\n" +
		"K1,2026-11-20 11:00,task,Zły znacznik,,,2026-11-30,tak,,\n" +
		"K1,2026-11-20 11:00,note,Zrobiona notatka,,,,true,,\n" +
		"K1,2026-11-20 11:00,call,,Pusty temat,,,,,\n" +
		"K1,2026-11-20 11:00,call,Dobry wiersz,,,,,,\n" +
		"K1,2026-11-20 11:00,call,Kontakt z innego konta,,ewa@krakow.pl,,,,\n"
	_, err := importActivities(t, db, src)
	want := []string{
		"activities.csv:3: account_code: there is no account with code NOPE",
		"activities.csv:4: contact_email: the account has no contact with the e-mail kto@gdzie.pl",
		"activities.csv:5: kind: visit is not a kind of activity (call, meeting, email, note, task, document)",
		"activities.csv:6: date: 2026-11-31 11:00 is not a date and time (use YYYY-MM-DD HH:MM or DD.MM.YYYY HH:MM, optionally with the UTC offset, +01:00)",
		"activities.csv:7: date: 2026-11-20 25:00 is not a date and time (use YYYY-MM-DD HH:MM or DD.MM.YYYY HH:MM, optionally with the UTC offset, +01:00)",
		"activities.csv:8: due_date: jutro is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
		"activities.csv:9: due_date: only a task has a due date",
		"activities.csv:10: done: tak is not true or false",
		"activities.csv:11: done: only a task can be done",
		"activities.csv:12: subject: a value is required",
		"activities.csv:13: subject: the same account, date, kind and subject are already on line 2; an activity may appear once in a file",
		"activities.csv:14: contact_email: the account has no contact with the e-mail ewa@krakow.pl",
	}
	got := problems(t, err)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if after := everything(t, db) + exportActivities(t, db); after != before {
		t.Errorf("a rejected file changed the database:\n%s\n%s", before, after)
	}
	// Missing required columns, and an unknown one.
	_, err = importActivities(t, db, "account_code,date,subject,colour\nK1,2026-11-20,Telefon,red\n")
	if got := strings.Join(problems(t, err), "\n"); !strings.Contains(got, "colour: unknown column") || !strings.Contains(got, "kind: the required column is missing") {
		t.Errorf("header problems:\n%s", got)
	}
	// Two stored activities with one key: a row naming it cannot tell which it updates.
	acts := store.NewActivityService(db)
	f := domain.NewActivityFields(account(t, db, "K1").ID, domain.KindCall, mustTime(t, "2026-11-20 10:30"))
	f.Subject = "telefon"
	if _, err := acts.CreateActivity(ctx, f); err != nil {
		t.Fatal(err)
	}
	_, err = importActivities(t, db, activitiesHeader+"K1,2026-11-20 10:30,call,Telefon,Nowe notatki,,,,,\n")
	if got := problems(t, err); len(got) != 1 || !strings.Contains(got[0], "activities.csv:2: subject: the account has 2 activities with this date, kind and subject") {
		t.Errorf("ambiguous key: %q", got)
	}
}

// mustTime reads s as an import does without an offset: in the company's zone.
func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := domain.ParseDateTime(s, warsaw)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func TestActivitiesRoundTrip(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	seedHistory(t, db)
	src := activitiesHeader +
		"K1,2026-11-20 10:30,call,\"=Formuła, \"\"cytat\"\"\",\"Linia 1\nLinia 2; średnik\",jan@hurt.pl,,,Oddzwonić,Anna Nowak\n" +
		"K1,2026-11-21 09:05,task,Wysłać ofertę,,,2026-11-30,false,,\n" +
		"K2,2026-11-22 00:00,meeting,Spotkanie w Łodzi,Źródło: ŻÓŁW,ewa@krakow.pl,,,,\n"
	mustImportActivities(t, db, src)
	out := exportActivities(t, db)
	if !strings.HasPrefix(out, exportHeader) || !strings.Contains(out, "'=Formuła") || !strings.Contains(out, "2026-11-20 10:30 +01:00") {
		t.Errorf("export:\n%s", out)
	}
	// Into a database with the same accounts and contacts, the export gives the same export.
	other := openTemp(t)
	seedHistory(t, other)
	if sum := mustImportActivities(t, other, strings.ReplaceAll(out, "'=Formuła", "=Formuła")); sum.Created != 3 {
		t.Errorf("round trip: %+v", sum)
	}
	if again := exportActivities(t, other); again != out {
		t.Errorf("round trip differs:\n%s\n%s", out, again)
	}
	// Into the same database, nothing changes.
	if sum := mustImportActivities(t, db, strings.ReplaceAll(out, "'=Formuła", "=Formuła")); sum != (store.ImportSummary{Unchanged: 3}) {
		t.Errorf("re-import of an export: %+v", sum)
	}
	// Windows-1250, semicolons.
	if sum := mustImportActivities(t, db, cp1250(t, "account_code;date;kind;subject;notes\nK2;23.11.2026 12:00;email;Oferta: mąka;Zażółć gęślą jaźń\n")); sum.Created != 1 {
		t.Errorf("cp1250: %+v", sum)
	}
	hits, err := store.NewActivityService(db).SearchHistory(ctx, "zazolc gesla", 0)
	if err != nil || len(hits) != 1 || hits[0].Subject != "Oferta: mąka" {
		t.Errorf("cp1250 search %+v, %v", hits, err)
	}
}

func TestImportManyActivities(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	seedHistory(t, db)
	var b strings.Builder
	b.WriteString(activitiesHeader)
	for i := 0; i < 400; i++ {
		kind := []string{"call", "note", "email", "task"}[i%4]
		due := ""
		if kind == "task" {
			due = "2026-12-01"
		}
		fmt.Fprintf(&b, "K%d,2026-%02d-%02d %02d:%02d,%s,Wpis %d,Notatka numer %d o dostawie,,%s,,,\n",
			1+i%2, 1+i%12, 1+i%28, 8+i%9, i%60, kind, i, i, due)
	}
	if sum := mustImportActivities(t, db, b.String()); sum.Created != 400 {
		t.Fatalf("summary %+v", sum)
	}
	// The same file again changes nothing, and so writes nothing: the
	// triggers stay and the index is not rebuilt (a million unchanged rows
	// held the write lock while it was).
	schema := func() (v int) {
		if err := rawDB(t, db).QueryRow(`PRAGMA schema_version`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := schema()
	if sum := mustImportActivities(t, db, b.String()); sum != (store.ImportSummary{Unchanged: 400}) {
		t.Fatalf("re-import: %+v", sum)
	}
	if after := schema(); after != before {
		t.Errorf("an import that changed nothing changed the schema %d times (triggers dropped and made again)", after-before)
	}
	// Written in bulk (triggers suspended), then indexed: search, last contact
	// and the triggers are all as after row-by-row writes.
	acts := store.NewActivityService(db)
	hits, err := acts.SearchHistory(ctx, "notatka numer 399", 0)
	if err != nil || len(hits) != 1 || hits[0].Subject != "Wpis 399" {
		t.Errorf("search after bulk import: %+v, %v", hits, err)
	}
	if hits, _ := acts.SearchHistory(ctx, "dostawie", 500); len(hits) != 400 {
		t.Errorf("%d hits for a word in every note", len(hits))
	}
	k1 := account(t, db, "K1")
	if k1.LastContact.IsZero() {
		t.Error("last contact not set after a bulk import")
	}
	var triggers int
	if err := rawDB(t, db).QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'activities'`).Scan(&triggers); err != nil || triggers != 6 {
		t.Errorf("%d triggers on activities after a bulk import (%v)", triggers, err)
	}
	// And later single writes go through the restored triggers.
	f := domain.NewActivityFields(k1.ID, domain.KindNote, mustTime(t, "2026-12-24 10:00"))
	f.Subject, f.Notes = "Wigilia", "Życzenia świąteczne"
	if _, err := acts.CreateActivity(ctx, f); err != nil {
		t.Fatal(err)
	}
	if hits, _ := acts.SearchHistory(ctx, "zyczenia", 0); len(hits) != 1 {
		t.Errorf("a note after the bulk import is not indexed: %+v", hits)
	}
}

// TestActivityContactByName: a contact without an e-mail is named by
// contact_name, so an export re-imports with every contact (4,304
// of 107,214 activities lost theirs). A name two contacts share, or none
// has, is refused on its row; blank contact columns clear the contact.
func TestActivityContactByName(t *testing.T) {
	t.Parallel()
	db := openTemp(t)
	seedHistory(t, db)
	mustImport(t, db, "contacts", "account_code,first_name,last_name,email\nK1,Zofia,Żak,\nK2,Piotr,Nowak,\nK2,Piotr,Nowak,p@nowak.pl\n"+
		"K2,Adam,Lis,\n")
	// Namesakes without an e-mail can be made in the app (not in one file).
	mustContact(t, store.NewContactService(db), account(t, db, "K2").ID, "Adam", "Lis", "")
	header := "account_code,date,kind,subject,contact_email,contact_name\n"
	mustImportActivities(t, db, header+
		"K1,2026-11-20 10:30 +01:00,call,Bez maila,,ZOFIA  zak\n"+
		"K1,2026-11-20 11:30 +01:00,call,Z mailem,jan@hurt.pl,Jan Kowalski\n"+
		"K1,2026-11-20 12:30 +01:00,note,Bez kontaktu,,\n")
	out := exportActivities(t, db)
	for _, want := range []string{"K1,2026-11-20 10:30 +01:00,call,Bez maila,,,Zofia Żak,", "K1,2026-11-20 11:30 +01:00,call,Z mailem,,jan@hurt.pl,Jan Kowalski,",
		"K1,2026-11-20 12:30 +01:00,note,Bez kontaktu,,,,"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
	other := openTemp(t)
	seedHistory(t, other)
	mustImport(t, other, "contacts", "account_code,first_name,last_name,email\nK1,Zofia,Żak,\n")
	mustImportActivities(t, other, out)
	if again := exportActivities(t, other); again != out {
		t.Errorf("round trip differs:\n%s\n%s", out, again)
	}
	// Piotr Nowak without an e-mail is the one the name means; two Adam Lis are not.
	mustImportActivities(t, db, header+"K2,2026-11-21 09:00 +01:00,call,Piotr bez maila,,Piotr Nowak\n")
	if out := exportActivities(t, db); !strings.Contains(out, "K2,2026-11-21 09:00 +01:00,call,Piotr bez maila,,,Piotr Nowak,") {
		t.Errorf("the namesake without an e-mail was not chosen:\n%s", out)
	}
	_, err := importActivities(t, db, header+
		"K2,2026-11-21 10:00 +01:00,call,Który Adam?,,Adam Lis\n"+
		"K2,2026-11-21 11:00 +01:00,call,Kto?,,Anna Nieznana\n")
	if got := problems(t, err); len(got) != 2 || !strings.Contains(got[0], "activities.csv:2: contact_name: the account has 2 contacts named Adam Lis") ||
		!strings.Contains(got[1], "activities.csv:3: contact_name: the account has no contact named Anna Nieznana") {
		t.Errorf("problems %q", got)
	}
	// Blank contact columns on a row that updates an activity: no contact.
	mustImportActivities(t, db, header+"K1,2026-11-20 10:30 +01:00,call,Bez maila,,\n")
	if out := exportActivities(t, db); !strings.Contains(out, "K1,2026-11-20 10:30 +01:00,call,Bez maila,,,,") {
		t.Errorf("the contact was not cleared:\n%s", out)
	}
}
