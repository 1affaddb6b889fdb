package cql2_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/datelinehq/dateline/internal/cql2"
	"github.com/datelinehq/dateline/internal/report"
)

var textSeeds = []string{
	"country_code = 'SY'",
	"country_code = 'SY' AND T_INTERSECTS(date, INTERVAL('2017-10-01', '..'))",
	"name LIKE 'Par%' OR NOT (confidence BETWEEN 0.5 AND 1 AND kind IN ('country', 'admin'))",
	"date IS NULL OR admin1 IS NOT NULL OR title NOT LIKE '%\\_%'",
	"T_DURING(date, INTERVAL('..', '2017-11-30T10:00:00.25+01:00')) AND T_AFTER(DATE('2017-01-01'), published)",
	"S_INTERSECTS(geometry, BBOX(100, -60, -60, 60, 0, 10)) OR S_WITHIN(geometry, POLYGON((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1)))",
	"S_DISJOINT(MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0))), geometry) AND S_INTERSECTS(geometry, POINT(-1.5e-3 +2))",
	`"and" = TRUE AND corrected <> false AND "a b" >= -0 AND .5 < 1e3`,
	"((((geonameid = 1))))",
	"NOT NOT TRUE",
	"'it''s' = title",
	"date = DATE('0000-01-01') OR published <= TIMESTAMP('9999-12-31T23:59:59.999999999Z')",
	"x NOT IN (1, 'a', TRUE, DATE('2017-01-01'))",
	"T_INTERSECTS(date, TIMESTAMP('2017-11-16T10:00:00Z')",
	"lang != 'en'",
	"Ḥalab = 'x'",
}

// sample is an event to evaluate what parses on.
var sample = &report.Event{ReportID: "r", Title: "t", Text: "Raqqa", Published: report.DayDate(2017, 10, 16),
	Place: report.Place{ID: 163915, Name: "Ar Raqqah", Lat: 35.95, Lon: 39.01, FeatureCode: "PPLA", CountryCode: "SY"},
	Date:  report.MonthDate(2017, 10), Confidence: 0.5}

// FuzzParseText: no text makes the parser panic; an error is a *cql2.Error at an offset inside the
// text; what parses prints back as text that parses to the same expression and the same text, and
// the domain checks and evaluates it.
func FuzzParseText(f *testing.F) {
	for _, s := range textSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := cql2.ParseText(s)
		if err != nil {
			var ce *cql2.Error
			if !errors.As(err, &ce) || ce.Offset < 0 || ce.Offset > len(s) || ce.Path != "" {
				t.Fatalf("%q: error %v is not a *cql2.Error inside the text", s, err)
			}
			return
		}
		roundTrip(t, s, e)
	})
}

// FuzzParseJSON: as FuzzParseText, for CQL2 JSON: what parses prints as text that parses to the
// same expression.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{"op": "=", "args": [{"property": "country_code"}, "SY"]}`,
		`{"op": "and", "args": [{"op": "like", "args": [{"property": "name"}, "P%"]}, {"op": "in", "args": [{"property": "lang"}, ["en", "fr"]]}]}`,
		`{"op": "not", "args": [{"op": "between", "args": [{"property": "confidence"}, 0.5, 1e0]}]}`,
		`{"op": "t_intersects", "args": [{"property": "date"}, {"interval": ["2017-10-01", {"timestamp": "2017-11-30T00:00:00Z"}]}]}`,
		`{"op": "s_within", "args": [{"property": "geometry"}, {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}]}`,
		`{"op": "s_intersects", "args": [{"bbox": [1, 2, 3, 4]}, {"property": "a b"}]}`,
		`{"op": "isNull", "args": [{"property": "date"}]}`,
		`true`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := cql2.ParseJSON(b)
		if err != nil {
			var ce *cql2.Error
			if !errors.As(err, &ce) || ce.Path == "" && (ce.Offset < 0 || ce.Offset > len(b)) {
				t.Fatalf("%q: error %v is not a *cql2.Error with a path or an offset inside the JSON", b, err)
			}
			return
		}
		roundTrip(t, string(b), e)
	})
}

func roundTrip(t *testing.T, input string, e report.Expr) {
	text := e.String()
	again, err := cql2.ParseText(text)
	if err != nil {
		t.Fatalf("%q reads as %s, which does not parse: %v", input, text, err)
	}
	if again.String() != text {
		t.Fatalf("%q reads as %s, which reads as %s", input, text, again)
	}
	if !reflect.DeepEqual(again, e) {
		t.Fatalf("%q reads as %#v, its text %s as %#v", input, e, text, again)
	}
	if report.CheckExpr(e) == nil {
		report.Match(e, sample)
	}
}
