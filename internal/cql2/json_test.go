package cql2_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/cql2"
	"github.com/datelinehq/dateline/internal/report"
)

// TestParseJSON: each filter in CQL2 JSON reads as the same one in text.
func TestParseJSON(t *testing.T) {
	tests := []struct{ json, text string }{
		{`{"op": "=", "args": [{"property": "country_code"}, "SY"]}`, "country_code = 'SY'"},
		{`{"op": "<>", "args": ["it's", {"property": "title"}]}`, "'it''s' <> title"},
		{`{"op": ">=", "args": [{"property": "confidence"}, -1.5e2]}`, "confidence >= -150"},
		{`{"op": "=", "args": [{"property": "corrected"}, true]}`, "corrected = TRUE"},
		{`true`, "TRUE"},
		{`{"op": "and", "args": [{"op": "<", "args": [{"property": "confidence"}, 0.5]}, {"op": "not", "args": [{"op": "isNull", "args": [{"property": "date"}]}]}]}`,
			"confidence < 0.5 AND NOT date IS NULL"},
		{`{"op": "OR", "args": [{"op": "like", "args": [{"property": "name"}, "Par%"]}, {"op": "in", "args": [{"property": "country_code"}, ["SY", "IQ"]]}, {"op": "between", "args": [{"property": "confidence"}, 0.5, 1]}]}`,
			"name LIKE 'Par%' OR country_code IN ('SY', 'IQ') OR confidence BETWEEN 0.5 AND 1"},
		{`{"op": "t_intersects", "args": [{"property": "date"}, {"interval": ["2017-10-01", ".."]}]}`, "T_INTERSECTS(date, INTERVAL('2017-10-01', '..'))"},
		{`{"op": "t_during", "args": [{"property": "date"}, {"interval": [{"date": "2017-10-01"}, {"timestamp": "2017-11-30T12:00:00Z"}]}]}`,
			"T_DURING(date, INTERVAL('2017-10-01', '2017-11-30T12:00:00Z'))"},
		{`{"op": "t_before", "args": [{"property": "date"}, {"timestamp": "2017-11-16T10:00:00Z"}]}`, "T_BEFORE(date, TIMESTAMP('2017-11-16T10:00:00Z'))"},
		{`{"op": "=", "args": [{"property": "published"}, {"date": "2017-11-16"}]}`, "published = DATE('2017-11-16')"},
		{`{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [35, 30, 45, 40]}]}`, "S_INTERSECTS(geometry, BBOX(35, 30, 45, 40))"},
		{`{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [35, 30, 0, 45, 40, 10]}]}`, "S_INTERSECTS(geometry, BBOX(35, 30, 45, 40))"},
		{`{"op": "s_within", "args": [{"property": "geometry"}, {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}]}`,
			"S_WITHIN(geometry, POLYGON((0 0, 1 0, 1 1, 0 0)))"},
		{`{"op": "s_intersects", "args": [{"type": "Point", "coordinates": [39.01, 35.95, 300]}, {"property": "geometry"}]}`, "S_INTERSECTS(POINT(39.01 35.95), geometry)"},
		{`{"op": "s_disjoint", "args": [{"property": "geometry"}, {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]}]}`,
			"S_DISJOINT(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0))))"},
	}
	for _, tt := range tests {
		got, err := cql2.ParseJSON([]byte(tt.json))
		if err != nil {
			t.Errorf("%s: %v", tt.json, err)
			continue
		}
		want, err := cql2.ParseText(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", tt.json, got, want)
		}
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		json string
		path string // "" for an error at an offset
		want string
	}{
		{`{"op": "=", "args": [{"property": "name"}]}`, "$.args", `"=" takes 2 arguments, not 1`},
		{`{"op": "and", "args": [true]}`, "$.args", `"and" takes 2 arguments or more, not 1`},
		{`{"op": "and", "args": [true, {"op": "=", "args": [{"property": "name"}, null]}]}`, "$.args[1].args[1]", "expected a value, found null"},
		{`{"op": "and", "args": [true, {"op": "==", "args": [1, 1]}]}`, "$.args[1].op", `unknown operator "=="`},
		{`{"op": "t_meets", "args": [{"property": "date"}, {"date": "2017-01-01"}]}`, "$.op", "is not supported: the temporal operators are"},
		{`{"op": "=", "args": [{"property": "name"}, "x"], "extra": 1}`, "$", `unknown member "extra"`},
		{`{"op": 1, "args": []}`, "$.op", "expected the name of an operator, found a number"},
		{`{"op": "not", "args": {}}`, "$.args", "expected the array of the arguments"},
		{`{"args": []}`, "$", "expected a condition"},
		{`"name"`, "$", "expected a condition"},
		{`{"op": "=", "args": [{"property": ""}, "x"]}`, "$.args[0].property", "an empty property name"},
		{`{"op": "=", "args": [{"property": "a\"b"}, "x"]}`, "$.args[0].property", "without double quotes"},
		{`{"op": "=", "args": [{"property": "date"}, {"date": "2017-13-01"}]}`, "$.args[1].date", "is not a date"},
		{`{"op": "=", "args": [{"property": "date"}, {"date": 2017}]}`, "$.args[1].date", "expected a string, found a number"},
		{`{"op": "t_intersects", "args": [{"property": "date"}, {"interval": ["2017-01-01"]}]}`, "$.args[1].interval", "expected an array of a start and an end"},
		{`{"op": "t_intersects", "args": [{"property": "date"}, {"interval": ["2017-01-01", 5]}]}`, "$.args[1].interval[1]", "expected a date, a timestamp or \"..\", found a number"},
		{`{"op": "t_intersects", "args": [{"property": "date"}, {"interval": [{"property": "a"}, ".."]}]}`, "$.args[1].interval[0]", "expected a date, a timestamp"},
		{`{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [1, 2, 3]}]}`, "$.args[1].bbox", "expected an array of 4 numbers"},
		{`{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [1, 2, 3, "4"]}]}`, "$.args[1].bbox[3]", "expected a number, found a string"},
		{`{"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}]}`, "$.args[1].type", `a geometry of type "LineString" is not supported`},
		{`{"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [1]}]}`, "$.args[1].coordinates", "expected a position"},
		{`{"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Polygon", "coordinates": [[[0, 0], [1, "x"]]]}]}`, "$.args[1].coordinates[0][1][1]", "expected a number"},
		{`{"op": "in", "args": [{"property": "name"}, []]}`, "$.args[1]", `expected the array of the values of "in"`},
		{`{"op": "in", "args": [{"property": "name"}, ["a", [1]]]}`, "$.args[1][1]", "expected a value, found an array"},
		{`{"op": "=", "args": [{"property": "x"}, 1e999]}`, "$.args[1]", "the number 1e999 is out of range"},
		{`{"op": "=", "args": [{"op": "casei", "args": [{"property": "name"}]}, "x"]}`, "$.args[0]", "a condition or a function"},
		{`{"op": "=", "args": [`, "", "the JSON ends early"},
		{`{"op": "=", "args": [1, 2]}}`, "", "more follows the filter's JSON"},
		{`{"op": "=" "args": [1, 2]}`, "", "no JSON"},
		{``, "", "the JSON ends early"},
	}
	for _, tt := range tests {
		_, err := cql2.ParseJSON([]byte(tt.json))
		var e *cql2.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: error %v, want a *cql2.Error", tt.json, err)
			continue
		}
		if e.Path != tt.path || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v (path %q), want at %q: %s", tt.json, err, e.Path, tt.path, tt.want)
		}
		if tt.path == "" && (e.Offset < 0 || e.Offset > len(tt.json)) {
			t.Errorf("%s: error at offset %d", tt.json, e.Offset)
		}
		if report.ErrorKind(err) != report.Invalid {
			t.Errorf("%s: error %v is not of kind Invalid", tt.json, err)
		}
	}
}

func TestParseJSONDepth(t *testing.T) {
	doc := strings.Repeat(`{"op": "not", "args": [`, report.MaxExprDepth) + "true" + strings.Repeat("]}", report.MaxExprDepth)
	if _, err := cql2.ParseJSON([]byte(doc)); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("%d NOTs: %v", report.MaxExprDepth, err)
	}
}
