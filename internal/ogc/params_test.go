package ogc_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/ogc"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/paulmach/orb"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDatetime(t *testing.T) {
	var open time.Time
	for _, tt := range []struct {
		name, s  string
		from, to time.Time
	}{
		{"date-time", "2017-11-16T10:20:30Z", time.Date(2017, 11, 16, 10, 20, 30, 0, time.UTC), time.Date(2017, 11, 16, 10, 20, 31, 0, time.UTC)},
		{"date-time with fraction", "2017-11-16T10:20:30.25Z", time.Date(2017, 11, 16, 10, 20, 30, 0, time.UTC), time.Date(2017, 11, 16, 10, 20, 31, 0, time.UTC)},
		{"date-time with offset", "2017-11-16T01:00:00+02:00", time.Date(2017, 11, 15, 23, 0, 0, 0, time.UTC), time.Date(2017, 11, 15, 23, 0, 1, 0, time.UTC)},
		{"lower-case date-time", "2017-11-16t10:20:30z", time.Date(2017, 11, 16, 10, 20, 30, 0, time.UTC), time.Date(2017, 11, 16, 10, 20, 31, 0, time.UTC)},
		{"date-time without zone", "2017-11-16T10:20:30", time.Date(2017, 11, 16, 10, 20, 30, 0, time.UTC), time.Date(2017, 11, 16, 10, 20, 31, 0, time.UTC)},
		{"day", "2017-11-16", day(2017, 11, 16), day(2017, 11, 17)},
		{"day as GDAL writes it", "2017-11-16T", day(2017, 11, 16), day(2017, 11, 17)},
		{"month", "2017-11", day(2017, 11, 1), day(2017, 12, 1)},
		{"year", "2017", day(2017, 1, 1), day(2018, 1, 1)},
		{"closed interval of date-times", "2017-10-01T00:00:00Z/2017-11-30T12:00:00Z", day(2017, 10, 1), time.Date(2017, 11, 30, 12, 0, 1, 0, time.UTC)},
		{"closed interval of days", "2017-10-01/2017-11-30", day(2017, 10, 1), day(2017, 12, 1)},
		{"closed interval of months", "2017-10/2017-11", day(2017, 10, 1), day(2017, 12, 1)},
		{"interval of mixed precisions", "2017/2018-02-03T04:05:06Z", day(2017, 1, 1), time.Date(2018, 2, 3, 4, 5, 7, 0, time.UTC)},
		{"one-day interval", "2017-11-30/2017-11-30", day(2017, 11, 30), day(2017, 12, 1)},
		{"open start", "../2017-11-30", open, day(2017, 12, 1)},
		{"empty start", "/2017-11-30", open, day(2017, 12, 1)},
		{"open end", "2017-10-01/..", day(2017, 10, 1), open},
		{"empty end", "2017-10-01/", day(2017, 10, 1), open},
		{"open date-time end", "2017-10-01T00:00:00Z/..", day(2017, 10, 1), open},
		{"open month end", "2017-10/..", day(2017, 10, 1), open},
		{"both ends open", "../..", day(0, 1, 1), open},
	} {
		t.Run(tt.name, func(t *testing.T) {
			from, to, err := ogc.ParseDatetime(tt.s)
			if err != nil || !from.Equal(tt.from) || !to.Equal(tt.to) {
				t.Errorf("ParseDatetime(%q) = %v, %v, %v; want %v, %v", tt.s, from, to, err, tt.from, tt.to)
			}
		})
	}
	for _, s := range []string{"", "x", "2017-13", "2017-02-30", "17-11-16", "2017-11-16T25:00:00Z", "2017-11-16 10:00:00Z",
		"2017-11-30/2017-10-01", "2017-11-16T10:00:00Z/2017-11-16T09:00:00Z", "2017/2018/2019", "../x", "x/..", " 2017",
		"2017-11-16T10:00Z", "0000", "2017-11-16T10:00:00Z/2017-11-16T10:00:00ZZ", "2017-11T"} {
		_, _, err := ogc.ParseDatetime(s)
		wantParamError(t, "ParseDatetime("+s+")", err, "datetime")
	}
}

func TestParseBBox(t *testing.T) {
	for _, tt := range []struct {
		name, s string
		want    orb.Bound
	}{
		{"four numbers", "-5,41,10,52", orb.Bound{Min: orb.Point{-5, 41}, Max: orb.Point{10, 52}}},
		{"six numbers, heights ignored", "-5,41,-100,10,52,8000", orb.Bound{Min: orb.Point{-5, 41}, Max: orb.Point{10, 52}}},
		{"across the antimeridian", "177,-20,-178,-15", orb.Bound{Min: orb.Point{177, -20}, Max: orb.Point{-178, -15}}},
		{"six numbers across the antimeridian", "177,-20,0,-178,-15,0", orb.Bound{Min: orb.Point{177, -20}, Max: orb.Point{-178, -15}}},
		{"spaces", " -5, 41 ,10,52", orb.Bound{Min: orb.Point{-5, 41}, Max: orb.Point{10, 52}}},
		{"the world", "-180,-90,180,90", orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ogc.ParseBBox(tt.s)
			if err != nil || got != tt.want {
				t.Errorf("ParseBBox(%q) = %v, %v; want %v", tt.s, got, err, tt.want)
			}
		})
	}
	for _, s := range []string{"", "1,2,3", "1,2,3,4,5", "1,2,3,4,5,6,7", "a,2,3,4", "NaN,1,2,3", "Inf,1,2,3", "0,10,1,5",
		"0,-91,1,5", "0,1,1,91", "0,0,10,1,1,5", "190,0,-170,10"} {
		_, err := ogc.ParseBBox(s)
		wantParamError(t, "ParseBBox("+s+")", err, "bbox")
	}
}

func TestParseItems(t *testing.T) {
	country := func(s string) (string, bool) {
		switch strings.ToLower(s) {
		case "fj", "fiji":
			return "FJ", true
		}
		return "", false
	}
	p := ogc.Parser{Country: country}
	after := report.EventKey{Start: day(2017, 11, 16), MentionID: 42}
	t.Run("everything", func(t *testing.T) {
		v := url.Values{"bbox": {"177,-20,-178,-15"}, "datetime": {"2017-10/.."}, "limit": {"20"}, "after": {after.String()},
			"q": {"  flood "}, "geonameid": {"2198148"}, "country_code": {"Fiji"}, "source": {"wire"}, "lang": {"en"},
			"report_id": {"r1"}, "f": {"json"}, "ui": {"fr"}}
		it, err := p.ParseItems(v)
		if err != nil {
			t.Fatal(err)
		}
		f := it.Filter
		if *f.BBox != (orb.Bound{Min: orb.Point{177, -20}, Max: orb.Point{-178, -15}}) || !f.From.Equal(day(2017, 10, 1)) || !f.To.IsZero() ||
			f.Q != "flood" || f.PlaceID != 2198148 || f.Country != "FJ" || f.Source != "wire" || f.Lang != "en" || f.ReportID != "r1" {
			t.Errorf("filter %+v", f)
		}
		if it.Limit != 20 || it.After != after || !it.Before.IsZero() || !it.Filters() {
			t.Errorf("limit %d, after %+v, before %+v", it.Limit, it.After, it.Before)
		}
		// The next page keeps every other parameter as the request wrote it.
		next := report.EventKey{Start: day(2017, 12, 1), MentionID: 7}
		got := it.Query(next, report.EventKey{}, ogc.HTML)
		want := url.Values{"bbox": {"177,-20,-178,-15"}, "datetime": {"2017-10/.."}, "limit": {"20"}, "after": {next.String()},
			"q": {"  flood "}, "geonameid": {"2198148"}, "country_code": {"Fiji"}, "source": {"wire"}, "lang": {"en"},
			"report_id": {"r1"}, "f": {"html"}, "ui": {"fr"}}
		if got.Encode() != want.Encode() {
			t.Errorf("next page %s, want %s", got.Encode(), want.Encode())
		}
		prev := it.Query(report.EventKey{}, after, ogc.JSON)
		if prev.Get("before") != after.String() || prev.Has("after") || prev.Get("f") != "json" {
			t.Errorf("previous page %s", prev.Encode())
		}
	})
	t.Run("a filter", func(t *testing.T) {
		const filter = "country_code = 'SY' AND T_INTERSECTS(date, INTERVAL('2017-10-01', '..'))"
		v := url.Values{"filter": {filter}, "filter-lang": {"cql2-text"}, "filter-crs": {ogc.CRS84}, "bbox": {"35,30,45,40"}, "limit": {"5"}}
		it, err := p.ParseItems(v)
		if err != nil {
			t.Fatal(err)
		}
		if it.Filter.Where == nil || it.Filter.Where.String() != filter || it.Filter.BBox == nil || !it.Filters() {
			t.Errorf("filter %+v, Filters %v", it.Filter, it.Filters())
		}
		only, err := p.ParseItems(url.Values{"filter": {"lang = 'en'"}})
		if err != nil || !only.Filters() {
			t.Errorf("a filter alone: Filters() = %v, %v", only.Filters(), err)
		}
		// The next page keeps them as the request wrote them.
		next := it.Query(report.EventKey{Start: day(2017, 12, 1), MentionID: 7}, report.EventKey{}, ogc.JSON)
		for _, name := range []string{"filter", "filter-lang", "filter-crs", "bbox", "limit"} {
			if next.Get(name) != v.Get(name) {
				t.Errorf("next page's %s is %q, want %q", name, next.Get(name), v.Get(name))
			}
		}
		asJSON, err := p.ParseItems(url.Values{"filter": {`{"op": "=", "args": [{"property": "lang"}, "en"]}`}, "filter-lang": {"cql2-json"}})
		if err != nil || asJSON.Filter.Where == nil || asJSON.Filter.Where.String() != "lang = 'en'" {
			t.Errorf("a filter in JSON: %+v, %v", asJSON.Filter.Where, err)
		}
		// filter-lang and filter-crs without a filter filter nothing.
		none, err := p.ParseItems(url.Values{"filter-lang": {"cql2-json"}, "filter-crs": {ogc.CRS84}})
		if err != nil || none.Filters() || none.Filter.Where != nil {
			t.Errorf("filter-lang and filter-crs alone: %+v, %v", none.Filter, err)
		}
	})
	t.Run("defaults", func(t *testing.T) {
		it, err := p.ParseItems(url.Values{})
		if err != nil || it.Limit != ogc.DefaultLimit || it.Filters() || !it.After.IsZero() || !it.Before.IsZero() {
			t.Errorf("ParseItems() = %+v, %v", it, err)
		}
	})
	t.Run("limits", func(t *testing.T) {
		for s, want := range map[string]int{"1": 1, "10000": 10000, "10001": ogc.MaxLimit, "99999999999999999999999": ogc.MaxLimit, "": ogc.DefaultLimit} {
			it, err := p.ParseItems(url.Values{"limit": {s}})
			if err != nil || it.Limit != want {
				t.Errorf("limit=%s: %d, %v; want %d", s, it.Limit, err, want)
			}
		}
	})
	for _, tt := range []struct {
		name  string
		v     url.Values
		param string
	}{
		{"unknown parameter", url.Values{"bbox-crs": {ogc.CRS84}}, "bbox-crs"},
		{"parameter of another case", url.Values{"BBOX": {"1,2,3,4"}}, "BBOX"},
		{"repeated parameter", url.Values{"limit": {"1", "2"}}, "limit"},
		{"bad bbox", url.Values{"bbox": {"1,2,3"}}, "bbox"},
		{"bad datetime", url.Values{"datetime": {"yesterday"}}, "datetime"},
		{"limit 0", url.Values{"limit": {"0"}}, "limit"},
		{"negative limit", url.Values{"limit": {"-5"}}, "limit"},
		{"limit not a number", url.Values{"limit": {"ten"}}, "limit"},
		{"bad cursor", url.Values{"after": {"nope"}}, "after"},
		{"bad before", url.Values{"before": {"MTIuMS4x"}}, "before"},
		{"after and before", url.Values{"after": {after.String()}, "before": {after.String()}}, "before"},
		{"bad geonameid", url.Values{"geonameid": {"-3"}}, "geonameid"},
		{"unknown country", url.Values{"country_code": {"Atlantis"}}, "country_code"},
		{"q with too many words", url.Values{"q": {strings.Repeat("a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ", 1)}}, "q"},
		{"bad f", url.Values{"f": {"xml"}}, "f"},
		{"filter that cannot be read", url.Values{"filter": {"lang ="}}, "filter"},
		{"filter of an unknown property", url.Values{"filter": {"langue = 'en'"}}, "filter"},
		{"filter of mismatched types", url.Values{"filter": {"lang = 3"}}, "filter"},
		{"filter given twice", url.Values{"filter": {"lang = 'en'", "lang = 'fr'"}}, "filter"},
		{"unknown filter-lang", url.Values{"filter": {"lang = 'en'"}, "filter-lang": {"cql-text"}}, "filter-lang"},
		{"unknown filter-crs", url.Values{"filter": {"lang = 'en'"}, "filter-crs": {"EPSG:4326"}}, "filter-crs"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.ParseItems(tt.v)
			if tt.param == "f" && err == nil { // f is the representation's: ParseItems takes it, Negotiate reads it
				_, err = ogc.Negotiate(tt.v.Get("f"), "")
			}
			wantParamError(t, tt.name, err, tt.param)
		})
	}
}

func TestCheckCommon(t *testing.T) {
	if err := ogc.CheckCommon(url.Values{"f": {"json"}, "ui": {"fr"}}); err != nil {
		t.Errorf("f and ui: %v", err)
	}
	wantParamError(t, "limit on a page without items", ogc.CheckCommon(url.Values{"f": {"json"}, "limit": {"5"}}), "limit")
}

func TestNegotiate(t *testing.T) {
	for _, tt := range []struct {
		f, accept string
		want      ogc.Format
	}{
		{"", "", ogc.JSON},
		{"", "*/*", ogc.JSON},
		{"", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ogc.HTML},
		{"", "application/geo+json, application/json", ogc.JSON},
		{"", "application/vnd.oai.openapi+json;version=3.0", ogc.JSON},
		{"", "application/json;q=0.9, text/html", ogc.HTML},
		{"", "text/html;q=0.5, application/json", ogc.JSON},
		{"", "text/html;q=0", ogc.JSON},
		{"", "text/html", ogc.HTML},
		{"json", "text/html", ogc.JSON},
		{"html", "application/json", ogc.HTML},
		{"", "garbage;;;", ogc.JSON},
	} {
		got, err := ogc.Negotiate(tt.f, tt.accept)
		if err != nil || got != tt.want {
			t.Errorf("Negotiate(%q, %q) = %v, %v; want %v", tt.f, tt.accept, got, err, tt.want)
		}
	}
}

func TestLinkHeader(t *testing.T) {
	l := ogc.Link{Href: "http://127.0.0.1/ogc?f=json", Rel: "self", Type: ogc.MediaJSON, Title: `This "document"`}
	if got, want := l.Header(), `<http://127.0.0.1/ogc?f=json>; rel="self"; type="application/json"; title="This \"document\""`; got != want {
		t.Errorf("Header() = %s, want %s", got, want)
	}
}

// TestParseFilter: a filter that cannot be read is a *ogc.FilterError of filter that says where
// (byte offset and token in text, path in JSON) and why; one that does not type-check says why.
func TestParseFilter(t *testing.T) {
	for _, tt := range []struct {
		name, filter, lang string
		offset             int
		token, path, says  string
	}{
		{"a token where a value goes", "lang = AND", "", 7, "AND", "", `at byte 7, "AND"`},
		{"the end", "lang = 'en' AND", "", 15, "", "", "at byte 15, its end"},
		{"a JSON path", `{"op": "like", "args": [{"property": "name"}]}`, ogc.CQL2JSON, -1, "", "$.args", "at $.args"},
		{"an unknown property", "langue = 'en'", "", -1, "", "", `unknown property "langue"`},
		{"a type mismatch", "confidence LIKE 'x%'", ogc.CQL2Text, -1, "", "", "LIKE"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ogc.ParseFilter(tt.filter, tt.lang, "")
			wantParamError(t, tt.name, err, "filter")
			var fe *ogc.FilterError
			if !errors.As(err, &fe) {
				t.Fatalf("%v is no *ogc.FilterError", err)
			}
			if fe.Offset != tt.offset || fe.Token != tt.token || fe.Path != tt.path || !strings.Contains(report.ErrorMessage(err), tt.says) {
				t.Errorf("offset %d, token %q, path %q, message %q; want %d, %q, %q, and %q", fe.Offset, fe.Token, fe.Path, report.ErrorMessage(err), tt.offset, tt.token, tt.path, tt.says)
			}
		})
	}
	if e, err := ogc.ParseFilter("", ogc.CQL2JSON, ogc.CRS84); e != nil || err != nil {
		t.Errorf("no filter: %v, %v", e, err)
	}
}

// wantParamError fails unless err is an Invalid error of the parameter param.
func wantParamError(t *testing.T, what string, err error, param string) {
	t.Helper()
	var pe *viewquery.ParamError
	ok := errors.As(err, &pe)
	switch {
	case !ok:
		t.Errorf("%s: error %v, want a *viewquery.ParamError of %s", what, err, param)
	case pe.Param != param || report.ErrorKind(err) != report.Invalid:
		t.Errorf("%s: error of %q (%v, kind %s), want of %q and Invalid", what, pe.Param, err, report.ErrorKind(err), param)
	case !strings.Contains(report.ErrorMessage(err), param):
		t.Errorf("%s: message %q does not name %s", what, report.ErrorMessage(err), param)
	}
}

// FuzzParseDatetime: whatever the datetime, it is read into a non-empty range or refused as an
// error of datetime, never a panic.
func FuzzParseDatetime(f *testing.F) {
	for _, s := range []string{"2017-11-16T10:20:30Z", "2017", "2017-11", "../2017-11-30", "2017-10-01/..", "../..", "/", "2017-11-16T", "x/y/z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		from, to, err := ogc.ParseDatetime(s)
		if err != nil {
			wantParamError(t, "ParseDatetime", err, "datetime")
			return
		}
		if from.IsZero() && to.IsZero() || !from.IsZero() && !to.IsZero() && !from.Before(to) {
			t.Fatalf("ParseDatetime(%q) = %v, %v: no range", s, from, to)
		}
	})
}

// FuzzParseItems: whatever the query string, the items' parameters are read, their filter is
// one the domain takes, and the next page's query reads back the same filter; or it is refused
// as an error that names a parameter.
func FuzzParseItems(f *testing.F) {
	for _, s := range []string{"bbox=1,2,3,4", "bbox=177,-20,-178,-15&datetime=2017-10/..", "limit=0", "limit=20000&q=a",
		"bbox=1,2,0,3,4,5", "after=MTIuMQ", "f=html&ui=fr", "datetime=../..", "x=1",
		"filter=" + url.QueryEscape("country_code IN ('SY', 'IQ') AND T_INTERSECTS(date, INTERVAL('2017-10-01', '..'))"),
		"filter-lang=cql2-json&filter=" + url.QueryEscape(`{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [35, 30, 45, 40]}]}`)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		it, err := ogc.Parser{}.ParseItems(v)
		if err != nil {
			if _, ok := ogc.ParamOf(err); !ok || report.ErrorKind(err) != report.Invalid {
				t.Fatalf("ParseItems(%q): %v is not a parameter's error", raw, err)
			}
			return
		}
		if it.Limit < 1 || it.Limit > ogc.MaxLimit {
			t.Fatalf("ParseItems(%q): limit %d", raw, it.Limit)
		}
		check := it.Filter
		if err := check.Normalize(); err != nil {
			t.Fatalf("ParseItems(%q): the filter %+v is not the domain's: %v", raw, it.Filter, err)
		}
		again, err := ogc.Parser{}.ParseItems(it.Query(it.After, it.Before, ogc.JSON))
		if err != nil || again.Limit != it.Limit || again.After != it.After || again.Before != it.Before ||
			!again.Filter.From.Equal(it.Filter.From) || !again.Filter.To.Equal(it.Filter.To) || again.Filter.Q != it.Filter.Q ||
			(again.Filter.Where == nil) != (it.Filter.Where == nil) || it.Filter.Where != nil && again.Filter.Where.String() != it.Filter.Where.String() {
			t.Fatalf("ParseItems(%q) = %+v; its own query reads back as %+v, %v", raw, it, again, err)
		}
	})
}
