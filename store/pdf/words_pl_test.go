package pdf

import (
	"testing"

	"kontor/domain"
)

func TestPolishAmountWords(t *testing.T) {
	for a, want := range map[domain.Amount]string{
		0:             "zero złotych zero groszy",
		1:             "zero złotych jeden grosz",
		100:           "jeden złoty zero groszy",
		202:           "dwa złote dwa grosze",
		512:           "pięć złotych dwanaście groszy",
		1222:          "dwanaście złotych dwadzieścia dwa grosze",
		2225:          "dwadzieścia dwa złote dwadzieścia pięć groszy",
		11400:         "sto czternaście złotych zero groszy",
		3030025:       "trzydzieści tysięcy trzysta złotych dwadzieścia pięć groszy",
		100000:        "tysiąc złotych zero groszy",
		234567:        "dwa tysiące trzysta czterdzieści pięć złotych sześćdziesiąt siedem groszy",
		1500000000:    "piętnaście milionów złotych zero groszy",
		100101101:     "milion tysiąc jedenaście złotych jeden grosz",
		99999999999:   "dziewięćset dziewięćdziesiąt dziewięć milionów dziewięćset dziewięćdziesiąt dziewięć tysięcy dziewięćset dziewięćdziesiąt dziewięć złotych dziewięćdziesiąt dziewięć groszy",
		-1000944:      "dziesięć tysięcy dziewięć złotych czterdzieści cztery grosze",
		2200000000000: "dwadzieścia dwa miliardy złotych zero groszy",
		1300000:       "trzynaście tysięcy złotych zero groszy",
		2400000:       "dwadzieścia cztery tysiące złotych zero groszy",
	} {
		if got := plAmountWords(a); got != want {
			t.Errorf("%s: %q, want %q", a, got, want)
		}
	}
}
