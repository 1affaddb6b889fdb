package geoparse

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/gazetteer"
)

// variant is a form of a text's word to look up: the word itself, or the word without a clitic
// (Arabic و ف ب ل ك before a name) or an inflection (German genitive -s).
type variant struct {
	word    []byte
	variant bool
	clitics int // how many Arabic proclitic letters were stripped: the name starts after them
}

// isProclitic reports whether a folded Arabic word starts with a proclitic: و ف ب ل ك ("and", "so",
// "in", "to", "as"), each two bytes in UTF-8.
func isProclitic(w []byte) bool {
	switch string(w[:2]) {
	case "و", "ف", "ب", "ل", "ك":
		return true
	}
	return false
}

func (p *Parser) variants(d *doc, i int, vs []variant) []variant {
	w := d.norm(i)
	vs = append(vs[:0], variant{w, false, 0})
	t := &d.toks[i]
	switch {
	case t.Arabic:
		rest := w
		for n := 0; n < 2 && len(rest) > 6 && isProclitic(rest); n++ {
			lam := string(rest[:2]) == "ل"
			rest = rest[2:]
			vs = append(vs, variant{rest, true, n + 1})
			if lam && string(rest[:2]) == "ل" {
				// ل + ال: the alef of the article is dropped ("للرقة")
				vs = append(vs, variant{append([]byte("ا"), rest...), true, n + 1}) // rare: may allocate
			}
		}
	case t.Cased && len(w) > 4 && w[len(w)-1] == 's' && (d.bit == 0 || p.lex.caseNouns&d.bit != 0): // German genitive: "Syriens"
		vs = append(vs, variant{w[:len(w)-1], true, 0})
	}
	return vs
}

// keepPostings returns the postings of ps that keep accepts: ps itself when it accepts them all (the
// usual case), else a slice of d's memory for postings (ps belongs to the gazetteer), valid until the next
// parse. The result is nil when it accepts none.
func (d *doc) keepPostings(ps []gazetteer.Posting, keep func(gazetteer.Posting) bool) []gazetteer.Posting {
	k := slices.IndexFunc(ps, func(p gazetteer.Posting) bool { return !keep(p) })
	if k < 0 {
		return ps
	}
	start := len(d.posts)
	d.posts = append(d.posts, ps[:k]...)
	for _, p := range ps[k+1:] {
		if keep(p) {
			d.posts = append(d.posts, p)
		}
	}
	if len(d.posts) == start {
		return nil
	}
	return d.posts[start:len(d.posts):len(d.posts)] // full: an append to it cannot write over the next
}

// abbrevOnly reports whether only an abbreviation ("Calif.", "Pa.") names the place of p under its key.
func abbrevOnly(p gazetteer.Posting) bool { return p.Flags&notAbbrev == 0 }

// capsOnly reports whether only an initialism without dots ("NSW") names the place of p under its key.
func capsOnly(p gazetteer.Posting) bool { return p.Flags&notAbbrev == gazetteer.NameCaps }

// notAbbrev are the flags of a name other than an abbreviation's (a name of several words may be one).
const notAbbrev = ^(gazetteer.NameAbbrev | gazetteer.NameMultiword)

// withoutAbbreviations drops the postings of ps that only an abbreviation names.
func (d *doc) withoutAbbreviations(ps []gazetteer.Posting) []gazetteer.Posting {
	return d.dropFlags(ps, notAbbrev, 0)
}

// withoutCapsOnly drops the postings of ps that only an initialism without dots names.
func (d *doc) withoutCapsOnly(ps []gazetteer.Posting) []gazetteer.Posting {
	return d.dropFlags(ps, notAbbrev, gazetteer.NameCaps)
}

// multiword keeps the postings of names of more than one word.
func (d *doc) multiword(ps []gazetteer.Posting) []gazetteer.Posting {
	return d.dropFlags(ps, gazetteer.NameMultiword, 0)
}

// dropFlags is keepPostings dropping the postings whose flags masked by mask are want. The filters above
// run on every name looked up: with the test written out rather than a function value called for each
// posting, the usual answer, ps itself, costs a loop of a few instructions.
func (d *doc) dropFlags(ps []gazetteer.Posting, mask, want gazetteer.NameFlag) []gazetteer.Posting {
	for i := range ps {
		if ps[i].Flags&mask == want {
			return d.keepPostings(ps, func(p gazetteer.Posting) bool { return p.Flags&mask != want })
		}
	}
	return ps
}

// startable reports whether a name may begin at token i.
func (p *Parser) startable(d *doc, i int) bool {
	t := &d.toks[i]
	switch {
	case t.Arabic:
		return true
	case !t.Cased:
		return false
	case t.Upper:
		return true
	}
	// a lower-case Arabic article joined to a capitalised word: "al-Mawasi", "el-Fasher"
	return i+1 < len(d.toks) && d.toks[i+1].Gap == gazetteer.GapJoin && d.toks[i+1].Upper && gazetteer.IsArticle(d.norm(i))
}

// recognise finds the candidate names of a text, longest first, left to right, then scores how
// much each looks like a place name here.
func (p *Parser) recognise(d *doc) []*cand {
	cs := d.cs[:0]
	next := 0 // the first token not inside a name found
	for k, start := range d.starts {
		if k%warmBatch == 0 {
			p.warm(d, d.starts[k:min(k+warmBatch, len(d.starts))])
		}
		i := int(start)
		if i < next {
			continue
		}
		c := p.longest(d, i)
		if c == nil || c.i == c.j && p.capitalisedNext(d, c.j) {
			// no name, or one word of a longer capitalised run: "Tal" of "Tal Rifaat"
			after := i - 1
			if c != nil {
				after = c.j
			}
			if f := p.fuzzy(d, i, after); f != nil {
				c = f
			}
		}
		if c == nil {
			continue
		}
		cs = append(cs, c)
		next = c.j + 1
	}
	d.cs = cs
	p.gatherEvidence(d, cs)
	var persons []uint64
	for _, c := range cs {
		p.filter(d, c)
		if c.person && c.i == c.j && !p.wellKnown(c) {
			persons = append(persons, c.key)
		}
	}
	slices.Sort(persons)
	persons = slices.Compact(persons)
	// A name read as part of a person's or an organisation's name ("Abraham Lincoln") is that person
	// elsewhere in the text too ("where Lincoln was born"), unless a locative says otherwise ("in Lincoln").
	for _, c := range cs {
		if c.i != c.j || c.drop {
			continue
		}
		if _, person := slices.BinarySearch(persons, c.key); person && !p.afterLocative(d, c.i) {
			c.drop = true
		}
	}
	return cs
}

// warmBatch is how many start tokens warm looks up at a time: few enough that their answers stay in
// doc.memo until recognition asks for them.
const warmBatch = 32

// warm brings into the caches what the lookups of the words at these start tokens read in the gazetteer,
// all at once before recognition asks for them one by one: their cache misses then overlap.
func (p *Parser) warm(d *doc, starts []int32) {
	var keys [warmBatch]uint64
	n := 0
	for _, i := range starts {
		k := d.toks[i].Key
		if d.memo[slot(k, 64-memoBits)].key != k {
			keys[n] = k
			n++
		}
	}
	d.sink += p.gz.Prefetch(keys[:n])
}

// wellKnown reports whether a candidate can be a country, a division or a large town: a name that stays a
// place elsewhere in the text when one use of it is part of a person's or an organisation's name
// ("CTV Edmonton", then "in Edmonton"; "Ohio State", then "Ohio").
func (p *Parser) wellKnown(c *cand) bool {
	for _, ps := range c.posts {
		switch {
		case ps.Flags&(gazetteer.NamePrimary|gazetteer.NameAlt|gazetteer.NameOfficial) == 0:
		case ps.Kind == gazetteer.Country, ps.Kind == gazetteer.Division,
			ps.Kind == gazetteer.Town && ps.Pop >= 2.5: // 100,000 people
			return true
		}
	}
	return false
}

// afterLocative reports whether token i follows a locative preposition of the text's language.
func (p *Parser) afterLocative(d *doc, i int) bool {
	return i > 0 && d.toks[i].Gap != gazetteer.GapHard && d.info[i-1].locative&d.bit != 0
}

// longest finds the longest gazetteer name starting at token i.
func (p *Parser) longest(d *doc, i int) *cand {
	var arr [4]variant
	for _, v := range p.variants(d, i, arr[:0]) {
		bestJ, bestKey, bestPs := -1, uint64(0), []gazetteer.Posting(nil)
		h := d.toks[i].Key // the word's own key, when the variant is the word itself
		if v.variant {
			h = gazetteer.KeyExtend(gazetteer.KeyStart(), v.word)
		}
		for j := i; j < len(d.toks) && j < i+gazetteer.MaxNameWords; j++ {
			if j > i {
				if d.toks[j].Gap == gazetteer.GapHard || d.toks[j].Gap == gazetteer.GapNone {
					break
				}
				h = gazetteer.KeyExtend(h, d.norm(j))
			}
			ps, cont := d.lookup(p.gz, h)
			if j > i {
				ps = d.multiword(ps) // "A US" must not spell "Aus"
			}
			if len(ps) > 0 {
				bestJ, bestKey, bestPs = j, h, ps
			}
			if !cont {
				break
			}
		}
		if bestJ >= 0 {
			if end := int(d.toks[bestJ].End); end >= len(d.text) || d.text[end] != '.' {
				bestPs = d.withoutAbbreviations(bestPs) // "Calif." and "Pa." are read with their dot only
			}
			if !allCaps(d.text[d.toks[i].Start:d.toks[bestJ].End]) {
				bestPs = d.withoutCapsOnly(bestPs) // "NSW", not "Nsw"
			}
			if len(bestPs) == 0 {
				continue
			}
			return p.newCand(d, i, bestJ, bestKey, bestPs, false, v)
		}
	}
	return nil
}

// capitalisedNext reports whether the word after token j continues a capitalised run.
func (p *Parser) capitalisedNext(d *doc, j int) bool {
	if j+1 >= len(d.toks) {
		return false
	}
	n := &d.toks[j+1]
	return n.Upper && (n.Gap == gazetteer.GapSpace || n.Gap == gazetteer.GapJoin)
}

// fuzzy matches up to three capitalised words by their loose key (gazetteer.LooseKey):
// transliterations of one name ("Abou Kamal", "Tal Rifaat", "Al-Mayadine", "Hassaké") that the
// gazetteer spells otherwise. Only towns are matched so: countries and divisions have their names.
// Only names that end after token after are tried: a shorter one would not replace what longest found.
func (p *Parser) fuzzy(d *doc, i, after int) *cand {
	t := &d.toks[i]
	if t.Arabic || !t.Upper {
		return nil
	}
	if w := d.info[i]; (w.function != 0 && !p.arabicArticle(d, i)) || w.calendar != 0 || w.title != 0 {
		return nil // what filter would drop anyway: function words, months and weekdays, titles
	}
	if d.info[i].demonym != 0 {
		return nil
	}
	j := i
	for j+1 < len(d.toks) && j-i < 2 {
		n := &d.toks[j+1]
		if n.Gap != gazetteer.GapSpace && n.Gap != gazetteer.GapJoin || !(n.Upper || gazetteer.IsArticle(d.norm(j+1))) {
			break
		}
		j++
	}
	var norms [3][]byte
	for ; j >= i && j > after; j-- {
		if d.info[j].function != 0 && j > i {
			continue
		}
		if j == i && t.SentStart {
			break // one word at the start of a sentence is too often a common one: "Read" is not Riyadh
		}
		// words name no town by their loose key when they did not before, in this text or another
		words := t.Key // the key of words i to j: the first's, alone
		for k := i + 1; k <= j; k++ {
			words = (words ^ d.toks[k].Key) * 1099511628211
		}
		miss := &d.noFuzzy[slot(words, 64-noFuzzyBits)]
		if *miss == words && words != 0 {
			continue
		}
		ws := norms[:0]
		for k := i; k <= j; k++ {
			ws = append(ws, d.norm(k))
		}
		key, ok := gazetteer.LooseKey(ws)
		if ok && p.mayTransliterate(key) {
			if ps := p.transliterated(d, p.gz.LookupLoose(key)); len(ps) > 0 {
				return p.newCand(d, i, j, key, ps, true, variant{})
			}
		}
		*miss = words
	}
	return nil
}

// noFuzzyBits sets the size of doc.noFuzzy: 1,024 keys of words.
const noFuzzyBits = 10

// transliterated keeps the towns of ps whose names are transliterated into Latin letters, those of
// countries written in another script: there a name has many spellings ("Abou Kamal", "Abu Kamal"),
// elsewhere a name that is spelt otherwise is another name ("Concorde" is not Concord).
func (p *Parser) transliterated(d *doc, ps []gazetteer.Posting) []gazetteer.Posting {
	return d.keepPostings(ps, transliteratedTown)
}

// transliteratedTown reports whether po is a town of a country whose names are transliterated.
func transliteratedTown(po gazetteer.Posting) bool {
	return po.Kind == gazetteer.Town && int(po.CC) < len(nonLatinScript) && nonLatinScript[po.CC]
}

// nonLatinScript are the countries (Brief.CC) whose place names are written in another script than the
// Latin alphabet: Arabic, Persian, Hebrew, Cyrillic, Greek, Armenian, Georgian, Ethiopic, the Indic and
// East Asian scripts. It is indexed by Brief.CC, which is at most 26*26.
var nonLatinScript = func() (t [26*26 + 1]bool) {
	for _, cc := range strings.Fields(`AE BH DZ EG EH IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE TD SO DJ KM
		IR AF PK IL RU UA BY BG RS MK KZ KG TJ MN GR CY AM GE ET ER IN BD NP LK BT MM TH LA KH CN TW HK MO JP KR KP`) {
		t[gazetteer.CC(cc)] = true
	}
	return t
}()

// arabicArticle reports whether token i reads as a transliterated Arabic article ("Al Mayadin",
// "el-Fasher"): a word like one that is not a function word of the text's language ("en" in French and
// Spanish, "at" and "as" in English), unless a hyphen joins it to the name ("En-Nasiriyah").
func (p *Parser) arabicArticle(d *doc, i int) bool {
	if !gazetteer.IsArticle(d.norm(i)) {
		return false
	}
	joined := i+1 < len(d.toks) && d.toks[i+1].Gap == gazetteer.GapJoin
	return joined || d.info[i].function&d.bit == 0
}

// towns keeps the populated places of ps.
func (p *Parser) towns(d *doc, ps []gazetteer.Posting) []gazetteer.Posting {
	return d.keepPostings(ps, func(po gazetteer.Posting) bool { return po.Kind == gazetteer.Town })
}

// gatherEvidence notes which one-word candidates the text also writes in lower case, and the countries
// it points at: countries and divisions named, and demonyms (syrienne, Iraqi). It uses what newDoc
// gathered word by word.
func (p *Parser) gatherEvidence(d *doc, cs []*cand) {
	// a bit per key of a one-word candidate, by the key's hash (see slot): the top bits of the keys of
	// short words cluster, and most of the text's words would pass a filter by them
	var filter [64]uint64
	n := 0
	for _, c := range cs {
		if c.i == c.j {
			b := slot(d.toks[c.i].Key, 64-12)
			filter[b/64] |= 1 << (b % 64)
			n++
		}
	}
	// the same keys in an open-addressing table, where a key the text writes in lower case is marked once
	// found: "a", "in" and "is" are names too, and the text writes them often
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	tab := slices.Grow(d.singles[:0], 1<<bits)[:1<<bits]
	clear(tab)
	for _, c := range cs {
		if c.i == c.j {
			k := d.toks[c.i].Key
			e := findSingle(tab, k, bits)
			e.key, e.used = k, true
		}
	}
	d.singles = tab
	d.lowerSeen = d.lowerSeen[:0]
	for i := range d.toks {
		t := &d.toks[i]
		if !t.Cased || t.Upper {
			continue
		}
		if k, b := t.Key, slot(t.Key, 64-12); filter[b/64]&(1<<(b%64)) != 0 {
			if e := findSingle(tab, k, bits); e.used && !e.seen {
				e.seen = true
				d.lowerSeen = append(d.lowerSeen, k)
			}
		}
	}
	slices.Sort(d.lowerSeen)
	p.placeEvidence(d, cs)
}

// findSingle returns the slot of key k in tab, a table of 2^bits slots (see gatherEvidence), or the
// unused slot where k would go.
func findSingle(tab []singleSlot, k uint64, bits uint) *singleSlot {
	mask := uint64(len(tab) - 1)
	i := slot(k, 64-bits)
	for tab[i].used && tab[i].key != k {
		i = (i + 1) & mask
	}
	return &tab[i]
}

// placeEvidence notes the countries the text points at: its demonyms, and the countries and divisions
// the candidates can be.
func (p *Parser) placeEvidence(d *doc, cs []*cand) {
	d.countries.reset()
	for _, cc := range d.demonyms {
		d.countries.add(cc, 0.5)
	}
	if d.selfNamed == nil {
		d.selfNamed = map[uint64]float64{}
	}
	clear(d.selfNamed)
	for _, c := range cs {
		c.selfCC = 0
		for _, ps := range c.posts {
			switch ps.Kind {
			case gazetteer.Country:
				d.countries.add(ps.CC, 1)
				c.selfCC = ps.CC
				d.selfNamed[c.key]++
			case gazetteer.Division:
				d.countries.add(ps.CC, 0.5/float64(len(c.posts)))
			}
		}
	}
}

// institution reports whether candidate c, a name that begins with an article ("La Junta", "El
// Palacio"), heads a longer name joined by a preposition to a capitalised word: "la Junta de Andalucía",
// "el Palacio de Miraflores". A country is never read so ("la France de Macron").
func (p *Parser) institution(d *doc, c *cand) bool {
	k := c.j + 1
	if k+1 >= len(d.toks) || p.canBeCountry(c) {
		return false
	}
	link, next := &d.toks[k], &d.toks[k+1]
	return link.Gap == gazetteer.GapSpace && !link.Upper && p.lex.linking[string(d.norm(k))]&d.fnBits != 0 &&
		next.Gap == gazetteer.GapSpace && next.Upper && d.info[k+1].function == 0
}

// germanArticles are the articles of German: a capitalised word after one is a noun.
var germanArticles = map[string]bool{"der": true, "die": true, "das": true, "den": true, "dem": true, "des": true,
	"ein": true, "eine": true, "einer": true, "eines": true, "einem": true, "einen": true}

// ownNames drops from ps the towns that the name matched only as an alternate name.
func (d *doc) ownNames(ps []gazetteer.Posting) []gazetteer.Posting {
	return d.keepPostings(ps, func(p gazetteer.Posting) bool {
		return p.Kind != gazetteer.Town || p.Flags&(gazetteer.NamePrimary|gazetteer.NameOfficial) != 0
	})
}

// dateline reports whether candidate c opens a line and is followed by a comma, a dash or a parenthesis,
// as the place a report was filed from is: "KARACHI, Aug 29 -", "BEIRUT -", "CHARLESTON, W.Va. --".
func (p *Parser) dateline(d *doc, c *cand) bool {
	t := &d.toks[c.i]
	if c.i > 0 && t.Gap != gazetteer.GapLine && t.Gap != gazetteer.GapHard {
		return false
	}
	if c.i > 0 && t.Gap == gazetteer.GapHard && !t.SentStart {
		return false
	}
	if !allCaps(d.text[t.Start:t.End]) {
		return false
	}
	if c.j+1 >= len(d.toks) {
		return false
	}
	switch d.toks[c.j+1].Punct {
	case ',', '-', '—', '–', '(':
		return true
	}
	return false
}

// allCaps reports whether a word of two letters or more is written in capitals only.
func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

func (p *Parser) canBeCountry(c *cand) bool {
	for _, ps := range c.posts {
		if ps.Kind == gazetteer.Country {
			return true
		}
	}
	return false
}

// isPlainArticle reports whether a folded word can only be a transliterated Arabic article
// (not "et", "es", "en", "an" of European languages).
func isPlainArticle(w []byte) bool {
	switch string(w) {
	case "al", "el", "ad", "ar", "ash", "ath", "adh", "az":
		return true
	}
	return false
}

// demonymLangs are the languages whose demonyms are not place names: English and French (world-countries),
// Arabic (derived). The German adjectives the gazetteer derives are lower case; a capitalised German word
// such as "Syrien" is the country.
var demonymLangs = langBit("en") | langBit("fr") | langBit("ar")

// filter drops candidates that are not place names here and scores the others' look of a place name.
func (p *Parser) filter(d *doc, c *cand) {
	single := c.i == c.j
	t := &d.toks[c.i]
	info := d.info[c.i]
	isFn := info.function&d.fnBits != 0
	if !single && t.Cased && info.function != 0 && !d.toks[c.j].Upper {
		c.drop = true // "La ville", "La grande": a function word and a common word, not "La Paz"
		return
	}
	if !single && t.Upper && info.function != 0 && p.institution(d, c) {
		c.drop, c.person = true, true // "la Junta de Andalucía": an institution, not La Junta, Colorado
		return
	}
	if single && p.lex.caseNouns&d.bit != 0 && c.j+1 < len(d.toks) && d.toks[c.j+1].Gap == gazetteer.GapSpace &&
		d.info[c.j+1].calendar != 0 && !p.afterLocative(d, c.i) && !p.canBeCountry(c) {
		c.drop = true // German "Ende Oktober", "Mitte Mai": a capitalised noun of a time phrase
		return
	}
	if end := int(d.toks[c.j].End); end < len(d.text) && (d.text[end] == '$' || strings.HasPrefix(d.text[end:], "€")) {
		c.drop = true // a currency: "US$460", "NZ$5", "HK$"
		return
	}
	dateline := p.dateline(d, c)
	if abbreviated(c.posts) && !dateline && !p.afterLocative(d, c.i) && (c.i == 0 || d.toks[c.i].Punct != ',' && d.toks[c.i].Punct != '(') {
		c.drop = true // a division's abbreviation qualifies a place ("Fresno, Calif.") or follows "in"; "the U.N. mission" is not Upper Nile
		return
	}
	if single {
		if isFn || info.calendar != 0 || info.title != 0 || gazetteer.IsArticle(d.norm(c.i)) || info.common&d.bit != 0 ||
			(t.Upper && info.function != 0 && t.SentStart) {
			c.drop = true
			return
		}
		if allCaps(d.text[t.Start:t.End]) && !p.canBeCountry(c) && !dateline && !slices.ContainsFunc(c.posts, capsOnly) {
			c.drop = true // an acronym names an organisation (NATO, BBC), unless it is a country's (USA, UAE)
			return
		}
		if t.SentStart && !dateline && t.Cased {
			// "Read more": a capitalised word at the start of a sentence is not read as another name of a town
			// (Riyadh), only as a town's own name
			if c.posts = d.ownNames(c.posts); len(c.posts) == 0 {
				c.drop = true
				return
			}
		}
		if p.lex.caseNouns&d.bit != 0 && c.i > 0 && d.toks[c.i].Gap == gazetteer.GapSpace &&
			germanArticles[string(d.norm(c.i-1))] && !p.canBeCountry(c) && !p.wellKnown(c) {
			c.drop = true // "die Lage", "der Bau": a noun after its article, not the town of Lage
			return
		}
		if info.demonym != 0 && (d.bit == 0 || d.bit&demonymLangs != 0) {
			c.drop = true // "Iraqi", "Syrien" in French; in German "Syrien" is the country
			return
		}
	}
	if c.i > 1 && middleInitial(d, c.i-1) {
		c.drop, c.person = true, true // after a middle initial: "Roy A. Nelson", "Matthew D. Flores"
		return
	}
	if c.i > 0 && d.info[c.i-1].title != 0 && d.toks[c.i].Punct == '.' && d.text[d.toks[c.i-1].End] == '.' {
		c.drop, c.person = true, true // "Sgt. Read", "Gov. Paterson": the dot of a title does not end a sentence
		return
	}
	if c.i > 0 && d.toks[c.i].Gap != gazetteer.GapHard {
		if d.info[c.i-1].title != 0 {
			c.drop, c.person = true, true // "colonel Jordan", "President Obama"
			return
		}
		pt := &d.toks[c.i-1]
		pinfo := d.info[c.i-1]
		if isPlainArticle(d.norm(c.i-1)) && !pt.Upper && c.i > 1 && pt.Gap != gazetteer.GapHard {
			pt = &d.toks[c.i-2] // "Tahrir al Sham": look past the article
			pinfo = d.info[c.i-2]
		}
		caseNouns := p.lex.caseNouns&d.bit != 0
		if pt.Upper && !caseNouns && pinfo.function == 0 && pinfo.common&d.bit == 0 && !t.Arabic {
			c.drop, c.person = true, true // inside a longer proper name: "Raheem Sterling", "Hurricane Harvey"
			return
		}
	}
	if single && t.Upper && utf8.RuneCount(d.norm(c.i)) == 1 && c.j+1 < len(d.toks) && d.text[t.End] == '.' {
		c.drop = true // an initial: "E. coli", "E.U.", "O. Henry"
		return
	}
	if single && info.orgHead&d.fnBits != 0 && c.j+2 < len(d.toks) && d.toks[c.j+1].Gap == gazetteer.GapSpace &&
		!d.toks[c.j+1].Upper && (string(d.norm(c.j+1)) == "of" || string(d.norm(c.j+1)) == "for") && d.toks[c.j+2].Upper {
		c.drop, c.person = true, true // an institution: "Center for Disease Control", "Church of Scientology"
		return
	}
	if c.j+1 < len(d.toks) && d.info[c.j+1].germ&d.fnBits != 0 && d.toks[c.j+1].Gap <= gazetteer.GapJoin {
		c.drop = true // a disease or its germ named after a place: "Marburg virus", "Reston ebolavirus"
		return
	}
	if c.j+1 < len(d.toks) {
		nt := &d.toks[c.j+1]
		next := d.info[c.j+1]
		// "Gainesville Police Department", "Laurel County Sheriff", "Ohio Supreme Court", "Texas Southern
		// University": a place names what is there when the capitalised words after it end in a word for
		// an institution; not "Jordan Henderson", "Manchester United"
		orgHead := false
		for k := c.j + 1; k < len(d.toks) && k <= c.j+4 && d.toks[k].Upper && d.toks[k].Gap == gazetteer.GapSpace; k++ {
			if d.info[k].orgHead&d.fnBits != 0 {
				orgHead = true
				break
			}
		}
		// a name that ends in a word for a division is the division's, whatever follows: "Laurel County
		// Clerk", "Nyanza Province Commissioner"
		divisionName := !single && d.info[c.j].division&d.bit != 0
		if nt.Upper && (nt.Gap == gazetteer.GapSpace || nt.Gap == gazetteer.GapJoin) && next.function == 0 && next.calendar == 0 && !orgHead && !divisionName {
			c.drop, c.person = true, true // "Jordan Henderson", "Manchester United", "Molenbeek-Saint-Jean" read as "Molenbeek"
			return
		}
	}
	s := 0.0
	if !single && info.function == 0 {
		s += 1 // "Abu Kamal", "Burkina Faso"; not "La Junta"
	}
	if p.afterLocative(d, c.i) {
		s += 1
	}
	if dateline {
		s += 1.5 // "KARACHI, Aug 29 -", "BEIRUT -": the place a report was filed from
	}
	if single {
		if t.SentStart && !dateline {
			s -= 1
		}
		if _, seen := slices.BinarySearch(d.lowerSeen, t.Key); seen {
			s -= 2.5
		}
		if p.lex.caseNouns&d.bit != 0 && !t.SentStart {
			s -= 0.5
		}
		if utf8.RuneCount(d.norm(c.i))-c.clitics <= 3 { // the name as matched: "فدا" of "وفدا"
			s -= 0.5
		}
		if t.Arabic && d.lang != "ar" {
			s -= 1
		}
	}
	if c.fuzzy {
		s -= 1
	}
	if c.variant {
		s -= 0.5
	}
	c.placeness = s // the resolver adds what the best place says
}

// middleInitial reports whether token i is a middle initial: one capital letter and its dot, after a
// capitalised name that has none ("Roy A. Nelson"; not "D.C." nor "Washington D.C.").
func middleInitial(d *doc, i int) bool {
	t, prev := &d.toks[i], &d.toks[i-1]
	return t.Upper && !t.Arabic && utf8.RuneCount(d.norm(i)) == 1 && int(t.End) < len(d.text) && d.text[t.End] == '.' &&
		prev.Upper && int(prev.End) < len(d.text) && d.text[prev.End] == ' ' && utf8.RuneCount(d.norm(i-1)) > 1
}
