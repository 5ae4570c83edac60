package store_test

import (
	"context"

	"kontor/store"
	"kontor/store/bench"
	"kontor/store/demo"
)

func init() {
	store.GenerateDemo = func(ctx context.Context, db *store.DB, opt store.DemoOptions, progress func(done, total int)) error {
		return demo.Generate(ctx, db, demo.Options{Accounts: opt.Accounts, Seed: opt.Seed, Now: opt.Now}, progress)
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
