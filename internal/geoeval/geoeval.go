// Package geoeval scores geoparser output against a gold set, with the metrics of
// ../shared/eval/score.py: recognition P/R/F1 by overlapping spans, resolution within 161 km
// (countries and divisions by country code), strict P/R/F1, AUC of the error distances, and the
// accuracy of event dates, overall and by language.
package geoeval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// AccKm is the distance within which a place counts as resolved.
const AccKm = 161.0

const earthHalfKm = 20039.0

// Toponym is one gold mention.
type Toponym struct {
	Start int      `json:"start"`
	End   int      `json:"end"`
	Name  string   `json:"name"`
	Kind  string   `json:"kind"` // place, country, admin, optional
	Lat   *float64 `json:"lat"`
	Lon   *float64 `json:"lon"`
	CC    string   `json:"cc"`
	Date  string   `json:"date"`
}

// GoldDoc is one line of a gold file.
type GoldDoc struct {
	ID       string    `json:"id"`
	Lang     string    `json:"lang"`
	Date     string    `json:"date"`
	Text     string    `json:"text"`
	Toponyms []Toponym `json:"toponyms"`
}

// Pred is one predicted mention.
type Pred struct {
	Start, End int
	Lat, Lon   float64
	HasPoint   bool
	CC, Date   string
}

// ReadGold reads a gold JSON-lines file, keyed by id, in file order.
func ReadGold(r io.Reader) ([]GoldDoc, error) {
	var out []GoldDoc
	err := eachLine(r, func(n int, b []byte) error {
		var d GoldDoc
		if err := json.Unmarshal(b, &d); err != nil {
			return fmt.Errorf("gold line %d: %w", n, err)
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// ReadPreds reads predictions: one GeoJSON FeatureCollection per line with an "id" member.
func ReadPreds(r io.Reader) (map[string][]Pred, error) {
	out := map[string][]Pred{}
	err := eachLine(r, func(n int, b []byte) error {
		var fc struct {
			ID       json.RawMessage `json:"id"`
			Features []struct {
				Geometry *struct {
					Type        string    `json:"type"`
					Coordinates []float64 `json:"coordinates"`
				} `json:"geometry"`
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			return fmt.Errorf("prediction line %d: %w", n, err)
		}
		id := idString(fc.ID)
		ps := []Pred{}
		for _, f := range fc.Features {
			p := Pred{}
			s, ok1 := number(f.Properties["start"])
			e, ok2 := number(f.Properties["end"])
			if !ok1 || !ok2 {
				continue
			}
			p.Start, p.End = int(s), int(e)
			if g := f.Geometry; g != nil && g.Type == "Point" && len(g.Coordinates) >= 2 {
				p.Lon, p.Lat, p.HasPoint = g.Coordinates[0], g.Coordinates[1], true
			}
			p.CC, _ = f.Properties["country_code"].(string)
			p.CC = strings.ToUpper(p.CC)
			if d, ok := f.Properties["date"]; ok && d != nil {
				p.Date = fmt.Sprint(d)
			}
			ps = append(ps, p)
		}
		out[id] = ps
		return nil
	})
	return out, err
}

func idString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		var f float64
		_, err := fmt.Sscan(x, &f)
		return f, err == nil
	}
	return 0, false
}

func eachLine(r io.Reader, fn func(int, []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if b := sc.Bytes(); len(strings.TrimSpace(string(b))) > 0 {
			if err := fn(n, b); err != nil {
				return err
			}
		}
	}
	return sc.Err()
}

// Miss is one error, for --show.
type Miss struct{ Doc, Name, What string }

// Counts are the tallies behind the metrics.
type Counts struct{ Gold, Pred, Match, Correct, Dated, DateOK int }

func (c *Counts) add(o Counts) {
	c.Gold, c.Pred, c.Match, c.Correct = c.Gold+o.Gold, c.Pred+o.Pred, c.Match+o.Match, c.Correct+o.Correct
	c.Dated, c.DateOK = c.Dated+o.Dated, c.DateOK+o.DateOK
}

// PRF is precision, recall and F1.
type PRF struct{ P, R, F1 float64 }

func prf(hit, pred, gold int) PRF {
	var p, r, f float64
	if pred > 0 {
		p = float64(hit) / float64(pred)
	}
	if gold > 0 {
		r = float64(hit) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{p, r, f}
}

// Result is the score of a prediction set.
type Result struct {
	Docs         int
	Counts       Counts
	Recognition  PRF
	Strict       PRF
	Acc161       float64
	AUC          float64
	MedianKm     Km
	DateAcc      float64
	ByLang       map[string]float64 // strict F1
	ByLangCounts map[string]Counts
	Misses       []Miss `json:"-"` // for --show only
}

// Km is a distance in km; NaN, when there is no distance to tell, is written to JSON as null.
type Km float64

func (k Km) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(k)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(k))
}

// haversineKm is the scorer's distance, on its sphere of radius 6371.0088 km (the mean Earth radius;
// orb/geo uses the equatorial one, which moves AUC in the fourth decimal).
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Pow(math.Sin(dp/2), 2) + math.Cos(p1)*math.Cos(p2)*math.Pow(math.Sin(dl/2), 2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

func overlap(as, ae, bs, be int) int { return max(0, min(ae, be)-max(as, bs)) }

func dateOK(gold, pred string) bool {
	return pred != "" && (pred == gold || strings.HasPrefix(pred, gold+"-"))
}

// Score compares preds with gold exactly as score.py does.
func Score(gold []GoldDoc, preds map[string][]Pred) Result {
	res := Result{Docs: len(gold), ByLang: map[string]float64{}, ByLangCounts: map[string]Counts{}}
	var errs []float64
	for _, gd := range gold {
		lang := gd.Lang
		if lang == "" {
			lang = "?"
		}
		ps := preds[gd.ID]
		var golds, optional []Toponym
		for _, t := range gd.Toponyms {
			if t.Kind == "optional" {
				optional = append(optional, t)
			} else {
				golds = append(golds, t)
			}
		}
		used := map[int]bool{}
		type pair struct {
			g Toponym
			p Pred
		}
		var matched []pair
		for _, g := range golds {
			best, bo := -1, 0
			for i, p := range ps {
				if used[i] {
					continue
				}
				if o := overlap(g.Start, g.End, p.Start, p.End); o > bo {
					best, bo = i, o
				}
			}
			if best < 0 {
				res.Misses = append(res.Misses, Miss{gd.ID, g.Name, "not found"})
				continue
			}
			used[best] = true
			matched = append(matched, pair{g, ps[best]})
		}
		fp := 0
		for i, p := range ps {
			if used[i] {
				continue
			}
			opt := false
			for _, o := range optional {
				if overlap(o.Start, o.End, p.Start, p.End) > 0 {
					opt = true
					break
				}
			}
			if !opt {
				fp++
				res.Misses = append(res.Misses, Miss{gd.ID, substr(gd.Text, p.Start, p.End), "false positive"})
			}
		}
		c := res.ByLangCounts[lang]
		correct, dated, datedOK := 0, 0, 0
		for _, m := range matched {
			ok := false
			switch {
			case m.g.Kind == "place" && m.p.HasPoint && m.g.Lat != nil && m.g.Lon != nil:
				km := haversineKm(*m.g.Lat, *m.g.Lon, m.p.Lat, m.p.Lon)
				errs = append(errs, km)
				ok = km <= AccKm
				if !ok {
					res.Misses = append(res.Misses, Miss{gd.ID, m.g.Name, fmt.Sprintf("resolved %.0f km away", km)})
				}
			case m.g.Kind == "country" || m.g.Kind == "admin":
				ok = m.p.CC == m.g.CC
				if !ok {
					cc := m.p.CC
					if cc == "" {
						cc = "?"
					}
					res.Misses = append(res.Misses, Miss{gd.ID, m.g.Name, "resolved to country " + cc})
				}
			}
			if ok {
				correct++
			}
			if m.g.Date != "" {
				dated++
				if dateOK(m.g.Date, m.p.Date) {
					datedOK++
				} else {
					res.Misses = append(res.Misses, Miss{gd.ID, m.g.Name, fmt.Sprintf("date %q, want %q", m.p.Date, m.g.Date)})
				}
			}
		}
		add := Counts{Gold: len(golds), Pred: len(matched) + fp, Match: len(matched), Correct: correct,
			Dated: dated, DateOK: datedOK}
		res.Counts.add(add)
		c.add(add)
		res.ByLangCounts[lang] = c
	}
	n := res.Counts
	res.Recognition = prf(n.Match, n.Pred, n.Gold)
	res.Strict = prf(n.Correct, n.Pred, n.Gold)
	if n.Match > 0 {
		res.Acc161 = float64(n.Correct) / float64(n.Match)
	}
	res.AUC, res.MedianKm = 1, Km(math.NaN())
	if len(errs) > 0 {
		sum := 0.0
		for _, e := range errs {
			sum += math.Log1p(e) / math.Log(earthHalfKm)
		}
		res.AUC = sum / float64(len(errs))
		sort.Float64s(errs)
		res.MedianKm = Km(errs[len(errs)/2])
	}
	if n.Dated > 0 {
		res.DateAcc = float64(n.DateOK) / float64(n.Dated)
	}
	for l, c := range res.ByLangCounts {
		res.ByLang[l] = prf(c.Correct, c.Pred, c.Gold).F1
	}
	return res
}

// substr is text[start:end] in code points.
func substr(text string, start, end int) string {
	r := []rune(text)
	start, end = max(0, min(start, len(r))), max(0, min(end, len(r)))
	if start > end {
		return ""
	}
	return string(r[start:end])
}

// Write prints res as score.py does (with --show, every miss first).
func (res Result) Write(w io.Writer, show bool) {
	if show {
		for _, m := range res.Misses {
			fmt.Fprintf(w, "  %-22s %-24s %s\n", m.Doc, m.Name, m.What)
		}
	}
	fmt.Fprintf(w, "docs %d  gold mentions %d\n", res.Docs, res.Counts.Gold)
	fmt.Fprintf(w, "recognition  P %.3f  R %.3f  F1 %.3f\n", res.Recognition.P, res.Recognition.R, res.Recognition.F1)
	fmt.Fprintf(w, "resolution   acc@161km %.3f  AUC %.3f  median error %.1f km\n", res.Acc161, res.AUC, res.MedianKm)
	fmt.Fprintf(w, "dates        acc %.3f of %d\n", res.DateAcc, res.Counts.Dated)
	langs := make([]string, 0, len(res.ByLang))
	for l := range res.ByLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	parts := make([]string, 0, len(langs))
	for _, l := range langs {
		parts = append(parts, fmt.Sprintf("%s %.2f", l, res.ByLang[l]))
	}
	fmt.Fprintf(w, "strict by language  %s\n", strings.Join(parts, "  "))
	fmt.Fprintf(w, "strict       P %.3f  R %.3f  F1 %.3f\n", res.Strict.P, res.Strict.R, res.Strict.F1)
}
