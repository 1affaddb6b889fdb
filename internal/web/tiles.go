package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
)

const (
	mimeMVT      = "application/vnd.mapbox-vector-tile"
	tileMaxZoom  = 20
	tileLayer    = "events"
	tileFinerBy  = 2 // a tile's clusters are the store's at two zooms more: cells of 16 of its pixels
	tileJSONPath = "/tiles/events.json"
)

// eventTile is GET /tiles/events/{z}/{x}/{y}.mvt?<the view's query>: the events of the view inside
// the tile, as a Mapbox Vector Tile of one layer, "events", whose points are the store's clusters
// at the tile's zoom plus two (cells of 16 of the tile's 256 pixels; the events at one place are
// one point): count, and the place (geonameid, name in the reader's language, kind) when the
// cell holds one place, and the event (report_id, title, date) when it holds one event.
func (s *Server) eventTile(c echo.Context) error {
	tile, err := parseTile(c.Param("z"), c.Param("x"), c.Param("y"))
	if err != nil {
		return err
	}
	_, f, err := s.viewQuery(c)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = 0, 0
	fc := geojson.NewFeatureCollection()
	if narrow(&f, tile.Bound()) {
		cs, err := s.events.Clusters(c.Request().Context(), f, min(int(tile.Z)+tileFinerBy, 22))
		if err != nil {
			return err
		}
		lang := locale(c).Lang
		for _, cl := range cs {
			if !tile.Bound().Contains(cl.Point) {
				continue // of a filter's box across the antimeridian, the part outside the tile
			}
			ft := geojson.NewFeature(cl.Point)
			ft.Properties["count"] = cl.Count
			if cl.PlaceID != 0 {
				ft.Properties["geonameid"], ft.Properties["name"], ft.Properties["kind"] = cl.PlaceID, s.nameOf(cl.PlaceID, cl.Name, lang), string(cl.Kind)
			}
			if cl.Event != nil {
				ft.ID = cl.Event.MentionID
				ft.Properties["report_id"], ft.Properties["title"], ft.Properties["date"] = cl.Event.ReportID, cl.Event.Title, cl.Event.Date.String()
			}
			fc.Append(ft)
		}
	}
	layers := mvt.NewLayers(map[string]*geojson.FeatureCollection{tileLayer: fc})
	layers.ProjectToTile(tile)
	layers.Clip(mvt.MapboxGLDefaultExtentBound)
	b, err := mvt.Marshal(layers)
	if err != nil {
		return fmt.Errorf("web: tile %d/%d/%d: %w", tile.Z, tile.X, tile.Y, err)
	}
	h := c.Response().Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Cache-Control", "public, max-age=60")
	return c.Blob(http.StatusOK, mimeMVT, b)
}

// parseTile reads a tile's zoom, column and row ("{y}.mvt"), each in its range.
func parseTile(zs, xs, ys string) (maptile.Tile, error) {
	ys, ok := strings.CutSuffix(ys, ".mvt")
	if !ok {
		return maptile.Tile{}, report.Errorf(report.Invalid, "a tile's path ends in {y}.mvt")
	}
	z, err := strconv.ParseUint(zs, 10, 8)
	if err != nil || z > tileMaxZoom {
		return maptile.Tile{}, report.Errorf(report.Invalid, "tile zoom %q: give a whole number from 0 to %d", zs, tileMaxZoom)
	}
	n := uint64(1) << z
	x, errX := strconv.ParseUint(xs, 10, 32)
	y, errY := strconv.ParseUint(ys, 10, 32)
	if errX != nil || errY != nil || x >= n || y >= n {
		return maptile.Tile{}, report.Errorf(report.Invalid, "tile %s/%s/%s: x and y are whole numbers below %d at zoom %d", zs, xs, ys, n, z)
	}
	return maptile.New(uint32(x), uint32(y), maptile.Zoom(z)), nil
}

// tileJSON is GET /tiles/events.json?<the view's query>: the TileJSON 3.0 document of the view's
// event tiles, for MapLibre, OpenLayers or QGIS.
func (s *Server) tileJSON(c echo.Context) error {
	q, _, err := s.viewQuery(c)
	if err != nil {
		return err
	}
	q.Page, q.Theme, q.UI, q.Map = 0, "", "", nil
	tiles := baseURL(c) + q.URL("/tiles/events/{z}/{x}/{y}.mvt")
	doc := map[string]any{
		"tilejson": "3.0.0",
		"name":     "Dateline events",
		"tiles":    []string{strings.NewReplacer("%7B", "{", "%7D", "}").Replace(tiles)},
		"minzoom":  0,
		"maxzoom":  tileMaxZoom,
		"bounds":   []float64{-180, -85.0511, 180, 85.0511},
		"vector_layers": []map[string]any{{
			"id": tileLayer, "minzoom": 0, "maxzoom": tileMaxZoom,
			"description": "the view's events, in clusters of 16 pixels of a tile; one place or one event when a cluster holds one",
			"fields": map[string]string{
				"count": "Number", "geonameid": "Number", "name": "String", "kind": "String",
				"report_id": "String", "title": "String", "date": "String",
			},
		}},
		"attribution": "Dateline; places: GeoNames (CC BY 4.0)",
	}
	c.Response().Header().Set("Access-Control-Allow-Origin", "*")
	return writeJSON(c, http.StatusOK, mimeJSON, doc)
}
