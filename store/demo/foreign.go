package demo

import (
	"math/rand/v2"
	"strings"
)

// Foreign customers: their addresses, tax IDs and phone numbers are written the
// way their own countries write them (a tax ID other than a Polish NIP is kept
// as written).

type demoForeignCity struct {
	name, postal, area string // postal is a real code of the city in the local format
}

type demoCountry struct {
	code, currency, dial, tld string
	weight                    int
	cities                    []demoForeignCity
	streets                   []string
	names                     []string   // company name patterns; %s is a surname
	surnames                  []demoRole // masculine and feminine forms
	firstMale, firstFemale    []string
	taxID                     func(r *rand.Rand) string
	mobile                    []string // mobile prefixes after the dialling code
	mobileDigits              int      // digits after the mobile prefix
}

var demoCountries = []demoCountry{
	{
		code: "DE", currency: "EUR", dial: "+49", tld: ".de", weight: 40,
		cities: []demoForeignCity{{"Berlin", "10115", "30"}, {"Berlin", "12043", "30"}, {"Hamburg", "20095", "40"},
			{"München", "80331", "89"}, {"Dresden", "01067", "351"}, {"Leipzig", "04109", "341"},
			{"Frankfurt (Oder)", "15230", "335"}, {"Görlitz", "02826", "3581"}, {"Cottbus", "03046", "355"}},
		streets: []string{"Hauptstraße", "Bahnhofstraße", "Gartenstraße", "Schulstraße", "Industriestraße",
			"Lindenstraße", "Mühlenweg", "Am Markt", "Königstraße", "Großenhainer Straße"},
		names: []string{"Bäckerei %s GmbH", "%s Lebensmittel GmbH", "%s Großhandel GmbH & Co. KG", "Fleischerei %s KG",
			"Getränke %s e.K.", "%s & Söhne GmbH", "Feinkost %s GmbH"},
		surnames: same("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
			"Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Krüger", "Weiß", "Köhler"),
		firstMale:   []string{"Jürgen", "Klaus", "Thomas", "Stefan", "Michael", "Andreas", "Jörg", "Uwe", "Günter"},
		firstFemale: []string{"Anna", "Sabine", "Petra", "Ursula", "Monika", "Jutta", "Käthe", "Birgit", "Jördis"},
		taxID:       func(r *rand.Rand) string { return "DE" + demoDigits(r, 9) },
		mobile:      []string{"151", "152", "160", "170", "171", "172", "176"}, mobileDigits: 8,
	},
	{
		code: "CZ", currency: "CZK", dial: "+420", tld: ".cz", weight: 25,
		cities: []demoForeignCity{{"Praha", "110 00", "2"}, {"Praha", "130 00", "2"}, {"Brno", "602 00", "5"},
			{"Ostrava", "702 00", "59"}, {"Plzeň", "301 00", "37"}, {"Liberec", "460 01", "48"},
			{"Olomouc", "779 00", "58"}, {"České Budějovice", "370 01", "38"}, {"Hradec Králové", "500 02", "49"}},
		streets: []string{"Vinohradská", "Husova", "Masarykova", "Nádražní", "Palackého", "Komenského", "Žižkova", "Školní"},
		names: []string{"%s a syn s.r.o.", "Potraviny %s s.r.o.", "Velkoobchod %s s.r.o.", "Pekárna %s s.r.o.",
			"Řeznictví %s a.s.", "%s Trade s.r.o."},
		surnames: []demoRole{{"Novák", "Nováková"}, {"Svoboda", "Svobodová"}, {"Novotný", "Novotná"}, {"Dvořák", "Dvořáková"},
			{"Černý", "Černá"}, {"Procházka", "Procházková"}, {"Kučera", "Kučerová"}, {"Veselý", "Veselá"},
			{"Horák", "Horáková"}, {"Němec", "Němcová"}, {"Pokorný", "Pokorná"}, {"Růžička", "Růžičková"}},
		firstMale:   []string{"Jan", "Petr", "Josef", "Pavel", "Jiří", "Tomáš", "Martin", "Lukáš"},
		firstFemale: []string{"Jana", "Marie", "Eva", "Hana", "Lenka", "Kateřina", "Lucie", "Věra"},
		taxID:       func(r *rand.Rand) string { return "CZ" + demoDigits(r, 8) },
		mobile:      []string{"602", "603", "604", "605", "720", "731", "775", "777"}, mobileDigits: 6,
	},
	{
		code: "SK", currency: "EUR", dial: "+421", tld: ".sk", weight: 15,
		cities: []demoForeignCity{{"Bratislava", "811 01", "2"}, {"Košice", "040 01", "55"}, {"Žilina", "010 01", "41"},
			{"Nitra", "949 01", "37"}, {"Banská Bystrica", "974 01", "48"}, {"Prešov", "080 01", "51"}, {"Trnava", "917 01", "33"}},
		streets: []string{"Hlavná", "Štúrova", "Obchodná", "Námestie SNP", "Mlynská", "Kollárova", "Železničná"},
		names:   []string{"Mlyn %s s.r.o.", "Potraviny %s s.r.o.", "Veľkoobchod %s s.r.o.", "%s Trade s.r.o.", "Pekáreň %s a.s."},
		surnames: []demoRole{{"Horváth", "Horváthová"}, {"Kováč", "Kováčová"}, {"Varga", "Vargová"}, {"Tóth", "Tóthová"},
			{"Nagy", "Nagyová"}, {"Baláž", "Balážová"}, {"Molnár", "Molnárová"}, {"Lukáč", "Lukáčová"}, {"Šimko", "Šimková"}},
		firstMale:   []string{"Ján", "Peter", "Jozef", "Martin", "Michal", "Ľubomír", "Štefan"},
		firstFemale: []string{"Mária", "Jana", "Zuzana", "Katarína", "Lucia", "Ľudmila"},
		taxID:       func(r *rand.Rand) string { return "SK" + demoDigits(r, 10) },
		mobile:      []string{"903", "905", "907", "910", "915", "940", "948"}, mobileDigits: 6,
	},
	{
		code: "LT", currency: "EUR", dial: "+370", tld: ".lt", weight: 20,
		cities: []demoForeignCity{{"Vilnius", "LT-01100", "5"}, {"Vilnius", "LT-03107", "5"}, {"Kaunas", "LT-44100", "37"},
			{"Klaipėda", "LT-91100", "46"}, {"Šiauliai", "LT-76100", "41"}, {"Panevėžys", "LT-35100", "45"}, {"Alytus", "LT-62100", "315"}},
		streets: []string{"Gedimino pr.", "Savanorių pr.", "Laisvės al.", "Taikos pr.", "Vilniaus g.", "Žalgirio g.", "Kauno g."},
		names:   []string{"UAB „%s ir partneriai”", "UAB %s prekyba", "UAB „%s maistas”", "AB %s ir Ko"},
		surnames: []demoRole{{"Kazlauskas", "Kazlauskienė"}, {"Jankauskas", "Jankauskienė"}, {"Petrauskas", "Petrauskienė"},
			{"Stankevičius", "Stankevičienė"}, {"Vasiliauskas", "Vasiliauskienė"}, {"Žukauskas", "Žukauskienė"},
			{"Butkus", "Butkienė"}, {"Paulauskas", "Paulauskienė"}},
		firstMale:   []string{"Jonas", "Tomas", "Mindaugas", "Darius", "Andrius", "Žydrūnas"},
		firstFemale: []string{"Rūta", "Jurgita", "Asta", "Laura", "Ieva", "Dalia"},
		taxID:       func(r *rand.Rand) string { return "LT" + demoDigits(r, 9) },
		mobile:      []string{"612", "614", "620", "650", "682", "698"}, mobileDigits: 5,
	},
}

// same lists surnames that have one form for men and women.
func same(names ...string) []demoRole {
	out := make([]demoRole, len(names))
	for i, n := range names {
		out[i] = demoRole{n, n}
	}
	return out
}

func demoDigits(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// landline writes a local number in groups, after the dialling and area codes.
func (c *demoCountry) landline(r *rand.Rand, area string) string {
	n := 9 - len(area)
	if c.code == "DE" {
		n = 7
	}
	return c.dial + " " + area + " " + demoDigits(r, n)
}

func (c *demoCountry) mobilePhone(r *rand.Rand) string {
	d := demoDigits(r, c.mobileDigits)
	if c.mobileDigits == 6 {
		d = d[:3] + " " + d[3:]
	}
	return c.dial + " " + c.mobile[r.IntN(len(c.mobile))] + " " + d
}
