// Package geoparse finds the places a text names and resolves each to one gazetteer entry:
// recognition of candidate names in any script, then resolution from the evidence of the document
// (population and feature type, countries named or implied, nearness to the other places,
// qualifiers such as "Paris, Texas").
package geoparse

import (
	"math"
	"slices"
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/report"
)

// Options tune a Parser.
type Options struct {
	// MinScore is the recognition score a candidate needs to become a mention (default 0).
	MinScore float64
	// Alternatives is how many other candidate places a mention keeps (default 3).
	Alternatives int
}

// Parser finds and resolves place names. It is safe for concurrent use.
type Parser struct {
	gz   *gazetteer.Gazetteer
	lex  *lexiconSets
	opts Options
	docs sync.Pool // of *doc: the buffers of one parse, reused by the next
	// translit has a bit (at slot(key, 64-translitBits)) for each loose key that names a town fuzzy may
	// match (see transliterated), so that fuzzy looks up in the gazetteer only the few keys that may.
	translit []uint64
}

// translitBits sets the size of Parser.translit: 2^22 bits, 512 KiB.
const translitBits = 22

// New returns a Parser over gz.
func New(gz *gazetteer.Gazetteer, opts Options) *Parser {
	if opts.Alternatives == 0 {
		opts.Alternatives = 3
	}
	p := &Parser{gz: gz, lex: buildLexiconSets(gz), opts: opts, translit: make([]uint64, 1<<translitBits/64)}
	for key, ps := range gz.LooseRuns {
		if slices.ContainsFunc(ps, transliteratedTown) {
			b := slot(key, 64-translitBits)
			p.translit[b/64] |= 1 << (b % 64)
		}
	}
	return p
}

// mayTransliterate reports whether the loose key may name a town that transliterated keeps.
func (p *Parser) mayTransliterate(key uint64) bool {
	b := slot(key, 64-translitBits)
	return p.translit[b/64]&(1<<(b%64)) != 0
}

// Result is what Parse finds in one text.
type Result struct {
	Lang     string
	Mentions []report.Mention // in text order; byte offsets; Date and sentence left to the caller
}

// candChunk is how many candidates a chunk of a doc's storage holds.
const candChunk = 256

// maxPostings bounds the places considered for one name (the most populous are kept).
const maxPostings = 64

// doc is one text being parsed, with the buffers a parse needs, reused from one parse to the next.
type doc struct {
	text      string
	toks      []gazetteer.Token
	buf       []byte
	lang      string
	info      []wordInfo          // what the lexicons say of each token
	cands     [][]cand            // the candidates' storage, in chunks so that pointers stay put
	ncands    int                 // how many of its slots this parse uses
	cs        []*cand             // the candidates recognised, in text order
	posts     []gazetteer.Posting // the postings that some candidates keep of the gazetteer's (keepPostings)
	starts    []int32             // the tokens a name may start at (see startable)
	bit       uint8               // the bit of the text's language, 0 when unknown
	fnBits    uint8               // the languages whose function words count: the text's, or all when unknown
	singles   []singleSlot        // the keys of the one-word candidates, a table (see gatherEvidence)
	demonyms  []uint16            // the countries of the demonyms the text writes (Brief.CC), in text order
	lowerSeen []uint64            // sorted keys of the one-word candidates that the text also writes in lower case
	countries countries           // the countries met, and how strongly the text points at each
	divs      weights             // the first-level divisions the text names (Brief.Div), and how surely
	divsCC    weights             // the same, summed by country (Brief.CC)
	divNamed  map[uint64]float64  // by name key: how often the text writes that name of a division
	divOwn    map[uint64]float64  // by name key: the weight its mentions add to divs, for their own division
	selfNamed map[uint64]float64  // by name key: how often the text writes that name of a country
	res       resolveBufs
	termsGen  uint64                  // the generation of the candidates' terms: a cand whose termsGen differs works them out anew
	memo      [1 << memoBits]memoSlot // recent answers of the gazetteer's Lookup (see doc.lookup)
	// noFuzzy holds, by slot, keys of words (one to three, see fuzzy) that fuzzy found no town for (key
	// 0 is none): the answer depends on the words only, and a text writes the same names again and again
	noFuzzy [1 << noFuzzyBits]uint64
	sink    uint64 // what Prefetch returns, kept (see Parser.warm)
}

// memoBits sets the size of doc.memo: 8192 slots of 16 bytes, 128 KiB, stay in a core's cache.
const memoBits = 13

// memoSlot is one answer of the gazetteer's Lookup. A zero slot is the answer for key 0, that of no
// name; doc.lookup does not trust it for that key.
type memoSlot struct {
	key uint64
	run gazetteer.Run
}

// lookup is gz.Lookup(key), remembered in a direct-mapped table: the capitalised words of a text repeat,
// and so do those of the texts before it (a doc is reused), while a lookup in the gazetteer's index, tens
// of megabytes, misses the processor's caches.
func (d *doc) lookup(gz *gazetteer.Gazetteer, key uint64) ([]gazetteer.Posting, bool) {
	s := &d.memo[slot(key, 64-memoBits)]
	if s.key != key || key == 0 {
		*s = memoSlot{key: key, run: gz.LookupRun(key)}
	}
	return gz.Postings(s.run)
}

// setLang records the text's language.
func (d *doc) setLang(lang string) {
	d.lang, d.bit, d.fnBits = lang, langBit(lang), langBit(lang)
	if d.fnBits == 0 {
		d.fnBits = allLangs
	}
}

func (d *doc) norm(i int) []byte { t := &d.toks[i]; return d.buf[t.NormStart:t.NormEnd] }

// cand is a candidate mention: tokens i..j (inclusive) and the places its name may be.
type cand struct {
	i, j      int
	key       uint64
	posts     []gazetteer.Posting
	fuzzy     bool // matched by loose key only
	variant   bool // matched after stripping a clitic or an inflection
	clitics   int  // Arabic proclitic letters before the name in its first token (و of "وبغداد")
	scores    []float64
	terms     []terms // by post: the terms of its score that resolve's rounds do not change (fixTerms)
	termsGen  uint64  // the doc's termsGen when terms were worked out
	wide      bool    // with terms: the name is likelier a country, a state or a region than a town
	selfNamed float64 // with terms: how often the text writes the name as a country's (doc.selfNamed)
	best      int     // index into posts
	margin    float64 // best score minus the second's
	local     float64 // how much of margin the mention's own qualifier gave ("Aurora, Illinois"): it does not carry to the name's other mentions
	placeness float64 // recognition score
	weight    float64 // while resolving: how much its vote for a country counts
	votes     uint8   // while resolving: how it votes for a country (noVote, oneCountryVote, softmaxVote)
	drop      bool
	person    bool   // dropped as (part of) the name of a person or an organisation
	selfCC    uint16 // the country the name itself can be (Brief.CC), 0 if none: its own evidence
	selfDiv   uint16 // the division the name most likely is before the document is read (Brief.Div), 0 if none
	selfDivW  float64
	selfDivCC uint16 // selfDiv's country
}

// singleSlot is a slot of doc.singles: the key of a one-word candidate when used, and whether the text
// writes it in lower case.
type singleSlot struct {
	key        uint64
	used, seen bool
}

func (p *Parser) newDoc(text string) *doc {
	d, _ := p.docs.Get().(*doc)
	if d == nil {
		d = &doc{}
	}
	d.text, d.buf, d.toks, d.posts = text, d.buf[:0], d.toks[:0], d.posts[:0]
	d.toks = gazetteer.Tokenize(text, d.toks, &d.buf)
	toks := d.toks
	// Two loops over the words, each with few enough values to keep them in registers.
	// What the lexicons say of each word, and what that gives the language and the demonyms:
	var lc langCounts
	infos := slices.Grow(d.info[:0], len(toks))[:len(toks)]
	demonyms := d.demonyms[:0]
	lex := p.lex
	for i := range toks {
		t := &toks[i]
		// most words are on no list: they cost only the filter
		if info := lex.find(t.Key); info == nil {
			infos[i] = wordInfo{}
		} else {
			infos[i] = *info
			lc.add(t, info)
			if info.demonym != 0 && (t.Cased || t.Arabic) && t.NormEnd-t.NormStart >= 4 {
				demonyms = append(demonyms, info.demonym)
			}
		}
	}
	d.info, d.demonyms = infos, demonyms
	// The script of each word, for the language, and where a name may start: startable, its usual answers
	// first. An upper-case word (which is cased) starts one; a lower-case one only when a hyphen or an
	// apostrophe joins the next to it, which is rare: marked here, and asked of startable after.
	starts := slices.Grow(d.starts[:0], len(toks))[:len(toks)]
	ns, joined := 0, false
	arabic, cased := 0, 0
	for i := range toks {
		t := &toks[i]
		switch {
		case t.Arabic:
			arabic++
			starts[ns] = int32(i)
			ns++
		case t.Upper:
			cased++
			starts[ns] = int32(i)
			ns++
		case t.Cased:
			cased++
			if i+1 < len(toks) && toks[i+1].Gap == gazetteer.GapJoin {
				starts[ns] = ^int32(i)
				ns++
				joined = true
			}
		}
	}
	lc.arabic, lc.cased = arabic, cased
	starts = starts[:ns]
	if joined {
		n := 0
		for _, s := range starts {
			if s >= 0 || p.startable(d, int(^s)) {
				starts[n] = max(s, ^s)
				n++
			}
		}
		starts = starts[:n]
	}
	d.starts = starts
	d.setLang(lc.guess())
	d.ncands = 0
	return d
}

// release returns d's buffers for the next parse; nothing of d may be used after.
func (p *Parser) release(d *doc) {
	d.text = ""
	p.docs.Put(d)
}

// Parse finds and resolves the places of text.
func (p *Parser) Parse(text string) Result { return p.ParseInto(text, nil) }

// Buffers is memory for the mentions of one parse, reused by the next (see ParseInto).
type Buffers struct {
	mentions []report.Mention
	alts     []report.Candidate
}

// ParseInto is Parse with the mentions, and their alternatives, in b's memory when b is not nil: they are
// valid until b is used again. A caller that parses many texts one after another saves that allocation.
func (p *Parser) ParseInto(text string, b *Buffers) Result {
	d := p.newDoc(text)
	defer p.release(d)
	cs := p.recognise(d)
	p.resolve(d, cs)
	return Result{Lang: d.lang, Mentions: p.mentions(d, cs, true, b)}
}

// Span is a byte range of a text that is known to name a place.
type Span struct{ Start, End int }

// ResolveSpans resolves only the given spans (gold-span mode): every span that names something in the
// gazetteer yields a mention, whatever recognition would have said of it.
func (p *Parser) ResolveSpans(text string, spans []Span) Result {
	return p.ResolveSpansInto(text, spans, nil)
}

// ResolveSpansInto is ResolveSpans with the mentions in b's memory, as ParseInto.
func (p *Parser) ResolveSpansInto(text string, spans []Span, b *Buffers) Result {
	d := p.newDoc(text)
	defer p.release(d)
	// the whole text is read for evidence: the state or country it names elsewhere ("Lima is a city in
	// Allen County, Ohio") informs the spans; only the spans are resolved to mentions
	all := p.recognise(d)
	var cs []*cand
	for _, s := range spans {
		i := sort.Search(len(d.toks), func(k int) bool { return int(d.toks[k].End) > s.Start })
		j := i
		for j+1 < len(d.toks) && int(d.toks[j+1].Start) < s.End {
			j++
		}
		if i >= len(d.toks) || int(d.toks[i].Start) >= s.End {
			continue
		}
		c := p.lookupRange(d, i, j)
		if c == nil {
			continue
		}
		cs = append(cs, c)
	}
	slices.SortStableFunc(cs, func(a, b *cand) int { return a.i - b.i })
	// the recognised names that no span overlaps join the spans' candidates as context
	merged := make([]*cand, 0, len(all)+len(cs))
	k := 0
	for _, c := range all {
		for k < len(cs) && cs[k].j < c.i {
			merged = append(merged, cs[k])
			k++
		}
		if k < len(cs) && cs[k].i <= c.j {
			continue // overlaps the next span
		}
		if len(merged) > 0 && merged[len(merged)-1].j >= c.i {
			continue // overlaps the span before
		}
		merged = append(merged, c)
	}
	merged = append(merged, cs[k:]...)
	p.placeEvidence(d, merged)
	p.resolve(d, merged)
	return Result{Lang: d.lang, Mentions: p.mentions(d, cs, false, b)}
}

// lookupRange finds the places named by exactly tokens i..j, trying variants, a demonym's country and
// the loose key.
func (p *Parser) lookupRange(d *doc, i, j int) *cand {
	var arr [4]variant
	for _, v := range p.variants(d, i, arr[:0]) {
		h := gazetteer.KeyExtend(gazetteer.KeyStart(), v.word)
		for k := i + 1; k <= j; k++ {
			h = gazetteer.KeyExtend(h, d.norm(k))
		}
		if ps, _ := d.lookup(p.gz, h); len(ps) > 0 {
			if c := p.demonymCand(d, i, j); c != nil && !slices.ContainsFunc(ps, isWide) {
				return c // "Russian", "Georgian": the people's country, not a hamlet of that name
			}
			return p.newCand(d, i, j, h, ps, false, v)
		}
	}
	if c := p.demonymCand(d, i, j); c != nil {
		return c
	}
	words := make([][]byte, 0, j-i+1)
	for k := i; k <= j; k++ {
		words = append(words, d.norm(k))
	}
	if key, ok := gazetteer.LooseKey(words); ok {
		if ps := p.towns(d, p.gz.LookupLoose(key)); len(ps) > 0 {
			return p.newCand(d, i, j, key, ps, true, variant{})
		}
	}
	return nil
}

// isWide reports whether p is a country, a division or a region: a name that is one is that place even
// when it is also a demonym ("Philippines").
func isWide(p gazetteer.Posting) bool {
	return p.Kind == gazetteer.Country || p.Kind == gazetteer.Division || p.Kind == gazetteer.Region
}

// demonymCand is the country that tokens i..j name as a people or an adjective ("Russian troops",
// "Sri Lankan", "the Palestinians"), as a candidate of that one place, or nil. Only a span given as a
// place is read so (gold-span mode): recognition keeps demonyms as evidence, not as mentions.
func (p *Parser) demonymCand(d *doc, i, j int) *cand {
	h := gazetteer.KeyStart()
	for k := i; k < j; k++ {
		h = gazetteer.KeyExtend(h, d.norm(k))
	}
	last := d.norm(j)
	cc, ok := p.gz.Demonym(gazetteer.KeyExtend(h, last))
	if !ok && len(last) > 4 && last[len(last)-1] == 's' { // a people in the plural: "Americans"
		cc, ok = p.gz.Demonym(gazetteer.KeyExtend(h, last[:len(last)-1]))
	}
	if !ok {
		return nil
	}
	idx, ok := p.gz.Country(cc)
	if !ok {
		return nil
	}
	key := gazetteer.KeyOf(p.gz.Place(idx).Name)
	ps, _ := d.lookup(p.gz, key)
	for n := range ps {
		if ps[n].Place == idx {
			return p.newCand(d, i, j, key, ps[n:n+1], false, variant{})
		}
	}
	return nil
}

// newCand stores a candidate: tokens i..j, found under key, matched loosely or through variant v.
func (p *Parser) newCand(d *doc, i, j int, key uint64, ps []gazetteer.Posting, fuzzy bool, v variant) *cand {
	ps = ps[:min(len(ps), maxPostings)] // the gazetteer lists the most populous first
	chunk, k := d.ncands/candChunk, d.ncands%candChunk
	if chunk == len(d.cands) {
		d.cands = append(d.cands, make([]cand, candChunk))
	}
	d.ncands++
	c := &d.cands[chunk][k]
	*c = cand{i: i, j: j, key: key, posts: ps, fuzzy: fuzzy, variant: v.variant, clitics: v.clitics}
	return c
}

// mentions turns the kept candidates into report mentions, in b's memory when b is not nil.
func (p *Parser) mentions(d *doc, cs []*cand, filter bool, b *Buffers) []report.Mention {
	keep := func(c *cand) bool {
		if c.drop || len(c.posts) == 0 {
			return false
		}
		// not a place here, or a region too wide and vague to put an event on the map (Levant, Sahel);
		// continents are named and mapped
		best := &c.posts[c.best]
		wide := best.Kind == gazetteer.Region && best.CC == 0 && p.gz.Place(best.Place).FeatureCode != "CONT"
		return !filter || c.placeness >= p.opts.MinScore && !wide
	}
	nm, na := 0, 0
	for _, c := range cs {
		if keep(c) {
			nm++
			na += min(len(c.posts)-1, p.opts.Alternatives)
		}
	}
	if nm == 0 {
		return nil
	}
	var out []report.Mention
	var alts []report.Candidate // one backing array for all alternatives
	if b != nil && cap(b.mentions) >= nm {
		out = b.mentions[:0]
	} else {
		out = make([]report.Mention, 0, nm)
	}
	if b != nil && cap(b.alts) >= na {
		alts = b.alts[:0]
	} else {
		alts = make([]report.Candidate, 0, na)
	}
	if b != nil {
		b.mentions, b.alts = out[:0], alts[:0]
	}
	var topArr [8]int
	top := topArr[:0]
	for _, c := range cs {
		if !keep(c) {
			continue
		}
		start, end := afterLetters(d.text, int(d.toks[c.i].Start), c.clitics), int(d.toks[c.j].End)
		if end < len(d.text) && d.text[end] == '.' && (c.j > c.i && d.toks[c.j].Punct == '.' || abbreviated(c.posts)) {
			end++ // the last dot of "U.S." and "Calif."
		}
		m := report.Mention{Start: start, End: end, Text: d.text[start:end],
			Place: *p.gz.Place(c.posts[c.best].Place), Confidence: c.confidence()}
		first := len(alts)
		top = topK(c.scores, c.best, p.opts.Alternatives, top[:0])
		for _, k := range top {
			alts = append(alts, report.Candidate{Place: *p.gz.Place(c.posts[k].Place), Score: round3(c.scores[k])})
		}
		if len(alts) > first {
			m.Alternatives = alts[first:len(alts):len(alts)]
		}
		out = append(out, m)
	}
	return out
}

// abbreviated reports whether only abbreviations name the places of ps ("Calif.", "Pa.").
func abbreviated(ps []gazetteer.Posting) bool {
	return len(ps) > 0 && !slices.ContainsFunc(ps, func(p gazetteer.Posting) bool { return !abbrevOnly(p) })
}

// afterLetters returns the offset n letters after start in text, each letter with the marks that follow
// it (the و and its vowel sign in "وَبغداد").
func afterLetters(text string, start, n int) int {
	i := start
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.Is(unicode.Mn, r) {
				break
			}
			i += size
		}
	}
	return i
}

// topK returns the indexes of the k highest scores but skip's, highest first (ties by index).
func topK(scores []float64, skip, k int, out []int) []int {
	// one pass, keeping out sorted by score, best first, the earlier of equal scores first: the first
	// index of the highest score, then of the highest of the others, and so on (scores are never NaN)
	out = out[:0]
	for i, s := range scores {
		if i == skip {
			continue
		}
		n := len(out)
		for n > 0 && s > scores[out[n-1]] {
			n--
		}
		switch {
		case n >= k:
		case len(out) < k:
			out = slices.Insert(out, n, i)
		default:
			copy(out[n+1:], out[n:k-1])
			out[n] = i
		}
	}
	return out
}

// confidence maps the recognition score and the resolution margin to [0, 1].
func (c *cand) confidence() float64 {
	rec := sigmoid(c.placeness)
	res := 1.0
	if len(c.posts) > 1 {
		res = sigmoid(2 * c.margin)
	}
	return round3(rec * res)
}

func sigmoid(x float64) float64 { return 1 / (1 + exp(-x)) }

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
