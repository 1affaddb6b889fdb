package timex

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// langMask is a set of languages.
type langMask uint8

const (
	langFR langMask = 1 << iota
	langEN
	langES
	langDE
	langIT
	langPT
	langAR
	allLangs = langFR | langEN | langES | langDE | langIT | langPT | langAR
)

// lang is one language's date words, written as they appear in text; they are folded when the lexicon is
// built. Alternatives are separated by "|"; an alternative may be a phrase of several words.
type lang struct {
	code      string
	mask      langMask
	months    [12]string
	abbrevs   [12]string     // month abbreviations: a date only with a day or a year
	weekdays  [7]string      // Sunday first
	loose     [7]string      // weekday forms that are dates only after a context word (Portuguese "segunda")
	compound  string         // suffixes glued to a weekday ("Sonntagabend")
	relDays   map[string]int // "hier": days after the report date
	relMonths map[string]int // "last month": months after the report's month
	relYears  map[string]int // "last year": years after the report's year
	relPrev   map[string]int // "le lendemain": days after the day the text dated last (else the report's)
	relWeeks  map[string]int // "last week": ISO weeks after the report's
	ranges    string         // the words around the first day of a range and before its last: "du au|entre et"
	future    string         // words that put a following weekday in the future: "will", "d'ici"
	ctx       string         // words that make a following bare month or year a date: "in", "en", "seit"
	monthCtx  string         // words that make a following bare month (not a year) a date
	past      string         // "dernier", "last": the latest such day strictly before the report
	next      string         // "prochain", "next": the first such day after the report
	clause    string         // words that open a clause: "après avoir", "while"
	relative  string         // relative pronouns: after a comma they open an aside ("Mosul, which ...")
	since     string         // words before a date that starts a duration, not an event: "since"
	stop      string         // phrases that look like dates but are not: "por la mañana"
	lower     string         // words that are dates only in lower case (German "morgen", not "Morgen")
	common    string         // frequent function words, to guess the language
}

// kind is what a lexicon entry means.
type kind uint8

const (
	kMonth        kind = iota + 1 // val: 1-12
	kAbbrev                       // month abbreviation, val: 1-12
	kWeekday                      // val: time.Weekday
	kLooseWeekday                 // val: time.Weekday
	kDays                         // val: days after the report date
	kMonths                       // val: months after the report's month
	kYears                        // val: years after the report's year
	kPrevDays                     // val: days after the last day the text gave
	kWeeks                        // val: ISO weeks after the report's
	kFuture
	kCtx
	kMonthCtx
	kPast
	kNext
	kClause
	kRelative
	kSince
	kStop
	numKinds // one more than the last kind
)

// entry is one meaning of a folded word, possibly the start of a phrase.
type entry struct {
	kind  kind
	val   int
	mask  langMask
	rest  []string // the phrase's further folded words
	cased int8     // 1: must start upper-case in the text, -1: lower-case
}

// lexicon maps a folded word to its meanings, by kind and longest phrases first: meanings[ids[w]]. A token
// keeps the small index rather than the slice.
type lexicon struct {
	ids      map[string]uint16
	meanings [][]entry             // meanings[0] is none
	byKind   [][numKinds + 1]uint8 // meanings[id][byKind[id][k]:byKind[id][k+1]] are those of kind k
	kinds    []kindSet             // kinds[id]: the kinds of meanings[id]
	sieve    [sieveBits / 64]uint64
	table    []wordSlot // ids as an open-addressing hash table by wordHash, a power of two long
	shift    uint8      // 64 - log2(len(table)): a word's first slot is its wordHash >> shift
}

// wordSlot is one slot of lexicon.table; an empty word marks a free slot.
type wordSlot struct {
	w  string
	id uint16
}

// kindSet is a set of kinds, bit 1<<k for kind k.
type kindSet uint32

// dateKinds are the kinds a non-numeric expression starts with.
const dateKinds = 1<<kMonth | 1<<kAbbrev | 1<<kWeekday | 1<<kLooseWeekday | 1<<kDays | 1<<kMonths | 1<<kYears | 1<<kPrevDays | 1<<kWeeks

// scanKinds are the kinds of the words scan reads something at: the others ("in", "of") matter only
// next to those.
const scanKinds = dateKinds | 1<<kStop | 1<<kClause

// lexicon.sieve has a bit per hash of a word (wordHash), set for the words of ids, so that most words of a
// text, which mean no date, are not looked up in the table.
const (
	sieveLog  = 16
	sieveBits = 1 << sieveLog
)

// wordHash hashes a word of n bytes by n and its first 8 bytes, p (prefix8): Fibonacci hashing, whose
// high bits are well mixed. It costs a multiplication where hashing every byte would cost a loop, and
// words that share 8 bytes and a length are rare enough.
func wordHash(p uint64, n int) uint64 {
	return (p ^ uint64(n)<<56) * 0x9e3779b97f4a7c15
}

// prefix8 packs the first 8 bytes of s (all of them if fewer), the first in the lowest byte. Since no word
// holds a NUL byte, the prefix of a word of at most 8 bytes is the word itself.
func prefix8(s string) uint64 {
	if len(s) >= 8 {
		return load8(s)
	}
	var p uint64
	for i := range len(s) {
		p |= uint64(s[i]) << (8 * i)
	}
	return p
}

// load8 packs the first 8 bytes of s, which has as many, in one load.
func load8(s string) uint64 { return binary.LittleEndian.Uint64([]byte(s[:8])) }

// sifted reports whether a word of hash h (wordHash) passes the sieve: only then may it be in the lexicon.
func (lx *lexicon) sifted(h uint64) bool {
	b := h >> (64 - sieveLog)
	return lx.sieve[b/64]&(1<<(b%64)) != 0
}

// get returns the index of w's meanings.
func (lx *lexicon) get(w string) (uint16, bool) {
	if w == "" {
		return 0, false
	}
	h := wordHash(prefix8(w), len(w))
	if !lx.sifted(h) {
		return 0, false
	}
	return lx.probe(w, h)
}

// probe is get for a word w of hash h that passes the sieve.
func (lx *lexicon) probe(w string, h uint64) (uint16, bool) {
	mask := uint64(len(lx.table) - 1)
	for k := h >> lx.shift; ; k = (k + 1) & mask {
		switch s := &lx.table[k]; s.w {
		case w:
			return s.id, true
		case "":
			return 0, false
		}
	}
}

// buildTable fills lx.table and lx.sieve from lx.ids.
func (lx *lexicon) buildTable() {
	n := 64
	lx.shift = 64 - 6
	for n < 4*len(lx.ids) {
		n *= 2
		lx.shift--
	}
	lx.table = make([]wordSlot, n)
	for w, id := range lx.ids {
		h := wordHash(prefix8(w), len(w))
		b := h >> (64 - sieveLog)
		lx.sieve[b/64] |= 1 << (b % 64)
		k := h >> lx.shift
		for lx.table[k].w != "" {
			k = (k + 1) & uint64(n-1)
		}
		lx.table[k] = wordSlot{w, id}
	}
}

// meanings returns the meanings of kind k of a token's word, longest phrases first: finding a phrase of a
// kind so looks at no other.
func (t *token) meanings(k kind) []entry {
	at := &lex.byKind[t.ents]
	return lex.meanings[t.ents][at[k]:at[k+1]]
}

var languages = []lang{
	{
		code:      "fr",
		mask:      langFR,
		months:    [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		abbrevs:   [12]string{"janv", "févr|fév", "", "avr", "", "", "juil", "", "", "oct", "nov", "déc"},
		weekdays:  [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		relDays:   map[string]int{"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "ce matin": 0, "ce soir": 0, "demain": 1, "après-demain": 2},
		relMonths: map[string]int{"mois dernier|mois passé": -1, "ce mois-ci": 0, "mois prochain": 1},
		relYears:  map[string]int{"l'an dernier|l'année dernière|l'an passé|l'année passée": -1, "cette année": 0, "l'an prochain|l'année prochaine": 1},
		relPrev:   map[string]int{"le lendemain|au lendemain|le jour suivant": 1, "le surlendemain": 2, "la veille|le jour précédent|la journée précédente": -1},
		relWeeks:  map[string]int{"semaine dernière|semaine passée": -1},
		ranges:    "du au|entre et",
		future:    "d'ici|va|vont|sera|seront|aura|auront|devrait|devraient|doit|doivent|prévu|prévue|prévus|prévues",
		ctx:       "en|depuis|dès|jusqu'en|début|fin|mi|courant|année|avant|après",
		monthCtx:  "de|mois",
		past:      "dernier|dernière|passé|passée",
		next:      "prochain|prochaine",
		clause:    "après avoir|après être|avant de|alors que|tandis que|lorsque|quand|mais|puis",
		relative:  "qui|que|qu|dont|où|lequel|laquelle|lesquels|lesquelles",
		since:     "depuis",
		common:    "le|les|des|du|et|est|une|dans|pour|qui|sur|au|aux|pas|avec|ont|été|ce|cette|selon",
	},
	{
		code:      "en",
		mask:      langEN,
		months:    [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		abbrevs:   [12]string{"Jan", "Feb", "Mar", "Apr", "", "Jun", "Jul", "Aug", "Sep|Sept", "Oct", "Nov", "Dec"},
		weekdays:  [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		relDays:   map[string]int{"yesterday|last night": -1, "day before yesterday|the day before yesterday": -2, "the day after tomorrow|day after tomorrow": 2, "today|tonight|this morning": 0, "tomorrow": 1},
		relMonths: map[string]int{"last month": -1, "this month": 0, "next month": 1},
		relYears:  map[string]int{"last year": -1, "this year": 0, "next year": 1},
		relPrev:   map[string]int{"the next day|the following day|a day later|the day after": 1, "two days later": 2, "the day before|the previous day|a day earlier": -1},
		relWeeks:  map[string]int{"last week": -1},
		ranges:    "from to|from through|from until|between and",
		future:    "will|'ll|shall|would|expected|scheduled|plans",
		ctx:       "in|since|until|during|early|late|mid|from|throughout|before|after|year",
		monthCtx:  "of|this",
		past:      "last|past",
		next:      "next|coming",
		clause:    "after|before|while|whereas|when|although|but",
		relative:  "which|who|whom|whose|where",
		since:     "since",
		stop:      "Sunday Times|Sunday Telegraph|Sunday Express|Sunday Mirror|Bloody Sunday|Good Friday|Black Friday|Super Tuesday|Ash Wednesday",
		common:    "the|and|of|to|is|was|on|for|that|with|said|from|by|were|has|have|its|their",
	},
	{
		code:      "es",
		mask:      langES,
		months:    [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre|setiembre", "octubre", "noviembre", "diciembre"},
		abbrevs:   [12]string{"ene", "feb", "", "abr", "", "", "", "", "sept", "oct", "nov", "dic"},
		weekdays:  [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		relDays:   map[string]int{"ayer|anoche": -1, "anteayer|antier|antes de ayer": -2, "hoy|esta mañana|esta noche": 0, "mañana": 1, "pasado mañana": 2},
		relMonths: map[string]int{"mes pasado": -1, "este mes": 0, "próximo mes": 1},
		relYears:  map[string]int{"año pasado": -1, "este año": 0, "próximo año|año que viene": 1},
		relPrev:   map[string]int{"al día siguiente|el día siguiente|al otro día|un día después": 1, "dos días después": 2, "el día anterior|un día antes": -1},
		relWeeks:  map[string]int{"semana pasada": -1},
		ranges:    "del al|entre y",
		future:    "será|serán|va a|van a|prevé|prevén|previsto|prevista|deberá|deberán|para el",
		ctx:       "en|desde|hasta|durante|finales|principios|mediados|inicios|año",
		monthCtx:  "de|del",
		past:      "pasado|pasada",
		next:      "próximo|próxima",
		clause:    "después de|tras|antes de|mientras|cuando|aunque|pero",
		relative:  "que|quien|quienes|donde|cuyo|cuya|cual",
		since:     "desde",
		stop:      "la mañana|una mañana|cada mañana",
		common:    "el|los|las|del|y|por|con|una|para|fue|al|su|entre|más|según|sus",
	},
	{
		code:      "de",
		mask:      langDE,
		months:    [12]string{"Januar|Jänner", "Februar|Feber", "März|Maerz", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		abbrevs:   [12]string{"Jan", "Feb", "", "Apr", "", "", "", "Aug", "Sept|Sep", "Okt", "Nov", "Dez"},
		weekdays:  [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag|Sonnabend"},
		compound:  "abend|morgen|nachmittag|vormittag|nacht|mittag|früh",
		relDays:   map[string]int{"gestern|gestern morgen": -1, "vorgestern": -2, "heute|heute morgen": 0, "morgen": 1, "übermorgen": 2},
		relMonths: map[string]int{"letzten monat|vergangenen monat": -1, "diesen monat": 0, "nächsten monat": 1},
		relYears:  map[string]int{"letzten jahr|letztes jahr|vergangenen jahr|vergangenes jahr|vorigen jahr|voriges jahr": -1, "dieses jahr|diesem jahr": 0, "nächstes jahr|nächsten jahr": 1},
		relPrev:   map[string]int{"am nächsten Tag|am folgenden Tag|tags darauf|einen Tag später": 1, "zwei Tage später": 2, "am Vortag|am Tag zuvor|tags zuvor|einen Tag zuvor": -1},
		relWeeks:  map[string]int{"letzte Woche|letzten Woche|vergangene Woche|vergangenen Woche|vorige Woche|vorigen Woche": -1},
		ranges:    "vom bis|von bis|zwischen und",
		future:    "wird|werden|soll|sollen|geplant|bis",
		ctx:       "im|seit|anfang|ende|mitte|jahr|jahres|ab|vor|nach",
		past:      "letzten|vergangenen|vorigen",
		next:      "nächsten|kommenden",
		clause:    "nachdem|bevor|während|wobei|aber",
		relative:  "der|die|das|dem|den|deren|dessen|welche|welcher|welches|wo",
		since:     "seit",
		lower:     "morgen",
		common:    "der|die|das|und|den|dem|ist|von|mit|nicht|ein|eine|auf|im|wurde|sich|nach|zu|des|haben",
	},
	{
		code:      "it",
		mask:      langIT,
		months:    [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		abbrevs:   [12]string{"genn", "febb", "", "apr", "magg", "giu", "lug", "", "sett", "ott", "nov", "dic"},
		weekdays:  [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"},
		relDays:   map[string]int{"ieri": -1, "l'altro ieri|l'altroieri|altroieri|ieri l'altro": -2, "oggi|stamattina|stamani|stanotte|stasera": 0, "domani": 1, "dopodomani": 2},
		relMonths: map[string]int{"mese scorso": -1, "questo mese": 0, "mese prossimo|prossimo mese": 1},
		relYears:  map[string]int{"l'anno scorso|anno scorso|scorso anno": -1, "quest'anno": 0, "l'anno prossimo|prossimo anno": 1},
		relPrev:   map[string]int{"il giorno dopo|il giorno seguente|l'indomani|all'indomani": 1, "due giorni dopo": 2, "il giorno prima|il giorno precedente": -1},
		relWeeks:  map[string]int{"settimana scorsa|scorsa settimana|settimana passata": -1},
		ranges:    "dal al|tra e|fra e",
		future:    "sarà|saranno|dovrebbe|dovrebbero|previsto|prevista|entro",
		ctx:       "nel|dal|entro|inizio|fine|metà|anno|durante|a|ad",
		monthCtx:  "di|del",
		past:      "scorso|scorsa|passato|passata",
		next:      "prossimo|prossima",
		clause:    "dopo aver|dopo essere|prima di|mentre|quando|sebbene|ma",
		relative:  "che|cui|dove|quale|quali",
		since:     "dal|dalla|dallo",
		common:    "il|gli|della|di|che|per|con|sono|nel|alla|non|dei|degli|delle|ha|anche|è",
	},
	{
		code:      "pt",
		mask:      langPT,
		months:    [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		weekdays:  [7]string{"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"},
		loose:     [7]string{"", "segunda", "terça", "quarta", "quinta", "sexta", ""},
		relDays:   map[string]int{"ontem": -1, "anteontem": -2, "hoje|esta manhã|nesta manhã": 0, "amanhã": 1, "depois de amanhã": 2},
		relMonths: map[string]int{"mês passado": -1, "este mês|neste mês": 0, "próximo mês": 1},
		relYears:  map[string]int{"ano passado": -1, "este ano|neste ano": 0, "próximo ano|ano que vem": 1},
		relPrev:   map[string]int{"no dia seguinte|o dia seguinte|um dia depois": 1, "dois dias depois": 2, "no dia anterior|um dia antes": -1},
		relWeeks:  map[string]int{"semana passada": -1},
		ranges:    "de a|entre e",
		future:    "será|serão|vai|vão|deverá|deverão|previsto|prevista|até",
		ctx:       "em|desde|até|durante|início|final|meados|ano|nesta|neste|desta|nessa",
		monthCtx:  "de|do",
		past:      "passado|passada|último|última",
		next:      "próximo|próxima",
		clause:    "depois de|após|antes de|enquanto|quando|embora|mas",
		relative:  "que|quem|onde|cujo|cuja|qual",
		since:     "desde",
		common:    "os|do|da|dos|das|em|não|com|uma|para|foi|no|na|ao|pelo|pela|seu|sua",
	},
	{
		code: "ar",
		mask: langAR,
		months: [12]string{"يناير|كانون الثاني|جانفي", "فبراير|شباط|فيفري", "مارس|آذار", "أبريل|إبريل|نيسان|أفريل",
			"مايو|أيار|ماي", "يونيو|يونيه|حزيران|جوان", "يوليو|يوليه|تموز|جويلية", "أغسطس|آب|أوت",
			"سبتمبر|أيلول", "أكتوبر|تشرين الأول", "نوفمبر|تشرين الثاني", "ديسمبر|كانون الأول"},
		weekdays:  [7]string{"الأحد", "الاثنين|الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"},
		relDays:   map[string]int{"أمس|البارحة|بالأمس": -1, "أمس الأول|أول أمس|أول من أمس": -2, "اليوم": 0, "غدا": 1, "بعد غد": 2},
		relMonths: map[string]int{"الشهر الماضي": -1, "الشهر الحالي|هذا الشهر": 0, "الشهر المقبل": 1},
		relYears:  map[string]int{"العام الماضي|السنة الماضية|العام المنصرم": -1, "العام الحالي|هذا العام": 0, "العام المقبل": 1},
		relPrev:   map[string]int{"في اليوم التالي|اليوم التالي|في اليوم الموالي": 1, "في اليوم السابق|اليوم السابق": -1},
		relWeeks:  map[string]int{"الأسبوع الماضي": -1},
		ranges:    "من إلى|بين و",
		future:    "سوف|من المقرر|بحلول",
		ctx:       "في|منذ|عام|سنة|العام|حتى|مطلع|أواخر|أوائل|منتصف|خلال",
		monthCtx:  "شهر",
		past:      "الماضي|الماضية|المنصرم",
		next:      "المقبل|المقبلة|القادم|القادمة",
		clause:    "بعد|قبل|بينما|لكن|حين|عندما",
		relative:  "الذي|التي|الذين",
		since:     "منذ",
	},
}

// lex, commonWords and rangeWords are built once and never changed.
var (
	lex         = buildLexicon(languages)
	commonWords = buildCommon(languages)
	rangeWords  = buildRanges(languages)
)

// rangeWord is the word before the last day of a range, in the languages of mask, for a given word
// before its first day.
type rangeWord struct {
	to   string
	mask langMask
}

// buildRanges maps each folded word that opens a range ("du", "from") to the words that go on with it.
func buildRanges(langs []lang) map[string][]rangeWord {
	m := map[string][]rangeWord{}
	for _, l := range langs {
		for _, p := range strings.Split(l.ranges, "|") {
			if w := strings.Fields(fold(p)); len(w) == 2 {
				m[w[0]] = append(m[w[0]], rangeWord{w[1], l.mask})
			}
		}
	}
	return m
}

func buildLexicon(langs []lang) *lexicon {
	lx := &lexicon{ids: map[string]uint16{}, meanings: [][]entry{nil}, kinds: []kindSet{0}}
	for _, l := range langs {
		cased := int8(0)
		if l.mask == langEN {
			cased = 1 // English month names are capitalised; "may" and "march" are verbs
		}
		for i := range 12 {
			lx.add(kMonth, i+1, l.mask, l.months[i], cased)
			lx.add(kAbbrev, i+1, l.mask, l.abbrevs[i], cased)
		}
		for i := range 7 {
			lx.add(kWeekday, i, l.mask, l.weekdays[i], 0)
			lx.add(kLooseWeekday, i, l.mask, l.loose[i], 0)
			for _, w := range strings.Split(l.weekdays[i], "|") {
				for _, s := range strings.Split(l.compound, "|") {
					if s != "" {
						lx.add(kWeekday, i, l.mask, w+s, 0)
					}
				}
			}
		}
		for k, m := range map[kind]map[string]int{kDays: l.relDays, kMonths: l.relMonths, kYears: l.relYears, kPrevDays: l.relPrev, kWeeks: l.relWeeks} {
			for phrases, n := range m {
				for _, p := range strings.Split(phrases, "|") {
					c := int8(0)
					if slices.Contains(strings.Split(l.lower, "|"), p) {
						c = -1
					}
					lx.add(k, n, l.mask, p, c)
				}
			}
		}
		for k, s := range map[kind]string{kCtx: l.ctx, kMonthCtx: l.monthCtx, kPast: l.past, kNext: l.next, kClause: l.clause,
			kRelative: l.relative, kSince: l.since, kStop: l.stop, kFuture: l.future} {
			lx.add(k, 0, l.mask, s, 0)
		}
	}
	lx.byKind = make([][numKinds + 1]uint8, len(lx.meanings))
	for id, es := range lx.meanings {
		if len(es) > math.MaxUint8 {
			panic("timex: too many meanings of a word")
		}
		slices.SortStableFunc(es, func(a, b entry) int {
			return cmp.Or(int(a.kind)-int(b.kind), len(b.rest)-len(a.rest))
		})
		for k := range lx.byKind[id] {
			n := slices.IndexFunc(es, func(e entry) bool { return e.kind >= kind(k) })
			if n < 0 { // no meaning of kind k or later
				n = len(es)
			}
			lx.byKind[id][k] = uint8(n)
		}
	}
	lx.buildTable()
	return lx
}

// add files each "|"-separated phrase under its first folded word.
func (lx *lexicon) add(k kind, val int, mask langMask, phrases string, cased int8) {
	for _, p := range strings.Split(phrases, "|") {
		w := strings.Fields(fold(p))
		if len(w) == 0 {
			continue
		}
		id, ok := lx.ids[w[0]]
		if !ok {
			id = uint16(len(lx.meanings))
			lx.ids[w[0]] = id
			lx.meanings = append(lx.meanings, nil)
			lx.kinds = append(lx.kinds, 0)
		}
		lx.meanings[id] = append(lx.meanings[id], entry{kind: k, val: val, mask: mask, rest: w[1:], cased: cased})
		lx.kinds[id] |= 1 << k
	}
}

// commonTable maps the frequent function words (lang.common) to their languages. guessLang looks up
// hundreds of words a text, so it is an open-addressing table of words packed in a number (prefix8), which
// costs a fraction of a map lookup of a string.
type commonTable struct {
	slots [1 << commonLog]struct {
		key  uint64 // the word, packed; 0: a free slot
		mask langMask
	}
	maxLen int // the length of the longest common word, at most 8
}

const commonLog = 8 // 256 slots: a few more than twice the common words, for short probes

// get returns the languages of which the word of n bytes, p packed (prefix8), is a common word.
func (t *commonTable) get(p uint64, n int) langMask {
	if n > t.maxLen { // p may not be the whole word
		return 0
	}
	for k := wordHash(p, n) >> (64 - commonLog); ; k = (k + 1) % uint64(len(t.slots)) {
		switch s := &t.slots[k]; s.key {
		case p:
			return s.mask
		case 0:
			return 0
		}
	}
}

func buildCommon(langs []lang) *commonTable {
	t, n := new(commonTable), 0
	for _, l := range langs {
		for _, w := range strings.Split(l.common, "|") {
			if w == "" {
				continue
			}
			w = fold(w)
			if len(w) > 8 {
				panic("timex: common word " + w + " longer than 8 bytes")
			}
			t.maxLen = max(t.maxLen, len(w))
			p := prefix8(w)
			k := wordHash(p, len(w)) >> (64 - commonLog)
			for t.slots[k].key != 0 && t.slots[k].key != p {
				k = (k + 1) % uint64(len(t.slots))
			}
			if t.slots[k].key == 0 {
				if n++; 2*n > len(t.slots) {
					panic("timex: too many common words")
				}
			}
			t.slots[k].key = p
			t.slots[k].mask |= l.mask
		}
	}
	return t
}

// maskOf returns the languages a code names: "fr", "fr-FR"; all of them for "" or an unknown code.
func maskOf(code string) langMask {
	code = strings.ToLower(code)
	if len(code) > 2 {
		code = code[:2]
	}
	for i := range languages { // not a copy of each language's tables
		if languages[i].code == code {
			return languages[i].mask
		}
	}
	return allLangs
}

// lookup returns the meanings of a folded word. A word joined by an apostrophe or a hyphen is also looked
// up by its last part ("mi-octobre", "d'octobre": prefixed reports that) or its first ("Sunday's"); an
// Arabic word also without a leading conjunction or preposition ("والسبت"). joined may be false only when
// w holds no apostrophe and no hyphen, which spares looking for them.
func lookup(w string, joined bool) (ents uint16, prefixed bool) {
	if id, ok := lex.get(w); ok {
		return id, false
	}
	if joined {
		if i := max(strings.LastIndexByte(w, '\''), strings.LastIndexByte(w, '-')); i >= 0 {
			if id, ok := lex.get(w[i+1:]); ok {
				return id, true
			}
			if id, ok := lex.get(w[:firstJoiner(w)]); ok {
				return id, false
			}
		}
	}
	if w == "" || w[0] < utf8.RuneSelf {
		return 0, false
	}
	if r, n := utf8.DecodeRuneInString(w); strings.ContainsRune("وفبل", r) && len(w) > n {
		id, _ := lex.get(w[n:])
		return id, false
	}
	return 0, false
}

// firstJoiner returns the index of the first apostrophe or hyphen of a folded word that has one (what
// strings.IndexAny(w, "'-") returns, faster).
func firstJoiner(w string) int {
	i, h := strings.IndexByte(w, '\''), strings.IndexByte(w, '-')
	if i < 0 || 0 <= h && h < i {
		return h
	}
	return i
}

// fold lower-cases a word, strips Latin accents and Arabic vowel marks, and unifies apostrophes and
// Arabic alef forms, so "Août", "aout" and "AOÛT" are one word.
func fold(s string) string {
	if folded(s) {
		return s
	}
	return string(appendFold(nil, s))
}

// folded reports whether fold leaves s as it is: ASCII without upper-case letters.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// appendFold appends fold(s) to b.
func appendFold(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		n := len(b)
		b = slices.Grow(b, len(s))[:n+len(s)]
		dst := b[n:]
		for i := range dst {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst[i] = c
		}
		return b
	}
	for _, r := range s {
		if r < rune(len(foldTwoBytes)) {
			switch f := &foldTwoBytes[r]; f.n { // most folds are a byte or two: no call to copy them
			case 1:
				b = append(b, f.b[0])
			case 2:
				b = append(b, f.b[0], f.b[1])
			default:
				b = append(b, f.b[:f.n]...)
			}
			continue
		}
		b = appendFoldRune(b, r)
	}
	return b
}

// foldTwoBytes is appendFoldRune of the runes that UTF-8 writes in one or two bytes (Latin, Greek,
// Cyrillic, Hebrew, Arabic), worked out once: a rune's fold does not depend on the runes around it, and
// is at most three bytes (a lower case beyond U+0800, "ss").
var foldTwoBytes = func() (t [0x800]struct {
	n uint8
	b [3]byte
}) {
	for r := range t {
		f := appendFoldRune(nil, rune(r))
		t[r].n = uint8(copy(t[r].b[:], f))
		if int(t[r].n) != len(f) {
			panic("timex: a fold longer than foldTwoBytes holds")
		}
	}
	return t
}()

// appendFoldRune appends the fold of one rune to b.
func appendFoldRune(b []byte, r rune) []byte {
	switch r = unicode.ToLower(r); r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		r = 'a'
	case 'ç':
		r = 'c'
	case 'è', 'é', 'ê', 'ë':
		r = 'e'
	case 'ì', 'í', 'î', 'ï':
		r = 'i'
	case 'ñ':
		r = 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		r = 'o'
	case 'ù', 'ú', 'û', 'ü':
		r = 'u'
	case 'ß':
		return append(b, "ss"...)
	case 'œ':
		return append(b, "oe"...)
	case '’', 'ʼ', '‘', '`':
		r = '\''
	case '‐', '‑':
		r = '-'
	case 'أ', 'إ', 'آ', 'ٱ':
		r = 'ا'
	case 'ى':
		r = 'ي'
	case 'ـ':
		return b
	}
	// Combining accents and Arabic vowel marks.
	if '\u0300' <= r && r <= '\u036f' || '\u064b' <= r && r <= '\u065f' || r == '\u0670' {
		return b
	}
	return utf8.AppendRune(b, r)
}
