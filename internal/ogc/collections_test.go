package ogc_test

import (
	"net/url"
	"testing"

	"github.com/datelinehq/dateline/internal/ogc"
)

// TestParsePlaces: the places' items take the events' parameters, with GeoNames ids as cursors,
// and their links keep every other parameter.
func TestParsePlaces(t *testing.T) {
	v, _ := url.ParseQuery("bbox=170,-30,-170,0&datetime=2017-11&limit=5&after=300&q=Raqqa&country_code=sy&filter=" + url.QueryEscape("lang = 'en'") + "&ui=fr")
	pl, err := ogc.Parser{}.ParsePlaces(v)
	if err != nil {
		t.Fatal(err)
	}
	f := pl.Filter
	if pl.After != 300 || pl.Before != 0 || pl.Limit != 5 || f.BBox == nil || f.BBox.Min.Lon() != 170 || f.From.Month() != 11 ||
		f.Q != "Raqqa" || f.Country != "SY" || f.Where == nil {
		t.Errorf("ParsePlaces = %+v", pl)
	}
	q := pl.Query(0, 299, ogc.HTML)
	for k, want := range map[string]string{"bbox": "170,-30,-170,0", "datetime": "2017-11", "limit": "5", "q": "Raqqa", "country_code": "sy",
		"filter": "lang = 'en'", "ui": "fr", "before": "299", "after": "", "f": "html"} {
		if q.Get(k) != want {
			t.Errorf("Query: %s=%q, want %q", k, q.Get(k), want)
		}
	}
	for _, tt := range []struct{ query, param string }{
		{"after=x", "after"}, {"after=0", "after"}, {"before=-1", "before"}, {"after=1&before=2", "before"},
		{"after=1&after=2", "after"}, {"offset=3", "offset"}, {"bbox=1,2,3", "bbox"}, {"limit=0", "limit"},
	} {
		v, _ := url.ParseQuery(tt.query)
		_, err := ogc.Parser{}.ParsePlaces(v)
		wantParamError(t, "ParsePlaces("+tt.query+")", err, tt.param)
	}
}

// TestParseReports: the reports' items take bbox, datetime, limit, after or before, q, source and lang;
// their links keep them.
func TestParseReports(t *testing.T) {
	v, _ := url.ParseQuery("bbox=35,30,45,40&datetime=2017-10/..&limit=20000&after=abc&q=Raqqa&source=wire&lang=en")
	r, err := ogc.Parser{}.ParseReports(v)
	if err != nil {
		t.Fatal(err)
	}
	f := r.Filter
	if r.Limit != ogc.MaxLimit || f.BBox == nil || f.From.Month() != 10 || !f.To.IsZero() || f.Q != "Raqqa" || f.Source != "wire" || f.Lang != "en" || f.Cursor != "abc" {
		t.Errorf("ParseReports = %+v", r)
	}
	q := r.Query("next", "", ogc.JSON)
	if q.Get("after") != "next" || q.Has("before") || q.Get("limit") != "20000" || q.Get("datetime") != "2017-10/.." || q.Get("f") != "json" || q.Get("bbox") != "35,30,45,40" {
		t.Errorf("Query = %v", q)
	}
	q = r.Query("", "prev", ogc.HTML)
	if q.Get("before") != "prev" || q.Has("after") || q.Get("q") != "Raqqa" || q.Get("f") != "html" {
		t.Errorf("Query of the page before = %v", q)
	}
	v.Del("after")
	v.Set("before", "xyz")
	if r, err := (ogc.Parser{}).ParseReports(v); err != nil || r.Filter.Before != "xyz" || r.Filter.Cursor != "" {
		t.Errorf("ParseReports(before) = %+v, %v", r.Filter, err)
	}
	for _, tt := range []struct{ query, param string }{
		{"filter=x", "filter"}, {"after=x&before=y", "before"}, {"before=x&before=y", "before"}, {"country_code=SY", "country_code"}, {"geonameid=1", "geonameid"},
		{"report_id=x", "report_id"}, {"datetime=x", "datetime"}, {"lang=en&lang=fr", "lang"},
	} {
		v, _ := url.ParseQuery(tt.query)
		_, err := ogc.Parser{}.ParseReports(v)
		wantParamError(t, "ParseReports("+tt.query+")", err, tt.param)
	}
}
