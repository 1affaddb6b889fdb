package web

import (
	"context"
	"iter"
	"net/http"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// EventStore finds events: the place mentions of stored reports, and their aggregates for the
// timeline (Histogram), the map (Clusters) and place pages (GetPlace).
type EventStore interface {
	QueryEvents(ctx context.Context, f report.EventFilter) (report.EventPage, error)
	// Events streams the events f selects after the key after, by date then id (exports).
	Events(ctx context.Context, f report.EventFilter, after report.EventKey) iter.Seq2[report.Event, error]
	Histogram(ctx context.Context, f report.EventFilter, size report.BinSize) ([]report.Bin, error)
	Clusters(ctx context.Context, f report.EventFilter, zoom int) ([]report.Cluster, error)
	GetPlace(ctx context.Context, geonameid int64) (report.PlaceSummary, error)
}

func eventFeature(e *report.Event) *geojson.FeatureOf[report.FeatureProperties] {
	return &geojson.FeatureOf[report.FeatureProperties]{Type: "Feature", ID: e.MentionID,
		Geometry: e.Place.Point(), Properties: report.EventProperties(e)}
}

// listEvents is GET /api/events: a GeoJSON FeatureCollection of the events the query selects,
// sorted by date, with numberMatched and numberReturned as in OGC API Features.
// The parameters are the view's (viewquery.Query): bbox=minLon,minLat,maxLon,maxLat, from, to
// (dates, both included), q (words), place (a GeoNames id), country (ISO 3166-1 alpha-2, or a country's name), source,
// lang, and limit and offset to page.
func (s *Server) listEvents(c echo.Context) error {
	q, err := s.query.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	page, err := s.events.QueryEvents(c.Request().Context(), q.Filter())
	if err != nil {
		return err
	}
	fc := &geojson.FeatureCollectionOf[report.FeatureProperties]{Type: "FeatureCollection",
		Features: make([]*geojson.FeatureOf[report.FeatureProperties], 0, len(page.Events))}
	for i := range page.Events {
		fc.Features = append(fc.Features, eventFeature(&page.Events[i]))
	}
	fc.ExtraMembers = geojson.Properties{"numberMatched": page.Total, "numberReturned": len(page.Events)}
	return writeJSON(c, http.StatusOK, mimeGeoJSON, fc)
}
