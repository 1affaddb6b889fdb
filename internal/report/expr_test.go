package report_test

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func dateLit(y int, m time.Month, d int) report.DateLit { return report.DateLit{Day: day(y, m, d)} }

func TestExprString(t *testing.T) {
	p := func(s string) report.Property { return report.Property(s) }
	eq := func(l, r report.Operand) report.Compare { return report.Compare{Op: report.Eq, Left: l, Right: r} }
	tests := []struct {
		e    report.Expr
		want string
	}{
		{eq(p("country_code"), report.StringLit("SY")), "country_code = 'SY'"},
		{eq(p("title"), report.StringLit("l'Orient")), "title = 'l''Orient'"},
		{eq(p("and"), report.BoolLit(true)), `"and" = TRUE`},
		{eq(p("a b"), report.NumberLit(-1.5e-7)), `"a b" = -1.5e-07`},
		{report.And{Args: []report.Expr{report.Or{Args: []report.Expr{report.BoolLit(true), report.BoolLit(false)}}, report.Not{Arg: report.And{Args: []report.Expr{report.BoolLit(true), report.BoolLit(true)}}}}},
			"(TRUE OR FALSE) AND NOT (TRUE AND TRUE)"},
		{report.Like{Arg: p("name"), Pattern: report.StringLit("Par%")}, "name LIKE 'Par%'"},
		{report.In{Arg: p("geonameid"), List: []report.Operand{report.NumberLit(1), report.NumberLit(2)}}, "geonameid IN (1, 2)"},
		{report.Between{Arg: p("confidence"), Low: report.NumberLit(0.5), High: report.NumberLit(1)}, "confidence BETWEEN 0.5 AND 1"},
		{report.Not{Arg: report.IsNull{Arg: p("date")}}, "NOT date IS NULL"},
		{report.Temporal{Op: report.TIntersects, Left: p("date"), Right: report.IntervalLit{Start: dateLit(2017, 10, 1)}}, "T_INTERSECTS(date, INTERVAL('2017-10-01', '..'))"},
		{report.Temporal{Op: report.TBefore, Left: p("date"), Right: report.TimestampLit{Time: day(2017, 11, 16).Add(10 * time.Hour)}},
			"T_BEFORE(date, TIMESTAMP('2017-11-16T10:00:00Z'))"},
		{eq(p("published"), dateLit(2017, 11, 16)), "published = DATE('2017-11-16')"},
		{report.Spatial{Op: report.SIntersects, Left: p("geometry"), Right: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{35, 30}, Max: orb.Point{45.5, 40}}}},
			"S_INTERSECTS(geometry, BBOX(35, 30, 45.5, 40))"},
		{report.Spatial{Op: report.SWithin, Left: p("geometry"), Right: report.GeometryLit{Geometry: orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}},
			"S_WITHIN(geometry, POLYGON((0 0, 1 0, 1 1, 0 0)))"},
		{report.Spatial{Op: report.SIntersects, Left: report.GeometryLit{Geometry: orb.Point{39, 36}}, Right: p("geometry")}, "S_INTERSECTS(POINT(39 36), geometry)"},
	}
	for _, tt := range tests {
		if got := tt.e.String(); got != tt.want {
			t.Errorf("String() = %s, want %s", got, tt.want)
		}
	}
}

func TestCheckExpr(t *testing.T) {
	p := func(s string) report.Property { return report.Property(s) }
	s := func(v string) report.StringLit { return report.StringLit(v) }
	tests := []struct {
		e    report.Expr
		want string // in the message; "" when valid
	}{
		{report.Compare{Op: report.Eq, Left: p("country_code"), Right: s("SY")}, ""},
		{report.Compare{Op: report.Lt, Left: p("confidence"), Right: p("geonameid")}, ""},
		{report.Compare{Op: report.Ge, Left: dateLit(2017, 1, 1), Right: p("published")}, ""},
		{report.Temporal{Op: report.TDuring, Left: report.IntervalLit{}, Right: p("date")}, ""},
		{report.Compare{Op: report.Eq, Left: p("contry_code"), Right: s("SY")}, `unknown property "contry_code": the queryables are name, geonameid,`},
		{report.Compare{Op: report.Eq, Left: p("Name"), Right: s("x")}, `unknown property "Name": did you mean "name"?`},
		{report.Compare{Op: report.Eq, Left: p("name"), Right: report.NumberLit(1)}, "compares a string with a number"},
		{report.Compare{Op: report.Lt, Left: p("corrected"), Right: report.BoolLit(true)}, "booleans are compared with = and <> only"},
		{report.Compare{Op: report.Eq, Left: p("date"), Right: s("2017-01-01")}, "compared with a DATE or TIMESTAMP"},
		{report.Compare{Op: report.Eq, Left: p("date"), Right: p("published")}, "compared with a DATE or TIMESTAMP"},
		{report.Compare{Op: report.Eq, Left: p("geometry"), Right: report.GeometryLit{Geometry: orb.Point{1, 2}}}, "S_INTERSECTS"},
		{report.Compare{Op: "!=", Left: p("name"), Right: s("x")}, `unknown comparison "!="`},
		{report.Like{Arg: p("geonameid"), Pattern: s("1%")}, "LIKE applies to strings"},
		{report.Like{Arg: p("name"), Pattern: p("text")}, "the pattern of LIKE is a string"},
		{report.In{Arg: p("name")}, "IN lists one value or more"},
		{report.In{Arg: p("name"), List: []report.Operand{p("text")}}, "IN lists values, not properties"},
		{report.Between{Arg: p("corrected"), Low: report.BoolLit(false), High: report.BoolLit(true)}, "BETWEEN applies to"},
		{report.IsNull{Arg: s("x")}, "IS NULL applies to a property"},
		{report.Temporal{Op: report.TIntersects, Left: p("name"), Right: dateLit(2017, 1, 1)}, "relates a date property"},
		{report.Temporal{Op: report.TIntersects, Left: p("date"), Right: p("published")}, "relates a date property"},
		{report.Temporal{Op: "T_MEETS", Left: p("date"), Right: dateLit(2017, 1, 1)}, `unknown temporal operator "T_MEETS"`},
		{report.Temporal{Op: report.TIntersects, Left: p("date"), Right: report.IntervalLit{Start: dateLit(2017, 2, 1), End: dateLit(2017, 1, 31)}}, "ends before it starts"},
		{report.Temporal{Op: report.TIntersects, Left: p("date"), Right: report.DateLit{Day: day(2017, 1, 1).Add(time.Hour)}}, "a DATE holds a time of day"},
		{report.Spatial{Op: report.SWithin, Left: report.BBoxLit{Bound: orb.Bound{Max: orb.Point{1, 1}}}, Right: p("geometry")}, "S_WITHIN takes the geometry property, then"},
		{report.Spatial{Op: report.SIntersects, Left: p("geometry"), Right: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{0, 10}, Max: orb.Point{1, 0}}}}, "south above its north"},
		{report.Spatial{Op: report.SIntersects, Left: p("geometry"), Right: report.GeometryLit{Geometry: orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}}, "ends where it starts"},
		{report.Spatial{Op: report.SIntersects, Left: p("geometry"), Right: report.GeometryLit{Geometry: orb.Point{200, 0}}}, "lies outside -180..180"},
		{report.Spatial{Op: report.SIntersects, Left: p("geometry"), Right: report.GeometryLit{Geometry: orb.LineString{{0, 0}, {1, 1}}}}, "a LineString is not supported"},
		{report.Compare{Op: report.Gt, Left: p("confidence"), Right: report.NumberLit(math.Inf(1))}, "not finite"},
		{report.Or{}, "OR without conditions"},
		{report.Not{}, "a condition is missing"},
		{report.Compare{Op: report.Eq, Left: p("name")}, "a value is missing"},
	}
	for _, tt := range tests {
		err := report.CheckExpr(tt.e)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.e, err)
		case tt.want == "":
		case report.ErrorKind(err) != report.Invalid || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "filter: "):
			t.Errorf("%s: error %v, want an Invalid one saying %q", tt.e, err, tt.want)
		}
		f := report.EventFilter{Where: tt.e}
		if err := f.Normalize(); (err == nil) != (tt.want == "") {
			t.Errorf("%s: EventFilter.Normalize: %v", tt.e, err)
		}
	}
}

func TestCheckExprLimits(t *testing.T) {
	var e report.Expr = report.BoolLit(true)
	for range report.MaxExprDepth - 1 {
		e = report.Not{Arg: e}
	}
	if err := report.CheckExpr(e); err != nil {
		t.Errorf("%d deep: %v", report.MaxExprDepth, err)
	}
	if err := report.CheckExpr(report.Not{Arg: e}); report.ErrorKind(err) != report.Invalid {
		t.Errorf("%d deep: %v", report.MaxExprDepth+1, err)
	}
	list := make([]report.Operand, report.MaxExprNodes)
	for i := range list {
		list[i] = report.NumberLit(i)
	}
	if err := report.CheckExpr(report.In{Arg: report.Property("geonameid"), List: list}); report.ErrorKind(err) != report.Invalid {
		t.Errorf("%d terms: %v", len(list)+2, err)
	}
	ring := make(orb.Ring, report.MaxExprPoints+1)
	for i := range ring {
		a := 2 * math.Pi * float64(i) / float64(len(ring)-1)
		ring[i] = orb.Point{math.Cos(a), math.Sin(a)}
	}
	ring[len(ring)-1] = ring[0]
	e = report.Spatial{Op: report.SIntersects, Left: report.Property("geometry"), Right: report.GeometryLit{Geometry: orb.Polygon{ring}}}
	if err := report.CheckExpr(e); report.ErrorKind(err) != report.Invalid {
		t.Errorf("a polygon of %d points: %v", len(ring), err)
	}
}

// TestMatchDates: how dates of each precision relate to DATE, TIMESTAMP and INTERVAL.
func TestMatchDates(t *testing.T) {
	ts := func(y int, m time.Month, d, h int) report.TimestampLit {
		return report.TimestampLit{Time: day(y, m, d).Add(time.Duration(h) * time.Hour)}
	}
	iv := func(a, b report.Operand) report.IntervalLit { return report.IntervalLit{Start: a, End: b} }
	march, _ := report.DateRange(report.DayDate(2022, 3, 10), report.DayDate(2022, 3, 12))
	events := map[string]report.Date{
		"day":     report.DayDate(2022, 3, 14),
		"month":   report.MonthDate(2022, 3),
		"range":   march,
		"year":    report.YearDate(2021),
		"undated": {},
	}
	tests := []struct {
		op   report.TemporalOp
		lit  report.Operand
		want []string
	}{
		{report.TIntersects, dateLit(2022, 3, 14), []string{"day", "month"}},
		{report.TIntersects, ts(2022, 3, 12, 23), []string{"month", "range"}},
		{report.TIntersects, iv(ts(2022, 3, 12, 23), ts(2022, 3, 14, 0)), []string{"day", "month", "range"}},
		{report.TIntersects, iv(nil, dateLit(2021, 1, 1)), []string{"year"}},
		{report.TIntersects, iv(nil, nil), []string{"day", "month", "range", "year"}},
		{report.TDisjoint, dateLit(2022, 3, 14), []string{"range", "year"}},
		{report.TDuring, iv(dateLit(2022, 3, 10), dateLit(2022, 3, 14)), []string{"day", "range"}},
		{report.TDuring, iv(ts(2022, 3, 10, 1), ts(2022, 3, 15, 0)), []string{"day"}},
		{report.TDuring, iv(dateLit(2021, 1, 1), nil), []string{"day", "month", "range", "year"}},
		{report.TDuring, ts(2022, 3, 14, 0), []string{}},
		{report.TContains, dateLit(2022, 3, 11), []string{"month", "range"}},
		{report.TContains, iv(ts(2022, 3, 10, 5), ts(2022, 3, 12, 23)), []string{"month", "range"}},
		{report.TContains, iv(ts(2022, 3, 10, 5), ts(2022, 3, 13, 0)), []string{"month"}},
		{report.TBefore, dateLit(2022, 3, 13), []string{"range", "year"}},
		{report.TBefore, ts(2022, 3, 13, 0), []string{"range", "year"}},
		{report.TBefore, ts(2022, 3, 12, 23), []string{"year"}},
		{report.TAfter, dateLit(2022, 3, 13), []string{"day"}},
		{report.TAfter, ts(2022, 3, 13, 23), []string{"day"}},
		{report.TAfter, iv(nil, dateLit(2021, 12, 31)), []string{"day", "month", "range"}},
		{report.TAfter, iv(dateLit(2021, 12, 31), nil), []string{}},
	}
	for _, tt := range tests {
		for _, flipped := range []bool{false, true} {
			e := report.Temporal{Op: tt.op, Left: report.Property("date"), Right: tt.lit}
			if flipped { // the same relation, the other way round
				e.Left, e.Right = e.Right, e.Left
				e.Op = map[report.TemporalOp]report.TemporalOp{report.TBefore: report.TAfter, report.TAfter: report.TBefore,
					report.TDuring: report.TContains, report.TContains: report.TDuring}[tt.op]
				if e.Op == "" {
					e.Op = tt.op
				}
			}
			if err := report.CheckExpr(e); err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, name := range []string{"day", "month", "range", "year", "undated"} {
				if report.Match(e, &report.Event{Date: events[name]}) {
					got = append(got, name)
				}
				if report.Match(report.Not{Arg: e}, &report.Event{}) {
					t.Errorf("NOT %s holds for an undated event", e)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s holds for %q, want %q", e, got, tt.want)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	ev := &report.Event{ReportID: "r1", Title: "Floods", Lang: "en", Published: report.DayDate(2022, 3, 16), Text: "Kyiv",
		Place: report.Place{ID: 703448, Name: "Kyiv", Lat: 50.45466, Lon: 30.5238, FeatureCode: "PPLC", CountryCode: "UA", Admin1: "12"},
		Date:  report.DayDate(2022, 3, 14), Confidence: 0.8}
	p := func(s string) report.Property { return report.Property(s) }
	s := func(v string) report.StringLit { return report.StringLit(v) }
	like := func(pattern string) report.Expr { return report.Like{Arg: p("name"), Pattern: s(pattern)} }
	geo := func(g orb.Geometry) report.Expr {
		return report.Spatial{Op: report.SIntersects, Left: p("geometry"), Right: report.GeometryLit{Geometry: g}}
	}
	tests := []struct {
		e    report.Expr
		want bool
	}{
		{like("Kyiv"), true}, {like("K%"), true}, {like("%v"), true}, {like("%y%"), true}, {like("K__v"), true},
		{like("k%"), false}, {like("K_v"), false}, {like("%%%"), true}, {like(""), false}, {like(`K\yiv`), true},
		{like(`Ky\%`), false}, {like("K%i%v"), true}, {like("K%x%"), false},
		{report.Compare{Op: report.Eq, Left: p("kind"), Right: s("place")}, true},
		{report.Compare{Op: report.Ne, Left: p("source"), Right: s("wire")}, false}, // no source
		{report.Not{Arg: report.Compare{Op: report.Eq, Left: p("source"), Right: s("wire")}}, false},
		{report.Or{Args: []report.Expr{report.Compare{Op: report.Eq, Left: p("source"), Right: s("wire")}, report.BoolLit(true)}}, true},
		{report.IsNull{Arg: p("source")}, true},
		{report.IsNull{Arg: p("admin1")}, false},
		{report.Compare{Op: report.Gt, Left: p("geonameid"), Right: report.NumberLit(700000)}, true},
		{report.Compare{Op: report.Eq, Left: p("corrected"), Right: report.BoolLit(false)}, true},
		{report.In{Arg: p("country_code"), List: []report.Operand{s("SY"), s("UA")}}, true},
		{report.Between{Arg: p("published"), Low: dateLit(2022, 3, 1), High: dateLit(2022, 3, 31)}, true},
		{geo(orb.Point{30.5238, 50.45466}), true},
		{geo(orb.Point{30.523804, 50.45466}), true}, // the same point, as stored
		{geo(orb.Point{30.5239, 50.45466}), false},
		{geo(orb.Polygon{{{30, 50}, {31, 50}, {31, 51}, {30, 51}, {30, 50}}}), true},
		{geo(orb.Polygon{{{30, 50}, {31, 50}, {31, 51}, {30, 51}, {30, 50}}, {{30.5, 50.4}, {30.6, 50.4}, {30.6, 50.5}, {30.5, 50.5}, {30.5, 50.4}}}), false},
		{geo(orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, {{{30, 50}, {31, 50}, {31, 51}, {30, 50}}}}), true},
		{report.Spatial{Op: report.SDisjoint, Left: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{170, 40}, Max: orb.Point{31, 60}}}, Right: p("geometry")}, false},
		{report.Spatial{Op: report.SDisjoint, Left: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{170, 40}, Max: orb.Point{30, 60}}}, Right: p("geometry")}, true},
	}
	for _, tt := range tests {
		if err := report.CheckExpr(tt.e); err != nil {
			t.Fatal(err)
		}
		if got := report.Match(tt.e, ev); got != tt.want {
			t.Errorf("Match(%s) = %v, want %v", tt.e, got, tt.want)
		}
	}
}

// TestQueryablesAreFeatureProperties: each queryable but the geometry is a property of the
// events' GeoJSON features, of the JSON type it says.
func TestQueryablesAreFeatureProperties(t *testing.T) {
	fields := map[string]reflect.Type{}
	ft := reflect.TypeFor[report.FeatureProperties]()
	for i := range ft.NumField() {
		name, _, _ := strings.Cut(ft.Field(i).Tag.Get("json"), ",")
		fields[name] = ft.Field(i).Type
	}
	seen := map[string]bool{}
	for _, q := range report.Queryables() {
		if seen[q.Name] || q.Description == "" {
			t.Errorf("queryable %q: twice, or without a description", q.Name)
		}
		seen[q.Name] = true
		if q.Type == report.QueryGeometry {
			continue
		}
		typ, ok := fields[q.Name]
		if !ok {
			t.Errorf("queryable %q is no property of the features", q.Name)
			continue
		}
		if typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		want := map[report.QueryableType]reflect.Kind{report.QueryString: reflect.String, report.QueryDate: reflect.String,
			report.QueryInteger: reflect.Int64, report.QueryNumber: reflect.Float64, report.QueryBoolean: reflect.Bool}[q.Type]
		if typ.Kind() != want {
			t.Errorf("queryable %q of type %s is a %s property", q.Name, q.Type, typ)
		}
		if got, ok := report.QueryableNamed(q.Name); !ok || !reflect.DeepEqual(got, q) {
			t.Errorf("QueryableNamed(%q) = %+v, %v", q.Name, got, ok)
		}
	}
	qs := report.Queryables()
	qs[0].Name = "changed"
	if report.Queryables()[0].Name == "changed" {
		t.Error("Queryables returns the list itself")
	}
}

// TestDaysTest checks that a DaysTest decides, from the days alone, what Match decides of events
// of every kind of date, and that expressions reading anything but date have none.
func TestDaysTest(t *testing.T) {
	p := report.Property("date")
	march, _ := report.DateRange(report.DayDate(2022, 3, 10), report.DayDate(2022, 3, 12))
	dates := []report.Date{report.DayDate(2022, 3, 14), report.DayDate(2021, 12, 31), report.MonthDate(2022, 3),
		report.MonthDate(2021, 2), march, report.YearDate(2021), report.YearDate(2022), {}}
	iv := func(a, b report.Operand) report.IntervalLit { return report.IntervalLit{Start: a, End: b} }
	temporal := func(op report.TemporalOp, lit report.Operand) report.Expr {
		return report.Temporal{Op: op, Left: p, Right: lit}
	}
	intersects := func(y int, m time.Month) report.Expr {
		return temporal(report.TIntersects, iv(dateLit(y, m, 1), dateLit(y, m+1, 0)))
	}
	var preds []report.Expr
	for _, op := range []report.TemporalOp{report.TIntersects, report.TDisjoint, report.TDuring, report.TContains, report.TBefore, report.TAfter} {
		preds = append(preds, temporal(op, dateLit(2022, 3, 11)), temporal(op, iv(dateLit(2021, 6, 1), dateLit(2022, 3, 12))),
			temporal(op, iv(nil, dateLit(2021, 12, 31))))
	}
	preds = append(preds,
		report.Compare{Op: report.Ge, Left: p, Right: dateLit(2022, 1, 1)},
		report.Compare{Op: report.Ne, Left: dateLit(2022, 3, 14), Right: p},
		report.Between{Arg: p, Low: dateLit(2021, 1, 1), High: dateLit(2021, 12, 31)},
		report.In{Arg: p, List: []report.Operand{dateLit(2022, 3, 14), dateLit(2021, 12, 31)}},
		report.IsNull{Arg: p}, report.BoolLit(false))
	exprs := slices.Clone(preds)
	for i, a := range preds {
		b := preds[(i*7+3)%len(preds)]
		exprs = append(exprs, report.Not{Arg: a}, report.And{Args: []report.Expr{a, b}}, report.Or{Args: []report.Expr{a, report.Not{Arg: b}}})
	}
	exprs = append(exprs, report.Or{Args: []report.Expr{intersects(2021, 2), intersects(2022, 3)}})
	for _, e := range exprs {
		if err := report.CheckExpr(e); err != nil {
			t.Fatalf("%s: %v", e, err)
		}
		test, ok := report.DaysTestOf(e)
		if !ok {
			t.Errorf("%s reads the date alone, but has no DaysTest", e)
			continue
		}
		for _, d := range dates {
			want := report.Match(e, &report.Event{Date: d})
			got := test.HoldsUndated()
			if !d.IsZero() {
				got = test.Holds(report.DayOf(d.Start()), report.DayOf(d.End()))
			}
			if got != want {
				t.Errorf("%s of %v: DaysTest %v, Match %v", e, d, got, want)
			}
		}
	}
	country := report.Compare{Op: report.Eq, Left: report.Property("country_code"), Right: report.StringLit("SY")}
	for _, e := range []report.Expr{nil, country, report.And{Args: []report.Expr{intersects(2022, 3), country}},
		report.Compare{Op: report.Ge, Left: report.Property("published"), Right: dateLit(2022, 1, 1)},
		report.IsNull{Arg: report.Property("published")}} {
		if _, ok := report.DaysTestOf(e); ok {
			t.Errorf("%v reads more than the date, but has a DaysTest", e)
		}
	}
}
