package web_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/web"
)

// BenchmarkOGCItems asks the real handler for a page of 1,000 items over a million events: with
// datetime (a month) and bbox (90 by 60 degrees; about 1,000 events); with a CQL2 filter, an OR
// of T_INTERSECTS of two months (about 16,000 events); and the first query again as a CQL2
// filter (S_INTERSECTS a BBOX AND T_INTERSECTS an INTERVAL). It reports the median and 99th
// percentile of the server's time (JSON encoding included, no network), and the mean
// numberMatched.
func BenchmarkOGCItems(b *testing.B) {
	store := benchStore(b)
	h := web.New(web.Config{Logger: slog.New(slog.DiscardHandler), Reports: store, Events: store})
	first := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	month := func(rng *rand.Rand) time.Time { return first.AddDate(0, rng.IntN(119), 0) }
	box := func(rng *rand.Rand) (w, s, e, n float64) {
		w, s = -180+rng.Float64()*270, -60+rng.Float64()*70
		return w, s, w + 90, s + 60
	}
	interval := func(m time.Time) string {
		return fmt.Sprintf("INTERVAL('%s', '%s')", m.Format(time.DateOnly), m.AddDate(0, 1, -1).Format(time.DateOnly))
	}
	for _, bc := range []struct {
		name  string
		query func(rng *rand.Rand) url.Values
	}{
		{"datetime-month-bbox", func(rng *rand.Rand) url.Values {
			w, s, e, n := box(rng)
			return url.Values{"datetime": {month(rng).Format("2006-01")}, "bbox": {fmt.Sprintf("%.2f,%.2f,%.2f,%.2f", w, s, e, n)}}
		}},
		{"cql2-or-t-intersects", func(rng *rand.Rand) url.Values {
			return url.Values{"filter": {"T_INTERSECTS(date, " + interval(month(rng)) + ") OR T_INTERSECTS(date, " + interval(month(rng)) + ")"}}
		}},
		{"cql2-or-t-intersects-and-country", func(rng *rand.Rand) url.Values {
			return url.Values{"filter": {"(T_INTERSECTS(date, " + interval(month(rng)) + ") OR T_INTERSECTS(date, " + interval(month(rng)) + ")) AND country_code IN ('AB', 'CD', 'EF')"}}
		}},
		{"cql2-t-intersects-or-country", func(rng *rand.Rand) url.Values {
			return url.Values{"filter": {"T_INTERSECTS(date, " + interval(month(rng)) + ") OR country_code = 'AB'"}}
		}},
		{"cql2-bbox-and-t-intersects", func(rng *rand.Rand) url.Values {
			w, s, e, n := box(rng)
			return url.Values{"filter": {fmt.Sprintf("S_INTERSECTS(geometry, BBOX(%.2f, %.2f, %.2f, %.2f)) AND T_INTERSECTS(date, %s)", w, s, e, n, interval(month(rng)))}}
		}},
	} {
		b.Run(bc.name, func(b *testing.B) { measureItems(b, h, itemsPath, 1000, bc.query) })
	}
	// A page after the first, by its cursor: the next pages of T_INTERSECTS a month OR a country.
	b.Run("cql2-t-intersects-or-country-next-page", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(9, 10))
		var nexts []url.Values
		for range 20 {
			v := url.Values{"limit": {"1000"}, "filter": {"T_INTERSECTS(date, " + interval(month(rng)) + ") OR country_code = 'AB'"}}
			req := httptest.NewRequest(http.MethodGet, itemsPath+"?"+v.Encode(), nil)
			req.Host = "localhost"
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var page struct{ Links []struct{ Rel, Href string } }
			if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
				b.Fatal(err)
			}
			for _, l := range page.Links {
				if l.Rel == "next" {
					u, err := url.Parse(l.Href)
					if err != nil {
						b.Fatal(err)
					}
					nexts = append(nexts, u.Query())
				}
			}
		}
		if len(nexts) == 0 {
			b.Fatal("no first page has a next page")
		}
		i := 0
		measureItems(b, h, itemsPath, 1000, func(*rand.Rand) url.Values {
			i++
			return maps.Clone(nexts[i%len(nexts)])
		})
	})
}

// BenchmarkOGCCollections asks the real handler for a page of the places and of the reports
// over a million events: the first 100 places of all the events, 100 places of a month's events
// (a random month; after a random place, as a client paging), and the newest 100 reports of a
// month, each a MultiPoint of its places. It reports the median and 99th percentile of the
// server's time, and the mean numberMatched.
func BenchmarkOGCCollections(b *testing.B) {
	store := benchStore(b)
	h := web.New(web.Config{Logger: slog.New(slog.DiscardHandler), Reports: store, Events: store})
	first := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	month := func(rng *rand.Rand) string { return first.AddDate(0, rng.IntN(119), 0).Format("2006-01") }
	for _, bc := range []struct {
		name, path string
		query      func(rng *rand.Rand) url.Values
	}{
		{"places-all", "/ogc/collections/places/items", func(*rand.Rand) url.Values { return url.Values{} }},
		{"places-month", "/ogc/collections/places/items", func(rng *rand.Rand) url.Values {
			return url.Values{"datetime": {month(rng)}}
		}},
		{"reports-month", "/ogc/collections/reports/items", func(rng *rand.Rand) url.Values {
			return url.Values{"datetime": {month(rng)}}
		}},
	} {
		b.Run(bc.name, func(b *testing.B) { measureItems(b, h, bc.path, 100, bc.query) })
	}
}

// measureItems asks h for pages of limit items at path, of the queries query makes, and reports
// the median and 99th percentile of the server's time (JSON encoding included, no network) and
// the mean numberMatched.
func measureItems(b *testing.B, h http.Handler, path string, limit int, query func(*rand.Rand) url.Values) {
	rng := rand.New(rand.NewPCG(7, 8))
	get := func() int {
		v := query(rng)
		v.Set("limit", strconv.Itoa(limit))
		req := httptest.NewRequest(http.MethodGet, path+"?"+v.Encode(), nil)
		req.Host = "localhost"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: status %d: %.300s", req.URL, rec.Code, rec.Body)
		}
		var page struct{ NumberMatched int }
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
			b.Fatal(err)
		}
		return page.NumberMatched
	}
	for range 10 { // warm the page cache
		get()
	}
	var ds []time.Duration
	matched := 0
	for b.Loop() {
		start := time.Now()
		matched += get()
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(ds[len(ds)/2]), "p50-ms")
	b.ReportMetric(ms(ds[len(ds)*99/100]), "p99-ms")
	b.ReportMetric(float64(matched)/float64(len(ds)), "matched")
}
