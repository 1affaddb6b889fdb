package web_test

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/labstack/echo/v4"
)

// TestHeadAnswersAsGet: every GET route answers HEAD, with the GET's status and headers and
// no body, as `curl -I` sees it.
func TestHeadAnswersAsGet(t *testing.T) {
	ts := newDemoServer(t, nil)
	e := web.New(web.Config{}).(*echo.Echo)
	heads := map[string]bool{}
	for _, r := range e.Routes() {
		if r.Method == http.MethodHead {
			heads[r.Path] = true
		}
	}
	for _, r := range e.Routes() {
		if r.Method == http.MethodGet && !heads[r.Path] {
			t.Errorf("GET %s has no HEAD", r.Path)
		}
	}

	page, err := ts.store.ListReports(t.Context(), report.ReportFilter{Limit: 1})
	if err != nil || len(page.Reports) == 0 {
		t.Fatalf("a report: %v", err)
	}
	id := page.Reports[0].ID
	place := placeIDOf(t, ts, "Raqqa")
	paths := []string{
		"/", "/?from=2017-10-01&to=2017-10-31", "/embed/map", "/embed/timeline", "/embed", "/embed/map.svg",
		"/api/events", "/api/events?limit=2", "/api/reports", "/api/reports/" + id, "/reports/" + id,
		"/events.geojson", "/clusters.geojson?zoom=4&view=30,30,45,40", "/popup?place=" + place, "/map.svg",
		"/places/" + place, "/about", "/ingest", "/healthz", "/basemap/countries-110m.json", "/assets/static/app.css", "/assets/vendor/leaflet/leaflet.js",
		"/oembed?url=" + url.QueryEscape(ts.URL+"/embed/map"),
		"/reports/nosuchreport", "/?from=2017-13-45", // errors answer HEAD as GET does too
	}
	ignore := []string{"Date", "X-Request-Id"}
	for _, p := range paths {
		get, getBody := ts.do(t, http.MethodGet, p, "", nil, "Accept-Encoding", "gzip")
		head, headBody := ts.do(t, http.MethodHead, p, "", nil, "Accept-Encoding", "gzip")
		if head.StatusCode != get.StatusCode || len(headBody) != 0 {
			t.Errorf("HEAD %s: %d with %d bytes, GET %d", p, head.StatusCode, len(headBody), get.StatusCode)
		}
		if len(getBody) == 0 {
			t.Errorf("GET %s: no body", p)
		}
		gh, hh := get.Header.Clone(), head.Header.Clone()
		for _, k := range ignore {
			gh.Del(k)
			hh.Del(k)
		}
		if !maps.EqualFunc(gh, hh, slices.Equal) || head.ContentLength != get.ContentLength {
			t.Errorf("HEAD %s headers %v (length %d), GET's %v (length %d)", p, hh, head.ContentLength, gh, get.ContentLength)
		}
	}
}
