package web

import (
	"context"
	"net/http"
	"sync"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// explore is GET /: the map, the timeline and the list of the events the query selects.
func (s *Server) explore(c echo.Context) error {
	q, f, err := viewQuery(c)
	if err != nil {
		return err
	}
	q.Theme = "" // embeds only
	v := views.Explore{
		Head:     views.Head{Title: locale(c).T("Explore"), OEmbed: oembedLink(c)},
		Query:    q,
		Embed:    views.Embed{Snippet: iframe(baseURL(c), "/embed", q, embedWidth, embedHeight)},
		MapImage: mapImageURL("/map.svg", q, 1200, 460),
		Tiles:    s.tiles,
	}
	// The timeline, the list and the map's view are three independent reads: at once, on the
	// store's reader connections, the page takes as long as the slowest.
	var wg sync.WaitGroup
	var errs [3]error
	var bound *orb.Bound
	wg.Go(func() { v.Timeline, errs[0] = s.timeline(c, "/", q, f) })
	wg.Go(func() { v.Results, errs[1] = s.results(c, "/", q, f) })
	wg.Go(func() { bound, errs[2] = s.initialBound(c.Request().Context(), f) })
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	if bound != nil {
		v.Bound = viewquery.FormatBBox(*bound)
	}
	return render(c, http.StatusOK, views.ExplorePage(v))
}

// initialBound is the map's first view: the filter's box, else the extent of the coarse grid
// cells that hold at least a tenth as many events as the fullest, so that one far-away event does
// not zoom the map out to the world. Nil when nothing matches.
func (s *Server) initialBound(ctx context.Context, f report.EventFilter) (*orb.Bound, error) {
	if f.BBox != nil {
		return f.BBox, nil
	}
	cs, err := s.events.Clusters(ctx, f, 3)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	most := 0
	for _, c := range cs {
		most = max(most, c.Count)
	}
	var b *orb.Bound
	for _, c := range cs {
		switch {
		case c.Count*10 < most:
		case b == nil:
			b = &c.Bound
		default:
			u := b.Union(c.Bound)
			b = &u
		}
	}
	return b, nil
}

// clusterProperties are a cluster's GeoJSON properties: how many events, their extent, the
// place when they are all at one, and the event when there is one.
type clusterProperties struct {
	Count     int        `json:"count"`
	BBox      [4]float64 `json:"bbox"`
	GeonameID int64      `json:"geonameid,omitempty"`
	Name      string     `json:"name,omitempty"`
	Kind      string     `json:"kind,omitempty"` // the place's kind: place, admin, country, region
	ReportID  string     `json:"report_id,omitempty"`
	Title     string     `json:"title,omitempty"`
	Date      string     `json:"date,omitempty"`
}

// clusters is GET /clusters.geojson: the events the query selects, aggregated in the store into
// the cells of a grid about 64 pixels wide at zoom (0 to 22), inside view
// (minLon,minLat,maxLon,maxLat, the visible part of the map) when given.
func (s *Server) clusters(c echo.Context) error {
	_, f, err := viewQuery(c)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = 0, 0
	zoom, err := viewquery.WholeNumber(c.QueryParams(), "zoom")
	if err != nil {
		return err
	}
	fc := &geojson.FeatureCollectionOf[clusterProperties]{Type: "FeatureCollection", Features: []*geojson.FeatureOf[clusterProperties]{}}
	if v := c.QueryParam("view"); v != "" {
		view, err := viewquery.ParseBBox("view", v)
		if err != nil {
			return err
		}
		if f.BBox != nil {
			b := orb.Bound{
				Min: orb.Point{max(f.BBox.Min.Lon(), view.Min.Lon()), max(f.BBox.Min.Lat(), view.Min.Lat())},
				Max: orb.Point{min(f.BBox.Max.Lon(), view.Max.Lon()), min(f.BBox.Max.Lat(), view.Max.Lat())},
			}
			if b.Min.Lon() > b.Max.Lon() || b.Min.Lat() > b.Max.Lat() {
				return writeJSON(c, http.StatusOK, mimeGeoJSON, fc) // the box is out of view
			}
			view = b
		}
		f.BBox = &view
	}
	ctx := c.Request().Context()
	cs, err := s.events.Clusters(ctx, f, zoom)
	if err != nil {
		return err
	}
	for _, cl := range cs {
		p := clusterProperties{
			Count:     cl.Count,
			BBox:      [4]float64{cl.Bound.Min.Lon(), cl.Bound.Min.Lat(), cl.Bound.Max.Lon(), cl.Bound.Max.Lat()},
			GeonameID: cl.PlaceID, Name: cl.Name, Kind: string(cl.Kind),
		}
		if cl.Event != nil {
			p.ReportID, p.Title, p.Date = cl.Event.ReportID, cl.Event.Title, cl.Event.Date.String()
		}
		fc.Features = append(fc.Features, &geojson.FeatureOf[clusterProperties]{Type: "Feature", Geometry: cl.Point, Properties: p})
	}
	return writeJSON(c, http.StatusOK, mimeGeoJSON, fc)
}

// popupEvents is how many events a marker's popup lists.
const popupEvents = 10

// popup is GET /popup?place=ID&...: the HTML a marker's popup shows, the first events the query
// selects at the place, with their sentences.
func (s *Server) popup(c echo.Context) error {
	q, f, err := viewQuery(c)
	if err != nil {
		return err
	}
	if f.PlaceID == 0 {
		return report.Errorf(report.Invalid, "place is required")
	}
	f.Limit, f.Offset = popupEvents, 0
	page, err := s.events.QueryEvents(c.Request().Context(), f)
	if err != nil {
		return err
	}
	if page.Total == 0 {
		return report.Errorf(report.NotFound, "no events at place %d", f.PlaceID)
	}
	p := views.Popup{Name: page.Events[0].Place.Name, PlaceID: f.PlaceID, Total: page.Total}
	for _, e := range page.Events {
		p.Events = append(p.Events, viewEvent(e))
	}
	if page.Total > len(page.Events) {
		q.Page, q.Theme = 0, ""
		p.More = q.URL("/")
	}
	return render(c, http.StatusOK, views.PopupContent(p))
}
