package geoparse

import (
	"math"

	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/report"
)

// prior is what a place is worth before the document is read: its kind, population and status.
func prior(pl *report.Place, flags gazetteer.NameFlag) float64 {
	pop := math.Log10(float64(pl.Population)+1) * 0.5 // 1M: 3, 10k: 2, 100: 1
	var s float64
	switch pl.Kind() {
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

// resolve scores every place of every candidate and picks the best. The countries the text names
// (and its demonyms) are fixed evidence; the countries of its other place names are a soft vote that is
// refined over a few rounds, each candidate spreading its weight over its readings' countries; nearness
// to the places the previous round was sure of is added once the vote has settled.
func (p *Parser) resolve(d *doc, cs []*cand) {
	for _, c := range cs {
		c.scores = make([]float64, len(c.posts))
	}
	named := d.evidence
	votes := make([]map[string]float64, len(cs))
	var anchors []*report.Place
	for round := 0; round < 4; round++ {
		total := map[string]float64{}
		for k, c := range cs {
			votes[k] = p.vote(c, round == 0)
			for cc, v := range votes[k] {
				total[cc] += v
			}
		}
		for k := range cs {
			// each candidate sees the named evidence and the votes of the others
			ev := make(map[string]float64, len(named)+len(total))
			for cc, v := range named {
				ev[cc] += v
			}
			for cc, v := range total {
				ev[cc] += v - votes[k][cc]
			}
			p.score(d, cs, k, ev, anchors)
		}
		if round >= 1 {
			anchors = p.anchors(d, cs)
		}
	}
	for _, v := range votes {
		for cc, x := range v {
			d.evidence[cc] += x
		}
	}
	p.oneSensePerDiscourse(cs)
	for _, c := range cs {
		if !c.drop && len(c.posts) > 0 {
			c.placeness += p.recognitionBoost(d, c)
		}
	}
	p.coordinate(d, cs)
}

// vote spreads a candidate's weight over the countries of its readings, by softmax of their scores
// (of their priors in the first round). A name that can be a country casts no vote: naming a country
// is evidence of its own.
func (p *Parser) vote(c *cand, first bool) map[string]float64 {
	v := map[string]float64{}
	if c.drop || len(c.posts) == 0 {
		return v
	}
	w := 1 / (1 + math.Exp(-(c.placeness + 1))) // how likely the candidate is a place name at all
	scores := make([]float64, len(c.posts))
	maxS := math.Inf(-1)
	for n, ps := range c.posts {
		pl := p.gz.Place(ps.Place)
		if pl.Kind() == report.KindCountry || pl.CountryCode == "" {
			return v
		}
		scores[n] = c.scores[n]
		if first {
			scores[n] = prior(pl, ps.Flags)
		}
		maxS = math.Max(maxS, scores[n])
	}
	sum := 0.0
	for n := range scores {
		scores[n] = math.Exp(scores[n] - maxS)
		sum += scores[n]
	}
	for n, ps := range c.posts {
		v[p.gz.Place(ps.Place).CountryCode] += 0.6 * w * scores[n] / sum
	}
	return v
}

// anchors are the places the candidates are now sure of: a clear winner that is a place in its own
// right (a town of some size, or a division).
func (p *Parser) anchors(d *doc, cs []*cand) []*report.Place {
	var out []*report.Place
	for _, c := range cs {
		if c.drop || len(c.posts) == 0 || c.placeness+p.recognitionBoost(d, c) < 0.5 {
			continue
		}
		if len(c.posts) == 1 || c.margin >= 1 {
			out = append(out, p.gz.Place(c.posts[c.best].Place))
		}
	}
	return out
}

// score fills the scores, best and margin of candidate k, given the country evidence ev.
func (p *Parser) score(d *doc, cs []*cand, k int, ev map[string]float64, anchors []*report.Place) {
	c := cs[k]
	if c.drop {
		return
	}
	qual := p.qualifier(d, cs, k)
	best, second := math.Inf(-1), math.Inf(-1)
	for n, ps := range c.posts {
		pl := p.gz.Place(ps.Place)
		s := prior(pl, ps.Flags)
		if c.fuzzy {
			s -= 1
		}
		if e := ev[pl.CountryCode]; e > 0 && pl.Kind() != report.KindCountry {
			s += 1.5 * math.Min(1, e)
		}
		if anchors != nil && pl.Kind() == report.KindPlace {
			s += 1.2 * math.Exp(-nearest(pl, anchors)/300)
		}
		if qual != nil && pl.CountryCode == qual.CountryCode && (qual.Kind() == report.KindCountry || pl.Admin1 == qual.Admin1) {
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

// nearest is the distance in km from pl to the closest anchor that is not pl itself.
func nearest(pl *report.Place, anchors []*report.Place) float64 {
	d := math.Inf(1)
	for _, a := range anchors {
		if a == pl || a.Kind() == report.KindCountry || a.Kind() == report.KindRegion {
			continue
		}
		d = math.Min(d, gazetteer.Distance(pl, a))
	}
	return d
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
		if pl := p.gz.Place(ps.Place); pl.Kind() == report.KindAdmin || pl.Kind() == report.KindCountry {
			return pl
		}
	}
	return nil
}

// recognitionBoost is what the best place adds to a candidate's look of a place name:
// a country or a big city is a place wherever it is written; a hamlet needs the document's support.
func (p *Parser) recognitionBoost(d *doc, c *cand) float64 {
	pl := p.gz.Place(c.posts[c.best].Place)
	switch pl.Kind() {
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
