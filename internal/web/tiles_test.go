package web_test

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/datelinehq/dateline/views"
)

func TestTiles(t *testing.T) {
	const (
		url         = "https://tile.example/{z}/{x}/{y}.png?key=a&b=1"
		attribution = `© <a href="https://tile.example/">Example</a> & contributors`
	)
	pages := func(ts *testServer) []string {
		page, err := ts.store.QueryEvents(context.Background(), report.EventFilter{Limit: 1})
		if err != nil || len(page.Events) == 0 {
			t.Fatalf("no event: %v", err)
		}
		return []string{"/", "/embed/map", "/embed", "/places/" + placeIDOf(t, ts, "Raqqa"), "/reports/" + page.Events[0].ReportID}
	}
	t.Run("offline by default", func(t *testing.T) {
		ts := newDemoServer(t, nil)
		for _, path := range pages(ts) {
			if h := ts.page(t, path, http.StatusOK); strings.Contains(h, "data-tiles") || !strings.Contains(h, `class="map`) {
				t.Errorf("%s: a tile layer, or no map", path)
			}
		}
	})
	t.Run("a tile layer when given", func(t *testing.T) {
		ts := newDemoServer(t, func(c *web.Config) { c.Tiles = views.Tiles{URL: url, Attribution: attribution} })
		want := `data-tiles="` + html.EscapeString(url) + `" data-tiles-attribution="` + html.EscapeString(attribution) + `"`
		for _, path := range pages(ts) {
			if h := ts.page(t, path, http.StatusOK); !strings.Contains(h, want) {
				t.Errorf("%s: no %s", path, want)
			}
		}
	})
}
