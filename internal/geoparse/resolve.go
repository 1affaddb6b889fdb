package geoparse

import (
	"math"
	"slices"
	"sort"

	"github.com/datelinehq/dateline/internal/gazetteer"
)

// prior is what a place is worth before the document is read: its kind, population and status.
func prior(b *gazetteer.Brief, flags gazetteer.NameFlag) float64 {
	pop := float64(b.Pop)
	var s float64
	switch b.Kind {
	case gazetteer.Country:
		s = 3.5 + 0.5*pop // Syria: 5.2; Grenada, "Granada" in Spanish: 4.6
	case gazetteer.Division:
		s = 2 + 0.4*pop // below a big city of the same name (Washington, Valencia, Córdoba)
	case gazetteer.Region:
		s = 3
	default:
		s = pop + float64(b.Rank)/10
	}
	switch {
	case flags&gazetteer.NamePrimary != 0:
		s += 0.4
	case flags&(gazetteer.NameAlt|gazetteer.NameOfficial) == 0: // only the stripped form matched
		s -= 0.3
	}
	return s
}

// reading is one place a candidate may be, with what does not change while resolving, and the share
// of the candidate's vote it casts for its country.
type reading struct {
	place  uint32
	b      *gazetteer.Brief // the posting's copy
	cc     int              // index of the country in the document's country table, -1 for none
	prior  float64
	cosLat float64
	vote   float64
	flags  uint8 // what score asks of the reading and its candidate, which resolve does not change
}

// The flags of a reading.
const (
	readingTown       = 1 << iota // a town
	readingOwnCountry             // a country (in the table) that the name names by the country's own name
	readingInCountry              // not a country, of a country in the table
	readingOwnCC                  // of the country the name names (cand.selfCC)
)

// readingFlags are the flags of reading r of posting ps of candidate c.
func readingFlags(c *cand, ps *gazetteer.Posting, r *reading) uint8 {
	var f uint8
	if ps.Kind == gazetteer.Town {
		f |= readingTown
	}
	if r.cc >= 0 && ps.Kind == gazetteer.Country && c.selfCC == ps.CC && ps.Flags&gazetteer.NamePrimary != 0 {
		f |= readingOwnCountry
	}
	if r.cc >= 0 && ps.Kind != gazetteer.Country {
		f |= readingInCountry
	}
	if c.selfCC == ps.CC {
		f |= readingOwnCC
	}
	return f
}

// resolveBufs are resolve's buffers, kept with a doc for the next parse.
type resolveBufs struct {
	all               []reading
	reads             [][]reading
	scores            []float64
	terms             []terms // by reading, as scores: the score's terms fixed while the evidence of divisions is
	named, total, own []float64
	anchors           []anchor
	sense             []int32 // oneSensePerDiscourse's table
	kept              []int32 // the indexes of the candidates being resolved
	quals             []qualified
}

// terms are the parts of a reading's score that the rounds of resolve do not change, kept from the
// candidate's first score to the next (score adds them in its order, so the sum is the same): for a town
// or a district, the text's naming of its division, again and again, and in its sentence; for a division,
// its siblings and its listing beside one; whether the mention's qualifier holds it.
type terms struct {
	a, b, c   float64
	qualified bool
}

// qualified is a mention qualified by a division ("Dundee, Scotland"): for the other mentions of its
// name, that division is no evidence.
type qualified struct {
	key uint64
	k   int
	div uint16
	w   float64
}

// qualifiedMentions appends the mentions of cs that a division qualifies.
func qualifiedMentions(d *doc, cs []*cand, out []qualified) []qualified {
	for n := 1; n < len(cs); n++ {
		if q := cs[n]; !q.drop && q.selfDiv != 0 && q.selfDivW > 0 && !cs[n-1].drop && qualifying(d, cs[n-1], q) {
			out = append(out, qualified{cs[n-1].key, n - 1, q.selfDiv, q.selfDivW})
		}
	}
	return out
}

// zeroed returns buf resized to n zeros.
func zeroed(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

// countries gives the countries met in one document small indexes, and keeps how strongly the text
// points at each: the countries and divisions it names, its demonyms, then the towns' vote.
type countries struct {
	idx    [26*26 + 1]int16 // by Brief.CC; 0 = not met yet, else index+1
	codes  []uint16
	weight []float64 // by index
}

// reset forgets the countries met, for the next document.
func (t *countries) reset() {
	for _, cc := range t.codes {
		t.idx[cc] = 0
	}
	t.codes, t.weight = t.codes[:0], t.weight[:0]
}

// of returns the index of country cc (a Brief.CC), -1 for none.
func (t *countries) of(cc uint16) int {
	if cc == 0 {
		return -1
	}
	if t.idx[cc] == 0 {
		t.codes, t.weight = append(t.codes, cc), append(t.weight, 0)
		t.idx[cc] = int16(len(t.codes))
	}
	return int(t.idx[cc]) - 1
}

// add adds v to the weight of country cc.
func (t *countries) add(cc uint16, v float64) {
	if i := t.of(cc); i >= 0 {
		t.weight[i] += v
	}
}

// weightOf is the weight of country cc, 0 if the text has not met it.
func (t *countries) weightOf(cc uint16) float64 {
	if t.idx[cc] == 0 {
		return 0
	}
	return t.weight[t.idx[cc]-1]
}

// resolve scores every place of every candidate and picks the best. The countries the text names
// (and its demonyms) are fixed evidence; the countries of its other place names are a soft vote that is
// refined over a few rounds, each candidate spreading its weight over its readings' countries; nearness
// to the places the previous round was sure of is added once the vote has settled.
func (p *Parser) resolve(d *doc, cs []*cand) {
	ct, rb := &d.countries, &d.res // ct holds the evidence gatherEvidence found; resolve adds countries
	nposts := 0
	for _, c := range cs {
		if !c.drop {
			nposts += len(c.posts)
		}
	}
	if cap(rb.all) < nposts {
		rb.all, rb.scores, rb.terms = make([]reading, 0, nposts), make([]float64, nposts), make([]terms, nposts)
	}
	all, scores, ts := rb.all[:0], rb.scores[:nposts], rb.terms[:nposts]
	d.termsGen++ // the terms of the last parse are stale
	reads, kept := rb.reads[:0], rb.kept[:0]
	for k, c := range cs {
		start := len(all)
		if !c.drop && len(c.posts) > 0 {
			kept = append(kept, int32(k))
		}
		if !c.drop { // a dropped candidate is not resolved: it has no readings
			c.scores, scores = scores[:len(c.posts):len(c.posts)], scores[len(c.posts):]
			c.terms, ts = ts[:len(c.posts):len(c.posts)], ts[len(c.posts):]
			clear(c.scores)
			ownName := false // some town has the name as its own
			for n := range c.posts {
				ownName = ownName || c.posts[n].Flags&gazetteer.NamePrimary != 0 && c.posts[n].Kind == gazetteer.Town
			}
			for n := range c.posts {
				ps := &c.posts[n]
				b := &ps.Brief
				pr := prior(b, ps.Flags)
				if ownName && ps.Flags&gazetteer.NamePrimary == 0 && b.Kind == gazetteer.Town {
					pr -= altNamePenalty
				}
				all = append(all, reading{place: ps.Place, b: b, cc: ct.of(b.CC), prior: pr,
					cosLat: cosDeg(b.Lat)})
				r := &all[len(all)-1]
				r.flags = readingFlags(c, ps, r)
			}
		}
		reads = append(reads, all[start:len(all):len(all)])
		if !c.drop {
			p.divisionOrTown(d, c, reads[len(reads)-1])
		}
		c.votes = votesOf(reads[len(reads)-1])
	}
	rb.all, rb.reads, rb.kept = all, reads, kept
	p.divisionEvidence(d, cs, reads, kept, false)
	rb.quals = qualifiedMentions(d, cs, rb.quals[:0]) // again only when divisionEvidence changes the divisions
	named := zeroed(rb.named, len(ct.codes))
	copy(named, ct.weight)
	total, own := zeroed(rb.total, len(ct.codes)), zeroed(rb.own, len(ct.codes))
	rb.named, rb.total, rb.own = named, total, own
	anchors := rb.anchors[:0]
	// scoreAll scores the kept candidates of several places (of one place too when singles): each
	// sees the named evidence and the votes of the others, not its own.
	scoreAll := func(singles bool) {
		ev := evidence{named: named, total: total, own: own}
		for _, k := range kept {
			rs := reads[k]
			if len(rs) == 1 && !singles {
				continue
			}
			for i := range rs {
				r := &rs[i]
				if r.cc >= 0 {
					own[r.cc] += r.vote
				}
			}
			p.score(d, cs, int(k), rs, &ev, anchors)
			for i := range rs {
				r := &rs[i]
				if r.cc >= 0 {
					own[r.cc] = 0
				}
			}
		}
	}
	for round := 0; round < 3; round++ {
		clear(total)
		for _, k := range kept {
			if p.vote(cs[k], reads[k], round == 0) {
				for i := range reads[k] {
					r := &reads[k][i]
					total[r.cc] += r.vote
				}
			}
		}
		scoreAll(round >= 2) // one place: its score only shows in the end (its vote, all for that place, does not depend on it)
		if round >= 1 {
			anchors = p.anchors(d, cs, anchors[:0])
		}
	}
	if p.divisionEvidence(d, cs, reads, kept, true) {
		rb.quals = qualifiedMentions(d, cs, rb.quals[:0])
		d.termsGen++ // the divisions changed
		// the divisions the names were resolved to: "Georgia" beside "Morgan County" is the state once
		// read, though the country is likelier before; score once more with that evidence
		scoreAll(false)
	}
	rb.anchors = anchors
	for i, v := range total {
		ct.weight[i] += v // the towns' vote joins the named evidence
	}
	rb.sense = p.oneSensePerDiscourse(cs, rb.sense)
	for _, c := range cs {
		if !c.drop && len(c.posts) > 0 {
			c.placeness += p.recognitionBoost(d, c)
		}
	}
	p.coordinate(d, cs)
}

// exp is math.Exp within 1e-8 relative (0 below e^-708), several times faster: a polynomial of degree 7
// on [-ln 2 / 2, ln 2 / 2] scaled by a power of two. Resolution takes several per reading.
func exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x < -708:
		return 0
	case x > 709:
		return math.Inf(1)
	}
	const round = 0x1.8p52 // adding it rounds a float64 of magnitude below 2^51 to an integer
	k := (x*math.Log2E + round) - round
	r := x - k*math.Ln2
	p := 1 + r*(1+r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720+r*(1.0/5040)))))))
	return p * math.Float64frombits(uint64(k+1023)<<52) // k in [-1021, 1023]: 2^k is a normal number
}

// cosines holds the cosine of every whole degree of latitude from -90 to 90.
var cosines = func() (t [182]float64) {
	for i := range t {
		t[i] = math.Cos(float64(i-90) * math.Pi / 180)
	}
	return t
}()

// cosDeg is the cosine of a latitude in degrees, interpolated between whole degrees (within 4e-5).
func cosDeg(lat float32) float64 {
	x := min(max(float64(lat)+90, 0), 180)
	i := int(x)
	f := x - float64(i)
	return cosines[i] + f*(cosines[i+1]-cosines[i])
}

// divisionOrTown settles a name that is both a division and a town in it (Raqqa, Kherson, Idlib):
// news means the town, unless a division word stands beside the name ("province de Deir ez-Zor",
// "Kherson Oblast").
func (p *Parser) divisionOrTown(d *doc, c *cand, rs []reading) {
	division := p.besideDivisionWord(d, c)
	for i := range rs {
		r := &rs[i]
		if r.b.Kind != gazetteer.Division {
			continue
		}
		if division {
			r.prior += 1.5
			continue
		}
		admin1 := p.gz.Place(r.place).Admin1
		for j := range rs {
			t := &rs[j]
			if t.b.Kind == gazetteer.Town && t.b.CC == r.b.CC && p.gz.Place(t.place).Admin1 == admin1 {
				r.prior -= 1
				break
			}
		}
	}
}

// besideDivisionWord reports whether a word for a division stands just before or after candidate c,
// maybe across a preposition ("province de", "province of").
func (p *Parser) besideDivisionWord(d *doc, c *cand) bool {
	for _, i := range []int{c.i - 1, c.i - 2, c.j + 1} {
		if i < 0 || i >= len(d.toks) || (i < c.i && d.toks[c.i].Gap == gazetteer.GapHard) || (i > c.j && d.toks[i].Gap == gazetteer.GapHard) {
			continue
		}
		if d.info[i].division&d.bit != 0 {
			return true
		}
	}
	return false
}

// How a candidate votes for a country (cand.votes): a name that can be a country casts no vote, naming a
// country is evidence of its own; the readings of one country give it the whole weight, whatever their
// scores; else by softmax.
const (
	noVote = iota
	oneCountryVote
	softmaxVote
)

// votesOf is how a candidate of readings rs votes.
func votesOf(rs []reading) uint8 {
	if len(rs) == 0 {
		return noVote
	}
	v := uint8(oneCountryVote)
	for i := range rs {
		r := &rs[i]
		if r.b.Kind == gazetteer.Country || r.cc < 0 {
			return noVote
		}
		if r.cc != rs[0].cc {
			v = softmaxVote
		}
	}
	return v
}

// vote spreads a candidate's weight over the countries of its readings, by softmax of their scores
// (of their priors in the first round), into the readings' vote, and reports whether it voted (see
// votesOf).
func (p *Parser) vote(c *cand, rs []reading, first bool) bool {
	if c.drop || c.votes == noVote {
		for i := range rs {
			rs[i].vote = 0
		}
		return false
	}
	if first {
		c.weight = sigmoid(c.placeness + 1) // how likely the candidate is a place name at all
	}
	if c.votes == oneCountryVote { // the softmax gives that country the whole weight, whatever the scores
		share := 0.6 * c.weight / float64(len(rs))
		for i := range rs {
			rs[i].vote = share
		}
		return true
	}
	maxS := math.Inf(-1)
	for i := range rs {
		r := &rs[i]
		s := c.scores[i]
		if first {
			s = r.prior
		}
		if s > maxS { // max(maxS, s): scores are never NaN
			maxS = s
		}
	}
	sum := 0.0
	for i := range rs {
		r := &rs[i]
		s := c.scores[i]
		if first {
			s = r.prior
		}
		r.vote = 0
		if s-maxS > -30 { // below, a reading's share is under 1e-13
			r.vote = exp(s - maxS)
			sum += r.vote
		}
	}
	for i := range rs {
		rs[i].vote *= 0.6 * c.weight / sum
	}
	return true
}

// anchor is a place a candidate is sure of, with the candidate's index and the place's coordinates.
type anchor struct {
	k        int
	place    uint32
	lat, lon float32
}

// anchors are the places the candidates are now sure of: a clear winner that is a town of some size
// or a division (countries and regions say nothing of nearness).
func (p *Parser) anchors(d *doc, cs []*cand, out []anchor) []anchor {
	for k, c := range cs {
		if c.drop || len(c.posts) == 0 || c.placeness+p.recognitionBoost(d, c) < 0.5 {
			continue
		}
		ps := &c.posts[c.best]
		if ps.Kind == gazetteer.Country || ps.Kind == gazetteer.Region || ps.Kind == gazetteer.Town && c.selfDivW >= 1 {
			continue
		}
		if len(c.posts) == 1 || c.margin >= 1 {
			out = append(out, anchor{k, ps.Place, ps.Lat, ps.Lon})
		}
	}
	return out
}

// anchorWindow is how many candidates away an anchor still counts for nearness: a long report moves
// from place to place, and nearness is about the places named around a mention.
const anchorWindow = 12

// window returns the anchors of the candidates within anchorWindow of candidate k (anchors is in
// candidate order).
func window(anchors []anchor, k int) []anchor {
	lo := sort.Search(len(anchors), func(i int) bool { return anchors[i].k >= k-anchorWindow })
	hi := lo + sort.Search(len(anchors)-lo, func(i int) bool { return anchors[lo+i].k > k+anchorWindow })
	return anchors[lo:hi]
}

// evidence is what a candidate knows of the document's countries: those named, and the votes of the
// other candidates (all votes less its own).
type evidence struct{ named, total, own []float64 }

func (e *evidence) of(cc int) float64 { return e.named[cc] + e.total[cc] - e.own[cc] }

// score fills the scores, best and margin of candidate k, given the country evidence ev and the places
// the candidates are sure of, anchors.
func (p *Parser) score(d *doc, cs []*cand, k int, rs []reading, ev *evidence, anchors []anchor) {
	c := cs[k]
	if c.termsGen != d.termsGen {
		p.fixTerms(d, cs, k, rs)
		c.termsGen = d.termsGen
	}
	wide, fuzzy, selfNamed := c.wide, c.fuzzy, c.selfNamed
	ownCC := max(1, selfNamed)
	terms, scores := c.terms[:len(rs)], c.scores[:len(rs)]
	var around []anchor // the anchors around the mention, for a name likelier a country, a state or a region
	if len(anchors) > 0 && (wide || fuzzy) {
		around = window(anchors, k)
	}
	best, second := math.Inf(-1), math.Inf(-1)
	for n := range rs {
		r, t := &rs[n], &terms[n]
		s := r.prior
		if fuzzy {
			s -= 1
		}
		switch f := r.flags; {
		case f&readingOwnCountry != 0:
			// the text's other names in the country ("Veracruz", "Mexican") are evidence for the
			// country as much as for its homonymous capital (by the country's own name: "Tunis" is
			// also a name of Tunisia, but the text means the city)
			if e := ev.of(r.cc) - selfNamed; e > 0 {
				s += 1.5 * min(1, e)
			}
		case f&readingInCountry != 0:
			e := ev.of(r.cc)
			if f&readingOwnCC != 0 {
				// the name's own country is no evidence for its towns, however often it is written:
				// "Mexico" is the country
				e -= ownCC
			}
			if e > 0 {
				s += 1.5 * min(1, e)
			}
		}
		// the terms of the divisions, in the order fixTerms found them (a term not there is 0, which adds nothing)
		s += t.a
		s += t.b
		s += t.c
		if len(anchors) > 0 && r.flags&readingTown != 0 {
			near := 0.0
			if !wide && !fuzzy {
				// near any place the text is sure of, anywhere in it: the document's geography
				// ("Gainesville" in a report that names Ocala and Lake City). This bonus is more than the
				// one below would be (more than 1.67 times, as the nearest anchor is at most as far), so
				// it is that one's maximum with it.
				if km := nearest(r, anchors, k); km < 500*20 { // beyond, the bonus is under 5e-9
					near = 2.0 * exp(-km/500)
				}
			} else if km := nearest(r, around, k); km < 300*20 { // beyond, under 3e-9
				// but a name likelier a country, a state or a region than a town ("Italy", "California,
				// Nevada and Wyoming" are no towns near each other) is only near the places around it
				near = 1.2 * exp(-km/300)
			}
			s += near
		}
		if t.qualified {
			s += qualifierBonus
		}
		scores[n] = s
		switch {
		case s > best:
			best, second, c.best = s, best, n
			c.local = 0
			if t.qualified {
				c.local = qualifierBonus
			}
		case s > second:
			second = s
		}
	}
	c.margin = best - second
	if math.IsInf(second, -1) {
		c.margin = best
	}
	c.local = min(c.local, c.margin)
}

// fixTerms works out the terms of candidate k's readings (terms) and what else of its score the rounds
// of resolve do not change: whether the name is likelier a country, a state or a region than a town
// before the text is read, and how often the text names it as a country.
func (p *Parser) fixTerms(d *doc, cs []*cand, k int, rs []reading) {
	c := cs[k]
	qual := p.qualifier(d, cs, k)
	top := math.Inf(-1)
	c.wide = false
	for i := range rs {
		r := &rs[i]
		if r.prior > top {
			top, c.wide = r.prior, r.b.Kind == gazetteer.Country || r.b.Kind == gazetteer.Division || r.b.Kind == gazetteer.Region
		}
	}
	var divArr [8]sentenceDiv
	sdivs := divArr[:0]
	if d.divs.len() > 0 {
		sdivs = sentenceDivs(d, cs, k, sdivs)
	}
	// what the text says of the name itself, the same for all its readings
	ownDivW := 0.0
	c.selfNamed = d.selfNamed[c.key]
	if c.selfDiv != 0 {
		ownDivW = max(c.selfDivW, d.divNamed[c.key], d.divOwn[c.key])
	}
	for n := range rs {
		r, t := &rs[n], &c.terms[n]
		*t = terms{}
		if d.divs.len() > 0 && r.b.Div != 0 && (r.b.Kind == gazetteer.Town || r.b.Kind == gazetteer.District) {
			e := d.divs.get(r.b.Div)
			for _, q := range d.res.quals {
				if q.key == c.key && q.k != k && q.div == r.b.Div {
					e -= q.w // it qualifies another mention of the name: "Dundee, Scotland"
				}
			}
			if c.selfDiv == r.b.Div {
				// the name's own division is no evidence for its towns, however often it is written:
				// "the Minnesota State Patrol ... Minnesota" is no town Minneota in Minnesota
				e -= ownDivW
			}
			if e > 0 { // the text names the state, the province: "Lima ... Ohio", "Paradise ... California"
				t.a = divisionBonus * min(1, e)
				if e > 1 { // and names it again and again: the text is about that state
					t.b = 0.75 * min(3, e-1)
				}
			}
			for _, sd := range sdivs {
				if sd.div == r.b.Div { // in the same sentence: "Albany is a city in Shackelford County, Texas"
					t.c = sentenceDivBonus * sd.w
					break
				}
			}
		}
		if r.b.Kind == gazetteer.Division && r.b.CC != 0 && d.divsCC.len() > 0 {
			if e := p.siblings(d, c, rs, r); e > 0 {
				// named among other divisions of its country: "Georgia" beside "Alabama and Florida",
				// "California" in a list of states, one of which has a town called California
				t.a = siblingBonus * min(1, e)
				if p.listedWithDivision(d, cs, k, r.b.CC) {
					t.b = divisionBonus // in the list itself: "Arizona, California, Missouri and Nevada"
				}
			}
		}
		t.qualified = qual != nil && r.b.CC == qual.CC && p.qualifies(qual, r)
	}
}

// altNamePenalty lowers a town that has the name only as an alternate (of any language, an old or a
// transliterated name: Paris is "Bali" in pinyin) when another place has it as its own name.
const altNamePenalty = 1.0

// qualifierBonus is a reading's bonus for the division or country written right after its name.
const qualifierBonus = 5.0

// nearest is the distance in km from reading r to the closest of the anchors that are not candidate k's
// nor of r's own place (+Inf when none is). Nearness only weighs readings against each other, so the
// equirectangular approximation serves.
func nearest(r *reading, anchors []anchor, k int) float64 {
	const kmPerDegree = 111.195
	d := math.Inf(1)
	lat, lon, cosLat, place := r.b.Lat, r.b.Lon, r.cosLat, r.place
	for _, a := range anchors {
		dy := float64(a.lat - lat)
		dx := math.Abs(float64(a.lon - lon))
		if dx > 180 {
			dx = 360 - dx
		}
		dx *= cosLat
		// the distance first, then whether the anchor counts, which the farther anchors need not ask:
		// coordinates are finite, so this is min(d, v) over the anchors that count
		if v := dx*dx + dy*dy; v < d && a.place != place && a.k != k {
			d = v
		}
	}
	return math.Sqrt(d) * kmPerDegree
}

// qualifier returns the division or country that qualifies candidate k right after it:
// "Paris, Texas", "Tripoli (Lebanon)".
func (p *Parser) qualifier(d *doc, cs []*cand, k int) *gazetteer.Posting {
	if k+1 >= len(cs) {
		return nil
	}
	c, q := cs[k], cs[k+1]
	if !qualifying(d, c, q) {
		return nil
	}
	if c.selfDivW >= 1 && q.selfDivW >= 1 && c.selfDivCC == q.selfDivCC &&
		(k > 0 && p.listedDivisionOf(d, cs[k-1], c, c.selfDivCC) || k+2 < len(cs) && p.listedDivisionOf(d, q, cs[k+2], c.selfDivCC)) {
		return nil // a list of divisions, not a division qualified by another: "Oregon, California, Missouri"
	}
	for i := range q.posts {
		if ps := &q.posts[i]; ps.Kind == gazetteer.Division || ps.Kind == gazetteer.Country || ps.Kind == gazetteer.District {
			return ps
		}
	}
	return nil
}

// qualifying reports whether q is written as the qualifier of c: right after it, past a comma or an
// opening parenthesis.
func qualifying(d *doc, c, q *cand) bool {
	return q.i == c.j+1 && (d.toks[q.i].Punct == ',' || d.toks[q.i].Punct == '(')
}

// qualifies reports whether reading r lies in the country, division or district qual.
func (p *Parser) qualifies(qual *gazetteer.Posting, r *reading) bool {
	switch qual.Kind {
	case gazetteer.Country:
		return true
	case gazetteer.District:
		return r.b.Div == qual.Div && r.place != qual.Place && p.gz.Admin2(r.place) == p.gz.Admin2(qual.Place)
	}
	return r.b.Div == qual.Div && r.place != qual.Place
}

// sentenceDiv is a first-level division named near a candidate, and how surely (as divisionEvidence).
type sentenceDiv struct {
	div uint16
	w   float64
}

// sentenceWindow is how many tokens away, within its sentence, a division still qualifies a name.
const sentenceWindow = 25

// sentenceDivs appends the divisions named by the other candidates of candidate k's sentence, within
// sentenceWindow tokens: the state a sentence places a town in ("a city in Howard County, Arkansas",
// "a county located in the U.S. state of Indiana") says more than one named elsewhere in the text.
func sentenceDivs(d *doc, cs []*cand, k int, out []sentenceDiv) []sentenceDiv {
	c := cs[k]
	add := func(n int) {
		o := cs[n]
		if n > 0 && n-1 != k && cs[n-1].key == c.key && qualifying(d, cs[n-1], o) {
			return // it qualifies another mention of the name: "Dundee ... the birthplace of William Reid, Dundee, Scotland"
		}
		if !o.drop && o.selfDiv != 0 && o.selfDivW > 0 && len(out) < cap(out) && o.selfDiv != c.selfDiv {
			out = append(out, sentenceDiv{o.selfDiv, o.selfDivW})
		}
	}
	x := c.i // tokens x+1..c.i hold no sentence start
	for n := k - 1; n >= 0 && cs[n].j >= c.i-sentenceWindow && cs[n].j < c.i; n-- {
		for ; x > cs[n].j && !d.toks[x].SentStart; x-- {
		}
		if x > cs[n].j {
			break // a sentence starts between
		}
		add(n)
	}
	x = c.j + 1
	for n := k + 1; n < len(cs) && cs[n].i <= c.j+sentenceWindow; n++ {
		if cs[n].i <= c.j {
			continue
		}
		for ; x <= cs[n].i && !d.toks[x].SentStart; x++ {
		}
		if x <= cs[n].i {
			break
		}
		add(n)
	}
	return out
}

// sentenceDivBonus is what a town or district gains when its sentence names its first-level division.
const sentenceDivBonus = 1.0

// divisionBonus is what a town or district gains when the text names its first-level division.
const divisionBonus = 1.5

// siblingBonus is what a division gains when the text names other first-level divisions of its country.
const siblingBonus = 1.0

// siblings is how surely the text names first-level divisions of division reading r's country other
// than r itself, the candidate's own likeliest division, and the divisions that hold a town reading of
// the candidate: "Florida is a town in Berkshire County, Massachusetts" names no sibling of Florida.
func (p *Parser) siblings(d *doc, c *cand, rs []reading, r *reading) float64 {
	e := d.divsCC.get(r.b.CC) - d.divs.get(r.b.Div)
	if c.selfDiv != 0 && c.selfDiv != r.b.Div && c.selfDivCC == r.b.CC {
		e -= c.selfDivW
	}
	var seenArr [8]uint16
	seen := seenArr[:0]
	for i := range rs {
		t := &rs[i]
		if t.b.Kind != gazetteer.Town || t.b.CC != r.b.CC || t.b.Div == 0 || t.b.Div == r.b.Div || slices.Contains(seen, t.b.Div) {
			continue
		}
		seen = append(seen, t.b.Div)
		e -= d.divs.get(t.b.Div)
		if c.selfDiv == t.b.Div {
			e += c.selfDivW // already taken off
		}
	}
	return e
}

// divisionEvidence notes the first-level divisions the text names: a name whose likeliest reading before
// the document is read (the highest prior) is a division or a district counts for the division it is or
// lies in. "Washington", more likely the city, says nothing of the state. With resolved, the reading each
// name was resolved to counts instead; it reports whether the evidence changed.
func (p *Parser) divisionEvidence(d *doc, cs []*cand, reads [][]reading, kept []int32, resolved bool) bool {
	if d.divNamed == nil {
		d.divNamed, d.divOwn = map[uint64]float64{}, map[uint64]float64{}
	}
	changed := false
	if !resolved {
		d.divs.clear()
		d.divsCC.clear()
		clear(d.divNamed)
		clear(d.divOwn)
	}
	for _, k := range kept {
		c, rs := cs[k], reads[k]
		best := -1
		if resolved {
			best = c.best
		} else {
			for i := range rs {
				r := &rs[i]
				if best < 0 || r.prior > rs[best].prior {
					best = i
				}
			}
		}
		var div, cc uint16
		w := 0.0
		if best >= 0 && best < len(rs) && rs[best].b.Div != 0 {
			switch rs[best].b.Kind {
			case gazetteer.Division:
				w = 1
			case gazetteer.District:
				w = 0.5
			}
		}
		if w > 0 {
			div, cc = rs[best].b.Div, rs[best].b.CC
		}
		if resolved {
			if div == c.selfDiv && w == c.selfDivW {
				continue
			}
			changed = true
			if c.selfDiv != 0 {
				d.divs.sub(c.selfDiv, c.selfDivW)
				d.divsCC.sub(c.selfDivCC, c.selfDivW)
				d.divOwn[c.key] -= c.selfDivW
			}
		}
		c.selfDiv, c.selfDivW, c.selfDivCC = div, w, cc
		if !resolved && w == 1 {
			d.divNamed[c.key]++
		}
		if w > 0 {
			d.divs.add(div, w)
			d.divsCC.add(cc, w)
			d.divOwn[c.key] += w
		}
	}
	return changed
}

// recognitionBoost is what the best place adds to a candidate's look of a place name:
// a country or a big city is a place wherever it is written; a hamlet needs the document's support.
func (p *Parser) recognitionBoost(d *doc, c *cand) float64 {
	b := &c.posts[c.best].Brief
	switch b.Kind {
	case gazetteer.Country:
		return 2.5
	case gazetteer.Division:
		return 1.5
	case gazetteer.Region:
		return 1
	}
	s := float64(b.Pop) - 2.2 + float64(max(b.Rank, 0))/12 // 1M: +0.8, 100k: +0.3, 10k: -0.2; PPLC +0.8
	ev := 0.0
	if b.CC != 0 {
		if ev = d.countries.weightOf(b.CC); ev > 0 {
			s += min(1.5, ev)
		}
	}
	if c.i == c.j && d.lang == "en" && c.posts[c.best].Flags&gazetteer.NamePrimary == 0 && ev < 0.6*c.weight+0.05 {
		// one English word that is only another name of a foreign town the text says nothing else of:
		// "Pence", "Xinhua", "Cobra" are no old names of towns in China or Spain
		s -= 1
	}
	return s
}

// oneSensePerDiscourse gives every candidate with the same name (and as many places) the place of the
// surest of them, the first if several are as sure. table is a buffer, returned for reuse: an open
// addressing table from a name to the index of its surest candidate.
func (p *Parser) oneSensePerDiscourse(cs []*cand, table []int32) []int32 {
	size := 16
	for size < 2*len(cs) {
		size *= 2
	}
	if cap(table) < size {
		table = make([]int32, size)
	}
	table = table[:size]
	for i := range table {
		table[i] = -1
	}
	mask := uint64(size - 1)
	same := func(a, b *cand) bool { return a.key == b.key && len(a.posts) == len(b.posts) }
	find := func(c *cand) *int32 { // the slot of c's name: empty, or holding a candidate of that name
		i := (c.key + uint64(len(c.posts))) * 0x9e3779b97f4a7c15 >> 40 & mask
		for table[i] >= 0 && !same(cs[table[i]], c) {
			i = (i + 1) & mask
		}
		return &table[i]
	}
	for k, c := range cs {
		if c.drop || len(c.posts) == 0 {
			continue
		}
		if e := find(c); *e < 0 || c.margin-c.local > cs[*e].margin-cs[*e].local {
			*e = int32(k)
		}
	}
	for _, c := range cs {
		if c.drop || len(c.posts) == 0 {
			continue
		}
		if sure := cs[*find(c)]; c.margin < sure.margin-sure.local {
			c.best, c.margin, c.local = sure.best, sure.margin-sure.local, 0
			copy(c.scores, sure.scores)
		}
	}
	return table
}

// listedWithDivision reports whether candidate k is listed ("A, B", "A and B") beside a name most
// likely a first-level division of country cc.
func (p *Parser) listedWithDivision(d *doc, cs []*cand, k int, cc uint16) bool {
	for _, n := range [2]int{k - 1, k + 1} {
		if n < 0 || n >= len(cs) {
			continue
		}
		a, b := cs[min(k, n)], cs[max(k, n)]
		o := cs[n]
		if o.drop || o.selfDivW < 1 || o.selfDivCC != cc || !p.listed(d, a, b) {
			continue
		}
		return true
	}
	return false
}

// listedDivisionOf reports whether a and b are listed and each is most likely a first-level division of
// country cc.
func (p *Parser) listedDivisionOf(d *doc, a, b *cand, cc uint16) bool {
	return !a.drop && !b.drop && a.selfDivW >= 1 && b.selfDivW >= 1 && a.selfDivCC == cc && b.selfDivCC == cc && p.listed(d, a, b)
}

// listed reports whether candidate b follows a in a list: "A, B", "A and B", "A et B".
func (p *Parser) listed(d *doc, a, b *cand) bool {
	if b.i == a.j+1 {
		return d.toks[b.i].Punct == ','
	}
	return b.i == a.j+2 && p.isConjunction(d, a.j+1)
}

// coordinate lifts a weak candidate listed with a strong one ("Markada et Abu Kamal", "Lyon, Marseille").
func (p *Parser) coordinate(d *doc, cs []*cand) {
	for k := 0; k+1 < len(cs); k++ {
		a, b := cs[k], cs[k+1]
		if a.drop || b.drop || b.i != a.j+2 && !(b.i == a.j+1 && d.toks[b.i].Punct == ',') {
			continue
		}
		if b.i == a.j+2 && !p.isConjunction(d, a.j+1) {
			continue
		}
		if a.placeness >= 0.5 && b.placeness < 0.5 {
			b.placeness += 1
		} else if b.placeness >= 0.5 && a.placeness < 0.5 {
			a.placeness += 1
		}
	}
}

func (p *Parser) isConjunction(d *doc, i int) bool {
	switch string(d.norm(i)) {
	case "and", "et", "y", "e", "und", "ou", "or", "o", "oder", "و":
		return d.toks[i].Gap != gazetteer.GapHard
	}
	return false
}

// weights maps a uint16 (a division, a country) to a float64, as a map[uint16]float64 would, in a table
// that clear empties at once: the generation of each slot says whether it was set since. The table grows
// to the largest key set.
type weights struct {
	t   []weight
	cur uint32 // the generation of the slots set since clear, from 1
	n   int    // the keys set since clear
}

type weight struct {
	v   float64
	gen uint32
}

// clear empties w.
func (w *weights) clear() {
	w.cur++
	if w.cur == 0 { // the generations wrapped around
		clear(w.t)
		w.cur = 1
	}
	w.n = 0
}

// len is how many keys were set since clear.
func (w *weights) len() int { return w.n }

// get is the weight of k, 0 if none was set.
func (w *weights) get(k uint16) float64 {
	if int(k) < len(w.t) && w.t[k].gen == w.cur { // a slot exists once set, when cur is at least 1
		return w.t[k].v
	}
	return 0
}

// slot returns the weight of k for setting, 0 if new.
func (w *weights) slot(k uint16) *float64 {
	if w.cur == 0 { // never cleared: empty
		w.cur = 1
	}
	if int(k) >= len(w.t) {
		n := max(64, 2*len(w.t))
		for n <= int(k) {
			n *= 2
		}
		w.t = append(w.t, make([]weight, n-len(w.t))...)
	}
	e := &w.t[k]
	if e.gen != w.cur {
		e.gen, e.v = w.cur, 0
		w.n++
	}
	return &e.v
}

// add adds v to the weight of k.
func (w *weights) add(k uint16, v float64) { *w.slot(k) += v }

// sub subtracts v from the weight of k.
func (w *weights) sub(k uint16, v float64) { *w.slot(k) -= v }
