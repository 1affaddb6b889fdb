package geoparse

import (
	"math"
	"slices"
	"sort"

	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/report"
)

// prior is what a place is worth before the document is read: its kind, population and status.
func prior(pl *report.Place, kind report.PlaceKind, flags gazetteer.NameFlag) float64 {
	pop := math.Log10(float64(pl.Population)+1) * 0.5 // 1M: 3, 10k: 2, 100: 1
	var s float64
	switch kind {
	case report.KindCountry:
		s = 3.5 + 0.5*pop // Syria: 5.2; Grenada, "Granada" in Spanish: 4.6
	case report.KindAdmin:
		s = 2 + 0.4*pop // below a big city of the same name (Washington, Valencia, Córdoba)
	case report.KindRegion:
		s = 3
	default:
		s = pop
		switch pl.FeatureCode {
		case "PPLC":
			s += 1
		case "PPLA":
			s += 0.6
		case "PPLA2":
			s += 0.3
		case "PPLA3", "PPLA4":
			s += 0.1
		case "PPLX":
			s -= 0.5
		case "PPLH", "PPLQ", "PPLW":
			s -= 1.5
		}
	}
	switch {
	case flags&gazetteer.NamePrimary != 0:
		s += 0.4
	case flags&(gazetteer.NameAlt|gazetteer.NameOfficial) == 0: // only the stripped form matched
		s -= 0.3
	}
	return s
}

// reading is one place a candidate may be, with what does not change while resolving.
type reading struct {
	pl     *report.Place
	kind   report.PlaceKind
	cc     int // index of the country in the document's country table, -1 for none
	prior  float64
	cosLat float64
}

// countries gives the country codes met in one document small indexes.
type countries struct {
	idx   map[string]int
	codes []string
}

func (t *countries) of(cc string) int {
	if cc == "" {
		return -1
	}
	i, ok := t.idx[cc]
	if !ok {
		i = len(t.codes)
		t.idx[cc] = i
		t.codes = append(t.codes, cc)
	}
	return i
}

// resolve scores every place of every candidate and picks the best. The countries the text names
// (and its demonyms) are fixed evidence; the countries of its other place names are a soft vote that is
// refined over a few rounds, each candidate spreading its weight over its readings' countries; nearness
// to the places the previous round was sure of is added once the vote has settled.
func (p *Parser) resolve(d *doc, cs []*cand) {
	ct := &countries{idx: map[string]int{}}
	reads := make([][]reading, len(cs))
	for k, c := range cs {
		c.scores = make([]float64, len(c.posts))
		reads[k] = make([]reading, len(c.posts))
		for n, ps := range c.posts {
			pl := p.gz.Place(ps.Place)
			kind := p.gz.Kind(ps.Place)
			reads[k][n] = reading{pl: pl, kind: kind, cc: ct.of(pl.CountryCode), prior: prior(pl, kind, ps.Flags),
				cosLat: math.Cos(pl.Lat * math.Pi / 180)}
		}
		p.divisionOrTown(d, c, reads[k])
	}
	named := make([]float64, len(ct.codes))
	for cc, v := range d.evidence {
		if i, ok := ct.idx[cc]; ok {
			named[i] = v
		}
	}
	votes := make([][]float64, len(cs))
	total := make([]float64, len(ct.codes))
	var anchors []anchor
	for round := 0; round < 3; round++ {
		clear(total)
		for k, c := range cs {
			votes[k] = p.vote(c, reads[k], round == 0, votes[k], len(ct.codes))
			for i, v := range votes[k] {
				total[i] += v
			}
		}
		for k := range cs {
			// each candidate sees the named evidence and the votes of the others
			ev := evidence{named: named, total: total, own: votes[k]}
			p.score(d, cs, k, reads[k], ev, nearby(anchors, k))
		}
		if round >= 1 {
			anchors = p.anchors(d, cs)
		}
	}
	for i, v := range total {
		d.evidence[ct.codes[i]] += v // the towns' vote joins the named evidence
	}
	p.oneSensePerDiscourse(cs)
	for _, c := range cs {
		if !c.drop && len(c.posts) > 0 {
			c.placeness += p.recognitionBoost(d, c)
		}
	}
	p.coordinate(d, cs)
}

// divisionOrTown settles a name that is both a division and a town in it (Raqqa, Kherson, Idlib):
// news means the town, unless a division word stands beside the name ("province de Deir ez-Zor",
// "Kherson Oblast").
func (p *Parser) divisionOrTown(d *doc, c *cand, rs []reading) {
	division := p.besideDivisionWord(d, c)
	for i := range rs {
		r := &rs[i]
		if r.kind != report.KindAdmin {
			continue
		}
		if division {
			r.prior += 1.5
			continue
		}
		for _, t := range rs {
			if t.kind == report.KindPlace && t.pl.CountryCode == r.pl.CountryCode && t.pl.Admin1 == r.pl.Admin1 {
				r.prior -= 1
				break
			}
		}
	}
}

// besideDivisionWord reports whether a word for a division stands just before or after candidate c,
// maybe across a preposition ("province de", "province of").
func (p *Parser) besideDivisionWord(d *doc, c *cand) bool {
	words := p.lex.division[d.lang]
	for _, i := range []int{c.i - 1, c.i - 2, c.j + 1} {
		if i < 0 || i >= len(d.toks) || (i < c.i && d.toks[c.i].Gap == gazetteer.GapHard) || (i > c.j && d.toks[i].Gap == gazetteer.GapHard) {
			continue
		}
		if words[string(d.norm(i))] {
			return true
		}
	}
	return false
}

// vote spreads a candidate's weight over the countries of its readings, by softmax of their scores
// (of their priors in the first round), into dst. A name that can be a country casts no vote: naming
// a country is evidence of its own.
func (p *Parser) vote(c *cand, rs []reading, first bool, dst []float64, n int) []float64 {
	if c.drop || len(rs) == 0 {
		return nil
	}
	for _, r := range rs {
		if r.kind == report.KindCountry || r.cc < 0 {
			return nil
		}
	}
	if dst == nil {
		dst = make([]float64, n)
	}
	clear(dst)
	w := 1 / (1 + math.Exp(-(c.placeness + 1))) // how likely the candidate is a place name at all
	maxS := math.Inf(-1)
	for i, r := range rs {
		s := c.scores[i]
		if first {
			s = r.prior
		}
		maxS = math.Max(maxS, s)
	}
	sum := 0.0
	for i, r := range rs {
		s := c.scores[i]
		if first {
			s = r.prior
		}
		e := math.Exp(s - maxS)
		dst[r.cc] += e
		sum += e
	}
	for i := range dst {
		dst[i] *= 0.6 * w / sum
	}
	return dst
}

// anchor is a place a candidate is sure of, with the candidate's index.
type anchor struct {
	k  int
	pl *report.Place
}

// anchors are the places the candidates are now sure of: a clear winner that is a town of some size
// or a division (countries and regions say nothing of nearness).
func (p *Parser) anchors(d *doc, cs []*cand) []anchor {
	var out []anchor
	for k, c := range cs {
		if c.drop || len(c.posts) == 0 || c.placeness+p.recognitionBoost(d, c) < 0.5 {
			continue
		}
		if kind := p.gz.Kind(c.posts[c.best].Place); kind == report.KindCountry || kind == report.KindRegion {
			continue
		}
		if len(c.posts) == 1 || c.margin >= 1 {
			out = append(out, anchor{k, p.gz.Place(c.posts[c.best].Place)})
		}
	}
	return out
}

// anchorWindow is how many candidates away an anchor still counts for nearness: a long report moves
// from place to place, and nearness is about the places named around a mention.
const anchorWindow = 12

// nearby returns the distinct anchor places of candidates within anchorWindow of candidate k
// (anchors is in candidate order).
func nearby(anchors []anchor, k int) []*report.Place {
	if anchors == nil {
		return nil
	}
	lo := sort.Search(len(anchors), func(i int) bool { return anchors[i].k >= k-anchorWindow })
	out := make([]*report.Place, 0, 2*anchorWindow)
	for _, a := range anchors[lo:] {
		if a.k > k+anchorWindow {
			break
		}
		if a.k != k && !slices.Contains(out, a.pl) {
			out = append(out, a.pl)
		}
	}
	return out
}

// evidence is what a candidate knows of the document's countries: those named, and the votes of the
// other candidates (all votes less its own).
type evidence struct{ named, total, own []float64 }

func (e evidence) of(cc int) float64 {
	v := e.named[cc] + e.total[cc]
	if e.own != nil {
		v -= e.own[cc]
	}
	return v
}

// score fills the scores, best and margin of candidate k, given the country evidence ev.
func (p *Parser) score(d *doc, cs []*cand, k int, rs []reading, ev evidence, anchors []*report.Place) {
	c := cs[k]
	if c.drop {
		return
	}
	qual := p.qualifier(d, cs, k)
	best, second := math.Inf(-1), math.Inf(-1)
	for n, r := range rs {
		s := r.prior
		if c.fuzzy {
			s -= 1
		}
		if r.cc >= 0 && r.kind != report.KindCountry {
			if e := ev.of(r.cc); e > 0 {
				s += 1.5 * math.Min(1, e)
			}
		}
		if anchors != nil && r.kind == report.KindPlace {
			s += 1.2 * math.Exp(-nearest(r, anchors)/300)
		}
		if qual != nil && r.pl.CountryCode == qual.CountryCode && (qual.Kind() == report.KindCountry || r.pl.Admin1 == qual.Admin1) {
			s += 5
		}
		c.scores[n] = s
		switch {
		case s > best:
			best, second, c.best = s, best, n
		case s > second:
			second = s
		}
	}
	c.margin = best - second
	if math.IsInf(second, -1) {
		c.margin = best
	}
}

// nearest is the distance in km from a reading to the closest anchor that is not the same place.
// Nearness only weighs readings against each other, so the equirectangular approximation serves.
func nearest(r reading, anchors []*report.Place) float64 {
	const kmPerDegree = 111.195
	d := math.Inf(1)
	for _, a := range anchors {
		if a == r.pl {
			continue
		}
		dy := a.Lat - r.pl.Lat
		dx := math.Abs(a.Lon - r.pl.Lon)
		if dx > 180 {
			dx = 360 - dx
		}
		dx *= r.cosLat
		d = math.Min(d, dx*dx+dy*dy)
	}
	return math.Sqrt(d) * kmPerDegree
}

// qualifier returns the division or country that qualifies candidate k right after it:
// "Paris, Texas", "Tripoli (Lebanon)".
func (p *Parser) qualifier(d *doc, cs []*cand, k int) *report.Place {
	if k+1 >= len(cs) {
		return nil
	}
	c, q := cs[k], cs[k+1]
	if q.i != c.j+1 || (d.toks[q.i].Punct != ',' && d.toks[q.i].Punct != '(') {
		return nil
	}
	for _, ps := range q.posts {
		if k := p.gz.Kind(ps.Place); k == report.KindAdmin || k == report.KindCountry {
			return p.gz.Place(ps.Place)
		}
	}
	return nil
}

// recognitionBoost is what the best place adds to a candidate's look of a place name:
// a country or a big city is a place wherever it is written; a hamlet needs the document's support.
func (p *Parser) recognitionBoost(d *doc, c *cand) float64 {
	pl := p.gz.Place(c.posts[c.best].Place)
	switch p.gz.Kind(c.posts[c.best].Place) {
	case report.KindCountry:
		return 2.5
	case report.KindAdmin:
		return 1.5
	case report.KindRegion:
		return 1
	}
	s := math.Log10(float64(pl.Population)+1)*0.5 - 2.2 // 1M: +0.8, 100k: +0.3, 10k: -0.2
	switch pl.FeatureCode {
	case "PPLC":
		s += 1
	case "PPLA":
		s += 0.5
	case "PPLA2":
		s += 0.2
	}
	if ev := d.evidence[pl.CountryCode]; ev > 0 {
		s += math.Min(1.5, ev)
	}
	return s
}

// oneSensePerDiscourse gives every candidate with the same name the place of the surest of them.
func (p *Parser) oneSensePerDiscourse(cs []*cand) {
	sure := map[uint64]*cand{}
	for _, c := range cs {
		if c.drop || len(c.posts) == 0 {
			continue
		}
		if s, ok := sure[c.key]; !ok || c.margin > s.margin {
			sure[c.key] = c
		}
	}
	for _, c := range cs {
		if s, ok := sure[c.key]; ok && s != c && len(s.posts) == len(c.posts) {
			c.best, c.margin = s.best, s.margin
			copy(c.scores, s.scores)
		}
	}
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
