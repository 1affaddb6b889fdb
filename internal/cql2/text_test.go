package cql2_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/cql2"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseText(t *testing.T) {
	p := func(name string) report.Property { return report.Property(name) }
	tests := []struct {
		text string
		want report.Expr
		out  string // String() of the expression; text itself when ""
	}{
		{"country_code = 'SY'", report.Compare{Op: report.Eq, Left: p("country_code"), Right: report.StringLit("SY")}, ""},
		{`"country_code"='SY'`, report.Compare{Op: report.Eq, Left: p("country_code"), Right: report.StringLit("SY")}, "country_code = 'SY'"},
		{"'it''s' <> title", report.Compare{Op: report.Ne, Left: report.StringLit("it's"), Right: p("title")}, ""},
		{"confidence >= -1.5E2", report.Compare{Op: report.Ge, Left: p("confidence"), Right: report.NumberLit(-150)}, "confidence >= -150"},
		{"confidence < .5 and confidence > +1e-3", report.And{Args: []report.Expr{
			report.Compare{Op: report.Lt, Left: p("confidence"), Right: report.NumberLit(0.5)},
			report.Compare{Op: report.Gt, Left: p("confidence"), Right: report.NumberLit(0.001)}}}, "confidence < 0.5 AND confidence > 0.001"},
		{"corrected = true", report.Compare{Op: report.Eq, Left: p("corrected"), Right: report.BoolLit(true)}, "corrected = TRUE"},
		{"TRUE", report.BoolLit(true), ""},
		{"name <= text", report.Compare{Op: report.Le, Left: p("name"), Right: p("text")}, ""},
		{"a = 1 OR b = 2 AND c = 3", report.Or{Args: []report.Expr{
			report.Compare{Op: report.Eq, Left: p("a"), Right: report.NumberLit(1)},
			report.And{Args: []report.Expr{report.Compare{Op: report.Eq, Left: p("b"), Right: report.NumberLit(2)}, report.Compare{Op: report.Eq, Left: p("c"), Right: report.NumberLit(3)}}}}},
			"a = 1 OR (b = 2 AND c = 3)"},
		{"(a = 1 OR b = 2) AND NOT c = 3", report.And{Args: []report.Expr{
			report.Or{Args: []report.Expr{report.Compare{Op: report.Eq, Left: p("a"), Right: report.NumberLit(1)}, report.Compare{Op: report.Eq, Left: p("b"), Right: report.NumberLit(2)}}},
			report.Not{Arg: report.Compare{Op: report.Eq, Left: p("c"), Right: report.NumberLit(3)}}}}, ""},
		{"name like 'Par%'", report.Like{Arg: p("name"), Pattern: report.StringLit("Par%")}, "name LIKE 'Par%'"},
		{"name NOT LIKE 'Par%'", report.Not{Arg: report.Like{Arg: p("name"), Pattern: report.StringLit("Par%")}}, "NOT name LIKE 'Par%'"},
		{"country_code IN ('SY','IQ')", report.In{Arg: p("country_code"), List: []report.Operand{report.StringLit("SY"), report.StringLit("IQ")}}, "country_code IN ('SY', 'IQ')"},
		{"geonameid not in (1)", report.Not{Arg: report.In{Arg: p("geonameid"), List: []report.Operand{report.NumberLit(1)}}}, "NOT geonameid IN (1)"},
		{"confidence BETWEEN 0.5 AND 1 AND lang = 'en'", report.And{Args: []report.Expr{
			report.Between{Arg: p("confidence"), Low: report.NumberLit(0.5), High: report.NumberLit(1)},
			report.Compare{Op: report.Eq, Left: p("lang"), Right: report.StringLit("en")}}}, ""},
		{"confidence NOT BETWEEN 0 AND 0.5", report.Not{Arg: report.Between{Arg: p("confidence"), Low: report.NumberLit(0), High: report.NumberLit(0.5)}},
			"NOT confidence BETWEEN 0 AND 0.5"},
		{"date IS NULL", report.IsNull{Arg: p("date")}, ""},
		{"admin1 is not null", report.Not{Arg: report.IsNull{Arg: p("admin1")}}, "NOT admin1 IS NULL"},
		{"T_INTERSECTS(date, INTERVAL('2017-10-01','2017-11-30'))", report.Temporal{Op: report.TIntersects, Left: p("date"),
			Right: report.IntervalLit{Start: report.DateLit{Day: day(2017, 10, 1)}, End: report.DateLit{Day: day(2017, 11, 30)}}},
			"T_INTERSECTS(date, INTERVAL('2017-10-01', '2017-11-30'))"},
		{"t_during(date, interval('..', DATE('2017-11-30')))", report.Temporal{Op: report.TDuring, Left: p("date"),
			Right: report.IntervalLit{End: report.DateLit{Day: day(2017, 11, 30)}}}, "T_DURING(date, INTERVAL('..', '2017-11-30'))"},
		{"T_BEFORE(date, TIMESTAMP('2017-11-16T10:00:00+02:00'))", report.Temporal{Op: report.TBefore, Left: p("date"),
			Right: report.TimestampLit{Time: day(2017, 11, 16).Add(8 * time.Hour)}}, "T_BEFORE(date, TIMESTAMP('2017-11-16T08:00:00Z'))"},
		{"T_AFTER(DATE('2017-11-16'), published)", report.Temporal{Op: report.TAfter, Left: report.DateLit{Day: day(2017, 11, 16)}, Right: p("published")}, ""},
		{"T_INTERSECTS(date, INTERVAL('2017-10-01T00:00:00.5Z', '..'))", report.Temporal{Op: report.TIntersects, Left: p("date"),
			Right: report.IntervalLit{Start: report.TimestampLit{Time: day(2017, 10, 1).Add(500 * time.Millisecond)}}}, ""},
		{"S_INTERSECTS(geometry, BBOX(35, 30, 45, 40))", report.Spatial{Op: report.SIntersects, Left: p("geometry"),
			Right: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{35, 30}, Max: orb.Point{45, 40}}}}, ""},
		{"S_INTERSECTS(geometry, BBOX(35, 30, -10, 45, 40, 10))", report.Spatial{Op: report.SIntersects, Left: p("geometry"),
			Right: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{35, 30}, Max: orb.Point{45, 40}}}}, "S_INTERSECTS(geometry, BBOX(35, 30, 45, 40))"},
		{"s_within(geometry, polygon ((0 0, 1 0, 1 1, 0 0)))", report.Spatial{Op: report.SWithin, Left: p("geometry"),
			Right: report.GeometryLit{Geometry: orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}}, "S_WITHIN(geometry, POLYGON((0 0, 1 0, 1 1, 0 0)))"},
		{"S_INTERSECTS(POINT(39.01 35.95), geometry)", report.Spatial{Op: report.SIntersects, Left: report.GeometryLit{Geometry: orb.Point{39.01, 35.95}}, Right: p("geometry")}, ""},
		{"S_DISJOINT(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2), (2.1 2.1, 2.2 2.1, 2.2 2.2, 2.1 2.1))))", report.Spatial{Op: report.SDisjoint, Left: p("geometry"),
			Right: report.GeometryLit{Geometry: orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, {{{2, 2}, {3, 2}, {3, 3}, {2, 2}}, {{2.1, 2.1}, {2.2, 2.1}, {2.2, 2.2}, {2.1, 2.1}}}}}}, ""},
		// date is a property; DATE( a function.
		{"date = DATE('2017-11-16')", report.Compare{Op: report.Eq, Left: p("date"), Right: report.DateLit{Day: day(2017, 11, 16)}}, ""},
		{`"NOT" = 'x'`, report.Compare{Op: report.Eq, Left: p("NOT"), Right: report.StringLit("x")}, ""},
		{"\"a b\" = 1\n", report.Compare{Op: report.Eq, Left: p("a b"), Right: report.NumberLit(1)}, `"a b" = 1`},
		{"name = 'Ḥalab'", report.Compare{Op: report.Eq, Left: p("name"), Right: report.StringLit("Ḥalab")}, ""},
		{"((((name = 'x'))))", report.Compare{Op: report.Eq, Left: p("name"), Right: report.StringLit("x")}, "name = 'x'"},
	}
	for _, tt := range tests {
		e, err := cql2.ParseText(tt.text)
		if err != nil {
			t.Errorf("%s: %v", tt.text, err)
			continue
		}
		if !reflect.DeepEqual(e, tt.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", tt.text, e, tt.want)
		}
		out := tt.out
		if out == "" {
			out = tt.text
		}
		if e.String() != out {
			t.Errorf("%s: String() = %s, want %s", tt.text, e.String(), out)
		}
	}
}

func TestParseTextErrors(t *testing.T) {
	tests := []struct {
		text   string
		offset int
		token  string
		want   string
	}{
		{"country_code = ", 15, "", `expected a value after "=", found the end of the filter`},
		{"(country_code = )", 16, ")", `expected a value after "=", found ")"`},
		{"country_code = 'SY' AND lang = ", 31, "", `expected a value after "=", found the end of the filter`},
		{"(lang = 'en'", 12, "", `expected ")" to close the "(" at byte 0, found the end of the filter`},
		{"lang = 'en')", 11, ")", `expected AND, OR or the end of the filter, found ")"`},
		{"lang 'en'", 5, "'en'", `expected =, <>, <, <=, >, >=, LIKE, IN, BETWEEN or IS NULL after "lang", found "'en'"`},
		{"lang != 'en'", 5, "!=", `"!=" is no operator of CQL2`},
		{"lang = 'en", 7, "'en", "a string without its closing quote"},
		{`"lang = 'en'`, 0, `"lang = 'en'`, "a property name without its closing quote"},
		{`"" = 1`, 0, `""`, "an empty property name"},
		{"x = 1e", 4, "1e", "a malformed number"},
		{"x = 1e999", 4, "1e999", "a number out of range"},
		{"x = #", 4, "#", "unexpected character '#'"},
		{"x = \xff", 4, "\xff", "not UTF-8"},
		{"AND = 1", 0, "AND", "expected a condition, found \"AND\" (a property of that name goes in double quotes)"},
		{"x = foo(1)", 4, "foo", "there is no function foo"},
		{"x = CASEI('a')", 4, "CASEI", "CASEI is not supported"},
		{"T_MEETS(date, DATE('2017-01-01'))", 0, "T_MEETS", "T_MEETS is not supported: the temporal operators are"},
		{"S_CROSSES(geometry, POINT(1 2))", 0, "S_CROSSES", "S_CROSSES is not supported: the spatial operators are"},
		{"T_INTERSECTS(date DATE('2017-01-01'))", 18, "DATE", `expected "," after the first value of T_INTERSECTS, found "DATE"`},
		{"x = T_INTERSECTS(date, date)", 4, "T_INTERSECTS", "a condition"},
		{"date = DATE('2017-02-30')", 12, "'2017-02-30'", `"2017-02-30" is not a date, YYYY-MM-DD`},
		{"date = DATE(2017)", 12, "2017", "expected a date in quotes after DATE(, found \"2017\""},
		{"date = TIMESTAMP('2017-01-01')", 17, "'2017-01-01'", "is not a timestamp"},
		{"date = TIMESTAMP('0000-01-01T00:00:00+01:00')", 17, "'0000-01-01T00:00:00+01:00'", "outside the years 0 to 9999"},
		{"T_INTERSECTS(date, INTERVAL('2017', '..'))", 28, "'2017'", "is neither a date"},
		{"T_INTERSECTS(date, INTERVAL('..'))", 32, ")", `expected "," after the start of the INTERVAL, found ")"`},
		{"S_INTERSECTS(geometry, BBOX(1, 2, 3))", 35, ")", "expected 4 numbers in BBOX (or 6 with heights), found 3"},
		{"S_INTERSECTS(geometry, BBOX(1, 2, 3, 'x'))", 37, "'x'", "expected a number in BBOX"},
		{"S_INTERSECTS(geometry, POINT(1))", 30, ")", "expected a latitude after the longitude"},
		{"S_INTERSECTS(geometry, POLYGON(0 0, 1 1))", 31, "0", `expected "(" to start a ring`},
		{"S_INTERSECTS(geometry, LINESTRING(0 0, 1 1))", 23, "LINESTRING", "a LINESTRING is not supported"},
		{"x IN 'a'", 5, "'a'", `expected "(" after IN`},
		{"x IN ()", 6, ")", `expected a value after "(", found ")"`},
		{"x BETWEEN 1 OR 2", 12, "OR", "expected AND after BETWEEN"},
		{"x IS 1", 5, "1", "expected NULL or NOT NULL after IS"},
		{"x NOT = 1", 6, "=", "expected LIKE, IN or BETWEEN after NOT"},
		{"", 0, "", "expected a condition, found the end of the filter"},
		{strings.Repeat("(", report.MaxExprDepth+1) + "x = 1" + strings.Repeat(")", report.MaxExprDepth+1), report.MaxExprDepth - 1, "(", "nested more than"},
		{strings.Repeat("NOT ", report.MaxExprDepth) + "x = 1", 4 * (report.MaxExprDepth - 1), "NOT", "nested more than"},
	}
	for _, tt := range tests {
		_, err := cql2.ParseText(tt.text)
		var e *cql2.Error
		if !errors.As(err, &e) {
			t.Errorf("%q: error %v, want a *cql2.Error", tt.text, err)
			continue
		}
		if e.Offset != tt.offset || e.Token != tt.token || !strings.Contains(err.Error(), tt.want) || e.Path != "" {
			t.Errorf("%q: error %v (offset %d, token %q), want at %d, %q: %s", tt.text, err, e.Offset, e.Token, tt.offset, tt.token, tt.want)
		}
		if !strings.HasPrefix(err.Error(), "cql2: at byte ") {
			t.Errorf("%q: error %q does not say where", tt.text, err)
		}
		if report.ErrorKind(err) != report.Invalid || report.ErrorMessage(err) != err.Error() {
			t.Errorf("%q: error %v is not a domain error of kind Invalid with its message", tt.text, err)
		}
	}
}

// TestParseTextThenCheck: text that parses, with the properties and types of events, passes
// report.CheckExpr; the other kinds of mistakes it reports.
func TestParseTextThenCheck(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"country_code = 'SY' AND T_INTERSECTS(date, INTERVAL('2017-10-01', '..')) AND S_INTERSECTS(geometry, BBOX(35, 30, 45, 40))", ""},
		{"name LIKE 'R%' OR kind IN ('country', 'admin') OR confidence BETWEEN 0.5 AND 1 OR admin1 IS NULL", ""},
		{"published < DATE('2017-01-01') OR NOT corrected = TRUE", ""},
		{"contry_code = 'SY'", `unknown property "contry_code"`},
		{"name = 1", "compares a string with a number"},
		{"S_WITHIN(BBOX(0, 0, 1, 1), geometry)", "S_WITHIN takes the geometry property"},
	} {
		e, err := cql2.ParseText(tt.text)
		if err != nil {
			t.Fatalf("%s: %v", tt.text, err)
		}
		err = report.CheckExpr(e)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: CheckExpr: %v, want %q", tt.text, err, tt.want)
		}
	}
}
