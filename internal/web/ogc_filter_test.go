package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/cql2"
	"github.com/datelinehq/dateline/internal/ogc"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// filterServer is ogcServer's reports and one without a date or a source, whose events are
// undated: IS NULL selects them.
func filterServer(t *testing.T) *testServer {
	t.Helper()
	ts := ogcServer(t)
	res, body := ts.post(t, "application/json", `{"title":"Convoys","text":"Aid convoys reached Aleppo and Homs.","lang":"en"}`)
	wantStatus(t, res, body, http.StatusCreated)
	return ts
}

// allEvents are every event of the store, read from it directly: what report.Match is applied to.
func allEvents(t *testing.T, ts *testServer) []report.Event {
	t.Helper()
	es, err := ts.store.EventsAfter(t.Context(), report.EventFilter{}, report.EventKey{}, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// matchIDs are the ids of the events of es that e holds for, by report.Match.
func matchIDs(e report.Expr, es []report.Event) []int64 {
	ids := []int64{}
	for i := range es {
		if report.Match(e, &es[i]) {
			ids = append(ids, es[i].MentionID)
		}
	}
	return ids
}

// itemIDs are the ids of the items of the query, on one page, checked against numberMatched.
func itemIDs(t *testing.T, ts *testServer, query string) []int64 {
	t.Helper()
	_, body := ts.get(t, itemsPath+"?limit=10000&"+query, http.StatusOK)
	p := parseOGCPage(t, body)
	if p.Matched != p.Returned {
		t.Fatalf("%s: numberMatched %d, %d on the page of 10000", query, p.Matched, p.Returned)
	}
	ids := featureIDs(t, p.FC.Features)
	if ids == nil {
		ids = []int64{}
	}
	return ids
}

// union, minus and intersect are sets of ids, sorted.
func union(sets ...[]int64) []int64 {
	var all []int64
	for _, s := range sets {
		all = append(all, s...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

func minus(a, b []int64) []int64 {
	out := []int64{}
	for _, id := range a {
		if !slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return union(out)
}

func intersect(a, b []int64) []int64 {
	out := []int64{}
	for _, id := range a {
		if slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return union(out)
}

func filterQuery(filter, lang string) string {
	v := url.Values{"filter": {filter}}
	if lang != "" {
		v.Set("filter-lang", lang)
	}
	return v.Encode()
}

// TestOGCFilter: for each family of CQL2 operators, a filter in CQL2 text and the same in CQL2
// JSON select the same events, those report.Match keeps of all the store's events and, where the
// plain parameters can say it, those the plain parameters select. Each case selects some events
// and not all, so that it can fail.
func TestOGCFilter(t *testing.T) {
	ts := filterServer(t)
	es := allEvents(t, ts)
	all := union(itemIDs(t, ts, ""))
	if len(all) != len(es) || len(all) < 50 {
		t.Fatalf("%d items, %d events in the store", len(all), len(es))
	}
	plain := func(q string) []int64 { return union(itemIDs(t, ts, q)) }

	// Suva's point as the features write it: POINT and S_INTERSECTS find it.
	_, body := ts.get(t, itemsPath+"?bbox=178,-20,179,-17", http.StatusOK)
	suva := parseOGCPage(t, body).FC.Features[0]
	pt := suva.Geometry.(orb.Point)
	lon, lat := strconv.FormatFloat(pt.Lon(), 'f', -1, 64), strconv.FormatFloat(pt.Lat(), 'f', -1, 64)
	suvaID := strconv.FormatFloat(suva.Properties["geonameid"].(float64), 'f', -1, 64)

	prop := func(name string) string { return `{"property": "` + name + `"}` }
	op := func(name string, args ...string) string {
		return `{"op": "` + name + `", "args": [` + strings.Join(args, ", ") + `]}`
	}
	interval := func(a, b string) string { return `{"interval": ["` + a + `", "` + b + `"]}` }
	rect := "POLYGON((35 30, 45 30, 45 40, 35 40, 35 30))"
	rectJSON := `{"type": "Polygon", "coordinates": [[[35, 30], [45, 30], [45, 40], [35, 40], [35, 30]]]}`

	for _, tt := range []struct {
		name, text, json string
		plain            func() []int64 // the same selection by the plain parameters; nil when they cannot say it
	}{
		{"=", "country_code = 'SY'", op("=", prop("country_code"), `"SY"`), func() []int64 { return plain("country_code=SY") }},
		{"<>", "country_code <> 'SY'", op("<>", prop("country_code"), `"SY"`), func() []int64 { return minus(all, plain("country_code=SY")) }},
		{"< on a number", "confidence < 0.9", op("<", prop("confidence"), "0.9"), nil},
		{"<= on a number", "confidence <= 0.9", op("<=", prop("confidence"), "0.9"), nil},
		{"> on a number", "geonameid > 300000", op(">", prop("geonameid"), "300000"), nil},
		{">= on a number", "geonameid >= 300000", op(">=", prop("geonameid"), "300000"), nil},
		{"< on a date", "date < DATE('2017-11-01')", op("<", prop("date"), `{"date": "2017-11-01"}`), nil},
		{">= on a date", "date >= DATE('2017-11-01')", op(">=", prop("date"), `{"date": "2017-11-01"}`), nil},
		{"= on a date", "date = DATE('2017-11-16')", op("=", prop("date"), `{"date": "2017-11-16"}`), nil},
		{"= on a string, literal first", "'en' = lang", op("=", `"en"`, prop("lang")), func() []int64 { return plain("lang=en") }},
		{"AND", "country_code = 'SY' AND lang = 'en'", op("and", op("=", prop("country_code"), `"SY"`), op("=", prop("lang"), `"en"`)),
			func() []int64 { return plain("country_code=SY&lang=en") }},
		{"OR", "country_code = 'SY' OR country_code = 'FJ'", op("or", op("=", prop("country_code"), `"SY"`), op("=", prop("country_code"), `"FJ"`)),
			func() []int64 { return union(plain("country_code=SY"), plain("country_code=FJ")) }},
		{"NOT", "NOT country_code = 'SY'", op("not", op("=", prop("country_code"), `"SY"`)), func() []int64 { return minus(all, plain("country_code=SY")) }},
		{"NOT of AND in parentheses", "NOT (country_code = 'SY' AND lang = 'en')",
			op("not", op("and", op("=", prop("country_code"), `"SY"`), op("=", prop("lang"), `"en"`))),
			func() []int64 { return minus(all, plain("country_code=SY&lang=en")) }},
		{"LIKE", "name LIKE 'S%'", op("like", prop("name"), `"S%"`), nil},
		{"LIKE with _", "country_code LIKE '_Q'", op("like", prop("country_code"), `"_Q"`), func() []int64 { return plain("country_code=IQ") }},
		{"NOT LIKE", "name NOT LIKE '%a%'", op("not", op("like", prop("name"), `"%a%"`)), nil},
		{"IN", "country_code IN ('SY', 'FJ')", op("in", prop("country_code"), `["SY", "FJ"]`),
			func() []int64 { return union(plain("country_code=SY"), plain("country_code=FJ")) }},
		{"IN of numbers", "geonameid IN (" + suvaID + ", 1)", op("in", prop("geonameid"), "["+suvaID+", 1]"), func() []int64 { return plain("geonameid=" + suvaID) }},
		{"BETWEEN", "confidence BETWEEN 0.5 AND 0.95", op("between", prop("confidence"), "0.5", "0.95"), nil},
		{"BETWEEN dates", "date BETWEEN DATE('2017-10-01') AND DATE('2017-11-30')", op("between", prop("date"), `{"date": "2017-10-01"}`, `{"date": "2017-11-30"}`), nil},
		{"IS NULL", "date IS NULL", op("isNull", prop("date")), func() []int64 { return minus(all, plain("datetime=../..")) }},
		{"IS NOT NULL", "date IS NOT NULL", op("not", op("isNull", prop("date"))), func() []int64 { return plain("datetime=../..") }},
		{"IS NULL of a string", "source IS NULL", op("isNull", prop("source")), nil},
		{"T_INTERSECTS a DATE", "T_INTERSECTS(date, DATE('2017-11-16'))", op("t_intersects", prop("date"), `{"date": "2017-11-16"}`),
			func() []int64 { return plain("datetime=2017-11-16") }},
		{"T_INTERSECTS a TIMESTAMP", "T_INTERSECTS(date, TIMESTAMP('2017-11-16T10:00:00Z'))", op("t_intersects", prop("date"), `{"timestamp": "2017-11-16T10:00:00Z"}`),
			func() []int64 { return plain("datetime=2017-11-16T10:00:00Z") }},
		{"T_INTERSECTS an INTERVAL", "T_INTERSECTS(date, INTERVAL('2017-10-01', '2017-11-30'))", op("t_intersects", prop("date"), interval("2017-10-01", "2017-11-30")),
			func() []int64 { return plain("datetime=2017-10-01/2017-11-30") }},
		{"T_INTERSECTS an INTERVAL of TIMESTAMPs", "T_INTERSECTS(date, INTERVAL('2017-10-01T00:00:00Z', '2017-11-30T12:00:00Z'))",
			op("t_intersects", prop("date"), interval("2017-10-01T00:00:00Z", "2017-11-30T12:00:00Z")),
			func() []int64 { return plain("datetime=2017-10-01T00:00:00Z/2017-11-30T12:00:00Z") }},
		{"T_INTERSECTS an INTERVAL open at its end", "T_INTERSECTS(date, INTERVAL('2017-11-01', '..'))", op("t_intersects", prop("date"), interval("2017-11-01", "..")),
			func() []int64 { return plain("datetime=2017-11-01/..") }},
		{"T_INTERSECTS an INTERVAL open at its start", "T_INTERSECTS(date, INTERVAL('..', '2017-10-31'))", op("t_intersects", prop("date"), interval("..", "2017-10-31")),
			func() []int64 { return plain("datetime=../2017-10-31") }},
		{"T_DURING", "T_DURING(date, INTERVAL('2017-10-01', '2017-11-30'))", op("t_during", prop("date"), interval("2017-10-01", "2017-11-30")), nil},
		{"T_DURING open at its end", "T_DURING(date, INTERVAL('2017-11-01', '..'))", op("t_during", prop("date"), interval("2017-11-01", "..")), nil},
		{"T_BEFORE a DATE", "T_BEFORE(date, DATE('2017-11-01'))", op("t_before", prop("date"), `{"date": "2017-11-01"}`), nil},
		{"T_BEFORE a TIMESTAMP", "T_BEFORE(date, TIMESTAMP('2017-11-01T00:00:00Z'))", op("t_before", prop("date"), `{"timestamp": "2017-11-01T00:00:00Z"}`), nil},
		{"T_AFTER a DATE", "T_AFTER(date, DATE('2017-11-01'))", op("t_after", prop("date"), `{"date": "2017-11-01"}`), nil},
		{"T_AFTER an INTERVAL", "T_AFTER(date, INTERVAL('..', '2017-10-31'))", op("t_after", prop("date"), interval("..", "2017-10-31")), nil},
		{"T_INTERSECTS the report's date", "T_INTERSECTS(published, INTERVAL('2017-11-01', '2017-11-30'))",
			op("t_intersects", prop("published"), interval("2017-11-01", "2017-11-30")), nil},
		{"S_INTERSECTS a BBOX", "S_INTERSECTS(geometry, BBOX(35, 30, 45, 40))", op("s_intersects", prop("geometry"), `{"bbox": [35, 30, 45, 40]}`),
			func() []int64 { return plain("bbox=35,30,45,40") }},
		{"S_INTERSECTS a BBOX across the antimeridian", "S_INTERSECTS(geometry, BBOX(170, -25, -170, -10))",
			op("s_intersects", prop("geometry"), `{"bbox": [170, -25, -170, -10]}`), func() []int64 { return plain("bbox=170,-25,-170,-10") }},
		{"S_INTERSECTS a POINT", "S_INTERSECTS(geometry, POINT(" + lon + " " + lat + "))",
			op("s_intersects", prop("geometry"), `{"type": "Point", "coordinates": [`+lon+`, `+lat+`]}`), func() []int64 { return plain("geonameid=" + suvaID) }},
		{"S_INTERSECTS a POLYGON", "S_INTERSECTS(geometry, " + rect + ")", op("s_intersects", prop("geometry"), rectJSON),
			func() []int64 { return plain("bbox=35,30,45,40") }},
		{"S_WITHIN a POLYGON", "S_WITHIN(geometry, " + rect + ")", op("s_within", prop("geometry"), rectJSON), func() []int64 { return plain("bbox=35,30,45,40") }},
		{"S_WITHIN a BBOX", "S_WITHIN(geometry, BBOX(35, 30, 45, 40))", op("s_within", prop("geometry"), `{"bbox": [35, 30, 45, 40]}`),
			func() []int64 { return plain("bbox=35,30,45,40") }},
		{"S_WITHIN a triangle", "S_WITHIN(geometry, POLYGON((35 30, 45 30, 35 40, 35 30)))",
			op("s_within", prop("geometry"), `{"type": "Polygon", "coordinates": [[[35, 30], [45, 30], [35, 40], [35, 30]]]}`), nil},
		{"OR of two T_INTERSECTS", "T_INTERSECTS(date, INTERVAL('2017-10-01', '2017-10-31')) OR T_INTERSECTS(date, INTERVAL('2017-12-01', '2017-12-31'))",
			op("or", op("t_intersects", prop("date"), interval("2017-10-01", "2017-10-31")), op("t_intersects", prop("date"), interval("2017-12-01", "2017-12-31"))),
			func() []int64 { return union(plain("datetime=2017-10"), plain("datetime=2017-12")) }},
		{"OR of overlapping dates", "T_INTERSECTS(date, INTERVAL('2017-10-01', '2017-11-30')) OR T_INTERSECTS(date, DATE('2017-11-16')) OR date = DATE('2017-11-15')",
			op("or", op("t_intersects", prop("date"), interval("2017-10-01", "2017-11-30")), op("t_intersects", prop("date"), `{"date": "2017-11-16"}`),
				op("=", prop("date"), `{"date": "2017-11-15"}`)),
			func() []int64 { return plain("datetime=2017-10-01/2017-11-30") }},
		{"OR of a box and a month that overlap", "S_INTERSECTS(geometry, BBOX(35, 30, 45, 40)) OR T_INTERSECTS(date, INTERVAL('2017-11-01', '2017-11-30'))",
			op("or", op("s_intersects", prop("geometry"), `{"bbox": [35, 30, 45, 40]}`), op("t_intersects", prop("date"), interval("2017-11-01", "2017-11-30"))),
			func() []int64 { return union(plain("bbox=35,30,45,40"), plain("datetime=2017-11")) }},
		{"AND of ORs", "(T_INTERSECTS(date, DATE('2017-10-14')) OR T_INTERSECTS(date, DATE('2017-11-17'))) AND (S_INTERSECTS(geometry, BBOX(38, 33, 42, 37)) OR country_code = 'IQ')",
			op("and", op("or", op("t_intersects", prop("date"), `{"date": "2017-10-14"}`), op("t_intersects", prop("date"), `{"date": "2017-11-17"}`)),
				op("or", op("s_intersects", prop("geometry"), `{"bbox": [38, 33, 42, 37]}`), op("=", prop("country_code"), `"IQ"`))), nil},
		{"a bit of everything", "(country_code IN ('SY', 'IQ') OR S_INTERSECTS(geometry, BBOX(170, -25, -170, -10))) AND NOT lang = 'fr' AND T_INTERSECTS(date, INTERVAL('2017-10-01', '..'))",
			op("and", op("or", op("in", prop("country_code"), `["SY", "IQ"]`), op("s_intersects", prop("geometry"), `{"bbox": [170, -25, -170, -10]}`)),
				op("not", op("=", prop("lang"), `"fr"`)), op("t_intersects", prop("date"), interval("2017-10-01", ".."))), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, err := cql2.ParseText(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			want := union(matchIDs(e, es))
			if len(want) == 0 || len(want) == len(all) {
				t.Fatalf("%s: Match keeps %d events of %d: the case tests nothing", tt.text, len(want), len(all))
			}
			got := union(itemIDs(t, ts, filterQuery(tt.text, "")))
			if !slices.Equal(got, want) {
				t.Errorf("%s: %d events, report.Match %d:\n got %v\nwant %v", tt.text, len(got), len(want), got, want)
			}
			if asJSON := union(itemIDs(t, ts, filterQuery(tt.json, ogc.CQL2JSON))); !slices.Equal(asJSON, got) {
				t.Errorf("%s in CQL2 JSON: %d events, in text %d:\n%v\n%v", tt.json, len(asJSON), len(got), asJSON, got)
			}
			if explicit := union(itemIDs(t, ts, filterQuery(tt.text, ogc.CQL2Text))); !slices.Equal(explicit, got) {
				t.Errorf("%s with filter-lang=cql2-text: %v, without %v", tt.text, explicit, got)
			}
			if tt.plain != nil {
				if p := tt.plain(); !slices.Equal(p, got) {
					t.Errorf("%s: %d events, the plain parameters %d:\n got %v\nwant %v", tt.text, len(got), len(p), got, p)
				}
			}
		})
	}

	// The filter selects with (AND) the other parameters.
	t.Run("with the other parameters", func(t *testing.T) {
		for _, other := range []string{"bbox=35,30,45,40", "datetime=2017-11", "bbox=35,30,45,40&datetime=2017-10/2017-11", "country_code=SY", "lang=en",
			"q=" + url.QueryEscape("Raqqa"), "source=" + url.QueryEscape("Pacific wire"), "geonameid=" + suvaID} {
			const filter = "T_INTERSECTS(date, INTERVAL('2017-10-15', '..')) OR S_INTERSECTS(geometry, BBOX(170, -25, -170, -10))"
			e, err := cql2.ParseText(filter)
			if err != nil {
				t.Fatal(err)
			}
			want := intersect(plain(other), matchIDs(e, es))
			if len(want) == 0 {
				t.Fatalf("%s and the filter select nothing: the case tests nothing", other)
			}
			if got := plain(other + "&" + filterQuery(filter, "")); !slices.Equal(got, want) {
				t.Errorf("%s and the filter: %v, want %v", other, got, want)
			}
		}
	})
	// Undated events satisfy neither a condition on the date nor its negation.
	t.Run("three-valued NOT", func(t *testing.T) {
		before := plain(filterQuery("T_BEFORE(date, DATE('2017-11-01'))", ""))
		notBefore := plain(filterQuery("NOT T_BEFORE(date, DATE('2017-11-01'))", ""))
		undated := plain(filterQuery("date IS NULL", ""))
		if len(undated) == 0 || !slices.Equal(union(before, notBefore, undated), all) || len(intersect(notBefore, undated)) > 0 {
			t.Errorf("before %d, not before %d, undated %d, all %d", len(before), len(notBefore), len(undated), len(all))
		}
	})
}

// TestOGCFilterPaging: next followed to the end with a filter, in text and JSON, lists each event
// the filter selects once, as many as numberMatched, in the list's order; every next and prev
// link keeps filter and filter-lang as the request wrote them.
func TestOGCFilterPaging(t *testing.T) {
	ts := ogcServer(t)
	for _, tt := range []struct{ filter, lang string }{
		{"country_code IN ('SY', 'IQ') AND (T_INTERSECTS(date, INTERVAL('2017-10-01', '2017-10-31')) OR T_INTERSECTS(date, INTERVAL('2017-12-01', '..')))", ""},
		{`{"op": "or", "args": [{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [170, -25, -170, -10]}]}, {"op": "like", "args": [{"property": "name"}, "%a%"]}]}`, ogc.CQL2JSON},
	} {
		t.Run(tt.filter, func(t *testing.T) {
			query := "limit=3&" + filterQuery(tt.filter, tt.lang)
			got, matched, pages := walk(t, ts, query, nil)
			want := itemIDs(t, ts, filterQuery(tt.filter, tt.lang))
			if len(pages) < 4 {
				t.Fatalf("%d pages: the case tests nothing", len(pages))
			}
			if ids := featureIDs(t, got); len(got) != matched || !slices.Equal(ids, want) {
				t.Errorf("next to the end: %d events, numberMatched %d:\n got %v\nwant %v", len(got), matched, ids, want)
			}
			for i := 1; i < len(got); i++ {
				if featureKey(t, got[i-1]).Compare(featureKey(t, got[i])) >= 0 {
					t.Errorf("event %v does not sort after %v", got[i].ID, got[i-1].ID)
				}
			}
			for _, u := range pages[1:] {
				v := mustParseURL(t, u).Query()
				if v.Get("filter") != tt.filter || v.Get("filter-lang") != tt.lang || v.Get("limit") != "3" || v.Get("after") == "" {
					t.Fatalf("next %s does not keep the filter", u)
				}
			}
			_, body := ts.get(t, pages[len(pages)-1], http.StatusOK)
			prev := link(parseOGCPage(t, body).Links, "prev", ogc.MediaGeoJSON)
			if v := mustParseURL(t, prev).Query(); v.Get("filter") != tt.filter || v.Get("filter-lang") != tt.lang || v.Get("before") == "" {
				t.Errorf("prev %s does not keep the filter", prev)
			}
		})
	}
}

// TestOGCFilterErrors: a filter that cannot be read, names no queryable or compares values of
// different types, a filter-lang or filter-crs this server does not take, and a filter given
// twice, are 400s whose JSON error names the parameter and says where and why.
func TestOGCFilterErrors(t *testing.T) {
	ts := ogcServer(t)
	type exception struct {
		Code, Description, Parameter, Token, Path string
		Offset                                    *int
	}
	get := func(t *testing.T, query, param string) exception {
		t.Helper()
		res, body := ts.get(t, itemsPath+"?"+query, http.StatusBadRequest)
		wantOGCError(t, res, body, http.StatusBadRequest, param)
		var e exception
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatal(err)
		}
		if e.Code != "InvalidParameterValue" {
			t.Errorf("code %q", e.Code)
		}
		return e
	}
	for _, tt := range []struct {
		name, filter, lang string
		offset             int    // -1: none
		token, path        string // the token at offset; the JSON path
		says               string // in the description
	}{
		{"a syntax error", "country_code = 'SY' AND AND lang = 'en'", "", 24, "AND", "", "byte 24"},
		{"an unclosed string", "country_code = 'SY", "", 15, "'SY", "", "byte 15"},
		{"the end too early", "country_code =", "", 14, "", "", "byte 14, its end"},
		{"an unknown function", "T_MEETS(date, DATE('2017-11-01'))", "", 0, "T_MEETS", "", "T_MEETS"},
		{"an unknown property", "cuntry_code = 'SY'", "", -1, "", "", `unknown property "cuntry_code"`},
		{"a property of another case", "Country_Code = 'SY'", "", -1, "", "", `did you mean "country_code"`},
		{"a type mismatch", "confidence = 'high'", "", -1, "", "", "confidence"},
		{"LIKE on a number", "geonameid LIKE '12%'", "", -1, "", "", "LIKE"},
		{"a temporal operator on a string", "T_INTERSECTS(name, DATE('2017-11-01'))", "", -1, "", "", "name"},
		{"a spatial operator on a date", "S_INTERSECTS(date, BBOX(1, 2, 3, 4))", "", -1, "", "", "date"},
		{"a JSON error at a path", `{"op": "=", "args": [{"property": "name"}]}`, ogc.CQL2JSON, -1, "", "$.args", "$.args"},
		{"a JSON syntax error", `{"op": "=" "args": []}`, ogc.CQL2JSON, 12, "", "", "byte 12"}, // encoding/json's offset: after the bad byte
		{"text as JSON", "country_code = 'SY'", ogc.CQL2JSON, 1, "", "", "cql2-json"},
		{"JSON as text", `{"op": "=", "args": [{"property": "name"}, "x"]}`, "", 0, "{", "", "byte 0"},
		{"an unknown property in JSON", `{"op": "=", "args": [{"property": "nom"}, "x"]}`, ogc.CQL2JSON, -1, "", "", `unknown property "nom"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := get(t, filterQuery(tt.filter, tt.lang), "filter")
			switch {
			case tt.offset < 0 && e.Offset != nil:
				t.Errorf("offset %d, want none", *e.Offset)
			case tt.offset >= 0 && (e.Offset == nil || *e.Offset != tt.offset):
				t.Errorf("offset %v, want %d", e.Offset, tt.offset)
			}
			if e.Token != tt.token || e.Path != tt.path || !strings.Contains(e.Description, tt.says) {
				t.Errorf("token %q, path %q, description %q; want %q, %q and %q in it", e.Token, e.Path, e.Description, tt.token, tt.path, tt.says)
			}
		})
	}
	for _, tt := range []struct{ name, query, param, says string }{
		{"a filter-lang of the drafts", filterQuery("country_code = 'SY'", "cql-text"), "filter-lang", "cql2-text"},
		{"a filter-lang alone", "filter-lang=ecql", "filter-lang", "ecql"},
		{"a filter-crs of EPSG", "filter-crs=" + url.QueryEscape("http://www.opengis.net/def/crs/EPSG/0/4326") + "&" + filterQuery("S_INTERSECTS(geometry, BBOX(30, 35, 40, 45))", ""),
			"filter-crs", "EPSG/0/4326"},
		{"a filter given twice", filterQuery("country_code = 'SY'", "") + "&" + filterQuery("lang = 'en'", ""), "filter", "2 times"},
		{"filter-lang given twice", "filter-lang=cql2-text&filter-lang=cql2-json", "filter-lang", "2 times"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if e := get(t, tt.query, tt.param); !strings.Contains(e.Description, tt.says) || e.Offset != nil {
				t.Errorf("description %q does not say %q, or has an offset", e.Description, tt.says)
			}
		})
	}
	// CRS84 by its name is the default.
	_, body := ts.get(t, itemsPath+"?filter-crs="+url.QueryEscape(ogc.CRS84)+"&"+filterQuery("S_INTERSECTS(geometry, BBOX(35, 30, 45, 40))", ""), http.StatusOK)
	_, plain := ts.get(t, itemsPath+"?bbox=35,30,45,40", http.StatusOK)
	if a, b := parseOGCPage(t, body), parseOGCPage(t, plain); a.Matched != b.Matched || a.Matched == 0 {
		t.Errorf("filter-crs CRS84: %d events, bbox %d", a.Matched, b.Matched)
	}
	// A browser is shown the error as a page that names the parameter.
	res, html := ts.get(t, itemsPath+"?"+filterQuery("cuntry = 'SY'", ""), http.StatusBadRequest, "Accept", "text/html")
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(html), "cuntry") {
		t.Errorf("an HTML error: %s %.300s", ct, html)
	}
}

// TestOGCQueryables: the collection links its queryables; the document is a JSON Schema of
// application/schema+json whose properties are report.Queryables exactly, with their types,
// formats, titles, descriptions and values, and no other; its page lists them, in English and
// French; every name it lists is one a filter may use.
func TestOGCQueryables(t *testing.T) {
	ts := ogcServer(t)
	const path = "/ogc/collections/events/queryables"
	_, body := ts.get(t, "/ogc/collections/events", http.StatusOK)
	var col struct{ Links []ogc.Link }
	if err := json.Unmarshal(body, &col); err != nil {
		t.Fatal(err)
	}
	href := link(col.Links, ogc.RelQueryables, ogc.MediaSchema)
	if href == "" || mustParseURL(t, href).Path != path || link(col.Links, ogc.RelQueryables, ogc.MediaHTML) == "" {
		t.Fatalf("the collection's links to its queryables: %+v", col.Links)
	}

	res, body := ts.get(t, href, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != ogc.MediaSchema {
		t.Errorf("Content-Type %q, want %s", ct, ogc.MediaSchema)
	}
	var doc struct {
		Schema     string `json:"$schema"`
		ID         string `json:"$id"`
		Type       string
		Properties map[string]struct {
			Ref                              string `json:"$ref"`
			Title, Description, Type, Format string
			Enum                             []string
		}
		AdditionalProperties *bool
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "https://json-schema.org/draft/2020-12/schema" || doc.ID != ts.URL+path || doc.Type != "object" ||
		doc.AdditionalProperties == nil || *doc.AdditionalProperties {
		t.Errorf("$schema %q, $id %q, type %q, additionalProperties %v", doc.Schema, doc.ID, doc.Type, doc.AdditionalProperties)
	}
	qs := report.Queryables()
	if len(doc.Properties) != len(qs) {
		t.Errorf("%d properties, %d queryables", len(doc.Properties), len(qs))
	}
	wantType := map[report.QueryableType][2]string{
		report.QueryString: {"string", ""}, report.QueryInteger: {"integer", ""}, report.QueryNumber: {"number", ""},
		report.QueryBoolean: {"boolean", ""}, report.QueryDate: {"string", "date"}, report.QueryGeometry: {"", "geometry-point"},
	}
	for _, q := range qs {
		p, ok := doc.Properties[q.Name]
		if !ok {
			t.Errorf("the queryable %s is missing", q.Name)
			continue
		}
		if w := wantType[q.Type]; p.Type != w[0] || p.Format != w[1] || p.Title == "" || !strings.HasPrefix(p.Description, q.Description) || !slices.Equal(p.Enum, q.Enum) {
			t.Errorf("%s: %+v, want type %q, format %q, a title, %q, enum %q", q.Name, p, w[0], w[1], q.Description, q.Enum)
		}
		if q.Type == report.QueryGeometry && p.Ref != "https://geojson.org/schema/Point.json" {
			t.Errorf("%s: $ref %q", q.Name, p.Ref)
		}
		// A filter may name it: IS NULL type-checks on every property.
		ts.get(t, itemsPath+"?limit=1&"+filterQuery(q.Name+" IS NULL", ""), http.StatusOK)
	}
	if !slices.Equal(slices.Collect(func(yield func(string) bool) {
		for _, q := range qs {
			if _, ok := doc.Properties[q.Name]; ok && !yield(q.Name) {
				return
			}
		}
	}), func() []string {
		var names []string
		for _, q := range qs {
			names = append(names, q.Name)
		}
		return names
	}()) {
		t.Error("the properties are not the queryables")
	}

	// The page, in both languages.
	for _, tt := range []struct{ ui, title, lang string }{{"en", "Queryables", "en"}, {"fr", "Propriétés filtrables", "fr"}} {
		res, html := ts.get(t, path+"?f=html&ui="+tt.ui, http.StatusOK)
		page := string(html)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(page, `class="site-header"`) ||
			!strings.Contains(page, "<h1>"+tt.title) || !strings.Contains(page, `<html lang="`+tt.lang+`"`) {
			t.Errorf("%s: %s %.500s", tt.ui, ct, page)
		}
		for _, q := range qs {
			if !strings.Contains(page, `<tr id="q-`+q.Name+`"><td><code>`+q.Name+`</code>`) {
				t.Errorf("%s: the page does not list %s", tt.ui, q.Name)
			}
		}
		if !strings.Contains(page, `rel="self" type="text/html"`) || !strings.Contains(page, `rel="alternate" type="application/schema+json"`) {
			t.Errorf("%s: the page lacks its self and alternate links", tt.ui)
		}
	}
	// Another collection has none; a parameter of items is no parameter of the queryables.
	res, body = ts.get(t, "/ogc/collections/reports/queryables", http.StatusNotFound)
	wantOGCError(t, res, body, http.StatusNotFound, "")
	res, body = ts.get(t, path+"?filter=x", http.StatusBadRequest)
	wantOGCError(t, res, body, http.StatusBadRequest, "filter")
}

// TestOGCFilterConformance: /conformance claims Part 3's queryables, filter and features-filter
// and the classes of CQL2 the parsers implement whole, and none they implement in part.
func TestOGCFilterConformance(t *testing.T) {
	ts := ogcServer(t)
	_, body := ts.get(t, "/ogc/conformance", http.StatusOK)
	var conf struct{ ConformsTo []string }
	if err := json.Unmarshal(body, &conf); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
		"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
		"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
		"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
		"http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
		"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
	} {
		if !slices.Contains(conf.ConformsTo, c) {
			t.Errorf("conformsTo lacks %s", c)
		}
	}
	for _, c := range []string{"temporal-functions", "spatial-functions", "basic-spatial-functions-plus", "case-insensitive-comparison",
		"accent-insensitive-comparison", "array-functions", "arithmetic", "functions", "property-property"} {
		if slices.Contains(conf.ConformsTo, "http://www.opengis.net/spec/cql2/1.0/conf/"+c) {
			t.Errorf("conformsTo claims %s, which the parsers implement in part at most", c)
		}
	}
	for _, c := range []string{"queryables-query-parameters"} {
		if slices.Contains(conf.ConformsTo, "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/"+c) {
			t.Errorf("conformsTo claims %s", c)
		}
	}
	// An operator of a class not claimed is refused, not ignored.
	for _, f := range []string{"T_EQUALS(date, DATE('2017-11-16'))", "S_CROSSES(geometry, BBOX(1, 2, 3, 4))", "CASEI(name) = 'raqqa'", "confidence + 1 > 1"} {
		res, body := ts.get(t, itemsPath+"?"+filterQuery(f, ""), http.StatusBadRequest)
		wantOGCError(t, res, body, http.StatusBadRequest, "filter")
	}
}

// TestOGCFilterHTML: the items' page of a filter shows it in its form, counts what it selects,
// keeps it in its pager's links, and links the queryables.
func TestOGCFilterHTML(t *testing.T) {
	ts := ogcServer(t)
	const filter = "country_code = 'SY' AND T_INTERSECTS(date, INTERVAL('2017-10-01', '..'))"
	for _, ui := range []string{"en", "fr"} {
		query := "limit=2&ui=" + ui + "&" + filterQuery(filter, "")
		_, body := ts.get(t, itemsPath+"?"+query, http.StatusOK)
		p := parseOGCPage(t, body)
		if p.Matched < 3 {
			t.Fatalf("%d events: the case tests nothing", p.Matched)
		}
		_, html := ts.get(t, itemsPath+"?f=html&"+query, http.StatusOK)
		page := string(html)
		count := fmt.Sprintf("%d features match; %d on this page.", p.Matched, p.Returned)
		if ui == "fr" {
			count = fmt.Sprintf("%d entités correspondent ; %d sur cette page.", p.Matched, p.Returned)
		}
		if !strings.Contains(page, count) {
			t.Errorf("%s: the page does not count %d and %d", ui, p.Matched, p.Returned)
		}
		if !strings.Contains(page, `name="filter" value="country_code = &#39;SY&#39; AND T_INTERSECTS(date, INTERVAL(&#39;2017-10-01&#39;, &#39;..&#39;))"`) {
			t.Errorf("%s: the form does not hold the filter", ui)
		}
		if !strings.Contains(page, "/ogc/collections/events/queryables?f=html") {
			t.Errorf("%s: the page does not link the queryables", ui)
		}
		next := link(p.Links, "next", ogc.MediaGeoJSON)
		wantNext := strings.Replace(next, "f=json", "f=html", 1)
		if next == "" || !strings.Contains(page, `href="`+strings.ReplaceAll(wantNext, "&", "&amp;")+`" rel="next"`) {
			t.Errorf("%s: the page's next link is not %s", ui, wantNext)
		}
	}
	// A filter in JSON keeps its language in the form.
	_, html := ts.get(t, itemsPath+"?f=html&"+filterQuery(`{"op": "=", "args": [{"property": "lang"}, "en"]}`, ogc.CQL2JSON), http.StatusOK)
	if !strings.Contains(string(html), `<input type="hidden" name="filter-lang" value="cql2-json">`) {
		t.Error("the form of a filter in JSON loses filter-lang")
	}
	// The collection's page links the queryables' page.
	_, html = ts.get(t, "/ogc/collections/events?f=html", http.StatusOK)
	if !strings.Contains(string(html), "/ogc/collections/events/queryables?f=html") {
		t.Error("the collection's page does not link the queryables")
	}
}
