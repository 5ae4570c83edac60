package demo

import (
	"strconv"
	"strings"

	"kontor/domain"
)

// The demo catalog: what a Polish food and household wholesaler sells. Each
// item lists its packs as "label=price in grosze[@unit]"; a blank label sells
// loose by the item's unit ("=2490@kg": 24.90 zł per kg). Brands and grades
// multiply the items into a catalog of tens of thousands of distinct names.

type demoCategory struct {
	code  string // SKU prefix
	name  string
	vat   domain.VATRate
	unit  domain.Unit // the unit of its packs unless a pack says otherwise
	items []demoItem
}

type demoItem struct {
	name  string
	packs []demoPack
}

type demoPack struct {
	label string
	unit  domain.Unit
	price int64 // grosze
}

func item(name, packs string) demoItem {
	it := demoItem{name: name}
	for _, p := range strings.Split(packs, "|") {
		label, rest, _ := strings.Cut(p, "=")
		price, unit, _ := strings.Cut(rest, "@")
		n, err := strconv.ParseInt(price, 10, 64)
		if err != nil {
			panic("demo catalog: " + name + ": " + p)
		}
		it.packs = append(it.packs, demoPack{label: label, unit: domain.Unit(unit), price: n})
	}
	return it
}

var demoCategories = []demoCategory{
	{"MAK", "Mąka i kasze", domain.VAT5, "opak", []demoItem{
		item("Mąka pszenna typ 450", "1 kg=329|2 kg=619|5 kg=1449"),
		item("Mąka pszenna typ 650", "1 kg=349|2 kg=649|5 kg=1499|25 kg worek=5990@szt"),
		item("Mąka pszenna typ 750", "1 kg=359|5 kg=1549|25 kg worek=6190@szt"),
		item("Mąka pszenna razowa typ 1850", "1 kg=499|2 kg=929"),
		item("Mąka żytnia typ 720", "1 kg=429|2 kg=799"),
		item("Mąka żytnia razowa typ 2000", "1 kg=519"),
		item("Mąka orkiszowa jasna", "1 kg=899"),
		item("Mąka kukurydziana", "500 g=549|1 kg=949"),
		item("Mąka ziemniaczana", "500 g=499|1 kg=899"),
		item("Kasza gryczana prażona", "400 g=499|1 kg=1099|=949@kg"),
		item("Kasza jęczmienna pęczak", "400 g=299|1 kg=649"),
		item("Kasza manna", "500 g=329|1 kg=599"),
		item("Kasza jaglana", "400 g=549|1 kg=1249"),
		item("Płatki owsiane górskie", "500 g=399|1 kg=699"),
		item("Ryż biały długoziarnisty", "400 g=399|1 kg=799|5 kg=3499"),
		item("Ryż basmati", "500 g=799|1 kg=1499"),
		item("Ryż paraboliczny w torebkach", "400 g=449"),
	}},
	{"MAKR", "Makarony", domain.VAT5, "opak", []demoItem{
		item("Makaron spaghetti", "500 g=399|1 kg=699|5 kg=2999"),
		item("Makaron świderki", "500 g=399|1 kg=699"),
		item("Makaron penne", "500 g=429|1 kg=749"),
		item("Makaron nitki rosołowe", "250 g=299|500 g=499"),
		item("Makaron łazanki", "500 g=449"),
		item("Makaron kokardki", "500 g=429"),
		item("Makaron jajeczny wstążki", "250 g=399|500 g=699"),
		item("Makaron lasagne", "500 g=699"),
	}},
	{"CUK", "Cukier i słodziki", domain.VAT5, "opak", []demoItem{
		item("Cukier biały kryształ", "1 kg=399|5 kg=1899|=359@kg"),
		item("Cukier trzcinowy nierafinowany", "500 g=699|1 kg=1249"),
		item("Cukier puder", "400 g=399|1 kg=849"),
		item("Cukier wanilinowy", "16 g=59|1 kg=2490"),
		item("Miód wielokwiatowy", "400 g=2199|900 g=3999"),
		item("Miód gryczany", "400 g=2599"),
		item("Ksylitol brzozowy", "500 g=2499"),
	}},
	{"OLE", "Oleje i tłuszcze", domain.VAT5, "szt", []demoItem{
		item("Olej rzepakowy rafinowany", "1 l=899|3 l=2499|5 l=3999|=749@l"),
		item("Olej słonecznikowy", "1 l=949|5 l=4299"),
		item("Oliwa z oliwek extra virgin", "500 ml=2999|1 l=5499"),
		item("Olej kokosowy", "500 ml=2199"),
		item("Smalec wieprzowy", "200 g=499|1 kg=1999"),
		item("Margaryna do pieczenia", "250 g=549|2 kg=3799"),
		item("Frytura do smażenia", "10 l=8999|=849@l"),
	}},
	{"NAB", "Nabiał", domain.VAT5, "szt", []demoItem{
		item("Mleko UHT 3,2%", "1 l=399|karton 12 × 1 l=4599@opak"),
		item("Mleko UHT 2%", "1 l=369|karton 12 × 1 l=4299@opak"),
		item("Mleko świeże 3,2%", "1 l=449"),
		item("Masło extra 82%", "200 g=799|1 kg=3799"),
		item("Śmietana 18%", "200 g=299|400 g=549|5 l=5999"),
		item("Śmietanka 30%", "200 ml=549|1 l=2299"),
		item("Jogurt naturalny", "180 g=249|400 g=449|1 kg=899"),
		item("Kefir", "400 g=349|1 kg=699"),
		item("Twaróg półtłusty", "250 g=549|=2199@kg"),
		item("Ser gouda w bloku", "=2990@kg"),
		item("Ser edamski w bloku", "=2890@kg"),
		item("Ser mozzarella", "125 g=399|=3299@kg"),
		item("Ser żółty plastry", "150 g=699|500 g=2199"),
		item("Jaja kurze M (wytłaczanka 10 szt.)", "10 szt.=1199|karton 180 szt.=19999@opak"),
	}},
	{"MIE", "Mięso i wędliny", domain.VAT5, "kg", []demoItem{
		item("Szynka wieprzowa gotowana", "=3990@kg"),
		item("Schab pieczony", "=4290@kg"),
		item("Kiełbasa śląska", "=2490@kg"),
		item("Kiełbasa krakowska sucha", "=5490@kg"),
		item("Boczek wędzony parzony", "=3290@kg"),
		item("Parówki wieprzowe", "250 g=699@opak|=2790@kg"),
		item("Kabanosy wieprzowe", "=4990@kg"),
		item("Filet z piersi kurczaka", "=2590@kg"),
		item("Łopatka wieprzowa bez kości", "=1990@kg"),
		item("Karkówka wieprzowa", "=2490@kg"),
		item("Mięso mielone wieprzowo-wołowe", "500 g=1299@opak|=2399@kg"),
		item("Pasztet drobiowy", "160 g=449@szt"),
		item("Salceson włoski", "=1890@kg"),
	}},
	{"RYB", "Ryby", domain.VAT5, "kg", []demoItem{
		item("Filet z mintaja mrożony", "=2790@kg"),
		item("Śledź solony płat", "=2490@kg"),
		item("Łosoś wędzony plastry", "100 g=1299@opak"),
		item("Makrela wędzona", "=2990@kg"),
		item("Tuńczyk w sosie własnym", "170 g=699@szt"),
		item("Szprot w pomidorach", "170 g=399@szt"),
	}},
	{"WAR", "Warzywa i owoce", domain.VAT5, "kg", []demoItem{
		item("Ziemniaki jadalne", "=249@kg|worek 15 kg=2999@szt"),
		item("Cebula żółta", "=299@kg|worek 10 kg=2499@szt"),
		item("Marchew myta", "=299@kg"),
		item("Pomidory malinowe", "=1299@kg"),
		item("Ogórki gruntowe", "=699@kg"),
		item("Kapusta biała", "=249@kg"),
		item("Jabłka Ligol", "=399@kg|skrzynka 15 kg=4999@szt"),
		item("Jabłka Szampion", "=449@kg"),
		item("Gruszki Konferencja", "=699@kg"),
		item("Czosnek polski", "=2499@kg"),
		item("Pieczarki", "500 g=699@opak|=1199@kg"),
		item("Cytryny", "=899@kg"),
		item("Banany", "=599@kg"),
	}},
	{"MRO", "Mrożonki", domain.VAT5, "opak", []demoItem{
		item("Frytki proste mrożone", "750 g=899|2,5 kg=2299"),
		item("Mieszanka warzywna chińska", "450 g=699|2,5 kg=2999"),
		item("Pierogi ruskie", "450 g=999|2 kg=3799"),
		item("Pierogi z mięsem", "450 g=1099|2 kg=4199"),
		item("Truskawki mrożone", "450 g=1099|2,5 kg=4999"),
		item("Lody śmietankowe", "1 l=1499|5 l=5999"),
		item("Szpinak rozdrobniony", "450 g=599"),
	}},
	{"NAP", "Napoje", domain.VAT23, "szt", []demoItem{
		item("Woda mineralna niegazowana", "0,5 l=169|1,5 l=229|zgrzewka 6 × 1,5 l=1299@opak"),
		item("Woda mineralna gazowana", "0,5 l=169|1,5 l=229|zgrzewka 6 × 1,5 l=1299@opak"),
		item("Sok jabłkowy 100%", "1 l=549|3 l=1499"),
		item("Sok pomarańczowy 100%", "1 l=649"),
		item("Nektar czarna porzeczka", "1 l=499"),
		item("Napój pomarańczowy gazowany", "0,5 l=349|2 l=699"),
		item("Napój cola", "0,33 l puszka=299|0,5 l=399|2 l=799"),
		item("Napój izotoniczny", "0,5 l=449"),
		item("Kompot wiśniowy", "0,9 l=799"),
	}},
	{"KAW", "Kawa i herbata", domain.VAT23, "opak", []demoItem{
		item("Kawa ziarnista arabica", "250 g=2499|1 kg=8999"),
		item("Kawa mielona", "250 g=1799|500 g=3299"),
		item("Kawa rozpuszczalna", "100 g=2299|200 g=3999"),
		item("Herbata czarna ekspresowa", "25 torebek=699|100 torebek=1999"),
		item("Herbata zielona liściasta", "100 g=1499"),
		item("Herbata owocowa malinowa", "20 torebek=599"),
		item("Kakao naturalne", "150 g=999"),
	}},
	{"SLO", "Słodycze i przekąski", domain.VAT8, "szt", []demoItem{
		item("Czekolada mleczna", "100 g=549|karton 20 × 100 g=9999@opak"),
		item("Czekolada gorzka 70%", "100 g=699"),
		item("Wafle przekładane kakaowe", "180 g=499"),
		item("Cukierki krówki", "=2990@kg|1 kg torba=3290@opak"),
		item("Herbatniki maślane", "200 g=449"),
		item("Pierniki toruńskie", "200 g=899"),
		item("Chipsy ziemniaczane solone", "140 g=699"),
		item("Paluszki słone", "200 g=349"),
		item("Orzeszki ziemne solone", "200 g=699|1 kg=2999@opak"),
		item("Chałwa waniliowa", "250 g=999"),
	}},
	{"PRZ", "Przyprawy i dodatki", domain.VAT5, "szt", []demoItem{
		item("Sól kuchenna jodowana", "1 kg=199|25 kg worek=3999"),
		item("Pieprz czarny mielony", "20 g=299|500 g=3999@opak"),
		item("Papryka słodka mielona", "20 g=249|500 g=2999@opak"),
		item("Majeranek otarty", "8 g=249"),
		item("Liść laurowy", "6 g=199"),
		item("Ketchup łagodny", "480 g=599|5 kg=4999@opak"),
		item("Musztarda sarepska", "180 g=349"),
		item("Majonez dekoracyjny", "310 ml=849|5 l=6999@opak"),
		item("Koncentrat pomidorowy 30%", "200 g=399|5 kg=5999@opak"),
		item("Ocet spirytusowy 10%", "0,5 l=299"),
		item("Drożdże piekarskie", "100 g=199|500 g=899"),
	}},
	{"CHE", "Chemia gospodarcza", domain.VAT23, "szt", []demoItem{
		item("Płyn do mycia naczyń cytrynowy", "1 l=699|5 l=2999"),
		item("Proszek do prania uniwersalny", "3 kg=3299@opak|10 kg=8999@opak"),
		item("Płyn do płukania tkanin", "2 l=1499"),
		item("Mleczko do czyszczenia", "750 ml=799"),
		item("Płyn do mycia podłóg", "1 l=899|5 l=3299"),
		item("Środek do dezynfekcji powierzchni", "1 l=1599|5 l=5999"),
		item("Kostki do zmywarki", "40 szt.=3999@opak|100 szt.=8999@opak"),
		item("Mydło w płynie antybakteryjne", "500 ml=899|5 l=3999"),
		item("Papier toaletowy trzywarstwowy", "8 rolek=1699@opak|32 rolki=5999@opak"),
		item("Ręczniki papierowe ZZ", "karton 4000 szt.=8999@karton"),
		item("Worki na śmieci 60 l", "50 szt.=1299@rolka|=29@szt"),
		item("Worki na śmieci 120 l", "25 szt.=1699@rolka"),
		item("Gąbki kuchenne", "5 szt.=499@opak"),
		item("Rękawice nitrylowe jednorazowe", "100 szt.=2999@opak"),
	}},
	{"OPA", "Opakowania i artykuły gastronomiczne", domain.VAT23, "opak", []demoItem{
		item("Folia spożywcza stretch 30 cm", "300 m=3499@rolka|=12@m"),
		item("Folia aluminiowa 30 cm", "50 m=2499@rolka"),
		item("Papier do pieczenia", "50 m=1999@rolka"),
		item("Kubki papierowe 250 ml", "50 szt.=899|1000 szt.=12999@karton"),
		item("Pojemniki styropianowe obiadowe", "100 szt.=3999"),
		item("Sztućce drewniane jednorazowe", "100 szt.=1999"),
		item("Serwetki gastronomiczne białe", "500 szt.=1599"),
		item("Torby papierowe z uchwytem", "250 szt.=14999"),
		item("Tacki kartonowe", "100 szt.=2499"),
		item("Słomki papierowe", "500 szt.=2999"),
		item("Sznurek jutowy", "=69@m|100 m=4999@rolka"),
		item("Taśma pakowa brązowa", "66 m=799@rolka"),
		item("Paleta EUR", "=6900@szt"),
	}},
	{"PIE", "Pieczywo", domain.VAT5, "szt", []demoItem{
		item("Chleb żytni na zakwasie", "800 g=799"),
		item("Chleb pszenny krojony", "500 g=549"),
		item("Bułka kajzerka", "=79@szt|opak. 30 szt.=2199@opak"),
		item("Bagietka francuska", "250 g=399"),
		item("Bułka tarta", "450 g=399|5 kg=2999@opak"),
		item("Sucharki", "225 g=599"),
	}},
	{"USL", "Usługi", domain.VATExempt, "szt", []demoItem{
		item("Szkolenie HACCP dla personelu", "=49900@szt"),
		item("Szkolenie z obsługi kasy fiskalnej", "=29900@szt"),
	}},
	{"EKS", "Towary eksportowe", domain.VAT0, "karton", []demoItem{
		item("Pierniki toruńskie — wysyłka eksportowa", "karton 24 szt.=19999"),
		item("Krówki — wysyłka eksportowa", "karton 10 kg=29999"),
	}},
}

// demoBrands are fictional producers; demoGrades vary a product line.
var demoBrands = []string{
	"Złoty Kłos", "Mazurskie Pola", "Dobra Spiżarnia", "Gospodyni", "Od Rolnika", "Kujawianka", "Podlaski Smak",
	"Babuni", "Tatrzańskie", "Bałtyk", "Ślązaczka", "Wielkopolanka", "Zagroda", "Łowicka Łąka", "Sądecki Sad",
	"Kaszubska Chata", "Żuławy", "Pod Wawelem", "Nadodrze", "Warmia", "Polskie Smaki", "Świeżo", "Pyszny Dzień",
	"Dworek", "Młyn Wiślany", "Źródło Natury", "Mleczna Droga", "Skarby Lasu", "Zdrowe Życie", "Dobre, bo polskie",
}

// Grades are words that need no Polish gender agreement ("Cebula Extra", "Ser Extra").
var demoGrades = []string{"", "", "", "BIO", "Premium", "Eko", "Extra", "Gastro"}
