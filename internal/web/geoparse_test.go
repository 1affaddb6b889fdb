package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/paulmach/orb/geojson"
)

// TestGeoparseAPI: POST /api/geoparse answers the seed's places and dates as GeoJSON, from plain
// text, JSON and HTML, stores nothing, refuses what ingest refuses, and is a read for the access
// rules (a read-only token may use it; it needs no write token).
func TestGeoparseAPI(t *testing.T) {
	ts := newServer(t, nil)
	seed := readSeed(t)
	raw, _ := json.Marshal(map[string]string{"text": seed, "date": "2017-11-16", "lang": "fr"})
	for _, c := range []struct{ ctype, body string }{
		{"text/plain", seed},
		{"application/json", string(raw)},
		{"text/html", "<html><body><article><p>" + strings.ReplaceAll(seed, "\n\n", "</p><p>") + "</p></article></body></html>"},
	} {
		res, body := ts.do(t, http.MethodPost, "/api/geoparse", c.ctype, strings.NewReader(c.body))
		wantStatus(t, res, body, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != "application/geo+json" {
			t.Errorf("%s: Content-Type %q", c.ctype, ct)
		}
		fc, err := geojson.UnmarshalFeatureCollection(body)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, f := range fc.Features {
			names[f.Properties.MustString("text", "")] = f.Properties.MustString("date", "")
		}
		for _, want := range []string{"Raqqa", "Markada", "Abu Kamal"} {
			if _, ok := names[want]; !ok {
				t.Errorf("%s: no %s among %v", c.ctype, want, names)
			}
		}
		if c.ctype == "application/json" && !strings.HasPrefix(names["Raqqa"], "2017-11") {
			t.Errorf("Raqqa dated %q", names["Raqqa"])
		}
	}
	page, err := ts.store.QueryEvents(t.Context(), report.EventFilter{Limit: 1})
	if err != nil || page.Total != 0 {
		t.Errorf("geoparsing stored %d events (%v)", page.Total, err)
	}
	for _, c := range []struct {
		ctype, body string
		status      int
		msg         string
	}{
		{"text/plain", "   \n ", http.StatusUnprocessableEntity, "text is empty"},
		{"application/json", `{"text": "Raqqa"`, http.StatusBadRequest, "malformed JSON"},
		{"application/x-ndjson", `{"text": "Raqqa"}`, http.StatusUnsupportedMediaType, "not accepted"},
		{"text/plain", strings.Repeat("Raqqa ", 1<<20), http.StatusRequestEntityTooLarge, "limit"},
	} {
		res, body := ts.do(t, http.MethodPost, "/api/geoparse", c.ctype, strings.NewReader(c.body))
		wantError(t, res, body, c.status, c.msg)
		if c.status == http.StatusRequestEntityTooLarge {
			break
		}
	}
	// behind tokens: a read-only token geoparses, no token does not when reads need one
	guarded := newServer(t, func(cfg *web.Config) {
		cfg.WriteToken, cfg.ReadToken, cfg.Tokens = true, true, cfg.Reports.(web.TokenStore)
	})
	res, body := guarded.do(t, http.MethodPost, "/api/geoparse", "text/plain", strings.NewReader(seed))
	wantStatus(t, res, body, http.StatusUnauthorized)
	secret := newToken(t, guarded, "reader", true)
	res, body = guarded.do(t, http.MethodPost, "/api/geoparse", "text/plain", strings.NewReader(seed), "Authorization", "Bearer "+secret)
	wantStatus(t, res, body, http.StatusOK)
}
