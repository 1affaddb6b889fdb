package report

import (
	"fmt"
	"math"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// The most an expression may hold, so that none costs a store much more than a plain filter (and
// none is nested deeper than SQL allows).
const (
	MaxExprDepth  = 40    // nested conditions
	MaxExprNodes  = 1000  // conditions, values and list items
	MaxExprPoints = 10000 // points of its geometries
)

// CheckExpr reports an Invalid error, whose message names the problem, when e cannot select
// events: a property that is not one of the Queryables, values of types that do not compare, a
// malformed literal, or an expression larger than the limits above. EventFilter.Normalize checks
// its Where with it.
func CheckExpr(e Expr) error {
	var c checker
	return c.expr(e, 1)
}

type checker struct{ nodes, points int }

// valueType is the type of an operand, as far as checking needs it.
type valueType uint8

const (
	vString   valueType = iota + 1
	vNumber             // integers too
	vBool               //
	vDate               // a date property
	vInstant            // a DATE or TIMESTAMP
	vInterval           // an INTERVAL
	vPoint              // the geometry property
	vShape              // a BBOX or a geometry literal
)

func (t valueType) String() string {
	return [...]string{"?", "string", "number", "boolean", "date", "DATE or TIMESTAMP", "INTERVAL", "geometry", "geometry literal"}[t]
}

func (c *checker) count() error {
	if c.nodes++; c.nodes > MaxExprNodes {
		return Errorf(Invalid, "filter: more than %d terms", MaxExprNodes)
	}
	return nil
}

func (c *checker) expr(e Expr, depth int) error {
	if depth > MaxExprDepth {
		return Errorf(Invalid, "filter: conditions nested more than %d deep", MaxExprDepth)
	}
	if err := c.count(); err != nil {
		return err
	}
	switch e := e.(type) {
	case nil:
		return Errorf(Invalid, "filter: a condition is missing")
	case And:
		return c.exprs(e.Args, "AND", depth)
	case Or:
		return c.exprs(e.Args, "OR", depth)
	case Not:
		return c.expr(e.Arg, depth+1)
	case BoolLit:
		return nil
	case Compare:
		return c.compare(e)
	case Like:
		t, err := c.operand(e.Arg)
		if err != nil {
			return err
		}
		if t != vString {
			return Errorf(Invalid, "filter: %s: LIKE applies to strings, not to a %s", shorten(e), t)
		}
		if _, ok := e.Pattern.(StringLit); !ok {
			return Errorf(Invalid, "filter: %s: the pattern of LIKE is a string in quotes", shorten(e))
		}
		_, err = c.operand(e.Pattern)
		return err
	case In:
		t, err := c.operand(e.Arg)
		if err != nil {
			return err
		}
		if len(e.List) == 0 {
			return Errorf(Invalid, "filter: %s: IN lists one value or more", shorten(e))
		}
		for _, o := range e.List {
			if err := c.against(e, t, o); err != nil {
				return err
			}
		}
		return nil
	case Between:
		t, err := c.operand(e.Arg)
		if err != nil {
			return err
		}
		if t == vBool {
			return Errorf(Invalid, "filter: %s: BETWEEN applies to numbers, strings and dates", shorten(e))
		}
		if err := c.against(e, t, e.Low); err != nil {
			return err
		}
		return c.against(e, t, e.High)
	case IsNull:
		if _, ok := e.Arg.(Property); !ok {
			return Errorf(Invalid, "filter: %s: IS NULL applies to a property", shorten(e))
		}
		_, err := c.operand(e.Arg)
		return err
	case Temporal:
		return c.temporal(e)
	case Spatial:
		return c.spatial(e)
	}
	return Errorf(Invalid, "filter: unknown condition %T", e)
}

func (c *checker) exprs(es []Expr, op string, depth int) error {
	if len(es) == 0 {
		return Errorf(Invalid, "filter: %s without conditions", op)
	}
	for _, e := range es {
		if err := c.expr(e, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// operand checks o and returns its type.
func (c *checker) operand(o Operand) (valueType, error) {
	if err := c.count(); err != nil {
		return 0, err
	}
	switch o := o.(type) {
	case nil:
		return 0, Errorf(Invalid, "filter: a value is missing")
	case Property:
		q, ok := QueryableNamed(string(o))
		if !ok {
			return 0, unknownProperty(string(o))
		}
		switch q.Type {
		case QueryString:
			return vString, nil
		case QueryInteger, QueryNumber:
			return vNumber, nil
		case QueryBoolean:
			return vBool, nil
		case QueryDate:
			return vDate, nil
		}
		return vPoint, nil
	case StringLit:
		if !utf8.ValidString(string(o)) {
			return 0, Errorf(Invalid, "filter: a string is not UTF-8 text")
		}
		return vString, nil
	case NumberLit:
		if !finite(float64(o)) {
			return 0, Errorf(Invalid, "filter: a number is not finite")
		}
		return vNumber, nil
	case BoolLit:
		return vBool, nil
	case DateLit:
		if !o.Day.Equal(o.Day.UTC().Truncate(24 * time.Hour)) {
			return 0, Errorf(Invalid, "filter: a DATE holds a time of day")
		}
		return vInstant, nil
	case TimestampLit:
		return vInstant, nil
	case IntervalLit:
		return vInterval, checkInterval(o)
	case BBoxLit:
		b := o.Bound
		if !finite(b.Min[0]) || !finite(b.Min[1]) || !finite(b.Max[0]) || !finite(b.Max[1]) {
			return 0, Errorf(Invalid, "filter: %s: a number is not finite", o)
		}
		if _, err := o.Boxes(); err != nil {
			return 0, err
		}
		return vShape, nil
	case GeometryLit:
		return vShape, c.geometry(o)
	}
	return 0, Errorf(Invalid, "filter: unknown value %T", o)
}

// against checks o, a bound of a BETWEEN or an item of an IN, against the operand of type t.
func (c *checker) against(e Expr, t valueType, o Operand) error {
	u, err := c.operand(o)
	if err != nil {
		return err
	}
	switch {
	case t == vDate:
		if u != vInstant {
			return Errorf(Invalid, "filter: %s: a date is compared with a DATE or TIMESTAMP, not a %s", shorten(e), u)
		}
		return nil
	case t != vString && t != vNumber && t != vBool:
		return Errorf(Invalid, "filter: %s: a %s is no value to compare", shorten(e), t)
	case u != t:
		return Errorf(Invalid, "filter: %s compares a %s with a %s", shorten(e), t, u)
	}
	if _, isIn := e.(In); isIn {
		if _, ok := o.(Property); ok {
			return Errorf(Invalid, "filter: %s: IN lists values, not properties", shorten(e))
		}
	}
	return nil
}

func (c *checker) compare(e Compare) error {
	switch e.Op {
	case Eq, Ne, Lt, Le, Gt, Ge:
	default:
		return Errorf(Invalid, "filter: unknown comparison %q", string(e.Op))
	}
	l, err := c.operand(e.Left)
	if err != nil {
		return err
	}
	r, err := c.operand(e.Right)
	if err != nil {
		return err
	}
	switch {
	case l == vDate && r == vInstant, l == vInstant && r == vDate:
		return nil
	case l == vDate || r == vDate || l == vInstant || r == vInstant:
		return Errorf(Invalid, "filter: %s: a date property (date, published) is compared with a DATE or TIMESTAMP", shorten(e))
	case l == vInterval || r == vInterval:
		return Errorf(Invalid, "filter: %s: an INTERVAL is related by T_INTERSECTS, T_DURING and the other temporal operators", shorten(e))
	case l == vPoint || r == vPoint || l == vShape || r == vShape:
		return Errorf(Invalid, "filter: %s: geometries are related by S_INTERSECTS, S_WITHIN and S_DISJOINT", shorten(e))
	case l != r:
		return Errorf(Invalid, "filter: %s compares a %s with a %s", shorten(e), l, r)
	case l == vBool && e.Op != Eq && e.Op != Ne:
		return Errorf(Invalid, "filter: %s: booleans are compared with = and <> only", shorten(e))
	}
	return nil
}

func (c *checker) temporal(e Temporal) error {
	switch e.Op {
	case TIntersects, TDisjoint, TDuring, TContains, TBefore, TAfter:
	default:
		return Errorf(Invalid, "filter: unknown temporal operator %q", string(e.Op))
	}
	l, err := c.operand(e.Left)
	if err != nil {
		return err
	}
	r, err := c.operand(e.Right)
	if err != nil {
		return err
	}
	if (l == vDate) == (r == vDate) || (l != vInstant && l != vInterval && r != vInstant && r != vInterval) {
		return Errorf(Invalid, "filter: %s relates a date property (date, published) to a DATE, TIMESTAMP or INTERVAL", shorten(e))
	}
	return nil
}

func (c *checker) spatial(e Spatial) error {
	switch e.Op {
	case SIntersects, SDisjoint, SWithin:
	default:
		return Errorf(Invalid, "filter: unknown spatial operator %q", string(e.Op))
	}
	l, err := c.operand(e.Left)
	if err != nil {
		return err
	}
	r, err := c.operand(e.Right)
	if err != nil {
		return err
	}
	switch {
	case e.Op == SWithin && (l != vPoint || r != vShape):
		return Errorf(Invalid, "filter: %s: S_WITHIN takes the geometry property, then a BBOX, POINT or POLYGON", shorten(e))
	case !(l == vPoint && r == vShape || l == vShape && r == vPoint):
		return Errorf(Invalid, "filter: %s relates the geometry property to a BBOX, POINT or POLYGON", shorten(e))
	}
	return nil
}

// geometry checks a geometry literal: points on the globe, rings closed, and not too many points.
func (c *checker) geometry(g GeometryLit) error {
	point := func(p orb.Point) error {
		if c.points++; c.points > MaxExprPoints {
			return Errorf(Invalid, "filter: geometries of more than %d points", MaxExprPoints)
		}
		if !finite(p[0]) || !finite(p[1]) || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
			return Errorf(Invalid, "filter: point %s %s lies outside -180..180, -90..90", formatNumber(p[0]), formatNumber(p[1]))
		}
		return nil
	}
	polygon := func(p orb.Polygon) error {
		if len(p) == 0 {
			return Errorf(Invalid, "filter: a polygon has no rings")
		}
		for _, r := range p {
			if len(r) < 4 || r[0] != r[len(r)-1] {
				return Errorf(Invalid, "filter: a polygon's ring has 4 points or more and ends where it starts")
			}
			for _, q := range r {
				if err := point(q); err != nil {
					return err
				}
			}
		}
		return nil
	}
	switch g := g.Geometry.(type) {
	case orb.Point:
		return point(g)
	case orb.Polygon:
		return polygon(g)
	case orb.MultiPolygon:
		if len(g) == 0 {
			return Errorf(Invalid, "filter: a multipolygon has no polygons")
		}
		for _, p := range g {
			if err := polygon(p); err != nil {
				return err
			}
		}
		return nil
	case nil:
		return Errorf(Invalid, "filter: a geometry is missing")
	}
	return Errorf(Invalid, "filter: a %s is not supported: use a POINT, POLYGON, MULTIPOLYGON or BBOX", g.Geometry.GeoJSONType())
}

func checkInterval(i IntervalLit) error {
	var start, end time.Time
	switch s := i.Start.(type) {
	case nil:
	case DateLit:
		start = s.Day
	case TimestampLit:
		start = s.Time
	default:
		return Errorf(Invalid, "filter: %s: an interval starts at a date, a timestamp or '..'", i)
	}
	switch e := i.End.(type) {
	case nil:
	case DateLit:
		end = e.Day.AddDate(0, 0, 1).Add(-time.Nanosecond)
	case TimestampLit:
		end = e.Time
	default:
		return Errorf(Invalid, "filter: %s: an interval ends at a date, a timestamp or '..'", i)
	}
	for _, o := range []Operand{i.Start, i.End} {
		if d, ok := o.(DateLit); ok && !d.Day.Equal(d.Day.UTC().Truncate(24*time.Hour)) {
			return Errorf(Invalid, "filter: a DATE holds a time of day")
		}
	}
	if i.Start != nil && i.End != nil && end.Before(start) {
		return Errorf(Invalid, "filter: %s ends before it starts", i)
	}
	return nil
}

// Boxes returns the box as EventFilter.Boxes does for a BBox: as boxes that do not cross the
// antimeridian, none when it covers the world. Its error is the one EventFilter.Normalize gives.
func (b BBoxLit) Boxes() ([]orb.Bound, error) {
	f := EventFilter{BBox: &b.Bound}
	if err := f.Normalize(); err != nil {
		return nil, &Error{Kind: Invalid, Message: "filter: " + ErrorMessage(err)}
	}
	return f.Boxes(), nil
}

// shorten is e's text for a message, cut when long.
func shorten(e fmt.Stringer) string {
	s := e.String()
	if len(s) > 80 {
		cut := 77
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

// Days since 1970-01-01 UTC are the unit in which dates compare: a Date covers the days
// [DayOf(d.Start()), DayOf(d.End())).

// DayOf is the day holding t, in days since 1970-01-01 UTC.
func DayOf(t time.Time) int64 {
	s := t.Unix()
	d := s / secondsPerDay
	if s%secondsPerDay < 0 {
		d--
	}
	return d
}

// dayCeil is the first day starting at or after t.
func dayCeil(t time.Time) int64 {
	d := DayOf(t)
	if !t.Equal(time.Unix(d*secondsPerDay, 0)) {
		d++
	}
	return d
}

// DaySpan bounds the days [start, end) a date covers: it holds the dates with
// StartMin <= start <= StartMax and EndMin <= end <= EndMax. math.MinInt64 as a minimum and
// math.MaxInt64 as a maximum leave that side open; as the other bound they admit no date.
type DaySpan struct{ StartMin, StartMax, EndMin, EndMax int64 }

// anyDays is the DaySpan that holds every date.
var anyDays = DaySpan{math.MinInt64, math.MaxInt64, math.MinInt64, math.MaxInt64}

// Holds reports whether the days [start, end) lie in s.
func (s DaySpan) Holds(start, end int64) bool {
	return s.StartMin <= start && start <= s.StartMax && s.EndMin <= end && end <= s.EndMax
}

// DateCond is a predicate on a date property read as days: a dated value satisfies it when its
// days lie in one of Spans, or, when Negated, in none of them. An undated value satisfies neither
// (the predicate is unknown).
type DateCond struct {
	Property Property
	Spans    []DaySpan
	Negated  bool
}

// Holds reports whether the days [start, end) of a dated value satisfy c.
func (c DateCond) Holds(start, end int64) bool {
	for _, s := range c.Spans {
		if s.Holds(start, end) {
			return !c.Negated
		}
	}
	return c.Negated
}

// DateCondOf returns the DateCond of e when e is a predicate on a date property (see Queryables)
// that passed CheckExpr: a Temporal, or a Compare, Between or In with DATE or TIMESTAMP literals;
// ok is false for any other expression. It is where the store's dates, whole days, meet the
// instants of CQL2:
//
//   - A DATE is its day; a TIMESTAMP is an instant inside its day; an INTERVAL runs from its
//     start's first instant to its end's last, both included. A date property covers its days.
//   - T_INTERSECTS holds when they share an instant, T_DISJOINT when not; T_DURING when the date
//     lies inside the literal (never inside a TIMESTAMP), T_CONTAINS when the literal lies inside
//     the date; T_BEFORE when the date ends before the literal starts (a day that ends at midnight
//     is before a TIMESTAMP of that midnight), T_AFTER when it starts after the literal ends.
//   - Comparisons read a TIMESTAMP as its day: = holds for a date of that day alone, < for a date
//     that ends before the day, <= for one that ends with it, > for one that starts after it, >=
//     for one that starts with it or later; BETWEEN a AND b is >= a and <= b.
func DateCondOf(e Expr) (c DateCond, ok bool) {
	switch e := e.(type) {
	case Temporal:
		p, lit, flipped, ok := dateSides(e.Left, e.Right)
		if !ok {
			return DateCond{}, false
		}
		op := e.Op
		if flipped { // the literal relates to the date as the date to the literal under the converse
			op = map[TemporalOp]TemporalOp{TDuring: TContains, TContains: TDuring, TBefore: TAfter, TAfter: TBefore}[op]
			if op == "" {
				op = e.Op
			}
		}
		lo, hi, inLo, inHi := literalDays(lit)
		s := anyDays
		switch op {
		case TIntersects, TDisjoint:
			s.StartMax, s.EndMin = dec(hi), inc(lo)
		case TDuring:
			s.StartMin, s.EndMax = inLo, inHi
		case TContains:
			s.StartMax, s.EndMin = lo, hi
		case TBefore:
			s.EndMax = lo
		case TAfter:
			s.StartMin = hi
		default:
			return DateCond{}, false
		}
		return DateCond{Property: p, Spans: []DaySpan{s}, Negated: op == TDisjoint}, true
	case Compare:
		p, lit, flipped, ok := dateSides(e.Left, e.Right)
		if !ok {
			return DateCond{}, false
		}
		op := e.Op
		if flipped {
			op = map[CompareOp]CompareOp{Lt: Gt, Gt: Lt, Le: Ge, Ge: Le, Eq: Eq, Ne: Ne}[op]
		}
		d := instantDay(lit)
		s := anyDays
		switch op {
		case Eq, Ne:
			s = DaySpan{d, d, d + 1, d + 1}
		case Lt:
			s.EndMax = d
		case Le:
			s.EndMax = d + 1
		case Gt:
			s.StartMin = d + 1
		case Ge:
			s.StartMin = d
		default:
			return DateCond{}, false
		}
		return DateCond{Property: p, Spans: []DaySpan{s}, Negated: op == Ne}, true
	case Between:
		p, ok := dateProperty(e.Arg)
		if !ok {
			return DateCond{}, false
		}
		s := anyDays
		s.StartMin, s.EndMax = instantDay(e.Low), instantDay(e.High)+1
		return DateCond{Property: p, Spans: []DaySpan{s}}, true
	case In:
		p, ok := dateProperty(e.Arg)
		if !ok {
			return DateCond{}, false
		}
		c := DateCond{Property: p}
		for _, o := range e.List {
			d := instantDay(o)
			c.Spans = append(c.Spans, DaySpan{d, d, d + 1, d + 1})
		}
		return c, true
	}
	return DateCond{}, false
}

// dateSides returns the date property and the literal of a predicate, and whether the literal
// comes first.
func dateSides(l, r Operand) (p Property, lit Operand, flipped, ok bool) {
	if p, ok := dateProperty(l); ok {
		return p, r, false, true
	}
	if p, ok := dateProperty(r); ok {
		return p, l, true, true
	}
	return "", nil, false, false
}

func dateProperty(o Operand) (Property, bool) {
	p, ok := o.(Property)
	if !ok {
		return "", false
	}
	q, ok := QueryableNamed(string(p))
	return p, ok && q.Type == QueryDate
}

// instantDay is the day of a DATE or TIMESTAMP.
func instantDay(o Operand) int64 {
	switch o := o.(type) {
	case DateLit:
		return DayOf(o.Day)
	case TimestampLit:
		return DayOf(o.Time)
	}
	return 0
}

// literalDays returns the days a temporal literal touches, [lo, hi), and the days wholly inside it,
// [inLo, inHi): math.MinInt64 and math.MaxInt64 for open ends.
func literalDays(o Operand) (lo, hi, inLo, inHi int64) {
	switch o := o.(type) {
	case DateLit:
		d := DayOf(o.Day)
		return d, d + 1, d, d + 1
	case TimestampLit:
		d := DayOf(o.Time)
		return d, d + 1, dayCeil(o.Time), d
	case IntervalLit:
		lo, inLo = math.MinInt64, math.MinInt64
		switch s := o.Start.(type) {
		case DateLit:
			lo = DayOf(s.Day)
			inLo = lo
		case TimestampLit:
			lo, inLo = DayOf(s.Time), dayCeil(s.Time)
		}
		hi, inHi = math.MaxInt64, math.MaxInt64
		switch e := o.End.(type) {
		case DateLit:
			hi = DayOf(e.Day) + 1
			inHi = hi
		case TimestampLit:
			inHi = DayOf(e.Time)
			hi = inHi + 1
		}
	}
	return lo, hi, inLo, inHi
}

// inc and dec add and take one but leave the open bounds open.
func inc(x int64) int64 {
	if x == math.MinInt64 || x == math.MaxInt64 {
		return x
	}
	return x + 1
}

func dec(x int64) int64 {
	if x == math.MinInt64 || x == math.MaxInt64 {
		return x
	}
	return x - 1
}
