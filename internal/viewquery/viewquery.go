// Package viewquery is the state of a view of events as its URL holds it. One query string drives
// the explore page, a place page, their embeds, oEmbed, the map's data, /events.geojson and
// /api/events; this package alone parses and encodes it. It imports only the domain and orb, so
// that both the web package and the views can use it.
package viewquery

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// Theme is an embed's colour scheme.
type Theme string

// The themes of embeds; the zero Theme is the page's default.
const (
	Light Theme = "light"
	Dark  Theme = "dark"
)

// Query is a view of events: what it selects, which page of the list, and how it is shown.
// The zero Query selects every event.
type Query struct {
	// From and To are dates at any precision, both included: from=2017-10&to=2017-11 is
	// [2017-10-01, 2017-12-01). A zero date leaves its end of the range open.
	From, To report.Date
	Q        string // words; "a phrase" and prefix* work
	Place    int64  // a GeoNames id; 0 for any place
	Country  string // ISO 3166-1 alpha-2
	Source   string
	Lang     string     // the reports' language
	BBox     *orb.Bound // within the world; nil for the whole world
	Theme    Theme      // embeds only
	UI       string     // the interface's language when the URL chose it (see UILang), else empty
	Page     int        // the page of a view's list, from 1 (0 is the first too; Parse gives 1)
	Map      *MapView   // where the map is; nil for the first view, which fits the events
	// Limit and Offset page the API's results; 0 is the default.
	Limit, Offset int
}

// Parser reads views' query strings. Its zero value takes country as it is.
type Parser struct {
	// Country, when set, reads the parameter country: a country's ISO 3166-1 alpha-2 code or its
	// name in any language (SY, sy, Syria, Syrie) to its code; false when s names no country, which
	// makes country invalid. (The gazetteer knows the names: the web server injects its lookup.)
	Country func(s string) (code string, ok bool)
}

// Parse reads the view's query string. An invalid parameter is an error of kind Invalid that
// names it (a *ParamError). Parse keeps the first value of a repeated parameter, trims q, ignores
// a ui that is not a language of the interface, and cuts the bbox to the world as
// report.EventFilter does.
func (p Parser) Parse(v url.Values) (Query, error) {
	q, errs := p.ParseAll(v)
	if len(errs) > 0 {
		return Query{}, errs[0]
	}
	return q, nil
}

// Parse is Parser{}.Parse: country is taken as it is.
func Parse(v url.Values) (Query, error) { return Parser{}.Parse(v) }

// ParseAll is Parser{}.ParseAll: country is taken as it is.
func ParseAll(v url.Values) (Query, []*ParamError) { return Parser{}.ParseAll(v) }

// ParamError is an invalid parameter of a view's query string: which one, the value as the
// URL holds it, and the domain error (kind Invalid) whose message is for users.
type ParamError struct {
	Param, Value string
	Err          *report.Error
}

func (e *ParamError) Error() string { return e.Err.Error() }
func (e *ParamError) Unwrap() error { return e.Err }

// ParseAll reads the view's query string as Parse does, but past its invalid parameters: it
// returns the query without them, and an error for each, in the order of the form's fields
// (from, to, place, bbox, then the others). A reversed date range is an error of to, which
// leaves the range open after from. Pages
// use it to show the filter's problems beside its fields and the events of the rest of it.
func (p Parser) ParseAll(v url.Values) (Query, []*ParamError) {
	var errs []*ParamError
	bad := func(name string, err error) {
		e, ok := err.(*report.Error)
		if !ok {
			e = report.Errorf(report.Invalid, "%s", report.ErrorMessage(err))
		}
		errs = append(errs, &ParamError{Param: name, Value: v.Get(name), Err: e})
	}
	q := Query{
		Q: strings.TrimSpace(v.Get("q")), Country: v.Get("country"), Source: v.Get("source"),
		Lang: v.Get("lang"), UI: UILang(v.Get("ui")),
	}
	var err error
	var ok bool
	if q.From, err = date(v, "from"); err != nil {
		bad("from", err)
	}
	if q.To, err = date(v, "to"); err != nil {
		bad("to", err)
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Start().Before(q.To.End()) {
		bad("to", report.Errorf(report.Invalid, "to %s is before from %s: the range is empty", q.To, q.From))
		q.To = report.Date{}
	}
	if q.Limit, err = WholeNumber(v, "limit"); err != nil {
		bad("limit", err)
	}
	if q.Offset, err = WholeNumber(v, "offset"); err != nil {
		bad("offset", err)
	}
	if s := v.Get("place"); s != "" {
		if q.Place, err = strconv.ParseInt(s, 10, 64); err != nil || q.Place <= 0 {
			q.Place = 0
			bad("place", report.Errorf(report.Invalid, "place %q is not a GeoNames id", s))
		}
	}
	if s := v.Get("bbox"); s != "" {
		if b, err := ParseBBox("bbox", s); err != nil {
			bad("bbox", err)
		} else {
			f := report.EventFilter{BBox: &b} // the domain's checks: a box within the world
			if err := f.Normalize(); err != nil {
				bad("bbox", err)
			} else {
				q.BBox = f.BBox
			}
		}
	}
	if s := strings.TrimSpace(q.Country); s != "" && p.Country != nil {
		if q.Country, ok = p.Country(s); !ok {
			q.Country = ""
			bad("country", report.Errorf(report.Invalid, "country %q is not a country Dateline knows: give its name or its ISO code (SY)", s))
		}
	}
	if q.Page, err = WholeNumber(v, "page"); err != nil {
		bad("page", err)
	}
	q.Page = max(q.Page, 1)
	switch q.Theme = Theme(v.Get("theme")); q.Theme {
	case "", Light, Dark:
	default:
		bad("theme", report.Errorf(report.Invalid, "theme %q: want light or dark", q.Theme))
		q.Theme = ""
	}
	if s := v.Get("map"); s != "" {
		m, err := ParseMapView(s)
		if err != nil {
			bad("map", err)
		} else {
			q.Map = &m
		}
	}
	return q, errs
}

// MapView is the position of a map: its zoom and the point at its centre. It is not a filter:
// the URL keeps it so that a link shows the map as its sender saw it.
type MapView struct {
	Zoom   int
	Center orb.Point // within [-180, 180] x [-90, 90]
}

// MaxMapZoom is the deepest zoom of a MapView.
const MaxMapZoom = 22

// ParseMapView reads the parameter map, zoom/lat/lon as OpenStreetMap's links write it:
// "6/35.1/39.25".
func ParseMapView(s string) (MapView, error) {
	invalid := report.Errorf(report.Invalid, "map %q is not zoom/latitude/longitude", s)
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return MapView{}, invalid
	}
	z, err := strconv.Atoi(parts[0])
	if err != nil || z < 0 || z > MaxMapZoom {
		return MapView{}, invalid
	}
	var n [2]float64
	for i, p := range parts[1:] {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return MapView{}, invalid
		}
		n[i] = x
	}
	if n[0] < -90 || n[0] > 90 || n[1] < -180 || n[1] > 180 {
		return MapView{}, report.Errorf(report.Invalid, "map %q is outside the world", s)
	}
	return MapView{Zoom: z, Center: orb.Point{n[1], n[0]}}, nil
}

// String writes m as ParseMapView reads it, each number in the fewest digits that read back
// exactly.
func (m MapView) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	return strconv.Itoa(m.Zoom) + "/" + f(m.Center.Lat()) + "/" + f(m.Center.Lon())
}

// Values is the query string of q, without its empty fields and without the first page.
func (q Query) Values() url.Values {
	v := url.Values{}
	set := func(name, value string) {
		if value != "" {
			v.Set(name, value)
		}
	}
	positive := func(name string, n int64) {
		if n > 0 {
			v.Set(name, strconv.FormatInt(n, 10))
		}
	}
	set("from", q.From.String())
	set("to", q.To.String())
	set("q", q.Q)
	positive("place", q.Place)
	set("country", q.Country)
	set("source", q.Source)
	set("lang", q.Lang)
	if q.BBox != nil {
		v.Set("bbox", FormatBBox(*q.BBox))
	}
	set("theme", string(q.Theme))
	set("ui", q.UI)
	if q.Map != nil {
		v.Set("map", q.Map.String())
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	positive("limit", int64(q.Limit))
	positive("offset", int64(q.Offset))
	return v
}

// Encode is the query string of q, its parameters sorted by name.
func (q Query) Encode() string { return q.Values().Encode() }

// URL is path with the query string of q.
func (q Query) URL(path string) string {
	if s := q.Encode(); s != "" {
		return path + "?" + s
	}
	return path
}

// Filter is what q selects, for the store: its range [From.Start(), To.End()), and its limit and
// offset as they are (the store applies the defaults).
func (q Query) Filter() report.EventFilter {
	f := report.EventFilter{
		From: q.From.Start(), To: q.To.End(), Q: q.Q, PlaceID: q.Place,
		Country: q.Country, Source: q.Source, Lang: q.Lang, Limit: q.Limit, Offset: q.Offset,
	}
	if q.BBox != nil {
		b := *q.BBox
		f.BBox = &b
	}
	return f
}

// UILang is lang when it is a language of the interface, en or fr, else empty. (The parameter
// is ui because lang filters the reports by their language.)
func UILang(lang string) string {
	switch lang {
	case "en", "fr":
		return lang
	}
	return ""
}

// ParseBBox reads the box minLon,minLat,maxLon,maxLat of the parameter name, as it is: the
// domain's checks are report.EventFilter's.
func ParseBBox(name, s string) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return orb.Bound{}, report.Errorf(report.Invalid, "%s %q is not minLon,minLat,maxLon,maxLat", name, s)
	}
	var n [4]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return orb.Bound{}, report.Errorf(report.Invalid, "%s %q is not minLon,minLat,maxLon,maxLat", name, s)
		}
		n[i] = x
	}
	return orb.Bound{Min: orb.Point{n[0], n[1]}, Max: orb.Point{n[2], n[3]}}, nil
}

// FormatBBox writes b as ParseBBox reads it, each number in the fewest digits that read back
// exactly.
func FormatBBox(b orb.Bound) string {
	var buf []byte
	for i, x := range [4]float64{b.Min.Lon(), b.Min.Lat(), b.Max.Lon(), b.Max.Lat()} {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendFloat(buf, x, 'g', -1, 64)
	}
	return string(buf)
}

// ReportFilter reads the query of GET /api/reports: from and to, dates at any precision, both
// included (from=2017-10&to=2017-11 is [2017-10-01, 2017-12-01)), limit and cursor; q, source and
// lang as the events'; bbox, the reports with an event inside it.
func ReportFilter(v url.Values) (report.ReportFilter, error) {
	var f report.ReportFilter
	from, err := date(v, "from")
	if err != nil {
		return f, err
	}
	to, err := date(v, "to")
	if err != nil {
		return f, err
	}
	f.From, f.To = from.Start(), to.End()
	if f.Limit, err = WholeNumber(v, "limit"); err != nil {
		return f, err
	}
	f.Cursor, f.Before = v.Get("cursor"), v.Get("before")
	f.Q, f.Source, f.Lang = strings.TrimSpace(v.Get("q")), v.Get("source"), v.Get("lang")
	if s := v.Get("bbox"); s != "" {
		b, err := ParseBBox("bbox", s)
		if err != nil {
			return f, err
		}
		f.BBox = &b
	}
	return f, nil
}

// date reads the date parameter name; absent is the zero Date.
func date(v url.Values, name string) (report.Date, error) {
	s := v.Get(name)
	if s == "" {
		return report.Date{}, nil
	}
	d, err := report.ParseDate(s)
	if err != nil {
		return d, report.Errorf(report.Invalid, "%s: %s", name, report.ErrorMessage(err))
	}
	return d, nil
}

// WholeNumber reads the parameter name, a whole number; absent is 0. The one-endpoint
// parameters (zoom, maxwidth, width...) are read with it too.
func WholeNumber(v url.Values, name string) (int, error) {
	s := v.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, report.Errorf(report.Invalid, "%s %q is not a whole number", name, s)
	}
	return n, nil
}
