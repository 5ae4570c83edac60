package store

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"kontor/domain"
)

// ParseNBP reads NBP table A exchange rates in the forms NBP publishes them:
//   - the API's JSON for tables (api.nbp.pl/api/exchangerates/tables/A/…):
//     an array of {"table": "A", "no": …, "effectiveDate": "YYYY-MM-DD",
//     "rates": [{"currency": …, "code": "EUR", "mid": 4.2345}, …]};
//   - the API's JSON for one currency's series (…/rates/A/EUR/…):
//     {"table": "A", "code": "EUR", "rates": [{"no", "effectiveDate", "mid"}]};
//   - the yearly archive CSV (archiwum_tab_a_YYYY.csv): ';'-separated, a
//     header "data;1USD;…;100HUF;…;nr tabeli;pełny numer tabeli", rows dated
//     YYYYMMDD with decimal commas, rates per the header's unit.
//
// Another table (B has no EUR, C has bid and ask instead of mid) or another
// shape is refused with a message saying what was expected.
func ParseNBP(data []byte, name string) ([]domain.NBPRate, error) {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))
	switch {
	case len(t) == 0:
		return nil, nbpShape(name, "the file is empty")
	case t[0] == '[' || t[0] == '{':
		return parseNBPJSON(t, name)
	}
	return parseNBPCSV(t, name)
}

func nbpShape(name, why string) error {
	return domain.Errorf(domain.EInvalid, "nbp.shape",
		"{{.File}} is not NBP table A as NBP publishes it (JSON from its API or the archive CSV): {{.Why}}",
		map[string]any{"File": name, "Why": why})
}

func nbpWrongTable(name, table string) error {
	return domain.Errorf(domain.EInvalid, "nbp.wrong_table",
		"{{.File}} holds NBP table {{.Table}}; Kontor needs table A (average rates, mid)", map[string]any{"File": name, "Table": table})
}

type nbpJSONRate struct {
	Currency      string          `json:"currency"`
	Code          string          `json:"code"`
	Mid           json.Number     `json:"mid"`
	No            string          `json:"no"`
	EffectiveDate string          `json:"effectiveDate"`
	Bid           json.RawMessage `json:"bid"`
}

type nbpJSONTable struct {
	Table         string        `json:"table"`
	No            string        `json:"no"`
	EffectiveDate string        `json:"effectiveDate"`
	Code          string        `json:"code"`
	Rates         []nbpJSONRate `json:"rates"`
}

func parseNBPJSON(data []byte, name string) ([]domain.NBPRate, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tables []nbpJSONTable
	if data[0] == '{' {
		var one nbpJSONTable
		if err := dec.Decode(&one); err != nil {
			return nil, nbpShape(name, err.Error())
		}
		tables = []nbpJSONTable{one}
	} else if err := dec.Decode(&tables); err != nil {
		return nil, nbpShape(name, err.Error())
	}
	if len(tables) == 0 {
		return nil, nbpShape(name, "no tables")
	}
	var out []domain.NBPRate
	for i, tb := range tables {
		if tb.Table != "A" {
			if tb.Table == "" {
				return nil, nbpShape(name, "a table without its \"table\" letter")
			}
			return nil, nbpWrongTable(name, tb.Table)
		}
		if len(tb.Rates) == 0 {
			return nil, nbpShape(name, "a table without rates")
		}
		for _, r := range tb.Rates {
			rate := domain.NBPRate{Table: "A", No: tb.No, Code: strings.ToUpper(r.Code)}
			effective := tb.EffectiveDate
			if tb.Code != "" { // one currency's series: each rate has its own table
				rate.Code, rate.No, effective = strings.ToUpper(tb.Code), r.No, r.EffectiveDate
			} else if r.Code == "" {
				return nil, nbpShape(name, "table "+strconv.Itoa(i+1)+" has a rate without a currency code")
			}
			if len(r.Bid) > 0 && r.Mid == "" {
				return nil, nbpWrongTable(name, "C")
			}
			d, err := domain.ParseDate(effective)
			if err != nil || len(effective) != 10 || effective[4] != '-' {
				return nil, nbpShape(name, "effectiveDate "+strconv.Quote(effective)+" is not YYYY-MM-DD")
			}
			rate.Effective = d
			if rate.Mid, err = nbpMid(string(r.Mid)); err != nil {
				return nil, nbpShape(name, rate.Code+" on "+effective+": "+err.Error())
			}
			out = append(out, rate)
		}
	}
	return out, nil
}

// nbpMid reads a positive rate of at most 8 decimals (the store keeps ×10⁸).
func nbpMid(s string) (decimal.Decimal, error) {
	d, err := domain.ParseDecimal(s, 8)
	if err != nil {
		return decimal.Zero, err
	}
	if !d.IsPositive() {
		return decimal.Zero, domain.Errorf(domain.EInvalid, "nbp.mid", "the rate {{.Value}} is not positive", map[string]any{"Value": s})
	}
	return d, nil
}

var (
	nbpUnitColumn = regexp.MustCompile(`^(\d+)([A-Z]{3})$`)
	nbpTableNo    = regexp.MustCompile(`^\d+/A/NBP/\d{4}$`)
	nbpOtherNo    = regexp.MustCompile(`^\d+/([BC])/NBP/\d{4}$`)
	nbpCSVDate    = regexp.MustCompile(`^\d{8}$`)
)

// parseNBPCSV reads the archive CSV. Its text is Windows-1250 (only the
// table-number headings have Polish letters), so columns are found by shape:
// "<unit><CODE>" for a rate, values like "233/A/NBP/2026" for the table's number.
func parseNBPCSV(data []byte, name string) ([]domain.NBPRate, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var codes []string
	var units []decimal.Decimal
	var out []domain.NBPRate
	line := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return nil, nbpShape(name, err.Error())
		}
		first := strings.TrimSpace(rec[0])
		if codes == nil {
			if !strings.EqualFold(first, "data") {
				if len(rec) < 2 {
					return nil, nbpShape(name, "the first line is not the archive's header (data;1USD;…)")
				}
				continue
			}
			codes, units = make([]string, len(rec)), make([]decimal.Decimal, len(rec))
			n := 0
			for i, h := range rec {
				if m := nbpUnitColumn.FindStringSubmatch(strings.TrimSpace(h)); m != nil {
					units[i], codes[i] = decimal.RequireFromString(m[1]), m[2]
					n++
				}
			}
			if n == 0 {
				return nil, nbpShape(name, "the header names no currency (1USD, 1EUR, …)")
			}
			continue
		}
		if !nbpCSVDate.MatchString(first) {
			continue // the names under the header, the footer
		}
		d, err := domain.ParseDate(first[:4] + "-" + first[4:6] + "-" + first[6:])
		if err != nil {
			return nil, nbpShape(name, "line "+strconv.Itoa(line)+": "+first+" is not a date")
		}
		no := ""
		for _, v := range rec {
			v = strings.TrimSpace(v)
			if nbpTableNo.MatchString(v) {
				no = v
			} else if m := nbpOtherNo.FindStringSubmatch(v); m != nil {
				return nil, nbpWrongTable(name, m[1])
			}
		}
		for i, v := range rec {
			if i >= len(codes) || codes[i] == "" || strings.TrimSpace(v) == "" {
				continue
			}
			mid, err := nbpMid(v)
			if err != nil {
				return nil, nbpShape(name, "line "+strconv.Itoa(line)+", "+codes[i]+": "+err.Error())
			}
			if !units[i].Equal(decimal.NewFromInt(1)) {
				mid = mid.DivRound(units[i], 8)
			}
			out = append(out, domain.NBPRate{Table: "A", No: no, Effective: d, Code: codes[i], Mid: mid})
		}
	}
	if codes == nil {
		return nil, nbpShape(name, "no header line starting with \"data\"")
	}
	if len(out) == 0 {
		return nil, nbpShape(name, "no dated rows")
	}
	return out, nil
}
