// Package gazetteer holds the places Dateline knows and their names in many languages and scripts,
// and finds them by name. It loads the compact form geodata embeds, or a GeoNames dump.
package gazetteer

import (
	"cmp"
	"maps"
	"math"
	"slices"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// NameFlag says how a name belongs to a place.
type NameFlag uint8

const (
	NamePrimary   NameFlag = 1 << iota // the place's own name (GeoNames name or asciiname, a country's common name)
	NameAlt                            // an alternate name, in any language
	NameStripped                       // the name without a leading article ("Mayadin" for "Al Mayadin")
	NameOfficial                       // a country's official name
	NameMultiword                      // the name has more than one word ("Deir ez-Zor", not "Aus")
	NameAbbrev                         // an abbreviation written with a dot ("Calif.", "N.Y."): only read so
	NameCaps                           // an initialism of 3 letters or more without its dots ("NSW" of "N.S.W."): only read in capitals
)

// Posting is one place a key names, with a copy of the place's Brief: the places of a name lie together,
// so weighing them reads one run of memory rather than a brief here and there.
type Posting struct {
	Place uint32 // index into the gazetteer's places
	Flags NameFlag
	Brief
}

// fillPostings copies each posting's Brief.
func (g *Gazetteer) fillPostings() {
	for i := range g.postings {
		p := &g.postings[i]
		p.Brief = g.briefs[p.Place]
	}
}

// index maps keys to runs of postings: ents sorted by key, each with its run. filter is a bit set of
// key hashes, small enough to stay in cache, that answers most misses (a word that names nothing)
// without touching ents; dir gives, for the top bits of a key, where its keys lie in ents, so that a
// lookup reads one or two entries.
type index struct {
	ents   []keyEntry
	filter []uint64
	dir    []uint32 // dir[b] is the first entry whose key's top bits are b or more
	shift  uint     // a key's top bits are key >> shift
}

// filterBits is the size of an index's bit filter: 2^24 bits, 2 MiB, for about 1.3 million keys.
const filterBits = 1 << 24

// buildLookup builds the filter and the directory of x.ents, about two entries a directory slot.
func (x *index) buildLookup() {
	x.filter = make([]uint64, filterBits/64)
	for _, e := range x.ents {
		b := e.key >> 40 & (filterBits - 1)
		x.filter[b/64] |= 1 << (b % 64)
	}
	bits := uint(1)
	for 1<<bits < len(x.ents)/2 {
		bits++
	}
	x.shift = 64 - bits
	x.dir = make([]uint32, 1<<bits+1)
	k := 0
	for b := range x.dir {
		for k < len(x.ents) && x.ents[k].key>>x.shift < uint64(b) {
			k++
		}
		x.dir[b] = uint32(k)
	}
}

type keyEntry struct {
	key uint64
	off uint32
	n   uint32 // the high bit says a longer name starts with this key
}

const contBit = 1 << 31

// find returns the entry of key.
func (x *index) find(key uint64) (keyEntry, bool) {
	if len(x.ents) == 0 {
		return keyEntry{}, false
	}
	if b := key >> 40 & (filterBits - 1); x.filter[b/64]&(1<<(b%64)) == 0 {
		return keyEntry{}, false
	}
	b := key >> x.shift
	for _, e := range x.ents[x.dir[b]:x.dir[b+1]] {
		if e.key >= key {
			return e, e.key == key
		}
	}
	return keyEntry{}, false
}

// touch reads what find reads for each key, and the first postings of the entry it would read first,
// without a branch on what it reads: the loads do not wait on one another, so their cache misses overlap,
// where those of one find after another do not. It returns a sum of what it read, for the caller to keep,
// lest the compiler drop the loads.
func (x *index) touch(keys []uint64, postings []Posting) uint64 {
	if len(x.ents) == 0 || len(postings) == 0 {
		return 0
	}
	var s uint64
	for _, key := range keys {
		b := key >> 40 & (filterBits - 1)
		s += x.filter[b/64] + uint64(x.dir[key>>x.shift])
	}
	for _, key := range keys {
		e := &x.ents[min(x.dir[key>>x.shift], uint32(len(x.ents)-1))]
		s += uint64(postings[min(e.off, uint32(len(postings)-1))].Place)
	}
	return s
}

// Prefetch brings into the processor's caches what Lookup reads for these keys, so that the lookups that
// follow, one by one, find it there. It returns a value of no meaning, for the caller to keep.
func (g *Gazetteer) Prefetch(keys []uint64) uint64 { return g.keys.touch(keys, g.postings) }

// Gazetteer is an immutable set of places and an index of their names.
type Gazetteer struct {
	places       []report.Place
	briefs       []Brief
	names        func(i uint32) []Name
	byID         map[int64]uint32
	country      map[string]uint32 // cc -> index of the country's place
	demonyms     map[uint64]string // key of a folded demonym -> cc
	demonymNames map[string]string
	admin2       []string // by place: its second-level division's code (a district's own code)
	keys         index
	loose        index
	postings     []Posting
}

// Source is what a Gazetteer is built from: places with all their names, and demonyms.
type Source struct {
	Places   []report.Place
	Names    [][]Name // Names[i] are the names of Places[i]
	Admin2   []string // Admin2[i] is the code of the second-level division of Places[i], "" if none known
	Demonyms map[string]string
}

// Name is one name of a place.
type Name struct {
	Text  string
	Flags NameFlag
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// Place returns the place at index i.
func (g *Gazetteer) Place(i uint32) *report.Place { return &g.places[i] }

// Kind returns the kind of the place at index i.
func (g *Gazetteer) Kind(i uint32) report.PlaceKind { return placeKinds[g.briefs[i].Kind] }

// placeKinds are the PlaceKinds of the Kinds.
var placeKinds = [...]report.PlaceKind{Town: report.KindPlace, Division: report.KindAdmin, Country: report.KindCountry,
	Region: report.KindRegion, District: report.KindAdmin}

// Brief is what resolution reads of a place, 16 bytes of it, so that weighing thousands of readings
// stays in the cache.
type Brief struct {
	Lat, Lon float32
	Pop      float32 // half the decimal logarithm of the population: a million people 3, ten thousand 2
	CC       uint16  // the country code's two letters as (c0-'A')*26+(c1-'A')+1; 0 for none
	Kind     Kind
	Rank     int8   // what the feature code says of its importance, in tenths: PPLC 10, PPLA 6, PPLA2 3...
	Div      uint16 // the first-level division the place lies in (or is), numbered by the gazetteer; 0 for none
}

// Kind is a PlaceKind in a byte.
type Kind uint8

const (
	Town Kind = iota
	Division
	Country
	Region
	District // a second-level division: a county, a département, a provincia
)

var featureRank = map[string]int8{"PPLC": 10, "PPLA": 6, "PPLA2": 3, "PPLA3": 1, "PPLA4": 1, "PPLX": -5,
	"PPLH": -15, "PPLQ": -15, "PPLW": -15}

func brief(p *report.Place, k report.PlaceKind) Brief {
	b := Brief{Lat: float32(p.Lat), Lon: float32(p.Lon), Pop: float32(math.Log10(float64(p.Population)+1) * 0.5),
		Rank: featureRank[p.FeatureCode], CC: CC(p.CountryCode)}
	switch k {
	case report.KindAdmin:
		b.Kind = Division
		if p.FeatureCode == "ADM2" {
			b.Kind = District
		}
	case report.KindCountry:
		b.Kind = Country
	case report.KindRegion:
		b.Kind = Region
	}
	return b
}

// CC is the Brief.CC of an ISO 3166-1 alpha-2 code, 0 if it is not one.
func CC(code string) uint16 {
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return 0
	}
	return uint16(code[0]-'A')*26 + uint16(code[1]-'A') + 1
}

// Admin2 returns the code of the second-level division of the place at index i ("" if none is known).
func (g *Gazetteer) Admin2(i uint32) string { return g.admin2[i] }

// Names returns the names of the place at index i.
func (g *Gazetteer) Names(i uint32) []Name { return g.names(i) }

// ByID finds a place by its id (a GeoNames id for towns).
func (g *Gazetteer) ByID(id int64) (report.Place, bool) {
	i, ok := g.byID[id]
	if !ok {
		return report.Place{}, false
	}
	return g.places[i], true
}

// Country returns the place of a country by its ISO code.
func (g *Gazetteer) Country(cc string) (uint32, bool) {
	i, ok := g.country[cc]
	return i, ok
}

// Demonym returns the country a folded key names as a people or an adjective (syrienne, Iraqi).
func (g *Gazetteer) Demonym(key uint64) (string, bool) {
	cc, ok := g.demonyms[key]
	return cc, ok
}

// Demonyms calls yield with the key and the country code of every demonym.
func (g *Gazetteer) Demonyms(yield func(key uint64, cc string)) {
	for k, cc := range g.demonyms {
		yield(k, cc)
	}
}

// Lookup returns the places whose name has this key, the most populous first, and whether a longer name begins with it.
func (g *Gazetteer) Lookup(key uint64) (ps []Posting, cont bool) { return g.Postings(g.LookupRun(key)) }

// Run is where the answer of Lookup for a key lies among the postings, in 8 bytes: a caller may keep
// many of them at little cost (see Gazetteer.LookupRun).
type Run struct {
	off, n uint32 // n has contBit
}

// LookupRun is Lookup's answer as a Run, to be turned into postings with Postings.
func (g *Gazetteer) LookupRun(key uint64) Run {
	e, ok := g.keys.find(key)
	if !ok {
		return Run{}
	}
	return Run{e.off, e.n}
}

// Postings returns the places of a run, and whether a longer name begins with its key, as Lookup does.
func (g *Gazetteer) Postings(r Run) (ps []Posting, cont bool) {
	if r.n == 0 {
		return nil, false
	}
	return g.postings[r.off : r.off+r.n&^contBit], r.n&contBit != 0
}

// LookupLoose returns the places that have a name with this loose key (see LooseKey).
func (g *Gazetteer) LookupLoose(key uint64) []Posting {
	e, ok := g.loose.find(key)
	if !ok {
		return nil
	}
	ps, _ := g.Postings(Run{e.off, e.n})
	return ps
}

// LooseRuns yields each loose key (see LooseKey) with the places that have a name with it.
func (g *Gazetteer) LooseRuns(yield func(key uint64, ps []Posting) bool) {
	for _, e := range g.loose.ents {
		if ps, _ := g.Postings(Run{e.off, e.n}); !yield(e.key, ps) {
			return
		}
	}
}

// Keys are FNV-1a hashes of the folded words of a name, concatenated without separators,
// so "Deir ez-Zor" and "Deir Ezzor" share one.

const keyBasis uint64 = 14695981039346656037

// KeyStart is the key of nothing; extend it word by word.
func KeyStart() uint64 { return keyBasis }

// KeyExtend extends key h with the folded bytes of one word.
func KeyExtend(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// KeyOf is the key of a whole name.
func KeyOf(name string) uint64 {
	var buf []byte
	h := KeyStart()
	for _, t := range Tokenize(name, nil, &buf) {
		h = KeyExtend(h, buf[t.NormStart:t.NormEnd])
	}
	return h
}

// IsArticle reports whether a folded word is a transliterated Arabic article, as at the head of a
// name: "Al Mayadin", "Ad Dawr", "El Fasher".
func IsArticle(w []byte) bool {
	switch string(w) {
	case "al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "ath", "adh", "ed", "es", "et", "ez", "en":
		return true
	}
	return false
}

// LooseKey folds words to the letters that transliterations of one name agree on, for matching
// spellings the gazetteer does not list: a leading article dropped, the words run together, e/i/y
// and o/u/w merged, variant digraphs (ou, kh, q, ph, dh, th, gh, dj) unified, doubled letters single,
// a final -h or -i dropped. "Hassaké" and "Hasakeh", "Tal Rifaat" and "Tal Refaat", "Abou Kamal" and
// "Abu Kamal", "Al-Mayadine" and "Al Mayadin" share one. ok is false for non-Latin words and for keys
// under four letters.
func LooseKey(words [][]byte) (key uint64, ok bool) {
	if len(words) > 1 && IsArticle(words[0]) {
		words = words[1:]
	}
	var b [64]byte
	out := b[:0]
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			c := w[i]
			l := looseLetter[c]
			if l == 0 {
				return 0, false // not ASCII
			}
			if l&looseDigraph != 0 && i+1 < len(w) {
				if d := looseDigraphs[int(c)<<7|int(w[i+1]&0x7f)]; d != 0 && w[i+1] < 0x80 {
					l = d
					i++
				}
			}
			l &^= looseDigraph
			if len(out) > 0 && out[len(out)-1] == l {
				continue
			}
			out = append(out, l)
		}
	}
	for len(out) > 4 && (out[len(out)-1] == 'h' || out[len(out)-1] == 'i') {
		out = out[:len(out)-1]
	}
	if len(out) < 4 {
		return 0, false
	}
	return KeyExtend(KeyStart(), out), true
}

// looseLetter is the letter a byte stands for in a loose key, or'd with looseDigraph when the byte may
// start a digraph; 0 for a byte outside ASCII.
var looseLetter = func() (t [256]byte) {
	for c := 1; c < 0x80; c++ {
		t[c] = byte(c)
	}
	t['q'], t['e'], t['y'], t['o'], t['w'] = 'k', 'i', 'i', 'u', 'u'
	for _, c := range "oekpdtg" {
		t[c] |= looseDigraph
	}
	return t
}()

// looseDigraph marks, in looseLetter, a byte that may start a digraph (ASCII letters are below it).
const looseDigraph = 0x80

// looseDigraphs are the digraphs a loose key writes as one letter, by first<<7 | second byte.
var looseDigraphs = func() (t [128 << 7]byte) {
	for dg, l := range map[string]byte{
		"ou": 'u', "oo": 'u', "ee": 'i', // ou, oo -> u; ee -> i
		"kh": 'k', "ph": 'f', "dh": 'd', "th": 't', "gh": 'g', "dj": 'j',
	} {
		t[int(dg[0])<<7|int(dg[1])] = l
	}
	return t
}()

// Build indexes a Source.
func Build(src Source) *Gazetteer {
	g := newGazetteer(src.Places, src.Demonyms, src.Admin2)
	g.names = func(i uint32) []Name { return src.Names[i] }
	type pair struct {
		key  uint64
		post Posting
		kind uint8 // 0 full name, 1 prefix only, 2 loose key
	}
	pairs := make([]pair, 0, len(src.Places)*8)
	var buf []byte
	var toks []Token
	words := make([][]byte, 0, 8)
	for i := range src.Places {
		arabicArticles := arabicCountries[src.Places[i].CountryCode]
		for _, nm := range src.Names[i] {
			buf = buf[:0]
			toks = Tokenize(nm.Text, toks[:0], &buf)
			if len(toks) == 0 || len(toks) > MaxNameWords {
				continue
			}
			words = words[:0]
			for _, t := range toks {
				words = append(words, buf[t.NormStart:t.NormEnd])
			}
			add := func(ws [][]byte, flags NameFlag) {
				h := KeyStart()
				for k, w := range ws {
					h = KeyExtend(h, w)
					if k < len(ws)-1 {
						pairs = append(pairs, pair{h, Posting{Place: uint32(i), Flags: flags}, 1})
					}
				}
				pairs = append(pairs, pair{h, Posting{Place: uint32(i), Flags: flags}, 0})
			}
			flags := nm.Flags
			if len(words) > 1 {
				flags |= NameMultiword
			}
			add(words, flags)
			if arabicArticles && len(words) > 1 && IsArticle(words[0]) {
				add(words[1:], flags|NameStripped)
			}
			if sk, ok := LooseKey(words); ok {
				pairs = append(pairs, pair{sk, Posting{Place: uint32(i), Flags: nm.Flags}, 2})
			}
		}
	}
	slices.SortFunc(pairs, func(pa, pb pair) int {
		if sa, sb := pa.kind == 2, pb.kind == 2; sa != sb {
			if sa {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(pa.key, pb.key), cmp.Compare(pa.post.Place, pb.post.Place), cmp.Compare(pa.kind, pb.kind))
	})
	g.postings = make([]Posting, 0, len(pairs)/2)
	for a := 0; a < len(pairs); {
		b := a
		for b < len(pairs) && pairs[b].key == pairs[a].key && (pairs[b].kind == 2) == (pairs[a].kind == 2) {
			b++
		}
		e := keyEntry{off: uint32(len(g.postings))}
		cont := false
		for k := a; k < b; k++ {
			p := pairs[k]
			if p.kind == 1 {
				cont = true
				continue
			}
			if n := len(g.postings); n > int(e.off) && g.postings[n-1].Place == p.post.Place {
				g.postings[n-1].Flags |= p.post.Flags
				continue
			}
			g.postings = append(g.postings, p.post)
		}
		e.n = uint32(len(g.postings)) - e.off
		// the most populous first, so that a reader may keep a name's first few places
		slices.SortStableFunc(g.postings[e.off:], func(a, b Posting) int {
			return cmp.Compare(g.places[b.Place].Population, g.places[a.Place].Population)
		})
		if cont {
			e.n |= contBit
		}
		x := &g.keys
		if pairs[a].kind == 2 {
			x = &g.loose
		}
		e.key = pairs[a].key
		x.ents = append(x.ents, e)
		a = b
	}
	g.postings = slices.Clip(g.postings)
	g.fillPostings()
	g.keys.buildLookup()
	g.loose.buildLookup()
	return g
}

// newGazetteer indexes places by id, country and division, and demonyms by key.
func newGazetteer(places []report.Place, demonyms map[string]string, admin2 []string) *Gazetteer {
	if len(admin2) != len(places) {
		admin2 = make([]string, len(places))
	}
	g := &Gazetteer{
		places:       places,
		admin2:       admin2,
		byID:         make(map[int64]uint32, len(places)),
		country:      map[string]uint32{},
		demonyms:     make(map[uint64]string, len(demonyms)),
		demonymNames: demonyms,
	}
	g.briefs = make([]Brief, len(places))
	type division struct{ cc, admin1 string }
	divs := map[division]uint16{} // numbers the first-level divisions for Brief.Div
	for i := range places {
		p := &places[i]
		g.byID[p.ID] = uint32(i)
		g.briefs[i] = brief(p, p.Kind())
		if g.briefs[i].Kind == Country {
			g.country[p.CountryCode] = uint32(i)
		}
		if p.Admin1 != "" && g.briefs[i].Kind != Country {
			k := division{p.CountryCode, p.Admin1}
			div, ok := divs[k]
			if !ok && len(divs) < math.MaxUint16 {
				div = uint16(len(divs) + 1)
				divs[k] = div
			}
			g.briefs[i].Div = div
		}
	}
	for _, d := range slices.Sorted(maps.Keys(demonyms)) { // sorted: forms that fold alike give one answer
		if k := KeyOf(d); g.demonyms[k] == "" {
			g.demonyms[k] = demonyms[d]
		}
	}
	return g
}

// MaxNameWords is the longest name, in words, that is indexed.
const MaxNameWords = 8

// arabicCountries are where a leading "Al", "Ad", "El"... of a place name is the Arabic article,
// so the name is also indexed without it.
var arabicCountries = map[string]bool{"AE": true, "BH": true, "DZ": true, "EG": true, "EH": true, "IQ": true,
	"JO": true, "KW": true, "LB": true, "LY": true, "MA": true, "MR": true, "OM": true, "PS": true, "QA": true,
	"SA": true, "SD": true, "SY": true, "TN": true, "YE": true, "TD": true, "SO": true, "DJ": true, "KM": true}

// Distance is the great-circle distance in km between two places.
func Distance(a, b *report.Place) float64 {
	return geo.DistanceHaversine(orb.Point{a.Lon, a.Lat}, orb.Point{b.Lon, b.Lat}) / 1000
}
