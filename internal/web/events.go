package web

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// EventStore finds events: the place mentions of stored reports, and their aggregates for the
// timeline (Histogram), the map (Clusters) and place pages (GetPlace).
type EventStore interface {
	QueryEvents(ctx context.Context, f report.EventFilter) (report.EventPage, error)
	Histogram(ctx context.Context, f report.EventFilter, size report.BinSize) ([]report.Bin, error)
	Clusters(ctx context.Context, f report.EventFilter, zoom int) ([]report.Cluster, error)
	GetPlace(ctx context.Context, geonameid int64) (report.PlaceSummary, error)
}

func eventFeature(e *report.Event) *geojson.FeatureOf[report.FeatureProperties] {
	return &geojson.FeatureOf[report.FeatureProperties]{Type: "Feature", ID: e.MentionID,
		Geometry: orb.Point{e.Place.Lon, e.Place.Lat}, Properties: report.EventProperties(e)}
}

// listEvents is GET /api/events: a GeoJSON FeatureCollection of the events the query selects,
// sorted by date, with numberMatched and numberReturned as in OGC API Features.
// Parameters: bbox=minLon,minLat,maxLon,maxLat, from, to (dates, both included), q (words),
// place (a GeoNames id), country (ISO 3166-1 alpha-2), source, lang, limit, offset.
func (s *Server) listEvents(c echo.Context) error {
	f, err := eventFilter(c)
	if err != nil {
		return err
	}
	page, err := s.events.QueryEvents(c.Request().Context(), f)
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

// eventFilter reads the query parameters of listEvents.
func eventFilter(c echo.Context) (report.EventFilter, error) {
	f := report.EventFilter{
		Q:       strings.TrimSpace(c.QueryParam("q")),
		Country: c.QueryParam("country"),
		Source:  c.QueryParam("source"),
		Lang:    c.QueryParam("lang"),
	}
	var err error
	if f.From, f.To, err = dateRange(c); err != nil {
		return f, err
	}
	if f.Limit, err = intParam(c, "limit"); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(c, "offset"); err != nil {
		return f, err
	}
	if v := c.QueryParam("place"); v != "" {
		if f.PlaceID, err = strconv.ParseInt(v, 10, 64); err != nil || f.PlaceID <= 0 {
			return f, report.Errorf(report.Invalid, "place %q is not a GeoNames id", v)
		}
	}
	if v := c.QueryParam("bbox"); v != "" {
		if f.BBox, err = parseBBox(v); err != nil {
			return f, err
		}
	}
	return f, f.Normalize()
}

// parseBBox reads minLon,minLat,maxLon,maxLat.
func parseBBox(v string) (*orb.Bound, error) {
	parts := strings.Split(v, ",")
	var n [4]float64
	if len(parts) != 4 {
		return nil, report.Errorf(report.Invalid, "bbox %q is not minLon,minLat,maxLon,maxLat", v)
	}
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, report.Errorf(report.Invalid, "bbox %q is not minLon,minLat,maxLon,maxLat", v)
		}
		n[i] = x
	}
	return &orb.Bound{Min: orb.Point{n[0], n[1]}, Max: orb.Point{n[2], n[3]}}, nil
}
