package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/datelinehq/dateline/internal/ogc"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The collections of places and reports, beside the events' (ogc.go): the places where the
// selected events lie, a point each with their count, and the reports, each a MultiPoint of the
// places it mentions.

// PlaceFeatureStore is what the places collection needs of the event store: the places of the
// events a filter selects, paged by GeoNames id both ways, and how many they are. The server
// finds it on its EventStore, as FeatureStore; without it, the places' items are a 501.
type PlaceFeatureStore interface {
	PlacesAfter(ctx context.Context, f report.EventFilter, after int64, n int) ([]report.PlaceSummary, error)
	PlacesBefore(ctx context.Context, f report.EventFilter, before int64, n int) ([]report.PlaceSummary, error)
	CountPlaces(ctx context.Context, f report.EventFilter) (int, error)
}

// ReportFeatureStore is what the reports collection needs of the report store beyond
// ReportStore: how many reports a filter selects, and the span of their published dates. The
// server finds it on its ReportStore; without it, the reports' items are a 501.
type ReportFeatureStore interface {
	CountReports(ctx context.Context, f report.ReportFilter) (int, error)
	ReportDates(ctx context.Context) (from, to time.Time, err error)
}

func (s *Server) placeStore() (PlaceFeatureStore, error) {
	ps, ok := s.events.(PlaceFeatureStore)
	if !ok {
		return nil, echo.NewHTTPError(http.StatusNotImplemented, "this server's store does not page places as OGC API - Features needs")
	}
	return ps, nil
}

func (s *Server) reportFeatureStore() (ReportFeatureStore, error) {
	rs, ok := s.reports.(ReportFeatureStore)
	if !ok {
		return nil, echo.NewHTTPError(http.StatusNotImplemented, "this server's store does not count reports as OGC API - Features needs")
	}
	return rs, nil
}

// collectionInfo is what the collection id says of itself: its title, the description of its
// features, and whether a filter in CQL2 selects them (the events' queryables).
func collectionInfo(id string) (title, description string, queryables bool) {
	switch id {
	case ogc.Places:
		return "Places", "The places where the events lie, one point each (GeoNames): its name, kind, feature code, country, first-level division and population, " +
			"how many of the events the query selects lie there, and the first and last days of their dates. Its items take the parameters of the events' items, " +
			"filter included: they select the events, whose places are the features.", true
	case ogc.Reports:
		return "Reports", "The news reports the events come from, each a MultiPoint of the places it mentions (no geometry when it mentions none): " +
			"its title, source, address, language, published date at its precision, and how many places it mentions.", false
	}
	return "Events", "Places mentioned in the reports, each with the date of the event its sentence reports: a point, the place (GeoNames), " +
		"the date at its precision (day, month or year, or a range of them), the sentence, and the report.", true
}

// collectionOfID is the collection id in the representation f, and as the HTML shows it, with
// the extent box (nil: none) and the days from first to last (zero: none).
func collectionOfID(c echo.Context, f ogc.Format, id string, box *orb.Bound, first, last time.Time) (ogcCollectionBody, views.OGCCollection) {
	title, description, queryables := collectionInfo(id)
	path := ogcBase + "/collections/" + id
	col := ogcCollectionBody{ID: id, Title: title, Description: description, ItemType: "feature", CRS: []string{ogc.CRS84}}
	col.Links = append(selfLinks(c, path, f, ogc.MediaJSON),
		ogc.Link{Href: ogcURL(c, path+"/items", formatQuery(ogc.JSON)), Rel: "items", Type: ogc.MediaGeoJSON, Title: "The " + strings.ToLower(title)},
		ogc.Link{Href: ogcURL(c, path+"/items", formatQuery(ogc.HTML)), Rel: "items", Type: ogc.MediaHTML, Title: "The " + strings.ToLower(title)},
	)
	v := views.OGCCollection{ID: id, Title: locale(c).OGCT(title), Description: description,
		URL: ogcURL(c, path, formatQuery(ogc.HTML)), ItemsURL: ogcURL(c, path+"/items", formatQuery(ogc.HTML))}
	if queryables {
		col.Links = append(col.Links,
			ogc.Link{Href: ogcURL(c, path+"/queryables", formatQuery(ogc.JSON)), Rel: ogc.RelQueryables, Type: ogc.MediaSchema, Title: "The properties a filter may name"},
			ogc.Link{Href: ogcURL(c, path+"/queryables", formatQuery(ogc.HTML)), Rel: ogc.RelQueryables, Type: ogc.MediaHTML, Title: "The properties a filter may name"},
		)
		v.QueryablesURL = ogcURL(c, path+"/queryables", formatQuery(ogc.HTML))
	}
	v.Links = col.Links
	if box != nil || !first.IsZero() {
		col.Extent = &ogcExtent{}
	}
	if box != nil {
		col.Extent.Spatial = &ogcSpatial{BBox: [][4]float64{{box.Min.Lon(), box.Min.Lat(), box.Max.Lon(), box.Max.Lat()}}, CRS: ogc.CRS84}
		v.BBox = viewquery.FormatBBox(*box)
	}
	if !first.IsZero() {
		start, end := first.Format(time.RFC3339), last.AddDate(0, 0, 1).Add(-time.Second).Format(time.RFC3339)
		col.Extent.Temporal = &ogcTemporal{Interval: [][2]*string{{&start, &end}}, TRS: ogc.Gregorian}
		v.From, v.To = report.FromTime(first), report.FromTime(last)
	}
	return col, v
}

// collectionsOf are the collections ids, each in the representation f and as the HTML shows it,
// with their extents: the events' for the events and the places, the events' box and the span
// of the published dates for the reports.
func (s *Server) collectionsOf(c echo.Context, f ogc.Format, ids ...string) ([]ogcCollectionBody, []views.OGCCollection, error) {
	ctx := c.Request().Context()
	box, first, last, err := s.eventsExtent(ctx)
	if err != nil {
		return nil, nil, err
	}
	var bodies []ogcCollectionBody
	var vs []views.OGCCollection
	for _, id := range ids {
		switch id {
		case ogc.Events:
			col, v, err := s.eventsCollectionOf(c, f) // its own, as before
			if err != nil {
				return nil, nil, err
			}
			bodies, vs = append(bodies, col), append(vs, v)
			continue
		case ogc.Reports:
			rs, err := s.reportFeatureStore()
			if err != nil {
				return nil, nil, err
			}
			from, to, err := rs.ReportDates(ctx)
			if err != nil {
				return nil, nil, err
			}
			first, last = from, time.Time{}
			if !to.IsZero() {
				last = to.AddDate(0, 0, -1)
			}
		}
		col, v := collectionOfID(c, f, id, box, first, last)
		bodies, vs = append(bodies, col), append(vs, v)
	}
	return bodies, vs, nil
}

// ogcCursorError is the error of a cursor parameter the store refused.
func ogcCursorError(name, value string) error {
	return &viewquery.ParamError{Param: name, Value: value,
		Err: report.Errorf(report.Invalid, "%s %q is not a cursor of this server's: follow the next links", name, value)}
}

// itemsLinks are the links of a page of the collection's items: self and alternate (page(g) is
// the page in the representation g), next and prev when not nil, and the collection.
func itemsLinks(c echo.Context, collection string, f ogc.Format, page, next, prev func(ogc.Format) string) []ogc.Link {
	links := []ogc.Link{
		{Href: page(f), Rel: "self", Type: mediaOf(f, ogc.MediaGeoJSON), Title: "This page"},
		{Href: page(other(f)), Rel: "alternate", Type: mediaOf(other(f), ogc.MediaGeoJSON), Title: "This page as " + strings.ToUpper(other(f).String())},
	}
	if next != nil {
		links = append(links, ogc.Link{Href: next(f), Rel: "next", Type: mediaOf(f, ogc.MediaGeoJSON), Title: "The next page"})
	}
	if prev != nil {
		links = append(links, ogc.Link{Href: prev(f), Rel: "prev", Type: mediaOf(f, ogc.MediaGeoJSON), Title: "The previous page"})
	}
	return append(links, ogc.Link{Href: ogcURL(c, ogcBase+"/collections/"+collection, formatQuery(f)), Rel: "collection", Type: mediaOf(f, ogc.MediaJSON), Title: "The collection"})
}

// itemsView is the HTML of a page of the collection's items, but its features.
func itemsView(c echo.Context, collection string, matched, returned, limit int, links []ogc.Link, next, prev func(ogc.Format) string) views.OGCItems {
	title, _, queryables := collectionInfo(collection)
	l := locale(c)
	v := views.OGCItems{Head: views.Head{Title: l.OGCT(title)}, Collection: l.OGCT(title),
		CollectionURL: ogcURL(c, ogcBase+"/collections/"+collection, formatQuery(ogc.HTML)),
		Matched:       matched, Returned: returned, Limit: limit,
		BBox: c.QueryParam("bbox"), Datetime: c.QueryParam("datetime"), Q: c.QueryParam("q"),
		Filter: c.QueryParam("filter"), FilterLang: c.QueryParam("filter-lang"), Links: links}
	if queryables {
		v.QueryablesURL = ogcURL(c, ogcBase+"/collections/"+collection+"/queryables", formatQuery(ogc.HTML))
	}
	if next != nil {
		v.Next = next(ogc.HTML)
	}
	if prev != nil {
		v.Prev = prev(ogc.HTML)
	}
	return v
}

// ogcPlaceProperties are the properties of a place as a feature of the places collection: the
// place, how many of the selected events lie there, and the first and last days of their dates
// (ISO dates; absent when none is dated).
type ogcPlaceProperties struct {
	GeonameID   int64            `json:"geonameid"`
	Name        string           `json:"name"`
	Kind        report.PlaceKind `json:"kind"`
	FeatureCode string           `json:"feature_code"`
	CountryCode string           `json:"country_code"`
	Admin1      string           `json:"admin1"`
	Population  int64            `json:"population"`
	Events      int              `json:"events"`
	DateStart   string           `json:"date_start,omitempty"`
	DateEnd     string           `json:"date_end,omitempty"`
	Page        string           `json:"page"` // the place's page on the site
}

// placeFeature is the GeoJSON feature of p.
func placeFeature(c echo.Context, p *report.PlaceSummary) *geojson.FeatureOf[ogcPlaceProperties] {
	pl := p.Place
	props := ogcPlaceProperties{GeonameID: pl.ID, Name: pl.Name, Kind: pl.Kind(), FeatureCode: pl.FeatureCode, CountryCode: pl.CountryCode,
		Admin1: pl.Admin1, Population: pl.Population, Events: p.Count, Page: baseURL(c) + "/places/" + strconv.FormatInt(pl.ID, 10)}
	if !p.From.IsZero() {
		props.DateStart, props.DateEnd = p.From.Format(time.DateOnly), p.To.AddDate(0, 0, -1).Format(time.DateOnly)
	}
	return &geojson.FeatureOf[ogcPlaceProperties]{Type: "Feature", ID: pl.ID, Geometry: pl.Point(), Properties: props}
}

// viewPlace is p as the HTML shows it.
func viewPlace(c echo.Context, p report.PlaceSummary) views.OGCPlace {
	pl := p.Place
	v := views.OGCPlace{ID: pl.ID, URL: ogcURL(c, ogcBase+"/collections/"+ogc.Places+"/items/"+strconv.FormatInt(pl.ID, 10), formatQuery(ogc.HTML)),
		Name: pl.Name, Kind: string(pl.Kind()), Country: pl.CountryCode, Admin: pl.Admin1, FeatureCode: pl.FeatureCode, Population: pl.Population,
		Lon: pl.Lon, Lat: pl.Lat, Events: p.Count}
	if !p.From.IsZero() {
		v.From, v.To = report.FromTime(p.From), report.FromTime(p.To.AddDate(0, 0, -1))
	}
	return v
}

// ogcPlaceItems is GET /ogc/collections/places/items: a page of the places where the events the
// query selects lie, by GeoNames id, with the exact number they are and links to the pages after
// and before it (keyset pages on the id: following next to the end gives each place once, while
// reports are added too, though a place's count may then grow).
func (s *Server) ogcPlaceItems(c echo.Context, f ogc.Format) error {
	it, err := ogc.Parser{Country: s.query.Country}.ParsePlaces(c.QueryParams())
	if err != nil {
		return err
	}
	ps, err := s.placeStore()
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	matched, err := ps.CountPlaces(ctx, it.Filter)
	if err != nil {
		return err
	}
	var places []report.PlaceSummary
	var next, prev *[2]int64 // after and before of the next and previous pages
	if it.Before != 0 {
		if places, err = ps.PlacesBefore(ctx, it.Filter, it.Before, it.Limit+1); err != nil {
			return err
		}
		if len(places) > it.Limit {
			places = places[1:]
			prev = &[2]int64{0, places[0].Place.ID}
		}
		if len(places) > 0 {
			next = &[2]int64{places[len(places)-1].Place.ID, 0}
		} else {
			next = &[2]int64{} // nothing before: the first page starts there
		}
	} else {
		if places, err = ps.PlacesAfter(ctx, it.Filter, it.After, it.Limit+1); err != nil {
			return err
		}
		if len(places) > it.Limit {
			places = places[:it.Limit]
			next = &[2]int64{places[len(places)-1].Place.ID, 0}
		}
		switch {
		case it.After == 0: // the first page
		case len(places) > 0:
			prev = &[2]int64{0, places[0].Place.ID}
		default: // past the end: the page before ends with the cursor's place
			prev = &[2]int64{0, it.After + 1}
		}
	}
	path := ogcBase + "/collections/" + ogc.Places + "/items"
	pageOf := func(k *[2]int64) func(ogc.Format) string {
		if k == nil {
			return nil
		}
		return func(g ogc.Format) string { return ogcURL(c, path, it.Query(k[0], k[1], g)) }
	}
	links := itemsLinks(c, ogc.Places, f, pageOf(&[2]int64{it.After, it.Before}), pageOf(next), pageOf(prev))

	var body any
	var view templ.Component
	if f == ogc.HTML {
		v := itemsView(c, ogc.Places, matched, len(places), it.Limit, links, pageOf(next), pageOf(prev))
		for _, p := range places {
			v.Places = append(v.Places, viewPlace(c, p))
		}
		view = views.OGCItemsView(v)
	} else {
		fc := &geojson.FeatureCollectionOf[ogcPlaceProperties]{Type: "FeatureCollection",
			Features: make([]*geojson.FeatureOf[ogcPlaceProperties], 0, len(places))}
		for i := range places {
			fc.Features = append(fc.Features, placeFeature(c, &places[i]))
		}
		fc.ExtraMembers = geojson.Properties{"numberMatched": matched, "numberReturned": len(places), "links": links}
		body = fc
	}
	return s.ogcSend(c, f, ogc.MediaGeoJSON, body, view, links)
}

// featureIDError is the error of a featureId that cannot be an id of the collection's features.
func featureIDError(id, collection, why string) error {
	return &viewquery.ParamError{Param: "featureId", Value: id,
		Err: report.Errorf(report.Invalid, "featureId %q cannot be a feature of %s: %s", id, collection, why)}
}

// ogcPlaceItem is GET /ogc/collections/places/items/{featureId}: a place by its GeoNames id,
// with all its events; a place without events is none of the collection's (404).
func (s *Server) ogcPlaceItem(c echo.Context, f ogc.Format) error {
	raw := c.Param("featureId")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return featureIDError(raw, ogc.Places, "its features' ids are GeoNames ids, whole numbers")
	}
	ps, err := s.placeStore()
	if err != nil {
		return err
	}
	places, err := ps.PlacesAfter(c.Request().Context(), report.EventFilter{PlaceID: id}, id-1, 1)
	if err != nil {
		return err
	}
	if len(places) == 0 || places[0].Place.ID != id {
		return report.Errorf(report.NotFound, "no feature %d in %s: no event lies at that place", id, ogc.Places)
	}
	p := places[0]
	col := ogcBase + "/collections/" + ogc.Places
	path := col + "/items/" + strconv.FormatInt(id, 10)
	links := append(selfLinks(c, path, f, ogc.MediaGeoJSON),
		ogc.Link{Href: ogcURL(c, col, formatQuery(f)), Rel: "collection", Type: mediaOf(f, ogc.MediaJSON), Title: "The collection"},
		ogc.Link{Href: baseURL(c) + "/places/" + strconv.FormatInt(id, 10), Rel: "describedby", Type: ogc.MediaHTML, Title: "The place's page"})
	feature := placeFeature(c, &p)
	feature.ExtraMembers = geojson.Properties{"links": links}
	l := locale(c)
	v := views.OGCPlacePage{Head: views.Head{Title: p.Place.Name}, Collection: l.OGCT("Places"),
		CollectionURL: ogcURL(c, col, formatQuery(ogc.HTML)), Place: viewPlace(c, p), Links: links}
	return s.ogcSend(c, f, ogc.MediaGeoJSON, feature, views.OGCPlaceView(v), links)
}

// ogcReportProperties are the properties of a report as a feature of the reports collection.
type ogcReportProperties struct {
	Title  string `json:"title"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Lang   string `json:"lang"`
	// Published is the report's date at its precision; DateStart and DateEnd its first and last
	// days, as ISO dates. All absent when it is undated.
	Published report.Date `json:"published,omitzero"`
	DateStart string      `json:"date_start,omitempty"`
	DateEnd   string      `json:"date_end,omitempty"`
	Mentions  int         `json:"mentions"` // its mentions of places
	Page      string      `json:"page"`     // the report's page on the site
}

// reportFeature is the GeoJSON feature of r, whose mentions it has: a MultiPoint of the distinct
// points of the places it mentions, or no geometry when it mentions none.
func reportFeature(c echo.Context, r *report.Report) *geojson.FeatureOf[ogcReportProperties] {
	props := ogcReportProperties{Title: r.Title, Source: r.Source, URL: r.URL, Lang: r.Lang, Published: r.Published,
		Page: baseURL(c) + views.ReportPath("/reports/", r.ID)}
	if !r.Published.IsZero() {
		props.DateStart, props.DateEnd = r.Published.Start().Format(time.DateOnly), r.Published.Last().Format(time.DateOnly)
	}
	var points orb.MultiPoint
	seen := map[orb.Point]bool{}
	for _, m := range r.Mentions {
		if m.NotAPlace {
			continue
		}
		props.Mentions++
		if p := m.Place.Point(); !seen[p] {
			seen[p] = true
			points = append(points, p)
		}
	}
	f := &geojson.FeatureOf[ogcReportProperties]{Type: "Feature", ID: r.ID, Properties: props}
	if len(points) > 0 {
		f.Geometry = points
	}
	return f
}

// viewReport is r, with the properties of its feature, as the HTML shows it.
func viewReport(c echo.Context, r *report.Report, p ogcReportProperties) views.OGCReport {
	return views.OGCReport{ID: r.ID, URL: ogcURL(c, ogcBase+"/collections/"+ogc.Reports+"/items/"+idSegment(r.ID), formatQuery(ogc.HTML)),
		Title: r.Title, Source: r.Source, Lang: r.Lang, Link: r.URL, Published: r.Published, Mentions: p.Mentions}
}

// idSegment is a report's id as a segment of a path (views.ReportPath's escaping).
func idSegment(id string) string { return strings.TrimPrefix(views.ReportPath("/", id), "/") }

// ogcReportItems is GET /ogc/collections/reports/items: a page of the reports the query selects,
// newest published first (the store's order), with the exact number they are and links to the
// next and previous pages.
func (s *Server) ogcReportItems(c echo.Context, f ogc.Format) error {
	it, err := ogc.Parser{Country: s.query.Country}.ParseReports(c.QueryParams())
	if err != nil {
		return err
	}
	rfs, err := s.reportFeatureStore()
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	count := it.Filter
	count.Cursor, count.Before = "", ""
	matched, err := rfs.CountReports(ctx, count)
	if err != nil {
		return err
	}
	// The store's pages hold at most report.MaxReportLimit reports: as many as the limit takes,
	// forward from after, or backward from before.
	var rs []report.Report
	var next, prev string
	lf := it.Filter
	lf.Mentions = true // for their geometry and count
	backward := it.Filter.Before != ""
	for first := true; len(rs) < it.Limit; first = false {
		lf.Limit = min(it.Limit-len(rs), report.MaxReportLimit)
		page, err := s.reports.ListReports(ctx, lf)
		if err != nil {
			if first && report.ErrorKind(err) == report.Invalid { // the rest of the filter was counted
				if backward {
					return ogcCursorError("before", lf.Before)
				}
				return ogcCursorError("after", lf.Cursor)
			}
			return err
		}
		if backward {
			rs = append(page.Reports, rs...)
			if first {
				next = page.Next
			}
			if prev = page.Prev; prev == "" {
				break
			}
			lf.Before = prev
			continue
		}
		rs = append(rs, page.Reports...)
		if first {
			prev = page.Prev
		}
		if next = page.Next; next == "" {
			break
		}
		lf.Cursor = next
	}

	path := ogcBase + "/collections/" + ogc.Reports + "/items"
	pageOf := func(after, before string) func(ogc.Format) string {
		return func(g ogc.Format) string { return ogcURL(c, path, it.Query(after, before, g)) }
	}
	var nextPage, prevPage func(ogc.Format) string
	switch {
	case next != "":
		nextPage = pageOf(next, "")
	case backward && len(rs) == 0: // nothing before: the first page starts there
		nextPage = pageOf("", "")
	}
	if prev != "" {
		prevPage = pageOf("", prev)
	}
	links := itemsLinks(c, ogc.Reports, f, pageOf(it.Filter.Cursor, it.Filter.Before), nextPage, prevPage)

	var body any
	var view templ.Component
	if f == ogc.HTML {
		v := itemsView(c, ogc.Reports, matched, len(rs), it.Limit, links, nextPage, prevPage)
		for i := range rs {
			v.Reports = append(v.Reports, viewReport(c, &rs[i], reportFeature(c, &rs[i]).Properties))
		}
		view = views.OGCItemsView(v)
	} else {
		fc := &geojson.FeatureCollectionOf[ogcReportProperties]{Type: "FeatureCollection",
			Features: make([]*geojson.FeatureOf[ogcReportProperties], 0, len(rs))}
		for i := range rs {
			fc.Features = append(fc.Features, reportFeature(c, &rs[i]))
		}
		fc.ExtraMembers = geojson.Properties{"numberMatched": matched, "numberReturned": len(rs), "links": links}
		body = fc
	}
	return s.ogcSend(c, f, ogc.MediaGeoJSON, body, view, links)
}

// ogcReportItem is GET /ogc/collections/reports/items/{featureId}: a report by its id.
func (s *Server) ogcReportItem(c echo.Context, f ogc.Format) error {
	id := c.Param("featureId")
	if !report.ValidID(id) {
		return featureIDError(id, ogc.Reports, "a report's id has 1 to 128 letters, digits and - _ . ~ :")
	}
	r, err := s.reports.GetReport(c.Request().Context(), id)
	if err != nil {
		return err
	}
	col := ogcBase + "/collections/" + ogc.Reports
	path := col + "/items/" + idSegment(id)
	links := append(selfLinks(c, path, f, ogc.MediaGeoJSON),
		ogc.Link{Href: ogcURL(c, col, formatQuery(f)), Rel: "collection", Type: mediaOf(f, ogc.MediaJSON), Title: "The collection"},
		ogc.Link{Href: baseURL(c) + views.ReportPath("/reports/", id), Rel: "describedby", Type: ogc.MediaHTML, Title: "The report's page"})
	feature := reportFeature(c, r)
	feature.ExtraMembers = geojson.Properties{"links": links}
	title := r.Title
	if title == "" {
		title = r.ID
	}
	v := views.OGCReportPage{Head: views.Head{Title: title}, Collection: locale(c).OGCT("Reports"),
		CollectionURL: ogcURL(c, col, formatQuery(ogc.HTML)), Report: viewReport(c, r, feature.Properties), Links: links}
	return s.ogcSend(c, f, ogc.MediaGeoJSON, feature, views.OGCReportView(v), links)
}
