package report

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Match reports whether the event ev satisfies e, an expression that passed CheckExpr: the events
// a store keeps for an EventFilter's Where are those Match keeps. It evaluates e in three-valued
// logic (see Expr).
func Match(e Expr, ev *Event) bool { return eval(e, ev) == yes }

// truth is a value of three-valued logic, ordered so that AND is the least and OR the greatest.
type truth int8

const (
	no truth = iota
	unknown
	yes
)

func truthOf(b bool) truth {
	if b {
		return yes
	}
	return no
}

func eval(e Expr, ev *Event) truth {
	if c, ok := DateCondOf(e); ok {
		d := dateValue(c.Property, ev)
		if d.IsZero() {
			return unknown
		}
		return truthOf(c.Holds(DayOf(d.Start()), DayOf(d.End())))
	}
	switch e := e.(type) {
	case And:
		t := yes
		for _, a := range e.Args {
			t = min(t, eval(a, ev))
		}
		return t
	case Or:
		t := no
		for _, a := range e.Args {
			t = max(t, eval(a, ev))
		}
		return t
	case Not:
		return yes - eval(e.Arg, ev)
	case BoolLit:
		return truthOf(bool(e))
	case Compare:
		l, r, ok := values(ev, e.Left, e.Right)
		if !ok {
			return unknown
		}
		c := compareValues(l, r)
		switch e.Op {
		case Eq:
			return truthOf(c == 0)
		case Ne:
			return truthOf(c != 0)
		case Lt:
			return truthOf(c < 0)
		case Le:
			return truthOf(c <= 0)
		case Gt:
			return truthOf(c > 0)
		case Ge:
			return truthOf(c >= 0)
		}
	case Like:
		v, p, ok := values(ev, e.Arg, e.Pattern)
		if !ok {
			return unknown
		}
		s, _ := v.(string)
		pattern, _ := p.(string)
		return truthOf(likeMatch(s, pattern))
	case In:
		v, ok := value(ev, e.Arg)
		if !ok {
			return unknown
		}
		for _, o := range e.List {
			if w, _ := value(ev, o); compareValues(v, w) == 0 {
				return yes
			}
		}
		return no
	case Between:
		v, lo, ok := values(ev, e.Arg, e.Low)
		hi, ok2 := value(ev, e.High)
		if !ok || !ok2 {
			return unknown
		}
		return truthOf(compareValues(lo, v) <= 0 && compareValues(v, hi) <= 0)
	case IsNull:
		_, ok := value(ev, e.Arg)
		return truthOf(!ok)
	case Spatial:
		in := pointIn(ev.Place.Point(), e.Shape())
		if e.Op == SDisjoint {
			in = !in
		}
		return truthOf(in)
	}
	return no
}

// value returns the value of o for ev: a string, a float64 or a bool; ok is false when ev lacks it.
// Dates and geometries are left to DateCondOf and pointIn.
func value(ev *Event, o Operand) (v any, ok bool) {
	switch o := o.(type) {
	case StringLit:
		return string(o), true
	case NumberLit:
		return float64(o), true
	case BoolLit:
		return bool(o), true
	case Property:
		p := &ev.Place
		present := func(s string) (any, bool) { return s, s != "" }
		switch o {
		case "name":
			return p.Name, true
		case "geonameid":
			return float64(p.ID), true
		case "kind":
			return string(p.Kind()), true
		case "feature_code":
			return p.FeatureCode, true
		case "country_code":
			return p.CountryCode, true
		case "admin1":
			return present(p.Admin1)
		case "text":
			return ev.Text, true
		case "confidence":
			return ev.Confidence, true
		case "corrected":
			return ev.Corrected, true
		case "report_id":
			return ev.ReportID, true
		case "title":
			return present(ev.Title)
		case "source":
			return present(ev.Source)
		case "url":
			return present(ev.URL)
		case "lang":
			return present(ev.Lang)
		case "published", "date":
			d := dateValue(o, ev)
			return d, !d.IsZero()
		case "geometry":
			return p.Point(), true
		}
	}
	return nil, false
}

func values(ev *Event, a, b Operand) (va, vb any, ok bool) {
	va, oka := value(ev, a)
	vb, okb := value(ev, b)
	return va, vb, oka && okb
}

func dateValue(p Property, ev *Event) Date {
	if p == "published" {
		return ev.Published
	}
	return ev.Date
}

// compareValues orders two values of one type: strings byte by byte, numbers, false before true.
// Values of different types are unequal.
func compareValues(a, b any) int {
	switch a := a.(type) {
	case string:
		if b, ok := b.(string); ok {
			return strings.Compare(a, b)
		}
	case float64:
		if b, ok := b.(float64); ok {
			return cmp.Compare(a, b)
		}
	case bool:
		if b, ok := b.(bool); ok {
			switch {
			case a == b:
				return 0
			case b:
				return -1
			}
			return 1
		}
	}
	return 2
}

// likeMatch reports whether s matches the LIKE pattern: % any run of characters, _ one, \ the
// character after it.
func likeMatch(s, pattern string) bool {
	type token struct {
		r        rune
		any, one bool
	}
	var p []token
	for i := 0; i < len(pattern); {
		r, n := utf8.DecodeRuneInString(pattern[i:])
		i += n
		switch {
		case r == '%':
			p = append(p, token{any: true})
		case r == '_':
			p = append(p, token{one: true})
		case r == '\\' && i < len(pattern):
			r, n = utf8.DecodeRuneInString(pattern[i:])
			i += n
			p = append(p, token{r: r})
		default:
			p = append(p, token{r: r})
		}
	}
	text := []rune(s)
	// The usual wildcard match: on a mismatch, let the last % take one more character.
	ti, pi, star, mark := 0, 0, -1, 0
	for ti < len(text) {
		switch {
		case pi < len(p) && !p[pi].any && (p[pi].one || p[pi].r == text[ti]):
			ti, pi = ti+1, pi+1
		case pi < len(p) && p[pi].any:
			star, mark = pi, ti
			pi++
		case star >= 0:
			mark++
			ti, pi = mark, star+1
		default:
			return false
		}
	}
	for pi < len(p) && p[pi].any {
		pi++
	}
	return pi == len(p)
}

// pointIn reports whether the point p, rounded as stores keep it (to 1/ClusterUnitsPerDegree of a
// degree), intersects shape, a BBoxLit or a GeometryLit.
func pointIn(p orb.Point, shape Operand) bool {
	x, y := unitsOf(p.Lon()), unitsOf(p.Lat())
	switch s := shape.(type) {
	case BBoxLit:
		boxes, err := s.Boxes()
		if err != nil {
			return false
		}
		if len(boxes) == 0 {
			return true
		}
		for _, b := range boxes {
			if unitsOf(b.Min.Lon()) <= x && x <= unitsOf(b.Max.Lon()) && unitsOf(b.Min.Lat()) <= y && y <= unitsOf(b.Max.Lat()) {
				return true
			}
		}
		return false
	case GeometryLit:
		if q, ok := s.Geometry.(orb.Point); ok {
			return x == unitsOf(q.Lon()) && y == unitsOf(q.Lat())
		}
		return ShapeContains(s.Geometry, orb.Point{float64(x) / ClusterUnitsPerDegree, float64(y) / ClusterUnitsPerDegree})
	}
	return false
}

// unitsOf is a longitude or latitude in 1/ClusterUnitsPerDegree of a degree, rounded half away
// from zero.
func unitsOf(deg float64) int64 { return int64(math.Round(deg * ClusterUnitsPerDegree)) }

// ShapeContains reports whether the point p lies inside the polygon or multipolygon g, or on the
// boundary of its outer rings: the test a store makes for S_INTERSECTS with a POLYGON, on a point
// rounded as it keeps points.
func ShapeContains(g orb.Geometry, p orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	case orb.Point:
		return g == p
	}
	return false
}

// DaysTest is an expression that reads no property but date (see DaysTestOf): whether it holds for
// an event follows from the days its date covers, so that a store can decide it once for all
// the events of a date range.
type DaysTest struct{ e Expr }

// DaysTestOf returns e as a DaysTest when e, which passed CheckExpr, reads no property but date;
// ok is false otherwise, or when e is nil.
func DaysTestOf(e Expr) (t DaysTest, ok bool) {
	if e == nil || !readsOnlyDate(e) {
		return DaysTest{}, false
	}
	return DaysTest{e}, true
}

// Holds reports whether Match keeps an event whose date covers the days [start, end).
func (t DaysTest) Holds(start, end int64) bool { return evalDays(t.e, start, end, true) == yes }

// HoldsUndated reports whether Match keeps an undated event.
func (t DaysTest) HoldsUndated() bool { return evalDays(t.e, 0, 0, false) == yes }

// readsOnlyDate reports whether e is made of AND, OR, NOT, TRUE, FALSE and predicates on the
// date property alone: those evalDays evaluates as eval does.
func readsOnlyDate(e Expr) bool {
	if c, ok := DateCondOf(e); ok {
		if c.Property != "date" {
			return false
		}
		switch e := e.(type) { // the other side is a literal, never a second property
		case Temporal:
			return !isProperty(e.Left) || !isProperty(e.Right)
		case Compare:
			return !isProperty(e.Left) || !isProperty(e.Right)
		case Between:
			return !isProperty(e.Low) && !isProperty(e.High)
		case In:
			return !slices.ContainsFunc(e.List, isProperty)
		}
		return false
	}
	switch e := e.(type) {
	case And:
		return !slices.ContainsFunc(e.Args, func(a Expr) bool { return !readsOnlyDate(a) })
	case Or:
		return !slices.ContainsFunc(e.Args, func(a Expr) bool { return !readsOnlyDate(a) })
	case Not:
		return readsOnlyDate(e.Arg)
	case BoolLit:
		return true
	case IsNull:
		return e.Arg == Property("date")
	}
	return false
}

func isProperty(o Operand) bool {
	_, ok := o.(Property)
	return ok
}

// evalDays is eval for an expression that readsOnlyDate, of an event whose date covers the days
// [start, end), or of an undated one.
func evalDays(e Expr, start, end int64, dated bool) truth {
	if c, ok := DateCondOf(e); ok {
		if !dated {
			return unknown
		}
		return truthOf(c.Holds(start, end))
	}
	switch e := e.(type) {
	case And:
		t := yes
		for _, a := range e.Args {
			t = min(t, evalDays(a, start, end, dated))
		}
		return t
	case Or:
		t := no
		for _, a := range e.Args {
			t = max(t, evalDays(a, start, end, dated))
		}
		return t
	case Not:
		return yes - evalDays(e.Arg, start, end, dated)
	case BoolLit:
		return truthOf(bool(e))
	case IsNull:
		return truthOf(!dated)
	}
	return no
}
