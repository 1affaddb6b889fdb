package ogc

import (
	"errors"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/paulmach/orb"
)

// Page sizes of the items: limit is 100 unless given; a larger limit than MaxLimit is cut to it
// (the standard's permission: the server's maximum is used, no error), one below 1 is an error.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// Parameters every resource takes: the representation, and the language of an HTML page.
var commonParams = []string{"f", "ui"}

// ItemParams are the parameters of /collections/events/items, in the order the API's
// description lists them: the standard's bbox, datetime and limit; Part 3's filter, filter-lang
// and filter-crs; after and before, the cursors of the next and previous pages; q, words of the
// reports; and properties of the features that filter by equality (the standard's
// recommendation /rec/core/fc-filters).
var ItemParams = []string{"bbox", "datetime", "limit", "filter", "filter-lang", "filter-crs", "after", "before", "q",
	"geonameid", "country_code", "source", "lang", "report_id", "f", "ui"}

// CheckParams returns an error that names the first parameter of v, in name order, that is not
// one of known or that is given more than once.
func CheckParams(v url.Values, known []string) error {
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range v {
			if !yield(k) {
				return
			}
		}
	}) {
		if !slices.Contains(known, name) {
			return paramError(name, v.Get(name), "unknown parameter %q: this resource takes %s", name, strings.Join(known, ", "))
		}
		if n := len(v[name]); n > 1 {
			return paramError(name, v.Get(name), "parameter %q is given %d times: give it once", name, n)
		}
	}
	return nil
}

// CheckCommon checks the parameters of a resource that takes only f and ui.
func CheckCommon(v url.Values) error { return CheckParams(v, commonParams) }

// Items is a request for a page of events.
type Items struct {
	// Filter selects the events: BBox, From and To, Where (the parameter filter, in CQL2), Q,
	// PlaceID, Country, Source, Lang and ReportID, all of them. Its Limit and Offset are unused.
	Filter report.EventFilter
	Limit  int // 1 to MaxLimit
	// After and Before are the cursors: the page holds the events after After (the first page,
	// when both are zero), or the Limit events just before Before. At most one is set.
	After, Before report.EventKey
	// values are the request's filter parameters as it wrote them, for the links to its pages.
	values url.Values
}

// Parser reads the parameters of items. Its zero value takes country_code as it is.
type Parser struct {
	// Country reads country_code: a country's ISO 3166-1 alpha-2 code or its name to its code;
	// false when it names no country (viewquery.Parser's Country, the atlas's lookup).
	Country func(s string) (code string, ok bool)
}

// ParseItems reads the query of /collections/events/items, its filter in CQL2 too (see
// ParseFilter). An unknown, repeated or malformed parameter is an error that names it (a
// *viewquery.ParamError of kind Invalid, which a *FilterError wraps). An empty value is no value.
func (p Parser) ParseItems(v url.Values) (Items, error) {
	if err := CheckParams(v, ItemParams); err != nil {
		return Items{}, err
	}
	it := Items{Limit: DefaultLimit, values: url.Values{}}
	for _, name := range ItemParams {
		if s := v.Get(name); s != "" && name != "after" && name != "before" && name != "f" {
			it.values.Set(name, s)
		}
	}
	f := &it.Filter
	if s := v.Get("bbox"); s != "" {
		b, err := ParseBBox(s)
		if err != nil {
			return Items{}, err
		}
		f.BBox = &b
	}
	if s := v.Get("datetime"); s != "" {
		var err error
		if f.From, f.To, err = ParseDatetime(s); err != nil {
			return Items{}, err
		}
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil && !allDigits(s), err == nil && n < 1:
			return Items{}, paramError("limit", s, "limit %q is not a whole number from 1 to %d", s, MaxLimit)
		case err != nil || n > MaxLimit: // a number too large for an int too
			n = MaxLimit
		}
		it.Limit = n
	}
	for _, c := range []struct {
		name string
		key  *report.EventKey
	}{{"after", &it.After}, {"before", &it.Before}} {
		s := v.Get(c.name)
		if s == "" {
			continue
		}
		k, err := report.ParseEventKey(s)
		if err != nil || k.IsZero() {
			return Items{}, paramError(c.name, s, "%s %q is not a cursor of this server's: follow the next and prev links", c.name, s)
		}
		*c.key = k
	}
	if !it.After.IsZero() && !it.Before.IsZero() {
		return Items{}, paramError("before", v.Get("before"), "give after or before, not both")
	}
	if s := v.Get("geonameid"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return Items{}, paramError("geonameid", s, "geonameid %q is not a GeoNames id", s)
		}
		f.PlaceID = id
	}
	if s := strings.TrimSpace(v.Get("country_code")); s != "" {
		f.Country = strings.ToUpper(s)
		if p.Country != nil {
			code, ok := p.Country(s)
			if !ok {
				return Items{}, paramError("country_code", s, "country_code %q is not a country Dateline knows: give its ISO 3166-1 code (SY) or its name", s)
			}
			f.Country = code
		}
	}
	where, err := ParseFilter(v.Get("filter"), v.Get("filter-lang"), v.Get("filter-crs"))
	if err != nil {
		return Items{}, err
	}
	f.Where = where
	f.Q, f.Source, f.Lang, f.ReportID = strings.TrimSpace(v.Get("q")), v.Get("source"), v.Get("lang"), v.Get("report_id")
	if f.Q != "" {
		check := report.EventFilter{Q: f.Q}
		if err := check.Normalize(); err != nil {
			return Items{}, paramError("q", f.Q, "q: %s", report.ErrorMessage(err))
		}
		// What the stores refuse too: an unclosed quote, no word at all.
		if strings.Count(f.Q, `"`)%2 != 0 {
			return Items{}, paramError("q", f.Q, "q %q has an unclosed quote", f.Q)
		}
		if strings.IndexFunc(f.Q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			return Items{}, paramError("q", f.Q, "q %q has no words", f.Q)
		}
	}
	return it, nil
}

// Query is the query string of the page of the same events after the key after (its next page)
// or before the key before (its previous page), in the representation f: every other parameter
// is the request's, as it wrote it. Zero keys give the first page.
func (it Items) Query(after, before report.EventKey, f Format) url.Values {
	v := url.Values{}
	for k, vs := range it.values {
		v[k] = slices.Clone(vs)
	}
	if !after.IsZero() {
		v.Set("after", after.String())
	}
	if !before.IsZero() {
		v.Set("before", before.String())
	}
	v.Set("f", f.String())
	return v
}

// Filters reports whether the request selects events by anything: the first page of all
// events is the collection's whole.
func (it Items) Filters() bool { return !it.Filter.SelectsAll() }

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// ParseBBox reads the parameter bbox: minLon,minLat,maxLon,maxLat in CRS84, or
// minLon,minLat,minHeight,maxLon,maxLat,maxHeight, whose heights are ignored (events have none).
// A box whose west lies east of its east crosses the antimeridian. The domain's checks apply
// (report.EventFilter): latitudes within -90..90, south not above north.
func ParseBBox(s string) (orb.Bound, error) {
	invalid := func() error {
		return paramError("bbox", s, "bbox %q is not 4 numbers (minLon,minLat,maxLon,maxLat) or 6 (with heights after each latitude)", s)
	}
	parts := strings.Split(s, ",")
	if len(parts) != 4 && len(parts) != 6 {
		return orb.Bound{}, invalid()
	}
	n := make([]float64, len(parts))
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return orb.Bound{}, invalid()
		}
		n[i] = x
	}
	if len(n) == 6 {
		if n[2] > n[5] {
			return orb.Bound{}, paramError("bbox", s, "bbox %q: its lowest height is above its highest", s)
		}
		n = []float64{n[0], n[1], n[3], n[4]}
	}
	b := orb.Bound{Min: orb.Point{n[0], n[1]}, Max: orb.Point{n[2], n[3]}}
	f := report.EventFilter{BBox: &b}
	if err := f.Normalize(); err != nil {
		return orb.Bound{}, paramError("bbox", s, "bbox: %s", report.ErrorMessage(err))
	}
	if f.BBox == nil { // the whole world
		return orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}, nil
	}
	return *f.BBox, nil
}

// ParseDatetime reads the parameter datetime into the half-open range [from, to) of instants an
// event's date must intersect; a zero from or to leaves that end open. It takes what the
// standard defines, an RFC 3339 date-time ("2017-11-16T10:00:00Z", an instant) or an interval of
// two, either end open (".." or empty: "../2017-11-30T00:00:00Z", "2017-10-01T00:00:00Z/.."),
// and, as Dateline's extension, dates at any precision in their place: "2017-11-16" is that day,
// "2017-11" that month, "2017" that year, as an instant or either end of an interval
// ("2017-10/2017-11" is October and November). An interval's ends are both included. A date-time
// without a time zone is UTC; "2017-11-16T", as GDAL writes a date, is that day. An interval
// open at both ends, "../..", selects the dated events.
func ParseDatetime(s string) (from, to time.Time, err error) {
	invalid := func(why string) error {
		return paramError("datetime", s, "datetime %q %s: give an RFC 3339 date-time (2017-11-16T10:00:00Z), a date (2017-11-16, 2017-11 or 2017), or an interval of two with ends open or not (2017-10-01/2017-11-30, ../2017-11-30, 2017-10-01/..)", s, why)
	}
	a, b, interval := strings.Cut(s, "/")
	if !interval {
		start, end, ok := instant(s)
		if !ok {
			return from, to, invalid("cannot be read")
		}
		return start, end, nil
	}
	if strings.Contains(b, "/") {
		return from, to, invalid("has more than two ends")
	}
	open := func(x string) bool { return x == "" || x == ".." }
	if !open(a) {
		var ok bool
		if from, _, ok = instant(a); !ok {
			return from, to, invalid("has a start that cannot be read")
		}
		if from.IsZero() { // the first instant of year 1 is Go's zero Time, an open start: say year 0, as "../.." does
			from = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	if !open(b) {
		var ok bool
		if _, to, ok = instant(b); !ok {
			return from, to, invalid("has an end that cannot be read")
		}
	}
	switch {
	case open(a) && open(b):
		from = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC) // before every date (not the zero Time): the dated events
	case !from.IsZero() && !to.IsZero() && !from.Before(to):
		return time.Time{}, time.Time{}, invalid("ends before it starts")
	}
	return from, to, nil
}

// instant reads one end of a datetime: a date-time is the range [t, t+1s) (the store counts in
// seconds at most), a date the range of its day, month or year.
func instant(s string) (start, end time.Time, ok bool) {
	if s == "" || strings.TrimSpace(s) != s {
		return start, end, false
	}
	u := strings.ToUpper(s) // lower-case t and z are RFC 3339's too
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, u); err == nil {
			if t.Year() < 1 {
				return start, end, false
			}
			t = t.UTC().Truncate(time.Second)
			return t, t.Add(time.Second), true
		}
	}
	if len(u) == len("2017-11-16T") {
		u = strings.TrimSuffix(u, "T") // GDAL writes a date so
	}
	if len(u) > 10 || strings.ContainsAny(u, "/T") {
		return start, end, false
	}
	d, err := report.ParseDate(u)
	if err != nil || d.IsZero() {
		return start, end, false
	}
	return d.Start(), d.End(), true
}

// ParamOf is the parameter err names, if it is a parameter's error.
func ParamOf(err error) (string, bool) {
	var pe *viewquery.ParamError
	if !errors.As(err, &pe) {
		return "", false
	}
	return pe.Param, true
}
