package report

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// Expr is a condition on events: a filter of OGC API - Features Part 3 as CQL2 (OGC 21-065) states
// it, a tree of the node types below. The parsers of CQL2 text and JSON build it; each store
// translates it into its own query language, and Match is what they must agree with. An
// EventFilter's Where of nil is no condition.
//
// Conditions follow SQL's three-valued logic: a predicate on a value an event lacks (an undated
// event's date, a report without a source: see Queryable.Nullable) is unknown, NOT of unknown is
// unknown, and an event is kept only when the whole condition is true. So neither
// `date < DATE('2022-01-01')` nor `NOT date < DATE('2022-01-01')` keeps an undated event;
// `date IS NULL` does.
type Expr interface {
	// String is the expression in CQL2 text; the text parser reads it back to the same expression.
	String() string
	isExpr()
}

// Operand is a value a predicate compares: a Property or a literal.
type Operand interface {
	// String is the operand in CQL2 text.
	String() string
	isOperand()
}

// And holds when each of Args holds.
type And struct{ Args []Expr }

// Or holds when one of Args holds.
type Or struct{ Args []Expr }

// Not holds when Arg does not: it is false when Arg is true, unknown when Arg is unknown.
type Not struct{ Arg Expr }

// CompareOp is a comparison operator of CQL2.
type CompareOp string

const (
	Eq CompareOp = "="
	Ne CompareOp = "<>"
	Lt CompareOp = "<"
	Le CompareOp = "<="
	Gt CompareOp = ">"
	Ge CompareOp = ">="
)

// Compare compares two scalar values: strings (byte by byte), numbers, booleans (= and <> only),
// or a date property with a DATE or TIMESTAMP (see DateCondOf).
type Compare struct {
	Op          CompareOp
	Left, Right Operand
}

// Like holds when the string Arg matches Pattern, a StringLit in which % stands for any run of
// characters, _ for one character, and \ makes the character after it stand for itself. It is
// case-sensitive.
type Like struct{ Arg, Pattern Operand }

// In holds when Arg equals one of List, literals.
type In struct {
	Arg  Operand
	List []Operand
}

// Between holds when Low <= Arg <= High.
type Between struct{ Arg, Low, High Operand }

// IsNull holds when the event lacks the property Arg (see Queryable.Nullable).
type IsNull struct{ Arg Operand }

// TemporalOp is a temporal operator of CQL2.
type TemporalOp string

const (
	TIntersects TemporalOp = "T_INTERSECTS" // they share an instant
	TDisjoint   TemporalOp = "T_DISJOINT"   // they share none
	TDuring     TemporalOp = "T_DURING"     // the left lies inside the right
	TContains   TemporalOp = "T_CONTAINS"   // the right lies inside the left
	TBefore     TemporalOp = "T_BEFORE"     // the left ends before the right starts
	TAfter      TemporalOp = "T_AFTER"      // the left starts after the right ends
)

// Temporal relates a date property (see Queryables) to a DATE, TIMESTAMP or INTERVAL, in either
// order. See DateCondOf for how it reads them.
type Temporal struct {
	Op          TemporalOp
	Left, Right Operand
}

// SpatialOp is a spatial operator of CQL2.
type SpatialOp string

const (
	SIntersects SpatialOp = "S_INTERSECTS"
	SDisjoint   SpatialOp = "S_DISJOINT"
	SWithin     SpatialOp = "S_WITHIN"
)

// Spatial relates the geometry property, an event's point, to a BBOX, POINT, POLYGON or
// MULTIPOLYGON. S_INTERSECTS and S_DISJOINT take them in either order, S_WITHIN takes the property
// first. The point intersects a box or polygon it lies inside or on the boundary of, and a point
// it is; it is within what it intersects. Points are compared as stores keep them, rounded to
// 1/ClusterUnitsPerDegree of a degree, as EventFilter.BBox compares them.
type Spatial struct {
	Op          SpatialOp
	Left, Right Operand
}

// Property names one of the Queryables.
type Property string

// StringLit is a string literal.
type StringLit string

// NumberLit is a number literal.
type NumberLit float64

// BoolLit is TRUE or FALSE: a literal, and an expression on its own (TRUE keeps every event).
type BoolLit bool

// DateLit is DATE('2017-11-16'): a day, Day its midnight in UTC.
type DateLit struct{ Day time.Time }

// TimestampLit is TIMESTAMP('2017-11-16T10:00:00Z'): an instant.
type TimestampLit struct{ Time time.Time }

// IntervalLit is INTERVAL('2017-10-01', '2017-11-30'): from its Start through its End, each a
// DateLit (the whole day) or a TimestampLit, or nil for an open end ('..'). It includes both ends.
type IntervalLit struct{ Start, End Operand }

// BBoxLit is BBOX(west, south, east, north); a west east of the east crosses the antimeridian, as
// EventFilter.BBox does.
type BBoxLit struct{ Bound orb.Bound }

// GeometryLit is a geometry in WKT (CQL2 text) or GeoJSON (CQL2 JSON): an orb.Point, orb.Polygon
// or orb.MultiPolygon in longitude and latitude.
type GeometryLit struct{ Geometry orb.Geometry }

func (And) isExpr()      {}
func (Or) isExpr()       {}
func (Not) isExpr()      {}
func (Compare) isExpr()  {}
func (Like) isExpr()     {}
func (In) isExpr()       {}
func (Between) isExpr()  {}
func (IsNull) isExpr()   {}
func (Temporal) isExpr() {}
func (Spatial) isExpr()  {}
func (BoolLit) isExpr()  {}

func (Property) isOperand()     {}
func (StringLit) isOperand()    {}
func (NumberLit) isOperand()    {}
func (BoolLit) isOperand()      {}
func (DateLit) isOperand()      {}
func (TimestampLit) isOperand() {}
func (IntervalLit) isOperand()  {}
func (BBoxLit) isOperand()      {}
func (GeometryLit) isOperand()  {}

// The CQL2 text of the nodes. An AND or OR inside another node is in parentheses, so that the text
// reads back to the same tree.

func (e And) String() string { return joinExprs(e.Args, " AND ") }
func (e Or) String() string  { return joinExprs(e.Args, " OR ") }
func (e Not) String() string { return "NOT " + nested(e.Arg) }

func (e Compare) String() string {
	return operandText(e.Left) + " " + string(e.Op) + " " + operandText(e.Right)
}

func (e Like) String() string { return operandText(e.Arg) + " LIKE " + operandText(e.Pattern) }

func (e In) String() string {
	items := make([]string, len(e.List))
	for i, o := range e.List {
		items[i] = operandText(o)
	}
	return operandText(e.Arg) + " IN (" + strings.Join(items, ", ") + ")"
}

func (e Between) String() string {
	return operandText(e.Arg) + " BETWEEN " + operandText(e.Low) + " AND " + operandText(e.High)
}

func (e IsNull) String() string { return operandText(e.Arg) + " IS NULL" }

func (e Temporal) String() string {
	return string(e.Op) + "(" + operandText(e.Left) + ", " + operandText(e.Right) + ")"
}

func (e Spatial) String() string {
	return string(e.Op) + "(" + operandText(e.Left) + ", " + operandText(e.Right) + ")"
}

// Shape is e's geometry literal: its operand that is not the geometry property, whichever side.
func (e Spatial) Shape() Operand {
	if _, ok := e.Right.(Property); ok {
		return e.Left
	}
	return e.Right
}

// String is the name as it is when it is a plain identifier, else in double quotes.
func (p Property) String() string {
	if plainIdentifier(string(p)) {
		return string(p)
	}
	return `"` + string(p) + `"`
}

// String is the literal in single quotes, each quote in it doubled.
func (s StringLit) String() string { return "'" + strings.ReplaceAll(string(s), "'", "''") + "'" }

func (n NumberLit) String() string { return formatNumber(float64(n)) }

func (b BoolLit) String() string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

func (d DateLit) String() string      { return "DATE('" + d.Day.Format(time.DateOnly) + "')" }
func (t TimestampLit) String() string { return "TIMESTAMP('" + formatTimestamp(t.Time) + "')" }

func (i IntervalLit) String() string {
	end := func(o Operand) string {
		switch o := o.(type) {
		case nil:
			return "'..'"
		case DateLit:
			return "'" + o.Day.Format(time.DateOnly) + "'"
		case TimestampLit:
			return "'" + formatTimestamp(o.Time) + "'"
		}
		return o.String()
	}
	return "INTERVAL(" + end(i.Start) + ", " + end(i.End) + ")"
}

func (b BBoxLit) String() string {
	return "BBOX(" + formatNumber(b.Bound.Min.Lon()) + ", " + formatNumber(b.Bound.Min.Lat()) + ", " +
		formatNumber(b.Bound.Max.Lon()) + ", " + formatNumber(b.Bound.Max.Lat()) + ")"
}

// String is the geometry in WKT.
func (g GeometryLit) String() string {
	var b strings.Builder
	point := func(p orb.Point) { b.WriteString(formatNumber(p[0]) + " " + formatNumber(p[1])) }
	ring := func(r orb.Ring) {
		b.WriteByte('(')
		for i, p := range r {
			if i > 0 {
				b.WriteString(", ")
			}
			point(p)
		}
		b.WriteByte(')')
	}
	polygon := func(p orb.Polygon) {
		b.WriteByte('(')
		for i, r := range p {
			if i > 0 {
				b.WriteString(", ")
			}
			ring(r)
		}
		b.WriteByte(')')
	}
	switch g := g.Geometry.(type) {
	case orb.Point:
		b.WriteString("POINT(")
		point(g)
		b.WriteByte(')')
	case orb.Polygon:
		b.WriteString("POLYGON")
		polygon(g)
	case orb.MultiPolygon:
		b.WriteString("MULTIPOLYGON(")
		for i, p := range g {
			if i > 0 {
				b.WriteString(", ")
			}
			polygon(p)
		}
		b.WriteByte(')')
	case nil:
		b.WriteString("<no geometry>")
	default:
		b.WriteString("<" + g.GeoJSONType() + ">")
	}
	return b.String()
}

func joinExprs(es []Expr, sep string) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = nested(e)
	}
	return strings.Join(parts, sep)
}

// nested is e's text inside another expression: in parentheses for an AND or an OR.
func nested(e Expr) string {
	switch e.(type) {
	case nil:
		return "<no expression>"
	case And, Or:
		return "(" + e.String() + ")"
	}
	return e.String()
}

func operandText(o Operand) string {
	if o == nil {
		return "<no value>"
	}
	return o.String()
}

// formatNumber writes the shortest text that reads back as f.
func formatNumber(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func formatTimestamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Keywords are the words of CQL2 text that cannot name a property unless in double quotes. Words
// that call a function, DATE or POINT, are keywords only before a parenthesis: date names a property.
var keywords = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "LIKE": true, "IN": true, "BETWEEN": true, "IS": true,
	"NULL": true, "TRUE": true, "FALSE": true,
}

// IsKeyword reports whether word, in any case, is a keyword of CQL2 text (see plainIdentifier).
func IsKeyword(word string) bool { return keywords[strings.ToUpper(word)] }

// plainIdentifier reports whether s can name a property without quotes: a letter or _, then
// letters, digits, _, . and :, and no keyword.
func plainIdentifier(s string) bool {
	if s == "" || IsKeyword(s) {
		return false
	}
	for i, r := range s {
		if !IsIdentifierRune(r, i == 0) {
			return false
		}
	}
	return true
}

// IsIdentifierRune reports whether r may be part of a property name without quotes, first or not.
func IsIdentifierRune(r rune, first bool) bool {
	switch {
	case r == utf8.RuneError:
		return false
	case unicode.IsLetter(r) || r == '_':
		return true
	case first:
		return false
	}
	return unicode.IsDigit(r) || r == '.' || r == ':'
}
