package gazetteer

// region is a continent or a well-known region that no country or division names: the point is a
// representative one (a continent's is GeoNames' own, the convention most corpora and gazetteers
// follow), cc is set where the region lies in one country.
type region struct {
	names    []string // the first is the English name
	lat, lon float64
	cc, code string
}

// regions is written by hand: names in the languages Dateline reads (en, fr, de, es, it, pt, ar).
var regions = []region{
	{[]string{"Africa", "Afrique", "Afrika", "África", "Àfrica", "أفريقيا", "إفريقيا"}, 7.19, 21.09, "", "CONT"},
	{[]string{"Europe", "Europa", "أوروبا"}, 48.69, 9.14, "", "CONT"},
	{[]string{"Asia", "Asie", "Asien", "Ásia", "آسيا"}, 29.84, 89.30, "", "CONT"},
	{[]string{"North America", "Amérique du Nord", "Nordamerika", "América del Norte", "America del Nord", "América do Norte", "أمريكا الشمالية"}, 46.07, -100.55, "", "CONT"},
	{[]string{"South America", "Amérique du Sud", "Südamerika", "América del Sur", "America del Sud", "América do Sul", "أمريكا الجنوبية"}, -14.60, -57.66, "", "CONT"},
	{[]string{"Latin America", "Amérique latine", "Lateinamerika", "América Latina", "America Latina", "أمريكا اللاتينية"}, -5, -65, "", "RGN"},
	{[]string{"Oceania", "Océanie", "Ozeanien", "Oceanía", "Oceânia", "أوقيانوسيا"}, -18.31, 138.52, "", "CONT"},
	{[]string{"Antarctica", "Antarctique", "Antarktis", "Antártida", "Antartide", "Antártica", "أنتاركتيكا"}, -78.16, 16.41, "", "CONT"},
	{[]string{"Middle East", "Moyen-Orient", "Proche-Orient", "Near East", "Naher Osten", "Nahost", "Mittlerer Osten", "Oriente Medio", "Oriente Próximo", "Medio Oriente", "Médio Oriente", "Oriente Médio", "الشرق الأوسط"}, 30, 42, "", "RGN"},
	{[]string{"Levant", "Levante", "بلاد الشام", "المشرق"}, 34, 37, "", "RGN"},
	{[]string{"Maghreb", "Magreb", "Maghrib", "المغرب العربي"}, 32, 3, "", "RGN"},
	{[]string{"Sahel", "Sahelzone", "الساحل"}, 15, 2, "", "RGN"},
	{[]string{"Sahara", "Saara", "الصحراء الكبرى"}, 23, 13, "", "RGN"},
	{[]string{"Horn of Africa", "Corne de l'Afrique", "Horn von Afrika", "Cuerno de África", "Corno d'Africa", "Chifre da África", "القرن الأفريقي"}, 8, 45, "", "RGN"},
	{[]string{"Balkans", "Balkan", "Balcanes", "Balcani", "Bálcãs", "البلقان"}, 43, 21, "", "RGN"},
	{[]string{"Caucasus", "Caucase", "Kaukasus", "Cáucaso", "Caucaso", "القوقاز"}, 42.5, 44, "", "RGN"},
	{[]string{"Central Asia", "Asie centrale", "Zentralasien", "Asia Central", "Asia centrale", "Ásia Central", "آسيا الوسطى"}, 43, 65, "", "RGN"},
	{[]string{"Southeast Asia", "Asie du Sud-Est", "Südostasien", "Sudeste Asiático", "Asia sudorientale", "جنوب شرق آسيا"}, 5, 110, "", "RGN"},
	{[]string{"Scandinavia", "Scandinavie", "Skandinavien", "Escandinavia", "Escandinávia", "إسكندنافيا"}, 63, 15, "", "RGN"},
	{[]string{"Mesopotamia", "Mésopotamie", "Mesopotamien", "Mesopotâmia", "بلاد الرافدين"}, 33.5, 44, "IQ", "RGN"},
	{[]string{"Kurdistan", "Kurdistán", "Curdistão", "Kurdistão", "كردستان"}, 36.5, 44, "IQ", "RGN"},
	{[]string{"Rojava", "روج آفا"}, 36.6, 40.5, "SY", "RGN"},
	{[]string{"Darfur", "Darfour", "دارفور"}, 13.5, 24.5, "SD", "RGN"},
	{[]string{"Kordofan", "Kordofán", "كردفان"}, 12.5, 29.5, "SD", "RGN"},
	{[]string{"Tigray", "Tigré", "Tigrai", "تيغراي"}, 14, 39, "ET", "RGN"},
	{[]string{"Gaza Strip", "Gaza", "bande de Gaza", "Gazastreifen", "Franja de Gaza", "Striscia di Gaza", "Faixa de Gaza", "قطاع غزة"}, 31.42, 34.36, "PS", "RGN"},
	{[]string{"West Bank", "Cisjordanie", "Westjordanland", "Cisjordania", "Cisgiordania", "Cisjordânia", "الضفة الغربية"}, 31.95, 35.25, "PS", "RGN"},
	{[]string{"Golan Heights", "Golan", "plateau du Golan", "Golanhöhen", "Altos del Golán", "Alture del Golan", "Colinas de Golã", "هضبة الجولان", "الجولان"}, 33.0, 35.8, "SY", "RGN"},
	{[]string{"Sinai", "Sinaï", "Sinaí", "سيناء"}, 29.5, 33.8, "EG", "RGN"},
	{[]string{"Donbas", "Donbass", "Donbás", "دونباس"}, 48.0, 38.0, "UA", "RGN"},
	{[]string{"Crimea", "Crimée", "Krim", "Crimeia", "القرم"}, 45.0, 34.1, "UA", "RGN"},
	{[]string{"Kashmir", "Cachemire", "Kaschmir", "Cachemira", "Caxemira", "كشمير"}, 34.5, 76.0, "IN", "RGN"},
	{[]string{"Siberia", "Sibérie", "Sibirien", "Sibéria", "سيبيريا"}, 60, 100, "RU", "RGN"},
	{[]string{"Patagonia", "Patagonie", "Patagonien", "Patagônia", "باتاغونيا"}, -44, -69, "AR", "RGN"},
	{[]string{"Kurdistan Region", "Iraqi Kurdistan", "Kurdistan irakien", "Irakisch-Kurdistan", "Kurdistán iraquí", "إقليم كردستان"}, 36.4, 44.3, "IQ", "RGN"},
	{[]string{"Persian Gulf", "golfe Persique", "Persischer Golf", "Golfo Pérsico", "Golfo Persico", "الخليج العربي", "الخليج"}, 26.5, 52, "", "RGN"},
	{[]string{"Arabian Peninsula", "péninsule Arabique", "Arabische Halbinsel", "Península arábiga", "Penisola arabica", "شبه الجزيرة العربية"}, 23, 46, "", "RGN"},
}

// countryAliases are names of countries that news writes and world-countries does not list: short and
// dotted forms, former and everyday names, exonyms. Written by hand, in the languages Dateline reads.
var countryAliases = map[string][]string{
	"US": {"U.S.", "U.S.A.", "US", "USA", "America", "United States of America", "Etats-Unis", "EEUU", "EE.UU.", "EE. UU.", "Stati Uniti", "Vereinigte Staaten", "الولايات المتحدة", "أمريكا", "امريكا"},
	"GB": {"Britain", "Great Britain", "U.K.", "UK", "Grande-Bretagne", "Großbritannien", "Gran Bretaña", "Gran Bretagna", "Grã-Bretanha", "Reino Unido", "Regno Unito", "Royaume-Uni", "بريطانيا"},
	"NL": {"Holland", "Hollande", "Holanda", "Olanda"},
	"TR": {"Turkey", "Turquie", "Türkei", "Turquía", "Turchia", "Turquia", "تركيا"},
	"CZ": {"Czech Republic", "République tchèque", "Tschechien", "República Checa"},
	"MK": {"Macedonia", "Macédoine", "Mazedonien"},
	"SZ": {"Swaziland"},
	"CI": {"Ivory Coast", "Côte d'Ivoire", "Elfenbeinküste", "Costa de Marfil", "Costa d'Avorio"},
	"CV": {"Cape Verde"},
	"MM": {"Burma", "Birmanie", "Birmania"},
	"CD": {"DR Congo", "D.R. Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa", "RDC", "RD Congo", "République démocratique du Congo"},
	"CG": {"Congo-Brazzaville", "Republic of Congo", "Republic of the Congo"},
	"KR": {"South Korea", "Corée du Sud", "Südkorea", "Corea del Sur", "Corea del Sud"},
	"KP": {"North Korea", "Corée du Nord", "Nordkorea", "Corea del Norte", "Corea del Nord"},
	"PS": {"Palestine", "Palestinian Territories", "Palästina", "Palestina", "فلسطين"},
	"AE": {"UAE", "U.A.E.", "Emirates", "Émirats arabes unis", "EAU", "الإمارات"},
	"VA": {"Vatican", "Vatican City", "Holy See", "Vatikan", "Vaticano"},
	"TL": {"East Timor", "Timor oriental"},
	"RU": {"Russia", "Russie", "Russland", "Rusia", "روسيا"},
	"SY": {"Syria", "Syrie", "Syrien", "Siria", "سوريا", "سورية"},
	"IR": {"Iran", "إيران"},
	"VN": {"Vietnam", "Viet Nam"},
	"LA": {"Laos"},
	"TZ": {"Tanzania", "Tanzanie"},
	"BO": {"Bolivia", "Bolivie"},
	"VE": {"Venezuela"},
	"MD": {"Moldova", "Moldavie"},
	"KN": {"St Kitts and Nevis", "St. Kitts and Nevis"},
	"LC": {"St Lucia", "St. Lucia"},
	"VC": {"St Vincent", "St. Vincent"},
	"FM": {"Micronesia"},
	"BA": {"Bosnia", "Bosnie", "Bosnien"},
	"BN": {"Brunei"},
	"TW": {"Taiwan", "Taïwan"},
}
