package viewquery_test

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/paulmach/orb"
)

func bound(minLon, minLat, maxLon, maxLat float64) *orb.Bound {
	return &orb.Bound{Min: orb.Point{minLon, minLat}, Max: orb.Point{maxLon, maxLat}}
}

func parse(t *testing.T, raw string) viewquery.Query {
	t.Helper()
	v, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	q, err := viewquery.Parse(v)
	if err != nil {
		t.Fatalf("Parse(%q): %v", raw, err)
	}
	return q
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name, raw string
		want      viewquery.Query
		encoded   string // the canonical query string
	}{
		{"nothing selects everything, on the first page", "", viewquery.Query{Page: 1}, ""},
		{"dates keep their precision", "from=2017-10&to=2017",
			viewquery.Query{From: report.MonthDate(2017, 10), To: report.YearDate(2017), Page: 1}, "from=2017-10&to=2017"},
		{"a timestamp is its day", "from=2017-10-01T10:00:00Z",
			viewquery.Query{From: report.DayDate(2017, 10, 1), Page: 1}, "from=2017-10-01"},
		{"every filter", "q=+Raqqa+&place=163843&country=SY&source=AFP&lang=fr&bbox=35.5,32,42.5,37.5",
			viewquery.Query{Q: "Raqqa", Place: 163843, Country: "SY", Source: "AFP", Lang: "fr", BBox: bound(35.5, 32, 42.5, 37.5), Page: 1},
			"bbox=35.5%2C32%2C42.5%2C37.5&country=SY&lang=fr&place=163843&q=Raqqa&source=AFP"},
		{"a place id in its shortest form", "place=007", viewquery.Query{Place: 7, Page: 1}, "place=7"},
		{"a box around the world is no box", "bbox=-200,-90,200,90", viewquery.Query{Page: 1}, ""},
		{"theme, ui and paging", "theme=dark&ui=fr&page=3&limit=20&offset=40",
			viewquery.Query{Theme: viewquery.Dark, UI: "fr", Page: 3, Limit: 20, Offset: 40}, "limit=20&offset=40&page=3&theme=dark&ui=fr"},
		{"an unknown ui is ignored", "ui=de", viewquery.Query{Page: 1}, ""},
		{"page 0 and 1 are the first", "page=0", viewquery.Query{Page: 1}, ""},
		{"the first of repeated values", "country=SY&country=IQ", viewquery.Query{Country: "SY", Page: 1}, "country=SY"},
		{"the map's position", "map=06/35.25/-0.5", viewquery.Query{Map: &viewquery.MapView{Zoom: 6, Center: orb.Point{-0.5, 35.25}}, Page: 1}, "map=6%2F35.25%2F-0.5"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q := parse(t, tt.raw)
			if !reflect.DeepEqual(q, tt.want) {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.raw, q, tt.want)
			}
			if got := q.Encode(); got != tt.encoded {
				t.Errorf("Encode() = %q, want %q", got, tt.encoded)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	for _, tt := range []struct {
		name, raw string
		want      string // the message names the parameter
	}{
		{"a day that does not exist", "from=2017-02-30", `from: date "2017-02-30": no such day`},
		{"a to that is not a date", "to=soon", `to: date "soon" is not YYYY, YYYY-MM or YYYY-MM-DD`},
		{"a reversed range", "from=2017-11&to=2017-10", "to 2017-10 is before from 2017-11: the range is empty"},
		{"a limit that is not a number", "limit=ten", `limit "ten" is not a whole number`},
		{"a negative offset", "offset=-1", `offset "-1" is not a whole number`},
		{"a negative page", "page=-2", `page "-2" is not a whole number`},
		{"a place that is not an id", "place=Raqqa", `place "Raqqa" is not a GeoNames id`},
		{"place 0", "place=0", `place "0" is not a GeoNames id`},
		{"a box past the poles", "bbox=10,-100,20,100", `latitudes lie in -90..90`},
		{"a bbox of three numbers", "bbox=1,2,3", `bbox "1,2,3" is not minLon,minLat,maxLon,maxLat`},
		{"a bbox of NaN", "bbox=NaN,0,1,1", `bbox "NaN,0,1,1" is not minLon,minLat,maxLon,maxLat`},
		{"a bbox upside down", "bbox=10,10,0,0", "bbox {[10 10] [0 0]} has its south above its north"},
		{"an unknown theme", "theme=pink", `theme "pink": want light or dark`},
		{"a map of two numbers", "map=6/35", `map "6/35" is not zoom/latitude/longitude`},
		{"a map zoomed past 22", "map=23/35/39", `map "23/35/39" is not zoom/latitude/longitude`},
		{"a map off the world", "map=6/95/39", `map "6/95/39" is outside the world`},
		{"a map with a fractional zoom", "map=6.5/35/39", `is not zoom/latitude/longitude`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.raw)
			_, err := viewquery.Parse(v)
			if report.ErrorKind(err) != report.Invalid || !strings.Contains(report.ErrorMessage(err), tt.want) {
				t.Errorf("Parse(%q) = %v (%s), want an invalid input error with %q", tt.raw, err, report.ErrorKind(err), tt.want)
			}
		})
	}
}

// TestParseAll: a page shows the filter's problems beside their fields, and the events of the
// rest of the filter; Parse refuses the query with the first of them.
func TestParseAll(t *testing.T) {
	for _, tt := range []struct {
		name, raw string
		want      viewquery.Query
		params    []string // the invalid parameters, in order
		values    []string // as the URL holds them
	}{
		{"a month that does not exist", "from=2017-13-45&q=Raqqa", viewquery.Query{Q: "Raqqa", Page: 1}, []string{"from"}, []string{"2017-13-45"}},
		{"a reversed range drops its end", "from=2017-11-10&to=2017-10-01&country=SY",
			viewquery.Query{From: report.DayDate(2017, 11, 10), Country: "SY", Page: 1}, []string{"to"}, []string{"2017-10-01"}},
		{"a bad box and a bad place", "bbox=1,2,3&place=x&to=2017-10",
			viewquery.Query{To: report.MonthDate(2017, 10), Page: 1}, []string{"place", "bbox"}, []string{"x", "1,2,3"}},
		{"a box upside down", "bbox=10,10,0,0", viewquery.Query{Page: 1}, []string{"bbox"}, []string{"10,10,0,0"}},
		{"a bad map keeps the filter", "map=x&from=2017", viewquery.Query{From: report.YearDate(2017), Page: 1}, []string{"map"}, []string{"x"}},
		{"nothing wrong", "from=2017-10&map=5/30/40", viewquery.Query{From: report.MonthDate(2017, 10), Map: &viewquery.MapView{Zoom: 5, Center: orb.Point{40, 30}}, Page: 1}, nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.raw)
			q, errs := viewquery.ParseAll(v)
			if !reflect.DeepEqual(q, tt.want) {
				t.Errorf("ParseAll(%q) = %+v, want %+v", tt.raw, q, tt.want)
			}
			var params, values []string
			for _, e := range errs {
				params, values = append(params, e.Param), append(values, e.Value)
				if report.ErrorKind(e) != report.Invalid || report.ErrorMessage(e) == "" {
					t.Errorf("%s: %v is not an invalid input error with a message", e.Param, e)
				}
			}
			if !reflect.DeepEqual(params, tt.params) || !reflect.DeepEqual(values, tt.values) {
				t.Errorf("ParseAll(%q): invalid %q = %q, want %q = %q", tt.raw, params, values, tt.params, tt.values)
			}
			_, err := viewquery.Parse(v)
			if len(errs) > 0 && (err == nil || report.ErrorMessage(err) != report.ErrorMessage(errs[0])) {
				t.Errorf("Parse(%q) = %v, want the first error of ParseAll, %v", tt.raw, err, errs[0])
			}
			if len(errs) == 0 && err != nil {
				t.Errorf("Parse(%q) = %v", tt.raw, err)
			}
		})
	}
}

func TestFilter(t *testing.T) {
	f := parse(t, "from=2017-10&to=2017-11&q=Raqqa&place=163843&country=SY&source=AFP&lang=fr&bbox=35,32,45,38&page=2&limit=5&offset=10").Filter()
	want := report.EventFilter{
		BBox: bound(35, 32, 45, 38),
		From: time.Date(2017, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2017, 12, 1, 0, 0, 0, 0, time.UTC),
		Q: "Raqqa", PlaceID: 163843, Country: "SY", Source: "AFP", Lang: "fr", Limit: 5, Offset: 10,
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Filter() = %+v, want %+v", f, want)
	}
	if f := (viewquery.Query{}).Filter(); !reflect.DeepEqual(f, report.EventFilter{}) {
		t.Errorf("the zero query's filter is %+v, want the zero filter", f)
	}
}

func TestURL(t *testing.T) {
	for _, tt := range []struct {
		q    viewquery.Query
		want string
	}{
		{viewquery.Query{}, "/embed"},
		{viewquery.Query{Page: 1, Theme: viewquery.Light}, "/embed?theme=light"},
		{viewquery.Query{Q: "a & b", To: report.DayDate(2017, 10, 31), Page: 2}, "/embed?page=2&q=a+%26+b&to=2017-10-31"},
	} {
		if got := tt.q.URL("/embed"); got != tt.want {
			t.Errorf("%+v: URL = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// TestRoundTrip reads back what Values writes, for queries built field by field.
func TestRoundTrip(t *testing.T) {
	dates := []report.Date{{}, report.YearDate(2017), report.MonthDate(2017, 2), report.DayDate(2016, 2, 29), report.DayDate(1, 1, 1), report.DayDate(9999, 12, 31)}
	maps := []*viewquery.MapView{nil, {Zoom: 6, Center: orb.Point{39.25, 35.1}}, {Zoom: 0, Center: orb.Point{-180, -90}},
		{Zoom: 22, Center: orb.Point{180, 90}}, {Zoom: 12, Center: orb.Point{-0.000123456789, 1e-7}}}
	boxes := []*orb.Bound{nil, bound(35.5, 32, 42.5, 37.5), bound(-180, -90, 180, 0), bound(0, 0, 0, 0), bound(-0.000123456789, 1e-7, 1.5e-3, 89.99999999)}
	n := 0
	for i, from := range dates {
		for _, to := range dates[i:] {
			if !to.IsZero() && !from.IsZero() && !from.Start().Before(to.End()) {
				continue
			}
			for _, b := range boxes {
				n++
				q := viewquery.Query{
					From: from, To: to, BBox: b, Page: 1 + n%3, Limit: n % 4, Offset: n % 5 * 10,
					Q: []string{"", "Raqqa", `"a phrase" prefix* & more`}[n%3], Place: int64(n % 2 * 163843),
					Country: []string{"", "SY"}[n%2], Source: []string{"", "AFP", "a=b&c"}[n%3], Lang: []string{"", "fr"}[n%2],
					Theme: []viewquery.Theme{"", viewquery.Light, viewquery.Dark}[n%3], UI: []string{"", "en", "fr"}[n%3],
					Map: maps[n%len(maps)],
				}
				got, err := viewquery.Parse(q.Values())
				if err != nil || !reflect.DeepEqual(got, q) {
					t.Errorf("Parse(%q) = %+v, %v; want %+v", q.Encode(), got, err, q)
				}
			}
		}
	}
}

// FuzzParse checks that what Parse accepts, Values writes in a form that Parse reads back as the
// same query, and that what it refuses is invalid input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "from=2017-10&to=2017-11&q=Raqqa", "place=163843&country=SY&source=AFP&lang=fr", "bbox=35.5,32,42.5,37.5",
		"bbox=-200,-90,200,90", "bbox=1e300,-1e-300,1e301,0", "from=2017-10-01T23:00:00-05:00", "page=2&limit=5&offset=10",
		"theme=dark&ui=fr", "q=%20%22a%20phrase%22%20", "map=6/35.1/39.25", "map=0/-90/180", "map=3/1e-7/-0", "from=2017-02-30", "bbox=10,10,0,0", "place=-1", "page=x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		q, err := viewquery.Parse(v)
		if err != nil {
			if report.ErrorKind(err) != report.Invalid {
				t.Fatalf("Parse(%q): %v is not an invalid input error", raw, err)
			}
			return
		}
		back, err := viewquery.Parse(q.Values())
		if err != nil {
			t.Fatalf("Parse(%q) = %+v, but its query string %q does not parse: %v", raw, q, q.Encode(), err)
		}
		if !reflect.DeepEqual(back, q) {
			t.Fatalf("Parse(%q) = %+v, read back from %q as %+v", raw, q, q.Encode(), back)
		}
	})
}

// TestParserCountry: with a lookup of countries, country takes a name or a code and keeps the code;
// a value that names no country is invalid, named in the message, and left out of the query.
func TestParserCountry(t *testing.T) {
	codes := map[string]string{"sy": "SY", "syria": "SY", "syrie": "SY"}
	p := viewquery.Parser{Country: func(s string) (string, bool) {
		cc, ok := codes[strings.ToLower(s)]
		return cc, ok
	}}
	for _, c := range []struct{ in, want string }{{"SY", "SY"}, {"Syria", "SY"}, {"syrie", "SY"}, {" Syria ", "SY"}} {
		t.Run(c.in, func(t *testing.T) {
			q, err := p.Parse(url.Values{"country": {c.in}})
			if err != nil || q.Country != c.want {
				t.Fatalf("country=%q: %q, %v; want %q", c.in, q.Country, err, c.want)
			}
			if got := q.Encode(); got != "country="+c.want {
				t.Errorf("encoded as %q", got)
			}
		})
	}
	t.Run("Narnia", func(t *testing.T) {
		q, errs := p.ParseAll(url.Values{"country": {"Narnia"}, "from": {"2017"}})
		if len(errs) != 1 || errs[0].Param != "country" || errs[0].Value != "Narnia" || !strings.Contains(errs[0].Error(), `"Narnia"`) {
			t.Fatalf("errors %v", errs)
		}
		if report.ErrorKind(errs[0]) != report.Invalid {
			t.Errorf("kind %v", report.ErrorKind(errs[0]))
		}
		if q.Country != "" || q.From.String() != "2017" {
			t.Errorf("the rest of the query: %+v", q)
		}
		if _, err := p.Parse(url.Values{"country": {"Narnia"}}); err == nil {
			t.Error("Parse: no error")
		}
	})
	t.Run("no lookup", func(t *testing.T) {
		q, err := viewquery.Parse(url.Values{"country": {"Narnia"}})
		if err != nil || q.Country != "Narnia" {
			t.Errorf("the zero Parser: %q, %v", q.Country, err)
		}
	})
}
