package web

import (
	"net/http"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// clusters is GET /clusters.geojson: the events the query selects, aggregated in the store into
// the cells of a grid about 64 pixels wide at zoom (0 to 22), inside view
// (minLon,minLat,maxLon,maxLat, the visible part of the map) when given.
func (s *Server) clusters(c echo.Context) error {
	_, f, err := s.viewQuery(c)
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
		if !narrow(&f, view) {
			return writeJSON(c, http.StatusOK, mimeGeoJSON, fc) // the box is out of view
		}
	}
	ctx := c.Request().Context()
	cs, err := s.events.Clusters(ctx, f, zoom)
	if err != nil {
		return err
	}
	lang := locale(c).Lang
	for _, cl := range cs {
		p := clusterProperties{
			Count:     cl.Count,
			BBox:      [4]float64{cl.Bound.Min.Lon(), cl.Bound.Min.Lat(), cl.Bound.Max.Lon(), cl.Bound.Max.Lat()},
			GeonameID: cl.PlaceID, Name: cl.Name, Kind: string(cl.Kind),
		}
		if cl.PlaceID != 0 {
			p.Name = s.nameOf(cl.PlaceID, cl.Name, lang) // the marker's label in the reader's language
		}
		if cl.Event != nil {
			p.ReportID, p.Title, p.Date = cl.Event.ReportID, cl.Event.Title, cl.Event.Date.String()
		}
		fc.Features = append(fc.Features, &geojson.FeatureOf[clusterProperties]{Type: "Feature", Geometry: cl.Point, Properties: p})
	}
	return writeJSON(c, http.StatusOK, mimeGeoJSON, fc)
}

// narrow keeps of f's events those inside view, and reports false when none can be: f's box and
// view do not meet. A box of f across the antimeridian is kept whole.
func narrow(f *report.EventFilter, view orb.Bound) bool {
	switch {
	case f.BBox != nil && report.CrossesAntimeridian(*f.BBox):
		view = *f.BBox // a filter across the antimeridian: its clusters whatever the view
	case f.BBox != nil:
		b := orb.Bound{
			Min: orb.Point{max(f.BBox.Min.Lon(), view.Min.Lon()), max(f.BBox.Min.Lat(), view.Min.Lat())},
			Max: orb.Point{min(f.BBox.Max.Lon(), view.Max.Lon()), min(f.BBox.Max.Lat(), view.Max.Lat())},
		}
		if b.Min.Lon() > b.Max.Lon() || b.Min.Lat() > b.Max.Lat() {
			return false
		}
		view = b
	}
	f.BBox = &view
	return true
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
