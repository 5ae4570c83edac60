package demo

// Texts of generated activities: what a Polish wholesale rep writes down after
// a call, a visit or an e-mail. Slots in braces are filled per activity:
// {product}, {product2}, {qty}, {day} (genitive: "do piątku"), {date} (DD.MM),
// {pct}, {amount}, {invoice}, {order}, {name} (a contact), {city}, {year}.

var demoSubjects = map[string][]string{
	"call": {
		"Rozmowa o warunkach dostawy", "Telefon w sprawie zamówienia", "Pytanie o dostępność: {product}",
		"Ustalenie terminu dostawy", "Reklamacja — uszkodzona paleta", "Negocjacja rabatu kwartalnego",
		"Przypomnienie o zaległej płatności", "Potwierdzenie zamówienia {order}", "Zmiana osoby kontaktowej",
		"Rozmowa o nowym cenniku", "Zapytanie o ofertę: {product}", "Odpowiedź na reklamację",
		"Pytanie o termin płatności faktury {invoice}", "Zamówienie świąteczne", "Brak towaru w dostawie",
		"Opóźniona dostawa — wyjaśnienie", "Telefon od kierownika zakupów", "Zwrot towaru", "Prośba o próbki: {product}",
		"Uzgodnienie awizacji dostaw", "Rozmowa o limicie kredytowym", "Skarga na kuriera", "Zmiana adresu dostawy",
	},
	"meeting": {
		"Spotkanie w siedzibie klienta", "Prezentacja nowej oferty", "Wizyta handlowa — {city}",
		"Spotkanie roczne — podsumowanie współpracy", "Negocjacje warunków umowy na {year}", "Degustacja nowych produktów",
		"Przegląd ekspozycji w sklepie", "Spotkanie na targach", "Wizyta w magazynie klienta",
		"Omówienie planu zamówień na sezon", "Szkolenie produktowe dla personelu", "Spotkanie z zarządem",
	},
	"email": {
		"Oferta: {product}", "Cennik na {year}", "Potwierdzenie zamówienia {order}", "Faktura korygująca do {invoice}",
		"Odpowiedź na zapytanie ofertowe", "Zmiana warunków płatności", "Awizacja dostawy na {date}",
		"Katalog produktów — nowości", "Wezwanie do zapłaty {invoice}", "Harmonogram dostaw na {year}",
		"Specyfikacja techniczna: {product}", "Promocja miesiąca", "Aktualizacja danych firmy",
	},
	"note": {
		"Notatka ze spotkania", "Uwagi do współpracy", "Klient zmienia magazyn", "Informacja od przedstawiciela",
		"Zmiana godzin rozładunku", "Nowy kierownik zakupów", "Konkurencja złożyła ofertę", "Klient otwiera nowy punkt",
		"Problemy z płatnościami", "Preferencje klienta", "Sezonowość zamówień",
	},
	"task": {
		"Oddzwonić w sprawie: {product}", "Wysłać ofertę: {product}", "Przygotować umowę na {year}",
		"Sprawdzić płatność faktury {invoice}", "Umówić spotkanie", "Przesłać próbki: {product}", "Wyjaśnić reklamację",
		"Zaktualizować dane kontaktowe", "Przygotować zestawienie obrotów", "Wysłać nowy cennik",
		"Potwierdzić termin dostawy", "Przypomnieć o płatności {invoice}", "Sprawdzić stan magazynu: {product}",
	},
}

// demoSentences make up notes: two to four of them, from the pool of the kind
// and the shared pool.
var demoSentences = map[string][]string{
	"call": {
		"Klient pyta o możliwość dostawy {qty} do {day}.", "Rozmówca: {name}. Zamówienie zostanie złożone mailowo.",
		"Ustalono dostawę na {date}, rozładunek od strony zaplecza.", "Klient zgłasza, że część towaru dotarła uszkodzona.",
		"Obiecałem odpowiedź do {day}.", "Poproszono o korektę faktury {invoice}.", "Klient prosi o wydłużenie terminu płatności do 45 dni.",
		"Zwiększono zamówienie o {qty}, pozycja: {product}.", "Brak decyzji — prosi o kontakt po {date}.",
		"Płatność za {invoice} zostanie zlecona do {day}.", "Kierowca nie mógł wjechać na plac, trzeba awizować dostawy.",
		"Pytanie o zamiennik, pozycja chwilowo niedostępna: {product}.", "Klient zadowolony z ostatniej dostawy.",
	},
	"meeting": {
		"Omówiono wyniki sprzedaży za ostatni kwartał.", "Przedstawiłem nowości: {product} i {product2}.",
		"Klient planuje poszerzyć asortyment, pierwsza pozycja: {product}.", "Po stronie klienta w spotkaniu uczestniczy: {name}.",
		"Uzgodniono rabat {pct} przy zamówieniach powyżej {amount}.", "Ekspozycja w sklepie wymaga odświeżenia.",
		"Klient chce podpisać umowę ramową na {year}.", "Oprowadzono nas po magazynie, jest miejsce na dodatkowe regały.",
		"Ustalono harmonogram dostaw na najbliższe miesiące.", "Konkurencja oferuje niższe ceny, głównie pozycja: {product}.",
	},
	"email": {
		"W załączniku oferta z cenami netto, pozycja: {product}.", "Przesłano cennik obowiązujący od {date}.",
		"Potwierdzam przyjęcie zamówienia {order} do realizacji.", "Prośba o potwierdzenie odbioru faktury {invoice}.",
		"Klient odpisał, że decyzję podejmie zarząd.", "Wysłano katalog w formacie PDF.",
		"Przypomnienie o terminie płatności kwoty {amount}.", "Dostawa zaplanowana na {date}, prosimy o awizację.",
	},
	"note": {
		"Klient zmienia dostawcę, możliwa szansa na nową pozycję: {product}.", "Nowa osoba do kontaktu: {name}.",
		"Rozładunek możliwy tylko w godzinach 7–10.", "Klient woli kontakt telefoniczny niż mailowy.",
		"Sezonowy wzrost zamówień przed świętami — przygotować zapas, pozycja: {product}.", "Firma otwiera kolejny oddział, siedziba główna pozostaje: {city}.",
		"Płatności regularnie opóźnione o kilka dni.", "Faktury wyłącznie w formie elektronicznej.",
		"Konkurencja proponuje rabat {pct}, klient czeka na naszą odpowiedź.",
	},
	"task": {
		"Przygotować ofertę z rabatem {pct}.", "Sprawdzić w magazynie dostępność {qty}.", "Osoba do kontaktu: {name}.",
		"Termin: {day}.", "Uzgodnić z działem logistyki termin dostawy.", "Sprawdzić w księgowości saldo klienta.",
		"Przesłać próbki kurierem, pozycja: {product}.",
	},
	"": {
		"Do uzgodnienia transport własny lub kurier.", "Ceny ważne do końca miesiąca.", "Kolejny kontakt za dwa tygodnie.",
		"Warto zaproponować też: {product2}.", "Klient zamawia regularnie co miesiąc.", "Sprawa pilna.",
		"Wszystko uzgodnione, czekamy na zamówienie.", "Dokumenty przekazane do działu sprzedaży.",
	},
}

var demoOutcomes = map[string][]string{
	"call":    {"Zamówienie złożone", "Oferta do przygotowania", "Oddzwonić", "Bez decyzji", "Sprawa zamknięta", "Reklamacja przyjęta"},
	"meeting": {"Klient zainteresowany", "Umowa do podpisu", "Kolejne spotkanie", "Bez decyzji", "Zamówienie próbne"},
	"email":   {"Wysłano", "Odpowiedź otrzymana", "Czeka na odpowiedź"},
}

var demoProducts = []string{
	"mąka pszenna typ 650", "cukier biały", "olej rzepakowy", "kawa ziarnista", "makaron świderki", "woda mineralna",
	"soki tłoczone", "papier ksero A4", "rękawice nitrylowe", "środki czystości", "pieczywo mrożone", "ser żółty gouda",
	"masło extra", "jaja klasy L", "przyprawy", "herbata czarna", "konserwy rybne", "płyn do naczyń", "ręczniki papierowe",
	"worki na śmieci", "kasza gryczana", "ryż długoziarnisty", "mleko UHT", "jogurt naturalny", "śmietana 18%",
	"wędliny drobiowe", "kiełbasa śląska", "pomidory w puszce", "ogórki kiszone", "miód wielokwiatowy", "czekolada gorzka",
	"pierniki toruńskie", "piwo jasne", "napoje gazowane", "sól kamienna", "płatki owsiane", "dżem truskawkowy",
	"cement portlandzki", "kleje do płytek", "farby emulsyjne", "kable YDY", "żarówki LED", "folia stretch",
	"kartony klapowe", "taśma pakowa", "ściereczki z mikrofibry", "kubki papierowe", "serwetki", "opał — węgiel orzech",
}

var demoQtys = []string{"20 palet", "10 palet", "5 palet", "40 kartonów", "100 kartonów", "500 kg", "300 sztuk",
	"1200 sztuk", "80 zgrzewek", "12 palet", "60 kartonów"}

var demoDaysGen = []string{"poniedziałku", "wtorku", "środy", "czwartku", "piątku", "końca tygodnia", "końca miesiąca"}

var demoPcts = []string{"2%", "3%", "5%", "7%", "10%", "2,5%"}

var demoAmounts = []string{"5 000 zł", "10 000 zł", "12 500 zł", "20 000 zł", "50 000 zł", "3 000 zł netto"}
