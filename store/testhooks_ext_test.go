package store_test

import (
	"context"
	"os"
	"testing"

	"kontor/store"
	"kontor/store/bench"
	"kontor/store/storetest"
)

func init() {
	store.DemoPath = func(t testing.TB, accounts int, seed int64) string {
		return storetest.DemoPath(t, storetest.DemoKey{Accounts: accounts, Seed: seed})
	}
	store.SearchBenchQueries = func(ctx context.Context, db *store.DB) ([]string, error) {
		plain, err := db.OpenPlain()
		if err != nil {
			return nil, err
		}
		defer plain.Close()
		return bench.SearchQueries(ctx, plain.DB())
	}
}

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }
