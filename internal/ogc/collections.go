package ogc

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/datelinehq/dateline/internal/report"
)

// The collections of /ogc: the events, the places they lie at, and the reports they come from.
const (
	Events  = "events"
	Places  = "places"
	Reports = "reports"
)

// ReportItemParams are the parameters of /collections/reports/items: bbox (reports with an
// event inside), datetime (their published date), limit, after and before (the cursors of the
// next and previous pages), q, source and lang, in the order of ItemParams.
var ReportItemParams = []string{"bbox", "datetime", "limit", "after", "before", "q", "source", "lang", "f", "ui"}

// ParamsOf are the parameters of the items of the collection id: the events and the places take
// ItemParams (those of the places select their events), the reports ReportItemParams.
func ParamsOf(id string) []string {
	if id == Reports {
		return ReportItemParams
	}
	return ItemParams
}

// PlaceItems is a request for a page of places: those where the events Filter selects lie, by
// GeoNames id.
type PlaceItems struct {
	// Filter selects the events, as Items' does; its Limit and Offset are unused.
	Filter report.EventFilter
	Limit  int // 1 to MaxLimit
	// After and Before are the cursors, GeoNames ids: the page holds the places after After (the
	// first page when both are 0), or the Limit places just before Before. At most one is set.
	After, Before int64
	values        url.Values
}

// ParsePlaces reads the query of /collections/places/items: the parameters of the events' items
// (ParseItems), whose cursors after and before are GeoNames ids. Errors name the parameter.
func (p Parser) ParsePlaces(v url.Values) (PlaceItems, error) {
	if err := CheckParams(v, ItemParams); err != nil {
		return PlaceItems{}, err
	}
	rest := url.Values{}
	for k, vs := range v {
		if k != "after" && k != "before" {
			rest[k] = vs
		}
	}
	it, err := p.ParseItems(rest)
	if err != nil {
		return PlaceItems{}, err
	}
	pl := PlaceItems{Filter: it.Filter, Limit: it.Limit, values: it.values}
	for _, c := range []struct {
		name string
		id   *int64
	}{{"after", &pl.After}, {"before", &pl.Before}} {
		s := v.Get(c.name)
		if s == "" {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return PlaceItems{}, paramError(c.name, s, "%s %q is not a cursor of the places (a GeoNames id): follow the next and prev links", c.name, s)
		}
		*c.id = id
	}
	if pl.After != 0 && pl.Before != 0 {
		return PlaceItems{}, paramError("before", v.Get("before"), "give after or before, not both")
	}
	return pl, nil
}

// Query is the query string of the page of the same places after the id after or before the id
// before, in the representation f, every other parameter as the request wrote it; 0 and 0 give
// the first page.
func (pl PlaceItems) Query(after, before int64, f Format) url.Values {
	v := cloneValues(pl.values)
	if after != 0 {
		v.Set("after", strconv.FormatInt(after, 10))
	}
	if before != 0 {
		v.Set("before", strconv.FormatInt(before, 10))
	}
	v.Set("f", f.String())
	return v
}

// ReportItems is a request for a page of reports, newest published first.
type ReportItems struct {
	// Filter selects the reports: From and To (datetime, on the published date), BBox, Q,
	// Source, Lang; its Cursor is after, its Before before. Its Limit is unused: the page's is
	// Limit.
	Filter report.ReportFilter
	Limit  int // 1 to MaxLimit
	values url.Values
}

// ParseReports reads the query of /collections/reports/items (ReportItemParams), as ParseItems
// reads the same parameters; after and before are the store's cursors, as the next and prev
// links wrote them, which the store checks. Errors name the parameter.
func (p Parser) ParseReports(v url.Values) (ReportItems, error) {
	if err := CheckParams(v, ReportItemParams); err != nil {
		return ReportItems{}, err
	}
	rest := url.Values{}
	for k, vs := range v {
		if k != "after" && k != "before" {
			rest[k] = vs
		}
	}
	it, err := p.ParseItems(rest)
	if err != nil {
		return ReportItems{}, err
	}
	f := it.Filter
	r := ReportItems{Limit: it.Limit, values: it.values,
		Filter: report.ReportFilter{From: f.From, To: f.To, BBox: f.BBox, Q: f.Q, Source: f.Source, Lang: f.Lang, Cursor: v.Get("after"), Before: v.Get("before")}}
	if r.Filter.Cursor != "" && r.Filter.Before != "" {
		return ReportItems{}, paramError("before", r.Filter.Before, "give after or before, not both")
	}
	return r, nil
}

// Query is the query string of the page of the same reports after the cursor after or before
// the cursor before (the first page when both are empty), in the representation f, every other
// parameter as the request wrote it.
func (r ReportItems) Query(after, before string, f Format) url.Values {
	v := cloneValues(r.values)
	if after != "" {
		v.Set("after", after)
	}
	if before != "" {
		v.Set("before", before)
	}
	v.Set("f", f.String())
	return v
}

func cloneValues(vs url.Values) url.Values {
	v := url.Values{}
	for k, x := range vs {
		v[k] = slices.Clone(x)
	}
	return v
}
