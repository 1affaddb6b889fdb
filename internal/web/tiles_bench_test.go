package web_test

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/web"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// BenchmarkEventTile serves vector tiles over a million events (the database internal/sqlite's
// benchmarks build) at random places and zooms 2 to 10, of all events and of a month's, and reports
// the median and 99th percentile of the server's time.
func BenchmarkEventTile(b *testing.B) {
	store := benchStore(b)
	h := web.New(web.Config{Logger: slog.New(slog.DiscardHandler), Reports: store, Events: store})
	first := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, bc := range []struct {
		name  string
		query func(rng *rand.Rand) string
	}{
		{"all", func(*rand.Rand) string { return "" }},
		{"month", func(rng *rand.Rand) string {
			from := first.AddDate(0, 0, rng.IntN(3653-30))
			return "from=" + from.Format(time.DateOnly) + "&to=" + from.AddDate(0, 0, 29).Format(time.DateOnly)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(7, 8))
			var ds []time.Duration
			for b.Loop() {
				t := maptile.At(orb.Point{-180 + rng.Float64()*360, -60 + rng.Float64()*130}, maptile.Zoom(2+rng.IntN(9)))
				req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/tiles/events/%d/%d/%d.mvt?%s", t.Z, t.X, t.Y, bc.query(rng)), nil)
				req.Host = "localhost"
				rec := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(rec, req)
				ds = append(ds, time.Since(start))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", req.URL, rec.Code, rec.Body)
				}
			}
			slices.Sort(ds)
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
			b.ReportMetric(ms(ds[len(ds)/2]), "p50-ms")
			b.ReportMetric(ms(ds[len(ds)*99/100]), "p99-ms")
		})
	}
}
