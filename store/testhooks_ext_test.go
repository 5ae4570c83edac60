package store_test

import (
	"context"

	"kontor/store"
	"kontor/store/bench"
)

func init() {
	store.SearchBenchQueries = func(ctx context.Context, db *store.DB) ([]string, error) {
		plain, err := db.OpenPlain()
		if err != nil {
			return nil, err
		}
		defer plain.Close()
		return bench.SearchQueries(ctx, plain.DB())
	}
}
