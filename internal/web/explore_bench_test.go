package web_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/sqlite"
	"github.com/datelinehq/dateline/internal/web"
)

// benchStore opens the database of a million synthetic events that internal/sqlite's benchmarks
// build and cache under os.TempDir() (dateline-bench-1000000-*.db), the newest when there are several.
func benchStore(b *testing.B) *sqlite.Store {
	b.Helper()
	if testing.Short() {
		b.Skip("needs the database of a million events")
	}
	paths, _ := filepath.Glob(filepath.Join(os.TempDir(), "dateline-bench-1000000-*.db"))
	slices.SortFunc(paths, func(a, c string) int {
		ia, _ := os.Stat(a)
		ic, _ := os.Stat(c)
		return ic.ModTime().Compare(ia.ModTime())
	})
	if len(paths) == 0 {
		b.Skip("no cached database of a million events: build it with go test -run '^$' -bench Histogram ./internal/sqlite")
	}
	s, err := sqlite.Open(b.Context(), paths[0])
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkExplorePage renders the explore page through the real handler over a million events:
// the whole corpus, a month of it, and a box of the world over a quarter. It reports the median
// and 99th percentile of the server's time, and the page's weight (HTML, CSS, JS, gzip).
func BenchmarkExplorePage(b *testing.B) {
	store := benchStore(b)
	h := web.New(web.Config{Logger: slog.New(slog.DiscardHandler), Reports: store, Events: store})
	get := func(b *testing.B, path string, gz bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Host = "localhost" // the server answers loopback names and its public URL's only
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: status %d: %.300s", path, rec.Code, rec.Body)
		}
		return rec
	}
	first := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(rng *rand.Rand, span int) (string, string) {
		from := first.AddDate(0, 0, rng.IntN(3653-span))
		return from.Format(time.DateOnly), from.AddDate(0, 0, span-1).Format(time.DateOnly)
	}
	for _, bc := range []struct {
		name string
		path func(rng *rand.Rand) string
	}{
		{"all", func(*rand.Rand) string { return "/" }},
		{"month", func(rng *rand.Rand) string {
			from, to := day(rng, 30)
			return "/?from=" + from + "&to=" + to
		}},
		{"box-quarter", func(rng *rand.Rand) string {
			from, to := day(rng, 91)
			lon, lat := -180+rng.Float64()*340, -60+rng.Float64()*110
			return fmt.Sprintf("/?from=%s&to=%s&bbox=%.2f,%.2f,%.2f,%.2f", from, to, lon, lat, lon+20, lat+10)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(5, 6))
			var ds []time.Duration
			for b.Loop() {
				path := bc.path(rng)
				start := time.Now()
				get(b, path, false)
				ds = append(ds, time.Since(start))
			}
			slices.Sort(ds)
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
			b.ReportMetric(ms(ds[len(ds)/2]), "p50-ms")
			b.ReportMetric(ms(ds[len(ds)*99/100]), "p99-ms")
		})
	}
	b.Run("weight", func(b *testing.B) {
		var html, css, js int
		for b.Loop() {
			page := get(b, "/", true)
			html = gzipped(b, page)
			css, js = 0, 0
			body := gunzip(b, page.Body.Bytes())
			for _, m := range assetRef.FindAllSubmatch(body, -1) {
				n := gzipped(b, get(b, string(m[2]), true))
				if string(m[1]) == "href" {
					css += n
				} else {
					js += n
				}
			}
		}
		kb := func(n int) float64 { return float64(n) / 1000 }
		b.ReportMetric(kb(html), "html-gzip-KB")
		b.ReportMetric(kb(css), "css-gzip-KB")
		b.ReportMetric(kb(js), "js-gzip-KB")
		b.ReportMetric(kb(html+css+js), "page-gzip-KB")
	})
}

// assetRef finds the stylesheets and scripts of a page.
var assetRef = regexp.MustCompile(`<(?:link rel="stylesheet"|script) (href|src)="(/assets/[^"]+)"`)

// gzipped is the size of a response as sent, gzip-compressed when the server did not compress it.
func gzipped(b *testing.B, rec *httptest.ResponseRecorder) int {
	if rec.Header().Get("Content-Encoding") == "gzip" {
		return rec.Body.Len()
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, 6)
	zw.Write(rec.Body.Bytes())
	zw.Close()
	return buf.Len()
}

func gunzip(b *testing.B, body []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return body // not compressed
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	return out
}
