package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/bench"
	"kontor/store/pdf"
)

// priceSheetFigure times a whole-catalog price sheet for the account with the
// most agreements of its own: the data (store.PriceService.PriceSheet) and the
// PDF, median of three runs.
func priceSheetFigure(e *env, db *store.DB) (bench.Figure, error) {
	const unit, target = "s", bench.TargetPriceSheetMS / 1000.0
	acct, err := bench.BusiestPriceAccount(e.ctx, db)
	if err != nil {
		return bench.Figure{}, err
	}
	if acct == 0 {
		return bench.NotMeasured(bench.NamePriceSheet, unit, target, "the database has no accounts"), nil
	}
	company, err := store.NewCompanyService(db).FindCompany(e.ctx)
	if err != nil {
		return bench.Figure{}, err
	}
	prices := store.NewPriceService(db)
	today := domain.DateOf(time.Now())
	var totals, datas []float64
	var lines int
	for i := 0; i < 3; i++ {
		start := time.Now()
		sheet, err := prices.PriceSheet(e.ctx, acct, today)
		if err != nil {
			return bench.Figure{}, err
		}
		data := time.Since(start)
		if err := pdf.PriceSheet(io.Discard, *company, sheet, pdf.Options{}); err != nil {
			return bench.Figure{}, err
		}
		totals, datas = append(totals, time.Since(start).Seconds()), append(datas, data.Seconds())
		lines = len(sheet.Lines)
	}
	sort.Float64s(totals)
	sort.Float64s(datas)
	value := math.Round(totals[1]*100) / 100
	holds := value <= target
	return bench.Figure{Name: bench.NamePriceSheet, Value: &value, Unit: unit, Target: target, Holds: &holds, Count: 3,
		Note: fmt.Sprintf("%d products; median of 3: data %.2f s, PDF %.2f s", lines, datas[1], totals[1]-datas[1])}, nil
}
