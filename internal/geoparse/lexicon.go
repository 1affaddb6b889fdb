package geoparse

import (
	"strings"

	"github.com/datelinehq/dateline/internal/gazetteer"
)

// The word lists below are general facts about each language (its function words, its locative
// prepositions, its titles for people), written in folded form: lower case, no diacritics.

// lexicon is what recognition knows of one language.
type lexicon struct {
	function  string // function words: a capitalised one starts a sentence, it does not name a place
	locative  string // words that, just before a name, say it is a place: "in", "à", "nach"
	titles    string // words that, just before a name, say it is a person: "colonel", "president"
	calendar  string // month and weekday names: never a place on their own
	common    string // common nouns and adjectives that GeoNames also lists as places
	division  string // words for a first-level division: "province de Deir ez-Zor", "Kherson Oblast"
	linking   string // prepositions that join the words of an institution's name: "Junta de Andalucía"
	orgHeads  string // words that, just after a place name, make a longer name of something there: "Gainesville Police"
	germs     string // words that, just after a name, make it the name of a disease or its germ: "Marburg virus"
	caseNouns bool   // the language capitalises all nouns (German)
}

var lexicons = map[string]lexicon{
	"en": {
		linking:  "of",
		division: "province state governorate region oblast county district department prefecture emirate canton",
		function: "a an the and or but nor of in on at to from by for with without into onto over under about after before since until during between among through across against near this that these those it its he she they we you i his her their our your my who whom whose which what when where while as if than then there here so also not no yes all any some many much more most other such only own same both each few very can will would should could may might must shall do does did done have has had having be is are was were been being said says say according however meanwhile yet still even just today yesterday tomorrow tonight now later earlier recently currently",
		locative: "in at near from to into toward towards around outside inside across via through across between throughout within off",
		titles:   "mr mrs ms miss dr sir lord lady president vice prime minister secretary general colonel col gen lt lieutenant captain capt major sergeant commander admiral governor gov mayor senator sen rep representative congressman congresswoman judge justice king queen prince princess sheikh emir imam ayatollah pope bishop archbishop father rev chancellor ambassador spokesman spokeswoman striker midfielder defender goalkeeper coach manager chairman ceo director officer detective sheriff sgt cpl pvt spc rep reps sen gov atty det insp supt cmdr adm maj prof hon pres deputy trooper chief",
		calendar: "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat christmas easter",
		orgHeads: "police department dept university college school schools academy hospital clinic center centre council board court courthouse fire sheriff airport station church cathedral museum library company corporation corp inc bank times post tribune herald journal gazette news press chamber commission committee authority agency club association foundation institute zoo mall hotel state fair festival city township parish high middle elementary district regional area community memorial medical health public general patrol senate legislature assembly coalition society services",
		common:   "city town state republic capital north south east west northeast northwest southeast southwest northern southern eastern western central old new university hospital airport port bridge army police government forces council",
		germs:    "virus viruses ebolavirus fever disease hemorrhagic haemorrhagic encephalitis syndrome strain strains bacterium bacteria",
	},
	"fr": {
		linking:  "de du des",
		division: "province etat gouvernorat region oblast departement district prefecture wilaya emirat canton comte",
		function: "le la les l un une des du de d au aux et ou mais donc or ni car ce cet cette ces il elle ils elles on nous vous je tu se sa son ses leur leurs notre nos votre vos mon ma mes qui que qu quoi dont ou quand comme si alors ainsi pour par sur sous dans avec sans selon apres avant depuis pendant entre vers chez contre malgre parmi est sont etait etaient a ont avait avaient sera seront ete etre plus moins tres aussi encore deja toujours jamais ne pas y en tout tous toute toutes autre autres meme aujourd hier demain maintenant desormais ensuite puis",
		locative: "a au aux dans de d du des vers pres depuis en entre sur chez jusqu jusque via",
		titles:   "m mme mlle monsieur madame president presidente ministre premier general colonel capitaine commandant lieutenant sergent gouverneur maire senateur depute juge roi reine prince princesse cheikh emir imam ayatollah pape eveque pere cardinal chancelier ambassadeur porte-parole docteur dr maitre",
		calendar: "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche janv fevr avr juil sept oct nov dec",
		common:   "ville etat republique capitale nord sud est ouest centre armee police gouvernement forces conseil",
	},
	"es": {
		linking:  "de del",
		division: "provincia estado gobernacion region departamento distrito comunidad prefectura oblast canton",
		function: "el la los las lo un una unos unas y e o u pero ni de del al a en con sin por para sobre bajo entre hacia hasta desde durante segun contra tras ante que quien quienes cual cuales cuando donde como si este esta estos estas ese esa esos esas aquel aquella su sus mi mis tu tus nuestro nuestra se le les me te nos es son era eran fue fueron ha han habia ser estar muy mas menos tambien ya no todo todos toda todas otro otra otros otras hoy ayer manana ahora luego despues",
		locative: "en a de desde hacia hasta entre cerca por sobre",
		titles:   "sr sra srta senor senora don dona presidente presidenta ministro ministra primer general coronel capitan comandante teniente sargento gobernador gobernadora alcalde alcaldesa senador diputado juez rey reina principe princesa jeque emir papa obispo padre canciller embajador portavoz doctor dr",
		calendar: "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre lunes martes miercoles jueves viernes sabado domingo ene abr ago dic",
		common:   "ciudad estado republica capital norte sur este oeste centro ejercito policia gobierno fuerzas consejo",
	},
	"de": {
		linking:  "von vom der",
		division: "provinz bundesland land gouvernement region oblast bezirk kanton departement distrikt",
		function: "der die das den dem des ein eine einer eines einem einen und oder aber doch sondern denn nicht kein keine von vom zu zum zur mit ohne fur uber unter nach bei aus auf an am im in um durch gegen seit bis wahrend wegen trotz zwischen hinter vor neben er sie es wir ihr ich du man sein seine ihre ihr unser dieser diese dieses jener welche welcher welches wer was wo wann wie ob dass als wenn so auch noch schon nur sehr mehr ist sind war waren wird werden wurde wurden hat haben hatte hatten sei",
		locative: "in im nach bei aus von vom uber nahe zwischen um gen richtung",
		titles:   "herr frau dr prasident prasidentin minister ministerin premierminister kanzler kanzlerin general oberst hauptmann kommandeur gouverneur burgermeister senator richter konig konigin prinz prinzessin scheich emir papst bischof pfarrer botschafter sprecher sprecherin",
		calendar: "januar jaenner februar marz april mai juni juli august september oktober november dezember montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag okt dez",
		common:   "stadt staat republik hauptstadt nord sud ost west norden suden osten westen zentrum armee polizei regierung",
		// German capitalises every noun, so a capital letter says less than in other languages.
		caseNouns: true,
	},
	"it": {
		linking:  "di del della dello dei degli delle",
		division: "provincia stato governatorato regione oblast distretto dipartimento cantone",
		function: "il lo la i gli le un uno una e ed o ma di del dello della dei degli delle a al allo alla ai agli alle da dal dalla dai in nel nello nella nei negli nelle con su sul sulla per tra fra che chi cui quale quando dove come se questo questa questi queste quello quella suo sua suoi sue loro non piu molto anche gia e sono era erano stato stata ha hanno aveva oggi ieri domani ora poi",
		locative: "a in da di verso presso vicino tra fra",
		titles:   "signor signora sig presidente ministro premier generale colonnello capitano comandante tenente governatore sindaco senatore deputato giudice re regina principe principessa sceicco emiro papa vescovo padre cancelliere ambasciatore portavoce dottor dott",
		calendar: "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre lunedi martedi mercoledi giovedi venerdi sabato domenica",
		common:   "citta stato repubblica capitale nord sud est ovest centro esercito polizia governo",
	},
	"pt": {
		linking:  "de do da dos das",
		division: "provincia estado governadoria regiao oblast distrito departamento",
		function: "o a os as um uma uns umas e ou mas nem de do da dos das em no na nos nas ao aos a com sem por pelo pela pelos pelas para sobre entre ate desde durante contra que quem qual quando onde como se este esta estes estas esse essa isso seu sua seus suas nao mais muito tambem ja e sao era eram foi foram tem ter hoje ontem amanha agora depois",
		locative: "em no na a ao de do da desde ate entre perto para",
		titles:   "sr sra senhor senhora dom dona presidente ministro ministra primeiro general coronel capitao comandante tenente governador prefeito senador deputado juiz rei rainha principe princesa xeque emir papa bispo padre chanceler embaixador porta-voz doutor dr",
		calendar: "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro segunda terca quarta quinta sexta sabado domingo",
		common:   "cidade estado republica capital norte sul leste oeste centro exercito policia governo",
	},
	"ar": {
		division: "محافظة ولاية إقليم منطقة مقاطعة",
		function: "في من إلى الى على عن مع بعد قبل ان إن أن التي الذي الذين هذا هذه ذلك تلك هو هي هم كان كانت قد لا لم لن ما او أو ثم حتى عند منذ خلال بين حول ضد كل بعض غير قال وقال كما و يوم",
		locative: "في من الى إلى نحو باتجاه قرب بالقرب عند داخل",
		titles:   "الرئيس الوزير رئيس وزير الجنرال العقيد الشيخ الأمير الملك الامام السيد المتحدث",
		calendar: "يناير فبراير مارس ابريل أبريل مايو يونيو يوليو اغسطس أغسطس سبتمبر اكتوبر أكتوبر نوفمبر ديسمبر الاثنين الثلاثاء الاربعاء الأربعاء الخميس الجمعة السبت الاحد الأحد",
		// "the city", "the state", "the country", "the capital": common nouns that are also place names.
		common: "المدينة مدينة الدولة دولة البلاد العاصمة المنطقة الجيش الحكومة القوات",
	},
}

// languages are the languages detect can return, in a fixed order.
var languages = []string{"en", "fr", "es", "de", "it", "pt", "ar"}

// wordInfo is what the lexicons say of one folded word: for each list, bit i set when the word is on
// that list for languages[i]; and the country the word is a demonym of (a Brief.CC, 0 for none).
type wordInfo struct {
	function, locative, title, calendar, common, division, orgHead, germ uint8
	demonym                                                              uint16
}

// allLangs has the bit of every language.
const allLangs = 1<<7 - 1

// lexiconSets are the lexicons and the gazetteer's demonyms as one table from a word's key
// (gazetteer.Token.Key) to its wordInfo, so that a word is looked up once.
type lexiconSets struct {
	words     map[uint64]wordInfo // while building; then the table below
	slots     []lexSlot           // open addressing (see slot), key 0 for an empty slot
	shift     uint
	filter    [lexFilterBits / 64]uint64 // a bit per key hash: most words are on no list and stop here
	caseNouns uint8                      // the bits of the languages that capitalise all nouns
	linking   map[string]uint8           // the linking prepositions, and the bits of their languages (rarely asked)
}

const lexFilterBits = 1 << 16

// find returns what the lexicons say of the word with this key, nil when they do not list it.
func (s *lexiconSets) find(key uint64) *wordInfo {
	if b := key >> 48; s.filter[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	mask := uint64(len(s.slots) - 1)
	for i := slot(key, s.shift); ; i = (i + 1) & mask {
		switch e := &s.slots[i]; e.key {
		case key:
			return &e.info
		case 0:
			return nil
		}
	}
}

// lexSlot is one slot of the lexicon table: a key and what the lexicons say of it, side by side.
type lexSlot struct {
	key  uint64
	info wordInfo
}

// slot is where a key's probe starts: Fibonacci hashing, since the top bits of the FNV keys of short
// words cluster (two probes on average instead of one, and runs of 80).
func slot(key uint64, shift uint) uint64 { return key * 0x9e3779b97f4a7c15 >> shift }

// seal turns s.words into the open-addressing table, at most a quarter full.
func (s *lexiconSets) seal() {
	bits := uint(4)
	for 1<<bits < 4*len(s.words) {
		bits++
	}
	s.shift = 64 - bits
	s.slots = make([]lexSlot, 1<<bits)
	mask := uint64(len(s.slots) - 1)
	for k, info := range s.words {
		if k == 0 {
			continue // cannot be stored; no folded word hashes to 0 in practice
		}
		i := slot(k, s.shift)
		for s.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = lexSlot{k, info}
		s.filter[(k>>48)/64] |= 1 << ((k >> 48) % 64)
	}
	s.words = nil
}

func langBit(lang string) uint8 {
	for i, l := range languages {
		if l == lang {
			return 1 << i
		}
	}
	return 0
}

func buildLexiconSets(gz *gazetteer.Gazetteer) *lexiconSets {
	s := &lexiconSets{words: map[uint64]wordInfo{}, linking: map[string]uint8{}}
	gz.Demonyms(func(k uint64, cc string) {
		info := s.words[k]
		info.demonym = gazetteer.CC(cc)
		s.words[k] = info
	})
	for lang, l := range lexicons {
		bit := langBit(lang)
		if l.caseNouns {
			s.caseNouns |= bit
		}
		for _, w := range strings.Fields(l.linking) {
			s.linking[w] |= bit
		}
		for _, list := range []struct {
			words string
			field func(*wordInfo) *uint8
		}{
			{l.function, func(w *wordInfo) *uint8 { return &w.function }},
			{l.locative, func(w *wordInfo) *uint8 { return &w.locative }},
			{l.titles, func(w *wordInfo) *uint8 { return &w.title }},
			{l.calendar, func(w *wordInfo) *uint8 { return &w.calendar }},
			{l.common, func(w *wordInfo) *uint8 { return &w.common }},
			{l.division, func(w *wordInfo) *uint8 { return &w.division }},
			{l.orgHeads, func(w *wordInfo) *uint8 { return &w.orgHead }},
			{l.germs, func(w *wordInfo) *uint8 { return &w.germ }},
		} {
			for _, w := range strings.Fields(list.words) {
				if strings.Contains(gazetteer.Fold(w), " ") {
					continue // "porte-parole": two words; a single token never matches it
				}
				k := gazetteer.KeyOf(w)
				info := s.words[k]
				*list.field(&info) |= bit
				s.words[k] = info
			}
		}
	}
	s.seal()
	return s
}
