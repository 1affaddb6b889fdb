package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/labstack/echo/v4"
)

// cspDirective is the value of one directive of the response's Content-Security-Policy.
func cspDirective(h http.Header, name string) string {
	for _, d := range strings.Split(h.Get("Content-Security-Policy"), ";") {
		if k, v, _ := strings.Cut(strings.TrimSpace(d), " "); k == name {
			return v
		}
	}
	return ""
}

// TestSecurityHeaders walks every registered GET route, a 404, a 405, a 413 and the static
// files: each response has the content policy, nosniff and a referrer policy.
func TestSecurityHeaders(t *testing.T) {
	ts := newDemoServer(t, func(c *web.Config) { c.MaxBodyBytes = 1 << 10 })
	page, err := ts.store.ListReports(t.Context(), report.ReportFilter{Limit: 1})
	if err != nil || len(page.Reports) == 0 {
		t.Fatal("no report", err)
	}
	params := map[string]string{":id": page.Reports[0].ID, ":file": "countries-110m.json", "*": "static/app.css"}
	placeID := placeIDOf(t, ts, "Raqqa")
	type probe struct{ method, path, body string }
	var probes []probe
	for _, r := range web.New(web.Config{}).(*echo.Echo).Routes() {
		if r.Method != http.MethodGet {
			continue
		}
		path := r.Path
		for k, v := range params {
			path = strings.ReplaceAll(path, k, v)
		}
		if strings.HasPrefix(r.Path, "/places/") {
			path = "/places/" + placeID
		}
		probes = append(probes, probe{http.MethodGet, path, ""})
	}
	probes = append(probes,
		probe{http.MethodGet, "/nothing-here", ""},                        // 404
		probe{http.MethodPut, "/api/events", ""},                          // 405
		probe{http.MethodPost, "/api/reports", strings.Repeat("x", 4096)}, // 413
		probe{http.MethodGet, "/assets/vendor/leaflet/leaflet.js", ""},
		probe{http.MethodGet, "/?from=2017-13-45", ""}, // 400
	)
	statuses := map[int]bool{}
	for _, p := range probes {
		res, body := ts.do(t, p.method, p.path, "text/plain", strings.NewReader(p.body), "Sec-Fetch-Site", "same-origin")
		statuses[res.StatusCode] = true
		want := map[string]string{"script-src": "'self'", "object-src": "'none'", "base-uri": "'none'", "default-src": "'self'"}
		for d, v := range want {
			if got := cspDirective(res.Header, d); got != v {
				t.Errorf("%s %s (%d): %s %q, want %q; %.80s", p.method, p.path, res.StatusCode, d, got, v, body)
			}
		}
		if fa := cspDirective(res.Header, "frame-ancestors"); fa == "" {
			t.Errorf("%s %s: no frame-ancestors", p.method, p.path)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s %s (%d): nosniff %q, referrer policy %q", p.method, p.path, res.StatusCode,
				res.Header.Get("X-Content-Type-Options"), res.Header.Get("Referrer-Policy"))
		}
	}
	for _, s := range []int{200, 400, 404, 405, 413} {
		if !statuses[s] {
			t.Errorf("no probe answered %d (got %v)", s, statuses)
		}
	}
	if len(probes) < 25 {
		t.Errorf("only %d probes", len(probes))
	}
}

// TestContentPolicyNamesTheTiles: with a tile server, its origin may serve the map's images.
func TestContentPolicyNamesTheTiles(t *testing.T) {
	ts := newServer(t, func(c *web.Config) { c.Tiles.URL = "https://{s}.tile.example.org/{z}/{x}/{y}.png" })
	res, _ := ts.do(t, http.MethodGet, "/", "", nil)
	if got := cspDirective(res.Header, "img-src"); got != "'self' data: https://*.tile.example.org" {
		t.Errorf("img-src %q", got)
	}
}
