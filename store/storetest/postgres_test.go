package storetest_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"kontor/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// The cluster takes a password login over TCP, keeps one test's database from
// another's, survives a restart, and ends a login's sessions on request.
func TestPostgresCluster(t *testing.T) {
	ctx := context.Background()
	db := storetest.Postgres(t)
	other := storetest.Postgres(t)
	if db.Name == other.Name {
		t.Fatalf("two tests share database %s", db.Name)
	}
	admin, err := pgx.Connect(ctx, db.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	login := storetest.UniqueRole("anna")
	if _, err := admin.Exec(ctx, "CREATE ROLE "+login+" LOGIN PASSWORD 'tajne-hasło'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(context.Background(), "DROP ROLE IF EXISTS "+login) })

	if _, err := pgx.Connect(ctx, db.URL(login, "wrong")); err == nil || !strings.Contains(err.Error(), "password authentication failed") {
		t.Fatalf("wrong password: %v", err)
	}
	conn, err := pgx.Connect(ctx, db.URL(login, "tajne-hasło"))
	if err != nil {
		t.Fatalf("password login over TCP: %v", err)
	}
	var who string
	if err := conn.QueryRow(ctx, "SELECT current_user").Scan(&who); err != nil || who != login {
		t.Fatalf("current_user = %q, %v", who, err)
	}
	if n, err := db.Cluster.TerminateBackends(login); err != nil || n != 1 {
		t.Fatalf("terminate = %d, %v", n, err)
	}
	if err := conn.Ping(ctx); err == nil {
		t.Fatal("a terminated session still answers")
	}

	if _, err := admin.Exec(ctx, "CREATE TABLE kept (v text)"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "INSERT INTO kept VALUES ('zażółć')"); err != nil {
		t.Fatal(err)
	}
	if err := db.Cluster.Restart(); err != nil {
		t.Fatal(err)
	}
	again, err := pgx.Connect(ctx, db.AdminURL())
	if err != nil {
		t.Fatalf("after restart: %v", err)
	}
	defer again.Close(ctx)
	var v string
	if err := again.QueryRow(ctx, "SELECT v FROM kept").Scan(&v); err != nil || v != "zażółć" {
		t.Fatalf("after restart: %q, %v", v, err)
	}
}
