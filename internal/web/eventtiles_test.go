package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

// TestEventTiles: a tile's points count, together, the view's events inside the tile (as the store
// counts them with the tile as the box), each point inside the tile; the tiles follow the view's
// filters; the TileJSON names the tiles with the view's query; bad tiles are 400s.
func TestEventTiles(t *testing.T) {
	ts := newDemoServer(t, nil)
	for _, c := range []struct {
		tile  maptile.Tile
		query string
	}{
		{maptile.New(0, 0, 0), ""},
		{maptile.New(0, 0, 0), "from=2017-10-01&to=2017-10-31"},
		{maptile.At(orb.Point{39, 35.9}, 5), ""},
		{maptile.At(orb.Point{39, 35.9}, 9), "q=Raqqa"},
		{maptile.At(orb.Point{44.4, 35.5}, 12), ""},
		{maptile.At(orb.Point{-150, 60}, 4), ""}, // nothing there
	} {
		path := fmt.Sprintf("/tiles/events/%d/%d/%d.mvt?%s", c.tile.Z, c.tile.X, c.tile.Y, c.query)
		res, body := ts.do(t, http.MethodGet, path, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != "application/vnd.mapbox-vector-tile" {
			t.Errorf("%s: Content-Type %q", path, ct)
		}
		layers, err := mvt.Unmarshal(body)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		layers.ProjectToWGS84(c.tile)
		got := 0
		for _, l := range layers {
			if l.Name != "events" {
				t.Errorf("%s: a layer %q", path, l.Name)
			}
			for _, f := range l.Features {
				got += int(f.Properties.MustFloat64("count"))
				pt := f.Geometry.(orb.Point)
				if b := c.tile.Bound().Pad(1e-6); !b.Contains(pt) {
					t.Errorf("%s: a point at %v out of the tile %v", path, pt, c.tile.Bound())
				}
			}
		}
		q, err := parseView(c.query)
		if err != nil {
			t.Fatal(err)
		}
		box := c.tile.Bound()
		q.BBox, q.Limit = &box, 1
		page, err := ts.store.QueryEvents(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if got != page.Total {
			t.Errorf("%s: the tile counts %d events, the store %d", path, got, page.Total)
		}
		if c.query == "" && c.tile.Z < 10 && c.tile.Bound().Contains(orb.Point{39, 35.9}) && got == 0 {
			t.Errorf("%s: no events over Raqqa", path)
		}
	}
	res, body := ts.do(t, http.MethodGet, "/tiles/events.json?from=2017-10", "", nil)
	wantStatus(t, res, body, http.StatusOK)
	var doc struct {
		TileJSON string   `json:"tilejson"`
		Tiles    []string `json:"tiles"`
		Layers   []struct {
			ID string `json:"id"`
		} `json:"vector_layers"`
	}
	if err := json.Unmarshal(body, &doc); err != nil || doc.TileJSON != "3.0.0" || len(doc.Tiles) != 1 ||
		!strings.HasSuffix(doc.Tiles[0], "/tiles/events/{z}/{x}/{y}.mvt?from=2017-10") || len(doc.Layers) != 1 || doc.Layers[0].ID != "events" {
		t.Errorf("TileJSON: %s (%v)", body, err)
	}
	for path, msg := range map[string]string{
		"/tiles/events/1/2/0.mvt":          "below 2",
		"/tiles/events/21/0/0.mvt":         "zoom",
		"/tiles/events/a/0/0.mvt":          "zoom",
		"/tiles/events/0/0/0.png":          ".mvt",
		"/tiles/events/0/0/0.mvt?from=bad": "from",
	} {
		res, body := ts.do(t, http.MethodGet, path, "", nil)
		wantError(t, res, body, http.StatusBadRequest, msg)
	}
}

// parseView is the store's filter of a view's query string.
func parseView(query string) (report.EventFilter, error) {
	v, err := url.ParseQuery(query)
	if err != nil {
		return report.EventFilter{}, err
	}
	q, err := viewquery.Parse(v)
	if err != nil {
		return report.EventFilter{}, err
	}
	return q.Filter(), nil
}
