package demo

// Word tables the demo generator draws from. Cities carry real postal code
// prefixes and telephone area codes, so a generated address is one that could
// exist: "ul. Piotrkowska 104/3, 90-412 Łódź".

type demoCity struct {
	name   string
	postal string // real prefixes of the city's postal codes, space-separated; the generator adds the missing digits of NN-NNN
	area   string // landline area code
	weight int    // larger cities have more customers
}

var demoCitiesPL = []demoCity{
	{"Warszawa", "00- 01- 02- 03- 04-", "22", 60}, {"Kraków", "30- 31-", "12", 30}, {"Łódź", "90- 91- 92- 93- 94-", "42", 25}, {"Wrocław", "50- 51- 52- 53- 54-", "71", 25},
	{"Poznań", "60- 61-", "61", 22}, {"Gdańsk", "80-", "58", 18}, {"Szczecin", "70- 71-", "91", 15}, {"Bydgoszcz", "85-", "52", 12},
	{"Lublin", "20-", "81", 12}, {"Białystok", "15-", "85", 10}, {"Katowice", "40-", "32", 14}, {"Gdynia", "81-", "58", 8},
	{"Częstochowa", "42-2", "34", 7}, {"Radom", "26-6", "48", 7}, {"Toruń", "87-1", "56", 7}, {"Sosnowiec", "41-2", "32", 5},
	{"Rzeszów", "35-", "17", 8}, {"Kielce", "25-", "41", 7}, {"Gliwice", "44-1", "32", 6}, {"Olsztyn", "10-", "89", 7},
	{"Zabrze", "41-8", "32", 4}, {"Bielsko-Biała", "43-3", "33", 6}, {"Bytom", "41-9", "32", 4}, {"Zielona Góra", "65-", "68", 5},
	{"Rybnik", "44-2", "32", 4}, {"Opole", "45-", "77", 5}, {"Tychy", "43-1", "32", 4}, {"Gorzów Wielkopolski", "66-4", "95", 4},
	{"Elbląg", "82-3", "55", 4}, {"Płock", "09-4", "24", 4}, {"Wałbrzych", "58-3", "74", 3}, {"Włocławek", "87-8", "54", 3},
	{"Tarnów", "33-1", "14", 4}, {"Chorzów", "41-5", "32", 3}, {"Koszalin", "75-", "94", 4}, {"Kalisz", "62-8", "62", 4},
	{"Legnica", "59-2", "76", 3}, {"Grudziądz", "86-3", "56", 3}, {"Słupsk", "76-2", "59", 3}, {"Nowy Sącz", "33-3", "18", 3},
	{"Jelenia Góra", "58-5", "75", 3}, {"Siedlce", "08-1", "25", 3}, {"Konin", "62-5", "63", 3}, {"Piła", "64-9", "67", 3},
	{"Piotrków Trybunalski", "97-3", "44", 3}, {"Inowrocław", "88-1", "52", 2}, {"Ostrów Wielkopolski", "63-4", "62", 2},
	{"Suwałki", "16-4", "87", 2}, {"Gniezno", "62-2", "61", 2}, {"Głogów", "67-2", "76", 2}, {"Leszno", "64-1", "65", 2},
	{"Zamość", "22-4", "84", 2}, {"Łomża", "18-4", "86", 2}, {"Żory", "44-24", "32", 2}, {"Pruszków", "05-8", "22", 2},
	{"Ełk", "19-3", "87", 2}, {"Chełm", "22-1", "82", 2}, {"Mielec", "39-3", "17", 2}, {"Przemyśl", "37-7", "16", 2},
	{"Stalowa Wola", "37-4", "15", 2}, {"Tczew", "83-1", "58", 2}, {"Biała Podlaska", "21-5", "83", 2}, {"Bełchatów", "97-4", "44", 2},
	{"Świdnica", "58-1", "74", 2}, {"Będzin", "42-5", "32", 2}, {"Zgierz", "95-1", "42", 2}, {"Racibórz", "47-4", "32", 2},
	{"Ostrołęka", "07-4", "29", 2}, {"Zakopane", "34-50", "18", 1}, {"Sopot", "81-7", "58", 1}, {"Żywiec", "34-3", "33", 1},
	{"Łowicz", "99-4", "46", 1}, {"Kołobrzeg", "78-1", "94", 1}, {"Świnoujście", "72-6", "91", 1}, {"Oświęcim", "32-6", "33", 1},
	{"Skierniewice", "96-1", "46", 1}, {"Sieradz", "98-2", "43", 1}, {"Ciechanów", "06-4", "23", 1}, {"Krosno", "38-4", "13", 1},
}

var demoStreetsPL = []string{
	"ul. Piotrkowska", "ul. Marszałkowska", "ul. Mickiewicza", "ul. Kościuszki", "ul. Słowackiego", "ul. Sienkiewicza",
	"ul. Kolejowa", "ul. Przemysłowa", "ul. Składowa", "ul. Magazynowa", "ul. Polna", "ul. Leśna", "ul. Ogrodowa",
	"ul. Lipowa", "ul. Długa", "ul. Krótka", "ul. Wojska Polskiego", "ul. 3 Maja", "ul. Jana Pawła II", "al. Jerozolimskie",
	"al. Niepodległości", "ul. Żeromskiego", "ul. Reymonta", "ul. Grunwaldzka", "ul. Łąkowa", "ul. Źródlana",
	"ul. Świętokrzyska", "ul. Żwirki i Wigury", "pl. Wolności", "ul. Kwiatowa", "ul. Słoneczna", "ul. Szkolna",
	"ul. Spółdzielcza", "ul. Handlowa", "ul. Fabryczna", "ul. Hutnicza", "ul. Młyńska", "ul. Browarna", "ul. Rzemieślnicza",
	"ul. Chopina", "ul. Kopernika", "ul. Konopnickiej", "ul. Orzeszkowej", "ul. Moniuszki", "ul. Piłsudskiego",
	"ul. Armii Krajowej", "ul. Batorego", "ul. Chrobrego", "ul. Mieszka I", "ul. Kazimierza Wielkiego", "ul. Wiejska",
	"ul. Nadrzeczna", "ul. Zielona", "ul. Brzozowa", "ul. Jagiellońska", "ul. Traugutta", "ul. Księcia Józefa",
	"ul. Obrońców Wybrzeża", "ul. Gdańska", "ul. Toruńska", "ul. Poznańska", "ul. Krakowska", "ul. Warszawska",
	"al. Solidarności", "ul. Energetyków", "ul. Transportowa", "ul. Łódzka", "ul. Śląska", "ul. Żytnia", "ul. Pszenna",
}

// Surnames in their masculine form; femineSurname makes the feminine one.
var demoSurnames = []string{
	"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
	"Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek",
	"Piotrowski", "Grabowski", "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel",
	"Nowakowski", "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk", "Dudek", "Nowicki",
	"Pawlak", "Górski", "Witkowski", "Walczak", "Sikora", "Baran", "Rutkowski", "Michalak", "Szewczyk", "Ostrowski",
	"Tomaszewski", "Pietrzak", "Zalewski", "Wróblewski", "Marciniak", "Jasiński", "Zawadzki", "Bąk", "Jakubowski",
	"Sadowski", "Duda", "Włodarczyk", "Wilk", "Chmielewski", "Borkowski", "Sokołowski", "Szczepański", "Sawicki",
	"Lis", "Kucharski", "Kalinowski", "Wysocki", "Mączyński", "Kubiak", "Kołodziej", "Czarnecki", "Żak", "Błaszczyk",
	"Łęcki", "Żabka", "Głowacki", "Ślusarczyk", "Świątek", "Łukasik", "Żurawski", "Gołębiowski", "Kaźmierczak",
	"Przybylski", "Śliwiński", "Cieślak", "Kołodziejczyk", "Ćwikliński", "Łuczak", "Mróz", "Żmuda", "Gąsiorowski",
	"Bielecki", "Rogalski", "Zięba", "Kędzierski", "Ślęzak", "Wąsik", "Grzelak", "Pająk", "Bógdał", "Łysiak",
}

var demoFirstMale = []string{
	"Jan", "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Marcin", "Grzegorz", "Józef", "Łukasz",
	"Adam", "Zbigniew", "Jerzy", "Tadeusz", "Mateusz", "Dariusz", "Mariusz", "Wojciech", "Ryszard", "Jakub", "Maciej",
	"Kazimierz", "Sławomir", "Radosław", "Bartłomiej", "Przemysław", "Jarosław", "Zdzisław", "Bogusław", "Stanisław",
	"Wiesław", "Mirosław", "Sebastian", "Kamil", "Rafał", "Robert", "Marek", "Szymon", "Hubert",
}

var demoFirstFemale = []string{
	"Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta", "Zofia",
	"Joanna", "Magdalena", "Monika", "Danuta", "Aleksandra", "Beata", "Dorota", "Jadwiga", "Halina", "Teresa",
	"Grażyna", "Jolanta", "Iwona", "Renata", "Bożena", "Urszula", "Justyna", "Natalia", "Karolina", "Paulina",
	"Marta", "Weronika", "Sylwia", "Łucja", "Wiktoria", "Żaneta", "Jagoda", "Honorata",
}

// demoKind is a trade name's descriptive part with its grammatical gender, so
// a regional adjective agrees with it ("Mazowiecka Hurtownia", "Śląski Zakład").
type demoKind struct {
	name   string
	gender byte // 'm', 'f', 'n'
	horeca bool // a restaurant or hotel: its contacts include a chef
	small  bool // a shop, bar or guesthouse: not a joint-stock company
}

var demoKinds = []demoKind{
	{"Hurtownia Spożywcza", 'f', false, false}, {"Hurtownia Owocowo-Warzywna", 'f', false, false}, {"Hurtownia Chemiczna", 'f', false, false},
	{"Hurtownia Budowlana", 'f', false, false}, {"Hurtownia Elektryczna", 'f', false, false}, {"Hurtownia Papiernicza", 'f', false, false},
	{"Hurtownia Napojów", 'f', false, false}, {"Hurtownia Mięsa i Wędlin", 'f', false, false}, {"Hurtownia Ryb", 'f', false, false},
	{"Piekarnia", 'f', false, true}, {"Cukiernia", 'f', false, true}, {"Drukarnia", 'f', false, false}, {"Masarnia", 'f', false, true},
	{"Mleczarnia", 'f', false, false}, {"Spółdzielnia Mleczarska", 'f', false, false}, {"Spółdzielnia Ogrodnicza", 'f', false, false},
	{"Apteka", 'f', false, true}, {"Restauracja", 'f', true, true}, {"Kawiarnia", 'f', true, true}, {"Tłocznia Soków", 'f', false, false},
	{"Wytwórnia Makaronu", 'f', false, false}, {"Palarnia Kawy", 'f', false, false}, {"Gospoda", 'f', true, true}, {"Karczma", 'f', true, true},
	{"Zakład Mięsny", 'm', false, false}, {"Zakład Piekarniczy", 'm', false, false}, {"Zakład Stolarski", 'm', false, true},
	{"Zakład Przetwórstwa Owoców", 'm', false, false}, {"Zakład Produkcji Opakowań", 'm', false, false}, {"Sklep Spożywczy", 'm', false, true},
	{"Sklep Wielobranżowy", 'm', false, true}, {"Skład Budowlany", 'm', false, false}, {"Skład Opału", 'm', false, true},
	{"Browar", 'm', false, false}, {"Hotel", 'm', true, false}, {"Dom Handlowy", 'm', false, false}, {"Market Budowlany", 'm', false, false},
	{"Młyn", 'm', false, false}, {"Bar Mleczny", 'm', true, true}, {"Pensjonat", 'm', true, true},
	{"Przedsiębiorstwo Handlowe", 'n', false, false}, {"Przedsiębiorstwo Handlowo-Usługowe", 'n', false, false},
	{"Przedsiębiorstwo Produkcyjno-Handlowe", 'n', false, false}, {"Przedsiębiorstwo Budowlane", 'n', false, false},
	{"Centrum Ogrodnicze", 'n', false, false}, {"Centrum Dystrybucyjne", 'n', false, false}, {"Gospodarstwo Ogrodnicze", 'n', false, false},
	{"Biuro Rachunkowe", 'n', false, true}, {"Wydawnictwo", 'n', false, false}, {"Bistro", 'n', true, true},
}

// Regional adjective stems: + "i" (m), "a" (f), "ie" (n).
var demoRegions = []string{
	"Mazowieck", "Śląsk", "Pomorsk", "Kujawsk", "Małopolsk", "Wielkopolsk", "Podlask", "Lubelsk", "Łódzk",
	"Świętokrzysk", "Podkarpack", "Warmińsk", "Opolsk", "Lubusk", "Kaszubsk", "Żuławsk", "Kurpiowsk", "Podhalańsk",
	"Bałtyck", "Sudeck", "Nadwiślańsk", "Beskidzk", "Mazursk", "Kociewsk",
}

var demoAbbrevs = []string{"P.H.U.", "F.H.U.", "PPHU", "P.P.H.U.", "Z.P.H.U.", "F.H.", "P.W.", "PHU", "F.P.H.U."}

// Brand names are a root and an ending, the way many Polish firms were named
// in the nineties ("Mlekomex", "Żywopol").
var demoBrandRoots = []string{
	"Agro", "Mleko", "Drewno", "Elektro", "Farma", "Mira", "Jano", "Eko", "Bio", "Hydro", "Termo", "Żywo", "Mięso",
	"Słodo", "Ogro", "Budo", "Chemo", "Meta", "Kwiato", "Łąko", "Zboż", "Miodo", "Sado", "Warzy", "Roz", "Pol",
}

var demoBrandEnds = []string{
	"pol", "mex", "bud", "rol", "trans", "med", "tex", "lux", "max", "plast", "gal", "hurt", "sped", "net", "pak",
}

var demoQuoted = []string{
	"Złoty Kłos", "Pod Dębem", "Stary Młyn", "Zielona Dolina", "Pszczółka", "Słoneczko", "Jagódka", "Bursztyn",
	"Sokół", "Żuraw", "Pod Lipami", "Wrzos", "Mazurek", "Krakowiak", "Złota Rybka", "Łania", "Śnieżka", "Źródełko",
	"Żubr", "Orlik", "Bociania Łąka", "Dwa Młyny", "Pod Złotą Gęsią", "U Józefa", "Smaczny Kąsek", "Wiśniowy Sad",
}

type demoWeighted struct {
	value  string
	weight int
}

var demoLegalForms = []demoWeighted{
	{"Sp. z o.o.", 40}, {"S.A.", 5}, {"sp.j.", 12}, {"sp.k.", 6}, {"Sp. z o.o. sp.k.", 4}, {"s.c.", 8},
}

var demoGroups = []demoWeighted{
	{"Hurt", 28}, {"Detal", 30}, {"Sieć", 10}, {"HoReCa", 15}, {"Dystrybutor", 8}, {"Instytucje", 4}, {"", 5},
}

var demoTerms = []struct {
	days   int
	eom    bool
	weight int
}{{14, false, 25}, {30, false, 40}, {60, false, 12}, {30, true, 10}, {7, false, 8}, {45, false, 5}}

// demoOwners are the sales reps accounts are assigned to.
var demoOwners = []string{
	"Anna Nowak", "Piotr Wiśniewski", "Katarzyna Wójcik", "Tomasz Kamiński", "Magdalena Lewandowska",
	"Michał Zieliński", "Agnieszka Szymańska", "Łukasz Dąbrowski",
}

var demoNotes = []string{
	"Dostawy tylko we wtorki i piątki.", "Preferuje kontakt mailowy.", "Płaci terminowo.",
	"Wymaga awizacji dostaw 24 h wcześniej.", "Rozładunek od strony zaplecza, wjazd od ul. bocznej.",
	"Faktury wyłącznie w formie elektronicznej.", "Zamówienia składa telefonicznie w poniedziałki.",
	"Sezonowy wzrost zamówień przed świętami.", "Negocjuje rabaty kwartalne.", "Brak miejsca na paletę — tylko kartony.",
}

// demoRole is a job title in its masculine and feminine form.
type demoRole struct{ m, f string }

var (
	demoRoleOwner    = []demoRole{{"Właściciel", "Właścicielka"}, {"Prezes Zarządu", "Prezes Zarządu"}, {"Dyrektor handlowy", "Dyrektor handlowa"}}
	demoRoleBuyer    = []demoRole{{"Kierownik zakupów", "Kierownik zakupów"}, {"Specjalista ds. zakupów", "Specjalistka ds. zakupów"}, {"Zaopatrzeniowiec", "Zaopatrzeniowiec"}}
	demoRoleAccounts = []demoRole{{"Główny księgowy", "Główna księgowa"}, {"Księgowy", "Księgowa"}}
	demoRoleOther    = []demoRole{{"Kierownik magazynu", "Kierownik magazynu"}, {"Asystent zarządu", "Asystentka zarządu"},
		{"Kierownik sklepu", "Kierowniczka sklepu"}, {"Przedstawiciel handlowy", "Przedstawicielka handlowa"}, {"Logistyk", "Logistyczka"}}
	demoRoleChef = demoRole{"Szef kuchni", "Szefowa kuchni"}
)

var demoMobilePrefixes = []string{"501", "502", "504", "505", "509", "512", "513", "516", "530", "531", "533", "535",
	"600", "601", "602", "603", "604", "605", "606", "607", "660", "661", "662", "664", "665", "669", "690", "691",
	"692", "693", "695", "697", "698", "721", "722", "724", "725", "730", "731", "780", "781", "782", "785", "790",
	"791", "793", "797", "880", "881", "883", "884", "885", "886", "887", "888"}

// demoTaxOffices are first three digits of NIPs, which name the issuing office.
var demoTaxOffices = []string{"526", "527", "521", "525", "113", "118", "951", "952", "534", "676", "677", "679",
	"945", "727", "725", "728", "729", "731", "732", "779", "778", "781", "782", "783", "894", "895", "896", "897",
	"898", "899", "583", "584", "585", "586", "587", "588", "954", "955", "956", "957", "958", "959", "851", "852",
	"853", "554", "555", "556", "557", "712", "713", "714", "715", "716", "542", "543", "545", "546", "634", "635",
	"636", "637", "638", "639", "643", "644", "645", "646", "647", "648", "649", "813", "812", "811", "657", "658",
	"659", "739", "741", "742", "754", "755", "756", "929", "925", "926", "927", "973", "974", "975"}
